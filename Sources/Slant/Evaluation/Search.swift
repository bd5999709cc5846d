/// A small hyperparameter search (`slant-train --search`): every combination of the grid below, scored by
/// repeated (and, with `groupBy`, grouped) K-fold cross-validation; the score of a fold is the mean over tasks of
/// each task's primary metric (FNC-1 relative score, F_avg, micro-F1 for multi-label tasks, else macro-F1).
///
/// Selection follows the one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman, *The
/// Elements of Statistical Learning*, §7.10): among the settings whose mean fold score is within one standard
/// error of the best mean, the simplest wins (no character n-grams before character n-grams, unigrams before
/// bigrams, then the strongest L2). A dev set, when given, is scored and reported, but does not choose: a
/// skewed dev set chose noise before.
///
/// The grid: L2 λ ∈ {0.3, 1, 3} × word n-grams ∈ {1, 2} × character n-grams ∈ {off, 2–5}: 12 settings.
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

    /// Simplicity order for the one-standard-error rule: smaller is simpler.
    static func complexity(_ c: Candidate) -> (Int, Int, Float) { (c.charNgrams ? 1 : 0, c.ngrams, -c.l2) }

    /// One candidate's scores.
    public struct Outcome: Sendable {
        public var candidate: Candidate
        /// The fold scores' mean, standard deviation and count.
        public var cv: FoldStat
        /// The dev score, when dev data was given (reported, never used to choose).
        public var dev: Double?
    }

    /// The one-standard-error choice among `outcomes`: the simplest whose mean is at least the best mean minus
    /// the best one's standard error.
    public static func choose(_ outcomes: [Outcome]) -> Outcome? {
        guard let best = outcomes.max(by: { $0.cv.mean < $1.cv.mean }) else { return nil }
        let bar = best.cv.mean - best.cv.standardError
        return outcomes.filter { $0.cv.mean >= bar - 1e-12 }.min { complexity($0.candidate) < complexity($1.candidate) }
    }

    /// Scores every candidate by repeated cross-validation (and on dev when given), in grid order.
    public static func run(_ records: [Record], dev: [Record], base: TrainingOptions, folds: Int, repeats: Int, groupBy: String?,
                           progress: (Outcome) -> Void = { _ in }) throws -> [Outcome] {
        var results: [Outcome] = []
        for c in grid {
            let o = c.apply(to: base)
            let cv = try CrossValidation.run(records, k: folds, repeats: repeats, groupBy: groupBy, options: o)
            var devScore: Double? = nil
            if !dev.isEmpty {
                let m = try Trainer(options: o.forEvaluation).train(records, dev: dev)
                let reports = try Evaluator(model: m, threads: o.threads).evaluate(dev)
                devScore = reports.isEmpty ? nil : reports.map(primary).reduce(0, +) / Double(reports.count)
            }
            let outcome = Outcome(candidate: c, cv: FoldStat(cv.foldScores), dev: devScore)
            progress(outcome)
            results.append(outcome)
        }
        return results
    }
}
