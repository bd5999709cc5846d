import XCTest
@testable import Slant

final class LinearTests: XCTestCase {
    func toyData(kind: HeadKind) -> HeadData {
        var x = CSRMatrix()
        x.append(SparseVector(indices: [1, 5], values: [1, 0.5]))
        x.append(SparseVector(indices: [2, 5], values: [1, -0.5]))
        x.append(SparseVector(indices: [1, 3], values: [0.7, 0.7]))
        x.append(SparseVector(indices: [0, 2, 7], values: [0.3, 0.9, 0.2]))
        var d = HeadData(x: x, kind: kind, labels: 3)
        if kind == .single { d.y = [0, 1, 0, 2]; d.classWeight = [0.8, 1.5, 1.2] } else {
            d.yMulti = [1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1]
            d.positiveWeight = [1.2, 0.9, 1]; d.negativeWeight = [0.7, 1.1, 1]
        }
        return d
    }

    /// AdaGrad's packed per-bucket layout (weights, squared-gradient sums, pending gradients in one cache line)
    /// must compute exactly what the textbook algorithm over separate arrays computes: same visiting order, same
    /// float operations, so the parameters agree bit for bit.
    func testAdaGradMatchesAPlainReferenceImplementation() {
        for kind in [HeadKind.single, .multi] {
            var d = toyData(kind: kind)
            // More rows than one minibatch, with repeated buckets inside a batch.
            var x = CSRMatrix()
            for r in 0..<40 { x.append(d.x.row(r % 4)) }
            let rows = (0..<40).map { $0 % 4 }
            d = HeadData(x: x, kind: kind, labels: 3)
            let base = toyData(kind: kind)
            if kind == .single { d.y = rows.map { base.y[$0] }; d.classWeight = base.classWeight } else {
                d.yMulti = rows.flatMap { base.yMulti[($0 * 3)..<($0 * 3 + 3)] }
                d.positiveWeight = base.positiveWeight; d.negativeWeight = base.negativeWeight
            }
            let bits = 3, K = 3, l2: Float = 0.3, lr: Float = 0.2, batch = 16
            let dim = (1 << bits) * K + K
            var packed = [Float](repeating: 0.01, count: dim)
            AdaGrad(learningRate: lr, epochs: 3, batchSize: batch, seed: 5).train(d, bits: bits, l2: l2, params: &packed) { _, _, _ in true }

            // Reference: separate arrays, dense gradient per batch, the same shuffle.
            var w = [Float](repeating: 0.01, count: dim)
            var acc = [Float](repeating: 1e-8, count: dim)
            var rng = SplitMix64(seed: 5)
            let l2PerRow = l2 / Float(d.rows)
            for _ in 0..<3 {
                var order = Array(0..<d.rows)
                rng.shuffle(&order)
                var b = 0
                while b < order.count {
                    let end = min(order.count, b + batch)
                    var g = [Float](repeating: 0, count: dim)
                    var touched = Set<Int>()
                    for o in b..<end {
                        let r = order[o]
                        let v = d.x.row(r)
                        var z = (0..<K).map { w[(1 << bits) * K + $0] }
                        for j in 0..<v.count { for k in 0..<K { z[k] += v.values[j] * w[Int(v.indices[j]) * K + k] } }
                        _ = z.withUnsafeMutableBufferPointer { Objective.rowLoss(d, r, $0.baseAddress!) }
                        for j in 0..<v.count {
                            touched.insert(Int(v.indices[j]))
                            for k in 0..<K { g[Int(v.indices[j]) * K + k] += v.values[j] * z[k] }
                        }
                        for k in 0..<K { g[(1 << bits) * K + k] += z[k] }
                    }
                    let l2b = l2PerRow * Float(end - b)
                    for bucket in touched {
                        for k in 0..<K {
                            let i = bucket * K + k
                            let gi = g[i] + l2b * w[i]
                            acc[i] += gi * gi
                            w[i] -= lr * gi / acc[i].squareRoot()
                        }
                    }
                    for k in 0..<K {
                        let i = (1 << bits) * K + k
                        acc[i] += g[i] * g[i]
                        w[i] -= lr * g[i] / acc[i].squareRoot()
                    }
                    b = end
                }
            }
            XCTAssertEqual(packed, w, "\(kind)")
            XCTAssertNotEqual(packed, [Float](repeating: 0.01, count: dim), "training moved the parameters")
        }
    }

    /// The analytic gradient agrees with central finite differences.
    func testGradientMatchesFiniteDifferences() {
        for kind in [HeadKind.single, .multi] {
            let obj = Objective(data: toyData(kind: kind), bits: 3, l2: 0.3, threads: 2)
            var rng = SplitMix64(seed: 3)
            let p = (0..<obj.dimension).map { _ in Float(Double(rng.next() % 1000) / 1000 - 0.5) }
            var g = [Float](repeating: 0, count: obj.dimension)
            _ = obj.evaluate(p, gradient: &g)
            var scratch = g
            for i in [0, 3, 5, 7, 15, 16, 22, obj.dimension - 1] {
                var a = p, b = p
                a[i] += 1e-2; b[i] -= 1e-2
                let numeric = (obj.evaluate(a, gradient: &scratch) - obj.evaluate(b, gradient: &scratch)) / 2e-2
                XCTAssertEqual(Double(g[i]), numeric, accuracy: 2e-3, "\(kind) parameter \(i)")
            }
        }
    }

    func testThreadCountDoesNotChangeTheLossMuch() {
        let d = toyData(kind: .single)
        let p = [Float](repeating: 0.1, count: Objective(data: d, bits: 3, l2: 1, threads: 1).dimension)
        var g1 = p, g2 = p
        let l1 = Objective(data: d, bits: 3, l2: 1, threads: 1).evaluate(p, gradient: &g1)
        let l2 = Objective(data: d, bits: 3, l2: 1, threads: 3).evaluate(p, gradient: &g2)
        XCTAssertEqual(l1, l2, accuracy: 1e-5)
        for i in g1.indices { XCTAssertEqual(g1[i], g2[i], accuracy: 1e-5) }
    }

    func testLBFGSMinimisesAQuadratic() {
        // f(x) = Σ (i+1) (x_i - i)^2, minimum at x_i = i.
        var x = [Float](repeating: 0, count: 20)
        let f: ([Float], inout [Float]) -> Double = { x, g in
            var s = 0.0
            for i in x.indices { let d = x[i] - Float(i); s += Double(Float(i + 1) * d * d); g[i] = 2 * Float(i + 1) * d }
            return s
        }
        let final = LBFGS(maxIterations: 200, tolerance: 1e-12).minimize(&x, f) { _, _, _ in true }
        XCTAssertLessThan(final, 1e-4)
        for i in x.indices { XCTAssertEqual(x[i], Float(i), accuracy: 1e-2) }
    }

    func testBLASWrappers() {
        let x: [Float] = [1, 2, 3], y: [Float] = [4, 5, 6]
        XCTAssertEqual(BLAS.dot(x, y), 32)
        var z = y
        BLAS.axpy(2, x, &z)
        XCTAssertEqual(z, [6, 9, 12])
        BLAS.scal(0.5, &z)
        XCTAssertEqual(z, [3, 4.5, 6])
        var out: [Float] = [0, 0]
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        a.withUnsafeBufferPointer { ap in x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in
            BLAS.gemv(rows: 2, cols: 3, alpha: 1, ap.baseAddress!, xp.baseAddress!, beta: 0, op.baseAddress!)
        } } }
        XCTAssertEqual(out, [14, 32])
    }

    func testSoftmaxAndSigmoid() {
        var z: [Float] = [1000, 1000, -1000]
        z.withUnsafeMutableBufferPointer { Head.softmax($0) }
        XCTAssertEqual(z[0], 0.5, accuracy: 1e-6)
        XCTAssertEqual(z[2], 0, accuracy: 1e-6)
        var s: [Float] = [0, 40]
        s.withUnsafeMutableBufferPointer { Head.sigmoid($0) }
        XCTAssertEqual(s, [0.5, 1])
    }

    func testTrainerLearnsToyTasks() throws {
        for opt in OptimizerKind.allCases {
            var o = TrainingOptions()
            o.features.bits = 14
            o.optimizer = opt
            let train = toyRecords(300, seed: 1), test = toyRecords(100, seed: 2)
            let m = try Trainer(options: o).train(train, dev: test)
            XCTAssertEqual(m.tasks.map { $0.name }, ["frames", "stance"])
            XCTAssertEqual(m.tasks[0].kind, .multi)
            XCTAssertEqual(m.tasks[1].labels, ["against", "favor"])
            let reports = try Evaluator(model: m).evaluate(test)
            let stance = reports.first { $0.task == "stance" }!
            let frames = reports.first { $0.task == "frames" }!
            XCTAssertGreaterThan(stance.accuracy!, 0.9, "\(opt)")
            XCTAssertGreaterThan(frames.microF1!, 0.85, "\(opt)")
        }
    }

    func testTasksThatMixKindsAreRefused() {
        let rs = [Record(id: "1", text: "a", labels: ["t": .single("x")], file: "f", line: 1),
                  Record(id: "2", text: "b", labels: ["t": .multi(["x"])], file: "f", line: 2)]
        XCTAssertThrowsError(try Trainer.discoverTasks(rs)) { e in
            XCTAssertTrue("\(e)".contains("f:2"))
        }
        XCTAssertThrowsError(try Trainer.discoverTasks(rs, only: ["nope"]))
    }
    /// Multi-label thresholds: `shared` gives every label the one micro-F1-best threshold; `per-label` lets a
    /// label with at least 50 positives move to its own best, and leaves rarer labels at the shared one.
    func testLabelThresholdRules() {
        // Label 0: 60 positives scored 0.3, 60 negatives 0.1 (its own best threshold is low).
        // Label 1: 60 positives scored 0.9, 60 negatives 0.6 (best high). Label 2: 10 positives at 0.3, 110
        // negatives at 0.2 (too few for its own threshold).
        let rows = 120
        var d = HeadData(x: CSRMatrix(), kind: .multi, labels: 3)
        for _ in 0..<rows { d.x.append(SparseVector()) }
        var probs: [[Float]] = []
        for r in 0..<rows {
            let pos0 = r < 60, pos1 = r < 60, pos2 = r < 10
            d.yMulti += [pos0 ? 1 : 0, pos1 ? 1 : 0, pos2 ? 1 : 0]
            probs.append([pos0 ? 0.3 : 0.1, pos1 ? 0.9 : 0.6, pos2 ? 0.3 : 0.2])
        }
        let shared = Trainer.tuneThresholds(probs: probs, data: d, rule: .shared)
        XCTAssertEqual(Set(shared).count, 1, "one threshold for every label: \(shared)")
        let perLabel = Trainer.tuneThresholds(probs: probs, data: d, rule: .perLabel)
        XCTAssertEqual(perLabel[2], shared[2], "10 positives: the shared threshold")
        // Each frequent label separates perfectly at its own threshold.
        XCTAssertTrue(perLabel[0] > 0.1 && perLabel[0] <= 0.3, "\(perLabel)")
        XCTAssertTrue(perLabel[1] > 0.6 && perLabel[1] <= 0.9, "\(perLabel)")
        XCTAssertNotEqual(perLabel[0], perLabel[1])
        XCTAssertEqual(TrainingOptions().labelThresholds, .shared, "the default")
    }
}
