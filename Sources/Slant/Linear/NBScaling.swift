import Foundation

/// NB-SVM-style feature scaling (Wang & Manning 2012, "Baselines and Bigrams: Simple, Good Sentiment and Topic
/// Classification", ACL): each feature is multiplied by how much it tells the classes apart according to Naive
/// Bayes, the log-count ratio r = log((p / ‖p‖₁) / (q / ‖q‖₁)) of its smoothed (α = 1) counts in one class (p)
/// and in the others (q). For several classes a feature's scale is its largest |r| over the one-vs-rest splits.
///
/// A linear model over scaled features x·s is the same as one over x with weights s·w, so the scale is folded
/// into the weights after training (`fold`): models and scoring are unchanged, only the fit differs (features
/// with a small scale are, in effect, regularised harder).
public enum NBScaling {
    /// The scale per head bucket (`2^bits` entries) from the training rows of `data`.
    /// - Complexity: O(non-zeros × labels + buckets × labels).
    public static func scales(_ data: HeadData, bits: Int) -> [Float] {
        let buckets = 1 << bits, mask = buckets - 1, K = data.labels
        var counts = [Float](repeating: 0, count: buckets * K)
        var totals = [Float](repeating: 0, count: K)
        for r in 0..<data.rows {
            let s = data.x.rowStart[r], e = data.x.rowStart[r + 1]
            for j in s..<e {
                let b = Int(data.x.indices[j]) & mask
                let v = abs(data.x.values[j])
                if data.kind == .single {
                    let c = Int(data.y[r]); counts[b * K + c] += v; totals[c] += v
                } else {
                    for c in 0..<K where data.yMulti[r * K + c] != 0 { counts[b * K + c] += v; totals[c] += v }
                }
            }
        }
        let all = totals.reduce(0, +)
        var out = [Float](repeating: 1, count: buckets)
        for b in 0..<buckets {
            var rowSum: Float = 0
            for c in 0..<K { rowSum += counts[b * K + c] }
            var best: Float = 0
            for c in 0..<K where totals[c] > 0 {
                let p = (counts[b * K + c] + 1) / (totals[c] + Float(buckets))
                let q = (rowSum - counts[b * K + c] + 1) / (all - totals[c] + Float(buckets))
                best = max(best, abs(log(p / q)))
            }
            out[b] = best
        }
        return out
    }

    /// A head trained on scaled features, as a head over the unscaled features.
    public static func fold(_ head: LinearHead, scales: [Float]) -> LinearHead {
        let K = head.labels
        var w = head.weights.withUnsafeBufferPointer { Array($0) }
        for b in 0..<(1 << head.bits) { for k in 0..<K { w[b * K + k] *= scales[b] } }
        return LinearHead(kind: head.kind, labels: K, bits: head.bits, weights: w, bias: head.bias, split: head.split)
    }
}
