import Foundation

/// A two-stage single-label head: first "is it label s?", then, if not, which of the others.
///
/// The FNC-1 systems that led the challenge separate related from unrelated pairs before telling agree,
/// disagree and discuss apart (e.g. Athene, Hanselowski et al. 2018; the challenge's own baseline analysis):
/// the first question is about similarity, the second about wording, and one softmax over four labels lets the
/// 73% unrelated pairs dominate the weights that should learn the rare disagree. Here both stages share one
/// weight matrix of the usual shape: column s holds the first stage's binary logit a, the other columns the
/// second stage's logits b, so
///
///     P(s) = σ(a),        P(k) = (1 − σ(a)) · softmax_{j≠s}(b)_k   for k ≠ s,
///
/// and the loss of a record with gold label y (weight c) is the first stage's binary cross-entropy plus, when
/// y ≠ s, the second stage's cross-entropy:
///
///     loss = c · [ −log σ(±a) + 1{y≠s} · (logsumexp_{j≠s} b_j − b_y) ].
///
/// Its gradient w.r.t. a is c · (σ(a) − 1{y=s}); w.r.t. b_k it is c · (softmax(b)_k − 1{k=y}) when y ≠ s and
/// 0 otherwise: the second stage learns from the other labels' records only.
public enum TwoStage {
    /// The index of `label` as a two-stage head's first stage, or nil when the task cannot have one: a
    /// two-stage head needs a single-label task with at least 3 labels, `label` among them.
    public static func split(_ label: String, kind: HeadKind, labels: [String]) -> Int? {
        guard kind == .single, labels.count >= 3 else { return nil }
        return labels.firstIndex(of: label)
    }

    /// Probabilities from logits, in place (`p` holds the logits on entry).
    public static func probabilities(_ p: UnsafeMutableBufferPointer<Float>, split s: Int) {
        let a = p[s]
        let first = 1 / (1 + expf(-a))
        var m = -Float.infinity
        for k in p.indices where k != s { m = max(m, p[k]) }
        var sum: Float = 0
        for k in p.indices where k != s { p[k] = expf(p[k] - m); sum += p[k] }
        for k in p.indices where k != s { p[k] = (1 - first) * p[k] / sum }
        p[s] = first
    }

    /// The loss of one record given its logits; overwrites `z` with the gradient w.r.t. the logits.
    @inline(__always)
    public static func loss(_ z: UnsafeMutablePointer<Float>, labels K: Int, split s: Int, gold y: Int, weight c: Float) -> Double {
        let a = z[s]
        let t: Float = y == s ? 1 : 0
        // −log σ(a) = softplus(−a); −log(1 − σ(a)) = softplus(a); computed stably.
        let softplusNeg = a > 0 ? log1pf(expf(-a)) : -a + log1pf(expf(a))
        var loss = Double(c * (y == s ? softplusNeg : softplusNeg + a))
        let gA = c * (1 / (1 + expf(-a)) - t)
        if y == s {
            for k in 0..<K { z[k] = 0 }
        } else {
            var m = -Float.infinity
            for k in 0..<K where k != s { m = max(m, z[k]) }
            var sum: Float = 0
            for k in 0..<K where k != s { sum += expf(z[k] - m) }
            let logZ = m + logf(sum)
            loss += Double(c * (logZ - z[y]))
            for k in 0..<K where k != s { z[k] = c * (expf(z[k] - logZ) - (k == y ? 1 : 0)) }
        }
        z[s] = gA
        return loss
    }
}
