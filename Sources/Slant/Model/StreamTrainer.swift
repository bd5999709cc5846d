import Foundation

/// Out-of-core training (`slant-train --stream`): AdaGrad over data larger than memory, reading the input files
/// again for every pass, so peak memory is the model, AdaGrad's state and one chunk of records, whatever the
/// data's size.
///
/// Pass 0 reads the files once to find the tasks, their labels and counts, and the document frequencies for
/// IDF. Each epoch then reads the files chunk by chunk (`chunkRecords` records), featurizes a chunk, and runs
/// AdaGrad over its rows in a seeded shuffle within the chunk. Class weights and the L2 share per row come
/// from the whole data's counts, as in memory.
///
/// Against in-memory AdaGrad (`Trainer` with `--optimizer adagrad`): when the data fits in one chunk, and the
/// head has the feature set's full 2^bits buckets, the models are bit-identical (the same rows in the same
/// shuffled order, the same arithmetic; `StreamTrainerTests` checks it). With several chunks the shuffle is
/// within chunks, so the models differ (see README for the measured difference). Not available in streaming:
/// dev early stopping and temperature calibration (no dev pass), tuned multi-label thresholds (0.5), heads
/// smaller than the feature set.
public struct StreamTrainer {
    public var options: TrainingOptions
    public var readerOptions: ReaderOptions
    public var skipInvalid = false
    /// Records per chunk: the memory bound, with the model.
    public var chunkRecords = 50_000
    public var progress: (String) -> Void = { _ in }

    public init(options: TrainingOptions, readerOptions: ReaderOptions) {
        self.options = options; self.readerOptions = readerOptions
    }

    /// Calls `body` with each chunk of records of `paths`, in order.
    func chunks(_ paths: [String], report: inout SkipReport, _ body: ([Record]) throws -> Void) throws {
        var chunk: [Record] = []
        chunk.reserveCapacity(min(chunkRecords, 1 << 16))
        try RecordReader.forEach(paths, options: readerOptions, skipInvalid: skipInvalid, report: &report) { r in
            chunk.append(r)
            if chunk.count >= chunkRecords { try body(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    /// Why `options` cannot be trained in a stream, or nil: two-stage heads and topic spaces are fitted in
    /// memory, and NB scaling and the outlet filter count features over the whole training set before fitting.
    public static func unsupported(_ options: TrainingOptions) -> String? {
        let o = options
        if !o.taskTwoStage.isEmpty { return "--two-stage heads are fitted in memory; they do not go with --stream" }
        if o.features.topics > 0 || o.taskFeatures.values.contains(where: { $0.topics > 0 }) {
            return "--topics factorises the whole training matrix before fitting; it does not go with --stream"
        }
        if o.groupBalanceAll != nil || !o.taskGroupBalance.isEmpty {
            return "--group-balance counts each source's records over the whole training set before fitting; it does not go with --stream"
        }
        guard o.nbScalingAll || !o.taskNB.isEmpty || o.outletFilterAll != nil || !o.taskOutletFilter.isEmpty
            || o.minOutletsAll != nil || !o.taskMinOutlets.isEmpty else { return nil }
        return "--nb-scaling, --outlet-filter and --min-outlets count features over the whole training set before fitting; they do not go with --stream"
    }

    /// Trains a model from the files at `paths` (regular files: each is read once per epoch, plus once).
    /// - Throws: `SlantError.usage` for streams that cannot be read again, a non-AdaGrad optimiser, options
    ///   that need the whole set in memory (`unsupported`), or no labels.
    public func train(_ paths: [String], report: inout SkipReport) throws -> SlantModel {
        try options.validate()
        if let why = StreamTrainer.unsupported(options) { throw SlantError.usage(why) }
        for p in paths {
            var st = stat()
            guard p != "-", stat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                throw SlantError.usage("--stream reads its input once per epoch: \(p) is not a regular file (write stdin or a pipe to a file first)")
            }
        }
        let optimizers = Set([options.optimizer] + Array(options.taskOptimizer.values))
        guard optimizers == [.adagrad] else {
            throw SlantError.usage("--stream trains with AdaGrad only (it passes over the data in order); give --optimizer adagrad (and no per-task lbfgs)")
        }
        // Pass 0: tasks, counts and document frequencies.
        var kinds: [String: HeadKind] = [:]
        var counts: [String: [String: Int]] = [:]
        var rowsOf: [String: Int] = [:]
        var total = 0
        var skipped = SkipReport()
        var perFile: [String: Int] = [:]
        var samples: [String: [Record]] = [:]   // up to 10,000 labeled records per task, to infer its scope
        try chunks(paths, report: &skipped) { chunk in
            for r in chunk {
                total += 1
                perFile[r.file, default: 0] += 1
                for (task, v) in r.labels {
                    if !options.tasks.isEmpty && !options.tasks.contains(task) { continue }
                    let k: HeadKind
                    if case .multi = v { k = .multi } else { k = .single }
                    if let prev = kinds[task], prev != k {
                        throw SlantError.invalidInput(file: r.file, line: r.line, message: "labels.\(task) is a \(k == .multi ? "list" : "string") here but a \(prev == .multi ? "list" : "string") in earlier records; a task is either single-label or multi-label")
                    }
                    kinds[task] = k
                    rowsOf[task, default: 0] += 1
                    if samples[task, default: []].count < 10_000 { samples[task, default: []].append(r) }
                    for l in v.all { counts[task, default: [:]][l, default: 0] += 1 }
                }
            }
        }
        let tasks = kinds.keys.sorted().map { t -> TaskDescription in
            let labels = counts[t, default: [:]].keys.sorted()
            return TaskDescription(name: t, kind: kinds[t]!, labels: labels, counts: labels.map { counts[t]![$0]! }, rows: rowsOf[t] ?? 0)
        }
        guard !tasks.isEmpty else { throw SlantError.usage("the training data has no labels") }
        for t in tasks {
            if let why = t.unlearnable { throw SlantError.usage(why) }
            if let note = t.neverAbsentNote { progress("\(t.name): \(note)") }
        }
        var specs: [FeatureSpec] = []
        var setOf: [String: Int] = [:]
        for t in tasks {
            let spec = options.taskFeatures[t.name] ?? options.features
            if let k = specs.firstIndex(of: spec) { setOf[t.name] = k } else { specs.append(spec); setOf[t.name] = specs.count - 1 }
        }
        var dfs = specs.map { [Int32](repeating: 0, count: $0.buckets) }
        var docs = [Int](repeating: 0, count: specs.count)
        var again = SkipReport()   // later passes meet the same invalid records: counted once, in pass 0
        try chunks(paths, report: &again) { chunk in
            for (k, spec) in specs.enumerated() where spec.useIDF {
                let used = chunk.filter { r in tasks.contains { setOf[$0.name] == k && r.labels[$0.name] != nil } }
                let df = Featurizer.documentFrequencies(spec: spec, records: used, threads: options.threads)
                for i in df.indices { dfs[k][i] += df[i] }
                docs[k] += used.count
            }
        }
        let featurizers = specs.enumerated().map { k, spec in
            Featurizer(spec: spec, idf: spec.useIDF ? Featurizer.idf(dfs[k], documents: docs[k], dropUnseen: spec.dropUnseen) : [])
        }
        progress("read \(total) records, \(tasks.count) task\(tasks.count == 1 ? "" : "s"); IDF fitted")
        // Heads and their AdaGrad state.
        var heads: [(task: TaskDescription, set: Int, bits: Int, state: AdaGradState, rng: SplitMix64, l2: Float, epochs: Int)] = []
        for t in tasks {
            let k = setOf[t.name]!
            var bits = specs[k].bits
            while bits > min(10, specs[k].bits) && Double((1 << bits) * t.labels.count * 4) > options.maxHeadMiB * 1_048_576 { bits -= 1 }
            let params = [Float](repeating: 0, count: (1 << bits) * t.labels.count + t.labels.count)
            heads.append((t, k, bits, AdaGradState(params: params, labels: t.labels.count, bits: bits), SplitMix64(seed: options.seed),
                          options.taskL2[t.name] ?? options.l2, options.taskEpochs[t.name] ?? options.epochs ?? 10))
        }
        let maxEpochs = heads.map { $0.epochs }.max() ?? 1
        for epoch in 1...maxEpochs {
            var loss = 0.0
            let t0 = Date()
            try chunks(paths, report: &again) { chunk in
                for (k, f) in featurizers.enumerated() {
                    let mine = heads.indices.filter { heads[$0].set == k && heads[$0].epochs >= epoch }
                    guard !mine.isEmpty else { continue }
                    let used = chunk.filter { r in mine.contains { r.labels[heads[$0].task.name] != nil } }
                    let x = Trainer.featurize(used, featurizer: f, threads: options.threads)
                    for h in mine {
                        let task = heads[h].task
                        let rows = used.indices.filter { used[$0].labels[task.name] != nil }
                        var data = try Trainer.headData(task, rows: rows, records: used, x: x, weighting: .none)
                        StreamTrainer.setWeights(&data, task: task, rows: rowsOf[task.name] ?? rows.count, weighting: options.classWeight)
                        var order = Array(0..<data.rows)
                        heads[h].rng.shuffle(&order)
                        loss += heads[h].state.pass(data, order: order, l2PerRow: heads[h].l2 / Float(max(1, rowsOf[task.name] ?? 1)),
                                                    learningRate: options.learningRate, batchSize: 16)
                    }
                }
            }
            progress(String(format: "epoch %d/%d: loss %.6g in %.1f s", epoch, maxEpochs, loss, Date().timeIntervalSince(t0)))
        }
        report = skipped
        var infos: [TaskInfo] = [], linear: [LinearHead] = []
        for h in heads {
            var params: [Float] = []
            h.state.copyOut(into: &params)
            let K = h.task.labels.count, w = (1 << h.bits) * K
            var info = TaskInfo(name: h.task.name, kind: h.task.kind, labels: h.task.labels, bits: h.bits)
            info.featureSet = h.set
            info.scope = Trainer.scope(of: h.task.name, samples[h.task.name] ?? [], given: options.taskScopes[h.task.name])
            if h.task.kind == .multi {
                info.thresholds = [Float](repeating: 0.5, count: K)
                info.thresholdSource = "default 0.5 (streamed training)"
            }
            infos.append(info)
            linear.append(LinearHead(kind: h.task.kind, labels: K, bits: h.bits, weights: Array(params[0..<w]), bias: Array(params[w...])))
        }
        var training = TrainingInfo()
        training.options = options.recorded
        training.options["stream_chunk_records"] = String(chunkRecords)
        training.files = try paths.map { TrainingFile(path: $0, sha256: try SHA256.fileIfRegular($0) ?? "", records: perFile[$0] ?? 0) }
        return SlantModel(header: ModelHeader(featureSets: specs, tasks: infos, training: training),
                          idf: featurizers.map { $0.idf }, heads: linear)
    }

    /// Class weights from the whole data's counts (a chunk's own counts would weight chunks differently).
    static func setWeights(_ d: inout HeadData, task: TaskDescription, rows: Int, weighting: ClassWeighting) {
        guard weighting == .balanced else { return }
        let K = task.labels.count
        if task.kind == .single {
            d.classWeight = task.counts.map { $0 > 0 ? Float(rows) / Float(K * $0) : 1 }
        } else {
            let n = Float(rows)
            d.positiveWeight = task.counts.map { $0 > 0 ? n / (2 * Float($0)) : 1 }
            d.negativeWeight = task.counts.map { n - Float($0) > 0 ? n / (2 * (n - Float($0))) : 1 }
        }
    }
}
