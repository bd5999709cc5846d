import Foundation

/// Which optimiser trains the heads.
public enum OptimizerKind: String, Codable, CaseIterable, Sendable {
    /// Full-batch L-BFGS on the exact regularised objective (default: deterministic, no learning rate to tune).
    case lbfgs
    /// Minibatch AdaGrad.
    case adagrad
}

/// How classes are weighted in the loss.
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
    public var seed: UInt64 = 1
    public var threads = 1
    /// Upper bound on one head's weight matrix, in MiB; heads fold their buckets until they fit.
    public var maxHeadMiB: Double = 4
    /// Evaluations on dev without improvement before stopping early.
    public var patience = 3
    /// Per-task scopes (what each head applies to); tasks not listed get `HeadScope.inferred` from their data.
    public var taskScopes: [String: HeadScope.Override] = [:]
    public init() {}

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
        return o
    }
}

/// Progress of a training run, for the command line's progress display.
public enum TrainingEvent: Sendable {
    case featurized(records: Int, seconds: Double)
    case taskStarted(task: String, rows: Int, labels: Int, bits: Int)
    case iteration(task: String, iteration: Int, of: Int, loss: Double, devMetric: Double?, rowsPerSecond: Double)
    case taskFinished(task: String, bestIteration: Int, devMetric: Double?)
}

/// A task found in the training data.
public struct TaskDescription: Sendable {
    public var name: String
    public var kind: HeadKind
    public var labels: [String]
    /// Count per label (records for single-label tasks, occurrences for multi-label tasks).
    public var counts: [Int]
}

/// Trains a multi-task `SlantModel` from labeled records.
public struct Trainer {
    public var options: TrainingOptions
    public var progress: (TrainingEvent) -> Void = { _ in }

    public init(options: TrainingOptions) { self.options = options }

    /// The tasks in `records`, with labels in sorted order.
    /// - Throws: when a task mixes single labels and label lists, or a requested task has no labels.
    public static func discoverTasks(_ records: [Record], only: [String] = []) throws -> [TaskDescription] {
        var kinds: [String: HeadKind] = [:]
        var counts: [String: [String: Int]] = [:]
        for r in records {
            for (task, v) in r.labels {
                if !only.isEmpty && !only.contains(task) { continue }
                let k: HeadKind
                if case .multi = v { k = .multi } else { k = .single }
                if let prev = kinds[task], prev != k {
                    throw SlantError.invalidInput(file: r.file, line: r.line,
                        message: "labels.\(task) is a \(k == .multi ? "list" : "string") here but a \(prev == .multi ? "list" : "string") in earlier records; a task is either single-label or multi-label")
                }
                kinds[task] = k
                for l in v.all { counts[task, default: [:]][l, default: 0] += 1 }
                if counts[task] == nil { counts[task] = [:] }
            }
        }
        for t in only where kinds[t] == nil {
            let known = kinds.keys.sorted().joined(separator: ", ")
            throw SlantError.usage("task \"\(t)\" has no labels in the training data; tasks found: \(known.isEmpty ? "none" : known)")
        }
        return kinds.keys.sorted().map { t in
            let labels = counts[t, default: [:]].keys.sorted()
            return TaskDescription(name: t, kind: kinds[t]!, labels: labels, counts: labels.map { counts[t]![$0]! })
        }
    }

    /// Featurizes records into a CSR matrix, in parallel over `threads`, in input order.
    public static func featurize(_ records: [Record], featurizer: Featurizer, threads: Int) -> CSRMatrix {
        let t = max(1, min(threads, records.count))
        let parts = Parallel.collect(t) { c -> CSRMatrix in
            var scratch = FeatureScratch()
            var m = CSRMatrix()
            let lo = records.count * c / t, hi = records.count * (c + 1) / t
            for i in lo..<hi { m.append(featurizer.featurize(records[i], scratch: &scratch)) }
            return m
        }
        var all = CSRMatrix()
        for p in parts { for r in 0..<p.rows { all.append(p.row(r)) } }
        return all
    }

    static func headData(_ task: TaskDescription, rows: [Int], records: [Record], x: CSRMatrix,
                         weighting: ClassWeighting) throws -> HeadData {
        var d = HeadData(x: x.subset(rows), kind: task.kind, labels: task.labels.count)
        let index = Dictionary(uniqueKeysWithValues: task.labels.enumerated().map { ($1, $0) })
        let K = task.labels.count
        if task.kind == .single {
            d.y = try rows.map { r -> Int32 in
                guard case .single(let l)? = records[r].labels[task.name] else {
                    throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                                                  message: "labels.\(task.name) must be a string for a single-label task")
                }
                guard let i = index[l] else {
                    throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                        message: "label \"\(l)\" of task \(task.name) does not occur in the training data; known: \(task.labels.joined(separator: ", "))")
                }
                return Int32(i)
            }
            if weighting == .balanced {
                var c = [Int](repeating: 0, count: K)
                for y in d.y { c[Int(y)] += 1 }
                d.classWeight = c.map { $0 > 0 ? Float(rows.count) / Float(K * $0) : 1 }
            }
        } else {
            d.yMulti = [UInt8](repeating: 0, count: rows.count * K)
            var pos = [Int](repeating: 0, count: K)
            for (i, r) in rows.enumerated() {
                for l in records[r].labels[task.name]?.all ?? [] {
                    guard let k = index[l] else {
                        throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                            message: "label \"\(l)\" of task \(task.name) does not occur in the training data; known: \(task.labels.joined(separator: ", "))")
                    }
                    d.yMulti[i * K + k] = 1; pos[k] += 1
                }
            }
            if weighting == .balanced {
                let n = Float(rows.count)
                d.positiveWeight = pos.map { $0 > 0 ? n / (2 * Float($0)) : 1 }
                d.negativeWeight = pos.map { Float(rows.count) - Float($0) > 0 ? n / (2 * (n - Float($0))) : 1 }
            }
        }
        return d
    }

    /// The head's bucket bits: enough for its distinct features, within the spec's bits and the size cap.
    static func headBits(_ x: CSRMatrix, labels: Int, spec: FeatureSpec, maxMiB: Double) -> Int {
        var used = [Bool](repeating: false, count: spec.buckets)
        var distinct = 0
        x.indices.withUnsafeBufferPointer { idx in
            for i in idx where !used[Int(i)] { used[Int(i)] = true; distinct += 1 }
        }
        var b = 10
        while b < spec.bits && (1 << b) < 2 * distinct { b += 1 }
        while b > 10 && Double((1 << b) * labels * 4) > maxMiB * 1_048_576 { b -= 1 }
        return b
    }

    /// The dev metric used for early stopping: the task's official metric where Slant knows it (FNC-1 relative
    /// score for `headline_stance`, F_avg when the labels include favor and against), else macro-F1
    /// (single-label) or micro-F1 (multi-label).
    static func devMetric(head: LinearHead, data: HeadData, task: TaskDescription, thresholds: [Float]? = nil) -> (name: String, value: Double) {
        var gold: [Int] = [], pred: [Int] = []
        var gm: [[Bool]] = [], pm: [[Bool]] = []
        let K = data.labels
        for r in 0..<data.rows {
            let p = head.probabilities(data.x.row(r))
            if data.kind == .single {
                gold.append(Int(data.y[r]))
                pred.append(p.indices.max { p[$0] < p[$1] }!)
            } else {
                gm.append((0..<K).map { data.yMulti[r * K + $0] != 0 })
                pm.append((0..<K).map { p[$0] >= (thresholds?[$0] ?? 0.5) })
            }
        }
        if data.kind == .single {
            let r = Metrics.singleLabel(task: task.name, labels: task.labels, gold: gold, predicted: pred)
            if let f = r.fncRelativeScore { return ("fnc_relative_score", f) }
            if let f = r.fAvg { return ("f_avg", f) }
            return ("macro_f1", r.macroF1)
        }
        return ("micro_f1", Metrics.multiLabel(task: task.name, labels: task.labels, gold: gm, predicted: pm).microF1 ?? 0)
    }

    /// Multi-label decision thresholds from held-out probabilities: one shared threshold maximising micro-F1,
    /// replaced by a label's own F1-maximising threshold only for labels with at least 50 positive examples
    /// (per-label thresholds from a handful of positives overfit).
    static func tuneThresholds(probs: [[Float]], data: HeadData) -> [Float] {
        let K = data.labels
        let grid = (1..<20).map { Float($0) * 0.05 }
        func counts(_ k: Int, _ th: Float) -> (tp: Int, fp: Int, fn: Int) {
            var tp = 0, fp = 0, fn = 0
            for r in 0..<data.rows {
                let g = data.yMulti[r * K + k] != 0, p = probs[r][k] >= th
                if g && p { tp += 1 } else if p { fp += 1 } else if g { fn += 1 }
            }
            return (tp, fp, fn)
        }
        func f1(_ c: (tp: Int, fp: Int, fn: Int)) -> Double { c.tp == 0 ? 0 : 2.0 * Double(c.tp) / Double(2 * c.tp + c.fp + c.fn) }
        var shared: Float = 0.5, bestMicro = -1.0
        for th in grid {
            var tp = 0, fp = 0, fn = 0
            for k in 0..<K { let c = counts(k, th); tp += c.tp; fp += c.fp; fn += c.fn }
            let f = f1((tp, fp, fn))
            if f > bestMicro + 1e-12 { bestMicro = f; shared = th }
        }
        return (0..<K).map { k in
            let positives = (0..<data.rows).filter { data.yMulti[$0 * K + k] != 0 }.count
            guard positives >= 50 else { return shared }
            var best = shared, bestF = f1(counts(k, shared))
            for th in grid { let f = f1(counts(k, th)); if f > bestF + 1e-12 { bestF = f; best = th } }
            return best
        }
    }

    /// Fits one head on `data`, with early stopping on `devData` when given.
    /// - Returns: the head and the iteration kept (-1: the last one).
    func fitHead(_ task: TaskDescription, data: HeadData, devData: HeadData?, bits: Int, report: Bool) -> (head: LinearHead, kept: Int) {
        let l2 = options.l2   // per-task overrides are applied by trainTask
        let objective = Objective(data: data, bits: bits, l2: l2, threads: options.threads)
        var params = [Float](repeating: 0, count: objective.dimension)
        let K = task.labels.count
        func head(_ p: [Float]) -> LinearHead {
            LinearHead(kind: task.kind, labels: K, bits: bits, weights: Array(p[0..<(p.count - K)]), bias: Array(p[(p.count - K)...]))
        }
        var best: (iteration: Int, metric: Double, params: [Float])? = nil
        var sinceBest = 0
        var lastTime = Date()
        let evalEvery = options.optimizer == .lbfgs ? 5 : 1
        let maxIter = options.epochs ?? (options.optimizer == .lbfgs ? 100 : 10)
        let callback: (Int, Double, [Float]) -> Bool = { iter, loss, p in
            let now = Date()
            let rps = Double(data.rows) / max(1e-9, now.timeIntervalSince(lastTime))
            lastTime = now
            var metric: Double? = nil
            if let devData, iter % evalEvery == 0 || iter == maxIter {
                let m = Trainer.devMetric(head: head(p), data: devData, task: task).value
                metric = m
                if best == nil || m > best!.metric + 1e-9 { best = (iter, m, p); sinceBest = 0 } else { sinceBest += 1 }
            }
            if report {
                self.progress(.iteration(task: task.name, iteration: iter, of: maxIter, loss: loss, devMetric: metric, rowsPerSecond: rps))
            }
            return sinceBest < self.options.patience
        }
        switch options.optimizer {
        case .lbfgs:
            LBFGS(maxIterations: maxIter).minimize(&params, { objective.evaluate($0, gradient: &$1) }, callback: callback)
        case .adagrad:
            AdaGrad(learningRate: options.learningRate, epochs: maxIter, seed: options.seed)
                .train(data, bits: bits, l2: l2, params: &params, callback: callback)
        }
        // Keep the final weights unless dev says an earlier iteration was better.
        if let devData, let b = best {
            let finalMetric = Trainer.devMetric(head: head(params), data: devData, task: task).value
            if b.metric > finalMetric + 1e-9 { return (head(b.params), b.iteration) }
        }
        return (head(params), -1)
    }

    /// Out-of-fold probabilities on the training rows (`folds`-fold, rows assigned by a seeded shuffle).
    func outOfFold(_ task: TaskDescription, data: HeadData, bits: Int, folds: Int) -> [[Float]] {
        var order = Array(0..<data.rows)
        var rng = SplitMix64(seed: options.seed &+ 0xF01D)
        rng.shuffle(&order)
        var fold = [Int](repeating: 0, count: data.rows)
        for (i, r) in order.enumerated() { fold[r] = i % folds }
        var probs = [[Float]](repeating: [], count: data.rows)
        for f in 0..<folds {
            let trainRows = (0..<data.rows).filter { fold[$0] != f }
            let testRows = (0..<data.rows).filter { fold[$0] == f }
            let h = fitHead(task, data: data.subset(trainRows), devData: nil, bits: bits, report: false).head
            for r in testRows { probs[r] = h.probabilities(data.x.row(r)) }
        }
        return probs
    }

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
        let data = try Trainer.headData(task, rows: rows, records: records, x: x, weighting: options.classWeight)
        let devRows = dev.indices.filter { dev[$0].labels[task.name] != nil }
        let devData = devRows.isEmpty ? nil : try Trainer.headData(task, rows: devRows, records: dev, x: xDev, weighting: .none)
        let bits = Trainer.headBits(data.x, labels: task.labels.count, spec: spec, maxMiB: options.maxHeadMiB)
        progress(.taskStarted(task: task.name, rows: rows.count, labels: task.labels.count, bits: bits))
        let (trained, kept) = localOptions.fitHead(task, data: data, devData: devData, bits: bits, report: true)
        let K = task.labels.count
        var info = TaskInfo(name: task.name, kind: task.kind, labels: task.labels, bits: bits)
        info.scope = Trainer.scope(of: task.name, rows.map { records[$0] }, given: options.taskScopes[task.name])
        if task.kind == .multi {
            if let devData {
                let probs = (0..<devData.rows).map { trained.probabilities(devData.x.row($0)) }
                info.thresholds = Trainer.tuneThresholds(probs: probs, data: devData)
                info.thresholdSource = "dev"
            } else if data.rows >= 30 {
                let probs = localOptions.outOfFold(task, data: data, bits: bits, folds: 3)
                info.thresholds = Trainer.tuneThresholds(probs: probs, data: data)
                info.thresholdSource = "3-fold out-of-fold predictions on train"
            } else {
                info.thresholds = [Float](repeating: 0.5, count: K)
                info.thresholdSource = "default 0.5 (too few records to tune)"
            }
        } else if let devData {
            info.temperature = Calibration.fitTemperature(head: trained, data: devData)
        }
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
        guard !records.isEmpty else { throw SlantError.usage("no training records") }
        let tasks = try Trainer.discoverTasks(records, only: options.tasks)
        guard !tasks.isEmpty else { throw SlantError.usage("the training data has no labels (every record's \"labels\" is empty)") }
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
        var idfs: [[Float]] = []
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
            let featurizer = Featurizer(spec: spec, idf: idf)
            let x = Trainer.featurize(used, featurizer: featurizer, threads: options.threads)
            let xDev = usedDev.isEmpty ? CSRMatrix() : Trainer.featurize(usedDev, featurizer: featurizer, threads: options.threads)
            progress(.featurized(records: used.count + usedDev.count, seconds: Date().timeIntervalSince(t0)))
            idfs.append(idf)
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
        let header = ModelHeader(featureSets: specs, tasks: infos, training: training)
        return SlantModel(header: header, idf: idfs, heads: heads)
    }
}
