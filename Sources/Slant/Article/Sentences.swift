/// Splits news text into sentences.
///
/// Rules, in order: a line break always ends a sentence (paragraphs); `.`, `!` or `?` (with any run of further
/// terminators and closing quotes or brackets after it) ends one when whitespace and then an upper-case letter,
/// a digit or an opening quote follow. A full stop does not end a sentence after a known abbreviation (Mr.,
/// Sen., Jan., Inc. ...) or an initial (J. Smith); after a dotted abbreviation (U.S., a.m.) it does only when a
/// common sentence-opening word (The, He, But ...) follows, so "the U.S. Senate" stays one sentence and
/// "came to the U.S. The visit" becomes two.
public enum SentenceSplitter {
    /// Abbreviations that do not end a sentence, lower-case, without their final full stop.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "vs", "etc", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "mt", "ft", "rev",
        "hon", "pres", "gens", "supt", "dept", "univ", "assn", "approx", "est", "fig", "vol", "ave", "blvd",
    ]
    /// Words that open sentences; after a dotted abbreviation they mean the sentence did end.
    static let openers: Set<String> = [
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "but", "and", "in", "this", "that", "his", "her",
        "its", "their", "there", "on", "at", "as", "for", "if", "when", "while", "after", "however", "meanwhile",
        "still", "yet", "so", "these", "those", "some", "many", "most", "officials", "critics",
    ]

    /// The two word lists as `FNV64` keys of their (lower-case ASCII) scalars (`isListed`).
    static let abbreviationKeys = KeySet64(abbreviations.map { $0.unicodeScalars.reduce(FNV64.offset, FNV64.mix) })
    static let openerKeys = KeySet64(openers.map { $0.unicodeScalars.reduce(FNV64.offset, FNV64.mix) })

    /// The `FNV64` key of `s[range]` lower-cased, when every scalar in it is ASCII (nil otherwise).
    @inline(__always) static func asciiLowerKey(_ s: [Unicode.Scalar], _ range: Range<Int>) -> UInt64? {
        var h = FNV64.offset
        for i in range {
            let v = s[i].value
            guard v < 0x80 else { return nil }
            h = FNV64.mix(h, Unicode.Scalar(UInt8(v &- 0x41 < 26 ? v | 0x20 : v)))
        }
        return h
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool { ScalarClass.isSpace(c) }
    @inline(__always) static func isTerminator(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" || c == "…" }
    @inline(__always) static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "”" || c == "’" || c == "'" || c == ")" || c == "]" || c == "»"
    }
    @inline(__always) static func isOpener(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "“" || c == "‘" || c == "'" || c == "(" || c == "[" || c == "«"
    }
    @inline(__always) static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2029}" || c == "\u{2028}" || c == "\u{0B}" || c == "\u{0C}"
    }

    /// The sentences of `s` as half-open ranges of scalar offsets, trimmed of surrounding white space, in order.
    /// - Complexity: O(n).
    public static func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        text.withUnsafeBufferPointer { split($0, text) }
    }

    /// `split` over a buffer pointer (this loop reads every scalar of the article; `text` is the same scalars,
    /// for the rare look-back at a full stop).
    static func split(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ text: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = s.count
        var start = -1   // first non-space scalar of the open sentence, -1 when none
        func close(_ end: Int) {
            guard start >= 0 else { return }
            var e = end
            while e > start && isSpace(s[e - 1]) { e -= 1 }
            if e > start { out.append(start..<e) }
            start = -1
        }
        var i = 0
        while i < n {
            let c = s[i]
            if isLineBreak(c) { close(i); i += 1; continue }
            if start < 0 {
                if !isSpace(c) { start = i }
                i += 1; continue
            }
            guard isTerminator(c) else {
                i += 1
                // Inside a sentence only line breaks and terminators matter: skip the printable ASCII that is
                // neither (most of a text) eight scalars at a time.
                i = ScalarScan.plainTextEnd(s, from: i, to: n)
                continue
            }
            var j = i + 1
            while j < n && (isTerminator(s[j]) || isCloser(s[j])) { j += 1 }
            if j == n { i = j; continue }
            guard isSpace(s[j]) else { i = j; continue }
            var k = j
            while k < n && isSpace(s[k]) && !isLineBreak(s[k]) { k += 1 }
            if k == n || isLineBreak(s[k]) { close(j); i = k; continue }
            if endsSentence(text, terminator: i, next: k) { close(j); start = k; i = k } else { i = j }
        }
        close(n)
        return out
    }

    /// Whether the terminator at `t` ends the sentence, given the next non-space scalar at `next`.
    static func endsSentence(_ s: [Unicode.Scalar], terminator t: Int, next: Int) -> Bool {
        var k = next
        while k < s.count && isOpener(s[k]) { k += 1 }
        guard k < s.count else { return true }
        let c = s[k]
        // A lower-case word after the stop: an abbreviation inside the sentence ("approx. five", "e.g. the").
        if ScalarClass.isLower(c) { return false }
        if s[t] != "." { return true }
        // The word before the full stop.
        var b = t
        while b > 0 && !isSpace(s[b - 1]) && !isOpener(s[b - 1]) { b -= 1 }
        if b == t { return true }
        let word = b..<t
        if isListed(s, word, in: abbreviations, keys: abbreviationKeys) { return false }
        var letters = 0, upper = false, dots = false
        for i in word {
            if ScalarClass.isLetter(s[i]) { letters += 1; upper = ScalarClass.isUpper(s[i]) } else if s[i] == "." { dots = true }
        }
        if word.count == 1 && letters == 1 && upper { return false }  // an initial
        if dots && letters <= 4 {
            // Dotted abbreviation (U.S., a.m., D.C.): ends the sentence only before a sentence opener.
            var e = k
            while e < s.count && ScalarClass.isLetter(s[e]) { e += 1 }
            return isListed(s, k..<e, in: openers, keys: openerKeys)
        }
        return true
    }

    /// Whether `s[range]`, lower-cased, is in `list`: by its word key when it is ASCII (almost always: no string
    /// is made, lower-cased or hashed with SipHash per full stop), else by the lower-cased string, whose rules
    /// for other scripts a scalar-wise fold would not match.
    @inline(__always) static func isListed(_ s: [Unicode.Scalar], _ range: Range<Int>, in list: Set<String>, keys: KeySet64) -> Bool {
        if let key = asciiLowerKey(s, range) { return keys.contains(key) }
        return list.contains(String(scalars: s, range).lowercased())
    }

    /// The sentences of `text` as strings with their scalar ranges.
    public static func sentences(_ text: String) -> [(range: Range<Int>, text: String)] {
        let s = Array(text.unicodeScalars)
        return split(s).map { ($0, String(scalars: s, $0)) }
    }
}

/// An article's scalars and sentences, computed once for the readers that need them (the actor analysis and the
/// short views of `Scorer`).
public struct ArticleText: Sendable {
    public let scalars: [Unicode.Scalar]
    public let sentences: [Range<Int>]
    /// The text, and its scalars of more than one UTF-8 byte (`ScalarClass.scalars(_:extraBytes:)`), which map
    /// scalar offsets to UTF-8 offsets.
    let text: String
    let extraBytes: [(scalar: Int32, bytes: Int32)]
    /// - Complexity: O(text).
    public init(_ text: String) {
        var extra: [(scalar: Int32, bytes: Int32)] = []
        scalars = ScalarClass.scalars(text, extraBytes: &extra)
        sentences = SentenceSplitter.split(scalars)
        self.text = text
        extraBytes = extra
    }

    /// The UTF-8 offset of scalar `x` (`x` for an ASCII text).
    /// - Complexity: O(log of the scalars above ASCII).
    func byteOffset(_ x: Int) -> Int {
        var lo = 0, hi = extraBytes.count   // the first entry at or after x
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(extraBytes[mid].scalar) < x { lo = mid + 1 } else { hi = mid }
        }
        return x + (lo > 0 ? Int(extraBytes[lo - 1].bytes) : 0)
    }

    /// The text of scalars `range`: a copy of the original's bytes (`String(Substring)`: no re-encoding or
    /// validation, for an actor's evidence sentences and the short views of every article). The same string as
    /// `String(scalars:_:)` of the range.
    /// - Complexity: O(range).
    public func string(_ range: Range<Int>) -> String {
        let u = text.utf8
        let a = u.index(u.startIndex, offsetBy: byteOffset(range.lowerBound))
        let b = u.index(u.startIndex, offsetBy: byteOffset(range.upperBound))
        return String(text[a..<b])
    }
}
