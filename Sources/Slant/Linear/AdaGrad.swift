import Foundation

/// Minibatch AdaGrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", JMLR 12): each weight's step is `η / sqrt(Σ g²)`. Gradients of a minibatch are
/// accumulated sparsely (only the touched rows of the weight matrix), and the L2 term is applied lazily to the
/// touched rows, scaled by the batch's share of the data. Rows are visited in a seeded shuffle (SplitMix64),
/// so training is deterministic.
public struct AdaGrad {
    public var learningRate: Float = 0.2
    public var epochs = 10
    public var batchSize = 16
    public var seed: UInt64 = 1

    public init(learningRate: Float = 0.2, epochs: Int = 10, batchSize: Int = 16, seed: UInt64 = 1) {
        self.learningRate = learningRate; self.epochs = epochs; self.batchSize = batchSize; self.seed = seed
    }

    /// Trains `params` (weights then bias) on `data`. `callback(epoch, loss, params)` returns false to stop.
    public func train(_ data: HeadData, bits: Int, l2: Float, params: inout [Float],
                      callback: (Int, Double, [Float]) -> Bool) {
        let K = data.labels
        let mask = (1 << bits) - 1
        let wCount = (1 << bits) * K
        let dim = params.count
        // Plain buffers: the inner loops touch them per non-zero, where array bounds and uniqueness checks on
        // captured arrays would cost more than the arithmetic.
        let acc = UnsafeMutablePointer<Float>.allocate(capacity: dim); acc.initialize(repeating: 1e-8, count: dim)
        let grad = UnsafeMutablePointer<Float>.allocate(capacity: dim); grad.initialize(repeating: 0, count: dim)
        let isTouched = UnsafeMutablePointer<Bool>.allocate(capacity: 1 << bits); isTouched.initialize(repeating: false, count: 1 << bits)
        let z = UnsafeMutablePointer<Float>.allocate(capacity: K)
        let touched = UnsafeMutablePointer<Int>.allocate(capacity: 1 << bits)
        defer { acc.deallocate(); grad.deallocate(); isTouched.deallocate(); z.deallocate(); touched.deallocate() }
        var order = Array(0..<data.rows)
        var rng = SplitMix64(seed: seed)
        let l2PerRow = l2 / Float(max(1, data.rows))
        let lr = learningRate
        for epoch in 1...max(1, epochs) {
            rng.shuffle(&order)
            var loss: Double = 0
            params.withUnsafeMutableBufferPointer { pw in
            data.x.indices.withUnsafeBufferPointer { allIdx in
            data.x.values.withUnsafeBufferPointer { allVal in
            data.x.rowStart.withUnsafeBufferPointer { rowStart in
                let w = pw.baseAddress!
                var b = 0
                while b < order.count {
                    let end = min(order.count, b + batchSize)
                    var nTouched = 0
                    let bias = Array(UnsafeBufferPointer(start: w + wCount, count: K))
                    for o in b..<end {
                        let r = order[o]
                        let s = rowStart[r], e = rowStart[r + 1]
                        let idx = UnsafeBufferPointer(rebasing: allIdx[s..<e])
                        let val = UnsafeBufferPointer(rebasing: allVal[s..<e])
                        Head.logits(UnsafePointer(w), bias: bias, labels: K, mask: mask, idx, val, into: z)
                        loss += Objective.rowLoss(data, r, z)
                        for j in 0..<idx.count {
                            let bucket = Int(idx[j]) & mask
                            if !isTouched[bucket] { isTouched[bucket] = true; touched[nTouched] = bucket; nTouched += 1 }
                            let row = grad + bucket * K
                            let x = val[j]
                            for k in 0..<K { row[k] += x * z[k] }
                        }
                        for k in 0..<K { grad[wCount + k] += z[k] }
                    }
                    let l2b = l2PerRow * Float(end - b)
                    for t in 0..<nTouched {
                        let bucket = touched[t]
                        isTouched[bucket] = false
                        for k in 0..<K {
                            let i = bucket * K + k
                            let gi = grad[i] + l2b * w[i]
                            acc[i] += gi * gi
                            w[i] -= lr * gi / acc[i].squareRoot()
                            grad[i] = 0
                        }
                    }
                    for k in 0..<K {
                        let i = wCount + k
                        acc[i] += grad[i] * grad[i]
                        w[i] -= lr * grad[i] / acc[i].squareRoot()
                        grad[i] = 0
                    }
                    b = end
                }
            } } } }
            if !callback(epoch, loss, params) { break }
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator; Slant's only source of randomness.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Fisher–Yates shuffle with this generator (independent of the standard library's algorithm).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            if i != j { a.swapAt(i, j) }
        }
    }
}
