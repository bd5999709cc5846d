/// K-fold cross-validation with reproducible fold assignment.
///
/// A record's fold is `SHA-1("cv" + key) mod K` (the 160-bit digest read as a big-endian integer), where the key
/// is the record's id, or the value of `groupBy` (`source`, `target`, `title`, `text`) so that all records of one group
/// share a fold (for example: outlets unseen in training). This is the rule the issue tracker's scikit-learn
/// baselines use, so the numbers are comparable fold for fold.
public enum CrossValidation {
    /// The fields records can be grouped by.
    /// `text` groups records that share their text: FNC-1's pairs of one article body with many headlines.
    public static let groupFields = ["id", "source", "target", "title", "text"]

    /// The key of a record for fold assignment.
    public static func key(_ r: Record, groupBy: String?) -> String {
        switch groupBy {
        case "source"?: return r.source ?? ""
        case "target"?: return r.target ?? ""
        case "title"?: return r.title ?? ""
        case "text"?: return r.text
        default: return r.id
        }
    }

    /// `SHA-1("cv" + key) mod k` for the first repeat, `SHA-1("cv<r>" + key) mod k` for repeat r > 0.
    public static func fold(key: String, k: Int, repeat r: Int = 0) -> Int {
        let digest = SHA1.digest(Array(((r == 0 ? "cv" : "cv\(r)") + key).utf8))
        var rem = 0
        for b in digest { rem = (rem * 256 + Int(b)) % k }
        return rem
    }

    /// The outcome of repeated cross-validation.
    public struct Result: Sendable {
        /// Per task, the report over the first repeat's out-of-fold predictions, with `foldStats` over every fold
        /// of every repeat.
        public var reports: [TaskReport]
        /// Per fold of every repeat (R × K entries, folds with no test record left out): the mean over tasks of
        /// each task's primary metric on that fold (`HyperparameterSearch.primary`).
        public var foldScores: [Double]
    }

    /// Trains on K−1 folds and predicts the held-out fold, K times; returns the reports over all out-of-fold
    /// predictions. Dev-based steps (early stopping) are off: each fold trains to convergence.
    public static func run(_ records: [Record], k: Int, groupBy: String?, options: TrainingOptions,
                           progress: (Int, [Int]) -> Void = { _, _ in }) throws -> [TaskReport] {
        try run(records, k: k, repeats: 1, groupBy: groupBy, options: options) { _, f, test in progress(f, test) }.reports
    }

    /// Repeated K-fold cross-validation: `repeats` different fold assignments (`fold(key:k:repeat:)`), grouped
    /// by `groupBy` when given. Each fold's metrics are recorded, so every report carries mean ± standard
    /// deviation over the R × K folds (`TaskReport.foldStats`), the spread that selection must respect.
    /// - Parameter bySource: also group each single-label task's out-of-fold predictions (first repeat) by the
    ///   records' source (`TaskReport.bySource`): with `groupBy` "source", each outlet's estimate as a held-out outlet.
    public static func run(_ records: [Record], k: Int, repeats: Int, groupBy: String?, options: TrainingOptions, bySource: Bool = false,
                           progress: (Int, Int, [Int]) -> Void = { _, _, _ in }) throws -> Result {
        guard k >= 2 else { throw SlantError.usage("--folds must be at least 2, got \(k)") }
        guard repeats >= 1 else { throw SlantError.usage("--repeats must be at least 1, got \(repeats)") }
        let tasks = try Trainer.discoverTasks(records, only: options.tasks)
        var first: [ScoredRecord?] = []
        var perFold: [String: [String: [Double]]] = [:]   // task → metric → values over folds
        var foldScores: [Double] = []
        for rep in 0..<repeats {
            let folds = records.map { fold(key: key($0, groupBy: groupBy), k: k, repeat: rep) }
            var scored = [ScoredRecord?](repeating: nil, count: records.count)
            for f in 0..<k {
                let trainRecords = zip(records, folds).filter { $0.1 != f }.map { $0.0 }
                let testIdx = folds.indices.filter { folds[$0] == f }
                progress(rep, f, testIdx)
                guard !trainRecords.isEmpty, !testIdx.isEmpty else { continue }
                let m = try Trainer(options: options.forEvaluation).train(trainRecords)
                // A task whose labels all fall in the held-out fold has no head in this fold's model: refuse
                // rather than report another task's predictions for it.
                for t in tasks where m.taskIndex(t.name) == nil {
                    let n = testIdx.filter { records[$0].labels[t.name] != nil }.count
                    throw SlantError.usage("cross-validation: every record labeled for task \"\(t.name)\" (\(n)) is in fold \(f + 1) of \(k), so no model can be trained for it on the other folds; use fewer folds or more data")
                }
                let scorer = try Scorer(model: m, threads: options.threads)
                let out = scorer.score(batch: testIdx.map { records[$0] })
                for (i, s) in zip(testIdx, out) { scored[i] = s }
                let foldReports = reports(tasks, testIdx.map { records[$0] }, out.map { Optional($0) })
                for r in foldReports {
                    for (name, v) in Bootstrap.metrics(r) { perFold[r.task, default: [:]][name, default: []].append(v) }
                }
                if !foldReports.isEmpty {
                    foldScores.append(foldReports.map(HyperparameterSearch.primary).reduce(0, +) / Double(foldReports.count))
                }
            }
            if rep == 0 { first = scored }
        }
        var out = reports(tasks, records, first, bySource: bySource)
        for i in out.indices {
            out[i].foldStats = (perFold[out[i].task] ?? [:]).mapValues { FoldStat($0) }
        }
        return Result(reports: out, foldScores: foldScores)
    }

    /// The report of each task over the records that have a prediction. Labels seen only in a held-out fold are
    /// unknown to that fold's model and count as wrong; each fold's model has its own task order, so
    /// predictions are matched by task name.
    static func reports(_ tasks: [TaskDescription], _ records: [Record], _ scored: [ScoredRecord?], bySource: Bool = false) -> [TaskReport] {
        tasks.compactMap { task in
            let labeled = zip(records, scored).compactMap { r, s in
                r.labels[task.name].flatMap { g in s.flatMap { s in s.predictions.first { $0.task == task.name }.map { (g, $0, r.source) } } }
            }
            var report = Metrics.report(task: task.name, kind: task.kind, labels: task.labels,
                                        gold: labeled.map { $0.0 }, predicted: labeled.map { $0.1 })
            if bySource {
                report?.bySource = LabelGroup.bySource(kind: task.kind, labels: task.labels, gold: labeled.map { $0.0 },
                                                       predicted: labeled.map { $0.1 }, sources: labeled.map { $0.2 })
            }
            return report
        }
    }
}

/// A metric's mean and standard deviation over cross-validation folds.
public struct FoldStat: Sendable, Equatable {
    public var mean: Double
    /// Sample standard deviation (n − 1); 0 for one fold.
    public var sd: Double
    public var folds: Int
    /// The standard error of the mean, sd / √folds.
    public var standardError: Double { folds > 0 ? sd / Double(folds).squareRoot() : 0 }

    public init(_ values: [Double]) {
        folds = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        let m = mean
        sd = values.count > 1 ? (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot() : 0
    }
}

/// SHA-1 (FIPS 180-4), only for reproducible fold assignment (not for security).
public enum SHA1 {
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var m = message
        let bitLength = UInt64(message.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for i in 0..<16 {
                w[i] = UInt32(m[chunk + 4 * i]) << 24 | UInt32(m[chunk + 4 * i + 1]) << 16 | UInt32(m[chunk + 4 * i + 2]) << 8 | UInt32(m[chunk + 4 * i + 3])
            }
            for i in 16..<80 { let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]; w[i] = (x << 1) | (x >> 31) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for i in 0..<80 {
                let f: UInt32, k: UInt32
                switch i {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
                default: f = b ^ c ^ d; k = 0xCA62C1D6
                }
                let t = ((a << 5) | (a >> 27)) &+ f &+ e &+ k &+ w[i]
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = t
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32($0))) } }
    }
}
