import ArgumentParser
import Foundation
import Slant

/// `slant-eval`: accuracy, macro-F1, per-class scores and confusion matrices of a model on labeled data.
public struct EvalCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-eval",
        abstract: "Evaluate a Slant model on labeled data.",
        discussion: """
        Scores every head on the records labeled for it (titles count as claims, as in FNC-1 data) and prints, \
        per task, accuracy and macro-F1 (with FNC-1's relative score and SemEval-2016's F_avg where they apply), \
        per-class precision, recall and F1, and the confusion matrix.

        Examples:
          slant-eval --data dev.jsonl --bootstrap 1000
          slant-eval -m new.slant --data dev.jsonl --compare old.slant --report e.html
          slant-eval --actors --data persent/dev.jsonl --json
          slant-eval --data dev.jsonl --by-source
        """,
        version: Slant.version)

    @Option(name: [.short, .long], help: "The model (default: models/default.slant).") var model: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Labeled files (JSONL, JSONL.gz, CSV, TSV), or folders of them (every such file under one, in path order).") var data: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Only these tasks.") var task: [String] = []
    @Flag(help: "Print one JSON object instead of tables.") var json = false
    @Option(help: "Scoring threads (default: every core).") var threads: Int = defaultThreads
    @Flag(help: "Evaluate the article analysis: each record is an article (text) about an actor (target) labeled with the author's sentiment toward it (labels.target_sentiment); the prediction is the actor's aggregated label.")
    var actors = false
    @Option(help: "With --actors: how each sentence that mentions the actor is scored: head (the model's target-sentiment head) or vader (a lexicon baseline).")
    var actorScorer: String = "head"
    @Option(help: "With --actors: decide by the neutral band LOW,HIGH on the mean P(positive) − P(negative) instead of the model's aggregator.")
    var actorBand: String?
    @Option(help: "Also write the evaluation as one self-contained HTML page (inline SVG charts, no network): metrics with intervals, confusion heatmaps, per-class bars, reliability diagrams, probability histograms.")
    var report: String?
    @Option(name: .long, parsing: .singleValue, help: "Compare with another model on the same records by a paired bootstrap (repeatable; with --actors, the two actor analyses on the same pairs); in the table, --json and --report.")
    var compare: [String] = []
    @Option(help: "Add 95% bootstrap confidence intervals to every headline metric, from N resamples of the records (e.g. 1000; 0: none).")
    var bootstrap: Int = 0
    @Flag(help: "Also report each task by the records' source (the source field, or --source-column): size, each label's share gold → predicted, accuracy and macro-F1 per outlet, largest first (single-label tasks and --actors); in the table (40 largest), --json (by_source: all) and --report.")
    var bySource = false
    @Flag(help: "With --actors: also report on stderr the neutral band that maximises macro-F1 on this data (tune on train or dev, never on test).")
    var tuneBand = false
    @OptionGroup var input: InputOptions

    public init() {}

    public func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one labeled file with --data") }
        try validateThreads(threads)
        if ActorEvaluation.SentenceScorer(rawValue: actorScorer) == nil {
            throw ValidationError("--actor-scorer must be one of \(ActorEvaluation.SentenceScorer.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(actorScorer)'")
        }
        if bootstrap < 0 || bootstrap > 100_000 { throw ValidationError("--bootstrap must be between 0 and 100000, got \(bootstrap)") }
        if (actorBand != nil || actorScorer != "head") && !actors { throw ValidationError("--actor-band and --actor-scorer go with --actors") }
        _ = try band()
    }

    func band() throws -> (Float, Float)? {
        guard let b = actorBand else { return nil }
        let p = b.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard p.count == 2, let lo = p[0], let hi = p[1], lo.isFinite, hi.isFinite, lo <= hi, lo >= -1, hi <= 1 else {
            throw ValidationError("--actor-band takes LOW,HIGH with -1 <= LOW <= HIGH <= 1, got '\(b)'")
        }
        return (lo, hi)
    }

    /// The article analysis of `m` with its stored settings, or with the band given by `--actor-band`.
    func analyzer(_ m: SlantModel) throws -> ArticleAnalyzer {
        var settings = m.header.actors ?? ActorSettings()
        if let (lo, hi) = try band() {
            // A band given on the command line decides, instead of the model's learned aggregator.
            settings.low = lo; settings.high = hi; settings.bandSource = "--actor-band"; settings.weights = nil
        }
        return try ArticleAnalyzer(model: m, settings: settings)
    }

    func evaluateActors(_ m: SlantModel, _ records: [Record], bootstrap: Int, compare others: [(String, SlantModel)] = []) throws -> [TaskReport] {
        let analyzer = try analyzer(m)
        let settings = analyzer.settings
        let pairs = ActorEvaluation.pairs(records, analyzer: analyzer)
        if pairs.isEmpty {
            throw SlantError.usage("--actors needs records with a \"target\" and a labels.\(settings.task) the model knows; none of the \(records.count) records has both")
        }
        let scorer = ActorEvaluation.SentenceScorer(rawValue: actorScorer)!
        let outcomes = ActorEvaluation.run(pairs, analyzer: analyzer, scorer: scorer, threads: threads)
        let unmentioned = outcomes.filter { $0.score == nil }.count
        if unmentioned > 0 {
            printError("slant-eval: the actor is never mentioned in \(unmentioned) of \(outcomes.count) articles; they count as neutral")
        }
        if tuneBand {
            let best = analyzer.tuneBand(outcomes.map { ($0.score ?? 0, $0.gold) })
            printError("slant-eval: the neutral band maximising macro-F1 on this data: \(best.low),\(best.high) (macro-F1 \(String(format: "%.4f", best.macroF1)))")
        }
        var report = ActorEvaluation.report(outcomes, analyzer: analyzer, bootstrap: bootstrap, bySource: bySource)
        for (name, other) in others {
            // The same pairs, analysed by the other model: its labels must be these, in this order, to compare.
            let b: ArticleAnalyzer
            do { b = try self.analyzer(other) } catch { throw SlantError.usage("--compare \(name): \(error)") }
            guard b.labels == analyzer.labels else {
                throw SlantError.usage("--compare \(name): its actor analysis labels \(b.labels.joined(separator: ", ")), this model's \(analyzer.labels.joined(separator: ", ")); they must be the same to compare")
            }
            let theirs = ActorEvaluation.run(pairs, analyzer: b, scorer: scorer, threads: threads)
            report.comparisons.append(ActorEvaluation.compare(outcomes, theirs, model: name, analyzer: analyzer, reps: max(bootstrap, 1000)))
        }
        return [report]
    }

    public func run() throws {
        try runReportingErrors("slant-eval") {
            let m = try loadModel(model)
            let evaluator = try Evaluator(model: m, tasks: task, threads: threads)
            var skipped = SkipReport()
            var records = try readAll(try dataFiles(data, program: "slant-eval"), options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            if input.skipInvalid { records = evaluator.keepingValid(records, report: &skipped) }
            // The report shows intervals: without --bootstrap it draws 1,000 resamples.
            let reps = bootstrap == 0 && report != nil ? 1000 : bootstrap
            let others = try compare.map { ($0, try ModelFile.read($0)) }
            let reports = actors ? try evaluateActors(m, records, bootstrap: reps, compare: others)
                : try evaluator.evaluate(records, bootstrap: reps, compare: others, bySource: bySource)
            if reports.isEmpty {
                throw SlantError.usage("none of the \(records.count) records has a gold label for the model's tasks (\(evaluator.tasks.map { m.tasks[$0].name }.joined(separator: ", ")))")
            }
            try printChecked(json ? ReportWriter.json(reports) : reports.map(ReportWriter.table).joined(separator: "\n"))
            if let report {
                let title = "Slant evaluation of \(model ?? "the default model") on \(data.joined(separator: ", "))"
                let html = HTMLReport.render(reports, title: title, generated: "\(records.count) records; Slant \(Slant.version); written \(ISO8601DateFormatter().string(from: Date()))")
                try AtomicFile.write(Array(html.utf8), to: report, what: "the report")
            }
            if let words = m.readingWords {
                // Evaluation scores every record; say how many slant-score would leave unanswered.
                var tokens = TokenBuffer(), unread = 0, markup = 0
                for r in records {
                    Tokenizer().tokenize(r.text, into: &tokens)
                    if let v = words.verdict(r.text, tokens: tokens) { unread += 1; if v.markup != nil { markup += 1 } }
                }
                if unread > 0 {
                    printError("slant-eval: \(unread) of \(records.count) records \(unread == 1 ? "is" : "are") text the model cannot read (another language or script, no words, \(markup > 0 ? "\(markup) of them markup" : "or markup")): slant-score gives them no answer; they are scored here all the same (slant-score --why names them)")
                }
            }
            if skipped.count > 0 { printError(skipped.summary) }
        }
    }
}
