/// One `slant-score` output line as the corpus report needs it: the fields it groups by, the heads' labels and
/// the actors. Strings the report may never show (evidence sentences, the id) stay byte ranges into the line
/// until asked for; the struct is reused from line to line, so reading allocates little.
public struct ScoredArticle {
    /// A byte range of a JSON string in the line, quotes included.
    public typealias Span = Range<Int>

    /// A single-label head (`leaning`, `stance` ...): its name and label, interned (`ScoredRecordParser.names`).
    public struct Head { public var name: Int; public var label: Int }
    /// A multi-label head (`frames`): its name and the labels it gave, interned.
    public struct MultiHead { public var name: Int; public var labels: [Int] }
    /// One evidence sentence of an actor: where its text is and how strongly it leans (|P(pos) − P(neg)|).
    public struct Evidence { public var sentence: Span; public var label: Int; public var strength: Double }
    /// One actor of the article's analysis.
    public struct Actor {
        public var name: String = ""
        public var aliases: [String] = []
        public var mentions: Int = 0
        /// The portrayal label, interned; -1 when the record has none.
        public var label: Int = -1
        /// The net score P(positive) − P(negative) in [-1, 1].
        public var score: Double = 0
        public var evidence: [Evidence] = []
    }

    /// The id's string (span), if the record has one.
    public var id: Span? = nil
    /// The raw value of each field asked for (`ScoredRecordParser.fields`), as written: a string's span, or
    /// another value's bytes; nil when the key is absent.
    public var fields: [Range<Int>?] = []
    /// Whether the field's value is a JSON string (else a number, boolean, null, object or array).
    public var fieldIsString: [Bool] = []
    public var heads: [Head] = []
    public var multiHeads: [MultiHead] = []
    public var actors: [Actor] = []
    var actorCount = 0
    /// The record says the model could not read its text (`"not_read"`): no head and no actor analysis answered.
    public var notRead = false

    mutating func reset(fieldCount: Int) {
        id = nil
        if fields.count != fieldCount { fields = Array(repeating: nil, count: fieldCount); fieldIsString = Array(repeating: false, count: fieldCount) }
        for k in fields.indices { fields[k] = nil; fieldIsString[k] = false }
        heads.removeAll(keepingCapacity: true)
        for k in multiHeads.indices { multiHeads[k].labels.removeAll(keepingCapacity: true) }
        multiHeads.removeAll(keepingCapacity: true)
        actorCount = 0
        notRead = false
    }
}

/// Small strings (head names, labels) numbered in the order first seen, looked up by their bytes without making
/// a `String` per lookup.
public struct ByteInterner {
    private var table: [Int32]
    private var keys: [[UInt8]] = []
    /// The strings, by number.
    public private(set) var strings: [String] = []

    public init() { table = Array(repeating: -1, count: 64) }

    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in p { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The number of `bytes` (valid UTF-8), adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let k = Int(table[slot])
            if k < 0 { break }
            if keys[k].elementsEqual(bytes) { return k }
            slot = (slot + 1) & mask
        }
        let k = keys.count
        keys.append(Array(bytes))
        strings.append(String(decoding: bytes, as: UTF8.self))
        table[slot] = Int32(k)
        if keys.count * 2 > table.count {
            table = Array(repeating: -1, count: table.count * 2)
            for (j, key) in keys.enumerated() {
                var s = key.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & (table.count - 1)
                while table[s] >= 0 { s = (s + 1) & (table.count - 1) }
                table[s] = Int32(j)
            }
        }
        return k
    }

    /// The number of `s`, adding it when new.
    public mutating func intern(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { intern($0) }
    }
}

/// A strict, single-pass reader of `slant-score`'s JSONL output lines. It checks the whole line's JSON syntax
/// (so a cut or garbled line is reported, not half-read) but builds values only for what the report uses:
/// the named top-level fields, each head's label(s), and each actor's name, aliases, mentions, label, score and
/// evidence. A top-level object holding `label` or `labels` is a head; `actors` is the article analysis.
///
/// About 2 bytes per nanosecond on one core: string bodies are skipped eight bytes at a time (`ByteScan`).
public struct ScoredRecordParser {
    /// The top-level keys whose values `ScoredArticle.fields` holds, in this order.
    public let fields: [String]
    private let fieldBytes: [[UInt8]]
    /// Head names and labels seen so far.
    public var names = ByteInterner()
    private var p = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var i = 0
    private var depth = 0

    public init(fields: [String]) {
        self.fields = fields
        self.fieldBytes = fields.map { Array($0.utf8) }
    }

    /// Reads one line into `out`.
    /// - Throws: `JSONParseError` with the byte offset in the line and the problem.
    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into out: inout ScoredArticle) throws {
        p = line; i = 0; depth = 0
        out.reset(fieldCount: fields.count)
        skipWS()
        guard i < p.count, p[i] == UInt8(ascii: "{") else {
            throw fail(i < p.count ? "a slant-score record is a JSON object, got '\(JSONParser.show(p[i]))'" : "empty line")
        }
        try object { parser, key in
            for (f, name) in parser.fieldBytes.enumerated() where parser.equal(key, name) {
                let s = parser.i
                out.fieldIsString[f] = parser.peek == UInt8(ascii: "\"")
                if parser.peek == UInt8(ascii: "{") {
                    // A head named as the field (`--by leaning`) is still read as a head.
                    let name = parser.names.intern(UnsafeBufferPointer(rebasing: parser.p[(key.lowerBound + 1)..<(key.upperBound - 1)]))
                    try parser.head(named: name, into: &out)
                } else {
                    try parser.skipValue()
                }
                out.fields[f] = s..<parser.i
                if parser.equal(key, "id"), out.fieldIsString[f] { out.id = s..<parser.i }
                return
            }
            if parser.equal(key, "id") {
                guard parser.peek == UInt8(ascii: "\"") else { throw parser.fail("\"id\" must be a string") }
                out.id = try parser.skipString()
                return
            }
            if parser.equal(key, "not_read") {
                out.notRead = true
                try parser.skipValue()
                return
            }
            if parser.equal(key, "actors") {
                guard parser.peek == UInt8(ascii: "[") else { throw parser.fail("\"actors\" must be an array") }
                try parser.actors(into: &out)
                return
            }
            if parser.peek == UInt8(ascii: "{") {
                let name = parser.names.intern(UnsafeBufferPointer(rebasing: parser.p[(key.lowerBound + 1)..<(key.upperBound - 1)]))
                try parser.head(named: name, into: &out)
                return
            }
            try parser.skipValue()
        }
        skipWS()
        if i != p.count { throw fail("unexpected text after the JSON object") }
        if out.actors.count > out.actorCount { out.actors.removeSubrange(out.actorCount...) }
    }

    // MARK: the report's parts

    private mutating func head(named name: Int, into out: inout ScoredArticle) throws {
        var label: Int? = nil
        var labels: [Int]? = nil
        try object { parser, key in
            if parser.equal(key, "label"), parser.peek == UInt8(ascii: "\"") {
                label = try parser.internedString()
            } else if parser.equal(key, "labels"), parser.peek == UInt8(ascii: "[") {
                var ls: [Int] = []
                try parser.array { parser in
                    guard parser.peek == UInt8(ascii: "\"") else { throw parser.fail("a head's \"labels\" must be strings") }
                    ls.append(try parser.internedString())
                }
                labels = ls
            } else {
                try parser.skipValue()
            }
        }
        if let l = labels { out.multiHeads.append(.init(name: name, labels: l)) } else if let l = label { out.heads.append(.init(name: name, label: l)) }
    }

    private mutating func actors(into out: inout ScoredArticle) throws {
        try array { parser in
            guard parser.peek == UInt8(ascii: "{") else { throw parser.fail("each of \"actors\" must be an object") }
            if out.actorCount == out.actors.count { out.actors.append(ScoredArticle.Actor()) }
            let k = out.actorCount
            out.actorCount += 1
            out.actors[k].name = ""
            out.actors[k].aliases.removeAll(keepingCapacity: true)
            out.actors[k].evidence.removeAll(keepingCapacity: true)
            out.actors[k].mentions = 0; out.actors[k].label = -1; out.actors[k].score = 0
            var named = false
            try parser.object { parser, key in
                if parser.equal(key, "name") {
                    guard parser.peek == UInt8(ascii: "\"") else { throw parser.fail("an actor's \"name\" must be a string") }
                    out.actors[k].name = try parser.decodedString()
                    named = true
                } else if parser.equal(key, "aliases"), parser.peek == UInt8(ascii: "[") {
                    try parser.array { parser in
                        guard parser.peek == UInt8(ascii: "\"") else { throw parser.fail("an actor's \"aliases\" must be strings") }
                        out.actors[k].aliases.append(try parser.decodedString())
                    }
                } else if parser.equal(key, "mentions") {
                    let v = try parser.number()
                    guard v >= 0, v < 1e9 else { throw parser.fail("an actor's \"mentions\" must be a count, got \(v)") }
                    out.actors[k].mentions = Int(v)
                } else if parser.equal(key, "label"), parser.peek == UInt8(ascii: "\"") {
                    out.actors[k].label = try parser.internedString()
                } else if parser.equal(key, "score") {
                    let v = try parser.number()
                    guard v >= -1, v <= 1 else { throw parser.fail("an actor's \"score\" must be in [-1, 1], got \(v)") }
                    out.actors[k].score = v
                } else if parser.equal(key, "evidence"), parser.peek == UInt8(ascii: "[") {
                    try parser.array { parser in
                        guard parser.peek == UInt8(ascii: "{") else { throw parser.fail("each evidence must be an object") }
                        var sentence: Range<Int>? = nil, label = -1, pos = 0.0, neg = 0.0
                        try parser.object { parser, key in
                            if parser.equal(key, "sentence"), parser.peek == UInt8(ascii: "\"") {
                                sentence = try parser.skipString()
                            } else if parser.equal(key, "label"), parser.peek == UInt8(ascii: "\"") {
                                label = try parser.internedString()
                            } else if parser.equal(key, "scores"), parser.peek == UInt8(ascii: "{") {
                                try parser.object { parser, key in
                                    if parser.equal(key, "positive") { pos = try parser.number() } else if parser.equal(key, "negative") { neg = try parser.number() } else { try parser.skipValue() }
                                }
                            } else {
                                try parser.skipValue()
                            }
                        }
                        if let s = sentence { out.actors[k].evidence.append(.init(sentence: s, label: label, strength: abs(pos - neg))) }
                    }
                } else {
                    try parser.skipValue()
                }
            }
            if !named { throw parser.fail("an actor has no \"name\"") }
        }
    }

    // MARK: values

    /// The text of a string span of the line just parsed (quotes included in `span`).
    public static func string(_ line: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> String {
        (try? decoded(line, span)) ?? String(decoding: UnsafeBufferPointer(rebasing: line[(span.lowerBound + 1)..<(span.upperBound - 1)]), as: UTF8.self)
    }

    /// A string span's text: the bytes themselves when they hold no escape, else through `JSONParser`.
    /// - Throws: `JSONParseError` for invalid UTF-8.
    static func decoded(_ line: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) throws -> String {
        let body = UnsafeBufferPointer(rebasing: line[(span.lowerBound + 1)..<(span.upperBound - 1)])
        if !body.contains(UInt8(ascii: "\\")) {
            guard let s = String(validating: body, as: UTF8.self) else { throw JSONParseError(offset: span.lowerBound, message: "invalid UTF-8 in string") }
            return s
        }
        guard case .string(let s) = try JSONParser.parse(UnsafeBufferPointer(rebasing: line[span])) else {
            throw JSONParseError(offset: span.lowerBound, message: "invalid string")
        }
        return s
    }

    private mutating func decodedString() throws -> String { try Self.decoded(p, try skipString()) }

    /// A string's number in `names`: interned from its bytes when they hold no escape (no `String` made).
    private mutating func internedString() throws -> Int {
        let span = try skipString()
        let body = UnsafeBufferPointer(rebasing: p[(span.lowerBound + 1)..<(span.upperBound - 1)])
        if !body.contains(UInt8(ascii: "\\")) && String(validating: body, as: UTF8.self) != nil { return names.intern(body) }
        return names.intern(try Self.decoded(p, span))
    }

    @inline(__always) private func equal(_ key: Range<Int>, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard key.count == n + 2 else { return false }
        let b = s.utf8Start
        for k in 0..<n where p[key.lowerBound + 1 + k] != b[k] { return false }
        return true
    }

    @inline(__always) private func equal(_ key: Range<Int>, _ s: [UInt8]) -> Bool {
        guard key.count == s.count + 2 else { return false }
        for k in 0..<s.count where p[key.lowerBound + 1 + k] != s[k] { return false }
        return true
    }

    // MARK: JSON syntax

    private func fail(_ message: String) -> JSONParseError { JSONParseError(offset: i, message: message) }

    private var peek: UInt8 { i < p.count ? p[i] : 0 }

    @inline(__always) private mutating func skipWS() {
        while i < p.count {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > 64 { throw fail("JSON nested too deeply for a slant-score record (over 64 levels)") }
    }

    /// Walks an object, calling `member` with each key's span once the cursor is at its value; `member` must
    /// consume the value.
    private mutating func object(_ member: (inout ScoredRecordParser, Range<Int>) throws -> Void) throws {
        try enter(); defer { depth -= 1 }
        i += 1
        skipWS()
        if peek == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipWS()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key in object") }
            let key = try skipString()
            skipWS()
            guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipWS()
            guard i < p.count else { throw fail("unexpected end of JSON") }
            try member(&self, key)
            skipWS()
            guard i < p.count else { throw fail("unterminated object") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}' in object")
        }
    }

    private mutating func array(_ element: (inout ScoredRecordParser) throws -> Void) throws {
        try enter(); defer { depth -= 1 }
        i += 1
        skipWS()
        if peek == UInt8(ascii: "]") { i += 1; return }
        while true {
            skipWS()
            guard i < p.count else { throw fail("unexpected end of JSON") }
            try element(&self)
            skipWS()
            guard i < p.count else { throw fail("unterminated array") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "]") { i += 1; return }
            throw fail("expected ',' or ']' in array")
        }
    }

    private mutating func skipValue() throws {
        guard i < p.count else { throw fail("unexpected end of JSON") }
        switch p[i] {
        case UInt8(ascii: "{"): try object { parser, _ in try parser.skipValue() }
        case UInt8(ascii: "["): try array { parser in try parser.skipValue() }
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw fail("unexpected character '\(JSONParser.show(p[i]))' where a JSON value should start")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { throw fail("invalid literal") }
        for k in 0..<n where p[i + k] != word.utf8Start[k] { throw fail("invalid literal") }
        i += n
    }

    /// Skips a string (the cursor at its opening quote), checking its escapes; returns its span, quotes included.
    private mutating func skipString() throws -> Range<Int> {
        let s = i
        i += 1
        while true {
            i = ByteScan.firstSpecial(p, from: i)
            guard i < p.count else { throw fail("unterminated string") }
            let c = p[i]
            if c == UInt8(ascii: "\"") { i += 1; return s..<i }
            if c < 0x20 { throw fail("control character in string (must be escaped)") }
            // A backslash: one escape.
            i += 1
            guard i < p.count else { throw fail("unterminated string") }
            switch p[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 1
            case UInt8(ascii: "u"):
                guard i + 4 < p.count else { throw fail("truncated \\u escape") }
                for k in 1...4 where !(p[i + k] >= 0x30 && p[i + k] <= 0x39 || (p[i + k] | 0x20) >= 0x61 && (p[i + k] | 0x20) <= 0x66) {
                    throw fail("invalid \\u escape")
                }
                i += 5
            default: throw fail("invalid escape '\\\(JSONParser.show(p[i]))' in string")
            }
        }
    }

    /// Reads a JSON number (strict grammar); plain decimals without an exponent are converted without `strtod`.
    private mutating func number() throws -> Double {
        let s = i
        var negative = false
        if peek == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0, digits = 0, scale = 0
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard i < p.count, digit(p[i]) else { throw fail("invalid number") }
        if p[i] == 0x30 { i += 1; digits = 1 } else {
            while i < p.count, digit(p[i]) { if digits < 18 { mantissa = mantissa * 10 + UInt64(p[i] - 0x30) } else { scale -= 1 }; digits += 1; i += 1 }
        }
        var simple = digits <= 18
        if peek == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while i < p.count, digit(p[i]) {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(p[i] - 0x30); digits += 1; scale += 1 } else { simple = false }
                frac += 1; i += 1
            }
            if frac == 0 { throw fail("invalid number") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            simple = false
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            var n = 0
            while i < p.count, digit(p[i]) { i += 1; n += 1 }
            if n == 0 { throw fail("invalid number") }
        }
        if simple && scale <= 22 && scale >= 0 {
            let v = Double(mantissa) / Self.powers[scale]
            return negative ? -v : v
        }
        guard let v = Double(String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self)), v.isFinite else { throw fail("invalid number") }
        return v
    }

    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }
}
