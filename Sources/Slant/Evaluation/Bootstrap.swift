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
}
