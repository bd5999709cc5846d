/// HTML character references ("&amp;", "&#8217;", "&#x2019;", "&rsquo;"), read as the characters they stand for.
///
/// Text taken from feeds, content systems and scraped pages often keeps them: "Trump&#8217;s plan",
/// "&quot;No&quot;", "AT&amp;T", and encoded twice or more ("&amp;quot;", "&amp;amp;nbsp;"). Read as written,
/// "trump", "8217" and "quot" are words no head was trained on, the possessive is no mention of Trump, and the
/// analysis finds other actors: on 300 AllSides articles with their quotes, apostrophes and ampersands so
/// written, 45 `leaning` labels and 106 articles' actors changed. Both the web-page reader (`HTMLText`) and the
/// record reader (`InvisibleCharacters.removing`, for every text field) decode them with this grammar:
///
/// - `&name;` for a name in `named` (case-sensitive, as HTML's are);
/// - `&#digits;` (1–7 decimal digits) and `&#xhex;` (`x` or `X`, 1–6 hex digits), read as browsers read them
///   (`numeric`);
/// - a reference that decodes to "&" and is followed by another reference's body without its "&" ("&amp;quot;",
///   "&amp;#8217;", "&amp;amp;nbsp;") decodes to that reference's character: text encoded more than once.
///
/// Anything else is left as written: "AT&T", "Q&A", "&c", "&unknown;", a reference without its ";".
enum CharacterReferences {
    /// The named character references news pages and feeds use (HTML's names; a name not here is left as written).
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "—", "ndash": "–",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "hellip": "…", "copy": "©", "reg": "®", "trade": "™",
        "laquo": "«", "raquo": "»", "bull": "•", "middot": "·", "deg": "°", "euro": "€", "pound": "£", "cent": "¢",
        "sect": "§", "para": "¶", "times": "×", "divide": "÷", "shy": "\u{AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "sbquo": "‚", "bdquo": "„", "prime": "′",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "ntilde": "ñ", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "Eacute": "É",
    ]

    /// The longest name in `named`: a longer run of letters is no reference.
    static let longestName = named.keys.map(\.utf8.count).max() ?? 0

    /// The character numeric reference `v` stands for, as browsers read it (the WHATWG HTML standard): 0x80–0x9F
    /// as Windows-1252's characters ("&#146;" is "’"), and NUL, surrogates and numbers beyond Unicode as U+FFFD.
    static func numeric(_ v: UInt32) -> Unicode.Scalar {
        if v >= 0x80 && v < 0xA0, let u = Unicode.Scalar(HTMLText.windows1252[Int(v) - 0x80]) { return u }
        return v == 0 ? "\u{FFFD}" : (Unicode.Scalar(v) ?? "\u{FFFD}")
    }

    /// The reference whose body (what follows its "&") starts at `from` in a text of ASCII or wider code units,
    /// `unit(j)` giving the code at `j` (nil past the end): its character and the offset just after its ";", with
    /// references encoded more than once ("&amp;quot;") read through; nil where no reference is written there.
    /// - Complexity: O(length of the reference).
    @inline(__always)
    static func body(from: Int, _ unit: (Int) -> UInt32?) -> (Unicode.Scalar, Int)? {
        guard var r = single(from: from, unit) else { return nil }
        while r.0 == "&", let next = single(from: r.1, unit) { r = next }
        return r
    }

    /// `body` without reading through a second encoding.
    static func single(from: Int, _ unit: (Int) -> UInt32?) -> (Unicode.Scalar, Int)? {
        guard let first = unit(from) else { return nil }
        if first == 0x23 {   // "#"
            var j = from + 1
            let hex = unit(j) == 0x78 || unit(j) == 0x58   // "x", "X"
            if hex { j += 1 }
            let start = j
            var v: UInt32 = 0
            while let c = unit(j) {
                let d: UInt32
                if c &- 0x30 < 10 { d = c - 0x30 }
                else if hex, (c | 0x20) &- 0x61 < 6 { d = (c | 0x20) - 0x61 + 10 }
                else { break }
                if j - start == (hex ? 6 : 7) { return nil }
                v = v * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start, unit(j) == 0x3B else { return nil }   // ";"
            return (numeric(v), j + 1)
        }
        guard (first | 0x20) &- 0x61 < 26 else { return nil }
        var j = from + 1
        var name: [UInt8] = [UInt8(first)]
        while let c = unit(j), (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 {
            if name.count == longestName { return nil }
            name.append(UInt8(c)); j += 1
        }
        guard unit(j) == 0x3B, let s = named[String(decoding: name, as: UTF8.self)] else { return nil }
        return (s, j + 1)
    }

    /// The character the reference at `k` of `c` stands for and how many scalars it takes, nil when `c[k]` starts
    /// none.
    static func decode(_ c: [Unicode.Scalar], at k: Int) -> (Unicode.Scalar, Int)? {
        guard c[k] == "&" else { return nil }
        return body(from: k + 1) { $0 < c.count ? c[$0].value : nil }.map { ($0.0, $0.1 - k) }
    }

    /// Whether the UTF-8 bytes `p` have a reference starting at `i` (where `p[i]` is "&").
    static func starts(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        body(from: i + 1) { $0 < p.count ? UInt32(p[$0]) : nil } != nil
    }
}
