/// What `slant-report` aggregates, and how.
public struct ReportOptions: Sendable {
    /// The field whose value names an article's group (`source`); nil: one group, "all".
    public var by: String? = nil
    /// The field holding an article's ISO date; nil: no periods.
    public var time: String? = nil
    /// The period of `time`.
    public var every: DatePeriod = .month
    /// Cells with fewer articles are greyed in the page and flagged in the tables.
    public var minArticles = 10
    /// The corpus's main actors shown (the most often named).
    public var actors = 20
    /// Actors tracked while reading (bounded memory; see `CorpusActors`).
    public var track = 5000
    /// Bootstrap resamples per interval.
    public var bootstrap = 1000
    /// The bootstrap's seed.
    public var seed: UInt64 = 1
    /// The defaults: one group, no periods, 10 articles per cell, 20 actors, 5,000 tracked, 1,000 resamples.
    public init() {}
}

/// A line `slant-report` could not read, with its place.
public struct MalformedLine: Error, Sendable, CustomStringConvertible {
    /// The input file (`-`: stdin), the 1-based line and what is wrong with it.
    public var file: String
    public var line: Int
    public var message: String
    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}

/// A value the date field held that is not a date, with its place.
public struct BadDate: Sendable {
    /// The input file, the 1-based line and why the value is not a date.
    public var file: String
    public var line: Int
    public var message: String
}

/// Aggregates `slant-score` output lines by group and period in memory bounded by groups × periods × actors.
///
/// Per cell it counts articles, each head's labels (single-label heads such as `leaning`) or label prevalence
/// (multi-label heads such as `frames`), and, for each tracked actor, how the articles that name it portray it.
/// `result()` makes the tables: shares with 95% bootstrap intervals over articles (`ShareBootstrap`), the main
/// actors merged across articles (`CorpusActors`), their strongest evidence, and differences between groups.
public final class CorpusReport {
    /// What is aggregated, and how.
    public let options: ReportOptions
    private var parser: ScoredRecordParser
    private var article = ScoredArticle()

    /// Group names and period labels by number, and cells by (group, period).
    private(set) var groups: [String] = []
    private var groupIndex: [String: Int] = [:]
    private(set) var periods: [String] = []
    private var periodIndex: [String: Int] = [:]
    private var cellIndex: [Int: Int] = [:]
    private(set) var cells: [(group: Int, period: Int)] = []
    private(set) var cellArticles: [Int] = []
    /// Per cell: head name → label → articles; answered articles per head.
    private var headCounts: [[Int: [Int: Int]]] = []
    private var multiCounts: [[Int: [Int: Int]]] = []
    private var headAnswered: [[Int: Int]] = []
    private var multiAnswered: [[Int: Int]] = []
    private var headNames: Set<Int> = [], multiNames: Set<Int> = []
    private(set) var actors: CorpusActors

    /// Records read, lines that were not records, and what the date field held.
    public private(set) var records = 0
    /// Records whose text the model could not read (`"not_read"`: no head answered them).
    public private(set) var notRead = 0
    public private(set) var malformed = 0
    public private(set) var missingDates = 0
    public private(set) var badDates = 0
    /// The first bad dates (at most 100 kept; all are counted).
    public private(set) var badDateExamples: [BadDate] = []
    /// Bytes of input read.
    public private(set) var bytes = 0

    /// The group of records without the `by` field, and the period of records without a usable date.
    public static let noValue = "(none)"
    /// The period of records without a usable date.
    public static let noDate = "(no date)"

    /// An empty report that aggregates as `options` say.
    public init(options: ReportOptions) {
        self.options = options
        parser = ScoredRecordParser(fields: [options.by, options.time].compactMap { $0 })
        actors = CorpusActors(capacity: options.track)
    }

    private func index(_ s: String, _ table: inout [String], _ map: inout [String: Int]) -> Int {
        if let k = map[s] { return k }
        table.append(s); map[s] = table.count - 1
        return table.count - 1
    }

    private func cell(group: Int, period: Int) -> Int {
        let key = group << 24 | period
        if let c = cellIndex[key] { return c }
        cells.append((group, period)); cellArticles.append(0)
        headCounts.append([:]); multiCounts.append([:]); headAnswered.append([:]); multiAnswered.append([:])
        cellIndex[key] = cells.count - 1
        return cells.count - 1
    }

    /// The text of a kept field: a string as it reads, a head's label when the field is a single-label head
    /// (`--by leaning`: the articles the head calls left, center, right), another value as written (`2020`,
    /// `true`); nil if absent or null.
    private func fieldValue(_ k: Int, _ line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let r = article.fields[k] else { return nil }
        if article.fieldIsString[k] { return ScoredRecordParser.string(line, r) }
        if line[r.lowerBound] == UInt8(ascii: "{") {
            if case .object(let o)? = try? JSONParser.parse(UnsafeBufferPointer(rebasing: line[r])), case .string(let label)? = o["label"] { return label }
        }
        let raw = String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
        return raw == "null" ? nil : raw
    }

    /// Adds one input line (blank lines are skipped).
    /// - Throws: `MalformedLine` when the line is not a `slant-score` record; the report goes on without it.
    public func add(line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) throws {
        bytes += line.count + 1
        var blank = true
        for b in line where !(b == 0x20 || b == 0x09 || b == 0x0D) { blank = false; break }
        if blank { return }
        do {
            try parser.parse(line, into: &article)
        } catch let e as JSONParseError {
            malformed += 1
            throw MalformedLine(file: file, line: lineNumber, message: "not a slant-score record: malformed at column \(e.offset + 1): \(e.message)")
        }
        records += 1
        if article.notRead { notRead += 1 }
        var f = 0
        var group = 0, period = 0
        if options.by != nil {
            group = index(fieldValue(f, line).flatMap { $0.isEmpty ? nil : $0 } ?? Self.noValue, &groups, &groupIndex)
            f += 1
        } else {
            group = index(ReportBuilder.all, &groups, &groupIndex)
        }
        if options.time != nil {
            let value = fieldValue(f, line)
            switch options.every.bucket(value) {
            case .success(let p): period = index(p, &periods, &periodIndex)
            case .failure(.missing): missingDates += 1; period = index(Self.noDate, &periods, &periodIndex)
            case .failure(.invalid(let why)):
                badDates += 1
                if badDateExamples.count < 100 { badDateExamples.append(BadDate(file: file, line: lineNumber, message: why)) }
                period = index(Self.noDate, &periods, &periodIndex)
            }
        }
        let c = cell(group: group, period: period)
        cellArticles[c] += 1
        for h in article.heads {
            headNames.insert(h.name)
            headCounts[c][h.name, default: [:]][h.label, default: 0] += 1
            headAnswered[c][h.name, default: 0] += 1
        }
        for h in article.multiHeads {
            multiNames.insert(h.name)
            multiAnswered[c][h.name, default: 0] += 1
            for l in Set(h.labels) { multiCounts[c][h.name, default: [:]][l, default: 0] += 1 }
        }
        addActors(cell: c, line: line)
    }

    private static let negativeLabel = "negative", positiveLabel = "positive"
    private var labelKinds: [Int: Int] = [:]

    /// -1 negative, 0 neutral (or anything else), 1 positive.
    private func kind(_ label: Int) -> Int {
        if let k = labelKinds[label] { return k }
        let s = label >= 0 ? parser.names.strings[label] : ""
        let k = s == Self.negativeLabel ? -1 : s == Self.positiveLabel ? 1 : 0
        labelKinds[label] = k
        return k
    }

    private func addActors(cell c: Int, line: UnsafeBufferPointer<UInt8>) {
        guard !article.actors.isEmpty else { return }
        // One count per actor and article: two of the article's actors that resolve to one key are one (the one
        // mentioned more often speaks for it).
        var chosen: [String: Int] = [:], mentionSum: [String: Int] = [:]
        for (k, a) in article.actors.enumerated() {
            let key = actors.resolve(a.name)
            mentionSum[key, default: 0] += a.mentions
            if let j = chosen[key], article.actors[j].mentions >= a.mentions { continue }
            chosen[key] = k
        }
        var id: String? = nil
        for (key, k) in chosen.sorted(by: { $0.value < $1.value }) {
            let a = article.actors[k]
            let kind = a.label >= 0 ? kind(a.label) : (a.score >= 0.5 ? 1 : a.score <= -0.5 ? -1 : 0)
            let mentions = mentionSum[key] ?? 0
            actors.add(key: key, name: a.name, aliases: a.aliases, cell: c) { counts in
                counts.articles += 1
                if kind < 0 { counts.negative += 1 } else if kind > 0 { counts.positive += 1 } else { counts.neutral += 1 }
                counts.mentions += mentions
                counts.scoreSum += a.score; counts.scoreSquares += a.score * a.score
                for e in a.evidence where e.strength > counts.evidenceFloor {
                    if id == nil { id = article.id.map { ScoredRecordParser.string(line, $0) } ?? "line \(records)" }
                    let label = e.label >= 0 ? parser.names.strings[e.label] : ""
                    counts.offer(ReportEvidence(strength: e.strength, label: label, sentence: ScoredRecordParser.string(line, e.sentence), article: id!))
                }
            }
        }
    }

    /// The head names and label names seen (for tests and tables).
    func name(_ k: Int) -> String { parser.names.strings[k] }

    /// The tables: see `ReportResult`.
    public func result(inputs: [String]) -> ReportResult {
        ReportBuilder(report: self, inputs: inputs).build()
    }

    // MARK: read access for the builder

    struct Snapshot {
        var groups: [String], periods: [String], cells: [(group: Int, period: Int)], cellArticles: [Int]
        var headCounts: [[Int: [Int: Int]]], multiCounts: [[Int: [Int: Int]]], headAnswered: [[Int: Int]], multiAnswered: [[Int: Int]]
        var headNames: [Int], multiNames: [Int]
    }

    var snapshot: Snapshot {
        Snapshot(groups: groups, periods: periods, cells: cells, cellArticles: cellArticles, headCounts: headCounts,
                 multiCounts: multiCounts, headAnswered: headAnswered, multiAnswered: multiAnswered,
                 headNames: headNames.sorted { name($0) < name($1) }, multiNames: multiNames.sorted { name($0) < name($1) })
    }
}
