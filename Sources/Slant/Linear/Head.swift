/// Whether a task picks one label (softmax) or any subset (one-vs-rest sigmoids).
public enum HeadKind: String, Codable, Sendable {
    case single
    case multi
}

/// A task's linear head: a contiguous Float32 weight matrix stored feature-major (`bucket * labels + label`),
/// so one non-zero feature touches one contiguous row of `labels` weights, and a bias per label.
///
/// The head reads the low `bits` bits of the shared feature buckets (hashing folded to a smaller space), which
/// lets small tasks keep small matrices inside one multi-task model.
public struct LinearHead: Sendable {
    /// Fixed at creation: the featurizer's fast path reads `weights` through raw pointers sized by `labels`
    /// and `bits`, so they must never change independently of the table.
    public let kind: HeadKind
    public let labels: Int
    public let bits: Int
    /// `(1 << bits) × labels` weights, feature-major.
    public let weights: FloatTable
    public let bias: [Float]
    /// A two-stage single-label head (`TwoStage`): the label decided first, whose column holds the first
    /// stage's binary logit; nil for a plain softmax.
    public let split: Int?

    public init(kind: HeadKind, labels: Int, bits: Int, split: Int? = nil) {
        self.kind = kind; self.labels = labels; self.bits = bits; self.split = split
        weights = FloatTable(count: (1 << bits) * labels) { $0.initialize(repeating: 0) }
        bias = [Float](repeating: 0, count: labels)
    }

    public init(kind: HeadKind, labels: Int, bits: Int, weights: [Float], bias: [Float], split: Int? = nil) {
        self.init(kind: kind, labels: labels, bits: bits, weights: FloatTable(weights), bias: bias, split: split)
    }

    /// - Precondition: `split`, when given, is a label index of a single-label head with at least 3 labels.
    public init(kind: HeadKind, labels: Int, bits: Int, weights: FloatTable, bias: [Float], split: Int? = nil) {
        precondition(weights.count == (1 << bits) * labels && bias.count == labels)
        precondition(split.map { kind == .single && labels >= 3 && (0..<labels).contains($0) } ?? true)
        self.kind = kind; self.labels = labels; self.bits = bits; self.weights = weights; self.bias = bias; self.split = split
    }

    public var mask: Int { (1 << bits) - 1 }

    /// Raw scores (logits) for one sparse vector into `out` (`labels` entries).
    /// - Complexity: O(nnz × labels).
    @inline(__always)
    public func logits(_ idx: UnsafeBufferPointer<Int32>, _ val: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>) {
        Head.logits(weights: weights, bias: bias, labels: labels, mask: mask, idx, val, into: out)
    }

    /// Probabilities for one sparse vector: softmax for single-label heads, sigmoids for multi-label heads.
    public func probabilities(_ v: SparseVector, temperature: Float = 1) -> [Float] {
        var z = [Float](repeating: 0, count: labels)
        v.indices.withUnsafeBufferPointer { i in v.values.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { logits(i, x, into: $0.baseAddress!) }
        } }
        finish(&z, temperature: temperature)
        return z
    }

    /// Turns logits (bias included) into probabilities in place: temperature, then softmax, sigmoids or the
    /// two-stage composition.
    public func finish(_ z: inout [Float], temperature: Float = 1) {
        LinearHead.finish(&z, temperature: temperature, labels: labels, kind: kind, split: split)
    }

    /// `finish` for a head of this kind, number of labels and split, without the head (reading a head out of
    /// an array to call `finish` copied it, retaining its tables: once per scored sentence of the analysis).
    static func finish(_ z: inout [Float], temperature: Float, labels: Int, kind: HeadKind, split: Int?) {
        if temperature != 1 { for k in 0..<labels { z[k] /= temperature } }
        z.withUnsafeMutableBufferPointer { p in
            if let s = split { TwoStage.probabilities(p, split: s) } else if kind == .single { Head.softmax(p) } else { Head.sigmoid(p) }
        }
    }
}

/// The maths shared by training and scoring.
public enum Head {
    /// The index of the largest value, the first of equals (how a single label is picked from scores).
    public static func argmax(_ p: [Float]) -> Int {
        var best = 0
        for k in p.indices where p[k] > p[best] { best = k }
        return best
    }

    /// `out = bias + Σ_j val[j] · W[idx[j] & mask, :]`.
    @inline(__always)
    public static func logits(weights: FloatTable, bias: [Float], labels: Int, mask: Int,
                              _ idx: UnsafeBufferPointer<Int32>, _ val: UnsafeBufferPointer<Float>,
                              into out: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            logits(w.baseAddress!, bias: bias, labels: labels, mask: mask, idx, val, into: out)
        }
    }

    @inline(__always)
    public static func logits(_ w: UnsafePointer<Float>, bias: [Float], labels: Int, mask: Int,
                              _ idx: UnsafeBufferPointer<Int32>, _ val: UnsafeBufferPointer<Float>,
                              into out: UnsafeMutablePointer<Float>) {
        for k in 0..<labels { out[k] = bias[k] }
        for j in 0..<idx.count {
            let row = w + (Int(idx[j]) & mask) * labels
            let x = val[j]
            for k in 0..<labels { out[k] += x * row[k] }
        }
    }

    /// In-place, numerically stable softmax.
    @inline(__always)
    public static func softmax(_ z: UnsafeMutableBufferPointer<Float>) {
        var m = -Float.infinity
        for v in z { m = max(m, v) }
        var s: Float = 0
        for k in z.indices { z[k] = expf(z[k] - m); s += z[k] }
        for k in z.indices { z[k] /= s }
    }

    /// In-place logistic sigmoid.
    @inline(__always)
    public static func sigmoid(_ z: UnsafeMutableBufferPointer<Float>) {
        for k in z.indices { z[k] = 1 / (1 + expf(-z[k])) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
