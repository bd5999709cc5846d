import Foundation
import XCTest

/// End-to-end tests of install, reports, Spark, GNU parallel and streamed training (issue 11).
extension CLITests {
    /// Issue 11: installed programs find the default model by the documented search order.
    func testInstalledProgramsFindTheirModel() throws {
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        let model = try trainToy()
        let fm = FileManager.default
        let prefix = dir + "/prefix"
        try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/share/slant", withIntermediateDirectories: true)
        try fm.copyItem(atPath: bin.appendingPathComponent("slant-score").path, toPath: prefix + "/bin/slant-score")
        try fm.copyItem(atPath: model, toPath: prefix + "/share/slant/default.slant")
        let elsewhere = dir + "/elsewhere"
        try fm.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let r = try run(prefix + "/bin/slant-score", ["--target", "plan"], stdin: "The council praised the plan\n", cwd: elsewhere, absolute: true)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"stance\""), r.stdout)
        // $SLANT_MODEL comes first, and a missing one is an error that names it.
        let bad = try run(prefix + "/bin/slant-score", [], stdin: "x\n", cwd: elsewhere, env: ["SLANT_MODEL": dir + "/nope.slant"], absolute: true)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("nope.slant"), bad.stderr)
        // Without any model the error lists where it looked.
        try fm.removeItem(atPath: prefix + "/share/slant/default.slant")
        let none = try run(prefix + "/bin/slant-score", [], stdin: "x\n", cwd: elsewhere, absolute: true)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("share/slant/default.slant"), none.stderr)
    }

    /// A folder of articles, one file each, is scored whole (path order, ids their paths inside it, files it
    /// cannot read named on stderr), and so is a list of files on stdin; the output is the same as the records'
    /// in one JSONL file. `slant-report` reads a folder of `slant-score`'s output, `slant-train` and `slant-eval`
    /// folders of labelled files.
    func testAFolderAndAListOfFilesAreScored() throws {
        let model = try trainToy()
        let fm = FileManager.default
        func write(_ text: String, to path: String) { XCTAssertTrue(fm.createFile(atPath: path, contents: Data(text.utf8)), path) }
        let corpus = dir + "/corpus"
        try fm.createDirectory(atPath: corpus + "/2024/02", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: corpus + "/2024/01", withIntermediateDirectories: true)
        write("A plan\nThe council praised the plan.\n", to: corpus + "/2024/02/a.txt")
        write("A vote\nThe mayor condemned the vote.\n", to: corpus + "/2024/01/a.txt")
        write("not an article", to: corpus + "/README.md")
        let folder = try run("slant-score", ["--model", model, "--title-first-line", "--format", "csv", corpus], cwd: dir)
        XCTAssertEqual(folder.status, 0, folder.stderr)
        let ids = folder.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        XCTAssertEqual(ids, ["2024/01/a.txt", "2024/02/a.txt"], folder.stdout)
        XCTAssertTrue(folder.stderr.contains("slant-score: \(corpus): left out 1 file whose name says no format Slant reads (README.md)"), folder.stderr)
        write("{\"id\": \"2024/01/a.txt\", \"title\": \"A vote\", \"text\": \"The mayor condemned the vote.\\n\"}\n{\"id\": \"2024/02/a.txt\", \"title\": \"A plan\", \"text\": \"The council praised the plan.\\n\"}\n", to: dir + "/same.jsonl")
        let jsonl = try run("slant-score", ["--model", model, "--format", "csv", dir + "/same.jsonl"], cwd: dir)
        XCTAssertEqual(jsonl.stdout, folder.stdout)
        let listed = try run("slant-score", ["--model", model, "--title-first-line", "--format", "csv", "--files-from", "-"],
                             stdin: "corpus/2024/02/a.txt\n# a comment\ncorpus/2024/01/a.txt\n", cwd: dir)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }, ["corpus/2024/02/a.txt", "corpus/2024/01/a.txt"])
        let empty = dir + "/empty"
        try fm.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try run("slant-score", ["--model", model, empty], cwd: dir)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("\(empty): the folder holds no file Slant reads"), none.stderr)
        let twice = try run("slant-score", ["--model", model, "--files-from", "-", "-"], stdin: "", cwd: dir)
        XCTAssertEqual(twice.status, 64, twice.stderr)
        // Output redirected into the folder being read would read its own scores back: refused, nothing read.
        let into = try shell("cd '\(dir)' && slant-score --model '\(model)' --title-first-line corpus > corpus/scores.jsonl")
        XCTAssertEqual(into.status, 1, into.stderr)
        XCTAssertTrue(into.stderr.contains("slant-score: error: corpus/scores.jsonl: both an input and the output"), into.stderr)
        let appended = try shell("cd '\(dir)' && slant-score --model '\(model)' same.jsonl >> same.jsonl")
        XCTAssertEqual(appended.status, 1, appended.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/same.jsonl", encoding: .utf8).split(separator: "\n").count, 2, "nothing appended")
        try fm.removeItem(atPath: corpus + "/scores.jsonl")
        // slant-report reads a folder of slant-score's output files, and only those.
        let scores = dir + "/scores"
        try fm.createDirectory(atPath: scores + "/b", withIntermediateDirectories: true)
        let out = try run("slant-score", ["--model", model, "--title-first-line", corpus], cwd: dir)
        write(out.stdout, to: scores + "/a.jsonl")
        write(out.stdout, to: scores + "/b/c.jsonl")
        write(folder.stdout, to: scores + "/table.csv")
        let both = try run("slant-report", [scores + "/a.jsonl", scores + "/b/c.jsonl"], cwd: dir)
        let walked = try run("slant-report", [scores], cwd: dir)
        XCTAssertEqual(walked.status, 0, walked.stderr)
        XCTAssertEqual(walked.stdout, both.stdout)
        XCTAssertTrue(walked.stdout.hasPrefix("4 articles"), walked.stdout)
        XCTAssertTrue(walked.stderr.contains("slant-report: \(scores): left out 1 file whose name says no format Slant reads (table.csv)"), walked.stderr)
        // slant-train and slant-eval read folders of labelled files: the model is the one the files give in path
        // order, byte for byte (a .txt, which has no labels, is left out and named).
        let shards = dir + "/shards"
        try fm.createDirectory(atPath: shards + "/b", withIntermediateDirectories: true)
        write(self.corpus(80, seed: 3), to: shards + "/a.jsonl")
        write(self.corpus(80, seed: 4), to: shards + "/b/c.jsonl")
        write("A note\n", to: shards + "/README.txt")
        let fromFolder = try run("slant-train", ["--data", "shards", "--bits", "12", "--output", "folder.slant"], cwd: dir)
        XCTAssertEqual(fromFolder.status, 0, fromFolder.stderr)
        XCTAssertTrue(fromFolder.stderr.contains("slant-train: shards: left out 1 file whose name says no format Slant reads (README.txt)"), fromFolder.stderr)
        let fromFiles = try run("slant-train", ["--data", "shards/a.jsonl", "shards/b/c.jsonl", "--bits", "12", "--output", "files.slant"], cwd: dir)
        XCTAssertEqual(fromFiles.status, 0, fromFiles.stderr)
        XCTAssertEqual(fm.contents(atPath: dir + "/folder.slant"), fm.contents(atPath: dir + "/files.slant"))
        let evalFolder = try run("slant-eval", ["--model", "folder.slant", "--data", "shards", "--json"], cwd: dir)
        let evalFiles = try run("slant-eval", ["--model", "folder.slant", "--data", "shards/a.jsonl", "shards/b/c.jsonl", "--json"], cwd: dir)
        XCTAssertEqual(evalFolder.status, 0, evalFolder.stderr)
        XCTAssertEqual(evalFolder.stdout, evalFiles.stdout)
    }

    /// Issue 11: `slant-eval --report` writes one self-contained page with one chart per task and kind, and
    /// `--compare` a paired bootstrap of two models that differ. Rendered in headless Chromium when installed.
    func testHTMLReportAndPairedComparison() throws {
        let train = write(corpus(200, seed: 31), "r-train.jsonl")
        let test = write(corpus(120, seed: 32), "r-test.jsonl")
        let good = dir + "/good.slant", weak = dir + "/weak.slant"
        XCTAssertEqual(try run("slant-train", ["--data", train, "--output", good, "--bits", "12", "--quiet"]).status, 0)
        // A much weaker model: character n-grams only, on 20 records, strongly regularised.
        let few = write(corpus(20, seed: 33), "few.jsonl")
        XCTAssertEqual(try run("slant-train", ["--data", few, "--output", weak, "--bits", "8", "--l2", "30", "--quiet"]).status, 0)
        let html = dir + "/report.html"
        let e = try run("slant-eval", ["--model", good, "--data", test, "--compare", weak, "--report", html, "--json", "--bootstrap", "300"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        let stance = (json["tasks"] as! [String: [String: Any]])["stance"]!
        let cmp = (stance["comparisons"] as! [String: [String: [String: Any]]])[weak]!["accuracy"]!
        let ci = cmp["ci95"] as! [Double]
        XCTAssertGreaterThan(cmp["difference"] as! Double, 0.1, "the good model is clearly better: \(cmp)")
        XCTAssertGreaterThan(ci[0], 0, "and the interval of the difference excludes 0: \(cmp)")
        XCTAssertLessThan(cmp["p"] as! Double, 0.05)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertFalse(page.contains("<script"), "no scripts")
        XCTAssertFalse(page.contains("http://") && page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"), "no network")
        for task in ["stance", "frames"] {
            let kinds = task == "stance" ? ["metrics", "confusion", "per-class", "reliability", "histogram", "comparison"]
                                         : ["metrics", "per-class", "reliability", "histogram", "comparison"]
            for k in ["metrics", "confusion", "per-class", "reliability", "histogram", "comparison"] {
                let n = page.components(separatedBy: "<figure data-task=\"\(task)\" data-chart=\"\(k)\">").count - 1
                XCTAssertEqual(n, kinds.contains(k) ? 1 : 0, "\(task) \(k)")
            }
        }
        XCTAssertEqual(page.components(separatedBy: "<svg").count - 1, page.components(separatedBy: "<figure").count - 1, "a chart in every figure")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw Self.skip("Chromium is not installed (apt-get install chromium): the structure was checked, the rendering was not")
        }
        let png = dir + "/report.png"
        let r = try shell("'\(Self.repoRoot.path)/.ci/render-report.sh' '\(html)' '\(png)'")
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertGreaterThan(bytes.count, 20_000)
        let dom = try String(contentsOfFile: dir + "/report.dom.html", encoding: .utf8)
        XCTAssertEqual(dom.components(separatedBy: "<svg").count, page.components(separatedBy: "<svg").count, "the browser parsed every chart")
    }

    /// An interrupted run goes on with `--output FILE --resume`: the lines on file are kept (a cut-off last line
    /// removed), the records they hold skipped, the rest appended, giving the bytes of one uninterrupted run, for
    /// JSONL input and for a folder of text files; a file written from other input, with other options, or not
    /// by slant-score is refused with the reason and left as it was; `--output` never replaces an input.
    func testAnInterruptedRunIsResumed() throws {
        let model = try trainToy()
        let input = write(corpus(300, seed: 4) + "\n" + corpus(20, seed: 6), "in.jsonl")
        let full = try run("slant-score", ["--model", model, "--target", "plan", input])
        XCTAssertEqual(full.status, 0, full.stderr)
        let lines = full.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 321, "320 records and the final newline")
        let out = dir + "/out.jsonl"
        func contents(_ p: String) -> String { (try? String(contentsOfFile: p, encoding: .utf8)) ?? "<missing>" }
        // --output writes what standard output gets.
        let o = try run("slant-score", ["--model", model, "--target", "plan", "-o", out, input])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertEqual(o.stdout, "")
        XCTAssertTrue(contents(out) == full.stdout)
        // Killed in the middle of line 120: 119 complete lines and part of one.
        let cut = lines[0..<119].joined(separator: "\n") + "\n" + lines[119].prefix(25)
        _ = write(cut, "out.jsonl")
        let r = try run("slant-score", ["--model", model, "--target", "plan", "--output", out, "--resume", input])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("resuming \(out): 119 records already scored are skipped; its unfinished last line (25 bytes) was cut off"), r.stderr)
        XCTAssertTrue(contents(out) == full.stdout, "the resumed file is byte for byte one uninterrupted run's")
        // A finished file stays as it is.
        let again = try run("slant-score", ["--model", model, "--target", "plan", "-o", out, "--resume", input])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("320 records already scored"), again.stderr)
        XCTAssertTrue(contents(out) == full.stdout)
        // A missing file: a fresh run.
        let fresh = dir + "/fresh.jsonl"
        XCTAssertEqual(try run("slant-score", ["--model", model, "--target", "plan", "-o", fresh, "--resume", input]).status, 0)
        XCTAssertTrue(contents(fresh) == full.stdout)
        // Refused, each with its reason, the file untouched: other input, other options, more records on file
        // than the input has, a file slant-score did not write.
        let complete = lines[0..<119].joined(separator: "\n") + "\n"
        let cases: [(args: [String], file: String, reason: String)] = [
            ([write(corpus(300, seed: 5), "other.jsonl")], complete, "line 1 holds the scores of record \"d4-0\", but the input's record there is \"d5-0\""),
            (["--explain", "2", input], complete, "its last line differs from this run's scores of the same record (\"d4-118\")"),
            ([write(corpus(50, seed: 4), "short.jsonl")], complete, "it holds the scores of 119 records, but the input gives only 50 of them"),
            ([input], "{\"id\":\"d4-0\"}\nhello\n", "line 2: not a JSONL line of scores (it opens with \"hello\")"),
        ]
        for c in cases {
            _ = write(c.file, "out.jsonl")
            let bad = try run("slant-score", ["--model", model, "--target", "plan", "-o", out, "--resume"] + c.args)
            XCTAssertEqual(bad.status, 1, bad.stderr)
            XCTAssertTrue(bad.stderr.contains(c.reason), bad.stderr)
            XCTAssertTrue(contents(out) == c.file, "a refused file is left as it was")
        }
        // Usage errors, and an input named as the output is never emptied.
        XCTAssertEqual(try run("slant-score", ["--model", model, "--resume", input]).status, 64)
        let csv = try run("slant-score", ["--model", model, "--format", "csv", "-o", out, "--resume", input])
        XCTAssertEqual(csv.status, 64)
        XCTAssertTrue(csv.stderr.contains("--resume needs --format jsonl"), csv.stderr)
        let before = contents(input)
        let same = try run("slant-score", ["--model", model, "-o", input, input])
        XCTAssertEqual(same.status, 1)
        XCTAssertTrue(same.stderr.contains("both an input and --output"), same.stderr)
        XCTAssertTrue(contents(input) == before, "the input is intact")
        XCTAssertEqual(try run("slant-score", ["--model", model, "-o", "/dev/full", input]).status, 1)
        // A folder of text files (records made one by one, not lines): the same.
        let folder = dir + "/texts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<5 { _ = write("The council \(i % 2 == 0 ? "praised" : "condemned") the plan on jobs, said the mayor \(i)\n", "texts/t\(i).txt") }
        let tfull = try run("slant-score", ["--model", model, "--target", "plan", folder])
        XCTAssertEqual(tfull.status, 0, tfull.stderr)
        let tlines = tfull.stdout.split(separator: "\n")
        XCTAssertEqual(tlines.count, 5)
        _ = write(tlines[0..<2].joined(separator: "\n") + "\n", "tout.jsonl")
        let t = try run("slant-score", ["--model", model, "--target", "plan", "-o", dir + "/tout.jsonl", "--resume", folder])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stderr.contains("2 records already scored"), t.stderr)
        XCTAssertTrue(contents(dir + "/tout.jsonl") == tfull.stdout)
    }

    /// Issue 11: slant-score as a stage of GNU parallel (`--pipe --keep-order`): every line back, in order,
    /// identical to a direct run.
    func testGNUParallelPipe() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel") else {
            throw Self.skip("GNU parallel is not installed (apt-get install parallel)")
        }
        let model = try trainToy()
        let input = write(corpus(3000, seed: 41), "par.jsonl")
        let direct = try shell("slant-score --model '\(model)' --target plan --threads 1 < '\(input)'")
        XCTAssertEqual(direct.status, 0, direct.stderr)
        let par = try shell("parallel --will-cite --pipe --keep-order -N 250 -j 2 slant-score --model '\(model)' --target plan --threads 1 < '\(input)'")
        XCTAssertEqual(par.status, 0, par.stderr)
        XCTAssertEqual(par.stdout.split(separator: "\n").count, 3000)
        XCTAssertTrue(par.stdout == direct.stdout, "the same lines in the same order as a direct run")
    }

    /// Issue 11: slant-score as a Spark `RDD.pipe` stage in local[2] mode (Benchmarks/spark/score.py): every id
    /// exactly once, with the scores of a direct run. Needs a Python with pyspark (`.build/spark-venv`, made by
    /// .ci/run, or $SLANT_PYSPARK_PYTHON) and Java.
    func testSparkPipeStage() throws {
        let root = Self.repoRoot.path
        let python = ProcessInfo.processInfo.environment["SLANT_PYSPARK_PYTHON"] ?? root + "/.build/spark-venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.isExecutableFile(atPath: "/usr/bin/java"),
              try shell("'\(python)' -c 'import pyspark'").status == 0 else {
            throw Self.skip("no Python with pyspark at \(python) (python3 -m venv .build/spark-venv && .build/spark-venv/bin/pip install pyspark) or no Java")
        }
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        let model = try trainToy()
        let input = write(corpus(3000, seed: 42), "spark.jsonl")
        let direct = try shell("slant-score --model '\(model)' --target plan --threads 1 < '\(input)'")
        let out = dir + "/spark-out.jsonl"
        let r = try shell("'\(python)' '\(root)/Benchmarks/spark/score.py' '\(bin.path)/slant-score' '\(model)' '\(input)' '\(out)' --partitions 4 -- --target plan")
        XCTAssertEqual(r.status, 0, r.stderr)
        let spark = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        func byID(_ lines: [String]) throws -> [String: String] {
            var d: [String: String] = [:]
            for l in lines {
                let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
                let id = o["id"] as! String
                XCTAssertNil(d[id], "id \(id) came back twice")
                d[id] = l
            }
            return d
        }
        let a = try byID(spark), b = try byID(direct.stdout.split(separator: "\n").map(String.init))
        XCTAssertEqual(a.count, 3000)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        let differing = a.keys.filter { a[$0] != b[$0] }
        XCTAssertTrue(differing.isEmpty, "\(differing.count) records scored differently, e.g. \(differing.first ?? "")")
    }

    /// Issue 11: `slant-train --stream` end to end; a stream on stdin is refused with the reason.
    func testStreamedTraining() throws {
        let train = write(corpus(300, seed: 51), "s-train.jsonl")
        let test = write(corpus(100, seed: 52), "s-test.jsonl")
        let model = dir + "/streamed.slant"
        let t = try run("slant-train", ["--data", train, "--stream", "--optimizer", "adagrad", "--epochs", "5", "--chunk-records", "50", "--bits", "12", "--output", model])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stderr.contains("epoch 5/5"), t.stderr)
        let e = try run("slant-eval", ["--model", model, "--data", test, "--json", "--task", "stance"])
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        XCTAssertGreaterThan((json["tasks"] as! [String: [String: Any]])["stance"]!["accuracy"] as! Double, 0.9)
        let piped = try run("slant-train", ["--data", "-", "--stream", "--optimizer", "adagrad", "--output", model], stdin: corpus(10, seed: 1))
        XCTAssertEqual(piped.status, 1)
        XCTAssertTrue(piped.stderr.contains("is not a regular file"), piped.stderr)
        let lbfgs = try run("slant-train", ["--data", train, "--stream", "--output", model])
        XCTAssertEqual(lbfgs.status, 64)
        XCTAssertTrue(lbfgs.stderr.contains("--stream trains with AdaGrad only"), lbfgs.stderr)
    }

}
