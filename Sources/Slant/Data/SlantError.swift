/// Every failure Slant reports, with enough context to act on: the file, the line and the problem.
public enum SlantError: Error, CustomStringConvertible, Equatable {
    /// A record or line of an input file is malformed. `line` is 1-based; `file` is the path or `-` for stdin.
    case invalidInput(file: String, line: Int, message: String)
    /// A file could not be opened or read.
    case io(path: String, message: String)
    /// A model file is not usable: not a Slant model, truncated, corrupt or incompatible.
    case invalidModel(path: String, reason: String)
    /// Options or data do not fit together (e.g. a task that no record carries).
    case usage(String)

    public var description: String {
        switch self {
        case let .invalidInput(file, line, message): return "\(file):\(line): \(message)"
        case let .io(path, message): return "\(path): \(message)"
        case let .invalidModel(path, reason): return "\(path): not a usable Slant model: \(reason)"
        case let .usage(message): return message
        }
    }
}

/// Counts and remembers the records skipped with `--skip-invalid`, so nothing is lost silently.
public struct SkipReport: Sendable {
    /// How many records were skipped in total.
    public private(set) var count = 0
    /// The first few errors, kept verbatim for the closing report.
    public private(set) var examples: [String] = []
    /// Skipped records per problem (the message without the file and line).
    public private(set) var byReason: [String: Int] = [:]
    /// How many examples to keep.
    public let keep: Int
    /// What web archives gave: pages read, records left out (not invalid: records that hold no article).
    public var archives = ArchiveTally()
    /// The files whose reading a fault ended (a cut gzip stream or web archive, a line over the limit, a file that
    /// cannot be opened), each as its error: with `--skip-invalid` the run goes on with the next file, and ends with
    /// an error, since the records after each fault are missing.
    public private(set) var faults: [String] = []

    public init(keep: Int = 5) { self.keep = keep }

    /// Records one skipped record.
    public mutating func add(_ error: SlantError) {
        count += 1
        if examples.count < keep { examples.append(error.description) }
        var reason = error.description
        if case let .invalidInput(_, _, message) = error { reason = message }
        // Messages that quote a value ('got "…"') are grouped by what comes before the value; a quotation mark
        // that is itself named ("a '"' opened here") opens no value.
        if let quote = reason.firstIndex(of: "\""), reason.distance(from: reason.startIndex, to: quote) > 12,
           reason[reason.index(before: quote)] != "'" {
            reason = String(reason[..<quote]).trimmingTrailingSpaces()
        }
        byReason[reason, default: 0] += 1
    }

    /// Records a file whose reading `error` ended.
    public mutating func fault(_ error: SlantError) {
        faults.append(error.description)
    }

    /// A human-readable summary, empty when nothing was skipped.
    public var summary: String {
        var s = ""
        if count > 0 {
            s += "skipped \(count) invalid record\(count == 1 ? "" : "s"):\n"
            for (reason, n) in byReason.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                s += "  \(n) × \(reason)\n"
            }
            s += "first \(examples.count):\n"
            for e in examples { s += "  \(e)\n" }
        }
        if !faults.isEmpty {
            s += "\(faults.count) file\(faults.count == 1 ? "" : "s") not read to the end (the records before each fault were scored):\n"
            for f in faults { s += "  \(f)\n" }
        }
        return s
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == ":" || last == "," { s = s.dropLast() }
        return String(s)
    }
}
