import Foundation
import XCTest

/// End-to-end: the default model's directed-sentiment head (how a holder feels about a target).
extension CLITests {
    func testDefaultModelReadsDirectedSentiment() throws {
        let model = Self.repoRoot.appendingPathComponent("models/default.slant").path
        guard FileManager.default.fileExists(atPath: model) else { throw Self.skip("models/default.slant is absent") }
        func score(_ args: [String], _ input: String) throws -> (scores: [String: Double]?, label: String?, stderr: String) {
            let r = try run("slant-score", ["--model", model, "--why"] + args, stdin: input)
            XCTAssertEqual(r.status, 0, r.stderr)
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            let d = o["directed_sentiment"] as? [String: Any]
            return (d?["scores"] as? [String: Double], d?["label"] as? String, r.stderr)
        }
        // Holder and target given as fields, or as options for plain text.
        let praise = try score([], #"{"id":"a","text":"Senator Warren praised Governor Baker for his leadership during the storm.","holder":"Elizabeth Warren","target":"Charlie Baker"}"#)
        XCTAssertEqual(praise.label, "positive", "\(praise)")
        let attack = try score(["--holder", "Warren", "--target", "Baker"], "Senator Warren attacked Governor Baker, calling his plan a disgrace.\n")
        XCTAssertEqual(attack.label, "negative", "\(attack)")
        XCTAssertGreaterThan(attack.scores!["negative"]!, praise.scores!["negative"]!)
        // Without a holder the head says nothing, and says why.
        let none = try score(["--target", "Baker"], "Senator Warren attacked Governor Baker.\n")
        XCTAssertNil(none.label)
        XCTAssertTrue(none.stderr.contains("directed_sentiment") && none.stderr.contains("needs a holder"), none.stderr)
        // On the shared dataset's dev split it is well above chance (3 classes, mostly neutral).
        let dev = Self.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/directed/dev.jsonl").path
        guard FileManager.default.fileExists(atPath: dev) else { throw Self.skip("../shared/datasets is absent: the dev check was not run") }
        let e = try run("slant-eval", ["--model", model, "--data", dev, "--task", "directed_sentiment", "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let t = ((try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any])["tasks"] as! [String: Any])["directed_sentiment"] as! [String: Any]
        XCTAssertEqual(t["n"] as? Int, 999)
        XCTAssertGreaterThan(t["macro_f1"] as! Double, 0.42)
    }

    /// `--holders`: the analysis says how the other entities of a sentence feel about each actor, as stated there.
    func testHoldersSayWhoFeelsWhatAboutAnActor() throws {
        let model = Self.repoRoot.appendingPathComponent("models/default.slant").path
        guard FileManager.default.fileExists(atPath: model) else { throw Self.skip("models/default.slant is absent") }
        let text = "Senator Elizabeth Warren praised Governor Charlie Baker for his leadership on Monday. Warren praised Baker again on Tuesday, calling him a great partner. Baker thanked Warren for her support.\n"
        let r = try run("slant-score", ["--model", model, "--holders", "--actors", "on"], stdin: text)
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let actors = o["actors"] as! [[String: Any]]
        let baker = try XCTUnwrap(actors.first { $0["name"] as? String == "Charlie Baker" })
        let held = try XCTUnwrap(baker["held_by"] as? [[String: Any]])
        XCTAssertFalse(held.isEmpty)
        for h in held {
            XCTAssertEqual(h["holder"] as? String, "Elizabeth Warren")
            XCTAssertNotEqual(h["label"] as? String, "neutral", "neutral feelings are not listed")
            let start = h["start"] as! Int, end = h["end"] as! Int
            XCTAssertEqual(String(Array(text.unicodeScalars)[start..<end].map(Character.init)), h["sentence"] as? String)
        }
        XCTAssertTrue(held.contains { ($0["sentence"] as! String).hasPrefix("Senator Elizabeth Warren praised") && $0["label"] as? String == "positive" }, "\(held)")
        // Opt-in: without --holders there is no held_by, and the rest of the output is the same.
        let plain = try run("slant-score", ["--model", model, "--actors", "on"], stdin: text)
        XCTAssertFalse(plain.stdout.contains("held_by"))
        let trimmed = try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((trimmed["actors"] as! [[String: Any]]).map { $0["label"] as! String }, actors.map { $0["label"] as! String })
        let textFormat = try run("slant-score", ["--model", model, "--holders", "--actors", "on", "--format", "text"], stdin: text)
        XCTAssertTrue(textFormat.stdout.contains("held by Elizabeth Warren: positive"), textFormat.stdout)
        let off = try run("slant-score", ["--model", model, "--holders", "--actors", "off"], stdin: text)
        XCTAssertEqual(off.status, 64)
        XCTAssertTrue(off.stderr.contains("--holders needs the actor analysis"), off.stderr)
    }
}
