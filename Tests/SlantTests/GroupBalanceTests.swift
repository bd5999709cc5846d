import XCTest
@testable import Slant

/// Group balancing (`--group-balance α`, issue 9): row weights n_g^−α averaging 1; the loss, its gradient and
/// the balanced class weights follow them; α = 0 changes nothing.
final class GroupBalanceTests: XCTestCase {
    func testWeightsFollowGroupSizes() {
        // A has 4 rows, B 1, and the two rows without a source form one group of 2.
        let groups: [String?] = ["A", "A", "A", "A", "B", nil, nil]
        let w1 = GroupBalance.weights(groups: groups, alpha: 1)
        XCTAssertEqual(w1.reduce(0, +), 7, accuracy: 1e-5, "the weights average 1")
        // Every group weighs the same in total: A's four rows together as much as B's one row.
        XCTAssertEqual(w1[0] * 4, w1[4], accuracy: 1e-5)
        XCTAssertEqual(w1[5] * 2, w1[4], accuracy: 1e-5)
        let half = GroupBalance.weights(groups: groups, alpha: 0.5)
        XCTAssertEqual(half[4] / half[0], 2, accuracy: 1e-5, "√4 / √1")
        XCTAssertEqual(GroupBalance.weights(groups: groups, alpha: 0), [Float](repeating: 1, count: 7))
        XCTAssertEqual(GroupBalance.weights(groups: [], alpha: 1), [])
    }

    func testRowWeightScalesLossAndGradient() {
        var x = CSRMatrix()
        x.append(SparseVector(indices: [1, 2], values: [1, 0.5]))
        x.append(SparseVector(indices: [2, 3], values: [1, 1]))
        var d = HeadData(x: x, kind: .single, labels: 3)
        d.y = [0, 2]
        var z1: [Float] = [0.3, -0.2, 0.1], z2 = z1
        let plain = Objective.rowLoss(d, 1, &z1)
        d.rowWeight = [1, 2.5]
        let weighted = Objective.rowLoss(d, 1, &z2)
        XCTAssertEqual(weighted, 2.5 * plain, accuracy: 1e-6)
        for k in 0..<3 { XCTAssertEqual(z2[k], 2.5 * z1[k], accuracy: 1e-6) }
        // A subset keeps each row's own weight.
        XCTAssertEqual(d.subset([1]).rowWeight, [2.5])
    }

    func testBalancedClassWeightsUseWeightedCounts() throws {
        // Outlet A (4 left rows) and outlet B (1 right row): with α = 1 each outlet, and so each class, weighs
        // the same, and balanced class weights are 1.
        let records = (0..<5).map { i in
            Record(id: "\(i)", text: "w\(i)", source: i < 4 ? "A" : "B", labels: ["leaning": .single(i < 4 ? "left" : "right")])
        }
        var x = CSRMatrix()
        for i in 0..<5 { x.append(SparseVector(indices: [Int32(i)], values: [1])) }
        let task = TaskDescription(name: "leaning", kind: .single, labels: ["left", "right"], counts: [4, 1])
        let w = GroupBalance.weights(groups: records.map { $0.source }, alpha: 1)
        let d = try Trainer.headData(task, rows: Array(0..<5), records: records, x: x, weighting: .balanced, rowWeight: w)
        XCTAssertEqual(d.classWeight[0], 1, accuracy: 1e-5)
        XCTAssertEqual(d.classWeight[1], 1, accuracy: 1e-5)
        let plain = try Trainer.headData(task, rows: Array(0..<5), records: records, x: x, weighting: .balanced)
        XCTAssertEqual(plain.classWeight, [5.0 / 8, 5.0 / 2])
        XCTAssertTrue(plain.rowWeight.isEmpty)
    }

    func testTrainingRecordsOptionAndZeroIsThePlainModel() throws {
        var records: [Record] = []
        for i in 0..<48 {
            let outlet = ["L1", "L1", "L1", "L2", "R1", "R2"][i % 6]
            let left = outlet.hasPrefix("L")
            records.append(Record(id: "\(i)", text: left ? "tax the rich \(outlet)" : "cut the tax \(outlet)", source: outlet,
                                  labels: ["leaning": .single(left ? "left" : "right")]))
        }
        var o = TrainingOptions()
        o.features.namespaces = [.text]; o.features.bits = 10; o.features.wordNgrams = 1
        let plain = try Trainer(options: o).train(records)
        o.taskGroupBalance["leaning"] = 0
        let zero = try Trainer(options: o).train(records)
        XCTAssertEqual(zero.heads[0].weights.array, plain.heads[0].weights.array, "α = 0 weighs every row 1")
        o.taskGroupBalance["leaning"] = 1
        let balanced = try Trainer(options: o).train(records)
        XCTAssertNotEqual(balanced.heads[0].weights.array, plain.heads[0].weights.array)
        XCTAssertEqual(balanced.header.training.options["group_balance.leaning"], "1.0")
        o.taskGroupBalance["leaning"] = 1.5
        XCTAssertThrowsError(try Trainer(options: o).train(records)) { e in
            XCTAssertTrue("\(e)".contains("--group-balance (leaning)") && "\(e)".contains("got 1.5"), "\(e)")
        }
        var s = TrainingOptions(); s.groupBalanceAll = 0.5
        XCTAssertNotNil(StreamTrainer.unsupported(s))
    }
}
