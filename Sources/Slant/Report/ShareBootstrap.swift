import Foundation

/// Bootstrap intervals for shares of articles, computed from counts.
///
/// Resampling the n articles of a cell with replacement and counting how many are negative, neutral and positive
/// gives exactly a multinomial draw with the observed shares; so the percentile bootstrap of a share, or of the
/// net portrayal (share positive − share negative), needs only the counts, not the articles. This keeps the
/// report's memory independent of the corpus size. Each interval has its own seeded generator (from the
/// statistic's name), so intervals do not depend on the order the report computes them in.
public enum ShareBootstrap {
    /// One binomial draw: successes in `n` trials of probability `p`. Exact (waiting times between successes)
    /// when n·min(p, 1−p) < 30; the normal approximation, rounded and clamped, above.
    public static func binomial(_ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        let q = min(p, 1 - p)
        var k = 0
        if Double(n) * q < 30 {
            let logq = log1p(-q)
            var position = 0
            while true {
                let u = (Double(rng.next() >> 11) + 1) / 9007199254740993.0   // (0, 1]
                position += Int(log(u) / logq) + 1
                if position > n { break }
                k += 1
            }
        } else {
            let z = normal(&rng)
            k = Int((Double(n) * q + z * (Double(n) * q * (1 - q)).squareRoot()).rounded())
            k = max(0, min(n, k))
        }
        return p <= 0.5 ? k : n - k
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = (Double(rng.next() >> 11) + 1) / 9007199254740993.0
        let u2 = Double(rng.next() >> 11) / 9007199254740992.0
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A seed from a statistic's name (FNV-1a of its UTF-8), mixed with the run's seed.
    public static func seed(_ name: String, _ base: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325 ^ base
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The 2.5th and 97.5th percentiles of `values` (sorted in place).
    public static func percentiles(_ values: inout [Double]) -> ClosedRange<Double> {
        guard !values.isEmpty else { return 0...0 }
        values.sort()
        func q(_ p: Double) -> Double { values[min(values.count - 1, max(0, Int((p * Double(values.count - 1)).rounded())))] }
        return q(0.025)...q(0.975)
    }

    /// The 95% interval of the share `k / n`.
    public static func share(_ k: Int, of n: Int, reps: Int, seed: UInt64) -> ClosedRange<Double> {
        guard n > 0 else { return 0...0 }
        let p = Double(k) / Double(n)
        guard reps > 0 else { return p...p }
        var rng = SplitMix64(seed: seed)
        var v = (0..<reps).map { _ in Double(binomial(n, p, &rng)) / Double(n) }
        return percentiles(&v)
    }

    /// `reps` bootstrap replicates of (share negative, share positive, net) of a cell with these counts.
    public static func portrayal(negative: Int, neutral: Int, positive: Int, reps: Int, seed: UInt64) -> (negative: [Double], positive: [Double], net: [Double]) {
        let n = negative + neutral + positive
        guard n > 0, reps > 0 else { return ([], [], []) }
        var rng = SplitMix64(seed: seed)
        let pNeg = Double(negative) / Double(n)
        let pPosRest = negative == n ? 0 : Double(positive) / Double(n - negative)
        var neg = [Double](), pos = [Double](), net = [Double]()
        neg.reserveCapacity(reps); pos.reserveCapacity(reps); net.reserveCapacity(reps)
        for _ in 0..<reps {
            let kn = binomial(n, pNeg, &rng)
            let kp = binomial(n - kn, pPosRest, &rng)
            neg.append(Double(kn) / Double(n)); pos.append(Double(kp) / Double(n)); net.append(Double(kp - kn) / Double(n))
        }
        return (neg, pos, net)
    }
}
