import ArgumentParser
import Foundation
import Slant

/// `slant-report`: turns `slant-score` output into findings: who is portrayed how, which leaning and frames, by
/// group and over time, with bootstrap intervals.
public struct ReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slant-report",
        abstract: "Aggregate slant-score output by outlet and over time: actors' portrayal, leaning and frames, with intervals.",
        discussion: """
        Reads slant-score's JSONL output (files, gzip or stdin), streaming, and aggregates it per group (--by, \
        e.g. the outlet) and period (--time with --every): the share of articles per leaning, each frame's \
        prevalence, and for the corpus's main actors, merged across articles ("Trump", "Donald Trump", \
        "President Trump" are one), the share of articles that portray each negative, neutral and positive, \
        the net portrayal, mentions and mean score, all with 95% bootstrap intervals over articles, plus the \
        strongest evidence sentences and the differences between groups. Score with --keep to carry the \
        fields to group by (slant-score --keep source,date).

        Outputs: --html (one self-contained page with the charts), --csv DIR (tidy tables), --json; without \
        any, a short summary on stdout. A line that is not a slant-score record is reported on stderr with \
        its line number and left out; the exit status is then 1 (0 with --skip-invalid), after the outputs \
        are written.

        Examples:
          slant-report scores.jsonl
          slant-report --by source --html report.html --csv tables scores.jsonl
          slant-report --by source --time date --every month --json - scores.jsonl
        """,
        version: Slant.version)

    @Argument(help: "slant-score JSONL output files or folders of them, gzip allowed ('-' or none: stdin). A folder is read whole: every file under it whose name ends in .jsonl, .ndjson or .json (gzip allowed), in path order, hidden ones left out.") var inputs: [String] = []
    @Option(help: "The field that names an article's group, e.g. source (kept with slant-score --keep), or a head whose label is the group (leaning).") var by: String?
    @Option(help: "The field holding an article's ISO 8601 date (YYYY-MM-DD, optionally with a time), for time lines.") var time: String?
    @Option(help: "The period of --time: week (ISO weeks), month or year.") var every: String = "month"
    @Option(help: "Cells (actor × group × period) with fewer articles are greyed in the page and flagged in the tables.") var minArticles: Int = 10
    @Option(help: "How many of the most named actors to report.") var actors: Int = 20
    @Option(help: "How many actors to track while reading (memory is bounded by this × groups × periods); an actor dropped when the table was full is reported with the articles it may have missed.") var track: Int = 5000
    @Option(help: "Bootstrap resamples per interval (0: no intervals).") var bootstrap: Int = 1000
    @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 1
    @Option(help: "Write the report as one self-contained HTML page (inline SVG charts, no scripts, no network).") var html: String?
    @Option(help: "Write the tables as CSV files into this folder (made if needed): summary, groups, periods, heads, actors, portrayals, evidence, differences.") var csv: String?
    @Option(help: "Write the tables as one JSON object to this file ('-': stdout).") var json: String?
    @Option(help: "The page's title.") var title: String?
    @Flag(help: "Exit with status 0 even when lines were left out as malformed (they are still reported).") var skipInvalid = false
    @Option(help: "The longest input line accepted, in bytes; a longer one stops reading with an error.") var maxRecordBytes: Int = 64 << 20

    public init() {}

    public func validate() throws {
        if DatePeriod(rawValue: every) == nil { throw ValidationError("--every must be one of week, month, year, got '\(every)'") }
        if time == nil && every != "month" { throw ValidationError("--every goes with --time FIELD") }
        if minArticles < 1 || minArticles > 1_000_000 { throw ValidationError("--min-articles must be between 1 and 1000000, got \(minArticles)") }
        if actors < 0 || actors > 500 { throw ValidationError("--actors must be between 0 and 500, got \(actors)") }
        if track < 16 || track > 10_000_000 { throw ValidationError("--track must be between 16 and 10000000, got \(track)") }
        if track < actors { throw ValidationError("--track (\(track)) must be at least --actors (\(actors))") }
        if bootstrap < 0 || bootstrap > 100_000 { throw ValidationError("--bootstrap must be between 0 and 100000, got \(bootstrap)") }
        if maxRecordBytes < 1 || maxRecordBytes > 1 << 31 { throw ValidationError("--max-record-bytes must be between 1 and \(1 << 31), got \(maxRecordBytes)") }
        for (name, v) in [("--by", by), ("--time", time)] where v?.isEmpty == true { throw ValidationError("\(name) takes a field name, got an empty one") }
        if html == "-" { throw ValidationError("--html needs a file name (the page is written whole, then moved into place)") }
        if csv == "-" { throw ValidationError("--csv needs a folder name") }
    }

    public func run() throws {
        try runReportingErrors("slant-report") {
            var o = ReportOptions()
            o.by = by; o.time = time; o.every = DatePeriod(rawValue: every)!
            o.minArticles = minArticles; o.actors = actors; o.track = track; o.bootstrap = bootstrap; o.seed = seed
            let report = CorpusReport(options: o)
            let paths = inputs.isEmpty ? ["-"] : inputs
            let expansion = try inputFiles(paths, endings: InputFiles.jsonl, program: "slant-report")
            let meter = ProgressMeter(inputs: expansion.files.map(\.path))
            // With --skip-invalid, a file cut short (a gzip stream, a line over the limit) ends that file only: its
            // lines before the fault are counted, the report is written, and the run ends with exit status 1.
            var faults = 0
            for path in expansion.files.map(\.path) {
                do {
                    let reader = try ByteReader(path: path)
                    reader.maxLineBytes = maxRecordBytes
                    var line = 0
                    while true {
                        line += 1
                        let more: Bool
                        do {
                            more = try reader.nextLine { buf -> Bool in
                                do { try report.add(line: buf, file: path, lineNumber: line) } catch let m as MalformedLine { printError("slant-report: \(m)") }
                                return true
                            } ?? false
                        } catch is ByteReader.LineTooLong {
                            throw SlantError.io(path: path, message: "line \(line) is longer than the limit of \(maxRecordBytes) bytes (--max-record-bytes); stopping")
                        }
                        if !more { break }
                        if meter.live && line & 1023 == 0 { meter.update(records: report.records, bytes: report.bytes) }
                    }
                } catch let e as SlantError where skipInvalid {
                    printError("slant-report: \(e.description) (not read to the end: its lines after the fault are left out)")
                    faults += 1
                }
            }
            meter.finish()
            if report.missingDates + report.badDates > 0 {
                printError("slant-report: \(report.missingDates) record(s) without a \(time!) and \(report.badDates) with one that is not a date are in the period \"\(CorpusReport.noDate)\"")
                for b in report.badDateExamples.prefix(10) { printError("slant-report: \(b.file):\(b.line): \(b.message)") }
                if report.badDates > 10 { printError("slant-report: ... and \(report.badDates - 10) more bad dates") }
            }
            let result = report.result(inputs: paths)
            let pageTitle = title ?? "Slant corpus report: " + paths.map { $0 == "-" ? "stdin" : URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
            if let html {
                let page = ReportPage.render(result, title: pageTitle, generated: "Slant \(Slant.version); written \(ISO8601DateFormatter().string(from: Date()))")
                try AtomicFile.write(Array(page.utf8), to: html, what: "the HTML report")
            }
            if let csv { try ReportTables.writeCSV(result, to: csv) }
            if let json {
                let text = ReportTables.json(result)
                if json == "-" { try printChecked(String(text.dropLast())) } else { try AtomicFile.write(Array(text.utf8), to: json, what: "the JSON tables") }
            }
            if html == nil && csv == nil && json == nil { try printChecked(Self.summary(result)) }
            let wrote = [html, csv.map { $0 + "/" }, json == "-" ? nil : json].compactMap { $0 }
            if !wrote.isEmpty {
                printError("slant-report: wrote \(wrote.joined(separator: ", ")) (\(result.summary.records) articles, \(result.groups.count) group\(result.groups.count == 1 ? "" : "s"), \(result.actors.count) actors)")
            }
            if report.malformed > 0 {
                printError("slant-report: \(report.malformed) malformed line(s) left out (each listed above)")
                if !skipInvalid { throw ExitCode(1) }
            }
            if faults > 0 {
                throw SlantError.usage("\(faults) input file\(faults == 1 ? " was" : "s were") not read to the end (listed above): the report lacks the lines after each fault")
            }
        }
    }

    /// A few lines for a terminal: the groups, the leaning, and the main actors' net portrayal.
    static func summary(_ r: ReportResult) -> String {
        func f(_ x: Double) -> String { String(format: "%+.2f", x) }
        var lines = ["\(r.summary.records) articles" + (r.summary.by.map { " in \(r.groups.count) groups by \($0)" } ?? "")
                     + (r.summary.notRead > 0 ? " (\(r.summary.notRead) the model could not read: no head answered them)" : "")]
        let all = r.summary.by == nil ? r.groups.first?.group ?? "(all)" : "(all)"
        let heads = r.heads.filter { $0.group == all && $0.period.isEmpty && $0.kind == "single" && $0.label != "(no answer)" }
        for head in Array(Set(heads.map { $0.head })).sorted() {
            let rows = heads.filter { $0.head == head }
            let parts = rows.map { "\($0.label) \(String(format: "%.0f%%", $0.share * 100))" }
            let answered = rows.first?.of ?? 0
            lines.append("\(head): " + parts.joined(separator: ", ") + (answered < r.summary.records ? " (of the \(answered) articles it answered)" : ""))
        }
        if !r.actors.isEmpty {
            lines.append("actor (articles): net portrayal [95% interval]")
            for a in r.actors {
                guard let p = r.portrayals.first(where: { $0.actor == a.actor && $0.group == all && $0.period.isEmpty }) else { continue }
                lines.append("  \(a.actor) (\(a.articles)): \(f(p.net)) [\(f(p.netLow)), \(f(p.netHigh))]  neg \(p.negative), neu \(p.neutral), pos \(p.positive)")
            }
        }
        lines.append("(--html, --csv or --json for the full report)")
        return lines.joined(separator: "\n")
    }
}
