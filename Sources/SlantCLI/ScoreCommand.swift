import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Slant

/// `slant-score`: scores records with a model, one output line per input record, in input order.
public struct ScoreCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-score",
        abstract: "Score articles for stance, sentiment and framing with a Slant model.",
        discussion: """
        Reads JSONL, CSV/TSV, plain-text files (one article per file) or, with no file, JSONL or plain lines from
        stdin, and writes one line per record. Without --model it uses models/default.slant.

        Each head runs only where it applies: a head that needs a claim (headline_stance) needs --claim or a
        "claim" field, a head that needs a target needs --target or a "target" field, heads trained on
        sentences, tweets or headlines are left out for article-length texts, and domain-specific heads
        (gun-violence frames, SemEval-2016's five tweet topics) run only when named with --task. What was left
        out, and why, is said once on stderr. Article-length texts also get an actor analysis: who appears
        and how each is portrayed, with the sentences that show it (--actor names them; otherwise the main
        actors are detected).
        """)

    @Argument(help: "Input files ('-' or none: stdin).") var inputs: [String] = []
    @Option(name: [.short, .long], help: "The model (default: models/default.slant).") var model: String?
    @Option(name: .long, help: "Only this task (repeatable, or comma-separated).") var task: [String] = []
    @Option(help: "Target for records that have none (plain text).") var target: String?
    @Option(help: "A claim to compare each text against (heads that need one, e.g. headline_stance), for records that have none.") var claim: String?
    @Flag(help: "A record's title is the claim its text is compared against (FNC-1-style data), when it has no \"claim\".") var titleIsClaim = false
    @Option(help: ArgumentHelp("An actor to analyse, with its aliases: 'Iran|Iranian|Tehran' (repeatable). Default: the record's target, else the detected main actors.", valueName: "aliases")) var actor: [String] = []
    @Option(help: "The actor analysis: auto (article-length texts, or any text when --actor is given; off when --task names heads), on, or off.") var actors: String = "auto"
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
        try validateThreads(threads)
        if batchSize < 1 || batchSize > 1_000_000 { throw ValidationError("--batch-size must be between 1 and 1000000, got \(batchSize)") }
        if ActorMode(rawValue: actors) == nil {
            throw ValidationError("--actors must be one of \(ActorMode.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(actors)'")
        }
        for a in actor where Actor.parse(a) == nil { throw ValidationError("--actor takes ALIAS|ALIAS|..., got '\(a)'") }
        if !actor.isEmpty && actors == "off" { throw ValidationError("--actor needs the actor analysis; drop --actors off") }
    }

    /// Which heads run where, and the actor analysis.
    var policy: ScoringPolicy {
        var p = ScoringPolicy()
        p.applyScopes = true
        p.titleAsClaim = titleIsClaim
        // Naming heads with --task asks for those heads: the actor analysis then runs only if asked for too.
        p.actors = actors == "auto" && !task.isEmpty && actor.isEmpty ? .off : ActorMode(rawValue: actors)!
        p.namedActors = actor.compactMap(Actor.parse)
        return p
    }

    public func run() throws {
        try runReportingErrors("slant-score") {
            let m = try loadModel(model)
            let tasks = task.flatMap { $0.split(separator: ",").map(String.init) }
            let scorer = try Scorer(model: m, tasks: tasks, explain: explain, threads: threads, policy: policy)
            let writer = PredictionWriter(format: OutputFormat(rawValue: format)!, tasks: scorer.tasks.map { m.tasks[$0] },
                                          actorLabels: scorer.analyzer?.labels)
            var readerOptions = input.readerOptions
            readerOptions.defaultTarget = target
            readerOptions.defaultTitle = title
            readerOptions.defaultClaim = claim
            readerOptions.titleFirstLine = titleFirstLine
            let out = OutputStream()
            if let h = writer.header() { try out.write(Array((h + "\n").utf8)) }
            var skipped = SkipReport()
            var batch: [Record] = []
            var buffer: [UInt8] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                buffer.removeAll(keepingCapacity: true)
                for r in scorer.score(batch: batch) { writer.append(r, to: &buffer) }
                try out.write(buffer)
                batch.removeAll(keepingCapacity: true)
            }
            var failure: SlantError? = nil
            outer: for path in inputs.isEmpty ? ["-"] : inputs {
                let reader: RecordReader
                // A file that cannot be opened ends the run, after what the files before it gave is written.
                do { reader = try RecordReader(path: path, options: readerOptions) } catch let e as SlantError { failure = e; break outer }
                if reader.isLineBased {
                    // Lines are split off here; parsing, featurizing and scoring run on the worker threads.
                    try flush()
                    var lines: [(bytes: [UInt8], line: Int)] = []
                    func flushLines() throws -> Bool {
                        buffer.removeAll(keepingCapacity: true)
                        defer { lines.removeAll(keepingCapacity: true) }
                        for result in scorer.score(lines: lines, reader: reader) {
                            switch result {
                            case .success(let r?): writer.append(r, to: &buffer)
                            case .success(nil): continue
                            case .failure(let e):
                                if input.skipInvalid { skipped.add(e); continue }
                                try out.write(buffer); failure = e
                                return false
                            }
                        }
                        try out.write(buffer)
                        return true
                    }
                    do {
                        while let l = try reader.nextRawLine() {
                            lines.append(l)
                            if lines.count >= batchSize * threads, try !flushLines() { break outer }
                        }
                    } catch let e as SlantError {
                        // A read error (a truncated gzip stream): what was read before it is still written.
                        if try flushLines() { failure = e }
                        break outer
                    }
                    if try !flushLines() { break outer }
                    continue
                }
                while true {
                    do {
                        guard let r = try reader.next() else { break }
                        batch.append(r)
                        if batch.count >= batchSize * threads { try flush() }
                    } catch let e as SlantError {
                        guard input.skipInvalid, case .invalidInput = e else { failure = e; break outer }
                        skipped.add(e)
                    }
                }
            }
            try flush()   // everything read before an error is still scored and written
            try out.close()
            for line in scorer.leftOutSummary { printError("slant-score: \(line)") }
            if let failure { throw failure }
            if skipped.count > 0 { printError(skipped.summary) }
        }
    }
}

/// Buffered stdout through `fwrite`, every write checked: a full disk or a closed descriptor is an error
/// (exit status 1), never a silent cut. (A pipe closed by the reader, as under `| head`, ends the process with
/// SIGPIPE, quietly, as Unix filters do.)
final class OutputStream {
    /// Writes all of `bytes` to file descriptor 1 (the callers already batch: one call per batch of records).
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(1, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; throw OutputStream.failure() }
                done += n
            }
        }
    }
    /// Nothing is buffered in the process; a disk that reports errors late does so through `fsync`, which a
    /// pipe or terminal does not support, so only its failure on a regular file is an error.
    func close() throws {
        var st = stat()
        if fstat(1, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, fsync(1) != 0, errno != EINVAL { throw OutputStream.failure() }
    }
    static func failure() -> SlantError { .io(path: "standard output", message: "write failed: \(String(cString: strerror(errno)))") }
}

/// Prints `text` and a newline to stdout and flushes, checking both.
func printChecked(_ text: String) throws {
    let out = OutputStream()
    try out.write(Array((text + "\n").utf8))
    try out.close()
}
