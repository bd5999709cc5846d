import Foundation
import XCTest
import Slant

/// End-to-end tests of the built executables: train → model file → score → evaluate, and their error exits.
final class CLITests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the built `slant-*` executables (next to the test bundle).
    static let binDir: URL? = {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent()) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("slant-train").path) }
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// A test that cannot run here: a skip, except in CI (`CI=true`), where `.ci/run` installs every tool the
    /// tests use and the benchmark data is beside the clone, so a skip there is a failure that names what was
    /// missing.
    static func skip(_ reason: String) -> Error {
        ProcessInfo.processInfo.environment["CI"] == "true" ? UnexpectedSkip(description: "unexpected skip in CI: " + reason) : XCTSkip(reason)
    }

    struct UnexpectedSkip: Error, CustomStringConvertible { var description: String }

    func run(_ tool: String, _ args: [String], stdin: String? = nil, cwd: String? = nil, env: [String: String] = [:], absolute: Bool = false) throws -> Result {
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        let p = Process()
        p.executableURL = absolute ? URL(fileURLWithPath: tool) : bin.appendingPathComponent(tool)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var e = ProcessInfo.processInfo.environment
        e.removeValue(forKey: "SLANT_MODEL")
        for (k, v) in env { e[k] = v }
        p.environment = e
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = inp
        try p.run()
        let writer = Thread {
            if let s = stdin { inp.fileHandleForWriting.write(Data(s.utf8)) }
            try? inp.fileHandleForWriting.close()
        }
        writer.start()
        // Written by the reader thread only, and read after `done.wait()`: never at the same time.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "slant-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ s: String, _ name: String) -> String {
        let p = dir + "/" + name
        try! Data(s.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// A toy corpus: stance carried by a verb, a multi-label frame carried by topic words.
    func corpus(_ n: Int, seed: Int) -> String {
        var lines: [String] = []
        let pos = ["praised", "welcomed", "hailed", "backed"], neg = ["condemned", "attacked", "slammed", "rejected"]
        let topics = [("economy", "jobs taxes"), ("health", "hospital doctors"), ("crime", "police court")]
        var s = UInt64(seed)
        func next() -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int(s >> 33) }
        for i in 0..<n {
            let favor = next() % 2 == 0
            let t = topics[next() % 3]
            let verb = (favor ? pos : neg)[next() % 4]
            let text = "The council \(verb) the plan on \(t.1) said the mayor \(next() % 100)"
            lines.append("{\"id\": \"d\(seed)-\(i)\", \"text\": \"\(text)\", \"target\": \"plan\", \"labels\": {\"stance\": \"\(favor ? "favor" : "against")\", \"frames\": [\"\(t.0)\"]}}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Trains the toy corpus (200 records, 2^14 buckets) into `name` in the test's folder: with a dev split, or,
    /// given `stanceOptions`, with those options for `stance` and no dev split. Returns the model's path.
    func trainToy(_ name: String = "toy.slant", stanceOptions: String? = nil) throws -> String {
        let train = write(corpus(200, seed: 1), "train.jsonl")
        let model = dir + "/" + name
        let extra = stanceOptions.map { ["--task-options", "stance=" + $0] } ?? ["--dev", write(corpus(60, seed: 2), "dev.jsonl")]
        let r = try run("slant-train", ["--data", train, "--output", model, "--bits", "14"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("task stance (single-label): against"), r.stderr)
        XCTAssertTrue(r.stderr.contains("wrote \(model)"), r.stderr)
        return model
    }

    /// Runs a shell command line; the slant executables are on its PATH.
    func shell(_ line: String) throws -> Result {
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        return try run("/bin/sh", ["-c", line], env: ["PATH": bin.path + ":/usr/bin:/bin"], absolute: true)
    }

    /// `--mask-names` end to end: a feature set that reads capitalised words inside sentences as one word is
    /// stored in the model (format version 6), and scoring and evaluation read it.
    func testMaskNamesTrainScoreEvaluate() throws {
        let model = try trainToy("masked.slant", stanceOptions: "--mask-names --ngrams 2")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model))[8], 6, "a model that masks names is format version 6")
        let test = write(corpus(50, seed: 3) + "{\"id\": \"n\", \"text\": \"The council backed the plan on Monday said Mayor Ruiz\"}\n", "test.jsonl")
        let s = try run("slant-score", ["--model", model, "--task", "stance", test])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout.split(separator: "\n").count, 51)
        let e = try run("slant-eval", ["--model", model, "--data", test, "--task", "stance", "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        let stance = (json["tasks"] as! [String: [String: Any]])["stance"]!
        XCTAssertGreaterThan(stance["accuracy"] as! Double, 0.9, "the toy corpus's verbs still decide")
    }

    /// `--stop-words` end to end: the words are stored in the model (format version 7), scoring reads texts
    /// that differ only in them the same, no feature names them, and a bad list is a usage error that quotes it.
    func testStopWordsTrainScoreEvaluate() throws {
        let model = try trainToy("stop.slant", stanceOptions: "--stop-words honorifics,council --ngrams 2 --namespaces text,title")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model))[8], 7, "a model with stop words is format version 7")
        let probes = "{\"id\": \"a\", \"text\": \"The council praised the plan said Mr. Lee\", \"target\": \"plan\"}\n{\"id\": \"b\", \"text\": \"The praised the plan said Lee\", \"target\": \"plan\"}\n"
        let s = try run("slant-score", ["--model", model, "--task", "stance", "--explain", "50", write(probes, "probes.jsonl")])
        XCTAssertEqual(s.status, 0, s.stderr)
        let out = s.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.count, 2)
        let stance = out.map { $0["stance"] as! [String: Any] }
        XCTAssertEqual(stance[0]["scores"] as! [String: Double], stance[1]["scores"] as! [String: Double])
        let features = (stance[0]["explain"] as! [[String: Any]]).map { $0["feature"] as! String }
        XCTAssertTrue(features.contains("text:said lee"), "\(features)")
        XCTAssertFalse(features.contains { $0.contains("mr") || $0.contains("council") }, "\(features)")
        let e = try run("slant-eval", ["--model", model, "--data", write(corpus(50, seed: 3), "test.jsonl"), "--task", "stance", "--json", "--by-source"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let groups = (((try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any])["tasks"] as! [String: Any])["stance"] as! [String: Any])["by_source"] as! [[String: Any]]
        XCTAssertEqual(groups.map { $0["source"] as! String }, ["(no source)"], "records without a source form one group")
        XCTAssertEqual(groups.first?["n"] as? Int, 50)
        let bad = try run("slant-train", ["--data", dir + "/train.jsonl", "--output", dir + "/bad.slant", "--stop-words", "mr,new york"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("'new york' is not one word"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bad.slant"))
    }

    /// `--verb-frames` end to end: the verbs are stored in the model (format version 8), scoring explains with
    /// the roles namespace's features ("the council condemned the plan": the plan is the theme of a verb the
    /// writer casts its theme badly with), evaluation reads the model, and a bad lexicon is refused with its
    /// file and line, writing no model.
    func testVerbRolesTrainScoreEvaluate() throws {
        let frames = write("verb\twriter_perspective(t)\twriter_perspective(a)\teffect(t)\teffect(a)\npraise\t0.8\t0.3\t0.7\t0.1\ncondemn\t-0.7\t-0.1\t-0.6\t0.0\nattack\t-0.5\t-0.4\t-0.6\t0.0\n", "frames.txt")
        let model = try trainToy("roles.slant", stanceOptions: "--namespaces text,target,context --verb-frames \(frames)")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model))[8], 8, "a model that reads verb roles is format version 8")
        let probes = "{\"id\": \"a\", \"text\": \"The council condemned the plan\", \"target\": \"plan\"}\n"
        let s = try run("slant-score", ["--model", model, "--task", "stance", "--explain", "60", write(probes, "probes.jsonl")])
        XCTAssertEqual(s.status, 0, s.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(s.stdout.utf8)) as! [String: Any]
        let stance = o["stance"] as! [String: Any]
        XCTAssertEqual(stance["label"] as? String, "against")
        let features = (stance["explain"] as! [[String: Any]]).map { $0["feature"] as! String }
        for f in ["roles:theme", "roles:writer_neg", "roles:effect_neg"] { XCTAssertTrue(features.contains(f), "\(f) in \(features)") }
        XCTAssertFalse(features.contains("roles:agent"), "\(features)")
        let e = try run("slant-eval", ["--model", model, "--data", write(corpus(50, seed: 3), "test.jsonl"), "--task", "stance", "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let bad = write("verb,agency,power\npraise,agency_pos,power_agent\ncondemn,agency_maybe,\n", "bad.csv")
        let b = try run("slant-train", ["--data", dir + "/train.jsonl", "--output", dir + "/bad.slant", "--task-options", "stance=--verb-frames \(bad)"])
        XCTAssertEqual(b.status, 1, "a bad lexicon is a data error, not a usage error: \(b.stderr)")
        XCTAssertFalse(b.stderr.contains("Usage:"), b.stderr)
        XCTAssertFalse(b.stderr.contains("dev records"), "the lexicon is read before the data: \(b.stderr)")
        XCTAssertTrue(b.stderr.contains(bad + ":3: agency must be agency_pos, agency_neg, agency_equal or empty, got 'agency_maybe'"), b.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bad.slant"))
    }

    func testTrainScoreEvaluate() throws {
        let model = try trainToy()
        XCTAssertTrue(FileManager.default.fileExists(atPath: model))
        let test = write(corpus(50, seed: 3), "test.jsonl")
        let s = try run("slant-score", ["--model", model, test])
        XCTAssertEqual(s.status, 0, s.stderr)
        let lines = s.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 50)
        for (i, line) in lines.enumerated() {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            XCTAssertEqual(o["id"] as? String, "d3-\(i)")
            let stance = o["stance"] as! [String: Any]
            let scores = stance["scores"] as! [String: Double]
            XCTAssertEqual(Set(scores.keys), ["against", "favor"])
            XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-3)
            XCTAssertTrue(["against", "favor"].contains(stance["label"] as! String))
            let frames = o["frames"] as! [String: Any]
            XCTAssertNotNil(frames["labels"] as? [String])
        }
        let e = try run("slant-eval", ["--model", model, "--data", test, "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        let tasks = json["tasks"] as! [String: [String: Any]]
        XCTAssertEqual(tasks["stance"]?["n"] as? Int, 50)
        XCTAssertGreaterThan(tasks["stance"]?["accuracy"] as! Double, 0.9)
        XCTAssertGreaterThan(tasks["frames"]?["micro_f1"] as! Double, 0.9)
        XCTAssertNotNil(tasks["stance"]?["confusion"])
        let boot = try run("slant-eval", ["--model", model, "--data", test, "--json", "--bootstrap", "200"])
        let bj = try JSONSerialization.jsonObject(with: Data(boot.stdout.utf8)) as! [String: Any]
        let ci = ((bj["tasks"] as! [String: [String: Any]])["stance"]!["ci95"] as! [String: [Double]])["accuracy"]!
        XCTAssertTrue(ci[0] <= (tasks["stance"]?["accuracy"] as! Double) && ci[1] >= (tasks["stance"]?["accuracy"] as! Double), "\(ci)")
        let bt = try run("slant-eval", ["--model", model, "--data", test, "--bootstrap", "100"])
        XCTAssertTrue(bt.stdout.contains("[95% CI "), bt.stdout)
        let table = try run("slant-eval", ["--model", model, "--data", test, "--task", "stance"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("macro-F1"))
        XCTAssertTrue(table.stdout.contains("confusion (rows: gold, columns: predicted)"))
        XCTAssertFalse(table.stdout.contains("task frames"))
    }

    func testSameDataSameSeedSameBytes() throws {
        let train = write(corpus(120, seed: 5), "train.jsonl")
        for name in ["a", "b"] {
            let r = try run("slant-train", ["--data", train, "--output", dir + "/\(name).slant", "--bits", "12", "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "")
        }
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/a.slant"), FileManager.default.contents(atPath: dir + "/b.slant"))
    }

    /// `--topics`: trained end to end, stored in the model (format version 3), read back by slant-score and
    /// slant-eval, reproducible byte for byte.
    func testTopicSpaceEndToEnd() throws {
        let train = write(corpus(120, seed: 5), "train.jsonl")
        for name in ["t1", "t2"] {
            let r = try run("slant-train", ["--data", train, "--output", dir + "/\(name).slant", "--bits", "12", "--topics", "4", "--topic-bits", "9", "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let bytes = FileManager.default.contents(atPath: dir + "/t1.slant")!
        XCTAssertEqual(bytes, FileManager.default.contents(atPath: dir + "/t2.slant"))
        XCTAssertEqual(bytes[8], 3)
        let s = try run("slant-score", ["--model", dir + "/t1.slant", "--task", "stance", "--explain", "200", "--target", "plan"],
                        stdin: "The council slammed the plan after a vote\n")
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("text:topic_"), s.stdout)
        let test = write(corpus(40, seed: 3), "test.jsonl")
        let e = try run("slant-eval", ["--model", dir + "/t1.slant", "--data", test, "--task", "stance"])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("macro-F1"), e.stdout)
    }

    func testScoringFormatsStdinAndExplain() throws {
        let model = try trainToy()
        let plain = try run("slant-score", ["--model", model, "--task", "stance", "--explain", "3", "--target", "plan"],
                            stdin: "The council slammed the plan\n\n{\"id\": \"j\", \"text\": \"The council praised the plan\"}\n")
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let lines = plain.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0]["id"] as? String, "1")
        XCTAssertEqual((lines[0]["stance"] as! [String: Any])["label"] as? String, "against")
        XCTAssertEqual((lines[1]["stance"] as! [String: Any])["label"] as? String, "favor")
        XCTAssertNil(lines[0]["frames"])
        let explain = (lines[0]["stance"] as! [String: Any])["explain"] as! [[String: Any]]
        XCTAssertEqual(explain.count, 3)
        XCTAssertTrue(explain.contains { ($0["feature"] as? String)?.contains("slammed") == true }, "\(explain)")

        let csv = try run("slant-score", ["--model", model, "--format", "csv", "--target", "plan"], stdin: "The council praised the plan\n")
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(separator: "\n")
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[0].hasPrefix("id,frames,frames:crime"), String(rows[0]))
        let table = try run("slant-score", ["--model", model, "--format", "table", "--target", "plan"], stdin: "The council praised the plan\n")
        XCTAssertTrue(table.stdout.contains("favor ("), table.stdout)
    }

    func testPlainTextFilesAndThreadsKeepOrder() throws {
        let model = try trainToy()
        let a = write("City news\nThe council welcomed the plan today.", "a.txt")
        let b = write("More news\nThe council attacked the plan today.", "b.txt")
        let r = try run("slant-score", ["--model", model, "--title-first-line", "--target", "plan", a, b])
        XCTAssertEqual(r.status, 0, r.stderr)
        let ids = r.stdout.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        XCTAssertEqual(ids, ["a.txt", "b.txt"])
        let big = write(corpus(500, seed: 9), "big.jsonl")
        let one = try run("slant-score", ["--model", model, "--threads", "1", "--batch-size", "7", big])
        let two = try run("slant-score", ["--model", model, "--threads", "2", "--batch-size", "7", big])
        XCTAssertEqual(one.status, 0); XCTAssertEqual(two.status, 0)
        XCTAssertEqual(one.stdout, two.stdout)
        XCTAssertEqual(one.stdout.split(separator: "\n").count, 500)
    }

    func testCSVTraining() throws {
        func csv(_ ids: Range<Int>) -> String {
            var csv = "id,body,stance\n"
            for i in ids {
                let favor = i % 2 == 0
                csv += "\(i),\"The board, in a statement, \(favor ? "praised" : "condemned") the deal \(i)\",\(favor ? "favor" : "against")\n"
            }
            return csv
        }
        let path = write(csv(0..<80), "train.csv")
        let model = dir + "/csv.slant"
        // A column alone names a task of the same name ("stance=stance").
        let r = try run("slant-train", ["--data", path, "--text-column", "body", "--label-column", "stance", "--output", model, "--bits", "12"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for bad in [["=stance"], ["stance="], ["stance", "stance=body"]] {
            let u = try run("slant-train", ["--data", path, "--text-column", "body", "--output", dir + "/no.slant"] + bad.flatMap { ["--label-column", $0] })
            XCTAssertEqual(u.status, 64, u.stderr)
            XCTAssertTrue(u.stderr.contains(bad.count == 1 ? "--label-column takes TASK=COLUMN or COLUMN (the task named as the column), got '\(bad[0])'" : "--label-column names the task 'stance' twice"), u.stderr)
        }
        // Evaluated on rows the model never saw.
        let test = write(csv(80..<120), "test.csv")
        let e = try run("slant-eval", ["--model", model, "--data", test, "--text-column", "body", "--label-column", "stance=stance", "--json"])
        XCTAssertTrue(e.stdout.contains("\"n\":40"), e.stdout)
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stdout.contains("\"accuracy\":1"), e.stdout)
    }

    func testBadInputStopsWithFileAndLine() throws {
        let bad = write("{\"text\": \"fine\", \"labels\": {\"s\": \"a\"}}\n{\"text\": \"x\", \"labels\": \"oops\"}\n{\"text\": \"ok\", \"labels\": {\"s\": \"b\"}}\n", "bad.jsonl")
        let r = try run("slant-train", ["--data", bad, "--output", dir + "/m.slant", "--bits", "12"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(bad):2: \"labels\" must be an object, got string"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.slant"))

        let skip = try run("slant-train", ["--data", bad, "--output", dir + "/m.slant", "--bits", "12", "--skip-invalid"])
        XCTAssertEqual(skip.status, 0, skip.stderr)
        XCTAssertTrue(skip.stderr.contains("skipped 1 invalid record"), skip.stderr)
        XCTAssertTrue(skip.stderr.contains("\(bad):2:"), skip.stderr)

        // Scoring: lines before the error are written, then exit 1; with --skip-invalid every good line is scored.
        let s = try run("slant-score", ["--model", dir + "/m.slant", bad])
        XCTAssertEqual(s.status, 1)
        XCTAssertEqual(s.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(s.stderr.contains("bad.jsonl:2:"), s.stderr)
        let s2 = try run("slant-score", ["--model", dir + "/m.slant", "--skip-invalid", bad])
        XCTAssertEqual(s2.status, 0)
        XCTAssertEqual(s2.stdout.split(separator: "\n").count, 2)
        XCTAssertTrue(s2.stderr.contains("skipped 1 invalid record"), s2.stderr)
        // A file cut short (a gzip stream) stops the run, after the records before the cut; with --skip-invalid
        // the run goes on with the next file, lists the file with the skipped records, and ends with an error,
        // since the records after the cut are missing.
        let cut = dir + "/cut.jsonl.gz"
        let gz = try shell("printf '{\"text\": \"the budget passed\"}\\n%.0s' $(seq 200) | gzip -c | head -c 20 > '\(cut)'")   // no whole record
        XCTAssertEqual(gz.status, 0, gz.stderr)
        let stops = try run("slant-score", ["--model", dir + "/m.slant", cut, bad])
        XCTAssertEqual(stops.status, 1)
        XCTAssertTrue(stops.stderr.contains("\(cut): truncated or corrupt gzip data"), stops.stderr)
        XCTAssertEqual(stops.stdout.split(separator: "\n").count, 0, stops.stdout)
        let s3 = try run("slant-score", ["--model", dir + "/m.slant", "--skip-invalid", bad, cut, bad])
        XCTAssertEqual(s3.status, 1)
        XCTAssertEqual(s3.stdout.split(separator: "\n").count, 4, s3.stdout)   // both copies' good lines
        XCTAssertTrue(s3.stderr.contains("skipped 2 invalid records"), s3.stderr)
        XCTAssertTrue(s3.stderr.contains("1 file not read to the end (the records before each fault were scored):\n  \(cut): truncated or corrupt gzip data"), s3.stderr)
        XCTAssertTrue(s3.stderr.hasSuffix("slant-score: error: 1 input file was not read to the end (listed above): the records after each fault are missing from the output\n"), s3.stderr)
    }

    func testEvalRefusesUnknownLabels() throws {
        let model = try trainToy()
        let data = write("{\"text\": \"The council praised it\", \"labels\": {\"stance\": \"favor\"}}\n{\"text\": \"x y\", \"labels\": {\"stance\": \"neutral\"}}\n", "e.jsonl")
        let r = try run("slant-eval", ["--model", model, "--data", data])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("e.jsonl:2: label \"neutral\" of task stance is not one the model knows (against, favor)"), r.stderr)
        let s = try run("slant-eval", ["--model", model, "--data", data, "--skip-invalid", "--json"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("\"n\":1"), s.stdout)
        XCTAssertTrue(s.stderr.contains("skipped 1"), s.stderr)
    }

    func testCorruptAndMissingModelsAreRefused() throws {
        let model = try trainToy()
        var bytes = [UInt8](FileManager.default.contents(atPath: model)!)
        bytes[bytes.count / 2] ^= 0xFF
        let corrupt = dir + "/corrupt.slant"
        try! Data(bytes).write(to: URL(fileURLWithPath: corrupt))
        let r = try run("slant-score", ["--model", corrupt], stdin: "text\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("corrupt.slant: not a usable Slant model: checksum mismatch"), r.stderr)
        let notModel = write("hello", "x.slant")
        let n = try run("slant-eval", ["--model", notModel, "--data", notModel])
        XCTAssertEqual(n.status, 1)
        XCTAssertTrue(n.stderr.contains("not a Slant model"), n.stderr)
        let missing = try run("slant-score", ["--model", dir + "/nope.slant"], stdin: "x\n")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nope.slant: cannot open the model"), missing.stderr)
    }

    /// Every program says which Slant it is (to cite beside scores), on stdout, with status 0.
    func testVersion() throws {
        for tool in ["slant-train", "slant-score", "slant-eval", "slant-report"] {
            let r = try run(tool, ["--version"], stdin: "")
            XCTAssertEqual(r.status, 0, "\(tool): \(r.stderr)")
            XCTAssertEqual(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), Slant.version, tool)
        }
    }

    func testUsageErrorsQuoteTheBadValue() throws {
        let r = try run("slant-score", ["--format", "xml"], stdin: "")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--format must be one of jsonl, csv, table, text, got 'xml'"), r.stderr)
        let t = try run("slant-train", ["--data", "x.jsonl", "--output", "m", "--optimizer", "sgd"])
        XCTAssertNotEqual(t.status, 0)
        XCTAssertTrue(t.stderr.contains("--optimizer must be lbfgs or adagrad, got 'sgd'"), t.stderr)
        let l = try run("slant-train", ["--data", "x.jsonl", "--output", "m", "--label-thresholds", "each"])
        XCTAssertEqual(l.status, 64)
        XCTAssertTrue(l.stderr.contains("--label-thresholds must be shared or per-label, got 'each'"), l.stderr)
        let lt = try run("slant-train", ["--data", "x.jsonl", "--output", "m", "--task-options", "frames=--label-thresholds each"])
        XCTAssertEqual(lt.status, 64)
        XCTAssertTrue(lt.stderr.contains("--label-thresholds must be shared or per-label, got 'each'"), lt.stderr)
        let u = try run("slant-train", ["--data", dir + "/absent.jsonl", "--output", dir + "/m"])
        XCTAssertEqual(u.status, 1)
        XCTAssertTrue(u.stderr.contains("absent.jsonl: No such file or directory"), u.stderr)
    }

    func testCrossValidationSearchAndTaskOptions() throws {
        let train = write(corpus(150, seed: 11), "train.jsonl")
        let dev = write(corpus(60, seed: 12), "dev.jsonl")
        let cv = try run("slant-train", ["--data", train, "--folds", "3", "--json", "--bits", "12"])
        XCTAssertEqual(cv.status, 0, cv.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(cv.stdout.utf8)) as! [String: Any]
        let stance = (json["tasks"] as! [String: [String: Any]])["stance"]!
        XCTAssertEqual(stance["n"] as? Int, 150)
        XCTAssertTrue(cv.stderr.contains("repeat 3/3, fold 3/3"), cv.stderr)
        let folds = stance["folds"] as! [String: [String: Any]]
        XCTAssertEqual(folds["accuracy"]?["n"] as? Int, 9, "3 repeats × 3 folds")
        XCTAssertNotNil(folds["macro_f1"]?["sd"] as? Double)
        // Every fold's score is printed, in order, for paired comparisons between settings.
        let line = cv.stderr.split(separator: "\n").first { $0.hasPrefix("fold scores") }
        let values = line.map { $0.split(separator: ":").last!.split(separator: " ").compactMap { Double($0) } } ?? []
        XCTAssertEqual(values.count, 9, cv.stderr)
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        // By source, with the outlets as folds: each outlet's out-of-fold predictions, every record in one group.
        let sourced = write(corpus(150, seed: 11).split(separator: "\n").enumerated().map { i, l in
            "{\"source\": \"outlet\(i % 5)\", " + l.dropFirst() }.joined(separator: "\n") + "\n", "sourced.jsonl")
        let bySource = try run("slant-train", ["--data", sourced, "--folds", "5", "--repeats", "1", "--group-by", "source", "--by-source", "--json", "--bits", "12"])
        XCTAssertEqual(bySource.status, 0, bySource.stderr)
        let groups = ((try JSONSerialization.jsonObject(with: Data(bySource.stdout.utf8)) as! [String: Any])["tasks"] as! [String: [String: Any]])["stance"]?["by_source"] as? [[String: Any]]
        XCTAssertEqual(Set((groups ?? []).map { $0["source"] as! String }), Set((0..<5).map { "outlet\($0)" }))
        XCTAssertEqual((groups ?? []).map { $0["n"] as! Int }.reduce(0, +), 150)
        let alone = try run("slant-train", ["--data", train, "--by-source", "--output", dir + "/b.slant"])
        XCTAssertEqual(alone.status, 64)
        XCTAssertTrue(alone.stderr.contains("--by-source goes with --folds"), alone.stderr)

        let model = dir + "/s.slant"
        let search = try run("slant-train", ["--data", train, "--dev", dev, "--search", "--folds", "3", "--repeats", "2", "--bits", "12", "--output", model])
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertTrue(search.stderr.contains("searching 12 settings by 2 × 3-fold cross-validation (dev reported, not used to choose)"), search.stderr)
        XCTAssertTrue(search.stderr.contains("over 6 folds, dev "), search.stderr)
        XCTAssertTrue(search.stderr.contains("chosen (one-standard-error rule, simplest within one SE of the best): --l2"), search.stderr)

        let per = dir + "/p.slant"
        let t = try run("slant-train", ["--data", train, "--output", per, "--bits", "12",
                                        "--task-options", "stance=--bits 12 --char-ngrams 2-4 --l2 0.5 --optimizer adagrad --epochs 3"])
        XCTAssertEqual(t.status, 0, t.stderr)
        let s = try run("slant-score", ["--model", per, "--explain", "2", "--target", "plan"], stdin: "The council praised the plan\n")
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("\"stance\":{\"label\":\"favor\""), s.stdout)
        // NB-SVM scaling, per task: trains, scores, and is recorded in the model.
        let nb = dir + "/nb.slant"
        let n = try run("slant-train", ["--data", train, "--output", nb, "--bits", "12", "--quiet", "--task-options", "stance=--nb-scaling"])
        XCTAssertEqual(n.status, 0, n.stderr)
        let ns = try run("slant-score", ["--model", nb, "--target", "plan"], stdin: "The council praised the plan\n")
        XCTAssertTrue(ns.stdout.contains("\"stance\":{\"label\":\"favor\""), ns.stdout)
        XCTAssertTrue(String(decoding: FileManager.default.contents(atPath: nb)!.prefix(4000), as: UTF8.self).contains("nb_scaling.stance"))
        let bad = try run("slant-train", ["--data", train, "--output", per, "--task-options", "stance=--char-ngrams 9-2"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--task-options for stance"), bad.stderr)
    }

    /// A real benchmark, small: GVFC headlines (skips when ../shared/datasets is absent).
    func testSharedGVFCSubset() throws {
        let path = Self.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/gvfc/train.jsonl").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw Self.skip("../shared/datasets is absent: skipping the GVFC check")
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let train = write(lines[0..<700].joined(separator: "\n"), "g-train.jsonl")
        let test = write(lines[700...].joined(separator: "\n"), "g-test.jsonl")
        let model = dir + "/g.slant"
        let t = try run("slant-train", ["--data", train, "--task", "gun_frame", "--output", model, "--bits", "16", "--quiet"])
        XCTAssertEqual(t.status, 0, t.stderr)
        let e = try run("slant-eval", ["--model", model, "--data", test, "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        let g = (json["tasks"] as! [String: [String: Any]])["gun_frame"]!
        // 9 frames; the majority class is about a quarter of the headlines. A working model does far better.
        XCTAssertGreaterThan(g["accuracy"] as! Double, 0.45)
    }
}

extension CLITests {
    /// `slant-score --keep`: named input fields (JSONL keys, CSV columns) are copied into each output record
    /// after its id, in the order given, whatever their JSON type; a field a record lacks is null (an empty CSV
    /// cell); names the output already uses are refused.
    func testKeepCopiesInputFields() throws {
        let model = try trainToy()
        let data = write("""
        {"id": "a", "text": "The council praised the plan on jobs", "target": "plan", "source": "Outlet A", "date": "2020-01-02", "n": 3, "tags": ["x", "y"]}
        {"id": "b", "text": "The council attacked the plan on taxes", "target": "plan", "source": "Outlet, B"}

        """, "keep.jsonl")
        let r = try run("slant-score", ["--model", model, "--keep", "source,date", "--keep", "n", "--keep", "tags", data])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("{\"id\":\"a\",\"source\":\"Outlet A\",\"date\":\"2020-01-02\",\"n\":3,\"tags\":[\"x\",\"y\"],\"frames\":"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("{\"id\":\"b\",\"source\":\"Outlet, B\",\"date\":null,\"n\":null,\"tags\":null,\"frames\":"), lines[1])
        let csv = try run("slant-score", ["--model", model, "--keep", "source,date", "--format", "csv", data])
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(rows[0].hasPrefix("id,source,date,frames,"), rows[0])
        XCTAssertTrue(rows[1].hasPrefix("a,Outlet A,2020-01-02,"), rows[1])
        XCTAssertTrue(rows[2].hasPrefix("b,\"Outlet, B\",,"), rows[2])
        // CSV input: kept columns come from the header.
        let table = write("id,body,outlet\n1,The council praised the plan,Outlet C\n", "keep.csv")
        let fromCSV = try run("slant-score", ["--model", model, "--text-column", "body", "--target", "plan", "--keep", "outlet,missing", table])
        XCTAssertEqual(fromCSV.status, 0, fromCSV.stderr)
        XCTAssertTrue(fromCSV.stdout.hasPrefix("{\"id\":\"1\",\"outlet\":\"Outlet C\",\"missing\":null,"), fromCSV.stdout)
        let text = try run("slant-score", ["--model", model, "--keep", "source", "--format", "text", data])
        XCTAssertTrue(text.stdout.hasPrefix("a\n  source: Outlet A\n"), text.stdout)
        for (bad, message) in [("id", "--keep id: the output already has \"id\""), ("stance", "--keep stance: the output already has the head \"stance\""),
                               ("source,,date", "--keep takes field names separated by commas, got an empty name"), ("a,a", "--keep names \"a\" twice")] {
            let e = try run("slant-score", ["--model", model, "--keep", bad, data])
            XCTAssertNotEqual(e.status, 0, bad)
            XCTAssertTrue(e.stderr.contains(message), "\(bad): \(e.stderr)")
            XCTAssertTrue(e.stdout.isEmpty, bad)
        }
    }
}
