/// A small hyperparameter search (`slant-train --search`): every combination of the grid below, scored on dev
/// when dev data is given, else by K-fold cross-validation; the score is the mean over tasks of each task's
/// primary metric (FNC-1 relative score, F_avg, micro-F1 for multi-label tasks, else macro-F1).
///
/// The grid: L2 λ ∈ {0.3, 1, 3} × word n-grams ∈ {1, 2} × character n-grams ∈ {off, 2–5}: 12 trainings.
public enum HyperparameterSearch {
    /// One point of the grid.
    public struct Candidate: Sendable, CustomStringConvertible {
        public var l2: Float
        public var ngrams: Int
        public var charNgrams: Bool
        public var description: String { "--l2 \(l2) --ngrams \(ngrams)" + (charNgrams ? " --char-ngrams 2-5" : "") }

        /// `base` with this candidate's settings applied to the global features and to every per-task set.
        public func apply(to base: TrainingOptions) -> TrainingOptions {
            var o = base
            o.l2 = l2
            o.taskL2 = [:]
            func set(_ f: inout FeatureSpec) {
                f.wordNgrams = ngrams
                f.charNgramMin = charNgrams ? 2 : 0
                f.charNgramMax = charNgrams ? 5 : 0
                f.namespaces.removeAll { $0 == .chars }
                if charNgrams { f.namespaces.append(.chars) }
            }
            set(&o.features)
            for k in o.taskFeatures.keys { set(&o.taskFeatures[k]!) }
            return o
        }
    }

    public static let grid: [Candidate] = [Float(0.3), 1, 3].flatMap { l2 in
        [1, 2].flatMap { n in [false, true].map { Candidate(l2: l2, ngrams: n, charNgrams: $0) } }
    }

    /// The primary metric of a task report.
    public static func primary(_ r: TaskReport) -> Double {
        r.fncRelativeScore ?? r.fAvg ?? (r.kind == .multi ? (r.microF1 ?? 0) : r.macroF1)
    }

    /// Scores every candidate; returns them with their scores, best first (ties keep grid order).
    public static func run(_ records: [Record], dev: [Record], base: TrainingOptions, folds: Int, groupBy: String?,
                           progress: (Candidate, Double) -> Void = { _, _ in }) throws -> [(Candidate, Double)] {
        var results: [(Candidate, Double)] = []
        for c in grid {
            let o = c.apply(to: base)
            let reports: [TaskReport]
            if dev.isEmpty {
                reports = try CrossValidation.run(records, k: folds, groupBy: groupBy, options: o)
            } else {
                let m = try Trainer(options: o).train(records, dev: dev)
                reports = try Evaluator(model: m, threads: o.threads).evaluate(dev)
            }
            let score = reports.isEmpty ? 0 : reports.map(primary).reduce(0, +) / Double(reports.count)
            progress(c, score)
            results.append((c, score))
        }
        return results.enumerated().sorted { $0.element.1 > $1.element.1 || ($0.element.1 == $1.element.1 && $0.offset < $1.offset) }.map { $0.element }
    }
}
