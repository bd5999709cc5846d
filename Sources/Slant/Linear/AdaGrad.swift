import Foundation

/// Minibatch AdaGrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", JMLR 12): each weight's step is `η / sqrt(Σ g²)`. Gradients of a minibatch are
/// accumulated sparsely (only the touched rows of the weight matrix), and the L2 term is applied lazily to the
/// touched rows, scaled by the batch's share of the data. Each epoch visits the rows in a fresh seeded
/// permutation (SplitMix64), so training is deterministic.
public struct AdaGrad {
    public var learningRate: Float = 0.2
    public var epochs = 10
    public var batchSize = 16
    public var seed: UInt64 = 1

    public init(learningRate: Float = 0.2, epochs: Int = 10, batchSize: Int = 16, seed: UInt64 = 1) {
        self.learningRate = learningRate; self.epochs = epochs; self.batchSize = batchSize; self.seed = seed
    }

    /// Trains `params` (weights then bias) on `data`. `callback(epoch, loss, params)` returns false to stop.
    ///
    /// Memory layout: each bucket's weights, squared-gradient sums and pending gradients sit side by side
    /// (`[w₀…w_K, acc₀…acc_K, g₀…g_K]`), padded to whole 64-byte cache lines, so a non-zero costs one cache
    /// miss instead of three, in memory that asks for huge pages (`FloatTable.allocate`). The arithmetic, and
    /// so the result, is that of separate arrays.
    /// - Complexity: O(epochs × (nnz × K + touched buckets × K)) time; `(2^bits + 1) × ⌈3K / 16⌉ × 16` floats of
    ///   memory (16 per bucket for up to 5 labels).
    public func train(_ data: HeadData, bits: Int, l2: Float, params: inout [Float],
                      callback: (Int, Double, [Float]) -> Bool) {
        let state = AdaGradState(params: params, labels: data.labels, bits: bits)
        var rng = SplitMix64(seed: seed)
        let l2PerRow = l2 / Float(max(1, data.rows))
        for epoch in 1...max(1, epochs) {
            // A fresh seeded permutation of the rows each epoch (not a shuffle of the last one), so that
            // streamed training over one chunk visits rows in exactly this order (`StreamTrainer`).
            var order = Array(0..<data.rows)
            rng.shuffle(&order)
            let loss = state.pass(data, order: order, l2PerRow: l2PerRow, learningRate: learningRate, batchSize: batchSize)
            state.copyOut(into: &params)
            if !callback(epoch, loss, params) { break }
        }
    }
}

/// AdaGrad's per-bucket state (weights, squared-gradient sums, pending gradients) between passes, so that
/// training can go on over data that arrives in chunks (`StreamTrainer`) as well as over one in-memory matrix.
/// One instance per head; not shared between threads.
public final class AdaGradState {
    let K: Int, mask: Int, buckets: Int, stride: Int
    let state: UnsafeMutablePointer<Float>
    let biasRow: UnsafeMutablePointer<Float>
    let isTouched: UnsafeMutablePointer<Bool>
    let z: UnsafeMutablePointer<Float>
    let touched: UnsafeMutablePointer<Int>

    /// Starts from `params` (weights then bias, `2^bits × labels + labels` floats).
    public init(params: [Float], labels K: Int, bits: Int) {
        self.K = K
        mask = (1 << bits) - 1
        buckets = 1 << bits
        stride = (3 * K + 15) / 16 * 16   // whole cache lines (the table is 64-byte aligned)
        let wCount = buckets * K
        // Plain buffers: the inner loops touch them per non-zero, where array bounds and uniqueness checks on
        // captured arrays would cost more than the arithmetic.
        state = FloatTable.allocate(count: (buckets + 1) * stride)
        for b in 0...buckets {
            let row = state + b * stride
            for k in 0..<stride { row[k] = 0 }
            for k in 0..<K {
                row[k] = params[b < buckets ? b * K + k : wCount + k]
                row[K + k] = 1e-8
            }
        }
        biasRow = state + buckets * stride
        isTouched = .allocate(capacity: buckets); isTouched.initialize(repeating: false, count: buckets)
        z = .allocate(capacity: K)
        touched = .allocate(capacity: buckets)
    }

    deinit { free(state); isTouched.deallocate(); z.deallocate(); touched.deallocate() }

    /// The current weights then bias.
    public func copyOut(into params: inout [Float]) {
        let wCount = buckets * K
        if params.count != wCount + K { params = [Float](repeating: 0, count: wCount + K) }
        for b in 0..<buckets { for k in 0..<K { params[b * K + k] = state[b * stride + k] } }
        for k in 0..<K { params[wCount + k] = biasRow[k] }
    }

    /// One pass over `data`'s rows in `order`, in minibatches of `batchSize`; returns the summed loss.
    /// `l2PerRow` is λ divided by the number of rows of the whole data set (not of this chunk).
    public func pass(_ data: HeadData, order: [Int], l2PerRow: Float, learningRate lr: Float, batchSize: Int) -> Double {
        let K = self.K, mask = self.mask, stride = self.stride
        let state = self.state, biasRow = self.biasRow, isTouched = self.isTouched, z = self.z, touched = self.touched
        var loss: Double = 0
        data.x.indices.withUnsafeBufferPointer { allIdx in
        data.x.values.withUnsafeBufferPointer { allVal in
        data.x.rowStart.withUnsafeBufferPointer { rowStart in
            var b = 0
            while b < order.count {
                let end = min(order.count, b + batchSize)
                var nTouched = 0
                for o in b..<end {
                    let r = order[o]
                    let s = rowStart[r], e = rowStart[r + 1]
                    for k in 0..<K { z[k] = biasRow[k] }
                    // Warm-up loads of the row's weight rows: independent, so their misses overlap.
                    var touch: Float = 0
                    for j in s..<e { touch += state[(Int(allIdx[j]) & mask) * stride] }
                    prefetched(touch)
                    for j in s..<e {
                        let row = state + (Int(allIdx[j]) & mask) * stride
                        let x = allVal[j]
                        for k in 0..<K { z[k] += x * row[k] }
                    }
                    loss += Objective.rowLoss(data, r, z)
                    for j in s..<e {
                        let bucket = Int(allIdx[j]) & mask
                        if !isTouched[bucket] { isTouched[bucket] = true; touched[nTouched] = bucket; nTouched += 1 }
                        let g = state + bucket * stride + 2 * K
                        let x = allVal[j]
                        for k in 0..<K { g[k] += x * z[k] }
                    }
                    for k in 0..<K { biasRow[2 * K + k] += z[k] }
                }
                let l2b = l2PerRow * Float(end - b)
                var touch: Float = 0
                for t in 0..<nTouched { touch += state[touched[t] * stride] }
                prefetched(touch)
                for t in 0..<nTouched {
                    let bucket = touched[t]
                    isTouched[bucket] = false
                    let row = state + bucket * stride
                    for k in 0..<K {
                        let gi = row[2 * K + k] + l2b * row[k]
                        row[K + k] += gi * gi
                        row[k] -= lr * gi / row[K + k].squareRoot()
                        row[2 * K + k] = 0
                    }
                }
                for k in 0..<K {
                    let g = biasRow[2 * K + k]
                    biasRow[K + k] += g * g
                    biasRow[k] -= lr * g / biasRow[K + k].squareRoot()
                    biasRow[2 * K + k] = 0
                }
                b = end
            }
        } } }
        return loss
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
