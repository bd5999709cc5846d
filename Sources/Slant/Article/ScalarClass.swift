/// Character classes of Unicode scalars with an ASCII fast path: `Unicode.Scalar.Properties` looks each scalar
/// up in the standard library's tables (a call and a binary search), which was 18% of the article analysis's
/// time before this path.
///
/// The General Punctuation block (U+2010–U+2027, U+2030–U+205E: dashes, curly quotes, ellipses, primes) is common
/// in news text and holds no letters, digits, cased or space characters: it takes a fast path too.
enum ScalarClass {
    /// General Punctuation that is neither a letter, a digit, cased, nor white space.
    @inline(__always) static func isPlainPunctuation(_ v: UInt32) -> Bool {
        (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E)
    }
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value == 32 || (c.value >= 9 && c.value <= 13)) : !isPlainPunctuation(c.value) && c.properties.isWhitespace
    }
    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value >= 65 && c.value <= 90) : !isPlainPunctuation(c.value) && c.properties.isUppercase
    }
    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value >= 97 && c.value <= 122) : !isPlainPunctuation(c.value) && c.properties.isLowercase
    }
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? ((c.value | 0x20) >= 97 && (c.value | 0x20) <= 122) : !isPlainPunctuation(c.value) && c.properties.isAlphabetic
    }
    /// A letter or a digit: part of a word.
    @inline(__always) static func isWord(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return ((c.value | 0x20) >= 97 && (c.value | 0x20) <= 122) || (c.value >= 48 && c.value <= 57) }
        if isPlainPunctuation(c.value) { return false }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
}

/// 64-bit FNV-1a over Unicode scalars: the word keys of actor detection and mention finding. Collisions are
/// astronomically unlikely among the few hundred words looked up per article, and a collision could only merge
/// two names' counts or add a try that the full comparison rejects, never crash.
enum FNV64 {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    /// A second offset, so that case-folded keys never equal keys as written (`MentionFinder.find`).
    static let foldedOffset: UInt64 = 0x8422_2325_CBF2_9CE4
    @inline(__always) static func mix(_ h: UInt64, _ c: Unicode.Scalar) -> UInt64 { (h ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3 }
    /// The key of a word as written, and of a word case-folded (`MentionFinder.wordKey`'s two kinds).
    static func key(_ word: String) -> UInt64 { word.unicodeScalars.reduce(offset, mix) }
    static func foldedKey(_ word: String) -> UInt64 { word.unicodeScalars.reduce(foldedOffset) { mix($0, MentionFinder.fold($1)) } }
    /// A word list as a set of keys as written (the lists are lower-case; look-ups key the text lower-cased).
    static func keys(_ words: Set<String>) -> KeySet64 { KeySet64(words.map(key)) }

    /// The keys of a generated word list (`SentenceOpeners.list`: lower-case ASCII words separated by spaces
    /// and line breaks, an apostrophe written "'") as `ActorDetector.Word.lower` computes them, a word with an
    /// apostrophe also with the typographic "’". Hashed from the literal's bytes: making a
    /// string of each word cost more than a short article's analysis.
    static func listKeys(_ list: String) -> KeySet64 {
        var keys: [UInt64] = []
        var text = list
        text.withUTF8 { bytes in
            keys.reserveCapacity(bytes.count / 6)
            var plain = offset, typographic = offset, apostrophe = false, length = 0
            for i in 0...bytes.count {
                let byte: UInt8 = i < bytes.count ? bytes[i] : 0x20
                if byte == 0x20 || byte == 0x0A {
                    if length > 0 { keys.append(plain); if apostrophe { keys.append(typographic) } }
                    plain = offset; typographic = offset; apostrophe = false; length = 0
                    continue
                }
                let c = Unicode.Scalar(byte)
                plain = mix(plain, c)
                typographic = mix(typographic, byte == 0x27 ? "\u{2019}" : c)
                if byte == 0x27 { apostrophe = true }
                length += 1
            }
        }
        return KeySet64(keys)
    }
}

extension ScalarClass {
    /// The Unicode scalars of `text`, decoded from its UTF-8 in one pass into one allocation (`Array(text.
    /// unicodeScalars)` counts the scalars first, then copies them one by one through the view).
    /// - Complexity: O(text).
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var extra: [(scalar: Int32, bytes: Int32)] = []
        return scalars(text, extraBytes: &extra)
    }

    /// `scalars(text)`, also listing after each scalar of two or more UTF-8 bytes its index and the extra bytes
    /// (beyond one per scalar) of the text up to and including it: the UTF-8 offset of scalar `x` is `x` plus
    /// the last listed total before `x` (`ArticleText.byteOffset`).
    static func scalars(_ text: String, extraBytes: inout [(scalar: Int32, bytes: Int32)]) -> [Unicode.Scalar] {
        var text = text
        var extra: [(scalar: Int32, bytes: Int32)] = []
        defer { extraBytes = extra }
        return text.withUTF8 { u in
            [Unicode.Scalar](unsafeUninitializedCapacity: u.count) { out, n in
                var i = 0, k = 0
                let end = u.count
                let raw = UnsafeRawPointer(u.baseAddress!)
                let wide = UnsafeMutableRawPointer(out.baseAddress!)
                while i < end {
                    // Eight ASCII bytes at a time (most of a news text): widened to eight scalars in one go.
                    if i + 8 <= end {
                        let w8 = raw.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self)
                        if w8 & 0x80 == SIMD8<UInt8>(repeating: 0) {
                            wide.storeBytes(of: SIMD8<UInt32>(truncatingIfNeeded: w8), toByteOffset: k * 4, as: SIMD8<UInt32>.self)
                            i += 8; k += 8
                            continue
                        }
                    }
                    let b = UInt32(u[i])
                    // ASCII, most of a news text: a scalar with no validity check.
                    if b < 0x80 { out[k] = Unicode.Scalar(UInt8(truncatingIfNeeded: b)); k += 1; i += 1; continue }
                    var v: UInt32
                    // A String's UTF-8 is valid, so a lead byte is always followed by its continuation bytes.
                    if b < 0xE0 {
                        v = (b & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F); i += 2
                    } else if b < 0xF0 {
                        v = (b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F); i += 3
                    } else {
                        v = (b & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6 | UInt32(u[i + 3] & 0x3F); i += 4
                    }
                    // A space of another width (no-break U+00A0, U+2000–U+200A, narrow no-break U+202F, U+205F,
                    // U+3000, U+1680) reads as " ": web text writes "Joseph J.&nbsp;Sabia" and "Mr.&nbsp;Trump",
                    // and the analysis's rules look for a plain space after an initial, a title or "of". One
                    // scalar for one, so offsets and `extra` stay those of the text as written.
                    if isOtherSpace(v) { v = 0x20 }
                    out[k] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    extra.append((Int32(truncatingIfNeeded: k), Int32(truncatingIfNeeded: i - k - 1)))
                    k += 1
                }
                n = k
            }
        }
    }
}

extension ScalarClass {
    /// A space separator (Unicode category Zs) other than U+0020, which `scalars` reads as U+0020.
    @inline(__always) static func isOtherSpace(_ v: UInt32) -> Bool {
        v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0x1680
    }
}

extension String {
    /// The string of `s[range]`, built through UTF-8 in one allocation (appending scalars one by one to a
    /// `UnicodeScalarView` was 19% of the article analysis's time).
    init(scalars s: [Unicode.Scalar], _ range: Range<Int>) {
        var bytes = 0
        for i in range { bytes += UTF8.width(s[i]) }
        self.init(unsafeUninitializedCapacity: bytes) { buf in
            var k = 0
            for i in range {
                let c = s[i]
                if c.value < 0x80 { buf[k] = UInt8(c.value); k += 1; continue }
                for b in UTF8.encode(c)! { buf[k] = b; k += 1 }
            }
            return k
        }
    }

    /// Whether the string contains a space (without Foundation's locale-aware search).
    var hasSpace: Bool { utf8.contains(0x20) }
}

extension LowercaseWords {
    /// Whether the word `range` of `s`, case-folded (a typographic "’" read as "'"), is listed. A binary search
    /// over the list's bytes, which the generator writes in code-point order: detection asks for the first words
    /// of the few names seen only opening sentences, so building a set of the 23,159 words at start-up (16 M
    /// instructions, measured) would cost more than every look-up of a long run.
    /// - Complexity: O(log(list) × word length).
    static func contains(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 64 else { return false }
        var word = [UInt8](repeating: 0, count: range.count)
        for (k, i) in range.enumerated() {
            let c = MentionFinder.fold(s[i])
            if c == "\u{2019}" { word[k] = 0x27; continue }
            guard c.value < 0x80 else { return false }
            word[k] = UInt8(c.value)
        }
        var list = Self.list
        return list.withUTF8 { b in word.withUnsafeBufferPointer { w in Self.search(b, w) } }
    }

    /// Binary search for `w` among the words of `b` (words in byte order, separated by spaces and line breaks).
    static func search(_ b: UnsafeBufferPointer<UInt8>, _ w: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func separator(_ x: UInt8) -> Bool { x == 0x20 || x == 0x0A }
        // The word, if listed, starts in lo..<hi.
        var lo = 0, hi = b.count
        while lo < hi {
            var m = (lo + hi) / 2
            while m > lo && !separator(b[m - 1]) { m -= 1 }
            var a = m
            while a < hi && separator(b[a]) { a += 1 }
            guard a < hi else { hi = m; continue }   // no word starts in m..<hi
            var e = a
            while e < b.count && !separator(b[e]) { e += 1 }
            // Compare w with b[a..<e] byte by byte, the shorter first on a tie.
            var k = 0
            while k < w.count && a + k < e && w[k] == b[a + k] { k += 1 }
            if k == w.count && a + k == e { return true }
            let less = k == w.count || (a + k < e && w[k] < b[a + k])
            if less { hi = m } else { lo = e }
        }
        return false
    }
}
