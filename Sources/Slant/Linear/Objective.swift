import Foundation

/// The training rows of one head with their targets and per-row/per-label weights.
public struct HeadData: Sendable {
    public var x: CSRMatrix
    public var kind: HeadKind
    public var labels: Int
    /// Single-label: the gold label index per row.
    public var y: [Int32] = []
    /// Multi-label: `rows × labels` 0/1 targets.
    public var yMulti: [UInt8] = []
    /// Single-label: weight per class. Multi-label: weight of a positive / negative example per label.
    public var classWeight: [Float] = []
    /// A two-stage head's first-stage label (`TwoStage`), nil for a plain softmax.
    public var split: Int? = nil
    public var positiveWeight: [Float] = []
    public var negativeWeight: [Float] = []
    /// A weight per row (`--group-balance`: rows of large groups count less), or empty when every row counts 1.
    /// It multiplies the row's loss on top of its class weight.
    public var rowWeight: [Float] = []

    public init(x: CSRMatrix, kind: HeadKind, labels: Int) { self.x = x; self.kind = kind; self.labels = labels }
    public var rows: Int { x.rows }

    /// The listed rows, with their targets; class weights are kept as they are.
    public func subset(_ rows: [Int]) -> HeadData {
        var d = self
        d.x = x.subset(rows)
        if kind == .single { d.y = rows.map { y[$0] } } else {
            d.yMulti = rows.flatMap { r in yMulti[(r * labels)..<((r + 1) * labels)] }
        }
        if !rowWeight.isEmpty { d.rowWeight = rows.map { rowWeight[$0] } }
        return d
    }
}

/// L2-regularised log loss of a linear head over a sparse dataset, and its gradient:
///
///     f(W, b) = Σ_i loss_i(W x_i + b) + (λ / 2) ‖W‖²
///
/// with softmax cross-entropy (`loss_i = -c_{y_i} log p_{y_i}`) for single-label heads and the sum of binary
/// cross-entropies for multi-label heads. The bias is not regularised. The parameter vector is the weight matrix
/// followed by the bias. Rows are split into fixed chunks, one per thread; chunk gradients are added in chunk
/// order, so the result is bit-identical for a given thread count.
public struct Objective: Sendable {
    public let data: HeadData
    public let bits: Int
    public let l2: Float
    public let threads: Int
    public var dimension: Int { (1 << bits) * data.labels + data.labels }
    private let chunks: [Range<Int>]

    public init(data: HeadData, bits: Int, l2: Float, threads: Int) {
        self.data = data; self.bits = bits; self.l2 = l2; self.threads = max(1, threads)
        let n = data.rows
        let t = min(self.threads, max(1, n))
        chunks = (0..<t).map { c in (n * c / t)..<(n * (c + 1) / t) }
    }

    /// Loss and gradient at `params`; `grad` is overwritten.
    /// - Complexity: O(nnz × labels + dimension).
    public func evaluate(_ params: [Float], gradient grad: inout [Float]) -> Double {
        let dim = dimension
        let K = data.labels
        let wCount = dim - K
        var partialLoss = [Double](repeating: 0, count: chunks.count)
        let extra: [UnsafeMutablePointer<Float>] = (1..<max(1, chunks.count)).map { _ in
            let p = UnsafeMutablePointer<Float>.allocate(capacity: dim)
            p.initialize(repeating: 0, count: dim)
            return p
        }
        defer { for p in extra { p.deallocate() } }
        grad.withUnsafeMutableBufferPointer { g in _ = memset(g.baseAddress!, 0, dim * 4) }
        let mask = (1 << bits) - 1
        params.withUnsafeBufferPointer { p in
            grad.withUnsafeMutableBufferPointer { g0 in
                let gPointers = [g0.baseAddress!] + extra
                // Each chunk writes its own gradient buffer; the parameters are only read.
                partialLoss = Parallel.collect(chunks.count) { c in
                    chunkLoss(chunks[c], p.baseAddress!, gPointers[c], mask: mask, wCount: wCount)
                }
                for e in extra { BLAS.axpy(1, e, g0.baseAddress!, count: dim) }
            }
        }
        var loss = partialLoss.reduce(0, +)
        // L2 on the weights (not the bias), through BLAS.
        params.withUnsafeBufferPointer { p in
            grad.withUnsafeMutableBufferPointer { g in
                let sq = BLAS.dot(p.baseAddress!, p.baseAddress!, count: wCount)
                loss += Double(0.5 * l2 * sq)
                BLAS.axpy(l2, p.baseAddress!, g.baseAddress!, count: wCount)
            }
        }
        return loss
    }

    /// The loss of row `r` given its logits in `z`; overwrites `z` with the gradient of that loss w.r.t. the logits.
    @inline(__always)
    public static func rowLoss(_ data: HeadData, _ r: Int, _ z: UnsafeMutablePointer<Float>) -> Double {
        if data.rowWeight.isEmpty { return unweightedRowLoss(data, r, z) }
        // The row's weight scales its loss and so, linearly, the loss's gradient.
        let w = data.rowWeight[r]
        let loss = unweightedRowLoss(data, r, z)
        for k in 0..<data.labels { z[k] *= w }
        return Double(w) * loss
    }

    @inline(__always)
    static func unweightedRowLoss(_ data: HeadData, _ r: Int, _ z: UnsafeMutablePointer<Float>) -> Double {
        let K = data.labels
        if let s = data.split {
            let y = Int(data.y[r])
            return TwoStage.loss(z, labels: K, split: s, gold: y, weight: data.classWeight.isEmpty ? 1 : data.classWeight[y])
        }
        if data.kind == .single {
            let y = Int(data.y[r])
            let c = data.classWeight.isEmpty ? 1 : data.classWeight[y]
            var m = -Float.infinity
            for k in 0..<K { m = max(m, z[k]) }
            var sum: Float = 0
            for k in 0..<K { sum += expf(z[k] - m) }
            let logZ = m + logf(sum)
            let loss = Double(c * (logZ - z[y]))
            for k in 0..<K { z[k] = c * (expf(z[k] - logZ) - (k == y ? 1 : 0)) }
            return loss
        }
        var loss: Double = 0
        for k in 0..<K {
            let t = data.yMulti[r * K + k] != 0
            let wt = t ? (data.positiveWeight.isEmpty ? 1 : data.positiveWeight[k])
                       : (data.negativeWeight.isEmpty ? 1 : data.negativeWeight[k])
            let zk = z[k]
            // log(1 + e^-z), stably; the loss of a negative is that plus z.
            let softplusNeg = zk > 0 ? log1pf(expf(-zk)) : -zk + log1pf(expf(zk))
            loss += Double(wt * (t ? softplusNeg : softplusNeg + zk))
            let p = 1 / (1 + expf(-zk))
            z[k] = wt * (p - (t ? 1 : 0))
        }
        return loss
    }

    private func chunkLoss(_ rows: Range<Int>, _ w: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>,
                           mask: Int, wCount: Int) -> Double {
        let K = data.labels
        var loss: Double = 0
        var z = [Float](repeating: 0, count: K)
        let bias = Array(UnsafeBufferPointer(start: w + wCount, count: K))
        data.x.indices.withUnsafeBufferPointer { allIdx in
        data.x.values.withUnsafeBufferPointer { allVal in
        z.withUnsafeMutableBufferPointer { zp in
            let zb = zp.baseAddress!
            for r in rows {
                let s = data.x.rowStart[r], e = data.x.rowStart[r + 1]
                let idx = UnsafeBufferPointer(rebasing: allIdx[s..<e])
                let val = UnsafeBufferPointer(rebasing: allVal[s..<e])
                // Warm-up loads of the weight and gradient rows: independent, so their cache misses overlap
                // instead of queueing behind the arithmetic (both in one loop: twice the loads in flight).
                var touch: Float = 0
                for j in 0..<idx.count { let o = (Int(idx[j]) & mask) * K; touch += w[o] + g[o] }
                prefetched(touch)
                Head.logits(w, bias: bias, labels: K, mask: mask, idx, val, into: zb)
                loss += Objective.rowLoss(data, r, zb)
                for j in 0..<idx.count {
                    let row = g + (Int(idx[j]) & mask) * K
                    let x = val[j]
                    for k in 0..<K { row[k] += x * zb[k] }
                }
                for k in 0..<K { g[wCount + k] += zb[k] }
            }
        } } }
        return loss
    }
}
