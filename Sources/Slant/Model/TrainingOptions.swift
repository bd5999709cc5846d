import Foundation

/// Which optimiser trains the heads.
public enum OptimizerKind: String, Codable, CaseIterable, Sendable {
    /// Full-batch L-BFGS on the exact regularised objective (default: deterministic, no learning rate to tune).
    case lbfgs
    /// Minibatch AdaGrad.
    case adagrad
}

/// How classes are weighted in the loss.
/// How a multi-label head's decision thresholds are tuned on held-out probabilities (`Trainer.tuneThresholds`).
///
/// `shared` is the default since 2026-11-28: on SemEval-2023's frames (3 × 5 folds) per-label thresholds lost
/// to one shared threshold (−0.0042 ± 0.0035 on Slant's folds, −0.0089 on another set), and on GVFC they tied
/// (+0.0003 ± 0.0017); a scikit-learn logistic regression showed the same (−0.0078 ± 0.0035). A label with a
/// few hundred examples does not pin down its own threshold better than all labels together.
public enum LabelThresholds: String, Codable, CaseIterable, Sendable {
    /// One threshold for every label, maximising micro-F1.
    case shared
    /// The shared threshold, replaced by a label's own F1-maximising one for labels with at least 50 positive
    /// examples.
    case perLabel = "per-label"
}

public enum ClassWeighting: String, Codable, CaseIterable, Sendable {
    /// `n / (k · n_c)`, as scikit-learn's `class_weight="balanced"`.
    case balanced
    case none
}

/// Everything `slant-train` can set.
public struct TrainingOptions: Sendable {
    public var features = FeatureSpec()
    /// Per-task feature settings; tasks not listed use `features`. Tasks with equal settings share a feature set.
    public var taskFeatures: [String: FeatureSpec] = [:]
    /// Train only these tasks (all tasks found in the data when empty).
    public var tasks: [String] = []
    public var optimizer: OptimizerKind = .lbfgs
    /// Passes over the data: L-BFGS iterations (default 100) or AdaGrad epochs (default 10).
    public var epochs: Int? = nil
    /// L2 strength λ in `Σ loss + λ/2 ‖W‖²` (λ = 1 is scikit-learn's C = 1).
    public var l2: Float = 1
    /// Per-task L2 overrides.
    public var taskL2: [String: Float] = [:]
    /// Per-task optimiser and pass-count overrides.
    public var taskOptimizer: [String: OptimizerKind] = [:]
    public var taskEpochs: [String: Int] = [:]
    public var learningRate: Float = 0.2
    public var classWeight: ClassWeighting = .balanced
    /// Multi-label decision thresholds, and per-task overrides.
    public var labelThresholds: LabelThresholds = .shared
    public var taskLabelThresholds: [String: LabelThresholds] = [:]
    public var seed: UInt64 = 1
    /// Keep each feature set's known words (`KnownWords`), so that scoring can refuse text it cannot read. Off
    /// for the models cross-validation and the search train and throw away.
    public var knownWords = true

    /// These options for a model that is evaluated and thrown away (cross-validation's folds, the search's dev
    /// check): no known words.
    var forEvaluation: TrainingOptions { var o = self; o.knownWords = false; return o }
    public var threads = 1
    /// Upper bound on one head's weight matrix, in MiB; heads fold their buckets until they fit.
    public var maxHeadMiB: Double = 4
    /// Evaluations on dev without improvement before stopping early.
    public var patience = 3
    /// Tasks whose features get NB-SVM log-count-ratio scaling (`NBScaling`); `nbScalingAll`: every task.
    public var taskNB: Set<String> = []
    public var nbScalingAll = false
    /// Per-task outlet filter (`OutletFilter`): drop features whose documents come from one outlet in at least
    /// this share; `outletFilterAll` for every task.
    public var taskOutletFilter: [String: Float] = [:]
    public var outletFilterAll: Float? = nil
    /// Per-task minimum outlets (`OutletFilter`): drop features seen in fewer of the training outlets (below 1:
    /// a share of them; from 1: a count); `minOutletsAll` for every task.
    public var taskMinOutlets: [String: Double] = [:]
    public var minOutletsAll: Double? = nil
    /// Per-task group balancing (`GroupBalance`): rows weigh `n_g^−α` for the size `n_g` of their `source`
    /// group; `groupBalanceAll` for every task.
    public var taskGroupBalance: [String: Float] = [:]
    public var groupBalanceAll: Float? = nil
    /// Per-task two-stage heads (`TwoStage`): task → the label decided first (FNC-1: `unrelated`).
    public var taskTwoStage: [String: String] = [:]
    /// Per-task scopes (what each head applies to); tasks not listed get `HeadScope.inferred` from their data.
    public var taskScopes: [String: HeadScope.Override] = [:]
    public init() {}

    /// Checks every numeric setting in one place (the command line's checks only parse text into values):
    /// the message names the option, quotes the value and says what is allowed. NaN and infinity are refused.
    /// - Throws: `SlantError.usage`.
    public func validate() throws {
        func bad(_ m: String) -> SlantError { .usage(m) }
        if !(l2 >= 0) || !l2.isFinite { throw bad("--l2 must be a non-negative finite number, got \(l2)") }
        for (t, v) in taskL2.sorted(by: { $0.key < $1.key }) where !(v >= 0) || !v.isFinite {
            throw bad("the L2 of task \(t) (--task-l2 or --task-options --l2) must be a non-negative finite number, got \(v)")
        }
        if !(learningRate > 0) || !learningRate.isFinite { throw bad("--learning-rate must be a positive finite number, got \(learningRate)") }
        if let e = epochs, e < 1 || e > 100_000 { throw bad("--epochs must be between 1 and 100000, got \(e)") }
        for (t, e) in taskEpochs.sorted(by: { $0.key < $1.key }) where e < 1 || e > 100_000 {
            throw bad("the epochs of task \(t) must be between 1 and 100000, got \(e)")
        }
        if threads < 1 { throw bad("--threads must be at least 1, got \(threads)") }
        if !(maxHeadMiB > 0) || !maxHeadMiB.isFinite { throw bad("--max-head-mib must be a positive finite number, got \(maxHeadMiB)") }
        if patience < 1 { throw bad("--patience must be at least 1, got \(patience)") }
        // A per-task setting's values by task, then the global one as "every task", for the messages below.
        func each<V>(_ perTask: [String: V], _ all: V?) -> [(String, V)] {
            perTask.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + (all.map { [("every task", $0)] } ?? [])
        }
        for (t, c) in each(taskOutletFilter, outletFilterAll) where !(c > 0 && c <= 1) {
            throw bad("--outlet-filter (\(t)) is the share of a feature's documents from one outlet at which it is dropped, in (0, 1], got \(c)")
        }
        for (t, m) in each(taskMinOutlets, minOutletsAll) where !(m > 0 && m.isFinite && (m < 1 || m == m.rounded())) {
            throw bad("--min-outlets (\(t)) is the share (in (0, 1)) or the number (a whole number from 1) of the training outlets a feature must occur in, got \(m)")
        }
        for (t, a) in each(taskGroupBalance, groupBalanceAll) where !(a >= 0 && a <= 1) {
            throw bad("--group-balance (\(t)) is the exponent α of the row weights n_g^−α (n_g: the rows from the row's source), in [0, 1], got \(a)")
        }
        for (t, l) in taskTwoStage.sorted(by: { $0.key < $1.key }) where l.trimmingCharacters(in: .whitespaces).isEmpty {
            throw bad("--two-stage (\(t)) names the label decided first, got an empty one")
        }
        try features.validate()
        for (t, f) in taskFeatures.sorted(by: { $0.key < $1.key }) {
            do { try f.validate() } catch let e as SlantError { throw bad("--task-options for \(t): \(e)") }
        }
    }

    /// The options as recorded in the model file.
    public var recorded: [String: String] {
        var o: [String: String] = [
            "optimizer": optimizer.rawValue, "l2": String(l2), "learning_rate": String(learningRate),
            "class_weight": classWeight.rawValue, "seed": String(seed), "threads": String(threads),
            "max_head_mib": String(maxHeadMiB), "patience": String(patience),
        ]
        if let e = epochs { o["epochs"] = String(e) }
        if !tasks.isEmpty { o["tasks"] = tasks.joined(separator: ",") }
        for (t, v) in taskL2 { o["l2.\(t)"] = String(v) }
        for (t, v) in taskOptimizer { o["optimizer.\(t)"] = v.rawValue }
        for (t, v) in taskEpochs { o["epochs.\(t)"] = String(v) }
        for t in taskNB { o["nb_scaling.\(t)"] = "true" }
        if nbScalingAll { o["nb_scaling"] = "true" }
        for (t, c) in taskOutletFilter { o["outlet_filter.\(t)"] = String(c) }
        o["label_thresholds"] = labelThresholds.rawValue
        for (t, v) in taskLabelThresholds { o["label_thresholds.\(t)"] = v.rawValue }
        if let c = outletFilterAll { o["outlet_filter"] = String(c) }
        for (t, m) in taskMinOutlets { o["min_outlets.\(t)"] = String(m) }
        if let m = minOutletsAll { o["min_outlets"] = String(m) }
        for (t, a) in taskGroupBalance { o["group_balance.\(t)"] = String(a) }
        if let a = groupBalanceAll { o["group_balance"] = String(a) }
        for (t, l) in taskTwoStage { o["two_stage.\(t)"] = l }
        return o
    }
}
