import XCTest
@testable import Slant

/// Class offsets fitted on a labelled sample after training (`slant-train --prior-data`): the fit, the sample's
/// rules, and the model they are written into.
final class PriorOffsetsTests: XCTestCase {
    /// Logits of a symmetric three-label problem whose true labels follow softmax(u); the head reports u − d.
    func shifted(n: Int, d: [Double], seed: UInt64) -> (logProbs: [Double], gold: [Int]) {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        var lp: [Double] = [], gold: [Int] = []
        for _ in 0..<n {
            let u = (0..<3).map { _ in 3 * uniform() - 1.5 }
            let e = u.map { Foundation.exp($0) }, s = e.reduce(0, +)
            var r = uniform() * s, y = 0
            while y < 2 && r >= e[y] { r -= e[y]; y += 1 }
            gold.append(y)
            lp += (0..<3).map { u[$0] - d[$0] }
        }
        return (lp, gold)
    }

    func testFitRecoversAShiftAndIsOptimal() {
        let d = [0.6, -0.1, -0.5]
        let (lp, gold) = shifted(n: 6000, d: d, seed: 3)
        let b = Calibration.fitOffsets(logProbs: lp, gold: gold, labels: 3)
        XCTAssertEqual(b.reduce(0, +), 0, accuracy: 1e-9, "the offsets have mean 0")
        for k in 0..<3 { XCTAssertEqual(b[k], d[k], accuracy: 0.12, "label \(k): \(b)") }
        // Optimal: no small mean-zero step lowers the balanced loss.
        func loss(_ b: [Double]) -> Double {
            var counts = [Double](repeating: 0, count: 3)
            for y in gold { counts[y] += 1 }
            var t = 0.0
            for i in gold.indices {
                let z = (0..<3).map { lp[i * 3 + $0] + b[$0] }
                let m = z.max()!
                let lse = m + Foundation.log(z.map { Foundation.exp($0 - m) }.reduce(0, +))
                t += Double(gold.count) / (3 * counts[gold[i]]) * (lse - z[gold[i]])
            }
            return t
        }
        let best = loss(b)
        XCTAssertLessThan(best, loss([0, 0, 0]))
        for (i, j) in [(0, 1), (1, 2), (0, 2)] {
            for step in [0.02, -0.02] {
                var c = b; c[i] += step; c[j] -= step
                XCTAssertGreaterThanOrEqual(loss(c), best - 1e-9)
            }
        }
        XCTAssertEqual(Calibration.fitOffsets(logProbs: lp, gold: gold, labels: 3), b, "deterministic")
    }

    func testAnUnbiasedHeadGetsNoOffsets() {
        let (lp, gold) = shifted(n: 6000, d: [0, 0, 0], seed: 9)
        let b = Calibration.fitOffsets(logProbs: lp, gold: gold, labels: 3)
        for k in 0..<3 { XCTAssertEqual(b[k], 0, accuracy: 0.1, "\(b)") }
    }

    func testBalancedWeightsIgnoreTheSamplesMix() {
        // The same head and the same reading, but the sample holds label 0 five times over: balanced weights
        // give (nearly) the offsets of the even sample, where an unweighted fit would learn label 0's share.
        let (lp, gold) = shifted(n: 6000, d: [0.4, 0, -0.4], seed: 11)
        var lp5: [Double] = [], gold5: [Int] = []
        for i in gold.indices {
            let copies = gold[i] == 0 ? 5 : 1
            for _ in 0..<copies { lp5 += lp[(i * 3)..<(i * 3 + 3)]; gold5.append(gold[i]) }
        }
        let even = Calibration.fitOffsets(logProbs: lp, gold: gold, labels: 3)
        let skewed = Calibration.fitOffsets(logProbs: lp5, gold: gold5, labels: 3)
        for k in 0..<3 { XCTAssertEqual(skewed[k], even[k], accuracy: 0.05, "\(skewed) against \(even)") }
    }

    func record(_ id: String, _ text: String, _ label: String?, target: String? = nil, line: Int) -> Record {
        Record(id: id, text: text, title: "T", target: target, labels: label.map { ["stance": .single($0)] } ?? [:], file: "s.jsonl", line: line)
    }

    func testSampleCountsEachTextOnceAndNamesBadLabels() throws {
        let task = TaskInfo(name: "stance", kind: .single, labels: ["against", "favor"], bits: 10)
        let records = [record("a", "one", "favor", target: "X", line: 1), record("b", "one", "favor", target: "Y", line: 2),
                       record("c", "one", "against", line: 3), record("d", "two", nil, line: 4), record("e", "three", "against", line: 5)]
        let s = try PriorOffsets.sample(records, task: task)
        XCTAssertEqual(s.records.map { $0.id }, ["a", "c", "e"], "the same text and label once; another label is another record")
        XCTAssertEqual(s.gold, [1, 0, 0])
        XCTAssertEqual(s.repeated, 1)
        XCTAssertEqual(s.unlabelled, 1)
        do {
            _ = try PriorOffsets.sample(records + [record("f", "four", "neutral", line: 6)], task: task)
            XCTFail("a label the head does not know is an error")
        } catch let SlantError.invalidInput(file, line, message) {
            XCTAssertEqual(file, "s.jsonl"); XCTAssertEqual(line, 6)
            XCTAssertTrue(message.contains("\"neutral\"") && message.contains("against, favor"), message)
        }
    }

    func testOffsetsAreAddedToTheInterceptsAndRecorded() throws {
        let train = toyRecords(300)
        let opts = TrainingOptions(); var o = opts; o.tasks = ["stance"]; o.knownWords = false
        let model = try Trainer(options: o).train(train)
        let t = model.taskIndex("stance")!
        // A reading that calls most texts "against": every record without a negative verb is relabelled.
        let sample = toyRecords(200, seed: 99).map { r -> Record in
            var r = r
            if r.text.contains("praised") || r.text.contains("hailed") { r.labels = ["stance": .single("against")] }
            return r
        }
        let file = TrainingFile(path: "sample.jsonl", sha256: "00", records: sample.count)
        let fitted = try PriorOffsets.apply(to: model, task: "stance", records: sample, file: file)
        let labels = model.tasks[t].labels
        let against = labels.firstIndex(of: "against")!, favor = labels.firstIndex(of: "favor")!
        XCTAssertGreaterThan(fitted.info.offsets[against], fitted.info.offsets[favor], "\(fitted.info.offsets)")
        XCTAssertEqual(fitted.info.used, 200)
        for k in labels.indices {
            XCTAssertEqual(fitted.model.heads[t].bias[k], model.heads[t].bias[k] + fitted.info.offsets[k], accuracy: 1e-6)
        }
        XCTAssertEqual(fitted.model.heads[t].weights.count, model.heads[t].weights.count)
        XCTAssertEqual(fitted.model.tasks[t].priorOffsets, [fitted.info])
        // Scoring reads them: fewer texts are called favor.
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        let test = toyRecords(200, seed: 5)
        func favors(_ m: SlantModel, _ s: inout [FeatureScratch]) -> Int {
            test.filter { m.predict($0, tasks: [t], scratch: &s)[0].labels == ["favor"] }.count
        }
        XCTAssertLessThan(favors(fitted.model, &s2), favors(model, &s1))
        // Fitted again on the adapted head (`slant-train --from`): a second record, the bias holds both.
        let second = try PriorOffsets.apply(to: fitted.model, task: "stance", records: toyRecords(150, seed: 3), file: file)
        XCTAssertEqual(second.model.tasks[t].priorOffsets, [fitted.info, second.info])
        for k in labels.indices {
            XCTAssertEqual(second.model.heads[t].bias[k], fitted.model.heads[t].bias[k] + second.info.offsets[k], accuracy: 1e-6)
        }
        // Written and read back with the model.
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ModelFile.write(fitted.model, to: dir + "/m.slant")
        let back = try ModelFile.read(dir + "/m.slant")
        XCTAssertEqual(back.tasks[t].priorOffsets, [fitted.info])
        XCTAssertEqual(back.heads[t].bias, fitted.model.heads[t].bias)
    }

    func testTextsTheModelCannotReadArePassedOver() throws {
        var o = TrainingOptions(); o.tasks = ["stance"]; o.knownWords = false
        let train = toyRecords(300)
        let trained = try Trainer(options: o).train(train)
        // The toy vocabulary as the model's known words (a real model keeps the 2,048 most used).
        var hashes = Set<UInt32>()
        var buf = TokenBuffer()
        for r in train {
            Tokenizer().tokenize(r.text, into: &buf)
            for (t, h) in zip(buf.tokens, buf.hashes) where t.kind == .word { hashes.insert(h) }
        }
        var header = trained.header
        header.known = [KnownWords](repeating: KnownWords(words: hashes.sorted(), median: 0.9, threshold: 0.3, documents: 300),
                                    count: header.featureSets.count)
        let model = trained.replacing(header: header, heads: trained.heads)
        let gibberish = (0..<30).map { "qx\($0)zv" }.joined(separator: " ")
        let sample = toyRecords(200, seed: 99) + [Record(id: "g", text: gibberish, labels: ["stance": .single("favor")], file: "s", line: 201)]
        let file = TrainingFile(path: "s", sha256: "00", records: sample.count)
        let fitted = try PriorOffsets.apply(to: model, task: "stance", records: sample, file: file)
        XCTAssertEqual(fitted.unread, 1)
        XCTAssertEqual(fitted.info.used, 200)
        // The same sample without the known words reads every text.
        XCTAssertEqual(try PriorOffsets.apply(to: trained, task: "stance", records: sample, file: file).info.used, 201)
    }

    func testRefusals() throws {
        var o = TrainingOptions(); o.knownWords = false
        let model = try Trainer(options: o).train(toyRecords(120))
        let file = TrainingFile(path: "p.jsonl", sha256: "00", records: 0)
        func refused(_ task: String, _ records: [Record], _ fragment: String) {
            do {
                _ = try PriorOffsets.apply(to: model, task: task, records: records, file: file)
                XCTFail("expected a refusal containing \(fragment)")
            } catch {
                XCTAssertTrue("\(error)".contains(fragment), "\(error)")
            }
        }
        refused("leaning", toyRecords(50), "does not have")
        refused("frames", toyRecords(50), "multi-label")
        // Too few of one label: 9 distinct "favor" records.
        let few = toyRecords(200).filter { if case .single("against")? = $0.labels["stance"] { return true }; return false }
            + toyRecords(200, seed: 8).filter { if case .single("favor")? = $0.labels["stance"] { return true }; return false }.prefix(9)
        refused("stance", few, "label \"favor\" has 9 distinct records")
    }
}
