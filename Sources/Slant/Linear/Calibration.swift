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
