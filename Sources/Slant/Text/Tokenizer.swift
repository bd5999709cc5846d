/// What kind of token the tokenizer found.
public enum TokenKind: UInt8, Sendable {
    case word = 0, number, url, handle, hashtag, ideograph, emoji
}

/// One token: a range of the normalised bytes in a `TokenBuffer`, plus where it started in the input.
public struct Token: Sendable {
    /// Start and end of the normalised (case-folded) UTF-8 bytes in `TokenBuffer.bytes`.
    public var start: Int32
    public var end: Int32
    /// Offset of the token's first Unicode scalar in the input (to map `spans`).
    public var scalarOffset: Int32
    public var kind: TokenKind
    /// True when clause punctuation (`. , ; : ! ?` and the like) stands between this token and the previous one.
    public var afterBoundary: Bool
}

/// Reusable scratch space for tokenizing: no allocation per token once warmed up.
public struct TokenBuffer: Sendable {
    /// The normalised bytes of all tokens, back to back.
    public var bytes: [UInt8] = []
    public var tokens: [Token] = []
    /// `murmur3` of each token's bytes, filled by `hashTokens()`.
    public var hashes: [UInt32] = []
    /// Whether each token is in a negation scope (filled by the featurizer when negation marking is on).
    public var negated: [Bool] = []
    /// Token hashes before negation marking (for lexicon look-ups).
    public var rawHashes: [UInt32] = []
    public init() {}

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true); tokens.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true); negated.removeAll(keepingCapacity: true)
        rawHashes.removeAll(keepingCapacity: true)
    }

    /// The text of token `i` (negated tokens are shown as `NOT_word`).
    public func string(_ i: Int) -> String {
        let s = String(decoding: bytes[Int(tokens[i].start)..<Int(tokens[i].end)], as: UTF8.self)
        return i < negated.count && negated[i] ? "NOT_" + s : s
    }

    /// All token strings (for tests and explanations).
    public var strings: [String] { (0..<tokens.count).map(string) }

    /// Computes the frozen hash of every token.
    public mutating func hashTokens() {
        hashes.removeAll(keepingCapacity: true)
        hashes.reserveCapacity(tokens.count)
        bytes.withUnsafeBytes { raw in
            for t in tokens {
                hashes.append(Murmur3.hash(UnsafeRawBufferPointer(rebasing: raw[Int(t.start)..<Int(t.end)]), seed: 0))
            }
        }
    }
}

/// A Unicode-aware tokenizer over UTF-8 bytes.
///
/// Rules: words are runs of letters, marks and digits (case-folded), keeping an apostrophe (`'` or `’`,
/// normalised to `'`) between two letters; numbers keep inner `.` and `,` between digits (`3.5`, `1,000`);
/// `http://…`, `https://…` and `www.…` are one URL token; `@handle` and `#hashtag` keep their sign; each CJK
/// ideograph, kana and emoji is a token of its own (those scripts do not separate words with spaces). Everything
/// else separates tokens. ASCII takes a fast path with no Unicode table look-up and no allocation.
public struct Tokenizer: Sendable {
    public init() {}

    /// Tokenizes `text` into `buffer` (which is cleared first).
    /// - Complexity: O(n) in the UTF-8 length.
    public func tokenize(_ text: String, into buffer: inout TokenBuffer) {
        buffer.removeAll()
        var text = text
        text.withUTF8 { tokenize(bytes: $0, into: &buffer) }
    }

    /// Tokenizes raw UTF-8 bytes. Invalid bytes are treated as separators, never a crash.
    public func tokenize(bytes p: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        let n = p.count
        var i = 0
        var scalarIndex: Int32 = 0
        var boundary = false
        var out = buffer.bytes
        var toks = buffer.tokens
        buffer.bytes = []; buffer.tokens = []
        defer { buffer.bytes = out; buffer.tokens = toks }

        @inline(__always) func decode(_ at: Int) -> (UInt32, Int) {
            let b0 = p[at]
            if b0 < 0x80 { return (UInt32(b0), 1) }
            if b0 >= 0xC2 && b0 < 0xE0, at + 1 < n, p[at + 1] & 0xC0 == 0x80 {
                return ((UInt32(b0 & 0x1F) << 6) | UInt32(p[at + 1] & 0x3F), 2)
            }
            if b0 >= 0xE0 && b0 < 0xF0, at + 2 < n, p[at + 1] & 0xC0 == 0x80, p[at + 2] & 0xC0 == 0x80 {
                let v = (UInt32(b0 & 0x0F) << 12) | (UInt32(p[at + 1] & 0x3F) << 6) | UInt32(p[at + 2] & 0x3F)
                if v >= 0x800 && (v < 0xD800 || v > 0xDFFF) { return (v, 3) }
            }
            if b0 >= 0xF0 && b0 < 0xF5, at + 3 < n, p[at + 1] & 0xC0 == 0x80, p[at + 2] & 0xC0 == 0x80, p[at + 3] & 0xC0 == 0x80 {
                let v = (UInt32(b0 & 0x07) << 18) | (UInt32(p[at + 1] & 0x3F) << 12) | (UInt32(p[at + 2] & 0x3F) << 6) | UInt32(p[at + 3] & 0x3F)
                if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
            }
            return (0xFFFD_FFFF, 1)  // invalid byte
        }

        let table = CharClass.ascii   // one look-up of the static table, not one per character
        @inline(__always) func classOf(_ c: UInt32) -> CharClass {
            c < 0x80 ? table[Int(c)] : (c == 0xFFFD_FFFF ? .invalid : CharClass.unicode(c))
        }
        while i < n {
            let (c, len) = decode(i)
            let cls = classOf(c)
            switch cls {
            case .space, .invalid:
                i += len; scalarIndex += 1
                continue
            case .boundary:
                boundary = true
                i += len; scalarIndex += 1
                continue
            case .other:
                // '@' / '#' followed by a word character: a handle or a hashtag.
                if (c == 0x40 || c == 0x23), i + 1 < n {
                    let (c2, _) = decode(i + 1)
                    let cl2 = classOf(c2)
                    if cl2 == .word || cl2 == .digit {
                        let start = Int32(out.count)
                        let off = scalarIndex
                        out.append(UInt8(c))
                        i += 1; scalarIndex += 1
                        while i < n {
                            let (cc, l) = decode(i)
                            let k = classOf(cc)
                            if k == .word || k == .digit || cc == 0x5F { Tokenizer.appendFolded(cc, &out); i += l; scalarIndex += 1 } else { break }
                        }
                        toks.append(Token(start: start, end: Int32(out.count), scalarOffset: off,
                                          kind: c == 0x40 ? .handle : .hashtag, afterBoundary: boundary))
                        boundary = false
                        continue
                    }
                }
                i += len; scalarIndex += 1
                continue
            case .ideograph, .emoji:
                let start = Int32(out.count)
                Tokenizer.appendFolded(c, &out)
                toks.append(Token(start: start, end: Int32(out.count), scalarOffset: scalarIndex,
                                  kind: cls == .emoji ? .emoji : .ideograph, afterBoundary: boundary))
                boundary = false
                i += len; scalarIndex += 1
                // Swallow variation selectors and joiners that belong to the emoji.
                while i < n {
                    let (cc, l) = decode(i)
                    if cc == 0xFE0F || cc == 0x200D || (cc >= 0x1F3FB && cc <= 0x1F3FF) { i += l; scalarIndex += 1 } else { break }
                }
                continue
            case .word, .digit:
                // URL?
                if c == 0x68 || c == 0x77 || c == 0x48 || c == 0x57, let urlEnd = Tokenizer.urlEnd(p, i) {
                    let start = Int32(out.count)
                    var j = i
                    while j < urlEnd { let b = p[j]; out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b); j += 1 }
                    // Count scalars in the URL.
                    var k = i
                    while k < urlEnd { if p[k] & 0xC0 != 0x80 { scalarIndex += 1 }; k += 1 }
                    toks.append(Token(start: start, end: Int32(out.count), scalarOffset: scalarIndex, kind: .url, afterBoundary: boundary))
                    // fix offset: computed after counting; recompute start offset
                    var cnt: Int32 = 0; k = i
                    while k < urlEnd { if p[k] & 0xC0 != 0x80 { cnt += 1 }; k += 1 }
                    toks[toks.count - 1].scalarOffset = scalarIndex - cnt
                    boundary = false
                    i = urlEnd
                    continue
                }
                let start = Int32(out.count)
                let off = scalarIndex
                var allDigits = true
                while i < n {
                    // ASCII fast path: no decoding, no Unicode look-up.
                    let b = p[i]
                    if b < 0x80 {
                        let k = table[Int(b)]
                        if k == .word { allDigits = false; out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b); i += 1; scalarIndex += 1; continue }
                        if k == .digit { out.append(b); i += 1; scalarIndex += 1; continue }
                    }
                    let (cc, l) = decode(i)
                    let k = classOf(cc)
                    if k == .word || k == .digit {
                        if k == .word { allDigits = false }
                        Tokenizer.appendFolded(cc, &out); i += l; scalarIndex += 1
                        continue
                    }
                    // Apostrophe inside a word, or . , inside a number.
                    if (cc == 0x27 || cc == 0x2019) && !allDigits && i + l < n {
                        let (nx, _) = decode(i + l)
                        if classOf(nx) == .word { out.append(0x27); i += l; scalarIndex += 1; continue }
                    }
                    if (cc == 0x2E || cc == 0x2C) && allDigits && i + 1 < n && p[i + 1] >= 0x30 && p[i + 1] <= 0x39 {
                        out.append(UInt8(cc)); i += 1; scalarIndex += 1; continue
                    }
                    break
                }
                toks.append(Token(start: start, end: Int32(out.count), scalarOffset: off,
                                  kind: allDigits ? .number : .word, afterBoundary: boundary))
                boundary = false
            }
        }
    }

    /// Where a URL starting at `i` ends (exclusive), or nil when none starts there.
    static func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        func has(_ s: StaticString, _ at: Int) -> Bool {
            let m = s.utf8CodeUnitCount
            guard at + m <= p.count else { return false }
            for k in 0..<m where (p[at + k] | 0x20) != s.utf8Start[k] { return false }
            return true
        }
        var j: Int
        if has("https://", i) { j = i + 8 } else if has("http://", i) { j = i + 7 } else if has("www.", i) { j = i + 4 } else { return nil }
        let bodyStart = j
        while j < p.count {
            let b = p[j]
            if b <= 0x20 || b == 0x22 || b == 0x3C || b == 0x3E || b >= 0x80 { break }
            j += 1
        }
        // Trailing punctuation belongs to the sentence, not the URL.
        while j > bodyStart, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x27].contains(p[j - 1]) { j -= 1 }
        return j > bodyStart ? j : nil
    }

    /// Appends the case-folded UTF-8 of scalar `c`.
    @inline(__always)
    static func appendFolded(_ c: UInt32, _ out: inout [UInt8]) {
        if c < 0x80 {
            out.append(c >= 0x41 && c <= 0x5A ? UInt8(c | 0x20) : UInt8(c))
            return
        }
        guard let s = Unicode.Scalar(c) else { return }
        if s.properties.changesWhenLowercased {
            out.append(contentsOf: s.properties.lowercaseMapping.utf8)
        } else {
            var buf: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            let n = withUnsafeMutableBytes(of: &buf) { b -> Int in
                var k = 0
                UTF8.encode(s) { b[k] = $0; k += 1 }
                return k
            }
            withUnsafeBytes(of: &buf) { out.append(contentsOf: $0[0..<n]) }
        }
    }
}

/// Character classes for the tokenizer.
enum CharClass: UInt8 {
    case space, boundary, word, digit, ideograph, emoji, other, invalid

    @inline(__always)
    static func of(_ c: UInt32) -> CharClass {
        if c < 0x80 { return ascii[Int(c)] }
        if c == 0xFFFD_FFFF { return .invalid }
        return unicode(c)
    }

    static let ascii: [CharClass] = (0..<128).map { (i: Int) -> CharClass in
        let c = UInt8(i)
        switch c {
        case 0x30...0x39: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .word
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x28, 0x29, 0x22: return .boundary
        case 0...0x20, 0x7F: return .space
        default: return .other
        }
    }

    static func unicode(_ c: UInt32) -> CharClass {
        guard let s = Unicode.Scalar(c) else { return .invalid }
        // CJK ideographs, kana, and other scripts written without spaces: one token per character.
        if (0x3040...0x30FF).contains(c) || (0x3400...0x4DBF).contains(c) || (0x4E00...0x9FFF).contains(c)
            || (0xF900...0xFAFF).contains(c) || (0x20000...0x2FA1F).contains(c) || (0x0E00...0x0E7F).contains(c) {
            return .ideograph
        }
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return .word
        case .decimalNumber, .letterNumber, .otherNumber:
            return .digit
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format:
            return .space
        case .finalPunctuation, .initialPunctuation, .openPunctuation, .closePunctuation:
            return .boundary
        case .otherPunctuation:
            // Sentence punctuation of other scripts (。、！？ and friends) ends a clause.
            return .boundary
        default:
            if p.isEmojiPresentation || (p.isEmoji && c >= 0x2100) { return .emoji }
            return .other
        }
    }
}
