import XCTest
@testable import Slant
import CZlib

/// The two-stage head (`TwoStage`): its probabilities, its gradient, training and the model file.
final class TwoStageTests: XCTestCase {
    func testProbabilitiesAndGradientMatchTheDefinition() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<50 {
            let K = 3 + trial % 3, s = trial % K
            let z = (0..<K).map { _ in RandomizedSVD.gaussian(&rng) * 3 }
            var p = z
            p.withUnsafeMutableBufferPointer { TwoStage.probabilities($0, split: s) }
            XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-5)
            XCTAssertEqual(p[s], 1 / (1 + expf(-z[s])), accuracy: 1e-6)
            // The second stage is a softmax over the other labels, scaled by 1 − P(s).
            let others = (0..<K).filter { $0 != s }
            let e = others.map { expf(z[$0]) }, sum = e.reduce(0, +)
            for (i, k) in others.enumerated() { XCTAssertEqual(p[k], (1 - p[s]) * e[i] / sum, accuracy: 1e-5) }
            // The loss is −log P(y) when the second stage's softmax is the one of P, and the gradient is its
            // derivative (central differences in double precision through the Float code, step 1e-2).
            for y in 0..<K {
                var g = z
                let loss = g.withUnsafeMutableBufferPointer { TwoStage.loss($0.baseAddress!, labels: K, split: s, gold: y, weight: 1) }
                XCTAssertEqual(loss, -Double(logf(p[y])), accuracy: 1e-4)
                for k in 0..<K {
                    var plus = z, minus = z
                    plus[k] += 1e-2; minus[k] -= 1e-2
                    let lp = plus.withUnsafeMutableBufferPointer { TwoStage.loss($0.baseAddress!, labels: K, split: s, gold: y, weight: 1) }
                    let lm = minus.withUnsafeMutableBufferPointer { TwoStage.loss($0.baseAddress!, labels: K, split: s, gold: y, weight: 1) }
                    XCTAssertEqual(Double(g[k]), (lp - lm) / 2e-2, accuracy: 2e-3, "K \(K) s \(s) y \(y) k \(k)")
                }
                if y == s { for k in 0..<K where k != s { XCTAssertEqual(g[k], 0) } }
            }
        }
    }

    /// Three labels: "unrelated" when no stance word is present, else favor or against.
    func records(_ n: Int, seed: UInt64) -> [Record] {
        toyRecords(n, seed: seed).enumerated().map { i, r in
            var r = r
            if i % 3 == 0 {
                r.text = "the minister plan on monday after a vote in parliament city council"
                r.labels["stance"] = .single("unrelated")
            }
            r.labels["frames"] = nil
            return r
        }
    }

    func testTrainingRoundTripAndRefusals() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.epochs = 30
        o.taskTwoStage["stance"] = "unrelated"
        let m = try Trainer(options: o).train(records(120, seed: 3))
        XCTAssertEqual(m.header.tasks[0].twoStage, "unrelated")
        XCTAssertEqual(m.heads[0].split, m.header.tasks[0].labels.firstIndex(of: "unrelated"))
        var s1 = [FeatureScratch](), s2 = [FeatureScratch]()
        let test = records(60, seed: 9)
        var correct = 0
        for r in test {
            let p = m.predict(r, tasks: [0], scratch: &s1)[0]
            XCTAssertEqual(p.scores.reduce(0, +), 1, accuracy: 1e-4)
            if case .single(let gold)? = r.labels["stance"], p.labels == [gold] { correct += 1 }
        }
        XCTAssertGreaterThan(correct, 50)
        let bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 3)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        for r in test { XCTAssertEqual(m.predict(r, tasks: [0], scratch: &s1)[0].scores, back.predict(r, tasks: [0], scratch: &s2)[0].scores) }
        XCTAssertEqual(try ModelFile.encode(try Trainer(options: o).train(records(120, seed: 3))), bytes)
        // A label the task does not have, and a task with two labels, are refused with the labels named.
        o.taskTwoStage["stance"] = "nope"
        XCTAssertThrowsError(try Trainer(options: o).train(records(60, seed: 3))) { e in XCTAssertTrue("\(e)".contains("one of them \"nope\""), "\(e)") }
        o.taskTwoStage["stance"] = "favor"
        XCTAssertThrowsError(try Trainer(options: o).train(toyRecords(60))) { e in XCTAssertTrue("\(e)".contains("at least 3 labels"), "\(e)") }
        // A model file whose header names a split label the task lacks is refused.
        var header = m.header
        header.tasks[0].twoStage = "missing"
        let bad = SlantModel(header: header, idf: m.featurizers.map { $0.idf }, heads: m.heads)
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(bad), path: "m.slant")) { e in XCTAssertTrue("\(e)".contains("two-stage on label \"missing\""), "\(e)") }
    }
}
