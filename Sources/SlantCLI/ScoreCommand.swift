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
        Reads JSONL (or a JSON array of records), CSV/TSV, plain-text files (one article per file), saved web pages (.html: their article), web \
        archives (.warc, .warc.gz: each page a crawl saved, its id the address it was fetched from), Word documents \
        (.docx), OpenDocument texts (.odt), RTF documents (.rtf), PDF files (.pdf: the text on their pages), LexisNexis, Nexis Uni, Factiva and \
        ProQuest downloads (.txt, .docx, .rtf, .html: \
        a record per article), folders of them \
        or, with no file, JSONL or plain lines from \
        stdin, and writes one line per record. Without --model it uses models/default.slant.

        Each head runs only where it applies: a head that needs a claim (headline_stance) needs --claim or a \
        "claim" field, a head that needs a target needs --target or a "target" field, heads trained on \
        sentences, tweets or headlines are left out for article-length texts, heads trained on articles for \
        texts far shorter than their articles (a sentence, a word), and domain-specific heads \
        (gun-violence frames, SemEval-2016's five tweet topics) run only when named with --task. A text the \
        model cannot read (another language or script, random characters, numbers or emoji alone, a web \
        page's HTML source) gets no head at all, and its record says so ("not_read"). What was left out, and \
        why, is said once on stderr. Article-length texts also get an actor analysis: who appears \
        and how each is portrayed, with the sentences that show it (--actor names them; otherwise the main \
        actors are detected).

        Examples:
          slant-score --title-first-line --format text article.txt
          slant-score --actor 'Iran|Iranian|Tehran' --explain 3 article.txt
          slant-score --task leaning --threads 2 articles.jsonl.gz > scores.jsonl
          slant-score --task headline_stance --title-is-claim fnc1.jsonl
          slant-score --keep url,date,source crawl.warc.gz > crawl.jsonl
        """,
        version: Slant.version)

    @Argument(help: "Input files or folders ('-' or none: stdin). A folder is read whole: every file under it whose name ends in .jsonl, .ndjson, .json, .csv, .tsv, .tab, .txt, .html (.htm, .xhtml), .warc, .docx, .odt, .rtf or .pdf (gzip allowed), in path order, hidden ones left out; a plain-text or web page file's id is its path inside the folder. A saved web page (.html) is read for its headline and article, without menus, banners and footers; a web archive (.warc) for each page it holds, its id the page's address (--keep url, date, source and crawl_date give a page's address, publication date, host and crawl date); a Word, OpenDocument or RTF document (.docx, .odt, .rtf; a .doc that is RTF, as LexisNexis writes them) for its paragraphs, a line each; a PDF file (.pdf) for the text on its pages, its headline the largest type at its top; a LexisNexis, Nexis Uni, Factiva or ProQuest download (.txt, .docx, .rtf, .html, .pdf) for each article, its id the file's name and the article's number (--keep date, source, title and the download's fields by name, e.g. byline).") var inputs: [String] = []
    @Option(help: ArgumentHelp("A file listing input files or folders, one per line ('-': stdin; '#' starts a comment), read after the arguments: a corpus of more files than a command line holds (find corpus -name '*.txt' | slant-score --files-from -).", valueName: "file")) var filesFrom: String?
    @Option(name: [.short, .long], help: "The model (default: models/default.slant).") var model: String?
    @Option(help: ArgumentHelp("Another model's actor analysis in place of the model's: the default model's leaning and frames with the actors of models/name-blind.slant, whose sentence head cannot see who the actor is (the default model's labels of famous people follow their names).", valueName: "file")) var actorModel: String?
    @Option(name: .long, help: "Only this task (repeatable, or comma-separated). A named head runs even where its granularity or domain does not fit; a head trained on short texts reads short views of an article (its title, or the sentences that mention the target).") var task: [String] = []
    @Option(help: "Target for records that have none (plain text).") var target: String?
    @Option(help: "Holder for records that have none: the entity whose feeling toward the target a directed-sentiment head (directed_sentiment) reads, e.g. --holder Putin --target NATO.") var holder: String?
    @Option(help: "A claim to compare each text against (heads that need one, e.g. headline_stance), for records that have none.") var claim: String?
    @Flag(help: "A record's title is the claim its text is compared against (FNC-1-style data), when it has no \"claim\".") var titleIsClaim = false
    @Option(help: ArgumentHelp("An actor to analyse, with its aliases: 'Iran|Iranian|Tehran' (repeatable). Default: the record's target, else the detected main actors.", valueName: "aliases")) var actor: [String] = []
    @Option(help: ArgumentHelp("A watch list of actors: a file with one actor per line, written as --actor takes it (NAME|ALIAS|...; # starts a comment). Each record reports the listed actors its text mentions; unlike --actor's, those it never mentions are not listed in not_mentioned. Looked for together, so hundreds cost little more than a few.", valueName: "file")) var actorFile: String?
    @Option(help: "The actor analysis: auto (article-length texts, or any text when --actor is given; off when --task names heads, unless --actor, --actor-file, --actor-stance, --holders or --actor-model is given), on, or off.") var actors: String = "auto"
    @Flag(help: "The actor analysis also gives the stance toward actors that a target-stance head was trained for (the default model's target_stance knows SemEval-2016's tweet topics: Atheism, Climate Change is a Real Concern, Feminist Movement, Hillary Clinton, Legalization of Abortion; name an actor after one, e.g. --actor 'Feminist Movement|feminists'). Opt-in: that head learned from tweets, and on news it leans to its training prior.") var actorStance = false
    @Flag(help: "The actor analysis also says how other entities feel about each actor, sentence by sentence, as the text states it (\"held_by\": the holder, its label and the sentence; by the model's directed-sentiment head). Opt-in: it scores every pair of entities that share a sentence.") var holders = false
    @Option(help: ArgumentHelp("The sentences shown per actor: K, the K that show its label best, strongest first (0: none), or all, every sentence the analysis scored, in the text's order, each with its own label. Default: the model's (the default model's: 3).", valueName: "K|all")) var evidence: String?
    @Option(help: "Title for records that have none (plain text).") var title: String?
    @Flag(help: "Plain-text files: the first line is the title.") var titleFirstLine = false
    @Option(help: "Output format: jsonl (one JSON object per record), csv, table (tab-separated, a line per record) or text (a block per record to read: each head that answered, then the actors with their evidence).") var format: String = "jsonl"
    @Option(help: "Add, per task, per actor (the aggregator's features) and per evidence sentence, the K features that pushed the decision most.") var explain: Int = 0
    @Option(help: ArgumentHelp("Input fields to copy into each output record after its id (repeatable, or comma-separated): JSONL keys or CSV/TSV columns, e.g. --keep source,date, so that scores can be grouped by outlet or time without a join; a web page (.html, .warc) gives url, date (when it says it was published), source (its host) and, in a web archive, crawl_date; text and title, where the input has no such field, are the text and title as read (a document's, a PDF's, a download's article). A field a record lacks is written as null.", valueName: "fields")) var keep: [String] = []
    @Flag(help: "Say on stderr why each head that was left out did not apply, and for how many records (without it: one line that names them).") var why = false
    @Option(name: [.short, .long], help: ArgumentHelp("Write the scores to this file instead of standard output (replacing it, unless --resume).", valueName: "file")) var output: String?
    @Flag(help: "Go on with a run that was interrupted (killed, out of disk, a machine gone): keep the JSONL lines already in --output's file, cut off a last line left unfinished, skip the input records they hold, and append the rest. The same input, model and options are needed: the last record on file is scored again and must give the same line, else the run stops with the reason.") var resume = false
    @Option(help: "Scoring threads (default: every core; output order is kept).") var threads: Int = defaultThreads
    @Option(help: "Records per batch.") var batchSize: Int = 512
    @OptionGroup var input: InputOptions

    public init() {}

    public func validate() throws {
        if OutputFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of \(OutputFormat.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(format)'")
        }
        if explain < 0 || explain > 1000 { throw ValidationError("--explain must be between 0 and 1000, got \(explain)") }
        if resume && output == nil { throw ValidationError("--resume needs --output FILE: the file to go on with") }
        if resume && format != "jsonl" { throw ValidationError("--resume needs --format jsonl (each line names its record; got '\(format)')") }
        if output == "" { throw ValidationError("--output needs a file name") }
        try validateThreads(threads)
        if filesFrom == "-" && inputs.contains("-") { throw ValidationError("--files-from - reads the list of files from stdin; records cannot come from stdin too") }
        if batchSize < 1 || batchSize > 1_000_000 { throw ValidationError("--batch-size must be between 1 and 1000000, got \(batchSize)") }
        if ActorMode(rawValue: actors) == nil {
            throw ValidationError("--actors must be one of \(ActorMode.allCases.map { $0.rawValue }.joined(separator: ", ")), got '\(actors)'")
        }
        for a in actor where Actor.parse(a) == nil { throw ValidationError("--actor takes ALIAS|ALIAS|..., got '\(a)'") }
        if !actor.isEmpty && actors == "off" { throw ValidationError("--actor needs the actor analysis; drop --actors off") }
        if actorFile != nil && actors == "off" { throw ValidationError("--actor-file needs the actor analysis; drop --actors off") }
        if actorStance && actors == "off" { throw ValidationError("--actor-stance needs the actor analysis; drop --actors off") }
        if holders && actors == "off" { throw ValidationError("--holders needs the actor analysis; drop --actors off") }
        if actorModel != nil && actors == "off" { throw ValidationError("--actor-model needs the actor analysis; drop --actors off") }
        if let e = evidence {
            guard ScoreCommand.evidenceShown(e) != nil else {
                throw ValidationError("--evidence takes a number of sentences from 0 to 1000 or all, got '\(e)'")
            }
            if actors == "off" { throw ValidationError("--evidence needs the actor analysis; drop --actors off") }
        }
        var seen = Set<String>()
        for k in keptFields {
            if k.isEmpty { throw ValidationError("--keep takes field names separated by commas, got an empty name") }
            if k == "id" || k == "actors" { throw ValidationError("--keep \(k): the output already has \"\(k)\"; keep another field") }
            if !seen.insert(k).inserted { throw ValidationError("--keep names \"\(k)\" twice") }
        }
    }

    /// `--evidence`'s value: a count from 0 to 1000, or "all"; nil when it is neither.
    static func evidenceShown(_ value: String) -> EvidenceShown? {
        if value == "all" { return .all }
        guard let k = Int(value), (0...1000).contains(k) else { return nil }
        return .strongest(k)
    }

    /// `--task`'s head names, commas split.
    var taskNames: [String] { task.flatMap { $0.split(separator: ",").map(String.init) } }

    /// `--keep`'s field names, commas split.
    var keptFields: [String] { keep.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } } }

    /// Which heads run where, and the actor analysis.
    var policy: ScoringPolicy {
        var p = ScoringPolicy()
        p.applyScopes = true
        p.titleAsClaim = titleIsClaim
        // Naming heads with --task asks for those heads: the actor analysis then runs only if asked for too
        // (--actors on, --actor, --actor-file, --actor-stance, --holders or --actor-model).
        p.actors = actors == "auto" && !task.isEmpty && actor.isEmpty && actorFile == nil && !actorStance && !holders && actorModel == nil ? .off : ActorMode(rawValue: actors)!
        p.namedActors = actor.compactMap(Actor.parse)
        p.actorStance = actorStance
        p.holders = holders
        p.evidence = evidence.flatMap(ScoreCommand.evidenceShown)
        return p
    }

    public func run() throws {
        try runReportingErrors("slant-score") {
            let m = try loadModel(model)
            var policy = self.policy
            if let actorFile {
                // --actor's actors are asked about one by one; the list's are watched for.
                policy.askedActors = policy.namedActors.count
                policy.namedActors += try ActorList.read(actorFile, already: policy.namedActors)
            }
            var actorSource: SlantModel? = nil
            if let path = actorModel {
                let a = try ModelFile.read(path)
                let analysis: ArticleAnalyzer
                do { analysis = try ArticleAnalyzer(model: a) } catch let SlantError.usage(why) {
                    throw SlantError.usage("--actor-model \(path): \(why)")
                }
                if holders && analysis.directedTask == nil {
                    throw SlantError.usage("--holders needs a directed-sentiment head in --actor-model's model, and \(path) has none (its tasks: \(a.tasks.map { $0.name }.joined(separator: ", "))); drop --holders, or drop --actor-model to read holders with the model's own")
                }
                if actorStance && analysis.stanceTask == nil {
                    throw SlantError.usage("--actor-stance needs a target-stance head in --actor-model's model, and \(path) has none (its tasks: \(a.tasks.map { $0.name }.joined(separator: ", "))); drop --actor-stance, or drop --actor-model")
                }
                actorSource = a
            }
            let scorer = try Scorer(model: m, tasks: taskNames, explain: explain, threads: threads, policy: policy, actorModel: actorSource)
            let heads = scorer.tasks.map { m.tasks[$0].name }
            if let clash = keptFields.first(where: heads.contains) {
                throw SlantError.usage("--keep \(clash): the output already has the head \"\(clash)\"; keep another field")
            }
            let writer = PredictionWriter(format: OutputFormat(rawValue: format)!, tasks: scorer.tasks.map { m.tasks[$0] },
                                          actorLabels: scorer.analyzer?.labels, keep: keptFields)
            var readerOptions = input.readerOptions
            readerOptions.keep = keptFields
            readerOptions.defaultTarget = target
            readerOptions.defaultHolder = holder
            readerOptions.defaultTitle = title
            readerOptions.defaultClaim = claim
            readerOptions.titleFirstLine = titleFirstLine
            var run = ScoringRun(scorer: scorer, writer: writer, readerOptions: readerOptions)
            run.skipInvalid = input.skipInvalid
            run.batchSize = batchSize
            let expansion = try inputFiles(inputs, filesFrom: filesFrom, endings: InputFiles.readable, program: "slant-score")
            if let output, let same = InputFiles.same(as: output, among: expansion.files) {
                throw SlantError.io(path: same, message: "both an input and --output: writing the scores would replace the records being read; write them elsewhere")
            }
            // What an interrupted run left, read before the file is opened for writing.
            let resumed = resume ? try output.flatMap(ResumedOutput.read) : nil
            let out = try output.map { try OutputStream(file: $0, keeping: resumed?.length) } ?? OutputStream()
            // (--output was checked above, before it was opened.)
            if output == nil, let same = InputFiles.writtenTo(1, among: expansion.files) {
                throw SlantError.io(path: same, message: "both an input and the output (standard output is written to it): its own scores would be read back as records; write them elsewhere")
            }
            if let r = resumed, !r.ids.isEmpty || r.cutOff > 0 {
                run.resume = r.ids.isEmpty ? nil : r
                var line = "slant-score: resuming \(r.path): " + (r.ids.count == 1 ? "1 record already scored is skipped" : "\(r.ids.count) records already scored are skipped")
                if r.cutOff > 0 { line += "; its unfinished last line (\(r.cutOff) bytes) was cut off" }
                printError(line)
            }
            if why {
                run.onPageLeftOut = { file, uri, record, reason in
                    printError("slant-score: \(file): record \(record)\(uri.map { " (\($0))" } ?? ""): left out: \(reason)")
                }
            }
            let meter = ProgressMeter(inputs: expansion.files.map(\.path))
            if meter.live { run.progress = { meter.update(records: $0, bytes: $1) } }
            var skipped = SkipReport()
            var failure: Error? = nil
            do { try run.run(files: expansion.files, skipped: &skipped) { try out.write($0) } } catch { failure = error }
            try out.close()
            meter.finish()
            // Quiet by default: one line names the heads left out; --why gives each one's reason. A head the
            // user named with --task is always explained.
            let named = Set(taskNames)
            let explained = scorer.leftOutHeads.filter { why || named.contains($0.head) }
            for h in explained { printError("slant-score: " + Scorer.describe(h)) }
            if !why, scorer.leftOutHeads.contains(where: { !named.contains($0.head) }), let line = scorer.leftOutLine { printError("slant-score: \(line)") }
            if skipped.archives.leftOut > 0, let line = skipped.archives.summary {
                printError("slant-score: " + line + (skipped.archives.pagesLeftOut > 0 && !why ? "\n  (--why lists each page left out)" : ""))
            }
            // Before an error that ended the run too: its output lacks these records as well.
            if skipped.count > 0 || !skipped.faults.isEmpty { printError(skipped.summary) }
            if let failure { throw failure }
            if !skipped.faults.isEmpty {
                let n = skipped.faults.count
                throw SlantError.usage("\(n) input file\(n == 1 ? " was" : "s were") not read to the end (listed above): the records after each fault are missing from the output")
            }
            // The process ends next: the model's pages and tables go back with it, without a deinit each.
            ProcessLifetime.keep(scorer)
        }
    }
}

/// Objects kept until the process ends. Releasing a finished run's model and scorer cost about a millisecond
/// per process (unmapping the 24 MB model, freeing its tables), a twentieth of scoring one article, for memory
/// the process returns as it exits anyway.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [AnyObject] = []
    static func keep(_ object: AnyObject) { kept.append(object) }
}

/// Standard output, or `--output`'s file, through `write(2)`, every write checked: a full disk or a closed
/// descriptor is an error (exit status 1), never a silent cut. (A pipe closed by the reader, as under `| head`,
/// ends the process with SIGPIPE, quietly, as Unix filters do.)
final class OutputStream {
    /// The file descriptor written to.
    let fd: Int32
    /// What the messages call it: "standard output" or the file's path.
    let name: String

    /// Standard output.
    init() { fd = 1; name = "standard output" }

    /// `path`, created if missing; emptied, or with `keeping` bytes kept (a resumed run's complete lines, any
    /// cut-off line after them removed) and written after them.
    init(file path: String, keeping: Int?) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (keeping == nil ? O_TRUNC : 0)
        let fd = Glibc.open(path, flags, 0o644)
        guard fd >= 0 else { throw SlantError.io(path: path, message: "cannot be written: \(String(cString: strerror(errno)))") }
        if let keep = keeping, ftruncate(fd, off_t(keep)) != 0 || lseek(fd, off_t(keep), SEEK_SET) < 0 {
            let why = String(cString: strerror(errno))
            Glibc.close(fd)
            throw SlantError.io(path: path, message: "cannot be resumed: \(why)")
        }
        self.fd = fd; name = path
    }

    /// Writes all of `bytes` (the callers already batch: one call per batch of records).
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; throw failure() }
                done += n
            }
        }
    }
    /// Nothing is buffered in the process; a disk that reports errors late does so through `fsync`, which a
    /// pipe or terminal does not support, so only its failure on a regular file is an error. A file of its own
    /// is closed too, and that is checked.
    func close() throws {
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, fsync(fd) != 0, errno != EINVAL { throw failure() }
        if fd != 1, Glibc.close(fd) != 0 { throw failure() }
    }
    func failure() -> SlantError { .io(path: name, message: "write failed: \(String(cString: strerror(errno)))") }
}

/// Prints `text` and a newline to stdout and flushes, checking both.
func printChecked(_ text: String) throws {
    let out = OutputStream()
    try out.write(Array((text + "\n").utf8))
    try out.close()
}

/// A progress line on stderr while scoring, only when stderr is a terminal: records, rate and, for plain
/// (uncompressed) files of known size, the share done and the time left. Silent otherwise.
final class ProgressMeter {
    let live = isatty(2) == 1
    let total: Int?
    let start = Date()
    private var last = Date.distantPast
    private var shown = false

    init(inputs: [String]) {
        var sum = 0
        // (Not looked at unless shown: a folder may hold a million files.)
        var known = live && !inputs.isEmpty
        for p in inputs {
            var st = stat()
            guard p != "-", stat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, !p.hasSuffix(".gz") else { known = false; break }
            sum += Int(st.st_size)
        }
        total = known && sum > 0 ? sum : nil
    }

    func update(records: Int, bytes: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        let t = max(1e-3, now.timeIntervalSince(start))
        var line = "\(records) records, \(Int(Double(records) / t)) rec/s, \(String(format: "%.1f", Double(bytes) / t / 1e6)) MB/s"
        if let total, bytes > 0 {
            let done = min(1, Double(bytes) / Double(total))
            line += String(format: ", %.0f%%, ETA %.0f s", done * 100, t / done - t)
        }
        writeStderr("\r\u{1B}[K" + line)
        shown = true
    }

    func finish() { if shown { writeStderr("\r\u{1B}[K") } }
}
