/// K-fold cross-validation with reproducible fold assignment.
///
/// A record's fold is `SHA-1("cv" + key) mod K` (the 160-bit digest read as a big-endian integer), where the key
/// is the record's id, or the value of `groupBy` (`source`, `target`, `title`) so that all records of one group
/// share a fold (for example: outlets unseen in training). This is the rule the issue tracker's scikit-learn
/// baselines use, so the numbers are comparable fold for fold.
public enum CrossValidation {
    /// The fields records can be grouped by.
    public static let groupFields = ["id", "source", "target", "title"]

    /// The key of a record for fold assignment.
    public static func key(_ r: Record, groupBy: String?) -> String {
        switch groupBy {
        case "source"?: return r.source ?? ""
        case "target"?: return r.target ?? ""
        case "title"?: return r.title ?? ""
        default: return r.id
        }
    }

    /// `SHA-1("cv" + key) mod k`.
    public static func fold(key: String, k: Int) -> Int {
        let digest = SHA1.digest(Array(("cv" + key).utf8))
        var rem = 0
        for b in digest { rem = (rem * 256 + Int(b)) % k }
        return rem
    }

    /// Trains on K−1 folds and predicts the held-out fold, K times; returns the reports over all out-of-fold
    /// predictions. Dev-based steps (early stopping) are off: each fold trains to convergence.
    public static func run(_ records: [Record], k: Int, groupBy: String?, options: TrainingOptions,
                           progress: (Int, [Int]) -> Void = { _, _ in }) throws -> [TaskReport] {
        guard k >= 2 else { throw SlantError.usage("--folds must be at least 2, got \(k)") }
        let folds = records.map { fold(key: key($0, groupBy: groupBy), k: k) }
        var scored = [ScoredRecord?](repeating: nil, count: records.count)
        let tasks = try Trainer.discoverTasks(records, only: options.tasks)
        var any = false
        for f in 0..<k {
            let trainRecords = zip(records, folds).filter { $0.1 != f }.map { $0.0 }
            let testIdx = folds.indices.filter { folds[$0] == f }
            progress(f, testIdx)
            guard !trainRecords.isEmpty, !testIdx.isEmpty else { continue }
            let m = try Trainer(options: options).train(trainRecords)
            // A task whose labels all fall in the held-out fold has no head in this fold's model: refuse rather
            // than report another task's predictions for it.
            for t in tasks where m.taskIndex(t.name) == nil {
                let n = testIdx.filter { records[$0].labels[t.name] != nil }.count
                throw SlantError.usage("cross-validation: every record labeled for task \"\(t.name)\" (\(n)) is in fold \(f + 1) of \(k), so no model can be trained for it on the other folds; use fewer folds or more data")
            }
            let scorer = try Scorer(model: m, threads: options.threads)
            let out = scorer.score(batch: testIdx.map { records[$0] })
            for (i, s) in zip(testIdx, out) { scored[i] = s }
            any = true
        }
        guard any else { return [] }
        // Labels seen only in the held-out fold are unknown to that fold's model: score them as wrong.
        // Each fold's model has its own task order: predictions are matched by task name.
        var reports: [TaskReport] = []
        for task in tasks {
            let labeled = zip(records, scored).compactMap { r, s in
                r.labels[task.name].flatMap { g in s.flatMap { s in s.predictions.first { $0.task == task.name }.map { (g, $0) } } }
            }
            if let r = Metrics.report(task: task.name, kind: task.kind, labels: task.labels,
                                      gold: labeled.map { $0.0 }, predicted: labeled.map { $0.1 }) {
                reports.append(r)
            }
        }
        return reports
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
