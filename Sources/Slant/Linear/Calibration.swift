/// Temperature scaling (Guo, Pleiss, Sun & Weinberger 2017, "On Calibration of Modern Neural Networks", ICML):
/// one scalar T per single-label head, dividing the logits before the softmax, chosen to minimise the negative
/// log-likelihood of held-out data. It changes probabilities, never the chosen label.
public enum Calibration {
    /// The temperature in [0.05, 20] minimising dev NLL (golden-section search on log T).
    public static func fitTemperature(head: LinearHead, data: HeadData) -> Float {
        guard head.kind == .single, data.rows > 0 else { return 1 }
        let K = head.labels
        var logits: [[Float]] = []
        logits.reserveCapacity(data.rows)
        var z = [Float](repeating: 0, count: K)
        for r in 0..<data.rows {
            let v = data.x.row(r)
            v.indices.withUnsafeBufferPointer { i in v.values.withUnsafeBufferPointer { x in
                z.withUnsafeMutableBufferPointer { head.logits(i, x, into: $0.baseAddress!) }
            } }
            logits.append(z)
        }
        func nll(_ logT: Double) -> Double {
            let t = Float(Foundation.exp(logT))
            var total = 0.0
            for (r, l) in logits.enumerated() {
                if head.split != nil {
                    // A two-stage head: the NLL of its own probabilities (`TwoStage`).
                    var p = l
                    head.finish(&p, temperature: t)
                    total -= Double(logf(max(p[Int(data.y[r])], 1e-30)))
                    continue
                }
                var m = -Float.infinity
                for k in 0..<K { m = max(m, l[k] / t) }
                var s: Float = 0
                for k in 0..<K { s += expf(l[k] / t - m) }
                total += Double(m + logf(s) - l[Int(data.y[r])] / t)
            }
            return total
        }
        var a = Foundation.log(0.05), b = Foundation.log(20.0)
        let g = (5.0.squareRoot() - 1) / 2
        var c = b - g * (b - a), d = a + g * (b - a)
        var fc = nll(c), fd = nll(d)
        for _ in 0..<40 {
            if fc < fd { b = d; d = c; fd = fc; c = b - g * (b - a); fc = nll(c) } else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = nll(d) }
        }
        let t = Float(Foundation.exp((a + b) / 2))
        return nll(Foundation.log(Double(t))) < nll(0) ? t : 1
    }
}

import Foundation

extension Calibration {
    /// Class offsets (prior correction): one number per label added to a single-label head's logits, chosen to
    /// minimise the class-balanced negative log-likelihood of a labelled sample,
    ///
    ///     L(b) = −Σᵢ wᵢ log softmax(zᵢ + b)[yᵢ],   wᵢ = n / (K · n_{yᵢ}),
    ///
    /// where zᵢ are the head's log-probabilities for record i. Only the intercepts move, so what the head reads
    /// in a text is unchanged; what changes is how much evidence each label needs. This is the intercept-only
    /// case of Platt scaling (Platt 1999) and of the prior correction of Saerens, Latinne & Decaestecker (2002),
    /// fitted with balanced weights so that the sample's own mix of labels is not learned (the decisions stay
    /// balanced, as the head's training made them): what is learned is how the sample's labelling differs from
    /// the training labels' (e.g. annotators reading an article against the outlet's rating). L is convex in b;
    /// Newton's method on the K − 1 free coordinates (the mean of b is fixed at 0, since adding a constant to
    /// every logit changes nothing), with step halving. Deterministic: sums run in record order, in Double.
    /// - Parameters:
    ///   - logProbs: n × K log-probabilities (or logits) of the head, row-major.
    ///   - gold: each record's label index in 0..<K.
    /// - Returns: K offsets with mean 0.
    public static func fitOffsets(logProbs: [Double], gold: [Int], labels K: Int) -> [Double] {
        let n = gold.count
        precondition(K >= 2 && logProbs.count == n * K)
        var counts = [Double](repeating: 0, count: K)
        for y in gold { counts[y] += 1 }
        let w = counts.map { $0 > 0 ? Double(n) / (Double(K) * $0) : 0 }
        func loss(_ b: [Double]) -> Double {
            var total = 0.0
            for i in 0..<n {
                var m = -Double.infinity
                for k in 0..<K { m = max(m, logProbs[i * K + k] + b[k]) }
                var s = 0.0
                for k in 0..<K { s += Foundation.exp(logProbs[i * K + k] + b[k] - m) }
                total += w[gold[i]] * (m + Foundation.log(s) - logProbs[i * K + gold[i]] - b[gold[i]])
            }
            return total
        }
        var b = [Double](repeating: 0, count: K)
        var current = loss(b)
        let free = K - 1   // b[K-1] = −Σ b[0..<K-1]: the mean stays 0 (up to the final centring)
        for _ in 0..<50 {
            // Gradient and Hessian in the full K coordinates, then mapped to the free ones through
            // b = A c with A = [I; −1ᵀ]: g_c = Aᵀ g, H_c = Aᵀ H A.
            var g = [Double](repeating: 0, count: K)
            var h = [Double](repeating: 0, count: K * K)
            var p = [Double](repeating: 0, count: K)
            for i in 0..<n {
                var m = -Double.infinity
                for k in 0..<K { m = max(m, logProbs[i * K + k] + b[k]) }
                var s = 0.0
                for k in 0..<K { p[k] = Foundation.exp(logProbs[i * K + k] + b[k] - m); s += p[k] }
                for k in 0..<K { p[k] /= s }
                let wi = w[gold[i]]
                for k in 0..<K {
                    g[k] += wi * (p[k] - (k == gold[i] ? 1 : 0))
                    for j in 0..<K { h[k * K + j] += wi * ((k == j ? p[k] : 0) - p[k] * p[j]) }
                }
            }
            var gc = [Double](repeating: 0, count: free)
            var hc = [Double](repeating: 0, count: free * free)
            for a in 0..<free {
                gc[a] = g[a] - g[K - 1]
                for c in 0..<free {
                    hc[a * free + c] = h[a * K + c] - h[a * K + K - 1] - h[(K - 1) * K + c] + h[(K - 1) * K + K - 1]
                }
                hc[a * free + a] += 1e-9 * Double(n)   // keeps the system solvable when a label is never predicted
            }
            guard let step = solve(hc, gc, free) else { break }
            var t = 1.0, improved = false
            for _ in 0..<30 {
                var next = b
                var last = 0.0
                for a in 0..<free { next[a] -= t * step[a]; last += next[a] }
                next[K - 1] = -last
                let l = loss(next)
                if l < current - 1e-12 { b = next; current = l; improved = true; break }
                t /= 2
            }
            if !improved { break }
            if step.map(abs).max()! * t < 1e-10 { break }
        }
        let mean = b.reduce(0, +) / Double(K)
        return b.map { $0 - mean }
    }

    /// Solves the symmetric system H x = g (Gaussian elimination with partial pivoting); nil if singular.
    static func solve(_ h: [Double], _ g: [Double], _ n: Int) -> [Double]? {
        var a = h, x = g
        for c in 0..<n {
            var piv = c
            for r in (c + 1)..<n where abs(a[r * n + c]) > abs(a[piv * n + c]) { piv = r }
            guard abs(a[piv * n + c]) > 1e-300 else { return nil }
            if piv != c {
                for k in 0..<n { a.swapAt(c * n + k, piv * n + k) }
                x.swapAt(c, piv)
            }
            for r in (c + 1)..<n {
                let f = a[r * n + c] / a[c * n + c]
                for k in c..<n { a[r * n + k] -= f * a[c * n + k] }
                x[r] -= f * x[c]
            }
        }
        for c in stride(from: n - 1, through: 0, by: -1) {
            var s = x[c]
            for k in (c + 1)..<n { s -= a[c * n + k] * x[k] }
            x[c] = s / a[c * n + c]
        }
        return x
    }
}
