import Foundation

/// The learned aggregator of the article analysis: multinomial logistic regression from an actor's
/// `ActorFeatures` to the article-level label, fitted on article–actor pairs (PerSenT's train split).
///
/// Maths: features are standardised (z = (x − mean) / scale); the model is softmax(W z + b); the loss is the
/// class-weighted mean cross-entropy (weights n / (K · n_c), as scikit-learn's "balanced") plus λ/2 ‖W‖² (not the
/// bias). It is minimised by full-batch gradient descent with a fixed step and iteration count, from zero, so
/// the result is deterministic. Eleven features and a few hundred pairs need nothing cleverer.
public enum ActorAggregator {
    /// Fitted parameters: one row of weights (last: bias) per label, and the standardisation.
    public struct Fit: Sendable {
        public var weights: [[Float]]
        public var mean: [Float]
        public var scale: [Float]
    }

    /// Fits the aggregator.
    /// - Parameter rowWeights: a weight per pair (averaging 1, as `GroupBalance.weights` gives), multiplying its
    ///   loss; the balanced class weights are then computed from the weighted counts. Nil: every pair weighs 1.
    /// - Complexity: O(iterations × pairs × features × labels).
    public static func fit(x: [[Float]], y: [Int], labels K: Int, l2: Float = 0.01, iterations: Int = 2000, step: Float = 0.5,
                           rowWeights: [Float]? = nil) -> Fit {
        let n = x.count, d = x.first?.count ?? 0
        var mean = [Float](repeating: 0, count: d), scale = [Float](repeating: 1, count: d)
        if n > 0 {
            for j in 0..<d {
                let m = x.reduce(0) { $0 + $1[j] } / Float(n)
                let v = x.reduce(0) { $0 + ($1[j] - m) * ($1[j] - m) } / Float(n)
                mean[j] = m; scale[j] = v > 1e-12 ? v.squareRoot() : 1
            }
        }
        let z = x.map { row in (0..<d).map { (row[$0] - mean[$0]) / scale[$0] } }
        let rw = rowWeights ?? [Float](repeating: 1, count: n)
        precondition(rw.count == n, "one weight per pair")
        var counts = [Float](repeating: 0, count: K)
        for (c, w) in zip(y, rw) { counts[c] += w }
        let total = counts.reduce(0, +)
        let cw = counts.map { $0 > 0 ? total / (Float(K) * $0) : 0 }
        var w = [[Float]](repeating: [Float](repeating: 0, count: d + 1), count: K)
        var p = [Float](repeating: 0, count: K)
        for _ in 0..<iterations {
            var g = [[Float]](repeating: [Float](repeating: 0, count: d + 1), count: K)
            for i in 0..<n {
                var mx = -Float.infinity
                for k in 0..<K {
                    var s = w[k][d]
                    for j in 0..<d { s += w[k][j] * z[i][j] }
                    p[k] = s; mx = max(mx, s)
                }
                var sum: Float = 0
                for k in 0..<K { p[k] = exp(p[k] - mx); sum += p[k] }
                for k in 0..<K {
                    let e = rw[i] * cw[y[i]] * (p[k] / sum - (k == y[i] ? 1 : 0)) / Float(n)
                    for j in 0..<d { g[k][j] += e * z[i][j] }
                    g[k][d] += e
                }
            }
            for k in 0..<K {
                for j in 0..<d { w[k][j] -= step * (g[k][j] + l2 * w[k][j]) }
                w[k][d] -= step * g[k][d]
            }
        }
        return Fit(weights: w, mean: mean, scale: scale)
    }

    /// The aggregator's logit per label for features `f`.
    static func logits(_ f: [Float], weights: [[Float]], mean: [Float]?, scale: [Float]?) -> [Float] {
        weights.map { w in
            var z = w[f.count]
            for j in f.indices { z += w[j] * (f[j] - (mean?[j] ?? 0)) / (scale?[j] ?? 1) }
            return z
        }
    }

    /// The label index the aggregator gives features `f` (the first of equal logits).
    public static func decide(_ f: [Float], weights: [[Float]], mean: [Float]?, scale: [Float]?) -> Int {
        Head.argmax(logits(f, weights: weights, mean: mean, scale: scale))
    }

    /// The label index and the probability per label (softmax of the logits), from one computation of them.
    public static func decision(_ f: [Float], weights: [[Float]], mean: [Float]?, scale: [Float]?) -> (label: Int, probabilities: [Float]) {
        let z = logits(f, weights: weights, mean: mean, scale: scale)
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let total = e.reduce(0, +)
        return (Head.argmax(z), e.map { $0 / total })
    }
}
