import Foundation
import XCTest

/// End-to-end tests of `slant-report`: scored output → tables and page.
extension CLITests {
    func csvRows(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" { if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" } else { field.append(c) }
        }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The AllSides dev split scored with `--keep source` and reported by outlet: the page renders in headless
    /// Chromium with one heatmap, one leaning chart and one frames chart, and names every outlet; the CSV tables'
    /// counts add up to the input's records.
    func testReportByOutletOnAllSidesDev() throws {
        let data = Self.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/allsides/dev.jsonl.gz").path
        guard FileManager.default.fileExists(atPath: data) else { throw Self.skip("../shared/datasets is absent: skipping the AllSides report") }
        let scored = dir + "/scored.jsonl", html = dir + "/report.html", tables = dir + "/tables"
        let s = try shell("cd '\(Self.repoRoot.path)' && slant-score --keep source '\(data)' > '\(scored)'")
        XCTAssertEqual(s.status, 0, s.stderr)
        let records = try String(contentsOfFile: scored, encoding: .utf8).split(separator: "\n").count
        XCTAssertEqual(records, 2356)
        let r = try run("slant-report", ["--by", "source", "--html", html, "--csv", tables, scored])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "slant-report: wrote \(html), \(tables)/ (2356 articles, 40 groups, 20 actors)\n", "one line when all is well")

        let groups = try csvRows(tables + "/groups.csv")
        XCTAssertEqual(groups.reduce(0) { $0 + Int($1["articles"]!)! }, records)
        XCTAssertEqual(groups.count, 40)
        let summary = try csvRows(tables + "/summary.csv")
        XCTAssertEqual(summary.first { $0["key"] == "records" }?["value"], String(records))
        XCTAssertEqual(summary.first { $0["key"] == "malformed_lines" }?["value"], "0")
        let lean = try csvRows(tables + "/heads.csv").filter { $0["group"] == "(all)" && $0["period"] == "" && $0["head"] == "leaning" }
        XCTAssertEqual(lean.reduce(0) { $0 + Int($1["count"]!)! }, records, "leaning labels and no answers add up")
        let perGroup = try csvRows(tables + "/heads.csv").filter { $0["group"] != "(all)" && $0["head"] == "leaning" }
        XCTAssertEqual(perGroup.reduce(0) { $0 + Int($1["count"]!)! }, records)
        let actors = try csvRows(tables + "/actors.csv")
        XCTAssertEqual(actors.count, 20)
        XCTAssertTrue(actors.contains { $0["actor"] == "Donald Trump" && $0["names"]!.split(separator: "|").contains("Trump") }, "\(actors.map { $0["actor"]! })")
        let portrayals = try csvRows(tables + "/portrayals.csv")
        for p in portrayals {
            let n = Int(p["articles"]!)!, parts = ["negative", "neutral", "positive"].map { Int(p[$0]!)! }
            XCTAssertEqual(parts.reduce(0, +), n)
            XCTAssertLessThanOrEqual(Double(p["net_low"]!)!, Double(p["net"]!)! + 1e-9)
            XCTAssertGreaterThanOrEqual(Double(p["net_high"]!)!, Double(p["net"]!)! - 1e-9)
            XCTAssertEqual(p["below_min_articles"], n < 10 ? "true" : "false")
        }
        let trump = try XCTUnwrap(portrayals.first { $0["actor"] == "Donald Trump" && $0["group"] == "(all)" })
        XCTAssertEqual(Int(trump["articles"]!), Int(actors.first { $0["actor"] == "Donald Trump" }!["articles"]!))

        let page = try String(contentsOfFile: html, encoding: .utf8)
        for (chart, n) in [("heatmap", 1), ("leaning", 1), ("frames", 1), ("timeline", 0)] {
            XCTAssertEqual(page.components(separatedBy: "<figure data-chart=\"\(chart)\"").count - 1, n, chart)
        }
        for g in groups {
            let name = g["group"]!.replacingOccurrences(of: "&", with: "&amp;")
            XCTAssertTrue(page.contains(">\(name)<") || page.contains(">\(String(name.prefix(32)))<"), "group \(name) named")
        }
        XCTAssertFalse(page.contains("<script"))
        XCTAssertFalse(page.contains("http://") && !page.contains("http://www.w3.org/2000/svg"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw Self.skip("Chromium is not installed (apt-get install chromium): the structure was checked, the rendering was not")
        }
        let png = dir + "/report.png"
        let c = try shell("'\(Self.repoRoot.path)/.ci/render-report.sh' '\(html)' '\(png)'")
        XCTAssertEqual(c.status, 0, c.stderr)
        let dom = try String(contentsOfFile: dir + "/report.dom.html", encoding: .utf8)
        for chart in ["heatmap", "leaning", "frames"] {
            XCTAssertEqual(dom.components(separatedBy: "data-chart=\"\(chart)\"").count - 1, 1, "the browser kept the \(chart) chart")
        }
        XCTAssertEqual(dom.components(separatedBy: "<svg").count, page.components(separatedBy: "<svg").count, "the browser parsed every chart")
        for g in groups {
            let name = g["group"]!.replacingOccurrences(of: "&", with: "&amp;")
            XCTAssertTrue(dom.contains(">\(name)<"), "the rendered page names \(name)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertGreaterThan(bytes.count, 50_000)
    }

    /// Articles with dates scored with `--keep source,date`, a broken line and a bad date added: the report goes
    /// on, names the broken line and the bad date, counts them, draws time lines, and exits 1 (0 with
    /// --skip-invalid) after writing its outputs.
    func testReportOverTimeWithMalformedLines() throws {
        var lines: [String] = []
        let good = ["praised Ana Ruiz for the brave reform that saved the hospital", "thanked Ana Ruiz, whose leadership won wide support"]
        let bad = ["accused Ana Ruiz of corruption and lying to voters", "condemned Ana Ruiz for the disastrous, shameful failure"]
        for i in 0..<72 {
            let src = i % 2 == 0 ? "Daily Sun" : "Evening Post"
            let month = 1 + i % 3
            let text = "The council " + ((src == "Daily Sun") == (i % 4 != 3) ? good[i % 2] : bad[i % 2]) + "."
            lines.append("{\"id\":\"a\(i)\",\"source\":\"\(src)\",\"date\":\"2026-0\(month)-1\(i % 9)\",\"text\":\"\(text)\"}")
        }
        lines.append("{\"id\":\"late\",\"source\":\"Daily Sun\",\"date\":\"26/03/2026\",\"text\":\"The council praised Ana Ruiz.\"}")
        let input = write(lines.joined(separator: "\n") + "\n", "articles.jsonl")
        let scored = dir + "/scored.jsonl"
        let s = try shell("cd '\(Self.repoRoot.path)' && slant-score --actor 'Ana Ruiz|Ruiz' --keep source,date '\(input)' > '\(scored)' && printf '{\"id\":\"cut\",\"source\":\"Da\\n\\n' >> '\(scored)'")
        XCTAssertEqual(s.status, 0, s.stderr)
        let json = dir + "/tables.json", html = dir + "/t.html"
        let args = ["--by", "source", "--time", "date", "--every", "month", "--min-articles", "5", "--json", json, "--html", html, scored]
        let r = try run("slant-report", args)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scored):74: not a slant-score record"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scored):73: '26/03/2026'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 malformed line(s) left out"), r.stderr)
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let summary = obj["summary"] as! [String: Any]
        XCTAssertEqual(summary["records"] as? Int, 73)
        XCTAssertEqual(summary["malformed_lines"] as? Int, 1)
        XCTAssertEqual(summary["bad_dates"] as? Int, 1)
        let periods = obj["periods"] as! [[String: Any]]
        XCTAssertEqual(periods.reduce(0) { $0 + ($1["articles"] as! Int) }, 73)
        XCTAssertEqual(Set(periods.map { $0["period"] as! String }), ["2026-01", "2026-02", "2026-03", "(no date)"])
        let actors = obj["actors"] as! [[String: Any]]
        XCTAssertEqual(actors.first?["actor"] as? String, "Ana Ruiz")
        let portrayals = obj["portrayals"] as! [[String: Any]]
        let sun = try XCTUnwrap(portrayals.first { $0["group"] as? String == "Daily Sun" && $0["period"] as? String == "" })
        let post = try XCTUnwrap(portrayals.first { $0["group"] as? String == "Evening Post" && $0["period"] as? String == "" })
        XCTAssertGreaterThan(sun["net"] as! Double, post["net"] as! Double, "the Sun mostly praises her, the Post mostly blames her")
        XCTAssertFalse((obj["differences"] as! [[String: Any]]).isEmpty)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "<figure data-chart=\"timeline\"").count - 1, 1)
        XCTAssertTrue(page.contains("1 malformed line left out"))
        let ok = try run("slant-report", ["--skip-invalid"] + args)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stderr.contains(":74:"), "still reported")
        // The same input through stdin, gzip-compressed, gives the same tables.
        let gz = try shell("gzip -c '\(scored)' | slant-report --skip-invalid --bootstrap 0 --by source --json - > '\(dir)/a.json' && slant-report --skip-invalid --bootstrap 0 --by source --json - '\(scored)' > '\(dir)/b.json' && tail -n +2 '\(dir)/a.json' > '\(dir)/a2' && tail -n +2 '\(dir)/b.json' > '\(dir)/b2' && cmp '\(dir)/a2' '\(dir)/b2' && grep -q '\"records\":73' '\(dir)/a.json'")
        XCTAssertEqual(gz.status, 0, gz.stderr)
        // A file cut short stops the report; with --skip-invalid the other files are read, the report is written
        // and the run ends with status 1, naming the file.
        let cut = try shell("gzip -c '\(scored)' | head -c 20 > '\(dir)/cut.jsonl.gz'")
        XCTAssertEqual(cut.status, 0, cut.stderr)
        let stops = try run("slant-report", ["--bootstrap", "0", "--json", "-", dir + "/cut.jsonl.gz", scored])
        XCTAssertEqual(stops.status, 1)
        XCTAssertEqual(stops.stdout, "")
        XCTAssertTrue(stops.stderr.contains("cut.jsonl.gz: truncated or corrupt gzip data"), stops.stderr)
        let goesOn = try run("slant-report", ["--skip-invalid", "--bootstrap", "0", "--json", "-", dir + "/cut.jsonl.gz", scored])
        XCTAssertEqual(goesOn.status, 1)
        XCTAssertTrue(goesOn.stdout.contains("\"records\":73"), goesOn.stdout)
        XCTAssertTrue(goesOn.stderr.contains("cut.jsonl.gz: truncated or corrupt gzip data: unexpected end of file (not read to the end: its lines after the fault are left out)"), goesOn.stderr)
        XCTAssertTrue(goesOn.stderr.contains("slant-report: error: 1 input file was not read to the end (listed above)"), goesOn.stderr)
    }

    /// Usage errors quote the bad value; unwritable outputs and broken input stop with a reason and status 1.
    func testReportRefusesBadUsageAndFailsLoudly() throws {
        for (args, fragment) in [(["--every", "week"], "--every goes with --time"), (["--time", "date", "--every", "day"], "got 'day'"),
                                 (["--html", "-"], "--html needs a file name"), (["--bootstrap=-1"], "got -1"),
                                 (["--track", "8"], "--track must be between 16")] {
            let r = try run("slant-report", args, stdin: "")
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(fragment), r.stderr)
        }
        let line = "{\"id\":\"a\",\"leaning\":{\"label\":\"left\",\"scores\":{\"left\":1}}}\n"
        let full = try shell("printf '\(line)' | slant-report --json - > /dev/full")
        XCTAssertEqual(full.status, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains("write failed"), full.stderr)
        let input = write(String(repeating: line, count: 3000), "in.jsonl")
        let cut = try shell("gzip -c '\(input)' | head -c 300 > '\(dir)/cut.gz' && slant-report '\(dir)/cut.gz'")
        XCTAssertEqual(cut.status, 1, cut.stderr)
        XCTAssertTrue(cut.stderr.contains("cut.gz"), cut.stderr)
        let missing = try run("slant-report", [dir + "/nope.jsonl"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nope.jsonl"), missing.stderr)
        let notDir = try run("slant-report", ["--csv", input, input])
        XCTAssertEqual(notDir.status, 1)
        XCTAssertTrue(notDir.stderr.contains("needs a folder"), notDir.stderr)
        let summary = try run("slant-report", [input])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertTrue(summary.stdout.hasPrefix("3000 articles\nleaning: left 100%"), summary.stdout)
    }
}
