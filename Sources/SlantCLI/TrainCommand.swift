import ArgumentParser
import Foundation
import Slant

/// `slant-train`: trains a multi-task model from labeled records.
public struct TrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-train",
        abstract: "Train a Slant model (one head per task) from labeled JSONL or CSV.",
        discussion: """
        Every task named in the records' "labels" gets a head: a string label makes a single-label (softmax) \
        task, a list of labels a multi-label (one-vs-rest sigmoid) task. The data format is documented in \
        datasets/README.md.

        Examples:
          slant-train --data train.jsonl --dev dev.jsonl --output model.slant
          slant-train --data train.jsonl --folds 5 --group-by source --json
          slant-train --data train.jsonl --search --bits 16 --output model.slant
        """,
        version: Slant.version)

    @Option(name: .long, parsing: .upToNextOption, help: "Training files (JSONL, JSONL.gz, CSV, TSV; '-' for stdin), or folders of them (every such file under one, in path order).")
    var data: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Dev files: early stopping, multi-label thresholds, dev report.")
    var dev: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Train only these tasks (default: every task in the data).")
    var task: [String] = []
    @Option(name: [.short, .long], help: "Where to write the model (optional with --folds).")
    var output: String?

    @OptionGroup(title: "Features") var features: FeatureOptions
    @Flag(name: .customLong("nb-scaling"), help: "NB-SVM scaling (Wang & Manning 2012) for every task: features scaled by their Naive Bayes log-count ratio while fitting (folded into the weights afterwards).")
    var nbScaling = false
    @Option(name: .customLong("outlet-filter"), help: ArgumentHelp("For every task: drop the features whose training documents come from one outlet (the records' source) in at least this share, in (0, 1]: outlet fingerprints (bylines, captions, boilerplate) that do not carry to unseen outlets.", valueName: "share"))
    var outletFilter: Float?
    @Option(name: .customLong("min-outlets"), help: ArgumentHelp("For every task: drop the features that occur in fewer of the training outlets (the records' sources) than this: below 1 a share of the outlets, from 1 a count (as scikit-learn's min_df). Words most outlets use carry to outlets never seen.", valueName: "share|count"))
    var minOutlets: Double?
    @Option(name: .customLong("group-balance"), help: ArgumentHelp("For every task: weigh each training record by n^-α, n the task's records from the same source (outlet), α in [0, 1] (1: every outlet counts the same; 0: no balancing). Class weights follow the weighted counts.", valueName: "alpha"))
    var groupBalance: Float?
    @Option(help: ArgumentHelp("Per-task feature settings, --l2, --optimizer, --epochs, --nb-scaling, --outlet-filter, --min-outlets and --group-balance, TASK='OPTIONS' (repeatable), e.g. target_stance='--char-ngrams 2-5 --interactions target*text --l2 0.3'. The task's options start from the defaults, not from the global ones.", valueName: "task=options"))
    var taskOptions: [String] = []

    @Option(help: "Optimizer: lbfgs (full batch, default) or adagrad (minibatch).") var optimizer: String = "lbfgs"
    @Option(help: "Passes over the data (L-BFGS iterations, default 100; AdaGrad epochs, default 10).") var epochs: Int?
    @Option(help: "L2 regularisation λ (1 = scikit-learn's C = 1).") var l2: Float = 1
    @Option(help: ArgumentHelp("Per-task L2, TASK=VALUE (repeatable).", valueName: "task=value")) var taskL2: [String] = []
    @Option(help: "AdaGrad learning rate.") var learningRate: Float = 0.2
    @Option(help: "Class weights: balanced or none.") var classWeight: String = "balanced"
    @Option(help: "Multi-label decision thresholds: shared (one for every label) or per-label (a label with at least 50 positives gets its own).")
    var labelThresholds: String = "shared"
    @Option(help: "Random seed (AdaGrad's shuffling).") var seed: UInt64 = 1
    @Option(help: "Threads for featurizing and gradients (default: every core). The model is bit-identical for the same data, options, seed and thread count.") var threads: Int = defaultThreads
    @Option(help: "Largest weight matrix of one head, in MiB (heads fold their hash buckets to fit).") var maxHeadMib: Double = 4
    @Option(help: "Dev evaluations without improvement before stopping early.") var patience: Int = 3
    @Flag(name: [.short, .long], help: "Print nothing but errors.") var quiet = false
    @Option(help: "Cross-validate with K folds (SHA-1 of \"cv\" + id, or of the --group-by field, mod K) and print the out-of-fold report; --output then also gets a model trained on all the data.")
    var folds: Int?
    @Option(help: "Repeat cross-validation with this many different fold assignments (--folds and --search report mean ± sd over every fold).")
    var repeats: Int = 3
    @Option(help: "Keep records with the same value of this field in one fold: \(CrossValidation.groupFields.joined(separator: ", ")).")
    var groupBy: String?
    @Flag(help: "With --folds: also report each task's out-of-fold predictions by the records' source (with --group-by source, each outlet as a held-out outlet): size, each label's share gold → predicted, accuracy, macro-F1.")
    var bySource = false
    @Flag(help: "Print the cross-validation report as JSON (as slant-eval --json).") var json = false
    @Flag(help: "Search L2 {0.3, 1, 3} × n-grams {1, 2} × char n-grams {off, 2-5} by --repeats × --folds (default 3 × 5) cross-validation, choose by the one-standard-error rule (dev, if given, is reported but does not choose) and train --output with the choice.")
    var search = false

    @Flag(help: "Train out of core: read the data files again for every AdaGrad epoch, one chunk at a time, so memory stays at the model plus one chunk whatever the data's size (AdaGrad only; no --dev, --folds or --search).")
    var stream = false
    @Option(help: "With --stream: records per chunk (the memory bound besides the model).")
    var chunkRecords: Int = 50_000
    @Option(name: .long, parsing: .upToNextOption, help: "Article-actor pairs (text, target, labels.target_sentiment; e.g. PerSenT's train split) to tune the article analysis's aggregation on, by repeated cross-validation.")
    var actorData: [String] = []
    @Flag(name: .customLong("actor-pronouns"), help: "The actor analysis also scores sentences that refer to a person actor by pronoun only (he, she, his, her ...; the person named in the nearest earlier sentence, at most two back). Stored in the model.")
    var actorPronouns = false
    @Option(name: .customLong("actor-balance"), help: "With --actor-data: weigh each article-actor pair's loss in the aggregator's fit by n^-ALPHA, n the pairs about the same actor (surname), ALPHA in [0, 1], so that data made mostly of a few actors does not teach their coverage as everyone's (default: 0, every pair the same).")
    var actorBalance: Float?
    @Flag(name: .customLong("actor-per-dataset"), help: "With two or more --actor-data files: fit the aggregator with each file as a data set of its own, each weighing the same, with its labels balanced and its own intercepts (its mix of labels), and keep the mean of the intercepts, so that the aggregator learns what the data sets share rather than one data set's label mix.")
    var actorPerDataset = false
    @Flag(name: .customLong("actor-neutral-speakers"), help: "The actor analysis counts a sentence in which the actor speaks a quotation (\"...,\" said X; X told reporters: \"...\") as neutral toward it: the quotation's tone is the speaker's, not the author's portrayal. Stored in the model.")
    var actorNeutralSpeakers = false
    @Option(name: .customLong("actor-omit-features"), help: "With --actor-data: comma-separated features the learned aggregator does not read (their weights are 0), of \(ActorFeatures.names.joined(separator: ", ")).")
    var actorOmitFeatures: String?
    @Option(name: .customLong("actor-max-sentences"), help: "The actor analysis scores at most this many of an actor's sentences, spread evenly over the article (default: all). Stored in the model.")
    var actorMaxSentences: Int?

    @Option(name: .customLong("prior-data"), help: ArgumentHelp("After training, fit TASK's class offsets (one per label, added to its intercepts) on FILE's labels: a labelled sample read the way the head should decide, e.g. articles whose leaning annotators judged by reading them, for a head trained on each outlet's rating (repeatable, one file per task; a plain single-label head; at least 10 distinct records of each label). Balanced likelihood, so the sample's own mix of labels is not learned; records with the same title, text and label count once, texts the model cannot read are passed over. Recorded in the model; --folds reports are without them.", valueName: "task=file"))
    var priorData: [String] = []
    @Option(name: .customLong("from"), help: ArgumentHelp("Adapt a trained model instead of training one: read MODEL, fit the class offsets --prior-data names on its heads as they are and, with --actor-data, the actor analysis's aggregator on those pairs (its settings from the --actor-* flags, as in training), and write the result to --output (no --data; e.g. the default model adapted to how your annotators read leaning or portray actors).", valueName: "model"))
    var from: String?

    @OptionGroup var input: InputOptions

    public init() {}

    public func validate() throws {
        if from != nil {
            if !data.isEmpty || !dev.isEmpty || folds != nil || search || stream {
                throw ValidationError("--from adapts a trained model (--prior-data, --actor-data): it goes without --data, --dev, --folds, --search and --stream")
            }
            if priorData.isEmpty && actorData.isEmpty {
                throw ValidationError("--from needs --prior-data TASK=FILE (class offsets) or --actor-data FILE (the actor analysis's aggregator) to fit on the model")
            }
            if output == nil { throw ValidationError("give --output MODEL: where to write the adapted model") }
        } else if data.isEmpty { throw ValidationError("give at least one training file with --data") }
        if output == nil && (folds == nil || search) { throw ValidationError("give --output MODEL (or --folds K to cross-validate)") }
        if let k = folds, k < 2 || k > 50 { throw ValidationError("--folds must be between 2 and 50, got \(k)") }
        if let g = groupBy, !CrossValidation.groupFields.contains(g) {
            throw ValidationError("--group-by must be one of \(CrossValidation.groupFields.joined(separator: ", ")), got '\(g)'")
        }
        if groupBy != nil && folds == nil && !search { throw ValidationError("--group-by goes with --folds or --search") }
        if bySource && (folds == nil || search) { throw ValidationError("--by-source goes with --folds (a cross-validation report)") }
        if stream && (!dev.isEmpty || folds != nil || search || !actorData.isEmpty) {
            throw ValidationError("--stream trains one model from --data: it goes without --dev, --folds, --search and --actor-data")
        }
        _ = try priorFiles()
        if stream && !priorData.isEmpty { throw ValidationError("--prior-data fits class offsets on a trained head; it does not go with --stream") }
        if stream && optimizer != "adagrad" { throw ValidationError("--stream trains with AdaGrad only: add --optimizer adagrad") }
        if stream, let o = try? trainingOptions(), let why = StreamTrainer.unsupported(o) { throw ValidationError(why) }
        if chunkRecords < 1 || chunkRecords > 10_000_000 { throw ValidationError("--chunk-records must be between 1 and 10000000, got \(chunkRecords)") }
        if let n = actorMaxSentences, n < 1 { throw ValidationError("--actor-max-sentences must be at least 1, got \(n)") }
        if let a = actorBalance, !(a >= 0 && a <= 1) {
            throw ValidationError("--actor-balance must be between 0 and 1, got \(a)")
        }
        if actorPerDataset && actorData.count < 2 {
            throw ValidationError("--actor-per-dataset needs two or more --actor-data files, got \(actorData.count)")
        }
        if (actorPronouns || actorNeutralSpeakers || actorMaxSentences != nil || actorBalance != nil || actorOmitFeatures != nil) && actorData.isEmpty {
            throw ValidationError("--actor-pronouns, --actor-neutral-speakers, --actor-max-sentences, --actor-balance and --actor-omit-features are settings of the actor analysis tuned with --actor-data; give --actor-data")
        }
        _ = try Self.omittedActorFeatures(actorOmitFeatures)
        if repeats < 1 || repeats > 20 { throw ValidationError("--repeats must be between 1 and 20, got \(repeats)") }
        if OptimizerKind(rawValue: optimizer) == nil { throw ValidationError("--optimizer must be lbfgs or adagrad, got '\(optimizer)'") }
        if ClassWeighting(rawValue: classWeight) == nil { throw ValidationError("--class-weight must be balanced or none, got '\(classWeight)'") }
        _ = try Self.labelThresholds(labelThresholds)
        try validateThreads(threads)
        for t in taskL2 {
            let p = t.split(separator: "=", maxSplits: 1)
            guard p.count == 2, Float(p[1]) != nil else { throw ValidationError("--task-l2 takes TASK=VALUE, got '\(t)'") }
        }
        // Every numeric setting is checked once, by the library (TrainingOptions.validate).
        // A lexicon file that cannot be read is a data error, not a usage error: `run()` reads it again and
        // reports it with its file and line (exit status 1), as it does a bad training file.
        do { try trainingOptions().validate() } catch let e as SlantError {
            if case .usage = e { throw ValidationError(e.description) }
        }
    }

    /// The `ActorFeatures` indices named by `--actor-omit-features` (empty without it); a usage error quotes an
    /// unknown or empty name, or a list that would leave the aggregator nothing to read.
    static func omittedActorFeatures(_ list: String?) throws -> Set<Int> {
        guard let list else { return [] }
        var out = Set<Int>()
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingCharacters(in: .whitespaces)
            guard let i = ActorFeatures.names.firstIndex(of: name) else {
                throw ValidationError("--actor-omit-features: '\(name)' is not an aggregator feature; they are \(ActorFeatures.names.joined(separator: ", "))")
            }
            out.insert(i)
        }
        if out.count == ActorFeatures.count { throw ValidationError("--actor-omit-features leaves the aggregator no feature to read") }
        return out
    }

    /// `--prior-data TASK=FILE` as (task, file) pairs in the order given; a usage error quotes a malformed value
    /// or a task named twice.
    func priorFiles() throws -> [(task: String, file: String)] {
        var out: [(task: String, file: String)] = []
        for v in priorData {
            let p = v.split(separator: "=", maxSplits: 1)
            guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else { throw ValidationError("--prior-data takes TASK=FILE, got '\(v)'") }
            if out.contains(where: { $0.task == p[0] }) { throw ValidationError("--prior-data names task \(p[0]) twice; give one file per task") }
            out.append((String(p[0]), String(p[1])))
        }
        return out
    }

    /// Per-task options: TASK → (feature options, L2).
    struct TaskOptions: ParsableArguments {
        @OptionGroup var features: FeatureOptions
        @Option var l2: Float?
        @Option var optimizer: String?
        @Option var epochs: Int?
        @Option var needs: String?
        @Option var granularity: String?
        @Option var domain: String?
        @Flag(name: .customLong("nb-scaling")) var nbScaling = false
        @Option(name: .customLong("outlet-filter")) var outletFilter: Float?
        @Option(name: .customLong("min-outlets")) var minOutlets: Double?
        @Option(name: .customLong("group-balance")) var groupBalance: Float?
        @Option(name: .customLong("two-stage"), help: "A two-stage head: first this label against the rest, then the rest among themselves (FNC-1: unrelated).")
        var twoStage: String?
        @Option(name: .customLong("label-thresholds"), help: "Multi-label decision thresholds: shared or per-label.")
        var labelThresholds: String?
        init() {}
        func validate() throws {
            _ = try scope()
            if let l = labelThresholds { _ = try TrainCommand.labelThresholds(l) }
            if let o = optimizer, OptimizerKind(rawValue: o) == nil { throw ValidationError("--optimizer must be lbfgs or adagrad, got '\(o)'") }
        }

        /// The head's scope when any of --needs, --granularity, --domain is given (the rest inferred later).
        func scope() throws -> HeadScope.Override? {
            guard needs != nil || granularity != nil || domain != nil else { return nil }
            var s = HeadScope.Override()
            if let n = needs {
                s.needs = try n.split(separator: ",").map { x in
                    guard let i = HeadScope.Input(rawValue: String(x).trimmingCharacters(in: .whitespaces)) else {
                        throw ValidationError("--needs takes a comma-separated list of \(HeadScope.Input.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(x)'")
                    }
                    return i
                }
            }
            if let g = granularity {
                guard let v = HeadScope.Granularity(rawValue: g) else {
                    throw ValidationError("--granularity must be one of \(HeadScope.Granularity.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(g)'")
                }
                s.granularity = v
            }
            if let d = domain, d.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--domain needs a description, got an empty one") }
            s.domain = domain
            return s
        }
    }

    /// `--label-thresholds` (global or in `--task-options`), or the usage error that quotes the bad value.
    static func labelThresholds(_ value: String) throws -> LabelThresholds {
        guard let l = LabelThresholds(rawValue: value) else {
            throw ValidationError("--label-thresholds must be \(LabelThresholds.allCases.map { $0.rawValue }.joined(separator: " or ")), got '\(value)'")
        }
        return l
    }

    func parseTaskOptions() throws -> [String: TaskOptions] {
        var out: [String: TaskOptions] = [:]
        for t in taskOptions {
            let p = t.split(separator: "=", maxSplits: 1)
            guard p.count == 2, !p[0].isEmpty else { throw ValidationError("--task-options takes TASK='OPTIONS', got '\(t)'") }
            do {
                let o = try TaskOptions.parse(FeatureOptions.split(String(p[1])))
                try o.validate()   // parse(_:) validates the option groups, not always this type itself
                out[String(p[0])] = o
            } catch {
                throw ValidationError("--task-options for \(p[0]): \(TaskOptions.message(for: error))")
            }
        }
        return out
    }

    func trainingOptions() throws -> TrainingOptions {
        var o = TrainingOptions()
        o.features = try features.spec()
        for (task, opts) in try parseTaskOptions() {
            o.taskFeatures[task] = try opts.features.spec()
            if let l = opts.l2 { o.taskL2[task] = l }
            if let opt = opts.optimizer { o.taskOptimizer[task] = OptimizerKind(rawValue: opt)! }
            if let e = opts.epochs { o.taskEpochs[task] = e }
            if let sc = try opts.scope() { o.taskScopes[task] = sc }
            if opts.nbScaling { o.taskNB.insert(task) }
            if let c = opts.outletFilter { o.taskOutletFilter[task] = c }
            if let m = opts.minOutlets { o.taskMinOutlets[task] = m }
            if let a = opts.groupBalance { o.taskGroupBalance[task] = a }
            if let l = opts.twoStage { o.taskTwoStage[task] = l }
            if let l = opts.labelThresholds { o.taskLabelThresholds[task] = try Self.labelThresholds(l) }
        }
        o.outletFilterAll = outletFilter
        o.minOutletsAll = minOutlets
        o.groupBalanceAll = groupBalance
        o.tasks = task
        o.nbScalingAll = nbScaling
        o.optimizer = OptimizerKind(rawValue: optimizer)!
        o.epochs = epochs
        o.l2 = l2
        for t in taskL2 { let p = t.split(separator: "=", maxSplits: 1); o.taskL2[String(p[0])] = Float(p[1])! }
        o.learningRate = learningRate
        o.classWeight = ClassWeighting(rawValue: classWeight)!
        o.labelThresholds = try Self.labelThresholds(labelThresholds)
        o.seed = seed
        o.threads = threads
        o.maxHeadMiB = maxHeadMib
        o.patience = patience
        return o
    }

    public func run() throws {
        try runReportingErrors("slant-train") {
            let start = Date()
            if stream { return try runStreaming(start) }
            if let from { return try runAdapting(from, start) }
            // The options first: a lexicon file that cannot be read is reported before the data are.
            var options = try trainingOptions()
            var skipped = SkipReport()
            let data = try dataFiles(self.data, program: "slant-train"), dev = try dataFiles(self.dev, program: "slant-train")
            let records = try readAll(data, options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            let devRecords = try readAll(dev, options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            let files = try TrainingFile.describe(data, records)
            let devFiles = try TrainingFile.describe(dev, devRecords)
            let tasks = try Trainer.discoverTasks(records, only: task)
            let display = ProgressDisplay(quiet: quiet)
            display.line("read \(records.count) training and \(devRecords.count) dev records in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            for t in tasks {
                display.line("  task \(t.name) (\(t.kind == .single ? "single-label" : "multi-label")): " +
                             zip(t.labels, t.counts).map { "\($0) \($1)" }.joined(separator: ", "))
            }
            if search {
                let k = folds ?? 5
                display.line("searching \(HyperparameterSearch.grid.count) settings by \(repeats) × \(k)-fold cross-validation\(groupBy.map { " grouped by \($0)" } ?? "")\(devRecords.isEmpty ? "" : " (dev reported, not used to choose)")")
                let outcomes = try HyperparameterSearch.run(records, dev: devRecords, base: options, folds: k, repeats: repeats, groupBy: groupBy) { o in
                    display.line("  \(o.candidate): CV \(String(format: "%.4f ± %.4f", o.cv.mean, o.cv.sd)) over \(o.cv.folds) folds" + (o.dev.map { String(format: ", dev %.4f", $0) } ?? ""))
                }
                guard let chosen = HyperparameterSearch.choose(outcomes), let best = outcomes.max(by: { $0.cv.mean < $1.cv.mean }) else {
                    throw SlantError.usage("the search produced no cross-validation scores")
                }
                display.line("best mean: \(best.candidate) (\(String(format: "%.4f ± SE %.4f", best.cv.mean, best.cv.standardError)))")
                display.line("chosen (one-standard-error rule, simplest within one SE of the best): \(chosen.candidate) (\(String(format: "%.4f", chosen.cv.mean)))")
                options = chosen.candidate.apply(to: options)
            } else if let k = folds {
                let t = Date()
                let result = try CrossValidation.run(records, k: k, repeats: repeats, groupBy: groupBy, options: options, bySource: bySource) { r, f, test in
                    display.line("repeat \(r + 1)/\(repeats), fold \(f + 1)/\(k): \(test.count) held-out records")
                }
                display.line("cross-validation (\(repeats) × \(k) folds\(groupBy.map { ", grouped by \($0)" } ?? "")) in \(String(format: "%.1f", Date().timeIntervalSince(t))) s; tables: the first repeat's out-of-fold predictions, with mean ± sd over every fold")
                // Every fold's score, in repeat and fold order: two settings run on the same folds can be compared
                // fold by fold (paired), which is far less noisy than comparing their means when folds are outlets.
                display.line("fold scores (the task's primary metric, mean over tasks): " + result.foldScores.map { String(format: "%.4f", $0) }.joined(separator: " "))
                try printChecked(json ? ReportWriter.json(result.reports) : result.reports.map(ReportWriter.table).joined(separator: "\n"))
            }
            guard let output else { return }
            var trainer = Trainer(options: options)
            trainer.progress = { display.event($0) }
            var model = try trainer.train(records, dev: devRecords, files: files, devFiles: devFiles)
            model = try fitPriors(model, display: display, skipped: &skipped)
            model = try tuneActors(model, display: display, skipped: &skipped)
            try ModelFile.write(model, to: output)
            display.finish()
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            display.line("wrote \(output) (\(String(format: "%.1f", Double(size) / 1_048_576)) MB) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            for (t, m) in model.header.training.dev.sorted(by: { $0.key < $1.key }) {
                display.line("  dev \(t): " + m.sorted(by: { $0.key < $1.key }).map { "\($0.key) \(String(format: "%.4f", $0.value))" }.joined(separator: ", "))
            }
            if skipped.count > 0 { printError(skipped.summary) }
        }
    }
}

extension TrainCommand {
    /// `--prior-data`: each named task's class offsets fitted on its file, in the order given (`PriorOffsets`).
    func fitPriors(_ model: SlantModel, display: ProgressDisplay, skipped: inout SkipReport) throws -> SlantModel {
        var model = model
        for (task, file) in try priorFiles() {
            let read = try readAll([file], options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            let described = try TrainingFile.describe([file], read)[0]
            let fitted = try PriorOffsets.apply(to: model, task: task, records: read, file: described)
            model = fitted.model
            let labels = model.tasks[model.taskIndex(task)!].labels
            let unread = fitted.unread > 0 ? ", \(fitted.unread) the model cannot read" : ""
            display.line("prior offsets for \(task) from \(file): \(fitted.info.used) distinct records (\(fitted.repeated) repeats, \(fitted.unlabelled) without a \(task) label\(unread), passed over): " +
                         zip(labels, fitted.info.offsets).map { "\($0) " + String(format: "%+.3f", $1) }.joined(separator: ", "))
        }
        return model
    }

    /// `--actor-data`: the actor analysis's settings (from the flags) and its aggregator fitted on the pairs
    /// (`ActorTuning`); the model unchanged without `--actor-data`.
    func tuneActors(_ model: SlantModel, display: ProgressDisplay, skipped: inout SkipReport) throws -> SlantModel {
        guard !actorData.isEmpty else { return model }
        var settings = ActorSettings()
        if actorPronouns { settings.pronouns = true }
        if actorNeutralSpeakers { settings.neutralSpeakers = true }
        settings.maxSentences = actorMaxSentences
        let analyzer = try ArticleAnalyzer(model: model, settings: settings)
        var pairs: [Record] = [], datasets: [Int] = []
        for (d, file) in actorData.enumerated() {
            let read = try readAll([file], options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            // A file without a single pair (a target and a label the sentiment head knows) is named, not
            // passed over in silence.
            if ActorEvaluation.pairs(read, analyzer: analyzer).isEmpty {
                display.line("actors: \(file) has no article-actor pairs (a target and a \(model.tasks[analyzer.task].name) label of \(analyzer.labels.joined(separator: ", "))); not used")
            }
            pairs += read
            datasets += [Int](repeating: actorPerDataset ? d : 0, count: read.count)
        }
        let tuned = ActorTuning.tune(pairs, datasets: datasets, analyzer: analyzer, threads: threads,
                                     actorBalance: actorBalance ?? 0, omit: try Self.omittedActorFeatures(actorOmitFeatures))
        display.line("actors: \(tuned.settings.bandSource)")
        var h = model.header
        h.actors = tuned.settings
        return model.replacingHeader(h)
    }

    /// `--from MODEL`: a trained model adapted with `--prior-data` (class offsets) and `--actor-data` (the
    /// actor analysis's aggregator), written to `--output`; its heads are otherwise unchanged.
    func runAdapting(_ path: String, _ start: Date) throws {
        let display = ProgressDisplay(quiet: quiet)
        var skipped = SkipReport()
        var model = try fitPriors(try ModelFile.read(path), display: display, skipped: &skipped)
        model = try tuneActors(model, display: display, skipped: &skipped)
        guard let output else { return }
        try ModelFile.write(model, to: output)
        display.line("wrote \(output) (\(path) adapted) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        if skipped.count > 0 { printError(skipped.summary) }
    }

    /// `--stream`: out-of-core AdaGrad (`StreamTrainer`).
    func runStreaming(_ start: Date) throws {
        let display = ProgressDisplay(quiet: quiet)
        var t = StreamTrainer(options: try trainingOptions(), readerOptions: input.readerOptions)
        t.skipInvalid = input.skipInvalid
        t.chunkRecords = chunkRecords
        t.progress = { display.line($0) }
        var skipped = SkipReport()
        let model = try t.train(try dataFiles(data, program: "slant-train"), report: &skipped)
        guard let output else { return }
        try ModelFile.write(model, to: output)
        display.line("wrote \(output) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        if skipped.count > 0 { printError(skipped.summary) }
    }
}

/// Training progress on stderr: a live line on a terminal, plain lines otherwise, nothing with `--quiet`.
final class ProgressDisplay {
    let quiet: Bool
    let live: Bool
    private var liveShown = false

    init(quiet: Bool) {
        self.quiet = quiet
        self.live = isatty(2) == 1
    }

    func line(_ s: String) {
        guard !quiet else { return }
        if liveShown { printError(""); liveShown = false }
        printError(s)
    }

    func finish() { if liveShown && !quiet { printError(""); liveShown = false } }

    func event(_ e: TrainingEvent) {
        guard !quiet else { return }
        switch e {
        case let .featurized(n, s):
            line("featurized \(n) records in \(String(format: "%.1f", s)) s")
        case let .taskStarted(task, rows, labels, bits):
            line("training \(task): \(rows) records, \(labels) labels, 2^\(bits) buckets")
        case let .iteration(task, it, of, loss, dev, rps):
            let devText = dev.map { String(format: "  dev %.4f", $0) } ?? ""
            if live {
                let width = 24
                let filled = min(width, width * it / max(1, of))
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                writeStderr("\r\u{1B}[K\(task) [\(bar)] \(it)/\(of)  loss \(String(format: "%.4g", loss))\(devText)  \(Int(rps)) rec/s")
                liveShown = true
            } else if dev != nil || it == 1 || it % 10 == 0 {
                printError("\(task) iteration \(it)/\(of) loss \(String(format: "%.6g", loss))\(devText) \(Int(rps)) rec/s")
            }
        case let .note(task, message):
            line("\(task): \(message)")
        case let .taskFinished(task, best, dev):
            line("finished \(task)" + (best > 0 ? ", kept iteration \(best) (best on dev)" : "") + (dev.map { String(format: ", dev %.4f", $0) } ?? ""))
        }
    }
}
