import ArgumentParser
import Foundation
import Slant

/// `slant-eval`: accuracy, macro-F1, per-class scores and confusion matrices of a model on labeled data.
public struct EvalCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-eval",
        abstract: "Evaluate a Slant model on labeled data.")

    @Option(name: [.short, .long], help: "The model (default: models/default.slant).") var model: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Labeled files (JSONL, JSONL.gz, CSV, TSV).") var data: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Only these tasks.") var task: [String] = []
    @Flag(help: "Print one JSON object instead of tables.") var json = false
    @Option(help: "Scoring threads.") var threads: Int = 1
    @OptionGroup var input: InputOptions

    public init() {}

    public func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one labeled file with --data") }
        if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    public func run() throws {
        try runReportingErrors("slant-eval") {
            let m = try loadModel(model)
            let evaluator = try Evaluator(model: m, tasks: task, threads: threads)
            var skipped = SkipReport()
            var records = try readAll(data, options: input.readerOptions, skipInvalid: input.skipInvalid, report: &skipped)
            if input.skipInvalid {
                records = records.filter { r in
                    do { try evaluator.check(r); return true } catch let e as SlantError { skipped.add(e); return false } catch { return false }
                }
            }
            let reports = try evaluator.evaluate(records)
            if reports.isEmpty {
                throw SlantError.usage("none of the \(records.count) records has a gold label for the model's tasks (\(evaluator.tasks.map { m.tasks[$0].name }.joined(separator: ", ")))")
            }
            if json { print(ReportWriter.json(reports)) } else { print(reports.map(ReportWriter.table).joined(separator: "\n")) }
            if skipped.count > 0 { printError(skipped.summary) }
        }
    }
}
