import Foundation

/// What the model file's header says about one task.
public struct TaskInfo: Codable, Equatable, Sendable {
    public var name: String
    public var kind: HeadKind
    public var labels: [String]
    /// log2 of the head's hash buckets (≤ the feature spec's `bits`).
    public var bits: Int
    /// Multi-label decision thresholds, one per label (0.5 when not tuned).
    public var thresholds: [Float]?
    /// Temperature for probability calibration (1 = none).
    public var temperature: Float = 1
    /// Where the thresholds came from (`dev`, `default`).
    public var thresholdSource: String?
    /// Index of the feature set (in `ModelHeader.featureSets`) this head reads.
    public var featureSet: Int = 0
    /// What the head applies to (nil in models written before scopes existed: it applies to everything).
    public var scope: HeadScope?
    /// A two-stage head's first-stage label (`TwoStage`; `slant-train --two-stage LABEL`), nil for a plain head.
    public var twoStage: String?
    /// Class offsets fitted after training on labelled samples (`slant-train --prior-data`), in the order they
    /// were fitted, each already added to the head's intercepts: recorded so that a reader of the model knows;
    /// nil when none were fitted.
    public var priorOffsets: [PriorOffsets.Info]?

    public init(name: String, kind: HeadKind, labels: [String], bits: Int) {
        self.name = name; self.kind = kind; self.labels = labels; self.bits = bits
    }
}

/// One training file as recorded in the model.
public struct TrainingFile: Codable, Equatable, Sendable {
    public var path: String
    public var sha256: String
    public var records: Int
    public init(path: String, sha256: String, records: Int) { self.path = path; self.sha256 = sha256; self.records = records }
}

/// What the model records about how it was trained.
public struct TrainingInfo: Codable, Equatable, Sendable {
    /// Every training option, as given or defaulted (`"l2": "1.0"`, `"seed": "1"`, ...).
    public var options: [String: String] = [:]
    public var files: [TrainingFile] = []
    public var devFiles: [TrainingFile] = []
    /// Dev results per task (metric name → value), when dev data was given.
    public var dev: [String: [String: Double]] = [:]
    public init() {}
}

/// The JSON header of a model file.
public struct ModelHeader: Codable, Equatable, Sendable {
    public var slantVersion: String = Slant.version
    /// The feature sets of the model: each task reads one (tasks that need the same features share one).
    public var featureSets: [FeatureSpec]
    public var tasks: [TaskInfo]
    public var training: TrainingInfo
    /// How the article analysis scores and aggregates actors (nil: the defaults of `ActorSettings`).
    public var actors: ActorSettings?
    /// Per feature set, the words its heads know and how many of a text's words they must recognise
    /// (`KnownWords`); nil for models trained without them (streamed, or before 2026-12-04): every text is read.
    public var known: [KnownWords?]?
    public init(featureSets: [FeatureSpec], tasks: [TaskInfo], training: TrainingInfo) {
        self.featureSets = featureSets; self.tasks = tasks; self.training = training
    }
}

/// A task's prediction for one record.
public struct TaskPrediction: Sendable {
    public var task: String
    public var kind: HeadKind
    /// The chosen label (single-label) or labels (multi-label).
    public var labels: [String]
    /// Probability per label, in the model's label order.
    public var scores: [Float]
    /// Top contributing features when asked for (`--explain`).
    public var explanation: [(feature: String, contribution: Float)] = []
}

/// A trained multi-task model: feature sets (spec + IDF) and one linear head per task.
public final class SlantModel: Sendable {
    public let header: ModelHeader
    /// One featurizer per feature set.
    public let featurizers: [Featurizer]
    public let heads: [LinearHead]
    /// Per task: its temperature and feature set, read once (the header's `TaskInfo` holds strings and arrays,
    /// and copying one out retained them, for every scored sentence–actor pair).
    let temperatures: [Float]
    let featureSetOf: [Int]
    let labelCounts: [Int]

    public convenience init(header: ModelHeader, idf: [[Float]], topics: [[Float]] = [], heads: [LinearHead]) {
        self.init(header: header, idf: idf.map { FloatTable($0) }, topics: topics.map { FloatTable($0) }, heads: heads)
    }

    /// - Parameter topics: the topic matrix per feature set (`FeatureSpec.topics`); missing or empty: none.
    public init(header: ModelHeader, idf: [FloatTable], topics: [FloatTable] = [], heads: [LinearHead]) {
        self.header = header
        self.featurizers = header.featureSets.indices.map { k in
            Featurizer(spec: header.featureSets[k], idf: idf[k], topics: k < topics.count ? topics[k] : FloatTable([]),
                       knownTargets: SlantModel.knownTargets(header, featureSet: k))
        }
        self.heads = heads
        self.temperatures = header.tasks.map { $0.temperature }
        self.featureSetOf = header.tasks.map { $0.featureSet }
        self.labelCounts = heads.map { $0.labels }
    }

    public var tasks: [TaskInfo] { header.tasks }

    /// The same model with another header (same feature sets, tasks and arrays): e.g. new actor settings.
    public func replacingHeader(_ h: ModelHeader) -> SlantModel {
        precondition(h.featureSets == header.featureSets && h.tasks == header.tasks, "a replaced header must keep the feature sets and tasks")
        return replacing(header: h, heads: heads)
    }

    /// The same feature sets (spec, IDF, topics) with another header and heads: e.g. a head whose intercepts
    /// moved (`PriorOffsets`).
    public func replacing(header h: ModelHeader, heads: [LinearHead]) -> SlantModel {
        precondition(h.featureSets == header.featureSets && heads.count == self.heads.count, "a replaced header must keep the feature sets and the number of heads")
        return SlantModel(header: h, idf: featurizers.map { $0.idf }, topics: featurizers.map { $0.topics }, heads: heads)
    }

    /// The known words scoring reads with (`KnownWords`): those of the feature set trained on the most texts; nil
    /// for a model without any (it reads every text).
    public var readingWords: KnownWords? {
        (header.known ?? []).compactMap { $0 }.max { $0.documents < $1.documents }
    }

    /// The index of a task by name.
    public func taskIndex(_ name: String) -> Int? { header.tasks.firstIndex { $0.name == name } }

    /// Featurizes a record for the given tasks (each feature set once) and predicts them.
    /// - Parameters:
    ///   - scratch: per-thread scratch space, one per feature set (grown as needed).
    /// - Complexity: O(featurizing per set + nnz × labels per task).
    ///   - text: `r.text` already tokenized (raw, unmarked): the feature sets share it instead of each
    ///     tokenizing the text again (the tokenizer is the same for all; negation marking is per set).
    public func predict(_ r: Record, tasks: [Int], scratch: inout [FeatureScratch], explain: Int = 0,
                        text: TokenBuffer? = nil) -> [TaskPrediction] {
        while scratch.count < featurizers.count { scratch.append(FeatureScratch()) }
        let sets = Set(tasks.map { header.tasks[$0].featureSet })
        // A feature set that marks entities reads its own, rewritten text (`EntityMarks`).
        let sharing = sets.filter { featurizers[$0].readsText && !featurizers[$0].spec.markEntities }
        if let text { for k in sharing { scratch[k].pretokenize { $0 = text } } }
        // The shared text's arrays are let go after use: the caller's buffer stays the only owner, so the next
        // text is tokenized into its room (a buffer still shared is copied on write: fresh memory per article).
        defer { if text != nil { for k in sharing { scratch[k].text = TokenBuffer() } } }
        if explain == 0 { return predictFast(r, tasks: tasks, scratch: &scratch) }
        var vectors = [SparseVector?](repeating: nil, count: featurizers.count)
        var names = [[Int32: String]](repeating: [:], count: featurizers.count)
        for k in sets.sorted() { vectors[k] = featurizers[k].featurize(r, scratch: &scratch[k], names: &names[k]) }
        return tasks.map { t in
            let k = header.tasks[t].featureSet
            return predict(vectors[k]!, task: t, explain: explain, names: names[k])
        }
    }

    /// The scoring fast path: each feature set's features go straight into the logits of every head that reads
    /// it (no sparse vector is built), then each head turns its logits into probabilities.
    func predictFast(_ r: Record, tasks: [Int], scratch: inout [FeatureScratch]) -> [TaskPrediction] {
        var offsets = [Int](repeating: 0, count: tasks.count)
        var total = 0
        for (i, t) in tasks.enumerated() { offsets[i] = total; total += heads[t].labels }
        var logits = [Float](repeating: 0, count: total)
        var views: [HeadView] = []
        views.reserveCapacity(tasks.count)
        let sets = (0..<featurizers.count).filter { k in tasks.contains { header.tasks[$0].featureSet == k } }
        // Feature sets that collect the same text terms (`Featurizer.sharedTextKey`, e.g. leaning's and frames'
        // unigrams) collect and count them once: the first keeps them, the others are handed them.
        let keys = sets.map { featurizers[$0].sharedTextKey }
        func same(_ i: Int, _ j: Int) -> Bool { keys[i].flatMap { a in keys[j].map { a == $0 } } ?? false }
        let keeper = sets.indices.first { i in sets.indices.contains { $0 > i && same(i, $0) } }
        if let kk = keeper { scratch[sets[kk]].keepTextTerms = true }
        for (i, k) in sets.enumerated() {
            let readers = tasks.indices.filter { header.tasks[tasks[$0]].featureSet == k }
            if let kk = keeper, i > kk, same(kk, i) {
                // The keeper's array, shared (read only), and let go after scoring so that the keeper's buffer
                // stays its own for the next record.
                scratch[k].textTerms = scratch[sets[kk]].textTerms
                scratch[k].textTermsGiven = true
            }
            defer { scratch[k].textTermsGiven = false; scratch[k].keepTextTerms = false; if let kk = keeper, i > kk { scratch[k].textTerms = [] } }
            withExtendedLifetime(heads) {
                views.removeAll(keepingCapacity: true)
                for i in readers {
                    let h = heads[tasks[i]]
                    let w = h.weights.pointer  // kept alive by `heads` around this block
                    views.append(HeadView(weights: w, labels: h.labels, mask: h.mask, offset: offsets[i]))
                }
                views.withUnsafeBufferPointer { v in
                    logits.withUnsafeMutableBufferPointer { featurizers[k].score(r, scratch: &scratch[k], heads: v, logits: $0.baseAddress!) }
                }
            }
        }
        return tasks.enumerated().map { i, t in
            let info = header.tasks[t]
            let head = heads[t]
            var z = Array(logits[offsets[i]..<(offsets[i] + head.labels)])
            for k in 0..<head.labels { z[k] += head.bias[k] }
            head.finish(&z, temperature: info.temperature)
            return decide(z, task: t)
        }
    }

    /// The targets the heads reading feature set `k` were trained on (`Featurizer.knownTargets`): the union of
    /// their scopes' lists, or nil when one of them has no list (an open set of targets, or an older model).
    static func knownTargets(_ header: ModelHeader, featureSet k: Int) -> [String]? {
        var all: [String] = []
        for t in header.tasks where t.featureSet == k {
            guard let ts = t.scope?.targets else { return nil }
            all += ts
        }
        return all.isEmpty ? nil : all
    }

    /// The probabilities of one task for one record: `predict`'s fast path for a single head, without its
    /// per-call bookkeeping (the same arithmetic in the same order, so the same bits). The article analysis
    /// calls it once per scored sentence.
    /// - Parameter scratch: the scratch of the task's feature set.
    func probabilities(_ r: Record, task t: Int, scratch: inout FeatureScratch) -> [Float] {
        var z = [Float](repeating: 0, count: labelCounts[t])
        addLogits(r, task: t, scratch: &scratch, into: &z, part: .all)
        finish(&z, task: t)
        return z
    }

    /// One text scored against several targets (the actor analysis: a sentence and each actor it mentions):
    /// task `t`'s logits from the text alone (`Featurizer.ExtractPart.textPrefix`; no bias), made once per text
    /// for `probabilities(_:task:scratch:after:)`. `r.text` (or the scratch's pretokenized text) is the text.
    func textLogits(_ r: Record, task t: Int, scratch: inout FeatureScratch) -> [Float] {
        var z: [Float] = []
        textLogits(r, task: t, scratch: &scratch, into: &z)
        return z
    }

    /// `textLogits` written into `z` (resized to the task's labels), whose storage is reused when it has room:
    /// the actor analysis calls it once per scored sentence.
    func textLogits(_ r: Record, task t: Int, scratch: inout FeatureScratch, into z: inout [Float]) {
        let k = labelCounts[t]
        if z.count == k { for i in 0..<k { z[i] = 0 } } else { z = [Float](repeating: 0, count: k) }
        addLogits(r, task: t, scratch: &scratch, into: &z, part: .textPrefix)
    }

    /// `probabilities(r, task: t, scratch:)` for a record whose text was the last one given to
    /// `textLogits`, which returned `prefix`: bit-identical, without featurizing the text-only namespaces again.
    func probabilities(_ r: Record, task t: Int, scratch: inout FeatureScratch, after prefix: [Float]) -> [Float] {
        var z = prefix
        addLogits(r, task: t, scratch: &scratch, into: &z, part: .rest)
        finish(&z, task: t)
        return z
    }

    /// The target's part of task `t`'s features for `probabilities(task:scratch:after:target:spans:)`, made once
    /// per target; nil when the task's feature set has no lean path (`Featurizer.leanTargetPart`).
    func targetPart(task t: Int, target: TokenBuffer, scratch: inout FeatureScratch) -> Featurizer.TargetPart? {
        let f = featurizers[featureSetOf[t]]
        return f.leanTargetPart ? f.targetPart(target, &scratch) : nil
    }

    /// `probabilities(r, task: t, scratch:, after: prefix)` for a record with no title, the target `target`
    /// stands for and mentions `spans` in the text last given to `textLogits`: the same bits, through the
    /// featurizer's lean path (`Featurizer.scoreTargetPart`).
    func probabilities(task t: Int, scratch: inout FeatureScratch, after prefix: [Float], target: Featurizer.TargetPart, spans: [Span]) -> [Float] {
        var z = prefix
        withHeadView(task: t, logits: &z) { featurizers[featureSetOf[t]].scoreTargetPart(target, spans: spans, &scratch, heads: $0, logits: $1) }
        finish(&z, task: t)
        return z
    }

    private func addLogits(_ r: Record, task t: Int, scratch: inout FeatureScratch, into z: inout [Float], part: Featurizer.ExtractPart) {
        withHeadView(task: t, logits: &z) { featurizers[featureSetOf[t]].score(r, scratch: &scratch, heads: $0, logits: $1, part: part) }
    }

    /// Calls `body` with task `t`'s head as the scoring fast path sees it and `z`'s storage as its logits. The
    /// head is read in place (a copy of `LinearHead` retained its tables), kept alive by `heads`.
    private func withHeadView(task t: Int, logits z: inout [Float],
                              _ body: (UnsafeBufferPointer<HeadView>, UnsafeMutablePointer<Float>) -> Void) {
        heads.withUnsafeBufferPointer { hs in
            var view = HeadView(weights: hs[t].weights.pointer, labels: hs[t].labels, mask: hs[t].mask, offset: 0)
            withUnsafePointer(to: &view) { v in
                z.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer(start: v, count: 1), $0.baseAddress!) }
            }
        }
    }

    /// Adds the bias and turns task `t`'s logits into probabilities, in place (a copy per scored sentence-actor
    /// pair before).
    private func finish(_ z: inout [Float], task t: Int) {
        let (labels, kind, split) = heads.withUnsafeBufferPointer { hs in
            hs[t].bias.withUnsafeBufferPointer { b in for k in 0..<hs[t].labels { z[k] += b[k] } }
            return (hs[t].labels, hs[t].kind, hs[t].split)
        }
        LinearHead.finish(&z, temperature: temperatures[t], labels: labels, kind: kind, split: split)
    }

    /// The prediction of task `t` from its probabilities.
    func decide(_ p: [Float], task t: Int) -> TaskPrediction {
        let info = header.tasks[t]
        var chosen: [String]
        switch info.kind {
        case .single:
            chosen = [info.labels[Head.argmax(p)]]
        case .multi:
            let th = info.thresholds ?? [Float](repeating: 0.5, count: p.count)
            chosen = p.indices.filter { p[$0] >= th[$0] }.map { info.labels[$0] }
        }
        return TaskPrediction(task: info.name, kind: info.kind, labels: chosen, scores: p)
    }

    /// Predicts task `t` from a vector of its feature set.
    public func predict(_ v: SparseVector, task t: Int, explain: Int = 0, names: [Int32: String] = [:]) -> TaskPrediction {
        let info = header.tasks[t]
        let head = heads[t]
        let p = head.probabilities(v, temperature: info.temperature)
        var pred = decide(p, task: t)
        if explain > 0 { pred.explanation = self.explain(v, task: t, chosen: pred.labels, top: explain, names: names) }
        return pred
    }

    /// The features that pushed the decision most: for each non-zero feature, `x_j · w_{j,k}` for the chosen
    /// label k (softmax: relative to the mean over labels, since only differences between labels matter).
    func explain(_ v: SparseVector, task t: Int, chosen: [String], top: Int, names: [Int32: String]) -> [(String, Float)] {
        let info = header.tasks[t]
        let head = heads[t]
        guard let first = chosen.first, let k = info.labels.firstIndex(of: first) else { return [] }
        let K = head.labels
        var contrib: [Int32: Float] = [:]
        for j in 0..<v.count {
            let b = Int(v.indices[j]) & head.mask
            var w = head.weights[b * K + k]
            if info.kind == .single {
                var mean: Float = 0
                for l in 0..<K { mean += head.weights[b * K + l] }
                w -= mean / Float(K)
            }
            contrib[v.indices[j], default: 0] += v.values[j] * w
        }
        return contrib.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(top)
            .map { (names[$0.key] ?? "bucket \($0.key)", $0.value) }
    }
}

/// Library-wide constants.
public enum Slant {
    /// The version of Slant, written into every model.
    public static let version = "0.3.0"
}
