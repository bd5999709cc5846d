/// Precision, recall, F1 and support of one class.
public struct ClassScores: Equatable, Sendable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int
}

/// Everything `slant-eval` reports for one task.
public struct TaskReport: Sendable {
    public var task: String
    public var kind: HeadKind
    public var labels: [String]
    public var n: Int
    public var accuracy: Double?
    public var macroF1: Double
    public var microF1: Double?
    public var perClass: [ClassScores]
    /// `confusion[gold][predicted]` (single-label tasks).
    public var confusion: [[Int]]?
    /// FNC-1 relative score (task `headline_stance`).
    public var fncRelativeScore: Double?
    /// SemEval-2016 F_avg = (F1 favor + F1 against) / 2 (task `target_stance`).
    public var fAvg: Double?
    /// Expected calibration error of the top label's probability (10 equal-width bins).
    public var ece: Double?
    /// 95% bootstrap intervals of the headline metrics, by JSON name (`slant-eval --bootstrap N`).
    public var intervals: [String: ClosedRange<Double>] = [:]
    /// Mean ± standard deviation of the headline metrics over cross-validation folds, by JSON name.
    public var foldStats: [String: FoldStat] = [:]
    /// The reliability diagram: per confidence bin (10 equal-width bins), how many predictions, their mean
    /// confidence and their accuracy. Single-label: the chosen label's probability; multi-label: every
    /// (item, label) probability against whether the label is gold.
    public var reliability: [ReliabilityBin] = []
    /// Paired comparisons with other models on the same records (`slant-eval --compare`).
    public var comparisons: [Comparison] = []
    /// The actor analysis (`slant-eval --actors`): in how many of the `n` articles the labelled actor was found
    /// (mentioned at least once); the others count as neutral.
    public var actorsFound: Int? = nil
    /// The actor analysis by how many sentences mention the actor (`ActorEvaluation.bySentences`).
    public var bySentences: [LabelGroup] = []
    /// The records by their source (`slant-eval --by-source`; single-label tasks and the actor analysis).
    public var bySource: [LabelGroup] = []
}

/// Records of one group (article–actor pairs with a given amount of evidence, `EvidenceGroup`; the records of one
/// source, `slant-eval --by-source`): how many, their gold and predicted label counts (in the task's label order),
/// accuracy and macro-F1.
public struct LabelGroup: Sendable, Equatable {
    public var name: String
    public var n: Int
    public var gold: [Int]
    public var predicted: [Int]
    public var accuracy: Double
    public var macroF1: Double

    /// The group of records with these gold and predicted label indices (each below `labels`).
    public init(name: String, gold: [Int], predicted: [Int], labels k: Int) {
        self.name = name
        n = gold.count
        var g = [Int](repeating: 0, count: k), p = g
        for (a, b) in zip(gold, predicted) { g[a] += 1; p[b] += 1 }
        self.gold = g
        self.predicted = p
        let m = Metrics.singleLabel(task: "", labels: (0..<k).map(String.init), gold: gold, predicted: predicted)
        accuracy = m.accuracy ?? 0
        macroF1 = m.macroF1
    }

    /// The group name of records without a source.
    public static let noSource = "(no source)"

    /// A record's group by source: the source, or `noSource` when it has none or only white space.
    public static func sourceKey(_ source: String?) -> String {
        guard let s = source, !s.allSatisfy({ $0.isWhitespace }) else { return noSource }
        return s
    }

    /// A single-label task's records grouped by source (`grouped`, `sourceKey`): gold labels, predictions and
    /// sources in the same order; a gold or predicted label outside `labels` is left out. Empty for a
    /// multi-label task.
    public static func bySource(kind: HeadKind, labels: [String], gold: [LabelValue], predicted: [TaskPrediction], sources: [String?]) -> [LabelGroup] {
        guard kind == .single else { return [] }
        var g: [Int] = [], p: [Int] = [], keys: [String] = []
        for i in gold.indices {
            guard case .single(let label) = gold[i], let gi = labels.firstIndex(of: label),
                  let pl = predicted[i].labels.first, let pi = labels.firstIndex(of: pl) else { continue }
            g.append(gi); p.append(pi); keys.append(sourceKey(sources[i]))
        }
        return grouped(keys, gold: g, predicted: p, labels: labels.count)
    }

    /// The records grouped by `keys` (one per record), largest group first, then by name.
    public static func grouped(_ keys: [String], gold: [Int], predicted: [Int], labels k: Int) -> [LabelGroup] {
        var members: [String: [Int]] = [:]
        for (i, key) in keys.enumerated() { members[key, default: []].append(i) }
        return members.map { key, idx in LabelGroup(name: key, gold: idx.map { gold[$0] }, predicted: idx.map { predicted[$0] }, labels: k) }
            .sorted { $0.n != $1.n ? $0.n > $1.n : $0.name < $1.name }
    }
}

/// The groups of `slant-eval --actors` by how many sentences mention the actor.
public enum EvidenceGroup {
    /// The groups reported: not found (0 sentences), 1, 2–3, 4–7, 8 or more.
    public static let bounds: [ClosedRange<Int>] = [0...0, 1...1, 2...3, 4...7, 8...Int.max]

    /// "none", "1", "2-3", "8+".
    public static func name(_ sentences: ClosedRange<Int>) -> String {
        sentences.lowerBound == 0 ? "none" : sentences.upperBound == Int.max ? "\(sentences.lowerBound)+"
            : sentences.count == 1 ? "\(sentences.lowerBound)" : "\(sentences.lowerBound)-\(sentences.upperBound)"
    }
}

/// One bin of a reliability diagram.
public struct ReliabilityBin: Sendable, Equatable {
    public var count: Int
    public var confidence: Double
    public var accuracy: Double
}

/// A paired bootstrap comparison of this report's model (A) with another (B) on the same records: for each
/// headline metric, B's value, the difference A − B, its 95% interval, and the two-sided p-value (twice the
/// smaller share of resamples on either side of 0).
public struct Comparison: Sendable {
    public var model: String
    public var metrics: [String: (other: Double, difference: Double, low: Double, high: Double, p: Double)]
}

/// Classification metrics, computed from confusion counts.
public enum Metrics {
    static func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }

    /// Confusion matrix `m[gold][predicted]`.
    public static func confusion(gold: [Int], predicted: [Int], labels: Int) -> [[Int]] {
        var m = [[Int]](repeating: [Int](repeating: 0, count: labels), count: labels)
        for (g, p) in zip(gold, predicted) { m[g][p] += 1 }
        return m
    }

    /// Per-class scores from a confusion matrix. A class never predicted has precision 0 (as scikit-learn's
    /// `zero_division=0`).
    public static func perClass(_ m: [[Int]]) -> [ClassScores] {
        let k = m.count
        return (0..<k).map { c in
            let tp = Double(m[c][c])
            let predicted = Double((0..<k).reduce(0) { $0 + m[$1][c] })
            let support = m[c].reduce(0, +)
            let p = predicted > 0 ? tp / predicted : 0
            let r = support > 0 ? tp / Double(support) : 0
            return ClassScores(precision: p, recall: r, f1: f1(p, r), support: support)
        }
    }

    /// The report of a single-label task. Macro-F1 averages over the labels that occur in gold or predictions.
    public static func singleLabel(task: String, labels: [String], gold: [Int], predicted: [Int],
                                   confidence: [Float]? = nil) -> TaskReport {
        let m = confusion(gold: gold, predicted: predicted, labels: labels.count)
        let pc = perClass(m)
        let present = (0..<labels.count).filter { c in pc[c].support > 0 || m.contains { $0[c] > 0 } }
        let macro = present.isEmpty ? 0 : present.reduce(0.0) { $0 + pc[$1].f1 } / Double(present.count)
        let correct = (0..<labels.count).reduce(0) { $0 + m[$1][$1] }
        var r = TaskReport(task: task, kind: .single, labels: labels, n: gold.count,
                           accuracy: gold.isEmpty ? 0 : Double(correct) / Double(gold.count),
                           macroF1: macro, microF1: nil, perClass: pc, confusion: m)
        if task == "headline_stance", let u = labels.firstIndex(of: "unrelated") {
            r.fncRelativeScore = fncRelativeScore(gold: gold, predicted: predicted, unrelated: u)
        }
        if let fav = labels.firstIndex(of: "favor"), let ag = labels.firstIndex(of: "against") {
            r.fAvg = (pc[fav].f1 + pc[ag].f1) / 2
        }
        if let conf = confidence {
            r.ece = expectedCalibrationError(confidence: conf, correct: zip(gold, predicted).map { $0 == $1 })
        }
        return r
    }

    /// The report of a multi-label task: micro-F1 over all (item, label) decisions and macro-F1 over labels.
    public static func multiLabel(task: String, labels: [String], gold: [[Bool]], predicted: [[Bool]]) -> TaskReport {
        let k = labels.count
        var tp = [Int](repeating: 0, count: k), fp = tp, fn = tp
        for (g, p) in zip(gold, predicted) {
            for c in 0..<k {
                if g[c] && p[c] { tp[c] += 1 } else if p[c] { fp[c] += 1 } else if g[c] { fn[c] += 1 }
            }
        }
        let pc = (0..<k).map { c -> ClassScores in
            let p = tp[c] + fp[c] > 0 ? Double(tp[c]) / Double(tp[c] + fp[c]) : 0
            let r = tp[c] + fn[c] > 0 ? Double(tp[c]) / Double(tp[c] + fn[c]) : 0
            return ClassScores(precision: p, recall: r, f1: f1(p, r), support: tp[c] + fn[c])
        }
        let TP = Double(tp.reduce(0, +)), FP = Double(fp.reduce(0, +)), FN = Double(fn.reduce(0, +))
        let microP = TP + FP > 0 ? TP / (TP + FP) : 0
        let microR = TP + FN > 0 ? TP / (TP + FN) : 0
        let present = (0..<k).filter { tp[$0] + fp[$0] + fn[$0] > 0 }
        let macro = present.isEmpty ? 0 : present.reduce(0.0) { $0 + pc[$1].f1 } / Double(present.count)
        let exact = zip(gold, predicted).filter { $0 == $1 }.count
        return TaskReport(task: task, kind: .multi, labels: labels, n: gold.count,
                          accuracy: gold.isEmpty ? 0 : Double(exact) / Double(gold.count),
                          macroF1: macro, microF1: f1(microP, microR), perClass: pc, confusion: nil)
    }

    /// The report of one task from gold labels and predictions, in the same order; nil when there are none.
    /// Confidence for the calibration error is the chosen label's probability (the largest, for softmax heads).
    public static func report(task: String, kind: HeadKind, labels: [String], gold: [LabelValue], predicted: [TaskPrediction]) -> TaskReport? {
        guard !gold.isEmpty else { return nil }
        if kind == .single {
            let g = gold.map { labels.firstIndex(of: $0.all[0])! }
            let p = predicted.map { labels.firstIndex(of: $0.labels.first ?? "") ?? 0 }
            let conf = predicted.map { $0.scores.max() ?? 0 }
            var r = singleLabel(task: task, labels: labels, gold: g, predicted: p, confidence: conf)
            r.reliability = reliability(confidence: conf, correct: zip(g, p).map { $0 == $1 })
            return r
        }
        let gm = gold.map { v -> [Bool] in let s = Set(v.all); return labels.map { s.contains($0) } }
        let pm = predicted.map { v -> [Bool] in let s = Set(v.labels); return labels.map { s.contains($0) } }
        var r = multiLabel(task: task, labels: labels, gold: gm, predicted: pm)
        let probs = predicted.flatMap { $0.scores.count == labels.count ? $0.scores : [Float](repeating: 0, count: labels.count) }
        r.reliability = reliability(confidence: probs, correct: gm.flatMap { $0 })
        return r
    }

    /// The FNC-1 relative score: 0.25 for each pair whose related/unrelated call is right, 0.75 more for each
    /// related pair whose exact class is right, divided by the best possible total (the official scorer's rule).
    public static func fncRelativeScore(gold: [Int], predicted: [Int], unrelated: Int) -> Double {
        var score = 0.0, best = 0.0
        for (g, p) in zip(gold, predicted) {
            best += g == unrelated ? 0.25 : 1.0
            if g == p { score += 0.25; if g != unrelated { score += 0.5 } }
            if g != unrelated && p != unrelated { score += 0.25 }
        }
        return best > 0 ? score / best : 0
    }

    /// The reliability diagram of confidences against correctness (10 equal-width bins).
    public static func reliability(confidence: [Float], correct: [Bool], bins: Int = 10) -> [ReliabilityBin] {
        var n = [Int](repeating: 0, count: bins), acc = [Double](repeating: 0, count: bins), conf = acc
        for (c0, ok) in zip(confidence, correct) {
            let c = c0.isFinite ? min(1, max(0, c0)) : 0
            let b = min(bins - 1, max(0, Int(Double(c) * Double(bins))))
            n[b] += 1; conf[b] += Double(c); acc[b] += ok ? 1 : 0
        }
        return (0..<bins).map { b in
            ReliabilityBin(count: n[b], confidence: n[b] > 0 ? conf[b] / Double(n[b]) : 0, accuracy: n[b] > 0 ? acc[b] / Double(n[b]) : 0)
        }
    }

    /// Expected calibration error: Σ_b (n_b / n) |accuracy_b − confidence_b| over 10 equal-width bins.
    public static func expectedCalibrationError(confidence: [Float], correct: [Bool], bins: Int = 10) -> Double {
        var n = [Int](repeating: 0, count: bins), acc = [Double](repeating: 0, count: bins), conf = acc
        for (c0, ok) in zip(confidence, correct) {
            // A non-finite confidence (a broken model) counts as 0 rather than trapping in Int(_:).
            let c = c0.isFinite ? min(1, max(0, c0)) : 0
            let b = min(bins - 1, max(0, Int(Double(c) * Double(bins))))
            n[b] += 1; conf[b] += Double(c); acc[b] += ok ? 1 : 0
        }
        let total = Double(confidence.count)
        guard total > 0 else { return 0 }
        var e = 0.0
        for b in 0..<bins where n[b] > 0 { e += Double(n[b]) / total * abs(acc[b] / Double(n[b]) - conf[b] / Double(n[b])) }
        return e
    }
}
