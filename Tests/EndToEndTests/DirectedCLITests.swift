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
}
