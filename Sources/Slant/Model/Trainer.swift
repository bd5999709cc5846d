import Foundation

/// Progress of a training run, for the command line's progress display.
public enum TrainingEvent: Sendable {
    case featurized(records: Int, seconds: Double)
    case taskStarted(task: String, rows: Int, labels: Int, bits: Int)
    case iteration(task: String, iteration: Int, of: Int, loss: Double, devMetric: Double?, rowsPerSecond: Double)
    case taskFinished(task: String, bestIteration: Int, devMetric: Double?)
    /// Something worth a line about one task (e.g. how many features a filter dropped).
    case note(task: String, message: String)
}

/// A task found in the training data.
public struct TaskDescription: Sendable {
    public var name: String
    public var kind: HeadKind
    public var labels: [String]
    /// Count per label (records for single-label tasks, occurrences for multi-label tasks).
    public var counts: [Int]
    /// The records labelled for the task.
    public var rows: Int = 0

    /// Why no head can be learned from these labels over its `rows` records, or nil: a single-label task with
    /// one label (a classifier needs two to tell apart: it would answer that label for everything, with
    /// probability 1), or a multi-label task whose lists are all empty.
    public var unlearnable: String? {
        switch kind {
        case .single where labels.count < 2:
            let only = labels.first.map { "\"\($0)\"" } ?? "none"
            return "task \"\(name)\" has one label in the training data (\(only), \(rows) record\(rows == 1 ? "" : "s")): a single-label task needs at least two to tell apart; add records of another label, or give the labels as lists (a multi-label task) to learn this one against its absence"
        case .multi where labels.isEmpty:
            return "task \"\(name)\" has no labels in the training data: each of its \(rows) record\(rows == 1 ? "'s" : "s'") lists is empty"
        default:
            return nil
        }
    }

    /// A note on the labels of a multi-label task that are in every one of its `rows` records, or nil: each label
    /// is learned against its absence, so such a label's head says yes to everything (a note, not an error, as
    /// scikit-learn's one-vs-rest gives a warning: a small sample may be meant as an example).
    public var neverAbsentNote: String? {
        let always = kind == .multi ? labels.indices.filter { counts[$0] >= rows }.map { "\"\(labels[$0])\"" } : []
        return always.isEmpty ? nil : "label\(always.count == 1 ? "" : "s") \(always.joined(separator: ", ")) in every record: never absent, so always predicted"
    }
}

/// Trains a multi-task `SlantModel` from labeled records.
public struct Trainer {
    public var options: TrainingOptions
    public var progress: (TrainingEvent) -> Void = { _ in }

    public init(options: TrainingOptions) { self.options = options }

    /// A task's scope: the one given, or the one its records imply. A domain-specific head that needs a target
    /// and saw at most 20 distinct targets knows only those (SemEval-2016's five topics).
    static func scope(of task: String, _ records: [Record], given: HeadScope.Override?) -> HeadScope {
        var s = HeadScope.inferred(from: records).applying(given)
        if s.domain != nil, s.needs.contains(.target), s.targets == nil {
            let distinct = Set(records.compactMap { $0.target })
            if !distinct.isEmpty && distinct.count <= 20 { s.targets = distinct.sorted() }
        }
        return s
    }

    /// Trains one task's head on the featurized records; returns its header entry, its head and its dev result.
    func trainTask(_ task: TaskDescription, spec: FeatureSpec, records: [Record], x: CSRMatrix, dev: [Record], xDev: CSRMatrix) throws
        -> (TaskInfo, LinearHead, [String: Double]?) {
        let rows = records.indices.filter { records[$0].labels[task.name] != nil }
        var localOptions = self
        if let l2 = options.taskL2[task.name] { localOptions.options.l2 = l2 }
        if let opt = options.taskOptimizer[task.name] { localOptions.options.optimizer = opt }
        if let e = options.taskEpochs[task.name] { localOptions.options.epochs = e }
        // Each training row's outlet, for group balancing and the outlet filter.
        let sources = rows.map { records[$0].source }
        let alpha = options.taskGroupBalance[task.name] ?? options.groupBalanceAll
        let rowWeight = alpha.map { GroupBalance.weights(groups: sources, alpha: $0) }
        var data = try Trainer.headData(task, rows: rows, records: records, x: x, weighting: options.classWeight, rowWeight: rowWeight)
        let devRows = dev.indices.filter { dev[$0].labels[task.name] != nil }
        var devData = devRows.isEmpty ? nil : try Trainer.headData(task, rows: devRows, records: dev, x: xDev, weighting: .none)
        if let first = options.taskTwoStage[task.name] {
            guard let s = TwoStage.split(first, kind: task.kind, labels: task.labels) else {
                throw SlantError.usage("--two-stage \(first) for task \(task.name): a two-stage head needs a single-label task with at least 3 labels, one of them \"\(first)\"; \(task.name) is \(task.kind.rawValue)-label with labels \(task.labels.joined(separator: ", "))")
            }
            data.split = s
            devData?.split = s
        }
        let bits = Trainer.headBits(data.x, labels: task.labels.count, spec: spec, maxMiB: options.maxHeadMiB)
        progress(.taskStarted(task: task.name, rows: rows.count, labels: task.labels.count, bits: bits))
        // NB-SVM scaling: fit on scaled features, then fold the scales into the weights.
        var nbScales = options.nbScalingAll || options.taskNB.contains(task.name) ? NBScaling.scales(data, bits: bits) : nil
        // The outlet filter: features that identify an outlet get scale 0 (folded into the weights as NB's).
        let share = options.taskOutletFilter[task.name] ?? options.outletFilterAll
        let minOutlets = options.taskMinOutlets[task.name] ?? options.minOutletsAll
        if share != nil || minOutlets != nil {
            let f = OutletFilter.scales(data, sources: sources, bits: bits, concentration: share, minOutlets: minOutlets)
            nbScales = nbScales.map { zip($0, f.scales).map { $0 * $1 } } ?? f.scales
            let what = [share.map { "share \($0)" }, minOutlets.map { "min outlets \($0)" }].compactMap { $0 }.joined(separator: ", ")
            progress(.note(task: task.name, message: "outlet filter (\(what)): dropped \(f.dropped) of \(f.used) buckets in use"))
        }
        if let sc = nbScales {
            data.x = data.x.scaled(by: sc, mask: (1 << bits) - 1)
            if var d = devData { d.x = d.x.scaled(by: sc, mask: (1 << bits) - 1); devData = d }
        }
        var (trained, kept) = localOptions.fitHead(task, data: data, devData: devData, bits: bits, report: true)
        let K = task.labels.count
        var info = TaskInfo(name: task.name, kind: task.kind, labels: task.labels, bits: bits)
        info.twoStage = data.split.map { task.labels[$0] }
        info.scope = Trainer.scope(of: task.name, rows.map { records[$0] }, given: options.taskScopes[task.name])
        if task.kind == .multi {
            let rule = options.taskLabelThresholds[task.name] ?? options.labelThresholds
            if let devData {
                let probs = (0..<devData.rows).map { trained.probabilities(devData.x.row($0)) }
                info.thresholds = Trainer.tuneThresholds(probs: probs, data: devData, rule: rule)
                info.thresholdSource = "dev" + (rule == .shared ? ", shared" : "")
            } else if data.rows >= 30 {
                let probs = localOptions.outOfFold(task, data: data, bits: bits, folds: 3)
                info.thresholds = Trainer.tuneThresholds(probs: probs, data: data, rule: rule)
                info.thresholdSource = "3-fold out-of-fold predictions on train" + (rule == .shared ? ", shared" : "")
            } else {
                info.thresholds = [Float](repeating: 0.5, count: K)
                info.thresholdSource = "default 0.5 (too few records to tune)"
            }
        } else if let devData {
            info.temperature = Calibration.fitTemperature(head: trained, data: devData)
        }
        if let sc = nbScales { trained = NBScaling.fold(trained, scales: sc) }
        var devResult: [String: Double]? = nil
        var devMetricValue: Double? = nil
        if let devData {
            let m = Trainer.devMetric(head: trained, data: devData, task: task, thresholds: info.thresholds)
            devMetricValue = m.value
            devResult = [m.name: m.value]
        }
        progress(.taskFinished(task: task.name, bestIteration: kept, devMetric: devMetricValue))
        return (info, trained, devResult)
    }

    /// Trains a model.
    /// - Parameters:
    ///   - records: training records.
    ///   - dev: optional dev records for early stopping, multi-label thresholds, calibration and the dev report.
    ///   - files / devFiles: recorded in the model (path and SHA-256).
    public func train(_ records: [Record], dev: [Record] = [], files: [TrainingFile] = [], devFiles: [TrainingFile] = []) throws -> SlantModel {
        try options.validate()
        guard !records.isEmpty else { throw SlantError.usage("no training records") }
        let tasks = try Trainer.discoverTasks(records, only: options.tasks)
        guard !tasks.isEmpty else { throw SlantError.usage("the training data has no labels (every record's \"labels\" is empty)") }
        for t in tasks { if let note = t.neverAbsentNote { progress(.note(task: t.name, message: note)) } }
        for t in options.taskFeatures.keys where !tasks.contains(where: { $0.name == t }) {
            throw SlantError.usage("per-task settings name task \"\(t)\", which the training data does not have; tasks: \(tasks.map { $0.name }.joined(separator: ", "))")
        }
        // Feature sets: distinct specs in order of first use.
        var specs: [FeatureSpec] = []
        var setOf: [String: Int] = [:]
        for t in tasks {
            let spec = options.taskFeatures[t.name] ?? options.features
            try spec.validate()
            if let k = specs.firstIndex(of: spec) { setOf[t.name] = k } else { specs.append(spec); setOf[t.name] = specs.count - 1 }
        }
        var idfs: [[Float]] = [], topicTables: [[Float]] = []
        var known: [KnownWords?] = []
        var infos: [TaskInfo] = []
        var heads: [LinearHead] = []
        var devResults: [String: [String: Double]] = [:]
        for (k, spec) in specs.enumerated() {
            let setTasks = tasks.filter { setOf[$0.name] == k }
            // Only the records that some task of this set learns from are featurized with it.
            let used = records.filter { r in setTasks.contains { r.labels[$0.name] != nil } }
            let usedDev = dev.filter { r in setTasks.contains { r.labels[$0.name] != nil } }
            let t0 = Date()
            let idf = spec.useIDF ? Featurizer.fitIDF(spec: spec, records: used, threads: options.threads) : []
            let topics = TopicSpace.fit(Featurizer(spec: spec, idf: idf), records: used, seed: options.seed)
            let featurizer = Featurizer(spec: spec, idf: idf, topics: topics)
            let x = Trainer.featurize(used, featurizer: featurizer, threads: options.threads)
            let xDev = usedDev.isEmpty ? CSRMatrix() : Trainer.featurize(usedDev, featurizer: featurizer, threads: options.threads)
            progress(.featurized(records: used.count + usedDev.count, seconds: Date().timeIntervalSince(t0)))
            idfs.append(idf); topicTables.append(topics)
            known.append(options.knownWords ? KnownWords.fit(used) : nil)
            for task in setTasks {
                let (info, head, dev) = try trainTask(task, spec: spec, records: used, x: x, dev: usedDev, xDev: xDev)
                var i = info
                i.featureSet = k
                infos.append(i); heads.append(head)
                if let dev { devResults[task.name] = dev }
            }
        }
        // Heads in the order of the tasks (sorted by name), whatever their feature sets.
        let order = tasks.map { t in infos.firstIndex { $0.name == t.name }! }
        infos = order.map { infos[$0] }
        heads = order.map { heads[$0] }
        var training = TrainingInfo()
        training.options = options.recorded
        training.files = files
        training.devFiles = devFiles
        training.dev = devResults
        var header = ModelHeader(featureSets: specs, tasks: infos, training: training)
        if known.contains(where: { $0 != nil }) { header.known = known }
        return SlantModel(header: header, idf: idfs, topics: topicTables, heads: heads)
    }
}
