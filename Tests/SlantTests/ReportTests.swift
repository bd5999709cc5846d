import Foundation
import XCTest
@testable import Slant

/// The corpus report's parts: reading scored lines, merging actors across articles, date periods, bootstrap
/// intervals from counts, bounded memory, and the tables' arithmetic.
final class ReportTests: XCTestCase {
    /// A scored line as `slant-score --keep source,date` writes it.
    static func line(id: String, source: String? = "A", date: String? = "2020-03-09", leaning: String? = "left",
                     frames: [String] = ["Political"], actors: [(name: String, aliases: [String], label: String, score: Double)] = []) -> String {
        func q(_ s: String) -> String { var b: [UInt8] = []; JSONWriter.appendString(s, to: &b); return String(decoding: b, as: UTF8.self) }
        var parts = ["\"id\":\(q(id))", "\"source\":\(source.map(q) ?? "null")", "\"date\":\(date.map(q) ?? "null")"]
        parts.append("\"frames\":{\"labels\":[\(frames.map(q).joined(separator: ","))],\"scores\":{\"Political\":0.6,\"Economic\":0.2}}")
        if let l = leaning { parts.append("\"leaning\":{\"label\":\(q(l)),\"scores\":{\"left\":0.5,\"center\":0.3,\"right\":0.2}}") }
        let acts = actors.map { a in
            "{\"name\":\(q(a.name)),\"aliases\":[\(a.aliases.map(q).joined(separator: ","))],\"mentions\":2,\"sentences\":2,\"label\":\(q(a.label)),\"score\":\(a.score),"
                + "\"scores\":{\"negative\":0.1,\"neutral\":0.2,\"positive\":0.7},\"evidence\":[{\"sentence\":\(q("About \(a.name) in \(id).")),\"start\":0,\"end\":10,\"label\":\(q(a.label)),\"scores\":{\"negative\":0.1,\"neutral\":0.2,\"positive\":\(0.1 + abs(a.score) * 0.8)}}]}"
        }
        parts.append("\"actors\":[\(acts.joined(separator: ","))]")
        return "{" + parts.joined(separator: ",") + "}"
    }

    func add(_ r: CorpusReport, _ lines: [String], file: String = "t.jsonl") -> [MalformedLine] {
        var bad: [MalformedLine] = []
        for (k, l) in lines.enumerated() {
            var bytes = Array(l.utf8)
            bytes.withUnsafeMutableBufferPointer { p in
                do { try r.add(line: UnsafeBufferPointer(p), file: file, lineNumber: k + 1) } catch let m as MalformedLine { bad.append(m) } catch { XCTFail("\(error)") }
            }
        }
        return bad
    }

    // MARK: reading

    func testParserReadsFieldsHeadsAndActors() throws {
        let text = #"{"id":"a\"1","source":"The \u00c9cho","date":2020,"frames":{"labels":["Political","Economic"],"scores":{}},"leaning":{"label":"right","scores":{"left":0.1}},"actors":[{"name":"Jos\u00e9 Ruiz","aliases":["Jos\u00e9 Ruiz","Ruiz"],"mentions":3,"label":"negative","score":-0.75,"evidence":[{"sentence":"Ruiz \"lied\".","label":"negative","scores":{"negative":0.9,"positive":0.05}}]}]}"#
        var parser = ScoredRecordParser(fields: ["source", "date"])
        var a = ScoredArticle()
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { p in
            try parser.parse(p, into: &a)
            XCTAssertEqual(a.id.map { ScoredRecordParser.string(p, $0) }, "a\"1")
            XCTAssertEqual(a.fields[0].map { ScoredRecordParser.string(p, $0) }, "The Écho")
            XCTAssertEqual(a.fieldIsString, [true, false])
            XCTAssertEqual(a.fields[1].map { String(decoding: p[$0], as: UTF8.self) }, "2020")
            XCTAssertEqual(a.heads.map { parser.names.strings[$0.name] + "=" + parser.names.strings[$0.label] }, ["leaning=right"])
            XCTAssertEqual(a.multiHeads.map { $0.labels.map { parser.names.strings[$0] } }, [["Political", "Economic"]])
            XCTAssertEqual(a.actors.count, 1)
            XCTAssertEqual(a.actors[0].name, "José Ruiz")
            XCTAssertEqual(a.actors[0].aliases, ["José Ruiz", "Ruiz"])
            XCTAssertEqual(a.actors[0].mentions, 3)
            XCTAssertEqual(a.actors[0].score, -0.75)
            XCTAssertEqual(parser.names.strings[a.actors[0].label], "negative")
            XCTAssertEqual(a.actors[0].evidence.count, 1)
            XCTAssertEqual(a.actors[0].evidence[0].strength, 0.85, accuracy: 1e-12)
            XCTAssertEqual(ScoredRecordParser.string(p, a.actors[0].evidence[0].sentence), "Ruiz \"lied\".")
        }
        // A field to group by may be the id itself.
        var byID = ScoredRecordParser(fields: ["id"])
        try bytes.withUnsafeBufferPointer { p in
            try byID.parse(p, into: &a)
            XCTAssertEqual(a.fields[0].map { ScoredRecordParser.string(p, $0) }, "a\"1")
            XCTAssertEqual(a.id.map { ScoredRecordParser.string(p, $0) }, "a\"1")
        }
        // The struct is reused: a second line with no actors leaves none behind.
        try Array(#"{"id":"b","leaning":{"label":"left"}}"#.utf8).withUnsafeBufferPointer { try parser.parse($0, into: &a) }
        XCTAssertTrue(a.actors.isEmpty)
        XCTAssertEqual(a.fields.compactMap { $0 }.count, 0)
    }

    func testParserRefusesBrokenLinesWithTheColumn() {
        var parser = ScoredRecordParser(fields: ["source"])
        var a = ScoredArticle()
        let full = Self.line(id: "x", actors: [("Ana Ruiz", ["Ana Ruiz", "Ruiz"], "positive", 0.8)])
        let cases: [(String, String)] = [
            (String(full.prefix(full.count / 2)), ""),                         // cut in the middle
            (full + "x", "unexpected text after"),
            ("[1,2]", "JSON object"),
            (#"{"id":"a","actors":{}}"#, "\"actors\" must be an array"),
            (#"{"id":"a","actors":[{"label":"positive"}]}"#, "no \"name\""),
            (#"{"id":"a\q"}"#, "invalid escape"),
            (#"{"id":"a","x":01}"#, ""),
            (#"{"id":"a","actors":[{"name":"A","score":7}]}"#, "[-1, 1]"),
            ("{\"id\":\"a\u{1}\"}", "control character"),
            (#"{"id":"a","x":[1,2}"#, "expected ',' or ']'"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsError(try Array(text.utf8).withUnsafeBufferPointer { try parser.parse($0, into: &a) }, text) { e in
                guard let e = e as? JSONParseError else { return XCTFail("\(e)") }
                if !fragment.isEmpty { XCTAssertTrue(e.message.contains(fragment), "\(text): \(e.message)") }
                XCTAssertLessThanOrEqual(e.offset, text.utf8.count)
            }
        }
        // Invalid UTF-8 in a name is refused.
        var bad = Array(#"{"id":"a","actors":[{"name":"A"#.utf8) + [0xFF] + Array(#""}]}"#.utf8)
        XCTAssertThrowsError(try bad.withUnsafeMutableBufferPointer { try parser.parse(UnsafeBufferPointer($0), into: &a) })
    }

    // MARK: actors across articles

    func testAliasesMergeAcrossArticles() {
        var t = CorpusActors(capacity: 100)
        func article(_ name: String, _ aliases: [String], label: Int = 1) {
            let k = t.resolve(name)
            t.add(key: k, name: name, aliases: aliases, cell: 0) { c in c.articles += 1; if label > 0 { c.positive += 1 } else { c.negative += 1 } }
        }
        // The surname alone first (joined when the report is made), then the full name, titles and possessives.
        article("Trump", ["Trump"])
        article("Donald Trump", ["Donald Trump", "Trump"])
        article("President Trump", ["President Trump"])
        article("Trump's", ["Trump"], label: -1)
        article("Donald Trump", ["Donald Trump", "Trump"])
        // Demonyms join their country once it is known; a one-word alias of the analysis does not join actors.
        article("Iran", ["Iran"])
        article("Iranians", ["Iranians"])
        article("White House", ["White House", "House"])
        article("House", ["House"])
        // Two people share a surname evenly: the surname alone stays apart.
        article("Bill Clinton", ["Bill Clinton", "Clinton"])
        article("Hillary Clinton", ["Hillary Clinton", "Clinton"])
        article("Clinton", ["Clinton"])
        let m = t.merged()
        let byName = Dictionary(uniqueKeysWithValues: m.map { ($0.displayName, $0) })
        XCTAssertEqual(byName["Donald Trump"]?.articles, 5, "\(m.map { ($0.displayName, $0.articles) })")
        XCTAssertEqual(byName["Donald Trump"]?.cells[0]?.negative, 1)
        XCTAssertEqual(byName["Donald Trump"]?.cells[0]?.positive, 4)
        XCTAssertNil(byName["Trump"])
        XCTAssertEqual(byName["Iran"]?.articles, 2)
        XCTAssertEqual(byName["White House"]?.articles, 1)
        XCTAssertEqual(byName["House"]?.articles, 1)
        XCTAssertEqual(byName["Bill Clinton"]?.articles, 1)
        XCTAssertEqual(byName["Hillary Clinton"]?.articles, 1)
        XCTAssertEqual(byName["Clinton"]?.articles, 1)
        XCTAssertEqual(CorpusActors.key("the  Cartels’s"), "cartels")
        XCTAssertEqual(CorpusActors.key("Sen. Bernie Sanders"), "bernie sanders")
        XCTAssertEqual(CorpusActors.key("Democratic"), "democrats")
        XCTAssertEqual(CorpusActors.key("GOP"), CorpusActors.key("Republicans"))
        XCTAssertEqual(CorpusActors.key("Beto O’Rourke"), CorpusActors.key("Beto O'Rourke"))
        XCTAssertEqual(CorpusActors.key("O’Rourke’s"), "o'rourke")
    }

    func testOneArticleCountsAnActorOnce() {
        let r = CorpusReport(options: ReportOptions())
        let bad = add(r, [Self.line(id: "1", actors: [("Donald Trump", ["Donald Trump", "Trump"], "negative", -0.8)]),
                          Self.line(id: "2", actors: [("Donald Trump", ["Donald Trump", "Trump"], "negative", -0.8), ("Trump", ["Trump"], "positive", 0.9)])])
        XCTAssertTrue(bad.isEmpty)
        let res = r.result(inputs: ["t"])
        XCTAssertEqual(res.actors.first?.actor, "Donald Trump")
        XCTAssertEqual(res.actors.first?.articles, 2)
        XCTAssertEqual(res.actors.count, 1)
    }

    // MARK: dates

    func testDatePeriods() {
        func b(_ p: DatePeriod, _ s: String?) -> String {
            switch p.bucket(s) { case .success(let x): return x; case .failure(.missing): return "missing"; case .failure(.invalid): return "invalid" }
        }
        let cases: [(DatePeriod, String?, String)] = [
            (.week, "2021-01-01", "2020-W53"),
            (.week, "2019-12-30", "2020-W01"),
            (.week, "2024-12-30", "2025-W01"),
            (.week, "2020-03-09T23:59:00-05:00", "2020-W11"),
            (.week, "2020-03-08", "2020-W10"),
            (.week, "2016-01-03", "2015-W53"),
            (.month, "2020-03-09 14:00", "2020-03"),
            (.month, "2020-03", "2020-03"),
            (.year, "1999", "1999"),
            (.year, " 2020-02-29 ", "2020"),
            (.month, "2019-02-29", "invalid"),
            (.month, "2020-13-01", "invalid"),
            (.month, "2020/01/02", "invalid"),
            (.month, "yesterday", "invalid"),
            (.month, "2020-01-02x", "invalid"),
            (.week, "2020-03", "invalid"),
            (.month, "1999", "invalid"),
            (.month, "", "missing"),
            (.month, nil, "missing"),
        ]
        for (p, value, expected) in cases { XCTAssertEqual(b(p, value), expected, "\(p) \(value ?? "nil")") }
        // Every ISO week of 400 years: consecutive days differ by at most one week, Mondays start weeks.
        var previous = DatePeriod.isoWeek(.init(year: 1999, month: 12, day: 31))
        var day = DatePeriod.daysFromCivil(.init(year: 2000, month: 1, day: 1))
        for y in 2000..<2400 { for m in 1...12 { for d in 1...DatePeriod.daysIn(year: y, month: m) {
            let w = DatePeriod.isoWeek(.init(year: y, month: m, day: d))
            let monday = ((day % 7) + 7 + 3) % 7 == 0
            if monday { XCTAssertTrue(w.week == previous.week + 1 && w.year == previous.year || w.week == 1 && w.year == previous.year + 1, "\(y)-\(m)-\(d)") } else { XCTAssertTrue(w == previous) }
            XCTAssertTrue((1...53).contains(w.week))
            previous = w; day += 1
        } } }
    }

    func testBadAndMissingDatesAreCountedNotDropped() {
        var o = ReportOptions()
        o.by = "source"; o.time = "date"; o.every = .month
        let r = CorpusReport(options: o)
        _ = add(r, [Self.line(id: "1", date: "2020-03-01"), Self.line(id: "2", date: "2020-03-31"), Self.line(id: "3", date: "2020-04-01"),
                    Self.line(id: "4", date: nil), Self.line(id: "5", date: "31/12/2020"), Self.line(id: "6", source: nil, date: "2020-02-30")])
        XCTAssertEqual(r.missingDates, 1)
        XCTAssertEqual(r.badDates, 2)
        XCTAssertEqual(r.badDateExamples.map { $0.line }, [5, 6])
        let res = r.result(inputs: ["t"])
        XCTAssertEqual(res.periods.reduce(0) { $0 + $1.articles }, 6)
        XCTAssertEqual(res.periods.filter { $0.period == CorpusReport.noDate }.reduce(0) { $0 + $1.articles }, 3)
        XCTAssertEqual(res.periods.first { $0.group == "A" && $0.period == "2020-03" }?.articles, 2)
        XCTAssertEqual(res.groups.map { $0.group }.sorted(), [CorpusReport.noValue, "A"])
        XCTAssertEqual(res.groups.reduce(0) { $0 + $1.articles }, 6)
    }

    /// A record the model could not read (`"not_read"`, no head answered) is counted, and its key is not read
    /// as a head.
    func testNotReadRecordsAreCounted() throws {
        let r = CorpusReport(options: ReportOptions())
        XCTAssertTrue(add(r, [Self.line(id: "1"), #"{"id":"2","not_read":{"known":0.05,"needs":0.24}}"#, Self.line(id: "3")]).isEmpty)
        XCTAssertEqual(r.records, 3)
        XCTAssertEqual(r.notRead, 1)
        let res = r.result(inputs: ["t"])
        XCTAssertEqual(res.summary.notRead, 1)
        XCTAssertFalse(res.heads.contains { $0.head == "not_read" }, "\(res.heads.map { $0.head })")
        XCTAssertEqual(res.heads.first { $0.head == "leaning" && $0.label == "left" }?.of, 2, "the leaning of the two read articles")
        var parser = ScoredRecordParser(fields: [])
        var a = ScoredArticle()
        try Array(#"{"id":"2","not_read":{"known":0.05,"needs":0.24}}"#.utf8).withUnsafeBufferPointer { try parser.parse($0, into: &a) }
        XCTAssertTrue(a.notRead)
        XCTAssertFalse(parser.names.strings.contains("not_read"))
        try Array(#"{"id":"3","leaning":{"label":"left"}}"#.utf8).withUnsafeBufferPointer { try parser.parse($0, into: &a) }
        XCTAssertFalse(a.notRead, "reset for the next line")
    }

    /// `--by leaning`: a head as the grouping field groups by its label.
    func testGroupingByAHeadUsesItsLabel() {
        var o = ReportOptions()
        o.by = "leaning"
        let r = CorpusReport(options: o)
        _ = add(r, [Self.line(id: "1", leaning: "left"), Self.line(id: "2", leaning: "right"), Self.line(id: "3", leaning: "left"), Self.line(id: "4", leaning: nil)])
        let res = r.result(inputs: ["t"])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: res.groups.map { ($0.group, $0.articles) }), ["left": 2, "right": 1, CorpusReport.noValue: 1])
        XCTAssertEqual(res.heads.first { $0.group == "left" && $0.head == "leaning" && $0.label == "left" }?.count, 2, "still read as a head")
    }

    // MARK: intervals

    /// Percentile intervals from counts cover a known share about 95% of the time, for a large cell (normal
    /// draws), a small one (exact waiting-time draws) and the net portrayal of three classes.
    func testBootstrapCoverage() {
        var rng = SplitMix64(seed: 7)
        func coverage(n: Int, p: Double, trials: Int) -> Double {
            var hit = 0
            for t in 0..<trials {
                var k = 0
                for _ in 0..<n where Double(rng.next() >> 11) / 9007199254740992.0 < p { k += 1 }
                let iv = ShareBootstrap.share(k, of: n, reps: 400, seed: UInt64(t))
                if iv.contains(p) { hit += 1 }
            }
            return Double(hit) / Double(trials)
        }
        let big = coverage(n: 400, p: 0.3, trials: 400)
        XCTAssertGreaterThan(big, 0.91); XCTAssertLessThan(big, 0.985)
        let small = coverage(n: 60, p: 0.2, trials: 400)
        XCTAssertGreaterThan(small, 0.89); XCTAssertLessThan(small, 0.985)
        // Net portrayal: P(neg) 0.2, P(neu) 0.5, P(pos) 0.3, so net 0.1.
        var hit = 0
        for t in 0..<300 {
            var c = [0, 0, 0]
            for _ in 0..<150 { let u = Double(rng.next() >> 11) / 9007199254740992.0; c[u < 0.2 ? 0 : u < 0.7 ? 1 : 2] += 1 }
            var b = ShareBootstrap.portrayal(negative: c[0], neutral: c[1], positive: c[2], reps: 400, seed: UInt64(t)).net
            if ShareBootstrap.percentiles(&b).contains(0.1) { hit += 1 }
        }
        let net = Double(hit) / 300
        XCTAssertGreaterThan(net, 0.9); XCTAssertLessThan(net, 0.99)
        // The interval is the resampling's: its width shrinks as 1/√n.
        let w100 = ShareBootstrap.share(50, of: 100, reps: 2000, seed: 1), w10000 = ShareBootstrap.share(5000, of: 10000, reps: 2000, seed: 1)
        let ratio = (w100.upperBound - w100.lowerBound) / (w10000.upperBound - w10000.lowerBound)
        XCTAssertEqual(ratio, 10, accuracy: 1.5)
        // Binomial draws have the right mean and variance on both paths.
        for (n, p) in [(20, 0.3), (1000, 0.4), (1000, 0.01), (50, 0.97)] {
            var r = SplitMix64(seed: 3)
            let xs = (0..<20000).map { _ in Double(ShareBootstrap.binomial(n, p, &r)) }
            let mean = xs.reduce(0, +) / Double(xs.count)
            let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
            XCTAssertEqual(mean, Double(n) * p, accuracy: 0.05 * Double(n) * p + 0.1, "n \(n) p \(p)")
            XCTAssertEqual(variance, Double(n) * p * (1 - p), accuracy: 0.1 * Double(n) * p * (1 - p) + 0.1, "n \(n) p \(p)")
        }
    }

    // MARK: bounded memory

    func testTrackingIsBoundedAndKeepsFrequentActorsExact() {
        var t = CorpusActors(capacity: 64)
        for i in 0..<20_000 {
            for name in ["Ana Ruiz", "Rare Person\(i)"] + (i % 3 == 0 ? ["Marco Villa"] : []) {
                let k = t.resolve(name)
                t.add(key: k, name: name, aliases: [], cell: i % 4) { $0.articles += 1; $0.neutral += 1 }
            }
            XCTAssertLessThanOrEqual(t.entries.count, 64)
        }
        XCTAssertGreaterThan(t.floor, 0)
        let m = t.merged()
        XCTAssertEqual(m[0].displayName, "Ana Ruiz")
        XCTAssertEqual(m[0].articles, 20_000)
        XCTAssertEqual(m[0].missedAtMost, 0)
        XCTAssertEqual(m[0].cells.values.reduce(0) { $0 + $1.articles }, 20_000)
        XCTAssertEqual(m[1].displayName, "Marco Villa")
        XCTAssertEqual(m[1].articles, 6667)
        // A late actor says how much it may have missed.
        XCTAssertTrue(m.dropFirst(2).allSatisfy { $0.missedAtMost <= t.floor })
    }

    // MARK: the tables

    func testTablesAddUpAndEvidenceIsTheStrongest() throws {
        var o = ReportOptions()
        o.by = "source"; o.minArticles = 3; o.bootstrap = 200
        let r = CorpusReport(options: o)
        var lines: [String] = []
        for i in 0..<30 {
            let src = ["A", "B", "C"][i % 3]
            let label = src == "A" ? "negative" : "positive"
            lines.append(Self.line(id: "n\(i)", source: src, leaning: i % 5 == 0 ? nil : (i % 2 == 0 ? "left" : "right"),
                                   frames: i % 2 == 0 ? ["Political", "Economic"] : ["Political"],
                                   actors: [("Ana Ruiz", ["Ana Ruiz", "Ruiz"], label, label == "negative" ? -0.1 * Double(i % 7) : 0.1 * Double(i % 7))]))
        }
        lines.insert("{\"id\":\"broken\",", at: 7)
        let bad = add(r, lines)
        XCTAssertEqual(bad.map { $0.line }, [8])
        XCTAssertTrue(bad[0].description.hasPrefix("t.jsonl:8: not a slant-score record"))
        let res = r.result(inputs: ["t.jsonl"])
        XCTAssertEqual(res.summary.records, 30)
        XCTAssertEqual(res.summary.malformed, 1)
        XCTAssertEqual(res.groups.reduce(0) { $0 + $1.articles }, 30)
        // Leaning: the labels and the articles without one add up to every article of the cell.
        let lean = res.heads.filter { $0.group == "(all)" && $0.head == "leaning" }
        XCTAssertEqual(lean.reduce(0) { $0 + $1.count }, 30)
        XCTAssertEqual(lean.first { $0.label == "(no answer)" }?.count, 6)
        XCTAssertEqual(res.heads.first { $0.group == "(all)" && $0.head == "frames" && $0.label == "Political" }?.share, 1)
        XCTAssertEqual(res.heads.first { $0.group == "(all)" && $0.head == "frames" && $0.label == "Economic" }?.count, 15)
        for h in res.heads { XCTAssertTrue(h.low <= h.share + 1e-9 && h.share <= h.high + 1e-9, "\(h)") }
        // Portrayal: A all negative, B and C all positive; the difference A − B is clear.
        let a = try XCTUnwrap(res.portrayals.first { $0.group == "A" && $0.period.isEmpty })
        XCTAssertEqual(a.net, -1); XCTAssertEqual(a.articles, 10)
        let d = try XCTUnwrap(res.differences.first { $0.groupA == "B" && $0.groupB == "A" || $0.groupA == "A" && $0.groupB == "B" })
        XCTAssertEqual(abs(d.difference), 2); XCTAssertTrue(d.clear)
        // Evidence: the two strongest sentences per group, strongest first.
        let evA = res.evidence.filter { $0.group == "A" }
        XCTAssertEqual(evA.count, 2)
        XCTAssertGreaterThanOrEqual(evA[0].strength, evA[1].strength)
        XCTAssertEqual(evA[0].strength, 0.1 + 0.6 * 0.8 - 0.1, accuracy: 1e-9)
        // CSV and JSON carry the same rows.
        let tables = ReportTables.tables(res)
        let portrayals = try XCTUnwrap(tables.first { $0.name == "portrayals" })
        XCTAssertEqual(ReportTables.csv(portrayals).split(separator: "\n").count, portrayals.rows.count + 1)
        guard case .object(let json)? = try? JSONParser.parse(ReportTables.json(res)), case .array(let rows)? = json["portrayals"] else { return XCTFail("JSON") }
        XCTAssertEqual(rows.count, portrayals.rows.count)
    }
}
