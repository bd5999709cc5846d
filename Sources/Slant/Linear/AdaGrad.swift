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
        var acc = [Float](repeating: 1e-8, count: params.count)
        var grad = [Float](repeating: 0, count: params.count)
        var touched: [Int] = []
        var isTouched = [Bool](repeating: false, count: 1 << bits)
        var order = Array(0..<data.rows)
        var rng = SplitMix64(seed: seed)
        var z = [Float](repeating: 0, count: K)
        let l2PerRow = l2 / Float(max(1, data.rows))
        for epoch in 1...max(1, epochs) {
            rng.shuffle(&order)
            var loss: Double = 0
            var b = 0
            while b < order.count {
                let batch = order[b..<min(order.count, b + batchSize)]
                b += batchSize
                params.withUnsafeMutableBufferPointer { pw in
                grad.withUnsafeMutableBufferPointer { g in
                z.withUnsafeMutableBufferPointer { zp in
                data.x.indices.withUnsafeBufferPointer { allIdx in
                data.x.values.withUnsafeBufferPointer { allVal in
                    let w = pw.baseAddress!
                    let bias = Array(UnsafeBufferPointer(start: w + wCount, count: K))
                    for r in batch {
                        let s = data.x.rowStart[r], e = data.x.rowStart[r + 1]
                        let idx = UnsafeBufferPointer(rebasing: allIdx[s..<e])
                        let val = UnsafeBufferPointer(rebasing: allVal[s..<e])
                        Head.logits(UnsafePointer(w), bias: bias, labels: K, mask: mask, idx, val, into: zp.baseAddress!)
                        loss += Objective.rowLoss(data, r, zp.baseAddress!)
                        for j in 0..<idx.count {
                            let bucket = Int(idx[j]) & mask
                            if !isTouched[bucket] { isTouched[bucket] = true; touched.append(bucket) }
                            let row = g.baseAddress! + bucket * K
                            for k in 0..<K { row[k] += val[j] * zp[k] }
                        }
                        for k in 0..<K { g[wCount + k] += zp[k] }
                    }
                    let l2b = l2PerRow * Float(batch.count)
                    for bucket in touched {
                        isTouched[bucket] = false
                        for k in 0..<K {
                            let i = bucket * K + k
                            let gi = g[i] + l2b * w[i]
                            acc[i] += gi * gi
                            w[i] -= learningRate * gi / acc[i].squareRoot()
                            g[i] = 0
                        }
                    }
                    for k in 0..<K {
                        let i = wCount + k
                        acc[i] += g[i] * g[i]
                        w[i] -= learningRate * g[i] / acc[i].squareRoot()
                        g[i] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                } } } } }
            }
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
