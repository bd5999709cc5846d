import Foundation
import XCTest

/// What a user reads: README.md stays short, every command it shows on the example files runs as shown, and
/// nothing a user reads speaks of the project's process (sessions, issue numbers) instead of dates and versions.
extension CLITests {
    /// The shell lines of README.md's `sh` blocks (continuation lines joined, comments dropped).
    func readmeCommands() throws -> [String] {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var out: [String] = []
        for block in readme.components(separatedBy: "```sh\n").dropFirst() {
            let body = block.components(separatedBy: "```").first ?? ""
            var pending = ""
            for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
                var line = String(raw)
                if let hash = line.range(of: " #") { line = String(line[..<hash.lowerBound]) }
                line = line.trimmingCharacters(in: .whitespaces)
                if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
                line = pending + line
                pending = ""
                if !line.isEmpty { out.append(line) }
            }
        }
        return out
    }

    /// README.md is a guide a newcomer reads in minutes: at most 250 lines.
    func testReadmeIsShort() throws {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertLessThanOrEqual(readme.split(separator: "\n", omittingEmptySubsequences: false).count, 250)
    }

    /// Every README command that uses the example files runs as shown (`swift run -c release` stands for the
    /// built program), in order, in a folder holding a copy of `datasets/examples`, with the default model: exit
    /// status 0, no error on stderr, and output where the command prints any.
    func testEveryReadmeCommandOnTheExamplesRuns() throws {
        guard let bin = Self.binDir else { throw Self.skip("the slant executables are not built next to the tests") }
        let commands = try readmeCommands().filter { $0.contains("datasets/examples/") }
        XCTAssertGreaterThanOrEqual(commands.count, 10, "\(commands)")
        let folder = dir + "/readme"
        try FileManager.default.createDirectory(atPath: folder + "/datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repoRoot.appendingPathComponent("datasets/examples").path, toPath: folder + "/datasets/examples")
        let model = Self.repoRoot.appendingPathComponent("models/default.slant").path
        for command in commands {
            let line = command.replacingOccurrences(of: "swift run -c release ", with: "")
            XCTAssertTrue(line.contains("slant-"), line)
            let r = try run("/bin/sh", ["-c", line], cwd: folder, env: ["PATH": bin.path + ":/usr/bin:/bin", "SLANT_MODEL": model], absolute: true)
            XCTAssertEqual(r.status, 0, "\(line)\n\(r.stderr)")
            for word in ["error:", "Error:", "warning:"] { XCTAssertFalse(r.stderr.contains(word), "\(line)\n\(r.stderr)") }
            if !line.contains(">") && !line.contains("--output") { XCTAssertFalse(r.stdout.isEmpty, "\(line) printed nothing") }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/my.slant"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/pairs.slant"))
        XCTAssertEqual(try String(contentsOfFile: folder + "/scores.jsonl", encoding: .utf8).split(separator: "\n").count, 3)
    }

    /// README.md shows where the actor analysis errs on `datasets/examples/crackdown.txt`: every line it shows is a
    /// line of what the command it names prints with the default model.
    func testReadmeShowsTheCrackdownExampleAsPrinted() throws {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let command = "slant-score --title-first-line --format text --evidence 1 --explain 2 datasets/examples/crackdown.txt"
        let after = try XCTUnwrap(readme.components(separatedBy: "(`" + command + "`)").dropFirst().first, "README names the command")
        let block = try XCTUnwrap(after.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "```").first)
        let shown = block.split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(shown.count, 3)
        let r = try run("slant-score", Array(command.split(separator: " ").dropFirst().map(String.init)), cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let printed = Set(r.stdout.split(separator: "\n").map(String.init))
        for line in shown { XCTAssertTrue(printed.contains(line), "README shows a line the command does not print:\n\(line)\n\(r.stdout)") }
    }

    /// Nothing a user reads (README, docs, the model card, the changelog, the benchmarks' and datasets' guides,
    /// the programs' sources and help) speaks of sessions or issue numbers: dates, versions and commits instead.
    func testNoProcessWordsWhereUsersRead() throws {
        let root = Self.repoRoot
        var files = ["README.md", "CHANGELOG.md", "models/README.md", "Benchmarks/README.md", "datasets/README.md"]
        for folder in ["docs", "Sources"] {
            let e = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let f = e?.nextObject() as? String {
                if f.hasSuffix(".md") || f.hasSuffix(".swift") { files.append(folder + "/" + f) }
            }
        }
        XCTAssertGreaterThan(files.count, 60)
        let pattern = try NSRegularExpression(pattern: "\\b[Ss]ession(s)?\\b|\\b[Ii]ssues? #?[0-9]+|\\b[Ii]ssue [0-9]")
        var found: [String] = []
        for f in files {
            let text = try String(contentsOf: root.appendingPathComponent(f), encoding: .utf8)
            // A generated word list's literal is English vocabulary, not prose ("session" is one of its words).
            var inList = false
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = String(line)
                if s.hasSuffix("static let list = \"\"\"") { inList = true; continue }
                if inList { if s.trimmingCharacters(in: .whitespaces) == "\"\"\"" { inList = false }; continue }
                if pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil { found.append("\(f):\(i + 1): \(s.prefix(120))") }
            }
        }
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }
}
