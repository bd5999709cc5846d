import XCTest
@testable import Slant

/// `--per-target` (issue 9): every feature also crossed with the record's target, so that a word can mean
/// opposite things for different targets, as the per-target SVMs of SemEval-2016 allow.
final class PerTargetTests: XCTestCase {
    /// An XOR: "win" is favor for one target and against for the other, "loss" the reverse. A shared linear model
    /// over text and target words cannot separate it (at most three of the four cases right); per-target copies can.
    func testPerTargetCopiesLearnWhatASharedModelCannot() throws {
        var records: [Record] = []
        let cases = [("Alpha", "a win today", "favor"), ("Alpha", "a loss today", "against"),
                     ("Beta", "a win today", "against"), ("Beta", "a loss today", "favor")]
        for i in 0..<40 {
            let (target, text, label) = cases[i % 4]
            records.append(Record(id: "\(i)", text: text, target: target, labels: ["stance": .single(label)]))
        }
        func correct(perTarget: Bool) throws -> Int {
            var o = TrainingOptions()
            o.features.namespaces = [.text, .target]; o.features.bits = 12; o.features.wordNgrams = 1
            o.features.perTarget = perTarget
            o.l2 = 0.01
            let m = try Trainer(options: o).train(records)
            var scratch: [FeatureScratch] = []
            return cases.filter { c in
                m.predict(Record(id: "q", text: c.1, target: c.0), tasks: [0], scratch: &scratch)[0].labels == [c.2]
            }.count
        }
        XCTAssertEqual(try correct(perTarget: true), 4)
        XCTAssertLessThanOrEqual(try correct(perTarget: false), 3)
    }
}
