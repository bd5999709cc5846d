import ArgumentParser
import Foundation
import Slant

/// `slant-score`: scores records with a model, one output line per input record, in input order.
public struct ScoreCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-score",
        abstract: "Score articles for stance, sentiment and framing with a Slant model.",
        discussion: """
        Reads JSONL, CSV/TSV, plain-text files (one article per file) or, with no file, JSONL or plain lines from
        stdin, and writes one line per record. Without --model it uses models/default.slant.
        """)

    @Argument(help: "Input files ('-' or none: stdin).") var inputs: [String] = []
    @Option(name: [.short, .long], help: "The model (default: models/default.slant).") var model: String?
    @Option(name: .long, help: "Only this task (repeatable, or comma-separated).") var task: [String] = []
    @Option(help: "Target for records that have none (plain text).") var target: String?
    @Option(help: "Title for records that have none (plain text).") var title: String?
    @Flag(help: "Plain-text files: the first line is the title.") var titleFirstLine = false
    @Option(help: "Output format: jsonl, csv or table.") var format: String = "jsonl"
    @Option(help: "Add, per task, the K features that pushed the decision most.") var explain: Int = 0
    @Option(help: "Scoring threads (output order is kept).") var threads: Int = 1
    @Option(help: "Records per batch.") var batchSize: Int = 512
    @OptionGroup var input: InputOptions

    public init() {}

    public func validate() throws {
        if OutputFormat(rawValue: format) == nil { throw ValidationError("--format must be jsonl, csv or table, got '\(format)'") }
        if explain < 0 || explain > 1000 { throw ValidationError("--explain must be between 0 and 1000, got \(explain)") }
        if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    }

    public func run() throws {
        try runReportingErrors("slant-score") {
            let m = try loadModel(model)
            let tasks = task.flatMap { $0.split(separator: ",").map(String.init) }
            let scorer = try Scorer(model: m, tasks: tasks, explain: explain, threads: threads)
            let writer = PredictionWriter(format: OutputFormat(rawValue: format)!, tasks: scorer.tasks.map { m.tasks[$0] })
            var readerOptions = input.readerOptions
            readerOptions.defaultTarget = target
            readerOptions.defaultTitle = title
            readerOptions.titleFirstLine = titleFirstLine
            let out = OutputStream()
            if let h = writer.header() { out.write(Array((h + "\n").utf8)) }
            var skipped = SkipReport()
            var batch: [Record] = []
            var buffer: [UInt8] = []
            func flush() {
                guard !batch.isEmpty else { return }
                buffer.removeAll(keepingCapacity: true)
                for r in scorer.score(batch: batch) { writer.append(r, to: &buffer) }
                out.write(buffer)
                batch.removeAll(keepingCapacity: true)
            }
            var failure: SlantError? = nil
            outer: for path in inputs.isEmpty ? ["-"] : inputs {
                let reader = try RecordReader(path: path, options: readerOptions)
                if reader.isLineBased {
                    // Lines are split off here; parsing, featurizing and scoring run on the worker threads.
                    flush()
                    var lines: [(bytes: [UInt8], line: Int)] = []
                    func flushLines() -> Bool {
                        buffer.removeAll(keepingCapacity: true)
                        defer { lines.removeAll(keepingCapacity: true) }
                        for result in scorer.score(lines: lines, reader: reader) {
                            switch result {
                            case .success(let r?): writer.append(r, to: &buffer)
                            case .success(nil): continue
                            case .failure(let e):
                                if input.skipInvalid { skipped.add(e); continue }
                                out.write(buffer); failure = e
                                return false
                            }
                        }
                        out.write(buffer)
                        return true
                    }
                    while let l = try reader.nextRawLine() {
                        lines.append(l)
                        if lines.count >= batchSize * threads, !flushLines() { break outer }
                    }
                    if !flushLines() { break outer }
                    continue
                }
                while true {
                    do {
                        guard let r = try reader.next() else { break }
                        batch.append(r)
                        if batch.count >= batchSize * threads { flush() }
                    } catch let e as SlantError {
                        guard input.skipInvalid, case .invalidInput = e else { failure = e; break outer }
                        skipped.add(e)
                    }
                }
            }
            flush()   // everything read before an error is still scored and written
            out.close()
            if let failure { throw failure }
            if skipped.count > 0 { printError(skipped.summary) }
        }
    }
}

/// Buffered stdout through `fwrite`.
final class OutputStream {
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { _ = fwrite($0.baseAddress!, 1, $0.count, stdout) }
    }
    func close() { fflush(stdout) }
}
