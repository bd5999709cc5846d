import Foundation
import XCTest

/// `slant-train --prior-data TASK=FILE` end to end: class offsets fitted on a labelled sample after training,
/// read by scoring and evaluation, reproducible byte for byte, and its errors.
extension CLITests {
    func testPriorDataTrainScoreEvaluate() throws {
        let train = write(corpus(200, seed: 1), "train.jsonl")
        // Annotators who read "praised" as against: the sample's reading differs from the training labels'.
        var sample = corpus(80, seed: 4).split(separator: "\n").map { line -> String in
            line.contains("praised") ? line.replacingOccurrences(of: "\"stance\": \"favor\"", with: "\"stance\": \"against\"") : String(line)
        }
        sample.append(sample[0])   // a repeat
        sample.append("{\"id\": \"u\", \"text\": \"The council met on Monday\", \"labels\": {\"frames\": [\"economy\"]}}")   // no stance label
        let prior = write(sample.joined(separator: "\n") + "\n", "prior.jsonl")
        let plain = dir + "/plain.slant", fitted = dir + "/prior.slant", again = dir + "/again.slant"
        var r = try run("slant-train", ["--data", train, "--output", plain, "--bits", "14", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try run("slant-train", ["--data", train, "--output", fitted, "--bits", "14", "--prior-data", "stance=" + prior])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("prior offsets for stance from \(prior): 80 distinct records (1 repeats, 1 without a stance label, passed over): against +"), r.stderr)
        r = try run("slant-train", ["--data", train, "--output", again, "--bits", "14", "--prior-data", "stance=" + prior, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: fitted), FileManager.default.contents(atPath: again), "same data, same bytes")
        XCTAssertNotEqual(FileManager.default.contents(atPath: fitted), FileManager.default.contents(atPath: plain))
        // Scoring reads the offsets: the mean P(favor) is lower than the plain model's (the toy corpus's verbs are
        // clear enough that few labels flip).
        let test = write(corpus(120, seed: 6), "test.jsonl")
        func meanFavor(_ model: String) throws -> Double {
            let s = try run("slant-score", ["--model", model, "--task", "stance", test])
            XCTAssertEqual(s.status, 0, s.stderr)
            let ps = try s.stdout.split(separator: "\n").map { line -> Double in
                let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return ((o["stance"] as! [String: Any])["scores"] as! [String: Double])["favor"]!
            }
            XCTAssertEqual(ps.count, 120)
            return ps.reduce(0, +) / Double(ps.count)
        }
        let a = try meanFavor(plain), b = try meanFavor(fitted)
        XCTAssertLessThan(b, a - 0.01, "mean P(favor): plain \(a), with offsets \(b)")
        let e = try run("slant-eval", ["--model", fitted, "--data", test, "--task", "stance"])
        XCTAssertEqual(e.status, 0, e.stderr)
        // A trained model adapted without its training data (--from) is the model trained with the offsets, byte
        // for byte; adapting it again with the same sample adds offsets of 0 and records the second fit.
        let adapted = dir + "/adapted.slant", twice = dir + "/twice.slant"
        r = try run("slant-train", ["--from", plain, "--prior-data", "stance=" + prior, "--output", adapted])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("wrote \(adapted) (\(plain) adapted)"), r.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: adapted), FileManager.default.contents(atPath: fitted))
        r = try run("slant-train", ["--from", adapted, "--prior-data", "stance=" + prior, "--output", twice])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("against +0.000, favor +0.000") || r.stderr.contains("against -0.000, favor +0.000") || r.stderr.contains("against +0.000, favor -0.000"), r.stderr)
        r = try run("slant-train", ["--from", plain, "--data", train, "--prior-data", "stance=" + prior, "--output", twice])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("--from adapts a trained model (--prior-data, --actor-data): it goes without --data"), r.stderr)
        r = try run("slant-train", ["--from", plain, "--output", twice])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("--from needs --prior-data TASK=FILE (class offsets) or --actor-data FILE"), r.stderr)
        r = try run("slant-train", ["--from", dir + "/absent.slant", "--prior-data", "stance=" + prior, "--output", twice])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("absent.slant"), r.stderr)
        // Errors: the value's form, a label the head does not know (file and line), a multi-label task, an
        // unknown task, a task named twice.
        r = try run("slant-train", ["--data", train, "--output", dir + "/x.slant", "--prior-data", "stance"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("--prior-data takes TASK=FILE, got 'stance'"), r.stderr)
        r = try run("slant-train", ["--data", train, "--output", dir + "/x.slant", "--prior-data", "stance=" + prior, "--prior-data", "stance=" + prior])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("names task stance twice"), r.stderr)
        let bad = write(sample[0] + "\n" + sample[1] + "\n{\"id\": \"n\", \"text\": \"x y\", \"labels\": {\"stance\": \"neutral\"}}\n", "bad.jsonl")
        r = try run("slant-train", ["--data", train, "--output", dir + "/x.slant", "--bits", "12", "--prior-data", "stance=" + bad])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("bad.jsonl:3: --prior-data: label \"neutral\" of stance is not one the head knows: against, favor"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.slant"), "no model is written")
        r = try run("slant-train", ["--data", train, "--output", dir + "/x.slant", "--bits", "12", "--prior-data", "frames=" + prior])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("class offsets need a plain single-label head; frames is multi-label"), r.stderr)
        r = try run("slant-train", ["--data", train, "--output", dir + "/x.slant", "--bits", "12", "--prior-data", "leaning=" + prior])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--prior-data names task \"leaning\", which the model does not have"), r.stderr)
    }
}
