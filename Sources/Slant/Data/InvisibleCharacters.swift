/// Invisible format characters, removed from a record's text fields when it is read.
///
/// Web pages carry characters that a reader never sees but that split words: the soft hyphen (U+00AD), which
/// some sites put at every hyphenation point ("Re\u{AD}pub\u{AD}li\u{AD}cans"), joiners, byte-order marks and
/// direction marks. Unicode's word segmentation (UAX #29, rule WB4) ignores them inside words; a tokenizer that
/// read them as separators would see "re", "pub", "li", "cans", and the actor analysis an actor "Re". Every
/// format character (general category Cf) is removed except U+200B ZERO WIDTH SPACE, which marks a word break and
/// separates words as a space does.
///
/// The same pass repairs punctuation whose UTF-8 was decoded as Latin-1 or Windows-1252 on its way (`Mojibake`),
/// and reads HTML character references as the characters they stand for ("Trump&#8217;s", "&quot;",
/// `CharacterReferences`): the first scalar of such a sequence becomes the character meant and the others are
/// removed. Letters written decomposed ("e" and a combining accent) are composed (`DecomposedLetters`), HTML
/// tags in the text, escaped or not, read as a browser shows it (`InlineMarkup`: "<p>" as a line break, "<em>" as
/// nothing), Markdown's marks as its rendered text (`MarkdownMarks`: "**Ruiz**" as "Ruiz", a link as its text), and
/// words hyphenated at a line's end as the words they are (`LineEndHyphens`: "govern-\nment" as "government"),
/// the spaces and tabs at lines' ends are removed (`TrailingSpaces`: "Donald J. \nTrump" as "Donald J.\nTrump"),
/// ligatures written as their letters (`Ligatures`: "Schiﬀ" as "Schiff"), and page breaks read as line breaks,
/// without the running headers and page numbers around them (`PageFurniture`).
///
/// Offsets stay those of the text as given: `Record.removedFromText` keeps where the removed characters were
/// (and `Record.expandedInText` where a ligature became more than one letter),
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

    /// `s` without the removed characters, with its tags and Markdown's marks read out (`InlineMarkup`,
    /// `MarkdownMarks`), decomposed letters composed (`DecomposedLetters`), words broken at line ends joined
    /// (`LineEndHyphens`), page furniture removed (`PageFurniture`), spaces at lines' ends removed
    /// (`TrailingSpaces`), mis-decoded punctuation repaired
    /// (`Mojibake`), character references decoded (`CharacterReferences`) and ligatures written as their letters
    /// (`Ligatures`); with the scalar offsets in `s` of the scalars removed (ascending), and of the ligatures, one
    /// for each letter a ligature adds (`expanded`, ascending); nil when there is nothing to do (the common case,
    /// decided without copying: ASCII eight bytes at a time).
    /// - Complexity: O(UTF-8 length of `s`).
    public static func removing(from s: String) -> (text: String, removed: [Int32], expanded: [Int32])? {
        var s = s
        let any = s.withUTF8 { p -> Bool in
            let n = p.count
            if MarkdownMarks.lineMayStart(p, at: 0) { return true }
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let x = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    // Eight ASCII bytes none of which may start a repair ("&", "<", "*", "_", "[", "\\", "\n", a form
                    // feed):
                    // a zero byte in x ^ "&&&&&&&&" and the like, the usual bit trick.
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    @inline(__always) func zero(_ y: UInt64) -> UInt64 { (y &- ones) & ~y }
                    let any = x | zero(x ^ 0x2626_2626_2626_2626) | zero(x ^ 0x3C3C_3C3C_3C3C_3C3C) | zero(x ^ 0x2A2A_2A2A_2A2A_2A2A)
                        | zero(x ^ 0x5F5F_5F5F_5F5F_5F5F) | zero(x ^ 0x5B5B_5B5B_5B5B_5B5B) | zero(x ^ 0x5C5C_5C5C_5C5C_5C5C)
                        | zero(x ^ 0x0A0A_0A0A_0A0A_0A0A) | zero(x ^ 0x0C0C_0C0C_0C0C_0C0C)
                    if any & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let b = p[i]
                if b < 0x80 {
                    switch b {
                    case 0x26: if CharacterReferences.starts(p, at: i) { return true }
                    case 0x3C: if InlineMarkup.mayStart(p, at: i) { return true }
                    case 0x0A: if MarkdownMarks.lineMayStart(p, at: i + 1) || LineEndHyphens.mayJoin(p, at: i) || TrailingSpaces.mayRemove(p, at: i) { return true }
                    case 0x2A, 0x5F, 0x5B, 0x5C: if MarkdownMarks.mayStart(p, at: i) { return true }
                    case 0x0C: return true
                    default: break
                    }
                    i += 1; continue
                }
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
                // "â" and "Â" (C3 A2, C3 82) start mis-decoded punctuation (`Mojibake`); a combining accent
                // (CC 80–CD AF) may follow a letter it composes with (`DecomposedLetters`); a ligature (EF AC 80–86)
                // is written as its letters (`Ligatures`).
                if isRemoved(v) || v == 0xE2 || v == 0xC2 || DecomposedLetters.isCombiningMark(v) || (v >= 0xFB00 && v <= 0xFB06) { return true }
                i += len
            }
            return false
        }
        guard any else { return nil }
        var c = Array(s.unicodeScalars)
        // Passes that rewrite `c` first: each gives its scalars' offsets in `c` as it was and the offsets it
        // removed, which `origin` takes back to `s`'s offsets (nil while they are the same).
        var origin: [Int32]? = nil
        var removed: [Int32] = []
        func take(_ pass: (origin: [Int32], removed: [Int32])?) {
            guard let pass else { return }
            if let o = origin {
                removed += pass.removed.map { o[Int($0)] }
                origin = pass.origin.map { o[Int($0)] }
            } else {
                removed += pass.removed
                origin = pass.origin
            }
        }
        // Tags first (the references in their attributes go with them), then Markdown's marks, then decomposed
        // letters, so that the repairs see them composed, then page breaks and their furniture, so that a word
        // hyphenated across a page break is one line break apart, then words broken at line ends, whose letters are
        // read, then the spaces left at lines' ends.
        take(InlineMarkup.readAll(&c, text: s))
        take(MarkdownMarks.readAll(&c))
        take(DecomposedLetters.composeAll(&c))
        take(PageFurniture.removeAll(&c))
        take(LineEndHyphens.joinAll(&c))
        take(TrailingSpaces.removeAll(&c))
        // (Nothing below captures a variable: a nested function that did was checked for exclusive access at run
        // time on every scalar.)
        let finalOrigin = origin
        @inline(__always) func given(_ r: Int) -> Int32 { finalOrigin.map { $0[r] } ?? Int32(r) }
        // The text kept, as UTF-8 bytes: appending to a `String.UnicodeScalarView` scalar by scalar had cost
        // about 600 instructions a scalar (two thirds of this function on FNC-1's bodies).
        var kept: [UInt8] = []
        kept.reserveCapacity(c.count + c.count / 4)
        var expanded: [Int32] = []
        var k = 0
        while k < c.count {
            // Mis-decoded punctuation and character references: the first scalar becomes the character meant,
            // the others are removed.
            if let (meant, length) = Mojibake.repair(c, at: k) ?? CharacterReferences.decode(c, at: k) {
                if isRemoved(meant.value) { removed.append(given(k)) } else { keep(meant, at: given(k), &kept, &expanded) }
                for r in k + 1..<k + length { removed.append(given(r)) }
                k += length
                continue
            }
            if isRemoved(c[k].value) { removed.append(given(k)) } else { keep(c[k], at: given(k), &kept, &expanded) }
            k += 1
        }
        if origin != nil { removed.sort() }
        if removed.isEmpty && expanded.isEmpty { return nil }
        return (String(decoding: kept, as: UTF8.self), removed, expanded)
    }

    /// Appends `x` to the text kept, `bytes`, as UTF-8; a ligature as its letters (`Ligatures`), the second and
    /// third of which are noted in `expanded` at the ligature's offset in the text as given, `offset`.
    @inline(__always)
    static func keep(_ x: Unicode.Scalar, at offset: Int32, _ bytes: inout [UInt8], _ expanded: inout [Int32]) {
        guard x.value >= 0xFB00, x.value <= 0xFB06, let letters = Ligatures.letters(x.value) else { appendUTF8(x, to: &bytes); return }
        for l in letters { appendUTF8(l, to: &bytes) }
        for _ in 1..<letters.count { expanded.append(offset) }
    }

    /// Appends `x`'s UTF-8 encoding to `bytes`.
    @inline(__always)
    static func appendUTF8(_ x: Unicode.Scalar, to bytes: inout [UInt8]) {
        let v = x.value
        if v < 0x80 { bytes.append(UInt8(v)) }
        else if v < 0x800 { bytes.append(UInt8(0xC0 | v >> 6)); bytes.append(UInt8(0x80 | v & 0x3F)) }
        else if v < 0x10000 {
            bytes.append(UInt8(0xE0 | v >> 12)); bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | v >> 18)); bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }
}

extension InvisibleCharacters {
    /// `c` without the scalars `remove` marks, and for each scalar left its offset in `c` as it was (`origin`) and
    /// the offsets removed (`removed`, ascending); nil, `c` unchanged, when none is marked. The passes that decide
    /// over whole lines (`TrailingSpaces`, `PageFurniture`) mark first and remove here, without a step closure
    /// called for every scalar (`rewrite`).
    /// - Complexity: O(`c`).
    static func dropMarked(_ c: inout [Unicode.Scalar], _ remove: [Bool]) -> (origin: [Int32], removed: [Int32])? {
        var out: [Unicode.Scalar] = [], origin: [Int32] = [], removed: [Int32] = []
        out.reserveCapacity(c.count); origin.reserveCapacity(c.count)
        for k in c.indices {
            if remove[k] { removed.append(Int32(k)) } else { out.append(c[k]); origin.append(Int32(k)) }
        }
        guard !removed.isEmpty else { return nil }
        c = out
        return (origin, removed)
    }

    /// `c` rewritten where `step(c, k)` gives the scalars that the `length` scalars at `k` read as (none, or
    /// fewer than `length`), and for each scalar left its offset in `c` as it was (`origin`) and the offsets of
    /// those no scalar took (`removed`, ascending); nil, `c` unchanged, when no step rewrote anything.
    /// - Complexity: O(`c`) plus the steps.
    static func rewrite(_ c: inout [Unicode.Scalar],
                        _ step: ([Unicode.Scalar], Int) -> (scalars: [Unicode.Scalar], length: Int)?) -> (origin: [Int32], removed: [Int32])? {
        var out: [Unicode.Scalar] = [], origin: [Int32] = [], removed: [Int32] = []
        out.reserveCapacity(c.count); origin.reserveCapacity(c.count)
        var k = 0
        while k < c.count {
            if let (scalars, length) = step(c, k) {
                for (j, x) in scalars.enumerated() { out.append(x); origin.append(Int32(k + j)) }
                for r in k + scalars.count..<k + length { removed.append(Int32(r)) }
                k += length
            } else {
                out.append(c[k]); origin.append(Int32(k)); k += 1
            }
        }
        if removed.isEmpty { return nil }
        c = out
        return (origin, removed)
    }
}

/// Punctuation whose UTF-8 was decoded as Latin-1 or Windows-1252 somewhere before Slant read it ("mojibake"):
/// "Trump’s" arrives as "Trumpâ\u{80}\u{99}s" (PerSenT: 45% of its train articles), "—" as "â€”", "©" as "Â©".
/// Read as it is, "Trumpâ" is one word, so the possessive is no mention of Trump and every head reads "trumpâ".
/// Repaired: "â" (the lead byte E2) and two scalars that stand for continuation bytes (0x80–0xBF, by Latin-1
/// or by Windows-1252's table) that decode to a scalar of U+2000–U+214F (general punctuation, currency, ™),
/// and "Â" (C2) and one that decodes to U+00A0–U+00BF (no-break space, ©, °, ½). Such pairs and triples are not
/// English; other letters with accents ("Ã©" for "é") are left as they are.
enum Mojibake {
    /// The byte that scalar `c` stands for when UTF-8 was decoded as Latin-1 or Windows-1252, if a
    /// continuation byte (0x80–0xBF).
    @inline(__always) static func byte(_ c: Unicode.Scalar) -> UInt32? {
        let v = c.value
        if v >= 0x80 && v <= 0xBF { return v }
        switch v {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }

    /// The character meant by the mis-decoded sequence at `k`, and how many scalars it took; nil when none is there.
    static func repair(_ c: [Unicode.Scalar], at k: Int) -> (Unicode.Scalar, Int)? {
        if c[k].value == 0xE2, k + 2 < c.count, let b1 = byte(c[k + 1]), let b2 = byte(c[k + 2]) {
            let v = 0x2000 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
            if v <= 0x214F, let u = Unicode.Scalar(v) { return (u, 3) }
        }
        if c[k].value == 0xC2, k + 1 < c.count, let b1 = byte(c[k + 1]), b1 >= 0xA0, let u = Unicode.Scalar(b1) { return (u, 2) }
        return nil
    }
}

extension Record {
    /// Removes invisible format characters, repairs mis-decoded punctuation, decodes character references,
    /// composes decomposed letters, reads out tags and Markdown's marks and writes ligatures as their letters
    /// (`InvisibleCharacters`) in the text, title, target, claim, holder and source. The spans move with the text,
    /// and `removedFromText` and `expandedInText` record where the text's removed scalars and ligatures were.
    /// - Throws: `SlantError.invalidInput` when the text, or a span, held nothing else.
    public mutating func removeInvisibleCharacters() throws {
        func clean(_ s: String?) -> String? { s.flatMap { InvisibleCharacters.removing(from: $0)?.text } ?? s }
        title = clean(title); target = clean(target); claim = clean(claim); holder = clean(holder); source = clean(source)
        guard let (t, removed, expanded) = InvisibleCharacters.removing(from: text) else { return }
        if t.allSatisfy({ $0.isWhitespace }) {
            throw SlantError.invalidInput(file: file, line: line, message: "\"text\" holds only white space and invisible format characters")
        }
        func move(_ spans: [Span], _ key: String) throws -> [Span] {
            try spans.map { sp in
                let m = Span(Record.cleanedOffset(sp.start, removed, expanded), Record.cleanedOffset(sp.end, removed, expanded))
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
        expandedInText = expanded
    }

    /// The number of offsets in ascending `offsets` below `o`.
    @inline(__always)
    static func count(_ offsets: [Int32], below o: Int) -> Int {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid]) < o { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The offset in the cleaned text of offset `o` of the text as given: `o` less the removed characters before
    /// it, plus the letters the ligatures before it added.
    static func cleanedOffset(_ o: Int, _ removed: [Int32], _ expanded: [Int32] = []) -> Int {
        o - count(removed, below: o) + (expanded.isEmpty ? 0 : count(expanded, below: o))
    }

    /// The offset in the text as given of offset `c` of the (cleaned) `text`: `c` plus the characters removed
    /// before the `c`-th kept one (so a range's end takes in the removed characters just before what follows it),
    /// less the letters ligatures added before it; a ligature's second and third letters map to the ligature.
    public func offsetInGivenText(_ c: Int) -> Int {
        guard !expandedInText.isEmpty else {
            // removed[i] - i is the cleaned offset where removed character i stood: non-decreasing in i.
            var lo = 0, hi = removedFromText.count   // the number of removed characters standing at or before c
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(removedFromText[mid]) - mid <= c { lo = mid + 1 } else { hi = mid }
            }
            return c + lo
        }
        // The last given offset whose cleaned offset (`cleanedOffset`, non-decreasing) is at most c; it is at most
        // c plus the characters removed.
        var lo = 0, hi = c + removedFromText.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Record.cleanedOffset(mid, removedFromText, expandedInText) <= c { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
