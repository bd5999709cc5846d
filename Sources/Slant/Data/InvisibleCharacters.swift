/// Invisible format characters, removed from a record's text fields when it is read.
///
/// Web pages carry characters that a reader never sees but that split words: the soft hyphen (U+00AD), which
/// some sites put at every hyphenation point ("Re\u{AD}pub\u{AD}li\u{AD}cans"), joiners, byte-order marks and
/// direction marks. Unicode's word segmentation (UAX #29, rule WB4) ignores them inside words; a tokenizer that
/// read them as separators would see "re", "pub", "li", "cans", and the actor analysis an actor "Re". Every
/// format character (general category Cf) is removed except U+200B ZERO WIDTH SPACE, which marks a word break and
/// separates words as a space does.
///
/// Offsets stay those of the text as given: `Record.removedFromText` keeps where the removed characters were,
/// the spans a record gives are moved into the cleaned text when it is read, and the offsets the output gives
/// (evidence sentences) are moved back (`Record.offsetInGivenText`).
public enum InvisibleCharacters {
    /// Whether scalar value `v` is removed.
    @inline(__always)
    public static func isRemoved(_ v: UInt32) -> Bool {
        if v < 0xAD { return false }
        if v == 0xAD || v == 0xFEFF { return true }
        // General Punctuation, where news text has its quotes and dashes: the format characters are U+200B–U+200F,
        // U+202A–U+202E, U+2060–U+2064 and U+2066–U+206F (no property look-up for every curly quote).
        if v >= 0x2000 && v < 0x2070 {
            return (v >= 0x200C && v <= 0x200F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2060 && v <= 0x2064) || v >= 0x2066
        }
        // Every other format character is in one of these ranges (Unicode 15: U+0600–U+08E2, U+180E,
        // U+FFF9–U+FFFB and a few above U+FFFF); the property is looked up only there.
        guard (v >= 0x600 && v < 0x900) || v == 0x180E || (v >= 0xFFF9 && v <= 0xFFFB) || v >= 0x10000,
              let s = Unicode.Scalar(v) else { return false }
        return s.properties.generalCategory == .format
    }

    /// `s` without the removed characters, and the scalar offsets in `s` of those removed (ascending); nil when
    /// `s` has none (the common case, decided without copying: ASCII eight bytes at a time).
    /// - Complexity: O(UTF-8 length of `s`).
    public static func removing(from s: String) -> (text: String, removed: [Int32])? {
        var s = s
        let any = s.withUTF8 { p -> Bool in
            let n = p.count
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let x = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if x & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                // Lead bytes of the scalars `isRemoved` may accept: C2 (U+00AD), D8–DF and E0 (U+0600–U+08FF),
                // E1 (U+180E), E2 (U+200C–U+206F), EF (U+FEFF, U+FFF9–U+FFFB), F0–F4 (above U+FFFF).
                var v: UInt32 = 0, len = 1
                if b >= 0xC2 && b < 0xE0, i + 1 < n {
                    v = UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); len = 2
                } else if b >= 0xE0 && b < 0xF0, i + 2 < n {
                    v = UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); len = 3
                } else if b >= 0xF0, i + 3 < n {
                    v = UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F); len = 4
                }
                if isRemoved(v) { return true }
                i += len
            }
            return false
        }
        guard any else { return nil }
        var kept = String.UnicodeScalarView()
        var removed: [Int32] = []
        var k: Int32 = 0
        for c in s.unicodeScalars {
            if isRemoved(c.value) { removed.append(k) } else { kept.append(c) }
            k += 1
        }
        return (String(kept), removed)
    }
}

extension Record {
    /// Removes invisible format characters (`InvisibleCharacters`) from the text, title, target, claim, holder
    /// and source. The spans move with the text, and `removedFromText` records where the text's were.
    /// - Throws: `SlantError.invalidInput` when the text, or a span, held nothing else.
    public mutating func removeInvisibleCharacters() throws {
        func clean(_ s: String?) -> String? { s.flatMap { InvisibleCharacters.removing(from: $0)?.text } ?? s }
        title = clean(title); target = clean(target); claim = clean(claim); holder = clean(holder); source = clean(source)
        guard let (t, removed) = InvisibleCharacters.removing(from: text) else { return }
        if t.allSatisfy({ $0.isWhitespace }) {
            throw SlantError.invalidInput(file: file, line: line, message: "\"text\" holds only white space and invisible format characters")
        }
        func move(_ spans: [Span], _ key: String) throws -> [Span] {
            try spans.map { sp in
                let m = Span(Record.cleanedOffset(sp.start, removed), Record.cleanedOffset(sp.end, removed))
                guard m.start < m.end else {
                    throw SlantError.invalidInput(file: file, line: line, message: "\(key) [\(sp.start), \(sp.end)] covers only invisible format characters")
                }
                return m
            }
        }
        spans = try move(spans, "span")
        holderSpans = try move(holderSpans, "holder span")
        text = t
        removedFromText = removed
    }

    /// The offset in the cleaned text of offset `o` of the text as given: `o` less the removed characters before it.
    static func cleanedOffset(_ o: Int, _ removed: [Int32]) -> Int {
        var lo = 0, hi = removed.count   // the number of removed offsets below o
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(removed[mid]) < o { lo = mid + 1 } else { hi = mid }
        }
        return o - lo
    }

    /// The offset in the text as given of offset `c` of the (cleaned) `text`: `c` plus the characters removed
    /// before the `c`-th kept one (so a range's end takes in the removed characters just before what follows it).
    public func offsetInGivenText(_ c: Int) -> Int {
        // removed[i] - i is the cleaned offset where removed character i stood: non-decreasing in i.
        var lo = 0, hi = removedFromText.count   // the number of removed characters standing at or before c
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(removedFromText[mid]) - mid <= c { lo = mid + 1 } else { hi = mid }
        }
        return c + lo
    }
}
