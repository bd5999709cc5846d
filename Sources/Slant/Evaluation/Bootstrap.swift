/// Bootstrap confidence intervals for evaluation metrics (`slant-eval --bootstrap N`).
///
/// The n evaluated items are resampled with replacement `reps` times (a seeded generator, so the intervals are
/// reproducible); the metric is recomputed on each resample, and the 2.5th and 97.5th percentiles bound the 95%
/// interval (the percentile bootstrap, Efron & Tibshirani 1993). A difference between two models smaller than
/// these intervals is not worth chasing.
public enum Bootstrap {
    /// A report's headline metrics by their JSON names.
    public static func metrics(_ r: TaskReport) -> [String: Double] {
        var m: [String: Double] = ["macro_f1": r.macroF1]
        if let a = r.accuracy { m["accuracy"] = a }
        if let x = r.microF1 { m["micro_f1"] = x }
        if let x = r.fncRelativeScore { m["fnc_relative_score"] = x }
        if let x = r.fAvg { m["f_avg"] = x }
        return m
    }

    /// 95% percentile intervals of every headline metric.
    /// - Parameter report: the report of the items at the given indices (indices repeat in a resample).
    /// - Complexity: O(reps × cost of one report).
    public static func intervals(n: Int, reps: Int, seed: UInt64 = 1, report: ([Int]) -> TaskReport?) -> [String: ClosedRange<Double>] {
        guard n > 0, reps > 0 else { return [:] }
        var rng = SplitMix64(seed: seed)
        var samples: [String: [Double]] = [:]
        var idx = [Int](repeating: 0, count: n)
        for _ in 0..<reps {
            for i in 0..<n { idx[i] = Int(rng.next() % UInt64(n)) }
            guard let r = report(idx) else { continue }
            for (k, v) in metrics(r) { samples[k, default: []].append(v) }
        }
        var out: [String: ClosedRange<Double>] = [:]
        for (k, v) in samples {
            let s = v.sorted()
            func q(_ p: Double) -> Double { s[min(s.count - 1, max(0, Int((p * Double(s.count - 1)).rounded())))] }
            out[k] = q(0.025)...q(0.975)
        }
        return out
    }

    /// A paired bootstrap test of two models' reports on the same items: each resample draws the same indices
    /// for both, so the interval is of the difference itself (much narrower than comparing two intervals).
    /// - Parameters:
    ///   - a, b: the report of each model on the items at the given indices.
    public static func paired(n: Int, reps: Int, seed: UInt64 = 2, model: String, a: ([Int]) -> TaskReport?, b: ([Int]) -> TaskReport?) -> Comparison {
        let all = Array(0..<n)
        guard let fullA = a(all), let fullB = b(all) else { return Comparison(model: model, metrics: [:]) }
        let ma = metrics(fullA), mb = metrics(fullB)
        var diffs: [String: [Double]] = [:]
        var rng = SplitMix64(seed: seed)
        var idx = [Int](repeating: 0, count: n)
        for _ in 0..<max(1, reps) {
            for i in 0..<n { idx[i] = Int(rng.next() % UInt64(max(1, n))) }
            guard let ra = a(idx), let rb = b(idx) else { continue }
            let xa = metrics(ra), xb = metrics(rb)
            for (k, v) in xa { if let w = xb[k] { diffs[k, default: []].append(v - w) } }
        }
        var out: [String: (other: Double, difference: Double, low: Double, high: Double, p: Double)] = [:]
        for (k, v) in diffs {
            guard let va = ma[k], let vb = mb[k] else { continue }
            let s = v.sorted()
            func q(_ p: Double) -> Double { s[min(s.count - 1, max(0, Int((p * Double(s.count - 1)).rounded())))] }
            let below = Double(s.filter { $0 <= 0 }.count) / Double(s.count)
            let above = Double(s.filter { $0 >= 0 }.count) / Double(s.count)
            out[k] = (vb, va - vb, q(0.025), q(0.975), min(1, 2 * min(below, above)))
        }
        return Comparison(model: model, metrics: out)
    }
}
