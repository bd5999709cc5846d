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
    /// `murmur3` of each token's bytes (filled by the tokenizer; `hashTokens()` recomputes them).
    public var hashes: [UInt32] = []
    /// Whether each token is in a negation scope (filled by the featurizer when negation marking is on).
    public var negated: [Bool] = []
    /// Token hashes before negation marking (for lexicon look-ups).
    public var rawHashes: [UInt32] = []
    public init() {}

    /// Empties the buffer, keeping its room. An array that is already empty is left alone: emptying one costs
    /// a generic call, and the article analysis empties buffers (a missing title, unmarked tokens) per pair.
    public mutating func removeAll() {
        if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
        if !tokens.isEmpty { tokens.removeAll(keepingCapacity: true) }
        if !hashes.isEmpty { hashes.removeAll(keepingCapacity: true) }
        if !negated.isEmpty { negated.removeAll(keepingCapacity: true) }
        if !rawHashes.isEmpty { rawHashes.removeAll(keepingCapacity: true) }
    }

    /// Replaces this buffer's tokens with tokens `range` of `source`, which must be unmarked (no negation), with
    /// scalar offsets moved back by `scalarBase`: what tokenizing the text of that range alone gives, since the
    /// tokenizer is context-free (only the first token's `afterBoundary` may differ, and it only ends a negation
    /// scope, which cannot be open at a text's first token).
    /// - Complexity: O(bytes of the range).
    public mutating func assign(_ source: TokenBuffer, tokens range: Range<Int>, scalarBase: Int) {
        removeAll()
        guard !range.isEmpty else { return }
        let b0 = source.tokens[range.lowerBound].start, b1 = source.tokens[range.upperBound - 1].end
        bytes.append(contentsOf: source.bytes[Int(b0)..<Int(b1)])
        let base = Int32(scalarBase)
        // Room made once and written through pointers (an append per token checked uniqueness and capacity).
        tokens.append(contentsOf: source.tokens[range])
        tokens.withUnsafeMutableBufferPointer { t in
            for k in 0..<t.count { t[k].start -= b0; t[k].end -= b0; t[k].scalarOffset -= base }
        }
        hashes.append(contentsOf: source.hashes[range])
    }

    /// Makes this buffer a copy of `source`, in its own storage (no array is shared, so writing to either
    /// later copies nothing).
    /// - Complexity: O(source's bytes and tokens).
    public mutating func copy(_ source: TokenBuffer) {
        removeAll()
        bytes.append(contentsOf: source.bytes); tokens.append(contentsOf: source.tokens)
        hashes.append(contentsOf: source.hashes); negated.append(contentsOf: source.negated)
        rawHashes.append(contentsOf: source.rawHashes)
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
/// Rules: words are runs of letters, marks and digits (case-folded; the Latin ligatures "ﬀ", "ﬁ", "ﬂ", "ﬃ",
/// "ﬄ", "ﬅ" and "ﬆ", as text extracted from PDFs writes "ﬁnancial", read as their letters), keeping an apostrophe
/// (`'` or `’`, normalised to `'`) between two letters; numbers keep inner `.` and `,` between digits (`3.5`, `1,000`);
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

    /// Tokenizes raw UTF-8 bytes and hashes every token (`hashes` is filled). Invalid bytes are treated as
    /// separators, never a crash.
    ///
    /// The normalised bytes are written through a pointer into a buffer sized once per call: case folding
    /// writes at most 4 bytes per scalar and 1 per ASCII byte, so 2 bytes per input byte always suffice.
    /// Each token is hashed as soon as it ends, while its bytes are still in L1.
    /// - Complexity: O(n) in the UTF-8 length.
    public func tokenize(bytes p: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        let n = p.count
        var out = buffer.bytes, toks = buffer.tokens, hashes = buffer.hashes
        buffer.bytes = []; buffer.tokens = []; buffer.hashes = []
        out.removeAll(keepingCapacity: true); toks.removeAll(keepingCapacity: true); hashes.removeAll(keepingCapacity: true)
        buffer.negated.removeAll(keepingCapacity: true); buffer.rawHashes.removeAll(keepingCapacity: true)
        let cap = 2 * n + 16
        out.appendZeros(cap)
        var used = 0
        // The class table read once per call (each read of a static goes through its lazy initialisation check).
        let classes = CharClass.belowGeneralPunctuationEnd
        classes.withUnsafeBufferPointer { classes in
        out.withUnsafeMutableBufferPointer { ob in
            // Local to the closure, so its cursor lives in registers (a captured variable would be in memory).
            var w = TokenWriter(o: ob.baseAddress!, capacity: n / 4)
            defer { used = w.used; w.finish(into: &toks, &hashes) }
            var i = 0
            var scalarIndex: Int32 = 0

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

            while i < n {
                // ASCII separators between words: the common case, no decoding.
                let b0 = p[i]
                let c: UInt32, len: Int, cls: CharClass
                if b0 < 0x80 {
                    let k0 = CharClass.asciiClass(b0)
                    if k0 == .space { i += 1; scalarIndex += 1; continue }
                    if k0 == .boundary { w.boundary = true; i += 1; scalarIndex += 1; continue }
                    c = UInt32(b0); len = 1; cls = k0
                } else {
                    (c, len) = decode(i)
                    cls = CharClass.of(c, classes)
                }
                switch cls {
                case .space, .invalid:
                    i += len; scalarIndex += 1
                    continue
                case .boundary:
                    w.boundary = true
                    i += len; scalarIndex += 1
                    continue
                case .other:
                    // '@' / '#' followed by a word character: a handle or a hashtag.
                    if (c == 0x40 || c == 0x23), i + 1 < n {
                        let (c2, _) = decode(i + 1)
                        let cl2 = CharClass.of(c2, classes)
                        if cl2 == .word || cl2 == .digit {
                            let start = w.used
                            let off = scalarIndex
                            w.put(UInt8(c))
                            i += 1; scalarIndex += 1
                            while i < n {
                                let (cc, l) = decode(i)
                                let k = CharClass.of(cc, classes)
                                if k == .word || k == .digit || cc == 0x5F { w.fold(cc); i += l; scalarIndex += 1 } else { break }
                            }
                            w.finish(start, off, c == 0x40 ? .handle : .hashtag)
                            continue
                        }
                    }
                    i += len; scalarIndex += 1
                    continue
                case .ideograph, .emoji:
                    let start = w.used
                    w.fold(c)
                    w.finish(start, scalarIndex, cls == .emoji ? .emoji : .ideograph)
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
                        let start = w.used
                        let off = scalarIndex
                        var j = i
                        while j < urlEnd {
                            let b = p[j]
                            w.put(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                            if b & 0xC0 != 0x80 { scalarIndex += 1 }
                            j += 1
                        }
                        w.finish(start, off, .url)
                        i = urlEnd
                        continue
                    }
                    let start = w.used
                    let off = scalarIndex
                    var allDigits = true
                    while true {
                        // ASCII fast path: a tight run of letters (folded) and digits, no decoding, no look-up.
                        let o = w.o
                        var u = w.used, j = i, letters = 0
                        // Eight bytes at a time while they are all ASCII letters and digits (`Tokenizer.wordBytes`):
                        // one predictable branch per chunk instead of a mispredicted one where each word ends.
                        while j &+ 8 <= n {
                            let x = UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: UInt64.self)
                            let (word, letter) = Tokenizer.wordBytes(x)
                            // Letters get 0x20 (lower case), digits stay; all eight written, `k` of them kept.
                            UnsafeMutableRawPointer(o + u).storeBytes(of: x | (letter >> 2), as: UInt64.self)
                            if word == Tokenizer.highBits {
                                if letter != 0 { letters &+= 1 }
                                u &+= 8; j &+= 8
                                continue
                            }
                            let k = (~word & Tokenizer.highBits).trailingZeroBitCount >> 3
                            if letter & ((1 << (k << 3)) &- 1) != 0 { letters &+= 1 }
                            u &+= k; j &+= k
                            break
                        }
                        while j < n {
                            let b = p[j]
                            let lower = b | 0x20
                            if lower &- 0x61 < 26 { o[u] = lower; u &+= 1; j &+= 1; letters &+= 1; continue }
                            if b &- 0x30 < 10 { o[u] = b; u &+= 1; j &+= 1; continue }
                            break
                        }
                        if letters > 0 { allDigits = false }
                        scalarIndex += Int32(j - i); i = j; w.used = u
                        guard i < n else { break }
                        let b = p[i]
                        if b < 0x80 && b != 0x27 && b != 0x2E && b != 0x2C { break }
                        let (cc, l) = decode(i)
                        let k = CharClass.of(cc, classes)
                        if k == .word || k == .digit {
                            if k == .word { allDigits = false }
                            w.fold(cc); i += l; scalarIndex += 1
                            continue
                        }
                        // Apostrophe inside a word, or . , inside a number.
                        if (cc == 0x27 || cc == 0x2019) && !allDigits && i + l < n {
                            let (nx, _) = decode(i + l)
                            if CharClass.of(nx, classes) == .word { w.put(0x27); i += l; scalarIndex += 1; continue }
                        }
                        if (cc == 0x2E || cc == 0x2C) && allDigits && i + 1 < n && p[i + 1] >= 0x30 && p[i + 1] <= 0x39 {
                            w.put(UInt8(cc)); i += 1; scalarIndex += 1; continue
                        }
                        break
                    }
                    w.finish(start, off, allDigits ? .number : .word)
                }
            }
        }
        }
        out.removeLast(cap - used)
        buffer.bytes = out; buffer.tokens = toks; buffer.hashes = hashes
    }

    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Which of the eight bytes of `x` (little-endian) are ASCII letters or digits (`word`), and which are ASCII
    /// letters (`letter`), as the high bit of each byte; bytes of 0x80 and above are neither. Per byte, with no
    /// carry between bytes (each is below 0x80 when the sums are made): a letter folds to 0x61...0x7A, a digit is
    /// 0x30...0x39.
    @inline(__always)
    static func wordBytes(_ x: UInt64) -> (word: UInt64, letter: UInt64) {
        let ascii = ~x & highBits
        let y = x & 0x7F7F_7F7F_7F7F_7F7F
        let t = y | 0x2020_2020_2020_2020
        let letter = (t &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(t &+ 0x0505_0505_0505_0505) & ascii
        let digit = (y &+ 0x5050_5050_5050_5050) & ~(y &+ 0x4646_4646_4646_4646) & ascii
        return (letter | digit, letter)
    }

    /// Where a URL starting at `i` ends (exclusive), or nil when none starts there.
    static func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        func has(_ s: StaticString, _ at: Int) -> Bool {
            let m = s.utf8CodeUnitCount
            guard at + m <= p.count else { return false }
            for k in 0..<m where (p[at + k] | 0x20) != s.utf8Start[k] { return false }
            return true
        }
        // Every prefix has a 't' or a 'w' second: most words that start with h or w end here.
        guard i + 1 < p.count, p[i + 1] | 0x20 == 0x74 || p[i + 1] | 0x20 == 0x77 else { return nil }
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

    /// Writes the case-folded UTF-8 of scalar `c` at `o`; returns the number of bytes (at most 4: a lowercase
    /// mapping longer than that, which Unicode does not have today, keeps the scalar as it is).
    ///
    /// The Latin ligatures U+FB00–U+FB06 fold to their letters, as Unicode's full case folding folds them: text
    /// extracted from PDFs keeps the typeset glyph, and "ﬁnancial" or "conﬂict" read as written were words no head
    /// was trained on (300 AllSides dev articles with their "ff", "fi", "fl", "ffi" and "ffl" so written: 21
    /// `leaning` labels, 44 articles' frames and 41 articles' actors changed).
    @inline(__always)
    static func writeFolded(_ c: UInt32, _ o: UnsafeMutablePointer<UInt8>) -> Int {
        if c < 0x80 {
            o[0] = c >= 0x41 && c <= 0x5A ? UInt8(c | 0x20) : UInt8(c)
            return 1
        }
        if c &- 0xFB00 < 7 {
            let letters: [UInt8] = switch c {
            case 0xFB00: [0x66, 0x66]
            case 0xFB01: [0x66, 0x69]
            case 0xFB02: [0x66, 0x6C]
            case 0xFB03: [0x66, 0x66, 0x69]
            case 0xFB04: [0x66, 0x66, 0x6C]
            default: [0x73, 0x74]   // "ﬅ" (long s and t), "ﬆ"
            }
            for (k, b) in letters.enumerated() { o[k] = b }
            return letters.count
        }
        guard let s = Unicode.Scalar(c) else { return 0 }
        var k = 0
        if s.properties.changesWhenLowercased {
            let m = s.properties.lowercaseMapping.utf8
            if m.count <= 4 {
                for b in m { o[k] = b; k += 1 }
                return k
            }
        }
        UTF8.encode(s) { o[k] = $0; k += 1 }
        return k
    }
}

/// The tokenizer's output cursor: normalised bytes written through a pointer, tokens and their hashes.
/// A struct with mutating methods (not closures over local variables) so that no access needs a run-time
/// exclusivity check.
/// Tokens and hashes go to buffers of its own (grown by doubling, copied out once at the end), so that
/// appending a token is two stores, not an `Array.append` with its uniqueness and capacity calls.
struct TokenWriter {
    var o: UnsafeMutablePointer<UInt8>
    var used = 0
    var boundary = false
    var toks: UnsafeMutablePointer<Token>
    var hashes: UnsafeMutablePointer<UInt32>
    var count = 0
    var capacity: Int

    init(o: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.o = o
        self.capacity = max(16, capacity)
        toks = .allocate(capacity: self.capacity)
        hashes = .allocate(capacity: self.capacity)
    }

    /// Appends the tokens to `tokens` and `hashOut`, and frees the buffers.
    mutating func finish(into tokens: inout [Token], _ hashOut: inout [UInt32]) {
        tokens.append(contentsOf: UnsafeBufferPointer(start: toks, count: count))
        hashOut.append(contentsOf: UnsafeBufferPointer(start: hashes, count: count))
        toks.deallocate(); hashes.deallocate()
    }

    @inline(never) mutating func grow() {
        let c = capacity * 2
        let t = UnsafeMutablePointer<Token>.allocate(capacity: c)
        t.moveInitialize(from: toks, count: count)
        let h = UnsafeMutablePointer<UInt32>.allocate(capacity: c)
        h.moveInitialize(from: hashes, count: count)
        toks.deallocate(); hashes.deallocate()
        toks = t; hashes = h; capacity = c
    }

    @inline(__always) mutating func put(_ b: UInt8) { o[used] = b; used &+= 1 }
    @inline(__always) mutating func fold(_ c: UInt32) { used &+= Tokenizer.writeFolded(c, o + used) }
    @inline(__always) mutating func finish(_ start: Int, _ offset: Int32, _ kind: TokenKind) {
        if count == capacity { grow() }
        (toks + count).initialize(to: Token(start: Int32(start), end: Int32(used), scalarOffset: offset, kind: kind, afterBoundary: boundary))
        // The output has room past `used` (twice the input and 16 bytes), so the tail is read in one load.
        (hashes + count).initialize(to: Murmur3.hash(slack: o + start, count: used - start, seed: 0))
        count += 1
        boundary = false
    }
}

/// Character classes for the tokenizer.
enum CharClass: UInt8 {
    case space, boundary, word, digit, ideograph, emoji, other, invalid

    @inline(__always)
    static func of(_ c: UInt32) -> CharClass {
        if c < 0x80 { return asciiClass(UInt8(c)) }
        return belowGeneralPunctuationEnd.withUnsafeBufferPointer { of(c, $0) }
    }

    /// `of(c)` with `belowGeneralPunctuationEnd` read once by the caller (`classes`).
    @inline(__always)
    static func of(_ c: UInt32, _ classes: UnsafeBufferPointer<CharClass>) -> CharClass {
        if c < 0x80 { return asciiClass(UInt8(c)) }
        if c < 0x2070 { return classes[Int(c)] }
        if c == 0xFFFD_FFFF { return .invalid }   // the tokenizer's marker for an invalid byte
        return unicode(c)
    }

    /// `unicode(c)` for every scalar below U+2070, made once: Latin accents, curly quotes, dashes and the
    /// other General Punctuation of news text otherwise cost a look-up in the standard library's Unicode
    /// tables each. The same function fills it, so the classes are the same by construction.
    static let belowGeneralPunctuationEnd: [CharClass] = (0..<0x2070).map { c in c < 0x80 ? asciiClass(UInt8(c)) : unicode(UInt32(c)) }

    /// The class of an ASCII byte, by arithmetic (no table look-up on the hot path).
    @inline(__always)
    static func asciiClass(_ c: UInt8) -> CharClass {
        if (c | 0x20) &- 0x61 < 26 { return .word }
        if c &- 0x30 < 10 { return .digit }
        if c <= 0x20 || c == 0x7F { return .space }
        switch c {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x28, 0x29, 0x22: return .boundary
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
