import Foundation
import XCTest

/// Every example command in the three programs' `--help` runs as printed, so the help cannot drift from the
/// options it documents: each one is taken from the help text itself and run by `/bin/sh` in a folder whose
/// files stand for the ones the examples name.
extension CLITests {
    /// The example command lines of a program's `--help` (the indented `slant-…` lines after "Examples:").
    func examples(_ tool: String) throws -> [String] {
        let help = try run(tool, ["--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        guard let start = help.stdout.range(of: "\nExamples:\n") else {
            XCTFail("\(tool) --help has no examples:\n\(help.stdout)")
            return []
        }
        var lines: [String] = []
        for line in help.stdout[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { break }
            let command = line.trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(command.hasPrefix(tool + " "), "an example line that is not a \(tool) command (wrapped?): '\(line)'")
            XCTAssertLessThanOrEqual(line.count, 80, "an example wider than the help's 80 columns: '\(line)'")
            lines.append(command)
        }
        XCTAssertGreaterThanOrEqual(lines.count, 3, help.stdout)
        return lines
    }

    /// Runs one example in `folder` with `model` as the default model; fails with the command and its stderr.
    func runExample(_ line: String, in folder: String, model: String) throws {
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        let redirected = line.contains(">")
        let r = try run("/bin/sh", ["-c", redirected ? line : line + " > example.out"], cwd: folder,
                        env: ["PATH": bin.path + ":/usr/bin:/bin", "SLANT_MODEL": model], absolute: true)
        XCTAssertEqual(r.status, 0, "\(line)\n\(r.stderr)")
        let out = redirected ? "" : (try? String(contentsOfFile: folder + "/example.out", encoding: .utf8)) ?? ""
        XCTAssertFalse(out.isEmpty && r.stderr.isEmpty && !redirected, "\(line) printed nothing")
        // A run that succeeds reports no error and no warning.
        for word in ["error:", "Error:", "warning:", "Warning:", "Fatal", "refused"] {
            XCTAssertFalse(r.stderr.contains(word), "\(line) printed \"\(word)\":\n\(r.stderr)")
        }
    }

    func exampleFolder(_ name: String) throws -> String {
        let f = dir + "/" + name
        try FileManager.default.createDirectory(atPath: f + "/persent", withIntermediateDirectories: true)
        return f
    }

    func copyExample(_ name: String, to path: String) throws {
        try FileManager.default.copyItem(atPath: Self.repoRoot.appendingPathComponent("datasets/examples/" + name).path, toPath: path)
    }

    var defaultModelPath: String { Self.repoRoot.appendingPathComponent("models/default.slant").path }

    func testTrainExamplesRun() throws {
        let f = try exampleFolder("train")
        // The toy corpus with an outlet per record (six outlets), for --group-by source.
        func withSources(_ s: String) -> String {
            s.split(separator: "\n").enumerated().map { i, l in "{\"source\": \"outlet\(i % 6)\", " + l.dropFirst() }.joined(separator: "\n") + "\n"
        }
        try! Data(withSources(corpus(60, seed: 21)).utf8).write(to: URL(fileURLWithPath: f + "/train.jsonl"))
        try! Data(withSources(corpus(30, seed: 22)).utf8).write(to: URL(fileURLWithPath: f + "/dev.jsonl"))
        for line in try examples("slant-train") {
            try runExample(line, in: f, model: defaultModelPath)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: f + "/model.slant"))
    }

    func testScoreExamplesRun() throws {
        guard FileManager.default.fileExists(atPath: defaultModelPath) else { throw Self.skip("models/default.slant is absent") }
        let f = try exampleFolder("score")
        try copyExample("article.txt", to: f + "/article.txt")
        try copyExample("labeled.jsonl", to: f + "/fnc1.jsonl")
        try copyExample("unlabeled.jsonl", to: f + "/articles.jsonl")
        // A crawl of one page: the example page as a response record.
        let page = try Data(contentsOf: Self.repoRoot.appendingPathComponent("datasets/examples/article.html"))
        let block = Data("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8) + page
        let record = Data("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: \(block.count)\r\n\r\n".utf8) + block + Data("\r\n\r\n".utf8)
        try record.write(to: URL(fileURLWithPath: f + "/crawl.warc"))
        let gz = try run("/bin/sh", ["-c", "gzip articles.jsonl crawl.warc"], cwd: f, absolute: true)
        XCTAssertEqual(gz.status, 0, gz.stderr)
        for line in try examples("slant-score") {
            try runExample(line, in: f, model: defaultModelPath)
        }
        let scores = try String(contentsOfFile: f + "/scores.jsonl", encoding: .utf8)
        XCTAssertEqual(scores.split(separator: "\n").count, 3, "one line per record of articles.jsonl.gz")
        let crawl = try String(contentsOfFile: f + "/crawl.jsonl", encoding: .utf8)
        XCTAssertTrue(crawl.hasPrefix("{\"id\":\"https://example.org/a\",\"url\":\"https://example.org/a\",\"date\":\"2024-03-06T07:15:00-05:00\""), crawl)
    }

    func testEvalExamplesRun() throws {
        guard FileManager.default.fileExists(atPath: defaultModelPath) else { throw Self.skip("models/default.slant is absent") }
        let f = try exampleFolder("eval")
        try copyExample("labeled.jsonl", to: f + "/dev.jsonl")
        try FileManager.default.copyItem(atPath: defaultModelPath, toPath: f + "/new.slant")
        try FileManager.default.copyItem(atPath: defaultModelPath, toPath: f + "/old.slant")
        // Article–actor pairs: the example records labeled with a target's sentiment.
        let labeled = try String(contentsOfFile: f + "/dev.jsonl", encoding: .utf8)
        let pairs = labeled.split(separator: "\n").filter { $0.contains("\"target_sentiment\"") }
        XCTAssertFalse(pairs.isEmpty)
        try! Data((pairs.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: f + "/persent/dev.jsonl"))
        for line in try examples("slant-eval") {
            try runExample(line, in: f, model: defaultModelPath)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: f + "/e.html"))
    }

    func testReportExamplesRun() throws {
        guard FileManager.default.fileExists(atPath: defaultModelPath) else { throw Self.skip("models/default.slant is absent") }
        let f = try exampleFolder("report")
        try copyExample("unlabeled.jsonl", to: f + "/articles.jsonl")
        let s = try run("slant-score", ["--model", defaultModelPath, "--keep", "source,date", "--actor", "Lopez", f + "/articles.jsonl"])
        XCTAssertEqual(s.status, 0, s.stderr)
        try! Data(s.stdout.utf8).write(to: URL(fileURLWithPath: f + "/scores.jsonl"))
        for line in try examples("slant-report") {
            try runExample(line, in: f, model: defaultModelPath)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: f + "/report.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: f + "/tables/portrayals.csv"))
    }
}
