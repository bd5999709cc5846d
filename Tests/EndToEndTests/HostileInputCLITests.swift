import Foundation
import XCTest

/// End-to-end tests of hostile input (issue 10).
extension CLITests {
    /// Issue 10: a failed write is an error with exit status 1, and a truncated gzip stream stops reading with
    /// an error (the records before the cut are still scored), in every program.
    func testWriteErrorsAndTruncatedGzipFail() throws {
        let model = try trainToy()
        let test = write(corpus(400, seed: 3), "test.jsonl")
        for line in ["slant-score --model '\(model)' --target plan '\(test)' > /dev/full",
                     "slant-eval --model '\(model)' --data '\(test)' > /dev/full",
                     "slant-train --data '\(test)' --folds 2 --bits 12 --quiet > /dev/full"] {
            let r = try shell(line)
            XCTAssertEqual(r.status, 1, line)
            XCTAssertTrue(r.stderr.contains("standard output: write failed"), r.stderr)
        }
        // Stderr on a full disk too (what it says is lost, so exit status 1, not a trap: it used to end in SIGILL);
        // and both at once. A run that writes nothing to stderr has lost nothing.
        let folder = dir + "/texts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = write("A text about the council and its budget.", "texts/a.txt")
        _ = write("x", "texts/photo.jpg")   // said on stderr: left out
        for line in ["slant-score --model '\(model)' --target plan '\(folder)' 2> /dev/full > /dev/null",
                     "slant-score --model '\(model)' --target plan '\(test)' > /dev/full 2> /dev/full",
                     "slant-train --data '\(test)' --bits 12 --output '\(dir)/y.slant' 2> /dev/full"] {
            XCTAssertEqual(try shell(line).status, 1, line)
        }
        let quiet = "slant-score --model '\(model)' --target plan --task stance '\(test)'"
        XCTAssertEqual(try shell(quiet + " > /dev/null").stderr, "")
        XCTAssertEqual(try shell(quiet + " 2> /dev/full > /dev/null").status, 0)
        let cut = dir + "/cut.jsonl.gz"
        XCTAssertEqual(try shell("gzip -c '\(test)' | head -c 3000 > '\(cut)'").status, 0)
        for line in ["slant-score --model '\(model)' --target plan '\(cut)'", "cat '\(cut)' | slant-score --model '\(model)' --target plan",
                     "slant-eval --model '\(model)' --data '\(cut)'", "slant-train --data '\(cut)' --bits 12 --output '\(dir)/x.slant'"] {
            let r = try shell(line)
            XCTAssertEqual(r.status, 1, line)
            XCTAssertTrue(r.stderr.contains("truncated"), line + ": " + r.stderr)
            // The message names the file (or "-"), not the descriptor zlib read it through.
            XCTAssertFalse(r.stderr.contains("<fd:"), line + ": " + r.stderr)
            if !line.hasPrefix("cat") { XCTAssertTrue(r.stderr.contains("cut.jsonl.gz: truncated"), line + ": " + r.stderr) }
        }
        let partial = try shell("slant-score --model '\(model)' --target plan '\(cut)'")
        XCTAssertGreaterThan(partial.stdout.split(separator: "\n").count, 10, "records before the cut are still written")
    }

    /// Issue 10: NaN and infinity are refused in options, thread counts are capped, and cross-validation
    /// refuses a task that one fold holds entirely instead of trapping or mixing up tasks.
    func testNonFiniteOptionsThreadsAndCrossValidationTasks() throws {
        let train = write(corpus(60, seed: 21), "train.jsonl")
        for (args, fragment) in [(["--learning-rate", "inf"], "--learning-rate must be a positive finite number"),
                                 (["--task-l2", "stance=nan"], "the L2 of task stance (--task-l2 or --task-options --l2) must be a non-negative finite number, got nan"),
                                 (["--namespace-weight", "text=inf"], "positive finite weight"),
                                 (["--l2", "nan"], "--l2 must be a non-negative finite number, got nan"),
                                 (["--task-options", "stance=--l2 inf"], "the L2 of task stance (--task-l2 or --task-options --l2) must be a non-negative finite number, got inf"),
                                 (["--threads", "100000"], "--threads must be between 1 and"),
                                 (["--outlet-filter", "nan"], "--outlet-filter (every task) is the share of a feature's documents from one outlet at which it is dropped, in (0, 1], got nan"),
                                 (["--task-options", "stance=--outlet-filter 1.5"], "--outlet-filter (stance)"),
                                 (["--group-balance", "nan"], "--group-balance (every task) is the exponent α of the row weights n_g^−α (n_g: the rows from the row's source), in [0, 1], got nan"),
                                 (["--task-options", "stance=--group-balance 1.5"], "--group-balance (stance)"),
                                 (["--actor-max-sentences", "0"], "--actor-max-sentences must be at least 1, got 0"),
                                 (["--topics", "300"], "--topics must be between 0 (off) and 256, got 300"),
                                 (["--topics", "8", "--topic-bits", "30"], "--topic-bits must be between 8 and 20, got 30"),
                                 (["--topics", "256", "--topic-bits", "20"], "is a 1024 MiB matrix; at most 256 MiB is allowed"),
                                 (["--topics", "8", "--namespaces", "title"], "add text to --namespaces"),
                                 (["--actor-pronouns"], "give --actor-data"),
                                 (["--actor-balance", "0.5"], "give --actor-data"),
                                 (["--actor-balance", "2", "--actor-data", train], "--actor-balance must be between 0 and 1, got 2.0"),
                                 (["--actor-omit-features", "vader_text"], "give --actor-data"),
                                 (["--actor-omit-features", "vader", "--actor-data", train], "--actor-omit-features: 'vader' is not an aggregator feature; they are mean_negative, "),
                                 (["--actor-omit-features", "vader_text,", "--actor-data", train], "--actor-omit-features: '' is not an aggregator feature"),
                                 (["--actor-omit-features", "mean_negative,mean_neutral,mean_positive,max_score,min_score,share_negative,share_positive,vader_mentions,vader_text,first_score,log_mentions", "--actor-data", train], "--actor-omit-features leaves the aggregator no feature to read"),
                                 (["--drop-unseen", "--no-idf"], "--drop-unseen sets IDF values, so it needs --idf (got --no-idf)"),
                                 (["--task-options", "stance=--drop-unseen --no-idf"], "--drop-unseen sets IDF values")] {
            let r = try run("slant-train", ["--data", train, "--output", dir + "/m.slant"] + args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(fragment), "\(args): \(r.stderr)")
        }
        // The outlet filter counts over the whole training set: not with --stream.
        let st = try run("slant-train", ["--data", train, "--output", dir + "/m.slant", "--stream", "--optimizer", "adagrad", "--outlet-filter", "0.5"])
        XCTAssertEqual(st.status, 64, st.stderr)
        XCTAssertTrue(st.stderr.contains("do not go with --stream"), st.stderr)
        let gb = try run("slant-train", ["--data", train, "--output", dir + "/m.slant", "--stream", "--optimizer", "adagrad", "--group-balance", "0.5"])
        XCTAssertEqual(gb.status, 64, gb.stderr)
        XCTAssertTrue(gb.stderr.contains("--group-balance counts each source's records over the whole training set"), gb.stderr)
        // A two-stage head on a label the task lacks is refused once the labels are known (after reading).
        let ts = try run("slant-train", ["--data", train, "--output", dir + "/m.slant", "--task-options", "stance=--two-stage nope"])
        XCTAssertEqual(ts.status, 1, ts.stderr)
        XCTAssertTrue(ts.stderr.contains("a two-stage head needs a single-label task with at least 3 labels, one of them \"nope\""), ts.stderr)
        let tst = try run("slant-train", ["--data", train, "--output", dir + "/m.slant", "--stream", "--optimizer", "adagrad", "--task-options", "stance=--two-stage x"])
        XCTAssertEqual(tst.status, 64, tst.stderr)
        XCTAssertTrue(tst.stderr.contains("--two-stage heads are fitted in memory"), tst.stderr)
        let tt = try run("slant-train", ["--data", train, "--output", dir + "/m.slant", "--stream", "--optimizer", "adagrad", "--task-options", "stance=--topics 8"])
        XCTAssertEqual(tt.status, 64, tt.stderr)
        XCTAssertTrue(tt.stderr.contains("--topics factorises the whole training matrix"), tt.stderr)
        // Each bad value alone, so that the message shows which one was refused.
        let threads = try run("slant-score", ["--threads", "100000"], stdin: "x\n")
        XCTAssertEqual(threads.status, 64, threads.stderr)
        XCTAssertTrue(threads.stderr.contains("--threads must be between 1 and"), threads.stderr)
        XCTAssertTrue(threads.stderr.contains("got 100000"), threads.stderr)
        let batch = try run("slant-score", ["--batch-size", "9223372036854775807"], stdin: "x\n")
        XCTAssertEqual(batch.status, 64, batch.stderr)
        XCTAssertTrue(batch.stderr.contains("--batch-size must be between 1 and 1000000, got 9223372036854775807"), batch.stderr)
        // Task "only" is labeled on one record, with one label: nothing to learn, refused before any fold.
        var lines = corpus(30, seed: 22).split(separator: "\n").map(String.init)
        lines.append("{\"id\": \"solo\", \"text\": \"a lone record\", \"labels\": {\"only\": \"yes\"}}")
        let data = write(lines.joined(separator: "\n") + "\n", "cv.jsonl")
        let cv = try run("slant-train", ["--data", data, "--folds", "3", "--bits", "12", "--quiet"])
        XCTAssertEqual(cv.status, 1, cv.stderr)
        XCTAssertTrue(cv.stderr.contains("task \"only\" has one label in the training data (\"yes\", 1 record)"), cv.stderr)
        // The example data (it trapped before: each fold's model has its own task order) has tasks labeled on
        // two records: with 3 folds both of target_stance's fall in one, refused with the task named, not a trap.
        let example = Self.repoRoot.path + "/datasets/examples/labeled.jsonl"
        let ex = try run("slant-train", ["--data", example, "--folds", "3", "--bits", "12", "--quiet"])
        XCTAssertEqual(ex.status, 1, ex.stderr)
        XCTAssertTrue(ex.stderr.contains("cross-validation: every record labeled for task \"target_stance\" (2) is in fold"), ex.stderr)
        XCTAssertTrue(ex.stdout.isEmpty, ex.stdout)
    }

    /// Issue 10: endless or huge input stops at the record limit; gzip on a slow pipe is still recognised;
    /// a missing second input keeps the first one's output; a FIFO is read once, not reopened to be hashed.
    func testHugeRecordsPipesAndFIFOs() throws {
        let model = try trainToy()
        let test = write(corpus(40, seed: 7), "t.jsonl")
        let zero = try shell("timeout 60 slant-score --model '\(model)' --max-record-bytes 100000 /dev/zero")
        XCTAssertEqual(zero.status, 1, zero.stderr)
        XCTAssertTrue(zero.stderr.contains("longer than the limit of 100000 bytes"), zero.stderr)
        let bomb = try shell("head -c 20000000 /dev/zero | gzip -c | timeout 60 slant-score --model '\(model)' --max-record-bytes 1000000")
        XCTAssertEqual(bomb.status, 1, bomb.stderr)
        XCTAssertTrue(bomb.stderr.contains("longer than the limit"), bomb.stderr)
        let slow = try shell("(printf '\\037'; sleep 0.3; gzip -c '\(test)' | tail -c +2) | slant-score --model '\(model)' --target plan")
        XCTAssertEqual(slow.status, 0, slow.stderr)
        XCTAssertEqual(slow.stdout.split(separator: "\n").count, 40)
        let two = try shell("slant-score --model '\(model)' --target plan '\(test)' '\(dir)/missing.jsonl'")
        XCTAssertEqual(two.status, 1, two.stderr)
        XCTAssertEqual(two.stdout.split(separator: "\n").count, 40, "the first input's output is kept")
        XCTAssertTrue(two.stderr.contains("missing.jsonl"), two.stderr)
        let train = write(corpus(80, seed: 8), "fifo-train.jsonl")
        let fifo = try shell("cd '\(dir)' && mkfifo f && (cat '\(train)' > f &) && timeout 60 slant-train --data f --bits 12 --quiet --output fifo.slant")
        XCTAssertEqual(fifo.status, 0, fifo.stderr)
        XCTAssertNotNil(try? Data(contentsOf: URL(fileURLWithPath: dir + "/fifo.slant")))
    }

}
