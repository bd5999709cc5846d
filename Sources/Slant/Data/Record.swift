/// A task's gold label on one record: one label (single-label task) or a set (multi-label task).
public enum LabelValue: Equatable, Sendable {
    case single(String)
    case multi([String])

    /// The labels as a list (one element for a single label).
    public var all: [String] {
        switch self {
        case .single(let s): return [s]
        case .multi(let m): return m
        }
    }
}

/// A half-open range of Unicode scalar offsets into a record's `text`.
public struct Span: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
}

/// One input record: the text to score plus optional title, target, spans, source and gold labels.
public struct Record: Sendable {
    /// The record's identifier (the input line number when the input gives none).
    public var id: String
    /// The text that is scored.
    public var text: String
    /// The headline (FNC-1: the claim headline).
    public var title: String?
    /// What the stance or sentiment is about.
    public var target: String?
    /// A claim from elsewhere that the text is compared against (heads that need a claim, e.g. FNC-1's
    /// headline stance). Never the article's own headline.
    public var claim: String?
    /// Where the target is mentioned in `text`.
    public var spans: [Span]
    /// Whose feeling toward the target a directed-sentiment head reads (`directed`: "militias fear Trump" has
    /// the militias as holder); nil for the author's own view.
    public var holder: String? = nil
    /// Where the holder is mentioned in `text`.
    public var holderSpans: [Span] = []
    /// The outlet, used for grouped cross-validation.
    public var source: String?
    /// Gold labels, one entry per task that this record is labeled for.
    public var labels: [String: LabelValue]
    /// Where the record came from, for error messages.
    public var file: String
    /// The 1-based line where the record starts.
    public var line: Int
    /// The input fields `slant-score --keep` copies to the output, in `ReaderOptions.keep`'s order (`.null`
    /// for a field the record lacks); empty unless asked for.
    public var kept: [JSONValue] = []
    /// Where the invisible format characters removed from `text` were, as scalar offsets in the text as given
    /// (`removeInvisibleCharacters`); empty when there were none. `offsetInGivenText` maps `text`'s offsets back.
    public var removedFromText: [Int32] = []
    /// Where the ligatures `text` writes as their letters were (`Ligatures`), as scalar offsets in the text as given,
    /// one for each letter a ligature added ("ﬃ" twice); empty when there were none.
    public var expandedInText: [Int32] = []

    public init(id: String, text: String, title: String? = nil, target: String? = nil, spans: [Span] = [],
                source: String? = nil, labels: [String: LabelValue] = [:], file: String = "-", line: Int = 0,
                claim: String? = nil) {
        self.id = id; self.text = text; self.title = title; self.target = target; self.spans = spans; self.claim = claim
        self.source = source; self.labels = labels; self.file = file; self.line = line
    }

    /// Builds a record from a parsed JSON object in Slant's labeled-JSONL format, checking every field. Without an
    /// `id`, its id is `number` (the element's place in a JSON array), else its line.
    /// - Throws: `SlantError.invalidInput` naming the field and what was wrong with it.
    public init(json: JSONValue, file: String, line: Int, number: Int? = nil) throws {
        func bad(_ m: String) -> SlantError { .invalidInput(file: file, line: line, message: m) }
        guard case .object(let o) = json else { throw bad("a record must be a JSON object, got \(json.typeName)") }
        func optString(_ key: String) throws -> String? {
            guard let v = o[key] else { return nil }
            switch v {
            case .string(let s): return s
            case .null: return nil
            default: throw bad("\"\(key)\" must be a string, got \(v.typeName)")
            }
        }
        var id: String
        switch o["id"] {
        case .string(let s)?: id = s
        case .number(let d)?:
            // Doubles hold integers exactly only up to 2^53: larger numeric ids would silently collide.
            guard d == d.rounded(), abs(d) < 9_007_199_254_740_992 else {
                throw bad("a numeric \"id\" must be an integer of magnitude below 2^53, got \(Record.render(.number(d))); quote it as a string")
            }
            id = String(Int64(d))
        case nil, .null?: id = String(number ?? line)
        case let v?: throw bad("\"id\" must be a string, got \(v.typeName)")
        }
        if id.isEmpty { id = String(number ?? line) }
        guard let textValue = o["text"] else { throw bad("missing required field \"text\"") }
        guard case .string(let text) = textValue else { throw bad("\"text\" must be a string, got \(textValue.typeName)") }
        if text.allSatisfy({ $0.isWhitespace }) { throw bad("\"text\" is empty") }
        func spanList(_ key: String) throws -> [Span] {
            var spans: [Span] = []
            guard let sv = o[key], sv != .null else { return spans }
            guard case .array(let arr) = sv else { throw bad("\"\(key)\" must be a list of [start, end] pairs, got \(sv.typeName)") }
            // Counted only for records with spans: counting an article's scalars was 3% of scoring.
            let length = text.unicodeScalars.count
            for item in arr {
                guard case .array(let pair) = item, pair.count == 2,
                      case .number(let a) = pair[0], case .number(let b) = pair[1],
                      a == a.rounded(), b == b.rounded(), abs(a) < 1e12, abs(b) < 1e12 else {
                    throw bad("each \(key == "spans" ? "span" : "holder span") must be a pair of integers [start, end], got \(Record.render(item))")
                }
                let s = Int(a), e = Int(b)
                guard s >= 0, e <= length, s < e else {
                    throw bad("\(key == "spans" ? "span" : "holder span") [\(s), \(e)] is outside the text (\(length) characters) or empty")
                }
                spans.append(Span(s, e))
            }
            return spans
        }
        let spans = try spanList("spans")
        let holderSpans = try spanList("holder_spans")
        var labels: [String: LabelValue] = [:]
        if let lv = o["labels"], lv != .null {
            guard case .object(let lo) = lv else { throw bad("\"labels\" must be an object, got \(lv.typeName)") }
            for (task, v) in lo {
                switch v {
                case .string(let s):
                    if s.isEmpty { throw bad("labels.\(task) is an empty string") }
                    labels[task] = .single(s)
                case .array(let items):
                    var out: [String] = []
                    for it in items {
                        guard case .string(let s) = it, !s.isEmpty else {
                            throw bad("labels.\(task) must be a list of non-empty strings, got an element of type \(it.typeName)")
                        }
                        if !out.contains(s) { out.append(s) }
                    }
                    labels[task] = .multi(out)
                case .null: continue
                default: throw bad("labels.\(task) must be a string or a list of strings, got \(v.typeName)")
                }
            }
        }
        self.init(id: id, text: text, title: try optString("title"), target: try optString("target"), spans: spans,
                  source: try optString("source"), labels: labels, file: file, line: line, claim: try optString("claim"))
        holder = try optString("holder")
        self.holderSpans = holderSpans
        if !holderSpans.isEmpty && (holder ?? "").isEmpty { throw bad("\"holder_spans\" are given without a \"holder\"") }
    }

    static func render(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return "\"\(s.prefix(40))\""
        case .array(let a): return "[" + a.map(render).joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }
}
