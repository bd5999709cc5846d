import Foundation
import XCTest
import Slant

/// End-to-end tests of the article analysis and the head scopes (issue 8).
extension CLITests {
    /// `--explain K` on the default model: each actor says which of the aggregator's features pushed its label most
    /// (feature, value, contribution), strongest first; the values are the actor's own (log of 1 + mentions, the
    /// share of negative sentences) and the article's tone is the same for every actor; the text format gives them
    /// on a "because" line under the actor. Without --explain there is none.
    func testActorExplanationNamesTheAggregatorsFeatures() throws {
        let root = Self.repoRoot.path
        guard FileManager.default.fileExists(atPath: root + "/models/default.slant") else {
            return XCTFail("models/default.slant is missing")
        }
        let r = try run("slant-score", ["--title-first-line", "--explain", "11", "datasets/examples/crackdown.txt"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let actors = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]]
        XCTAssertEqual(actors.count, 3)
        var tone: Set<Double> = []
        for a in actors {
            let explain = try XCTUnwrap(a["explain"] as? [[String: Any]], "\(a)")
            XCTAssertEqual(explain.count, ActorFeatures.count)
            XCTAssertEqual(Set(explain.map { $0["feature"] as! String }), Set(ActorFeatures.names))
            let contributions = explain.map { $0["contribution"] as! Double }
            XCTAssertEqual(contributions, contributions.sorted(by: >))
            func value(_ name: String) -> Double { explain.first { $0["feature"] as? String == name }!["value"] as! Double }
            XCTAssertEqual(value("log_mentions"), log(1 + Double(a["mentions"] as! Int)), accuracy: 1e-3)
            let distribution = a["distribution"] as! [String: Int]
            XCTAssertEqual(value("share_negative"), Double(distribution["negative"]!) / Double(a["sentences"] as! Int), accuracy: 1e-3)
            tone.insert(value("vader_text"))
        }
        XCTAssertEqual(tone.count, 1, "the article's tone is one value for every actor")
        let three = try run("slant-score", ["--title-first-line", "--explain", "3", "--format", "text", "datasets/examples/crackdown.txt"], cwd: root)
        XCTAssertEqual(three.status, 0, three.stderr)
        let lines = three.stdout.split(separator: "\n").map(String.init)
        let ruiz = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("    Ana Ruiz ") }, three.stdout)
        XCTAssertTrue(lines[ruiz + 1].hasPrefix("      because "), lines[ruiz + 1])
        XCTAssertEqual(lines[ruiz + 1].components(separatedBy: ", ").count, 3, lines[ruiz + 1])
        let plain = try run("slant-score", ["--title-first-line", "datasets/examples/crackdown.txt"], cwd: root)
        XCTAssertFalse(plain.stdout.contains("\"explain\""), plain.stdout)
    }

    /// `models/name-blind.slant` holds the actor analysis alone, with a sentence head that reads the actor's name as
    /// one word: the crackdown report with "Ana Ruiz" renamed "Donald Trump" gives that actor the same sentence scores
    /// and label as before, where the default model's head, which learned who Donald Trump is, scores them apart.
    /// It answers with actors only, and says which head it left out.
    func testNameBlindModelDoesNotKnowWhoTheActorIs() throws {
        let root = Self.repoRoot.path
        guard FileManager.default.fileExists(atPath: root + "/models/name-blind.slant") else {
            return XCTFail("models/name-blind.slant is missing")
        }
        let text = try String(contentsOfFile: root + "/datasets/examples/crackdown.txt", encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "Ana Ruiz", with: "Donald Trump").replacingOccurrences(of: "Ruiz", with: "Trump")
        XCTAssertNotEqual(renamed, text)
        try text.write(toFile: dir + "/ruiz.txt", atomically: false, encoding: .utf8)
        try renamed.write(toFile: dir + "/trump.txt", atomically: false, encoding: .utf8)
        func actor(_ model: String, _ body: String, _ name: String) throws -> [String: Any] {
            let file = dir + (body == text ? "/ruiz.txt" : "/trump.txt")
            let r = try run("slant-score", ["--model", model, "--title-first-line", "--evidence", "all", "--actor", name, file], cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return try XCTUnwrap((o["actors"] as? [[String: Any]])?.first, r.stdout)
        }
        func sentenceScores(_ a: [String: Any]) -> [[String: Double]] { (a["evidence"] as! [[String: Any]]).map { $0["scores"] as! [String: Double] } }
        let blind = "models/name-blind.slant", full = "models/default.slant"
        let (b1, b2) = (try actor(blind, text, "Ana Ruiz"), try actor(blind, renamed, "Donald Trump"))
        XCTAssertEqual(b1["label"] as? String, b2["label"] as? String)
        XCTAssertEqual(b1["label_scores"] as? [String: Double], b2["label_scores"] as? [String: Double])
        XCTAssertEqual(sentenceScores(b1), sentenceScores(b2))
        XCTAssertEqual(sentenceScores(b1).count, 6)
        let (d1, d2) = (try actor(full, text, "Ana Ruiz"), try actor(full, renamed, "Donald Trump"))
        XCTAssertNotEqual(sentenceScores(d1), sentenceScores(d2), "the default head reads the name")
        let r = try run("slant-score", ["--model", blind, "--title-first-line", "--why", "datasets/examples/crackdown.txt"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(Set(o.keys), ["id", "actors"], "actors only")
        XCTAssertTrue(r.stderr.contains("left out target_sentiment for 1 record"), r.stderr)
    }

    /// `--actor-model`: the default model's heads with another model's actor analysis, in one run. Its actors are
    /// those of that model alone and its other heads those of the default model alone; its target-sentiment head
    /// answers for a short record's target too; the default model named as the actor model changes nothing; a
    /// model without the analysis, or without a head a flag needs, is refused with the file and the reason.
    func testActorModelTakesTheActorsFromAnotherModel() throws {
        let root = Self.repoRoot.path
        let blind = "models/name-blind.slant", example = "datasets/examples/crackdown.txt"
        guard FileManager.default.fileExists(atPath: root + "/" + blind) else { return XCTFail("\(blind) is missing") }
        func object(_ args: [String], stdin: String? = nil) throws -> [String: Any] {
            let r = try run("slant-score", args, stdin: stdin, cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        }
        let both = try object(["--title-first-line", "--evidence", "all", "--actor-model", blind, example])
        let alone = try object(["--title-first-line", "--evidence", "all", "--model", blind, example])
        let plain = try object(["--title-first-line", "--evidence", "all", example])
        let actors = try XCTUnwrap(both["actors"] as? [[String: Any]])
        XCTAssertEqual(actors.map { $0["name"] as! String }, ["Ana Ruiz", "Marco Villa", "the cartels"])
        XCTAssertEqual(actors as NSArray, try XCTUnwrap(alone["actors"] as? [[String: Any]]) as NSArray)
        XCTAssertNotEqual(actors as NSArray, try XCTUnwrap(plain["actors"] as? [[String: Any]]) as NSArray, "another head, other scores")
        for head in ["leaning", "frames"] {
            XCTAssertEqual(try XCTUnwrap(both[head] as? [String: Any]) as NSDictionary, try XCTUnwrap(plain[head] as? [String: Any]) as NSDictionary, head)
        }
        // The default model as its own actor model: the same bytes as without the option.
        let same = try run("slant-score", ["--title-first-line", "--explain", "2", "--actor-model", "models/default.slant", example], cwd: root)
        let without = try run("slant-score", ["--title-first-line", "--explain", "2", example], cwd: root)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stdout, without.stdout)
        // A sentence with a target: the actor model's head answers, as `--model` would have it.
        let sentence = "{\"id\":\"s\",\"text\":\"Trump spoke to reporters on Tuesday.\",\"target\":\"Trump\"}\n"
        let short = try object(["--task", "target_sentiment", "--actor-model", blind], stdin: sentence)
        XCTAssertEqual(short["target_sentiment"] as? NSDictionary, try object(["--task", "target_sentiment", "--model", blind], stdin: sentence)["target_sentiment"] as? NSDictionary)
        XCTAssertNotEqual(short["target_sentiment"] as? NSDictionary, try object(["--task", "target_sentiment"], stdin: sentence)["target_sentiment"] as? NSDictionary)
        // Refused, with the file and the reason.
        let holders = try run("slant-score", ["--holders", "--actor-model", blind, example], cwd: root)
        XCTAssertEqual(holders.status, 1)
        XCTAssertTrue(holders.stderr.contains("--holders needs a directed-sentiment head in --actor-model's model, and \(blind) has none"), holders.stderr)
        try "not a model".write(toFile: dir + "/bad.slant", atomically: false, encoding: .utf8)
        let bad = try run("slant-score", ["--actor-model", dir + "/bad.slant", example], cwd: root)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(dir + "/bad.slant: not a usable Slant model"), bad.stderr)
        let leaning = write((0..<20).map { "{\"id\": \"l\($0)\", \"text\": \"\($0 % 2 == 0 ? "tax cuts" : "union wages") today\", \"labels\": {\"leaning\": \"\($0 % 2 == 0 ? "right" : "left")\"}}" }.joined(separator: "\n") + "\n", "leaning.jsonl")
        XCTAssertEqual(try run("slant-train", ["--data", leaning, "--output", dir + "/leaning.slant", "--bits", "10", "--quiet"]).status, 0)
        let noHead = try run("slant-score", ["--actor-model", dir + "/leaning.slant", example], cwd: root)
        XCTAssertEqual(noHead.status, 1)
        XCTAssertTrue(noHead.stderr.contains("--actor-model \(dir)/leaning.slant: the actor analysis needs a target-sentiment head"), noHead.stderr)
        let off = try run("slant-score", ["--actors", "off", "--actor-model", blind, example], cwd: root)
        XCTAssertEqual(off.status, 64)
        XCTAssertTrue(off.stderr.contains("--actor-model needs the actor analysis; drop --actors off"), off.stderr)
    }

    /// README's first command: the default analysis of the example article with the default model: leaning,
    /// frames and actors; no head whose input is missing or does not fit, and stderr says which were left out.
    func testDefaultModelScoresTheExampleArticle() throws {
        let root = Self.repoRoot.path
        guard FileManager.default.fileExists(atPath: root + "/models/default.slant") else {
            return XCTFail("models/default.slant is missing")
        }
        let r = try run("slant-score", ["--title-first-line", "datasets/examples/article.txt"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(o["id"] as? String, "article.txt")
        for task in ["leaning", "frames"] { XCTAssertNotNil(o[task], "the default analysis lacks \(task)") }
        for task in ["headline_stance", "target_sentiment", "target_stance", "gun_frame", "gun_frames", "directed_sentiment"] {
            XCTAssertNil(o[task], "\(task) does not apply to a plain article")
        }
        // Quiet by default: one stderr line names the heads left out; --why gives each one's reason.
        XCTAssertEqual(r.stderr, "slant-score: left out 6 heads where they did not apply (directed_sentiment, gun_frame, gun_frames, headline_stance, target_sentiment, target_stance); --why says why\n")
        let why = try run("slant-score", ["--title-first-line", "--why", "datasets/examples/article.txt"], cwd: root)
        XCTAssertEqual(why.stdout, r.stdout)
        XCTAssertEqual(why.stderr.split(separator: "\n").count, 6, why.stderr)
        XCTAssertTrue(why.stderr.contains("left out headline_stance for 1 record: it needs a claim"), why.stderr)
        XCTAssertTrue(why.stderr.contains("left out gun_frame for 1 record: it is specific to gun violence"), why.stderr)
        let actors = o["actors"] as! [[String: Any]]
        XCTAssertEqual(actors.map { $0["name"] as! String }, ["Ellen Park", "Maria Lopez", "James Reed"])
        for a in actors {
            XCTAssertTrue(["negative", "neutral", "positive"].contains(a["label"] as! String))
            // The default model has a learned aggregator: its probabilities are given, and the label is their argmax.
            let p = a["label_scores"] as! [String: Double]
            XCTAssertEqual(p.values.reduce(0, +), 1, accuracy: 1e-3)
            XCTAssertEqual(p.max { $0.value < $1.value }?.key, a["label"] as? String)
            let evidence = a["evidence"] as! [[String: Any]]
            XCTAssertFalse(evidence.isEmpty)
            XCTAssertTrue((evidence[0]["sentence"] as! String).contains(a["name"] as! String))
        }
        // A claim brings headline_stance back; naming a domain-specific head forces it; a target on an
        // article-length text is analysed as an actor, not by the sentence-level head.
        let c = try run("slant-score", ["--title-first-line", "--claim", "The council approved the budget", "--task", "headline_stance,gun_frame",
                                         "datasets/examples/article.txt"], cwd: root)
        XCTAssertEqual(c.status, 0, c.stderr)
        let co = try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as! [String: Any]
        XCTAssertNotNil(co["headline_stance"]); XCTAssertNotNil(co["gun_frame"]); XCTAssertNil(co["leaning"]); XCTAssertNil(co["actors"])
        let t = try run("slant-score", ["--title-first-line", "--why", "--target", "Ellen Park", "datasets/examples/article.txt"], cwd: root)
        let to = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as! [String: Any]
        XCTAssertNil(to["target_sentiment"])
        XCTAssertEqual((to["actors"] as! [[String: Any]]).map { $0["name"] as! String }, ["Ellen Park"])
        XCTAssertTrue(t.stderr.contains("left out target_sentiment for 1 record: it was trained on sentences"), t.stderr)
        // A sentence with a target gets the sentence-level head, and no actor analysis.
        let sentence = try run("slant-score", ["--target", "Park"], stdin: "Critics slammed Park over the failed budget.\n", cwd: root)
        let so = try JSONSerialization.jsonObject(with: Data(sentence.stdout.utf8)) as! [String: Any]
        XCTAssertNotNil(so["target_sentiment"]); XCTAssertNil(so["actors"])
        // The readable form: one line per record, its evidence indented under it.
        let table = try run("slant-score", ["--title-first-line", "--format", "table", "datasets/examples/article.txt"], cwd: root)
        XCTAssertTrue(table.stdout.contains("Ellen Park: "), table.stdout)
        XCTAssertTrue(table.stdout.contains("    Ellen Park "), table.stdout)
        // From another folder the executable still finds the checkout's default model.
        let elsewhere = try run("slant-score", [root + "/datasets/examples/article.txt"], cwd: dir)
        XCTAssertEqual(elsewhere.status, 0, elsewhere.stderr)
    }

    /// `--format text` (README's first command): a block per record with each head that answered (its label and
    /// probability first, as in the JSON), the actors with their evidence indented under them, and a blank line;
    /// heads that did not apply are absent, not printed as "-"; `--explain` adds a "because" line per head.
    func testTextFormatIsAReadableBlockPerRecord() throws {
        let root = Self.repoRoot.path
        let args = ["--title-first-line", "datasets/examples/article.txt"]
        let json = try run("slant-score", args, cwd: root)
        let o = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let leaning = o["leaning"] as! [String: Any]
        let label = leaning["label"] as! String
        let p = String(format: "%.2f", (leaning["scores"] as! [String: Double])[label]!)
        let r = try run("slant-score", args + ["--format", "text"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "article.txt")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  leaning  \(label) \(p) (") }, r.stdout)
        let frames = (o["frames"] as! [String: Any])["labels"] as! [String]
        let frameLine = lines.first { $0.hasPrefix("  frames   ") } ?? ""
        for f in frames { XCTAssertTrue(frameLine.contains(f + " 0."), frameLine) }
        XCTAssertTrue(lines.contains("  actors   3"), r.stdout)
        let actors = o["actors"] as! [[String: Any]]
        for a in actors {
            let name = a["name"] as! String
            XCTAssertTrue(lines.contains { $0.hasPrefix("    \(name) ") && $0.contains(" \(a["label"] as! String) (p 0.") }, r.stdout)
        }
        XCTAssertTrue(lines.contains("      positive  \"Mayor Ellen Park praised the vote, saying the budget \"keeps our neighborhoods safe while investing in schools and housing.\"\""), r.stdout)
        for absent in ["headline_stance", "target_sentiment", "gun_frame", "\t"] { XCTAssertFalse(r.stdout.contains(absent), absent) }
        XCTAssertTrue(r.stdout.hasSuffix("\n\n"), "a blank line ends the record")
        // README shows this output under its first command: it must be what the command prints.
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let shown = readme.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "```").first
        XCTAssertEqual(shown, String(r.stdout.dropLast()), "README.md's example output differs from what its first command prints")
        XCTAssertTrue(r.stderr.hasPrefix("slant-score: left out 6 heads where they did not apply (directed_sentiment, gun_frame"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        // Several records: one block each, in input order; --explain adds the features behind each head.
        let two = try run("slant-score", ["--format", "text", "--task", "leaning", "--explain", "2"], stdin: "The senator praised the bill.\nThe mayor condemned the plan.\n", cwd: root)
        XCTAssertEqual(two.status, 0, two.stderr)
        let blocks = two.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        XCTAssertEqual(blocks.count, 2, two.stdout)
        XCTAssertTrue(blocks[0].hasPrefix("1\n  leaning  ") && blocks[1].hasPrefix("2\n  leaning  "), two.stdout)
        XCTAssertTrue(blocks.allSatisfy { $0.contains("\n           because text:") }, two.stdout)
    }

    /// A saved web page (`datasets/examples/article.html`, the example article as a news site serves it) is read
    /// for its article: the output is byte for byte that of a record of its headline and paragraphs, with none of
    /// the page's menus, banners, scripts or footer; a folder's walk reads `.html` files too.
    func testAWebPageIsReadForItsArticle() throws {
        let root = Self.repoRoot.path
        let page = try run("slant-score", ["datasets/examples/article.html"], cwd: root)
        XCTAssertEqual(page.status, 0, page.stderr)
        let lines = try String(contentsOfFile: root + "/datasets/examples/article.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let record: [String: Any] = ["id": "article.html", "title": lines[0], "text": lines.dropFirst().joined(separator: "\n\n")]
        let same = try run("slant-score", [], stdin: String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self) + "\n", cwd: root)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(page.stdout, same.stdout)
        XCTAssertTrue(page.stdout.contains("\"name\": \"Ellen Park\"") || page.stdout.contains("\"name\":\"Ellen Park\""), page.stdout)
        for furniture in ["cookies", "Advertisement", "newsletter", "Most read", "Staff Reporter", "analytics"] {
            XCTAssertFalse(page.stdout.contains(furniture), furniture)
        }
        let folder = dir + "/pages"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/datasets/examples/article.html", toPath: folder + "/article.html")
        let walked = try run("slant-score", [folder], cwd: root)
        XCTAssertEqual(walked.stdout, page.stdout)
        // The same page's source as a JSONL record's text, with --html-text: the same output.
        let source = try String(contentsOfFile: root + "/datasets/examples/article.html", encoding: .utf8)
        let scraped = String(decoding: try JSONSerialization.data(withJSONObject: ["id": "article.html", "text": source]), as: UTF8.self) + "\n"
        let html = try run("slant-score", ["--html-text"], stdin: scraped, cwd: root)
        XCTAssertEqual(html.status, 0, html.stderr)
        XCTAssertEqual(html.stdout, page.stdout)
        // Without it the source is read as text, the site's name and menus with it (this light page is 40% tags, under
        // the share from which markup is not read at all).
        let raw = try run("slant-score", [], stdin: scraped, cwd: root)
        XCTAssertTrue(raw.stdout.contains("Riverside Courier"), raw.stdout)
        XCTAssertFalse(html.stdout.contains("Riverside Courier"), html.stdout)
    }

    /// A web archive (`.warc.gz`, as a crawler writes it) is read for its pages: the example page, fetched in
    /// chunks, scores byte for byte as the saved page does, its id the address it was fetched from and `--keep`
    /// giving its address, publication date, host and crawl date; the request, an image, a redirect and an index
    /// page are left out and counted on stderr, and `--why` names the page left out. A folder's walk reads it; a
    /// truncated archive is an error after the pages before the damage are written.
    func testAWebArchiveIsReadForItsPages() throws {
        let root = Self.repoRoot.path
        let html = try Data(contentsOf: URL(fileURLWithPath: root + "/datasets/examples/article.html"))
        func record(_ type: String, _ uri: String, _ block: [UInt8]) -> [UInt8] {
            Array("WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2024-03-06T12:00:00Z\r\nContent-Length: \(block.count)\r\n\r\n".utf8) + block + Array("\r\n\r\n".utf8)
        }
        func http(_ status: String, _ type: String, _ body: [UInt8], chunked: Bool = false) -> [UInt8] {
            var b = body
            if chunked {
                b = []
                for start in stride(from: 0, to: body.count, by: 500) {
                    let c = body[start..<min(body.count, start + 500)]
                    b += Array((String(c.count, radix: 16) + "\r\n").utf8) + c + Array("\r\n".utf8)
                }
                b += Array("0\r\n\r\n".utf8)
            }
            return Array("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\n\(chunked ? "Transfer-Encoding: chunked\r\n" : "")\r\n".utf8) + b
        }
        let url = "https://www.riversidecourier.example/news/2024/03/06/council-approves-budget"
        var warc = record("request", url, Array("GET /news HTTP/1.1\r\n\r\n".utf8))
        warc += record("response", url, http("200 OK", "text/html; charset=utf-8", Array(html), chunked: true))
        warc += record("response", "https://www.riversidecourier.example/logo.png", http("200 OK", "image/png", [0x89, 0x50, 0x4E, 0x47]))
        warc += record("response", "https://www.riversidecourier.example/old", http("301 Moved Permanently", "text/html", []))
        let index = "<html><body>" + (1...20).map { "<p><a href=\"/\($0)\">Story \($0)</a></p>" }.joined() + "</body></html>"
        warc += record("response", "https://www.riversidecourier.example/", http("200 OK", "text/html", Array(index.utf8)))
        let folder = dir + "/crawl"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plain = dir + "/crawl.warc"
        try Data(warc).write(to: URL(fileURLWithPath: plain))
        let path = folder + "/2024-03-06.warc.gz"
        let gz = try run("/bin/sh", ["-c", "gzip -c '\(plain)' > '\(path)'"], absolute: true)
        XCTAssertEqual(gz.status, 0, gz.stderr)

        let page = try run("slant-score", ["datasets/examples/article.html"], cwd: root)
        let r = try run("slant-score", [path], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, page.stdout.replacingOccurrences(of: "{\"id\":\"article.html\"", with: "{\"id\":\"\(url)\""))
        XCTAssertTrue(r.stderr.contains("web archives: 1 page read, 4 records left out:\n"), r.stderr)
        for line in ["1 × request records (no page)", "1 × responses that are not web pages (image/png: 1)",
                     "1 × responses with an HTTP status other than 2xx (301: 1)", "1 × pages without article text", "(--why lists each page left out)"] {
            XCTAssertTrue(r.stderr.contains("\n  " + line), line + " in " + r.stderr)
        }
        let why = try run("slant-score", ["--why", "--task", "leaning", path], cwd: root)
        XCTAssertTrue(why.stderr.contains("slant-score: \(path): record 5 (https://www.riversidecourier.example/): left out: no article text: "), why.stderr)
        let kept = try run("slant-score", ["--task", "leaning", "--keep", "url,date,source,crawl_date", path], cwd: root)
        XCTAssertTrue(kept.stdout.hasPrefix("{\"id\":\"\(url)\",\"url\":\"\(url)\",\"date\":\"2024-03-06T07:15:00-05:00\",\"source\":\"riversidecourier.example\",\"crawl_date\":\"2024-03-06T12:00:00Z\",\"leaning\":"), kept.stdout)
        let walked = try run("slant-score", [folder], cwd: root)
        XCTAssertEqual(walked.stdout, r.stdout)
        // Cut short after the page's record: the page is written, and the run fails naming the file.
        let cut = dir + "/cut.warc"
        try Data(warc.prefix(warc.count - 300 - index.utf8.count)).write(to: URL(fileURLWithPath: cut))
        let damaged = try run("slant-score", [cut], cwd: root)
        XCTAssertEqual(damaged.status, 1)
        XCTAssertEqual(damaged.stdout, r.stdout)
        XCTAssertTrue(damaged.stderr.contains("slant-score: error: \(cut): record "), damaged.stderr)
    }

    /// A named actor the text never mentions is reported as not mentioned (JSON `not_mentioned`, a line in the text
    /// format), and so is a record's `target`; the actors found are analysed as usual.
    func testActorsNotMentionedAreReported() throws {
        let root = Self.repoRoot.path
        let text = "Hillary Clinton defended her record on trade on Tuesday. Clinton said the agreement had failed workers. Tom Reyes, a union organizer, praised the speech.\n"
        let r = try run("slant-score", ["--actors", "on", "--actor", "Tom Reyes", "--actor", "Marco Villa"], stdin: text, cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((object["actors"] as! [[String: Any]]).map { $0["name"] as! String }, ["Tom Reyes"])
        XCTAssertEqual(object["not_mentioned"] as? [String], ["Marco Villa"])
        let t = try run("slant-score", ["--actors", "on", "--actor", "Marco Villa", "--format", "text"], stdin: text, cwd: root)
        XCTAssertTrue(t.stdout.contains("none found\n    Marco Villa  not mentioned in the text\n"), t.stdout)
        let record = "{\"id\": \"p\", \"text\": \"\(text.dropLast())\", \"target\": \"Ana Ruiz\"}\n"
        let target = try run("slant-score", ["--actors", "on"], stdin: record, cwd: root)
        XCTAssertEqual(target.status, 0, target.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(target.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(o["not_mentioned"] as? [String], ["Ana Ruiz"])
        let found = try run("slant-score", ["--actors", "on", "--actor", "Tom Reyes"], stdin: text, cwd: root)
        XCTAssertFalse(found.stdout.contains("not_mentioned"), found.stdout)
    }

    /// `--actor-file`: a watch list's actors are reported where mentioned, never in `not_mentioned` (which lists
    /// only `--actor`'s); a bad list stops the run with its file and line; the list's actors are found as
    /// `--actor` finds them.
    func testActorFileIsAWatchList() throws {
        let root = Self.repoRoot.path
        let text = "Hillary Clinton defended her record on trade on Tuesday. Clinton said the agreement had failed workers. Tom Reyes, a union organizer, praised the speech.\n"
        let list = write("# watch list\nHillary Clinton\nAna Ruiz\n\nTom Reyes|Reyes\n", "list.txt")
        let r = try run("slant-score", ["--actor", "Marco Villa", "--actor-file", list], stdin: text, cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let found = o["actors"] as! [[String: Any]]
        XCTAssertEqual(Set(found.map { $0["name"] as! String }), ["Hillary Clinton", "Tom Reyes"])
        XCTAssertEqual(o["not_mentioned"] as? [String], ["Marco Villa"], "only --actor's actors are reported missing")
        let one = try run("slant-score", ["--actor", "Hillary Clinton", "--actor", "Tom Reyes|Reyes"], stdin: text, cwd: root)
        let same = (try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]]
        XCTAssertEqual(found.map { "\($0["name"]!) \($0["label"]!) \($0["mentions"]!)" }, same.map { "\($0["name"]!) \($0["label"]!) \($0["mentions"]!)" })
        let bad = write("Hillary Clinton\nhillary clinton|Clinton\n", "bad.txt")
        let b = try run("slant-score", ["--actor-file", bad], stdin: text, cwd: root)
        XCTAssertEqual(b.status, 1)
        XCTAssertTrue(b.stderr.contains("bad.txt:2: \"hillary clinton\" is listed twice (first on line 1)"), b.stderr)
        XCTAssertEqual(b.stdout, "")
        let off = try run("slant-score", ["--actors", "off", "--actor-file", list], stdin: text, cwd: root)
        XCTAssertEqual(off.status, 64)
        XCTAssertTrue(off.stderr.contains("--actor-file needs the actor analysis"), off.stderr)
    }

    /// `--actor-stance` (issue 8: "and target stance where a head was trained for it"): with the default model, an
    /// actor named after one of target_stance's training targets gets a stance; without the flag nobody does;
    /// with the analysis off the flag is a usage error.
    func testActorStanceIsOptIn() throws {
        let root = Self.repoRoot.path
        let text = "Hillary Clinton defended her record on trade on Tuesday. Clinton said the agreement had failed workers. Tom Reyes, a union organizer, praised the speech.\n"
        let args = ["--actors", "on", "--actor", "Hillary Clinton", "--actor", "Tom Reyes"]
        let r = try run("slant-score", args + ["--actor-stance"], stdin: text, cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let actors = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]]
        XCTAssertEqual(actors.map { $0["name"] as! String }, ["Hillary Clinton", "Tom Reyes"])
        let st = try XCTUnwrap(actors[0]["stance"] as? [String: Any])
        XCTAssertEqual(st["task"] as? String, "target_stance")
        XCTAssertEqual(st["target"] as? String, "Hillary Clinton")
        XCTAssertEqual(st["sentences"] as? Int, 2)
        let scores = st["scores"] as! [String: Double]
        XCTAssertEqual(Set(scores.keys), ["against", "favor", "none"])
        XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-3)
        XCTAssertEqual(scores.max { $0.value < $1.value }?.key, st["label"] as? String)
        XCTAssertNil(actors[1]["stance"], "Tom Reyes is not a target the stance head was trained for")
        let table = try run("slant-score", args + ["--actor-stance", "--format", "table"], stdin: text, cwd: root)
        XCTAssertTrue(table.stdout.contains("; stance \(st["label"] as! String) ("), table.stdout)
        let plain = try run("slant-score", args, stdin: text, cwd: root)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stdout.contains("\"stance\""), plain.stdout)
        // Naming heads turns the analysis off in auto mode, but asking for actor stance asks for the analysis.
        // (an article-length text, so that its actors are detected).
        let article = String(repeating: text.dropLast() + " ", count: 4) + "\n"
        XCTAssertGreaterThan(article.utf8.count, 600)
        let withTask = try run("slant-score", ["--task", "leaning", "--actor-stance"], stdin: article, cwd: root)
        XCTAssertEqual(withTask.status, 0, withTask.stderr)
        XCTAssertTrue(withTask.stdout.contains("\"stance\":{\"task\":\"target_stance\",\"target\":\"Hillary Clinton\""), withTask.stdout)
        XCTAssertTrue(withTask.stdout.contains("\"leaning\""), withTask.stdout)
        let off = try run("slant-score", ["--actors", "off", "--actor-stance"], stdin: text, cwd: root)
        XCTAssertEqual(off.status, 64)
        XCTAssertTrue(off.stderr.contains("--actor-stance needs the actor analysis"), off.stderr)
    }

    /// Issue 10: the shipped model's output on the example article is pinned (`datasets/examples/article.expected.jsonl`,
    /// probabilities within 1e-4), so a change that breaks `default.slant` fails CI. After retraining the
    /// default model on purpose, regenerate it with
    /// `slant-score --title-first-line datasets/examples/article.txt > datasets/examples/article.expected.jsonl`,
    /// and update the numbers README.md's Output section shows (checked here, to two decimals).
    func testDefaultModelOutputIsPinned() throws {
        let root = Self.repoRoot.path
        let r = try run("slant-score", ["--title-first-line", "datasets/examples/article.txt"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = try String(contentsOfFile: root + "/datasets/examples/article.expected.jsonl", encoding: .utf8)
        func same(_ a: Any, _ b: Any, _ path: String) {
            switch (a, b) {
            case let (x as [String: Any], y as [String: Any]):
                XCTAssertEqual(Set(x.keys), Set(y.keys), path)
                for k in x.keys where y[k] != nil { same(x[k]!, y[k]!, path + "." + k) }
            case let (x as [Any], y as [Any]):
                XCTAssertEqual(x.count, y.count, path)
                for (i, (u, v)) in zip(x, y).enumerated() { same(u, v, path + "[\(i)]") }
            case let (x as String, y as String): XCTAssertEqual(x, y, path)
            case let (x as NSNumber, y as NSNumber): XCTAssertEqual(x.doubleValue, y.doubleValue, accuracy: 1e-4, path)
            default: XCTFail("\(path): \(a) against \(b)")
            }
        }
        let output = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        same(output, try JSONSerialization.jsonObject(with: Data(expected.utf8)), "output")
        // README's Output section shows this record (shortened): the numbers it shows are the ones printed.
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = readme.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first ?? ""
        /// The `"key": number` pairs of the first `{...}` after `marker`, at or after `from` in the block.
        func shown(_ marker: String, after from: String) -> [String: Double] {
            guard let start = block.range(of: from), let m = block.range(of: marker, range: start.lowerBound..<block.endIndex),
                  let close = block.range(of: "}", range: m.upperBound..<block.endIndex) else { XCTFail("README: no \(marker) after \(from)"); return [:] }
            var out: [String: Double] = [:]
            for pair in block[m.upperBound..<close.lowerBound].components(separatedBy: ",") {
                let kv = pair.components(separatedBy: ":")
                guard kv.count == 2, let v = Double(kv[1].trimmingCharacters(in: .whitespaces)) else { continue }
                out[kv[0].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))] = v
            }
            return out
        }
        func agree(_ shown: [String: Double], _ actual: Any?, digits: Double = 100, _ what: String) {
            let actual = actual as? [String: Double] ?? [:]
            XCTAssertFalse(shown.isEmpty, what)
            for (k, v) in shown { XCTAssertEqual(v, ((actual[k] ?? .nan) * digits).rounded() / digits, accuracy: 1e-9, "README's \(what).\(k)") }
        }
        let leaning = output["leaning"] as! [String: Any], frames = output["frames"] as! [String: Any]
        let park = (output["actors"] as! [[String: Any]])[0], evidence = (park["evidence"] as! [[String: Any]])[0]
        agree(shown("\"scores\": {", after: "\"leaning\""), leaning["scores"], "leaning.scores")
        agree(shown("\"scores\": {", after: "\"frames\""), frames["scores"], "frames.scores")
        agree(shown("\"label_scores\": {", after: "\"actors\""), park["label_scores"], "actors[0].label_scores")
        agree(shown("\"scores\": {", after: "\"score\":"), park["scores"], "actors[0].scores")
        agree(shown("\"scores\": {", after: "\"evidence\""), evidence["scores"], "actors[0].evidence[0].scores")
        agree(shown("\"distribution\": {", after: "\"actors\""), (park["distribution"] as? [String: Int])?.mapValues(Double.init), "actors[0].distribution")
        agree(shown("{\"sentence\"", after: "\"evidence\"").filter { $0.key == "start" || $0.key == "end" },
              ["start": Double(evidence["start"] as! Int), "end": Double(evidence["end"] as! Int)], "actors[0].evidence[0]")
        XCTAssertTrue(block.contains("\"score\": \(String(format: "%.3f", park["score"] as! Double))"), "README's actors[0].score")
    }

    /// Article-actor pairs: several sentences about one person; the label follows the majority of them.
    func pairCorpus(_ n: Int, seed: Int) -> String {
        var s = UInt64(seed)
        func next() -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int(s >> 33) }
        let verbs = [["slammed", "attacked"], ["met", "visited"], ["praised", "applauded"]]
        let labels = ["negative", "neutral", "positive"]
        return (0..<n).map { i -> String in
            let k = next() % 3
            var sentences: [String] = []
            for j in 0..<6 {
                let v = j < 4 ? verbs[k][next() % 2] : verbs[next() % 3][0]
                sentences.append("Critics \(v) Anna Berg at the hall. The weather in the city was mild and grey on day \(j).")
            }
            return "{\"id\": \"p\(i)\", \"text\": \"\(sentences.joined(separator: " "))\", \"target\": \"Anna Berg\", \"labels\": {\"target_sentiment\": \"\(labels[k])\"}}"
        }.joined(separator: "\n") + "\n"
    }

    /// Train a sentiment head with the aggregation tuned on pairs, then score actors and evaluate them.
    func testActorsTrainScoreAndEvaluate() throws {
        var lines: [String] = []
        var s = UInt64(3)
        func next() -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int(s >> 33) }
        let names = ["Anna Berg", "Tom Hale", "Rosa Diaz", "Ivan Petrov"]
        let words = [("negative", ["slammed", "attacked", "condemned"]), ("neutral", ["met", "called", "visited"]),
                     ("positive", ["praised", "thanked", "applauded"])]
        for i in 0..<300 {
            let name = names[next() % 4], (label, verbs) = words[next() % 3]
            let prefix = "Officials \(verbs[next() % 3]) "
            let text = prefix + name + " on day \(next() % 30)."
            lines.append("{\"id\": \"s\(i)\", \"text\": \"\(text)\", \"target\": \"\(name)\", \"spans\": [[\(prefix.count), \(prefix.count + name.count)]], \"labels\": {\"target_sentiment\": \"\(label)\"}}")
        }
        let train = write(lines.joined(separator: "\n") + "\n", "sent.jsonl")
        let pairs = write(pairCorpus(60, seed: 4), "pairs.jsonl")
        let test = write(pairCorpus(40, seed: 5), "pairs-test.jsonl")
        let model = dir + "/sent.slant"
        let t = try run("slant-train", ["--data", train, "--actor-data", pairs, "--output", model, "--bits", "12"])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stderr.contains("actors: tuned on 60 article-actor pairs; 3x5-fold CV macro-F1: band"), t.stderr)
        let balanced = try run("slant-train", ["--data", train, "--actor-data", pairs, "--actor-balance", "0.5", "--output", dir + "/sent-b.slant", "--bits", "12"])
        XCTAssertEqual(balanced.status, 0, balanced.stderr)
        XCTAssertTrue(balanced.stderr.contains("; pairs weighted by actor (α 0.5)"), balanced.stderr)
        // Two pair files as two data sets: each its own intercepts; one file is a usage error naming the count.
        let pairs2 = write(pairCorpus(45, seed: 6), "pairs2.jsonl")
        let perDataset = try run("slant-train", ["--data", train, "--actor-data", pairs, pairs2, "--actor-per-dataset", "--output", dir + "/sent-d.slant", "--bits", "12"])
        XCTAssertEqual(perDataset.status, 0, perDataset.stderr)
        XCTAssertTrue(perDataset.stderr.contains("tuned on 105 article-actor pairs"), perDataset.stderr)
        XCTAssertTrue(perDataset.stderr.contains("; 2 data sets, each its own intercepts and the same weight"), perDataset.stderr)
        // A trained model adapted with pairs (--from, no training data) is byte for byte the model trained with them.
        let plainSent = dir + "/sent-plain.slant", adapted = dir + "/sent-from.slant"
        XCTAssertEqual(try run("slant-train", ["--data", train, "--output", plainSent, "--bits", "12", "--quiet"]).status, 0)
        let from = try run("slant-train", ["--from", plainSent, "--actor-data", pairs, pairs2, "--actor-per-dataset", "--output", adapted])
        XCTAssertEqual(from.status, 0, from.stderr)
        XCTAssertTrue(from.stderr.contains("tuned on 105 article-actor pairs") && from.stderr.contains("wrote \(adapted) (\(plainSent) adapted)"), from.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: adapted), FileManager.default.contents(atPath: dir + "/sent-d.slant"))
        let fromNothing = try run("slant-train", ["--from", plainSent, "--actor-pronouns", "--output", adapted])
        XCTAssertEqual(fromNothing.status, 64)
        XCTAssertTrue(fromNothing.stderr.contains("--from needs --prior-data TASK=FILE (class offsets) or --actor-data FILE"), fromNothing.stderr)
        // A file without pairs is named on stderr (here: sentences with no article-level label field).
        let noPairs = write("{\"id\": \"n1\", \"text\": \"Officials praised Anna Berg.\", \"target\": \"Anna Berg\"}\n", "no-pairs.jsonl")
        let named = try run("slant-train", ["--data", train, "--actor-data", pairs, noPairs, "--actor-per-dataset", "--output", dir + "/sent-n.slant", "--bits", "12"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertTrue(named.stderr.contains("actors: \(noPairs) has no article-actor pairs (a target and a target_sentiment label of negative, neutral, positive); not used"), named.stderr)
        XCTAssertFalse(named.stderr.contains("2 data sets"), named.stderr)
        // Features the aggregator leaves out get weight 0 in every label's row (the model keeps the 11 slots).
        let omitted = try run("slant-train", ["--data", train, "--actor-data", pairs, "--actor-omit-features", "vader_text,first_score", "--output", dir + "/sent-o.slant", "--bits", "12"])
        XCTAssertEqual(omitted.status, 0, omitted.stderr)
        XCTAssertTrue(omitted.stderr.contains("; without vader_text, first_score"), omitted.stderr)
        let rows = try XCTUnwrap(ModelFile.read(dir + "/sent-o.slant").header.actors?.weights)
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertEqual(row.count, 12)
            XCTAssertEqual(row[8], 0, "vader_text"); XCTAssertEqual(row[9], 0, "first_score")
            XCTAssertNotEqual(row[0], 0, "the other features are read")
        }
        let oneFile = try run("slant-train", ["--data", train, "--actor-data", pairs, "--actor-per-dataset", "--output", dir + "/x.slant"])
        XCTAssertEqual(oneFile.status, 64)
        XCTAssertTrue(oneFile.stderr.contains("--actor-per-dataset needs two or more --actor-data files, got 1"), oneFile.stderr)

        let e = try run("slant-eval", ["--model", model, "--data", test, "--actors", "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        let ts = (json["tasks"] as! [String: [String: Any]])["target_sentiment"]!
        XCTAssertEqual(ts["n"] as? Int, 40)
        XCTAssertGreaterThan(ts["macro_f1"] as! Double, 0.8)
        XCTAssertEqual(ts["actors_found"] as? Int, 40)
        // Every pair is in one group by the sentences that mention its actor.
        let groups = ts["by_sentences"] as! [[String: Any]]
        XCTAssertEqual(groups.map { $0["n"] as! Int }.reduce(0, +), 40)
        XCTAssertFalse(groups.contains { $0["sentences"] as? String == "none" })
        // The aggregator's probabilities get a reliability diagram and a calibration error, over the 40 articles.
        let bins = ts["reliability"] as! [[String: Any]]
        XCTAssertEqual(bins.map { $0["count"] as! Int }.reduce(0, +), 40)
        XCTAssertNotNil(ts["ece"] as? Double)
        // An actor the text never names is counted as not found (and as neutral), in JSON and in the table.
        let missing = write(pairCorpus(40, seed: 5) + "{\"id\": \"m\", \"text\": \"The council met on Monday and the weather was mild.\", \"target\": \"Zed Nobody\", \"labels\": {\"target_sentiment\": \"neutral\"}}\n", "pairs-missing.jsonl")
        let em = try run("slant-eval", ["--model", model, "--data", missing, "--actors", "--json"])
        let jm = (try JSONSerialization.jsonObject(with: Data(em.stdout.utf8)) as! [String: Any])["tasks"] as! [String: [String: Any]]
        XCTAssertEqual(jm["target_sentiment"]?["n"] as? Int, 41)
        XCTAssertEqual(jm["target_sentiment"]?["actors_found"] as? Int, 40)
        let tm = try run("slant-eval", ["--model", model, "--data", missing, "--actors"])
        XCTAssertTrue(tm.stdout.contains("actors found  40 of 41 articles (the others count as neutral)"), tm.stdout)
        XCTAssertTrue(tm.stdout.contains("by sentences that mention the actor"), tm.stdout)
        // The HTML report draws the same groups (one bar pair and one table row per group).
        let html = dir + "/actors.html"
        XCTAssertEqual(try run("slant-eval", ["--model", model, "--data", missing, "--actors", "--report", html]).status, 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "data-chart=\"evidence\"").count - 1, 1)
        XCTAssertTrue(page.contains("<tr><td>none</td><td>1</td>"), "the unfound actor's group")
        XCTAssertEqual(page.components(separatedBy: "<svg").count, page.components(separatedBy: "<figure").count)
        // By source: the pairs without a source field form one group; with --by-source in the table, JSON and HTML.
        let sourced = write(pairCorpus(40, seed: 5).split(separator: "\n").enumerated().map { i, l in
            i % 4 == 0 ? String(l) : String(l.dropLast()) + ", \"source\": \"\(i % 4 == 1 ? "Daily A" : "Daily B")\"}"
        }.joined(separator: "\n") + "\n", "pairs-sourced.jsonl")
        let es = try run("slant-eval", ["--model", model, "--data", sourced, "--actors", "--by-source", "--json", "--report", dir + "/sources.html"])
        XCTAssertEqual(es.status, 0, es.stderr)
        let bySource = ((try JSONSerialization.jsonObject(with: Data(es.stdout.utf8)) as! [String: Any])["tasks"] as! [String: [String: Any]])["target_sentiment"]?["by_source"] as? [[String: Any]]
        XCTAssertEqual(Set((bySource ?? []).map { $0["source"] as! String }), ["Daily A", "Daily B", "(no source)"])
        XCTAssertEqual((bySource ?? []).map { $0["n"] as! Int }.reduce(0, +), 40)
        XCTAssertEqual(try String(contentsOfFile: dir + "/sources.html", encoding: .utf8).components(separatedBy: "data-chart=\"sources\"").count - 1, 1)
        XCTAssertTrue(try run("slant-eval", ["--model", model, "--data", sourced, "--actors", "--by-source"]).stdout.contains("by source (each label's share"))
        XCTAssertFalse(tm.stdout.contains("by source"), "only with --by-source")
        let none = ((jm["target_sentiment"]?["by_sentences"] as? [[String: Any]]) ?? []).first { $0["sentences"] as? String == "none" }
        XCTAssertEqual(none?["n"] as? Int, 1)
        XCTAssertEqual((none?["predicted"] as? [String: Int])?["neutral"], 1)
        // Two actor analyses compared on the same pairs: against itself the difference is exactly 0; against a
        // model without the aggregator (the band decides) the comparison is there, with its interval; a model
        // with other labels is refused with the reason.
        let same = try run("slant-eval", ["--model", model, "--data", test, "--actors", "--compare", model, "--json"])
        XCTAssertEqual(same.status, 0, same.stderr)
        let sj = (try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as! [String: Any])["tasks"] as! [String: [String: Any]]
        let cmp = (sj["target_sentiment"]?["comparisons"] as? [String: [String: [String: Any]]])?[model]
        XCTAssertNotNil(cmp, "\(String(describing: sj["target_sentiment"]?["comparisons"]))")
        XCTAssertEqual(cmp?["macro_f1"]?["difference"] as? Double, 0)
        XCTAssertEqual(cmp?["macro_f1"]?["ci95"] as? [Double], [0, 0])
        let plain = dir + "/sent-plain.slant"
        XCTAssertEqual(try run("slant-train", ["--data", train, "--output", plain, "--bits", "12"]).status, 0)
        let vs = try run("slant-eval", ["--model", model, "--data", test, "--actors", "--compare", plain])
        XCTAssertEqual(vs.status, 0, vs.stderr)
        XCTAssertTrue(vs.stdout.contains("against \(plain) (paired bootstrap, this − other):"), vs.stdout)
        XCTAssertTrue(vs.stdout.contains("macro_f1"), vs.stdout)
        let toy = dir + "/toy-labels.slant"
        let tl = write((0..<40).map { "{\"id\": \"t\($0)\", \"text\": \"Officials met Anna Berg.\", \"target\": \"Anna Berg\", \"labels\": {\"target_sentiment\": \"\($0 % 2 == 0 ? "good" : "bad")\"}}" }.joined(separator: "\n") + "\n", "toy-labels.jsonl")
        XCTAssertEqual(try run("slant-train", ["--data", tl, "--output", toy, "--bits", "10"]).status, 0)
        let refused = try run("slant-eval", ["--model", model, "--data", test, "--actors", "--compare", toy])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--compare \(toy): the actor analysis needs target_sentiment"), refused.stderr)
        let v = try run("slant-eval", ["--model", model, "--data", test, "--actors", "--actor-scorer", "vader"])
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.contains("task target_sentiment (single-label, n = 40)"), v.stdout)
        let bad = try run("slant-eval", ["--model", model, "--data", test, "--actor-band", "0.5,0.1", "--actors"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--actor-band takes LOW,HIGH"), bad.stderr)

        // Named actors with aliases, possessives and case; one output line per record.
        let article = "Critics slammed Anna Berg at the hall. Berg’s plan was attacked again. Critics attacked BERG and met Tom Hale.\\nHale was praised by all."
        let sc = try run("slant-score", ["--model", model, "--actor", "Anna Berg|Berg", "--actor", "Tom Hale|Hale"],
                         stdin: "{\"id\": \"a\", \"text\": \"\(article)\"}\n")
        XCTAssertEqual(sc.status, 0, sc.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(sc.stdout.utf8)) as! [String: Any]
        let actors = o["actors"] as! [[String: Any]]
        XCTAssertEqual(actors.map { $0["name"] as! String }, ["Anna Berg", "Tom Hale"])
        XCTAssertEqual(actors[0]["mentions"] as? Int, 3)
        XCTAssertEqual(actors[1]["mentions"] as? Int, 2)
        XCTAssertEqual(actors[0]["label"] as? String, "negative")
        XCTAssertNil(o["target_sentiment"], "no target: the sentence-level head is left out")
        // With --explain, each evidence sentence carries the features behind its label.
        let ex = try run("slant-score", ["--model", model, "--actor", "Anna Berg|Berg", "--explain", "2"],
                         stdin: "{\"id\": \"a\", \"text\": \"\(article)\"}\n")
        let eo = try JSONSerialization.jsonObject(with: Data(ex.stdout.utf8)) as! [String: Any]
        let evidence = (eo["actors"] as! [[String: Any]])[0]["evidence"] as! [[String: Any]]
        XCTAssertEqual((evidence[0]["explain"] as? [[String: Any]])?.count, 2, "\(evidence[0])")

        // --evidence: every scored sentence in the text's order, or the K strongest, or none; bad values refused.
        func shown(_ value: String) throws -> [[String: Any]] {
            let r = try run("slant-score", ["--model", model, "--actor", "Anna Berg|Berg", "--evidence", value],
                            stdin: "{\"id\": \"a\", \"text\": \"\(article)\"}\n")
            XCTAssertEqual(r.status, 0, r.stderr)
            let a = ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]])[0]
            XCTAssertEqual(a["label"] as? String, "negative", "what is shown does not change the label")
            return a["evidence"] as! [[String: Any]]
        }
        let every = try shown("all")
        XCTAssertEqual(every.count, actors[0]["sentences"] as? Int)
        XCTAssertEqual(every.map { $0["start"] as! Int }, every.map { $0["start"] as! Int }.sorted())
        XCTAssertEqual(try shown("1").count, 1)
        XCTAssertEqual(try shown("0").count, 0)
        for bad in ["-1", "lots", "1001"] {
            let r = try run("slant-score", ["--model", model, "--evidence=" + bad], stdin: "{\"id\": \"a\", \"text\": \"x\"}\n")
            XCTAssertEqual(r.status, 64, r.stderr)
            XCTAssertTrue(r.stderr.contains("--evidence takes a number of sentences from 0 to 1000 or all, got '\(bad)'"), r.stderr)
        }
        let off = try run("slant-score", ["--model", model, "--evidence", "2", "--actors", "off"], stdin: "")
        XCTAssertEqual(off.status, 64, off.stderr)

        // --actor-neutral-speakers: stored in the model; the sentence Berg speaks in counts as neutral toward her
        // and says so (JSON "speaker", the text format's note); the model without it scores that sentence's tone.
        let quoted = "\\\"Critics slammed the plan,\\\" said Anna Berg. Officials attacked Berg on day 3. Officials praised Berg on day 4."
        let spk = dir + "/speakers.slant"
        let ts2 = try run("slant-train", ["--data", train, "--actor-data", pairs, "--actor-neutral-speakers", "--output", spk, "--bits", "12"])
        XCTAssertEqual(ts2.status, 0, ts2.stderr)
        func bergEvidence(_ m: String) throws -> [[String: Any]] {
            let r = try run("slant-score", ["--model", m, "--actor", "Anna Berg|Berg"], stdin: "{\"id\": \"q\", \"text\": \"\(quoted)\"}\n")
            XCTAssertEqual(r.status, 0, r.stderr)
            let a = ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]])[0]
            return a["evidence"] as! [[String: Any]]
        }
        let withSpeakers = try bergEvidence(spk), without = try bergEvidence(model)
        let spoken = withSpeakers.filter { ($0["sentence"] as! String).contains("said Anna Berg") }
        XCTAssertEqual(spoken.count, 1, "\(withSpeakers)")
        XCTAssertEqual(spoken.first?["speaker"] as? Bool, true)
        XCTAssertEqual(spoken.first?["label"] as? String, "neutral")
        XCTAssertTrue(without.allSatisfy { $0["speaker"] == nil }, "\(without)")
        XCTAssertEqual(without.first { ($0["sentence"] as! String).contains("said Anna Berg") }?["label"] as? String, "negative")
        let txt = try run("slant-score", ["--model", spk, "--actor", "Anna Berg|Berg", "--format", "text"], stdin: "{\"id\": \"q\", \"text\": \"\(quoted)\"}\n")
        XCTAssertTrue(txt.stdout.contains("(the actor speaks: its tone is not counted)"), txt.stdout)
        let usage = try run("slant-train", ["--data", train, "--actor-neutral-speakers", "--output", dir + "/x.slant"])
        XCTAssertEqual(usage.status, 64, usage.stderr)
        XCTAssertTrue(usage.stderr.contains("give --actor-data"), usage.stderr)
    }

}

extension CLITests {
    /// A careful reader's checks with the shipped model: seven sentences that all condemn Ellen Park make her
    /// negative, with negative evidence; "Theresa May" is not the verb "may"; "Reed asked" stays with its quotation.
    func testDefaultModelFollowsTheEvidenceAndTheRightMentions() throws {
        let root = Self.repoRoot.path
        let park = """
        Critics furiously condemned Ellen Park as corrupt, incompetent and dishonest. Park was denounced as a liar and \
        a disgrace by angry residents. Prosecutors charged Park with fraud and bribery. Park's budget was a disaster \
        that wasted millions, auditors said. Residents accused Park of lying about the failed housing plan. Park has \
        been blamed for the collapse of public services. Former allies now call Park a fraud and a coward.
        """
        let r = try run("slant-score", ["--actor", "Ellen Park"], stdin: park + "\n", cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let a = (o["actors"] as! [[String: Any]])[0]
        XCTAssertEqual(a["sentences"] as? Int, 7)
        XCTAssertEqual(a["label"] as? String, "negative", r.stdout)
        for e in a["evidence"] as! [[String: Any]] { XCTAssertEqual(e["label"] as? String, "negative", r.stdout) }
        let may = try run("slant-score", ["--actor", "Theresa May"],
                          stdin: "Theresa May spoke in London on Monday. Officials may resign soon. It may rain, and prices may fall.\n", cwd: root)
        let m = ((try JSONSerialization.jsonObject(with: Data(may.stdout.utf8)) as! [String: Any])["actors"] as! [[String: Any]])[0]
        XCTAssertEqual(m["mentions"] as? Int, 1, may.stdout)
        let reed = try run("slant-score", ["--actor", "Reed", "--format", "text"],
                           stdin: "Officials met on Monday. \"Why would we cut police?\" Reed asked. The answer was no. Reed praised the mayor.\n", cwd: root)
        XCTAssertTrue(reed.stdout.contains("\"\"Why would we cut police?\" Reed asked.\""), reed.stdout)
        XCTAssertTrue(reed.stdout.contains("\"Reed praised the mayor.\""), reed.stdout)
    }

    /// The default analysis of a news page with a headline inside its text, a heading in capitals and sentences
    /// opened by common words names its actors as a reader would (detection, end to end through `slant-score`).
    func testDetectedActorsAreNamedAsReadersNameThem() throws {
        let root = Self.repoRoot.path
        let page = """
        Senators Are Saying About Ana Ruiz That She Will Win
        Top Ruiz aides met senators on Monday, and the top aides said the vote was close, maybe too close. Maybe Ruiz will win. \
        Critics of Ruiz said the plan was costly, but Senator Marco Villa backed Ana Ruiz in a speech. \
        VOTING RIGHTS Mr. Villa said the bill would pass. Officials said Villa and Ruiz would meet again on Friday, \
        and Villa called the talks useful. A Virginia-based Democratic strategist said Ruiz had the votes.
        """
        let file = dir + "/page.txt"
        try (page + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let r = try run("slant-score", ["--title-first-line", "--actors", "on", "--task", "leaning", file], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let names = (o["actors"] as! [[String: Any]]).map { $0["name"] as! String }
        XCTAssertEqual(Set(names), ["Ana Ruiz", "Marco Villa"], r.stdout)
    }

    /// An article written in capitals (as transcripts and captions are) gets the actors of the same article in
    /// mixed case with the default model, named as readers name them, its evidence quoted in capitals; a name
    /// given is found where the recased text lower-cases it ("VILLA").
    func testAnArticleInCapitalsHasItsActors() throws {
        let root = Self.repoRoot.path
        let article = try String(contentsOfFile: root + "/datasets/examples/crackdown.txt", encoding: .utf8)
        let file = dir + "/caps.txt"
        try article.uppercased().write(toFile: file, atomically: false, encoding: .utf8)
        func actors(_ path: String, _ extra: [String] = []) throws -> [[String: Any]] {
            let r = try run("slant-score", ["--title-first-line", "--evidence", "all"] + extra + [path], cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return o["actors"] as? [[String: Any]] ?? []
        }
        let mixed = try actors(root + "/datasets/examples/crackdown.txt"), caps = try actors(file)
        let ruiz = try XCTUnwrap(caps.first { $0["name"] as? String == "Ana Ruiz" }, "\(caps.map { $0["name"]! })")
        let asWritten = try XCTUnwrap(mixed.first { $0["name"] as? String == "Ana Ruiz" })
        XCTAssertEqual(ruiz["label"] as? String, asWritten["label"] as? String)
        XCTAssertEqual(ruiz["mentions"] as? Int, asWritten["mentions"] as? Int)
        let evidence = try XCTUnwrap(ruiz["evidence"] as? [[String: Any]]).compactMap { $0["sentence"] as? String }
        XCTAssertFalse(evidence.isEmpty)
        XCTAssertTrue(evidence.allSatisfy { $0 == $0.uppercased() && $0.contains("RUIZ") }, "\(evidence)")
        let villa = try actors(file, ["--actor", "Marco Villa|Villa"])
        XCTAssertEqual(villa.map { $0["mentions"] as? Int }, [3])
    }

    /// A page whose words carry invisible soft hyphens (as some sites set every hyphenation point), with a
    /// byte-order mark, a word joiner and a direction mark, scores exactly as the same page without them (the
    /// same leaning, frames, actors and evidence sentences), and the evidence offsets point into the text as
    /// given: its scalars `start..<end`, invisible characters removed, are the sentence shown.
    func testInvisibleFormatCharactersDoNotSplitWords() throws {
        let root = Self.repoRoot.path
        let article = try String(contentsOfFile: root + "/datasets/examples/article.txt", encoding: .utf8)
        let lines = article.split(separator: "\n", maxSplits: 1)
        let title = String(lines[0]), text = String(lines[1])
        // A soft hyphen after the third letter of every word of six letters or more.
        var hyphenated = "\u{FEFF}"
        var word = ""
        func flush() {
            hyphenated += word.count >= 6 ? String(word.prefix(3)) + "\u{AD}" + String(word.dropFirst(3)) : word
            word = ""
        }
        for c in text {
            if c.isLetter { word.append(c) } else { flush(); hyphenated.append(c) }
        }
        flush()
        hyphenated = hyphenated.replacingOccurrences(of: "council", with: "coun\u{2060}cil").replacingOccurrences(of: ". ", with: ".\u{200E} ")
        XCTAssertGreaterThan(hyphenated.unicodeScalars.filter { $0 == "\u{AD}" }.count, 20)
        let file = dir + "/pages.jsonl"
        var lines2 = ""
        for (id, t) in [("clean", text), ("hyphenated", hyphenated)] {
            let rec = try JSONSerialization.data(withJSONObject: ["id": id, "title": title, "text": t])
            lines2 += String(decoding: rec, as: UTF8.self) + "\n"
        }
        try lines2.write(toFile: file, atomically: false, encoding: .utf8)
        let r = try run("slant-score", ["--evidence", "all", file], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.count, 2)
        // Everything but the id and the evidence offsets is the same.
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1]), r.stdout)
        let actors = out[1]["actors"] as! [[String: Any]]
        XCTAssertFalse(actors.isEmpty, r.stdout)
        let given = Array(hyphenated.unicodeScalars)
        var checked = 0
        for a in actors {
            for e in a["evidence"] as! [[String: Any]] {
                let start = e["start"] as! Int, end = e["end"] as! Int
                var shown = String.UnicodeScalarView()
                shown.append(contentsOf: given[start..<end].filter { !InvisibleCharacters.isRemoved($0.value) })
                XCTAssertEqual(String(shown), e["sentence"] as? String)
                XCTAssertNotEqual(given[start].value, 0xAD)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 3)
    }

    /// A scored record without its id and its evidence offsets (`sentence` passed through `sentence`), to compare
    /// two spellings of one article.
    static func withoutOffsets(_ o: [String: Any], sentence: (String) -> String = { $0 }) -> NSDictionary {
        var o = o
        o["id"] = nil
        o["actors"] = (o["actors"] as! [[String: Any]]).map { a -> [String: Any] in
            var a = a
            a["evidence"] = (a["evidence"] as! [[String: Any]]).map { e -> [String: Any] in
                var e = e
                e["start"] = nil; e["end"] = nil
                e["sentence"] = sentence(e["sentence"] as! String)
                return e
            }
            return a
        }
        return o as NSDictionary
    }

    /// An article whose apostrophes and punctuation are written as HTML character references (as feeds and
    /// scraped text keep them; some encoded twice) scores as the article itself: the same leaning, frames,
    /// actors, labels and evidence sentences, with the evidence offsets pointing into the text as given.
    func testCharacterReferencesAreReadAsTheirCharacters() throws {
        let root = Self.repoRoot.path
        let article = try String(contentsOfFile: root + "/datasets/examples/crackdown.txt", encoding: .utf8)
        var n = 0
        let encoded = article.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = ""
            for c in line {
                switch c {
                case "'": n += 1; out += n % 2 == 0 ? "&#8217;" : "&amp;#39;"
                case ",": out += "&#44;"
                case ":": out += "&#x3A;"
                default: out.append(c)
                }
            }
            return out
        }.joined(separator: "\n")
        XCTAssertGreaterThan(n, 5)
        let file = dir + "/references.txt"
        try encoded.write(toFile: file, atomically: false, encoding: .utf8)
        func score(_ path: String) throws -> [String: Any] {
            let r = try run("slant-score", ["--title-first-line", "--evidence", "all", path], cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        }
        let plain = try score(root + "/datasets/examples/crackdown.txt"), read = try score(file)
        func strip(_ o: [String: Any]) -> NSDictionary { Self.withoutOffsets(o) { $0.replacingOccurrences(of: "’", with: "'") } }
        XCTAssertEqual(strip(plain), strip(read))
        let actors = read["actors"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(actors.count, 2)
        // The text as given is the file's lines after the title, joined as the reader joins them.
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", maxSplits: 1)
        let given = Array(String(lines[1]).unicodeScalars)
        var checked = 0
        for a in actors {
            for e in a["evidence"] as! [[String: Any]] {
                let start = e["start"] as! Int, end = e["end"] as! Int
                var shown = String(String.UnicodeScalarView(given[start..<end]))
                for (reference, c) in [("&amp;#39;", "'"), ("&#8217;", "’"), ("&#44;", ","), ("&#x3A;", ":")] {
                    shown = shown.replacingOccurrences(of: reference, with: c)
                }
                XCTAssertEqual(shown, e["sentence"] as? String)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 8)
    }

    /// An article whose accented letters are written decomposed (a letter and a combining accent, as some systems
    /// write them) scores as the same article written composed: the same leaning, frames, actors (named
    /// composed) and evidence, with the evidence offsets pointing into the text as given.
    func testDecomposedLettersReadAsComposed() throws {
        let root = Self.repoRoot.path
        let article = try String(contentsOfFile: root + "/datasets/examples/crackdown.txt", encoding: .utf8)
            .replacingOccurrences(of: "Ruiz", with: "Ru\u{ED}z").replacingOccurrences(of: "Villa", with: "Vill\u{E1}")
        let composed = dir + "/composed.txt", decomposed = dir + "/decomposed.txt"
        try article.write(toFile: composed, atomically: false, encoding: .utf8)
        let written = article.replacingOccurrences(of: "\u{ED}", with: "i\u{301}").replacingOccurrences(of: "\u{E1}", with: "a\u{301}")
        try written.write(toFile: decomposed, atomically: false, encoding: .utf8)
        XCTAssertEqual(Data(written.utf8).count, Data(article.utf8).count + article.unicodeScalars.filter { $0 == "\u{ED}" || $0 == "\u{E1}" }.count)
        let r = try run("slant-score", ["--title-first-line", "--evidence", "all", composed, decomposed], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.count, 2)
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1]))
        let actors = out[1]["actors"] as! [[String: Any]]
        // Swift compares strings by canonical equivalence: compare the scalars.
        func scalars(_ s: Any?) -> [UInt32] { ((s as? String) ?? "").unicodeScalars.map(\.value) }
        XCTAssertTrue(actors.contains { scalars($0["name"]) == scalars("Ana Ru\u{ED}z") }, "\(actors.map { scalars($0["name"]) })")
        let given = Array(String(written.split(separator: "\n", maxSplits: 1)[1]).unicodeScalars)
        var checked = 0
        for a in actors {
            for e in a["evidence"] as! [[String: Any]] {
                let start = e["start"] as! Int, end = e["end"] as! Int
                let sentence = scalars(e["sentence"])
                XCTAssertEqual(scalars(String(String.UnicodeScalarView(given[start..<end])).precomposedStringWithCanonicalMapping), sentence)
                XCTAssertFalse(sentence.contains(0x301))
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 8)
    }

    /// An article whose text keeps its HTML markup (paragraphs as `<p>…</p>`, a link, emphasis, a comment, as
    /// content systems and web APIs give it) scores as the article itself: the same leaning, frames, actors and
    /// evidence sentences, with the evidence offsets pointing into the text as given.
    func testTagsInTextAreReadAsABrowserShowsThem() throws {
        let (title, paragraphs) = try crackdown()
        let tagged = paragraphs.enumerated().map { i, p -> String in
            var p = p
            if i == 2 { p = p.replacingOccurrences(of: "Marco Villa", with: "<em>Marco Villa</em>") }
            if i == 1 { p = p.replacingOccurrences(of: "security forces", with: "<a href=\"https://example.org/?a=1&amp;b=2\">security forces</a>") }
            return "<p class=\"story\">" + p + "</p>" + (i == 0 ? "<!-- ad slot -->" : "")
        }.joined()
        let out = try score([paragraphs.joined(separator: "\n"), tagged], title: title)
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1]))
        let actors = out[1]["actors"] as! [[String: Any]]
        XCTAssertTrue(actors.contains { $0["name"] as? String == "Marco Villa" }, "\(actors.map { $0["name"]! })")
        let given = Array(tagged.unicodeScalars)
        let tag = try NSRegularExpression(pattern: "<[^>]*>")
        var checked = 0
        for a in actors {
            for e in a["evidence"] as! [[String: Any]] {
                let slice = String(String.UnicodeScalarView(given[(e["start"] as! Int)..<(e["end"] as! Int)]))
                let shown = tag.stringByReplacingMatches(in: slice, range: NSRange(slice.startIndex..., in: slice), withTemplate: "")
                XCTAssertEqual(shown, e["sentence"] as? String)
                XCTAssertFalse(slice.hasPrefix("<") || slice.hasPrefix("p class"), slice)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 8)
    }

    /// The example report's title and paragraphs (`datasets/examples/crackdown.txt`).
    func crackdown() throws -> (title: String, paragraphs: [String]) {
        let lines = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/crackdown.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return (lines[0], Array(lines.dropFirst()))
    }

    /// `slant-score --evidence all` with the default model on records of `texts`, each with `title`: one output
    /// object per text, in order.
    func score(_ texts: [String], title: String) throws -> [[String: Any]] {
        let file = dir + "/spellings.jsonl"
        var records = ""
        for (i, text) in texts.enumerated() {
            records += String(decoding: try JSONSerialization.data(withJSONObject: ["id": "\(i)", "title": title, "text": text]), as: UTF8.self) + "\n"
        }
        try records.write(toFile: file, atomically: false, encoding: .utf8)
        let r = try run("slant-score", ["--evidence", "all", file], cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.count, texts.count)
        return out
    }

    /// An article written in Markdown (bold names, a link, a block quote, a list item, a break), as scraping
    /// services give it, and one whose paragraphs are escaped `<p>` tags, as feeds give it, score as the article
    /// itself, with the evidence offsets pointing into the text as given.
    func testMarkdownAndEscapedTagsReadAsTheRenderedText() throws {
        let (title, paragraphs) = try crackdown()
        let markdown = paragraphs.enumerated().map { i, p -> String in
            var p = p.replacingOccurrences(of: "Marco Villa", with: "**Marco Villa**").replacingOccurrences(of: "Ruiz took", with: "_Ruiz_ took")
            if i == 1 { p = p.replacingOccurrences(of: "security forces", with: "[security forces](https://example.org/a_(b)_c \"Forces\")") }
            if i == 3 { p = "> " + p }
            if i == 4 { p = "- " + p }
            return p
        }.joined(separator: "\n\n") + "\n\n* * *\n"
        let escaped = paragraphs.map { "&lt;p class=&quot;story&quot;&gt;" + $0 + "&lt;/p&gt;" }.joined()
        let out = try score([paragraphs.joined(separator: "\n\n"), markdown, escaped], title: "## " + title)
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1]))
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[2]))
        let marks = try NSRegularExpression(pattern: #"\*\*|_(?=Ruiz)|(?<=Ruiz)_|\[|\]\([^)]*\)[^)]*\)|^> |^- |&lt;.*?&gt;"#, options: [.anchorsMatchLines])
        var checked = 0
        for (k, text) in [(1, markdown), (2, escaped)] {
            let actors = out[k]["actors"] as! [[String: Any]]
            XCTAssertTrue(actors.contains { $0["name"] as? String == "Marco Villa" }, "\(actors.map { $0["name"]! })")
            let given = Array(text.unicodeScalars)
            for a in actors {
                for e in a["evidence"] as! [[String: Any]] {
                    let slice = String(String.UnicodeScalarView(given[(e["start"] as! Int)..<(e["end"] as! Int)]))
                    let shown = marks.stringByReplacingMatches(in: slice, range: NSRange(slice.startIndex..., in: slice), withTemplate: "")
                    XCTAssertEqual(shown, e["sentence"] as? String)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 16)
    }

    /// The example article as text extracted from a PDF gives it (lines of 48 columns, long words hyphenated at
    /// line ends: "con-\nfrontation", ligatures: "oﬃcers") scores as the article itself, every evidence
    /// sentence's offsets pointing into the text as given.
    func testWordsHyphenatedAtLineEndsReadAsTheWords() throws {
        let (title, paragraphs) = try crackdown()
        var broken = 0
        func laidOut(_ paragraph: String) -> String {
            var lines: [String] = [], line = ""
            for word in paragraph.split(separator: " ").map(String.init) {
                let room = 48 - line.count - (line.isEmpty ? 0 : 1)
                if word.count <= room { line += (line.isEmpty ? "" : " ") + word; continue }
                if word.count >= 8, room >= 4, word.allSatisfy(\.isLetter) {
                    let k = min(room - 1, word.count - 3)
                    lines.append(line + (line.isEmpty ? "" : " ") + word.prefix(k) + "-")
                    line = String(word.dropFirst(k))
                    broken += 1
                    continue
                }
                lines.append(line)
                line = word
            }
            return (lines + [line]).joined(separator: "\n")
        }
        let pdf = paragraphs.map(laidOut).joined(separator: "\n\n")
            .replacingOccurrences(of: "ffi", with: "\u{FB03}").replacingOccurrences(of: "fi", with: "\u{FB01}")
        XCTAssertGreaterThanOrEqual(broken, 4)
        XCTAssertGreaterThanOrEqual(pdf.unicodeScalars.filter { $0.value == 0xFB01 || $0.value == 0xFB03 }.count, 4)
        let out = try score([paragraphs.joined(separator: "\n\n"), pdf], title: title)
        // The line breaks that are no word's are kept as written, so the sentences shown hold them; the ligatures
        // are read as their letters.
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1], sentence: { $0.replacingOccurrences(of: "\n", with: " ") }))
        let given = Array(pdf.unicodeScalars)
        var checked = 0
        for a in out[1]["actors"] as! [[String: Any]] {
            for e in a["evidence"] as! [[String: Any]] {
                let slice = String(String.UnicodeScalarView(given[(e["start"] as! Int)..<(e["end"] as! Int)]))
                let letters = slice.replacingOccurrences(of: "\u{FB03}", with: "ffi").replacingOccurrences(of: "\u{FB01}", with: "fi")
                XCTAssertEqual(letters.replacingOccurrences(of: "-\n", with: ""), e["sentence"] as? String)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
        // A watch list's name finds the name written with a ligature, and shows it with its letters.
        let file = dir + "/viffa.txt"
        try pdf.replacingOccurrences(of: "Villa", with: "Vi\u{FB00}a").write(toFile: file, atomically: false, encoding: .utf8)
        let named = try run("slant-score", ["--actor", "Marco Viffa|Viffa", "--title", title, file], cwd: Self.repoRoot.path)
        XCTAssertEqual(named.status, 0, named.stderr)
        let villa = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])?["actors"] as? [[String: Any]])?.first)
        XCTAssertEqual(villa["name"] as? String, "Marco Viffa")
        XCTAssertEqual(villa["mentions"] as? Int, 3)
    }

    /// The example article wrapped as e-mail's flowed format writes it (a space left before each line break) at a
    /// width that breaks a name across lines ("Ana \nRuiz") scores as the article itself, the names whole and every
    /// evidence sentence's offsets pointing into the text as given.
    func testLinesWrappedAfterASpaceReadAsTheArticle() throws {
        let (title, paragraphs) = try crackdown()
        func flowed(_ paragraph: String, _ width: Int) -> String {
            var lines: [String] = [], line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = String(word) }
                else { line += (line.isEmpty ? "" : " ") + word }
            }
            return (lines + [line]).joined(separator: " \n")
        }
        // The first width at which a name's words fall on two lines.
        let width = try XCTUnwrap((30...70).first { w in paragraphs.contains { p in
            let text = flowed(p, w)
            return text.contains("Ana \nRuiz") || text.contains("Marco \nVilla")
        } })
        let text = paragraphs.map { flowed($0, width) }.joined(separator: "\n\n")
        let out = try score([paragraphs.joined(separator: "\n\n"), text], title: title)
        XCTAssertEqual(Self.withoutOffsets(out[0]), Self.withoutOffsets(out[1], sentence: { $0.replacingOccurrences(of: "\n", with: " ") }))
        let actors = out[1]["actors"] as! [[String: Any]]
        XCTAssertTrue(actors.contains { $0["name"] as? String == "Ana Ruiz" } && actors.contains { $0["name"] as? String == "Marco Villa" },
                      "\(actors.map { $0["name"]! })")
        let given = Array(text.unicodeScalars)
        var checked = 0
        for a in actors {
            for e in a["evidence"] as! [[String: Any]] {
                let slice = String(String.UnicodeScalarView(given[(e["start"] as! Int)..<(e["end"] as! Int)]))
                XCTAssertEqual(slice.replacingOccurrences(of: " \n", with: "\n"), e["sentence"] as? String)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    /// A LexisNexis text download holding the example articles is read as a record per article: `slant-score`
    /// gives each the output the article gets as a JSONL record with its headline and outlet, its `id` the file's
    /// name and the document's number, and `--keep` the download's date and byline.
    func testLexisNexisDownloadIsScoredArticleByArticle() throws {
        let (title, paragraphs) = try crackdown()
        let example = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/article.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let articles = [(title, paragraphs, "The Daily Courier"), (example[0], Array(example.dropFirst()), "City Ledger")]
        func wrapped(_ p: String) -> String {
            var lines: [String] = [], line = ""
            for word in p.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > 78 { lines.append(line); line = String(word) }
                else { line += (line.isEmpty ? "" : " ") + word }
            }
            return (lines + [line]).joined(separator: "\n")
        }
        var download = "Download Request: Selected Items: 1-2\nTerms: (ruiz)\n\n"
        for (i, (t, ps, outlet)) in articles.enumerated() {
            download += "\n                               \(i + 1) of 2 DOCUMENTS\n\n\n                                  \(outlet)\n\n"
                + "                            March 3, 2016 Thursday\n\n\(t)\n\nBYLINE: By Jane Roe\n\nLENGTH: 180 words\n\n"
                + ps.filter { !$0.isEmpty }.map(wrapped).joined(separator: "\n\n")
                + "\n\nLOAD-DATE: March 4, 2016\n\nLANGUAGE: ENGLISH\n\n       Copyright 2016 \(outlet)\n"
        }
        let file = dir + "/download.txt"
        try download.write(toFile: file, atomically: false, encoding: .utf8)
        let r = try run("slant-score", ["--evidence", "all", "--keep", "date,byline", file], cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.map { $0["id"] as? String }, ["download.txt#1", "download.txt#2"])
        XCTAssertEqual(out.map { $0["date"] as? String }, ["2016-03-03", "2016-03-03"])
        XCTAssertEqual(out.map { $0["byline"] as? String }, ["By Jane Roe", "By Jane Roe"])
        // Each as the article scored as a record with its headline and outlet.
        let jsonl = dir + "/articles.jsonl"
        var records = ""
        for (i, (t, ps, outlet)) in articles.enumerated() {
            records += String(decoding: try JSONSerialization.data(withJSONObject: ["id": "\(i)", "title": t, "source": outlet,
                                                                                     "text": ps.filter { !$0.isEmpty }.joined(separator: "\n\n")]), as: UTF8.self) + "\n"
        }
        try records.write(toFile: jsonl, atomically: false, encoding: .utf8)
        let j = try run("slant-score", ["--evidence", "all", jsonl], cwd: Self.repoRoot.path)
        XCTAssertEqual(j.status, 0, j.stderr)
        let expected = j.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        for (o, e) in zip(out, expected) {
            var o = o
            o["date"] = nil; o["byline"] = nil
            XCTAssertEqual(Self.withoutOffsets(o, sentence: { $0.replacingOccurrences(of: "\n", with: " ") }), Self.withoutOffsets(e))
        }
        XCTAssertTrue((out[0]["actors"] as! [[String: Any]]).contains { $0["name"] as? String == "Ana Ruiz" })
    }

    /// The crackdown article and the example article, each with its headline, paragraphs and an outlet.
    func twoArticles() throws -> [(title: String, paragraphs: [String], outlet: String)] {
        let (title, paragraphs) = try crackdown()
        let example = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/article.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return [(title, paragraphs.filter { !$0.isEmpty }, "The Daily Courier"), (example[0], example.dropFirst().filter { !$0.isEmpty }, "City Ledger")]
    }

    /// `slant-score --evidence all`'s output for `articles` given as JSONL records with headline and outlet.
    func scoredAsRecords(_ articles: [(title: String, paragraphs: [String], outlet: String)]) throws -> [[String: Any]] {
        var records = ""
        for (i, (t, ps, outlet)) in articles.enumerated() {
            records += String(decoding: try JSONSerialization.data(withJSONObject: ["id": "\(i)", "title": t, "source": outlet,
                                                                                     "text": ps.joined(separator: "\n")]), as: UTF8.self) + "\n"
        }
        try records.write(toFile: dir + "/articles.jsonl", atomically: false, encoding: .utf8)
        let j = try run("slant-score", ["--evidence", "all", dir + "/articles.jsonl"], cwd: Self.repoRoot.path)
        XCTAssertEqual(j.status, 0, j.stderr)
        return j.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Asserts that `slant-score` gives `file` (a download of the articles) a record per article, "file#1", ...,
    /// each with the `kept` fields and otherwise the output `expected` of the article given as a record.
    func assertScoredArticleByArticle(_ file: String, like expected: [[String: Any]], kept: [String: String],
                                      sourceLine: UInt = #line) throws {
        let r = try run("slant-score", ["--evidence", "all", "--keep", kept.keys.sorted().joined(separator: ","), file], cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr, line: sourceLine)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let name = (file as NSString).lastPathComponent
        XCTAssertEqual(out.map { $0["id"] as? String }, expected.indices.map { name + "#\($0 + 1)" }, line: sourceLine)
        for (o, e) in zip(out, expected) {
            var o = o, e = e
            for (k, v) in kept { XCTAssertEqual(o[k] as? String, v, "\(name): \(k)", line: sourceLine); o[k] = nil }
            o["id"] = nil; e["id"] = nil
            XCTAssertEqual(o as NSDictionary, e as NSDictionary, name, line: sourceLine)
        }
    }

    /// A page saved from Factiva, in both its layouts (fields as an indexed table, or plain lines), is scored article
    /// by article, each as the article given as a JSONL record with its headline and outlet.
    func testFactivaPageIsScoredArticleByArticle() throws {
        let articles = try twoArticles()
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "'", with: "&#39;")
        }
        let expected = try scoredAsRecords(articles)
        for indexed in [false, true] {
            var page = #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><title>Factiva</title></head>"#
                + #"<body><div id="navcontainer"><h1>Factiva</h1></div><div id="contentWrapper"><span></span>"#
            for (k, (t, ps, outlet)) in articles.enumerated() {
                let paragraphs = ps.map { #"<p class="articleParagraph enarticleParagraph">"# + escaped($0) + "</p>\n" }
                if indexed {
                    func row(_ code: String, _ cell: String) -> String {
                        #"<tr><td align="right" valign="top" class="index"><b>"# + code + "</b>&nbsp;</td><td>" + cell + "</td></tr>"
                    }
                    page += #"<div class="article enArticle"><table>"# + row("HD", "<b class='enHeadline'>\(escaped(t))</b>")
                        + row("WC", "180 words") + row("PD", "3 March 2020") + row("SN", escaped(outlet)) + row("LA", "English")
                        + row("LP", paragraphs.prefix(1).joined()) + row("TD", paragraphs.dropFirst().joined())
                        + row("AN", "<br/>Document DAILY0020200303eg330000\(k)") + "</table></div><br/>"
                } else {
                    page += #"<div class="article enArticle"><div id="hd"><span class="enHeadline">\#(escaped(t))</span></div>"#
                        + #"<div class="author">By Jane Roe</div><div>180 words</div><div>3 March 2020</div><div>\#(escaped(outlet))</div>"#
                        + "<div>DAILY</div><div>English</div><div>(c) 2020 \(escaped(outlet))</div>" + paragraphs.joined()
                        + "<div>Document DAILY0020200303eg330000\(k)</div></div><br/>"
                }
            }
            page += #"<div id="pageFooter"><span class="copyright">&copy; 2020 Factiva, Inc.</span></div></div></body></html>"#
            let file = dir + "/factiva\(indexed ? "-indexed" : "").html"
            try page.write(toFile: file, atomically: false, encoding: .utf8)
            try assertScoredArticleByArticle(file, like: expected, kept: ["date": "2020-03-03", "length": "180 words", "language": "English"]
                                             .merging(indexed ? [:] : ["byline": "By Jane Roe"]) { a, _ in a })
        }
    }

    /// A Nexis Uni download (`.docx`: a cover page, then per article headline, outlet, date, copyright, fields,
    /// "Body", the paragraphs, "Classification", "End of Document") is scored article by article, each as the
    /// article given as a JSONL record with its headline and outlet; so is the same download saved as text.
    func testNexisUniDownloadIsScoredArticleByArticle() throws {
        let articles = try twoArticles()
        let (title, example) = (articles[0].title, articles[1].title)
        var lines = ["Date and Time: Tuesday, March 3, 2020 8:44:00 PM EST", "Job Number: 111222333", "Documents (2)",
                     "1. \(title)", "Client/Matter: -none-", "2. \(example)", "Client/Matter: -none-"]
        for (t, ps, outlet) in articles {
            lines += [t, outlet, "March 3, 2020 Tuesday", "Copyright 2020 \(outlet) All Rights Reserved", "Section:\u{A0}WORLD; Pg. A4",
                      "Length:\u{A0}180 words", "Byline:\u{A0}Jane Roe", "Body"] + ps
                + ["Classification", "Language:\u{A0}ENGLISH", "Load-Date:\u{A0}March 4, 2020", "End of Document"]
        }
        let expected = try scoredAsRecords(articles)
        try Data(WordDocument.make(lines.map { .init(text: $0) })).write(to: URL(fileURLWithPath: dir + "/download.docx"))
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/saved.txt", atomically: false, encoding: .utf8)
        for name in ["download.docx", "saved.txt"] {
            try assertScoredArticleByArticle(dir + "/" + name, like: expected,
                                             kept: ["date": "2020-03-03", "byline": "Jane Roe", "load-date": "March 4, 2020"])
        }
        // A Word document that is no download is one record, its heading the title.
        try Data(WordDocument.make([.init(text: title, style: "Heading1")] + articles[0].1.map { .init(text: $0) }))
            .write(to: URL(fileURLWithPath: dir + "/crackdown.docx"))
        let one = try run("slant-score", ["--format", "text", dir + "/crackdown.docx"], cwd: Self.repoRoot.path)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("\"\(title)\""), one.stdout)
        XCTAssertTrue(one.stdout.contains("Ana Ruiz"), one.stdout)
        // A damaged one is refused with the file named and the reason.
        var cut = WordDocument.make([.init(text: title)])
        cut.removeLast(40)
        try Data(cut).write(to: URL(fileURLWithPath: dir + "/cut.docx"))
        let bad = try run("slant-score", [dir + "/cut.docx"], cwd: Self.repoRoot.path)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(dir + "/cut.docx:1: no ZIP end record"), bad.stderr)
    }

    /// A `.json` file holding a JSON array of records, pretty-printed, is scored record by record, each exactly as the
    /// same record given as a JSONL line; a broken array is refused with its line and problem.
    func testJSONArrayIsScoredRecordByRecord() throws {
        let articles = try twoArticles()
        let expected = try scoredAsRecords(articles)
        let records = articles.enumerated().map { i, a in ["id": "\(i)", "title": a.title, "source": a.outlet, "text": a.paragraphs.joined(separator: "\n")] }
        try JSONSerialization.data(withJSONObject: records, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: dir + "/articles.json"))
        let r = try run("slant-score", ["--evidence", "all", dir + "/articles.json"], cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(out.count, expected.count)
        for (o, e) in zip(out, expected) { XCTAssertEqual(o as NSDictionary, e as NSDictionary) }
        // Without ids, on one line: numbered by their place in the array.
        try "[{\"text\": \"Ruiz said so.\"}, {\"text\": \"Villa did not.\"}]".write(toFile: dir + "/noids.json", atomically: false, encoding: .utf8)
        let noids = try run("slant-score", ["--task", "leaning", dir + "/noids.json"], cwd: Self.repoRoot.path)
        XCTAssertEqual(noids.status, 0, noids.stderr)
        XCTAssertEqual(noids.stdout.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as? String }, ["1", "2"])
        try "[{\"text\": \"Ruiz said so.\"}\n{\"text\": \"Villa did not.\"}]".write(toFile: dir + "/broken.json", atomically: false, encoding: .utf8)
        let bad = try run("slant-score", [dir + "/broken.json"], cwd: Self.repoRoot.path)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(dir + "/broken.json:2: expected ',' or ']' after record 1 of the JSON array, found '{'"), bad.stderr)
    }

    /// Factiva's RTF downloads (both layouts: a bold headline and unlabelled paragraphs, or a table of field codes and
    /// values) and a Nexis Uni download in RTF are scored article by article, each as the article given as a JSONL
    /// record with its headline and outlet; an RTF document or OpenDocument text that is no download is one record,
    /// scored as the same Word document is; a damaged one is refused.
    func testRTFDownloadsAreScoredArticleByArticle() throws {
        let articles = try twoArticles()
        let expected = try scoredAsRecords(articles)
        var plain: [RTFText.Paragraph] = [], indexed: [RTFText.Paragraph] = [], uni: [RTFText.Paragraph] = []
        for (k, (t, ps, outlet)) in articles.enumerated() {
            let number = "Document DAILY0020200303eg330000\(k)"
            plain += [.init(text: "World"), .init(text: t, bold: true), .init(text: "By Jane Roe"), .init(text: "180 words"),
                      .init(text: "3 March 2020"), .init(text: outlet), .init(text: "DAILY"), .init(text: "English"),
                      .init(text: "(c) 2020 \(outlet)")] + ps.map { .init(text: $0) } + [.init(text: number), .init(text: "")]
            indexed += ["HD", t, "WC", "180 words", "PD", "3 March 2020", "SN", outlet, "LA", "English", "LP"].map { .init(text: $0) }
                + ps.prefix(1).map { .init(text: $0) } + [.init(text: "TD")] + ps.dropFirst().map { .init(text: $0) }
                + [.init(text: "AN"), .init(text: number)]
            uni += ([t, outlet, "March 3, 2020 Tuesday", "Copyright 2020 \(outlet)", "Length:\u{A0}180 words", "Byline:\u{A0}Jane Roe", "Body"] + ps
                    + ["Classification", "Load-Date:\u{A0}March 4, 2020", "End of Document"]).map { .init(text: $0) }
        }
        for (name, paragraphs, kept) in [("factiva.rtf", plain, ["date": "2020-03-03", "byline": "By Jane Roe", "section": "World"]),
                                         ("indexed.rtf", indexed, ["date": "2020-03-03", "length": "180 words"]),
                                         ("uni.rtf", uni, ["date": "2020-03-03", "byline": "Jane Roe", "load-date": "March 4, 2020"])] {
            try Data(RTFText.make(paragraphs)).write(to: URL(fileURLWithPath: dir + "/" + name))
            try assertScoredArticleByArticle(dir + "/" + name, like: expected, kept: kept)
        }
        // An RTF document or an OpenDocument text that is no download is one record, its heading the title: the same
        // output as the Word document's.
        let (title, ps, _) = articles[0]
        try Data(RTFText.make([.init(text: title, style: "heading 1")] + ps.map { .init(text: $0) })).write(to: URL(fileURLWithPath: dir + "/crackdown.rtf"))
        try Data(OpenDocument.make([.init(text: title, style: "Heading1")] + ps.map { .init(text: $0) })).write(to: URL(fileURLWithPath: dir + "/crackdown.odt"))
        try Data(WordDocument.make([.init(text: title, style: "Heading1")] + ps.map { .init(text: $0) })).write(to: URL(fileURLWithPath: dir + "/crackdown.docx"))
        var outputs: [String] = []
        for name in ["crackdown.rtf", "crackdown.odt", "crackdown.docx"] {
            let one = try run("slant-score", ["--format", "text", dir + "/" + name], cwd: Self.repoRoot.path)
            XCTAssertEqual(one.status, 0, one.stderr)
            XCTAssertTrue(one.stdout.contains("\"\(title)\""), one.stdout)
            XCTAssertTrue(one.stdout.contains("Ana Ruiz"), one.stdout)
            outputs.append(one.stdout.replacingOccurrences(of: name, with: "crackdown"))
        }
        XCTAssertEqual(Set(outputs).count, 1, outputs.joined(separator: "\n---\n"))
        // A download cut short is refused with the file named and the reason.
        try Data(RTFText.make(plain).dropLast(5)).write(to: URL(fileURLWithPath: dir + "/cut.rtf"))
        let bad = try run("slant-score", [dir + "/cut.rtf"], cwd: Self.repoRoot.path)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(dir + "/cut.rtf:1: the RTF document ends inside 1 open group: the file is cut short"), bad.stderr)
    }

    func testPDFFilesAreScoredAsTheirText() throws {
        let articles = try twoArticles()
        let expected = try scoredAsRecords(articles)
        // A Nexis Uni download saved as PDF: each article on a page of its own, each field a paragraph (lines long
        // enough that no paragraph wraps, so that the output is the records' byte for byte).
        var paragraphs: [(text: String, size: Double)] = []
        for (t, ps, outlet) in articles {
            paragraphs += [("", 0), (t, 14)]
            paragraphs += [outlet, "March 3, 2020 Tuesday", "Copyright 2020 \(outlet)", "Length: 180 words", "Byline: Jane Roe", "Body"].map { ($0, 11) }
            paragraphs += ps.map { ($0, 11) } + ["Classification", "Load-Date: March 4, 2020", "End of Document"].map { ($0, 11) }
        }
        try Data(PDFText.make(PDFText.layout(paragraphs, width: 2000))).write(to: URL(fileURLWithPath: dir + "/uni.pdf"))
        try assertScoredArticleByArticle(dir + "/uni.pdf", like: expected, kept: ["date": "2020-03-03", "byline": "Jane Roe", "load-date": "March 4, 2020"])
        // An article set as a word processor sets it (a larger headline, wrapped lines, two pages, a composite font):
        // its headline found, and the actors and their labels those of the same article as a Word document.
        let (title, ps, _) = articles[0]
        var o = PDFText.MakeOptions(); o.composite = true
        let pages = PDFText.layout([(title, 18)] + ps.map { ($0, 11) }, width: 30)
        XCTAssertGreaterThan(pages.count, 1)
        try Data(PDFText.make(pages, options: o)).write(to: URL(fileURLWithPath: dir + "/crackdown.pdf"))
        try Data(WordDocument.make([.init(text: title, style: "Heading1")] + ps.map { .init(text: $0) })).write(to: URL(fileURLWithPath: dir + "/crackdown.docx"))
        var actors: [[String]] = []
        for name in ["crackdown.pdf", "crackdown.docx"] {
            let one = try run("slant-score", ["--keep", "title", dir + "/" + name], cwd: Self.repoRoot.path)
            XCTAssertEqual(one.status, 0, one.stderr)
            let j = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(j["title"] as? String, title, name)
            actors.append(((j["actors"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "") \($0["label"] ?? "")" })
        }
        XCTAssertEqual(actors[0], actors[1])
        XCTAssertTrue(actors[0].contains("Ana Ruiz negative") || actors[0].contains("Ana Ruiz positive") || actors[0].contains("Ana Ruiz neutral"), "\(actors[0])")
        // A scanned document, and a PDF cut short: refused with the file named and the reason.
        try Data(PDFText.make([[], []])).write(to: URL(fileURLWithPath: dir + "/scan.pdf"))
        try Data(PDFText.make(pages).dropLast(200)).write(to: URL(fileURLWithPath: dir + "/cut.pdf"))
        for (name, why) in [("scan.pdf", "no text on its 2 pages: a scanned document needs OCR first"), ("cut.pdf", "the PDF file is cut short (no %%EOF at its end)")] {
            let bad = try run("slant-score", [dir + "/" + name], cwd: Self.repoRoot.path)
            XCTAssertEqual(bad.status, 1)
            XCTAssertTrue(bad.stderr.contains(dir + "/" + name + ":1: " + why), bad.stderr)
        }
    }

    /// A ZIP archive (a database's bulk download, a corpus sent by mail) is scored as the folder it unpacks to: the
    /// same output, ids and all, and the same files left out and said on stderr; a file of it is named by its
    /// path through the archive, in errors too; labelled data in an archive trains and evaluates as unpacked.
    func testAZipArchiveIsScoredAsItsFolder() throws {
        let root = Self.repoRoot.path
        let (title, ps, _) = try twoArticles()[0]
        var files: [(name: String, bytes: [UInt8])] = [
            ("2024/crackdown.txt", Array(([title] + ps).joined(separator: "\n").utf8)),
            ("2024/crackdown.pdf", PDFText.make(PDFText.layout([(title, 18)] + ps.map { ($0, 11) }, width: 60))),
            ("article.html", Array(try Data(contentsOf: URL(fileURLWithPath: root + "/datasets/examples/article.html")))),
            ("records.jsonl", Array(try Data(contentsOf: URL(fileURLWithPath: root + "/datasets/examples/unlabeled.jsonl")))),
            ("photo.jpg", [0xFF, 0xD8, 0xFF])]
        files.append(("word/crackdown.docx", WordDocument.make([.init(text: title, style: "Heading1")] + ps.map { .init(text: $0) })))
        let folder = dir + "/unpacked"
        for f in files {
            try FileManager.default.createDirectory(atPath: (folder + "/" + f.name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(f.bytes).write(to: URL(fileURLWithPath: folder + "/" + f.name))
        }
        let archive = dir + "/download.zip"
        try Data(ZipArchive.make(files, deflating: Set(files.map(\.name)))).write(to: URL(fileURLWithPath: archive))
        let unpacked = try run("slant-score", ["--title-first-line", folder], cwd: root)
        let zipped = try run("slant-score", ["--title-first-line", archive], cwd: root)
        XCTAssertEqual(unpacked.status, 0, unpacked.stderr)
        XCTAssertEqual(zipped.status, 0, zipped.stderr)
        XCTAssertEqual(zipped.stdout, unpacked.stdout)
        XCTAssertEqual(zipped.stdout.split(separator: "\n").count, 7)   // four articles, three records
        XCTAssertTrue(zipped.stderr.contains(archive + ": left out 1 file whose name says no format Slant reads (photo.jpg)"), zipped.stderr)
        XCTAssertEqual(zipped.stderr.replacingOccurrences(of: archive, with: folder), unpacked.stderr)
        // One file of it, by its path through the archive.
        let one = try run("slant-score", ["--title-first-line", "--task", "leaning", archive + "/2024/crackdown.txt"], cwd: root)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.hasPrefix("{\"id\":\"crackdown.txt\",\"leaning\""), one.stdout)
        // A bad record inside it is named by its path through the archive and its line.
        try Data(ZipArchive.make([("bad.jsonl", Array("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":oops}\n".utf8))])).write(to: URL(fileURLWithPath: dir + "/bad.zip"))
        let bad = try run("slant-score", [dir + "/bad.zip"], cwd: root)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(dir + "/bad.zip/bad.jsonl:2: malformed JSON at column 18"), bad.stderr)
        // A damaged file in it (its CRC-32 no longer matches) stops the run, or with --skip-invalid is counted
        // as one invalid record while the files after it are still read.
        let good = Array("{\"id\":\"a\",\"text\":\"The Senate voted on the budget.\"}\n".utf8)
        var damaged = ZipArchive.make([("1.jsonl", good), ("2.jsonl", Array("{\"id\":\"b\",\"text\":\"QQQQ\"}\n".utf8)), ("3.jsonl", good)])
        let q = try XCTUnwrap(damaged.indices.first { damaged[$0...].starts(with: Array("QQQQ".utf8)) })
        damaged[q] = UInt8(ascii: "R")
        try Data(damaged).write(to: URL(fileURLWithPath: dir + "/damaged.zip"))
        let stops = try run("slant-score", ["--task", "leaning", dir + "/damaged.zip"], cwd: root)
        XCTAssertEqual(stops.status, 1)
        XCTAssertEqual(stops.stdout.split(separator: "\n").count, 1, stops.stdout)
        XCTAssertTrue(stops.stderr.contains(dir + "/damaged.zip/2.jsonl:1: in the ZIP archive:"), stops.stderr)
        let goesOn = try run("slant-score", ["--task", "leaning", "--skip-invalid", dir + "/damaged.zip"], cwd: root)
        XCTAssertEqual(goesOn.status, 0, goesOn.stderr)
        XCTAssertEqual(goesOn.stdout.split(separator: "\n").count, 2, goesOn.stdout)
        XCTAssertTrue(goesOn.stderr.contains("skipped 1 invalid record"), goesOn.stderr)
        XCTAssertTrue(goesOn.stderr.contains(dir + "/damaged.zip/2.jsonl:1: in the ZIP archive:"), goesOn.stderr)
        // Labelled data: evaluated in an archive as unpacked.
        let labelled = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/datasets/examples/labeled.jsonl")))
        try Data(ZipArchive.make([("labeled.jsonl", labelled)], deflating: ["labeled.jsonl"])).write(to: URL(fileURLWithPath: dir + "/labeled.zip"))
        let evalZip = try run("slant-eval", ["--json", "--data", dir + "/labeled.zip"], cwd: root)
        let evalFile = try run("slant-eval", ["--json", "--data", root + "/datasets/examples/labeled.jsonl"], cwd: root)
        XCTAssertEqual(evalZip.status, 0, evalZip.stderr)
        XCTAssertEqual(evalZip.stdout, evalFile.stdout)
    }

    /// A model whose actor header is inconsistent but whose checksum is valid (the aggregator's feature means
    /// cut to three values) is refused at load with the field named, not a crash at the first analysis.
    func testInconsistentActorHeaderIsRefusedByThePrograms() throws {
        let model = try trainToy()
        let m = try ModelFile.read(model)
        var header = m.header
        var a = ActorSettings()
        a.task = header.tasks[0].name
        a.weights = header.tasks[0].labels.map { _ in [Float](repeating: 0, count: ActorFeatures.count + 1) }
        a.featureMean = [0, 0, 0]
        header.actors = a
        let bad = dir + "/bad-actors.slant"
        try! Data(try ModelFile.encode(SlantModel(header: header, idf: m.featurizers.map { $0.idf }, heads: m.heads))).write(to: URL(fileURLWithPath: bad))
        for tool in ["slant-score", "slant-eval"] {
            let r = try run(tool, tool == "slant-score" ? ["--model", bad, "--actor", "plan"] : ["--model", bad, "--data", model])
            XCTAssertEqual(r.status, 1, "\(tool): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("actors.featureMean has 3 values"), r.stderr)
            XCTAssertTrue(r.stderr.contains(bad), r.stderr)
        }
    }
}

extension CLITests {
    /// Text the default model cannot read (random characters, an article with its words' letters shuffled, news
    /// in Spanish, German and French, and in Chinese, Japanese and Thai, whose ideographs and unspaced words
    /// had made too few words to judge until 2026-12-06) gets no leaning, no frames and no actors, and `--why`
    /// says the heads recognise too few of its words; the example article gets all of them.
    func testUnreadableTextGetsNoAnswer() throws {
        let root = Self.repoRoot.path
        for name in ["random", "shuffled", "es", "de", "fr", "zh", "ja", "th"] {
            let file = "datasets/examples/unreadable/\(name).txt"
            let r = try run("slant-score", ["--title-first-line", "--why", file], cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            XCTAssertEqual(o["id"] as? String, "\(name).txt")
            for absent in ["leaning", "frames", "actors"] { XCTAssertNil(o[absent], "\(name): \(absent) answered: \(r.stdout)") }
            for head in ["leaning", "frames", "the actor analysis"] {
                XCTAssertTrue(r.stderr.contains("left out \(head) for 1 record: it cannot read the text: the model recognises "), "\(name): \(r.stderr)")
            }
            XCTAssertTrue(r.stderr.contains("(the text is unreadable, or not in the language the model learned from)"), r.stderr)
            // The record says so itself: the share of its words the model knows, and the share it needs.
            let notRead = try XCTUnwrap(o["not_read"] as? [String: Double], r.stdout)
            XCTAssertLessThan(notRead["known"]!, notRead["needs"]!, r.stdout)
            XCTAssertGreaterThan(notRead["needs"]!, 0.1)
            let txt = try run("slant-score", ["--title-first-line", "--format", "text", file], cwd: root)
            XCTAssertTrue(txt.stdout.contains("  not read: the model recognises \(Int((notRead["known"]! * 100).rounded()))% of its words and needs"), txt.stdout)
        }
        let ok = try run("slant-score", ["--title-first-line", "--why", "datasets/examples/article.txt"], cwd: root)
        XCTAssertFalse(ok.stderr.contains("recognises"), ok.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as! [String: Any]
        for present in ["leaning", "frames", "actors"] { XCTAssertNotNil(o[present], present) }
        XCTAssertNil(o["not_read"], ok.stdout)
        // slant-report counts the records the model could not read.
        let scored = try run("slant-score", ["--title-first-line", "datasets/examples/article.txt", "datasets/examples/unreadable/de.txt"], cwd: root)
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let report = try run("slant-report", [], stdin: scored.stdout)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.hasPrefix("2 articles (1 the model could not read: no head answered them)"), report.stdout)
    }

    /// The default model's article heads (`leaning`, `frames`) leave out a text far shorter than the articles they
    /// learned from (a word, a sentence), with the reason, unless named with `--task`; a sentence head still reads it.
    func testArticleHeadsLeaveOutTextsFarShorterThanTheirArticles() throws {
        let r = try run("slant-score", ["--why"], stdin: "Trump\n", cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertNil(o["leaning"], r.stdout)
        XCTAssertNil(o["frames"], r.stdout)
        XCTAssertTrue(r.stderr.contains("left out leaning for 1 record: it was trained on articles (95% of them "), r.stderr)
        XCTAssertTrue(r.stderr.contains("bytes or longer) and the text is under a quarter of that ("), r.stderr)
        XCTAssertTrue(r.stderr.contains("left out frames for 1 record: it was trained on articles"), r.stderr)
        let forced = try run("slant-score", ["--task", "leaning,frames"], stdin: "Trump\n", cwd: Self.repoRoot.path)
        let f = try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as! [String: Any]
        XCTAssertNotNil(f["leaning"], forced.stdout)
        XCTAssertNotNil(f["frames"], forced.stdout)
        let sentence = try run("slant-score", ["--target", "Lopez"], stdin: "Lopez praised the volunteers who rebuilt the community center.\n", cwd: Self.repoRoot.path)
        let s = try JSONSerialization.jsonObject(with: Data(sentence.stdout.utf8)) as! [String: Any]
        XCTAssertNotNil(s["target_sentiment"], sentence.stdout)
        XCTAssertNil(s["leaning"], sentence.stdout)
        // The actor analysis, too, reads articles: a short text gets no actors, and stderr says so and how to ask
        // (not for a record with a target, which the target heads answer).
        XCTAssertNil(o["actors"], r.stdout)
        XCTAssertTrue(r.stderr.contains("left out the actor analysis for 1 record: it reads articles and the text is 600 bytes or shorter; --actors on analyses any text"), r.stderr)
        XCTAssertFalse(sentence.stderr.contains("the actor analysis"), sentence.stderr)
        let brief = "Officials say the Islamic Revolutionary Guard Corps vowed revenge, and the commander blamed Israel. Later Israel said nothing. The Islamic Revolutionary Guard Corps is angry.\n"
        let on = try run("slant-score", ["--actors", "on"], stdin: brief, cwd: Self.repoRoot.path)
        let a = try JSONSerialization.jsonObject(with: Data(on.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((a["actors"] as? [[String: Any]])?.map { $0["name"] as! String }, ["Islamic Revolutionary Guard Corps", "Israel"], on.stdout)
        XCTAssertFalse(on.stderr.contains("the actor analysis"), on.stderr)
    }

    /// `slant-eval` scores every labelled record, readable or not, and says how many `slant-score` would leave
    /// unanswered.
    func testEvalSaysHowManyRecordsTheModelCannotRead() throws {
        let german = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/unreadable/de.txt", encoding: .utf8)
        let english = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/article.txt", encoding: .utf8)
        let lines = try [("de", german, "left"), ("en", english, "center")].map { id, text, label in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text, "labels": ["leaning": label]]), as: UTF8.self)
        }
        let data = write(lines.joined(separator: "\n") + "\n", "mixed.jsonl")
        let r = try run("slant-eval", ["--data", data])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("task leaning (single-label, n = 2)"), r.stdout)
        XCTAssertTrue(r.stderr.contains("slant-eval: 1 of 2 records is text the model cannot read (another language or script, no words, or markup): slant-score gives them no answer; they are scored here all the same"), r.stderr)
        let clean = try run("slant-eval", ["--data", write(lines[1] + "\n", "en.jsonl")])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertFalse(clean.stderr.contains("cannot read"), clean.stderr)
    }

    /// A file saved in UTF-16 ("Unicode" in Windows tools) or Windows-1252 is refused with exit status 1, the
    /// encoding named and the command that converts it; the converted file is read. `slant-train` says the same.
    func testAFileInAnotherEncodingIsRefusedWithItsConversion() throws {
        let article = try String(contentsOfFile: Self.repoRoot.path + "/datasets/examples/article.txt", encoding: .utf8)
        let p16 = dir + "/article16.txt"
        try XCTUnwrap(article.data(using: .utf16)).write(to: URL(fileURLWithPath: p16))   // with a byte-order mark
        let r = try run("slant-score", ["--title-first-line", p16], cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("\(p16):1: the file holds a zero byte (byte 3), which text does not: the input is UTF-16 (it starts with a UTF-16 byte-order mark); Slant reads UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8 \(p16) > \(p16).utf8"), r.stderr)
        let back = try XCTUnwrap(String(data: Data(contentsOf: URL(fileURLWithPath: p16)), encoding: .utf16))
        let p8 = write(back, "article8.txt")
        XCTAssertEqual(try run("slant-score", ["--title-first-line", p8], cwd: Self.repoRoot.path).status, 0)
        let train = dir + "/train.jsonl"
        try Data((0..<4).map { "{\"text\": \"caf\u{e9} number \($0)\", \"labels\": {\"t\": \"\($0 % 2)\"}}\n" }.joined().data(using: .isoLatin1)!).write(to: URL(fileURLWithPath: train))
        let t = try run("slant-train", ["--data", train, "--output", dir + "/m.slant"])
        XCTAssertEqual(t.status, 1, t.stderr)
        XCTAssertTrue(t.stderr.contains("\(train):1: malformed JSON at column 14: invalid UTF-8 in string (byte 0xe9): the input may be Latin-1 or Windows-1252"), t.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.slant"))
    }

    /// Records with no language in them are not read either: a row of numbers, of emoji, one long hex string,
    /// a web page's source (JSONL on stdin); a short headline, a tweet with a long link and an article in
    /// paragraph tags are read.
    func testTextsWithoutLanguageGetNoAnswer() throws {
        let hex = (0..<1500).map { String(format: "%02x", ($0 * 37 + 11) % 256) }.joined()
        let texts: [(String, String, Bool)] = [
            ("digits", (0..<300).map { String($0 * 7919 % 100_000) }.joined(separator: " "), false),
            ("emoji", String(repeating: "🔥 🎉 👍 ❤️ ", count: 60), false),
            ("hex", hex, false),
            ("headline", "Senate passes the budget after a late-night vote", true),
            ("tweet", "The council approved the new budget tonight, read more: https://example.com/news/" + String(repeating: "a", count: 180), true),
            ("page", "<!DOCTYPE html><html lang=\"en\"><head><title>Council approves budget</title><script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script></head><body><nav class=\"navbar\"><a class=\"nav-link\" href=\"/politics\">Politics</a></nav><p>The council approved the budget on Tuesday after a long debate.</p></body></html>", false),
            ("paragraphs", "<p>The council approved the budget on Tuesday after a long debate over police funding.</p><p>The mayor said the plan keeps neighbourhoods safe while investing in schools, and the opposition said it leaves social services without money.</p>", true),
        ]
        let input = try texts.map { id, text, _ in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let r = try run("slant-score", ["--task", "leaning", "--why"], stdin: input, cwd: Self.repoRoot.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, texts.count)
        for (line, (id, _, read)) in zip(lines, texts) {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            XCTAssertEqual(o["id"] as? String, id)
            XCTAssertEqual(o["leaning"] != nil, read, "\(id): \(line)")
            XCTAssertEqual(o["not_read"] == nil, read, "\(id): \(line)")
        }
        XCTAssertTrue(r.stderr.contains("left out leaning for 3 records: it cannot read the text: the model recognises 0% of its words"), r.stderr)
        XCTAssertTrue(r.stderr.contains("left out leaning for 1 record: it cannot read the text: it is HTML or XML markup (tags, scripts and styles make 7"), r.stderr)
        let page = try JSONSerialization.jsonObject(with: Data(lines[5].utf8)) as! [String: Any]
        XCTAssertGreaterThan(try XCTUnwrap((page["not_read"] as? [String: Double])?["markup"]), 0.5)
    }

    /// Every article of the shared datasets' splits that the default model's article heads read (AllSides dev
    /// and extra, SemEval-2023 frames train, PerSenT dev, SEESAW dev) is read: none is left out as unreadable.
    func testEveryDatasetArticleIsRead() throws {
        let data = Self.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
        guard FileManager.default.fileExists(atPath: data) else { throw Self.skip("../shared/datasets is absent: skipping the check over its articles") }
        var total = 0
        for file in ["allsides/dev.jsonl.gz", "allsides/extra.jsonl.gz", "semeval2023-frames/train.jsonl", "persent/dev.jsonl", "seesaw/dev.jsonl.gz"] {
            let r = try run("slant-score", ["--why", "--task", "leaning,frames", "--actors", "off", data + "/" + file], cwd: Self.repoRoot.path)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stderr.contains("recognises"), "\(file): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            XCTAssertTrue(lines.allSatisfy { $0.contains("\"leaning\"") && $0.contains("\"frames\"") }, file)
            total += lines.count
        }
        XCTAssertGreaterThan(total, 4000)
    }
}
