import ArgumentParser
import Foundation
import Slant

/// How input files are read (shared by all three commands).
public struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"), help: "Input format: jsonl, csv, tsv, text, html (a saved web page: its headline and article text), warc (a web archive: its web pages), docx (a Word document: its paragraphs), odt (an OpenDocument text: its paragraphs), rtf (an RTF document: its paragraphs), pdf (a PDF file: the text on its pages) or lines (default: from the file name; stdin: lines, a PDF read as one).")
    var inputFormat: String?

    @Option(help: "CSV/TSV: the column holding the text.")
    var textColumn: String = "text"
    @Option(help: "CSV/TSV: the column holding the title.")
    var titleColumn: String?
    @Option(help: "CSV/TSV: the column holding the target.")
    var targetColumn: String?
    @Option(help: "CSV/TSV: the column holding the holder (whose feeling toward the target a directed-sentiment head reads; default: 'holder' if present).")
    var holderColumn: String?
    @Option(help: "CSV/TSV: the column holding a claim to compare the text against (default: 'claim' if present).")
    var claimColumn: String?
    @Option(help: "CSV/TSV: the column holding the id.")
    var idColumn: String?
    @Option(help: "CSV/TSV: the column holding the source (outlet).")
    var sourceColumn: String?
    @Option(help: ArgumentHelp("CSV/TSV: TASK=COLUMN, the column holding a task's label (repeatable); a COLUMN alone is the label of a task named as the column.", valueName: "task=column"))
    var labelColumn: [String] = []
    @Option(help: "CSV/TSV: split label cells on this separator into a multi-label list (e.g. '|').")
    var multiLabelSeparator: String?

    @Flag(name: .customLong("html-text"), help: "Each record's text is a web page's source (scraped pages in JSONL or CSV): read it for its article, as a .html file is, its headline the title of a record that has none.")
    var htmlText = false

    @Flag(help: "Skip invalid records (counted and reported at the end) instead of stopping at the first one.")
    var skipInvalid = false

    @Option(help: "The largest record accepted, in bytes (a JSONL line, a CSV row, a plain-text file); a longer one stops reading with an error.")
    var maxRecordBytes: Int = 8 << 20

    public init() {}

    public func validate() throws {
        if let f = inputFormat, InputFormat(rawValue: f) == nil {
            throw ValidationError("--input-format must be one of \(InputFormat.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(f)'")
        }
        if maxRecordBytes < 1 || maxRecordBytes > 1 << 31 {
            throw ValidationError("--max-record-bytes must be between 1 and \(1 << 31), got \(maxRecordBytes)")
        }
        var tasks: Set<String> = []
        for lc in labelColumn {
            let (task, column) = Self.labelColumn(lc)
            guard !task.isEmpty, !column.isEmpty else {
                throw ValidationError("--label-column takes TASK=COLUMN or COLUMN (the task named as the column), got '\(lc)'")
            }
            guard tasks.insert(task).inserted else {
                throw ValidationError("--label-column names the task '\(task)' twice: one column per task")
            }
        }
    }

    /// A `--label-column` value as its task and column: "TASK=COLUMN", or "COLUMN" for a task of the same name.
    static func labelColumn(_ value: String) -> (task: String, column: String) {
        guard let eq = value.firstIndex(of: "=") else { return (value, value) }
        return (String(value[..<eq]), String(value[value.index(after: eq)...]))
    }

    var readerOptions: ReaderOptions {
        var o = ReaderOptions()
        o.format = inputFormat.flatMap(InputFormat.init(rawValue:))
        o.columns.text = textColumn
        o.columns.title = titleColumn
        o.columns.target = targetColumn
        o.columns.holder = holderColumn
        o.columns.claim = claimColumn
        o.columns.id = idColumn
        o.columns.source = sourceColumn
        o.columns.labels = labelColumn.map(Self.labelColumn)
        o.columns.multiLabelSeparator = multiLabelSeparator
        o.maxRecordBytes = maxRecordBytes
        o.textIsHTML = htmlText
        return o
    }
}

/// Labelled data files as given, a folder as every file under it that can hold labels (JSONL, CSV, TSV; not a
/// `.txt` text, which has none), in path order (`InputFiles`); what a folder leaves out is said on stderr.
func dataFiles(_ paths: [String], program: String) throws -> [String] {
    guard !paths.isEmpty else { return [] }
    return try inputFiles(paths, endings: InputFiles.labelled, program: program).files.map(\.path)
}

/// A command's inputs expanded (`InputFiles.expand`), what its folders leave out said on stderr as `program`'s.
func inputFiles(_ paths: [String], filesFrom: String? = nil, endings: [String], program: String) throws -> InputFiles.Expansion {
    let e = try InputFiles.expand(paths, filesFrom: filesFrom, endings: endings)
    for line in InputFiles.describe(e) { printError(program + ": " + line) }
    return e
}

/// Reads every record of the files into memory (training and evaluation), honouring `--skip-invalid`.
func readAll(_ paths: [String], options: ReaderOptions, skipInvalid: Bool, report: inout SkipReport) throws -> [Record] {
    try RecordReader.readAll(paths, options: options, skipInvalid: skipInvalid, report: &report)
}

/// Writes a line to stderr.
func printError(_ s: String) {
    writeStderr(s.hasSuffix("\n") ? s : s + "\n")
}

/// Whether a write to stderr failed (a full disk, a closed pipe): what it said is lost, so the command ends with
/// exit status 1 (`runReportingErrors`), not 0.
nonisolated(unsafe) private var stderrFailed = false

/// Writes `s` to stderr with write(2), all of it (`FileHandle.write` stopped the program with a trap when the write
/// failed: `2>/dev/full`); a failure is remembered, not retried.
func writeStderr(_ s: String) {
    guard !stderrFailed else { return }
    var bytes = Array(s.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { stderrFailed = true; return }
        bytes = bytes.dropFirst(n)
    }
}

/// Runs `body`, turning Slant's errors into a message on stderr and exit status 1; exit status 1 too when
/// something written to stderr was lost.
func runReportingErrors(_ tool: String, _ body: () throws -> Void) throws {
    do { try body() } catch let e as SlantError {
        printError("\(tool): error: \(e.description)")
        throw ExitCode(1)
    }
    if stderrFailed { throw ExitCode(1) }
}

/// Where the default model is looked for, in order (the first that exists is used):
/// 1. `$SLANT_MODEL`;
/// 2. next to the executable: `<bin>/default.slant`;
/// 3. the install prefix: `<bin>/../share/slant/default.slant` (`<prefix>/bin/slant-score` finds
///    `<prefix>/share/slant/default.slant`);
/// 4. a checkout: `models/default.slant` in the current folder, then in a folder above the executable (so
///    `.build/release/slant-score` finds its checkout's model).
/// (`--model` comes before all of them.)
func defaultModelCandidates() -> [String] {
    var out: [String] = []
    if let env = ProcessInfo.processInfo.environment["SLANT_MODEL"], !env.isEmpty { out.append(env) }
    let fm = FileManager.default
    let exe = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    let bin = exe.deletingLastPathComponent()
    out.append(bin.appendingPathComponent("default.slant").path)
    out.append(bin.deletingLastPathComponent().appendingPathComponent("share/slant/default.slant").path)
    out.append("models/default.slant")
    var dir = bin
    for _ in 0..<6 {
        out.append(dir.appendingPathComponent("models/default.slant").path)
        dir = dir.deletingLastPathComponent()
    }
    return out
}

/// The default model's path (see `defaultModelCandidates` for the order).
func defaultModelPath() throws -> String {
    let candidates = defaultModelCandidates()
    if let env = ProcessInfo.processInfo.environment["SLANT_MODEL"], !env.isEmpty { return env }   // named: use it, or say why not
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    throw SlantError.usage("no --model given and no default model found; looked at: \(candidates.joined(separator: ", "))")
}

/// The default for `--threads`: every core.
let defaultThreads = ProcessInfo.processInfo.activeProcessorCount

/// Reads the model at `path` or the default model.
func loadModel(_ path: String?) throws -> SlantModel {
    try ModelFile.read(path ?? defaultModelPath())
}

/// The most threads any program takes: 8 per core (more only costs memory: each thread keeps its own scratch
/// and, when scoring, its own batch).
let maxThreads = 8 * ProcessInfo.processInfo.activeProcessorCount

/// Checks `--threads`; the message quotes the value and says what is allowed.
func validateThreads(_ threads: Int) throws {
    if threads < 1 || threads > maxThreads {
        throw ValidationError("--threads must be between 1 and \(maxThreads) (8 per core), got \(threads)")
    }
}
