/// How a PDF font's character codes become text and advance the pen (ISO 32000-1 §9.5–9.10): the `ToUnicode`
/// map when the font has one (§9.10.3), else the simple font's encoding (a base encoding and its `Differences`,
/// glyph names read as the Adobe Glyph List names them), or the code itself for the Unicode CMaps of composite
/// fonts; and each glyph's width (`Widths`, `W`/`DW`, a Type 3 font's `FontMatrix`). A code the font gives no text
/// for is counted (`PDFFont.unmapped`), so that a file whose fonts carry no text is refused rather than read as empty.
struct PDFFont {
    /// Byte lengths of codes: codespace ranges (low, high, length), tried from one byte up; empty: one byte.
    var codespace: [(lo: UInt32, hi: UInt32, n: Int)] = []
    /// Composite fonts' codes are two bytes unless their CMap says otherwise.
    var composite = false
    /// `ToUnicode`: single codes, and ranges (sorted by `lo`) whose text counts up from `start`.
    var toUnicode: [UInt32: String] = [:]
    var ranges: [(lo: UInt32, hi: UInt32, start: [UInt16], list: [String]?)] = []
    /// A simple font's text per code (its encoding), nil where it has none.
    var encoding: [String?] = []
    /// The codes are UTF-16 (a composite font with a `Uni…-UCS2` or `-UTF16` CMap).
    var unicodeCodes = false
    /// Glyph widths in thousandths of the font size (Type 3: already scaled by its matrix).
    var widths: [UInt32: Double] = [:]
    var widthRanges: [(lo: UInt32, hi: UInt32, w: Double)] = []
    var defaultWidth: Double = 500
    /// Writing is vertical (`Identity-V`): glyphs advance down; read a glyph per line is avoided by treating the
    /// advance as horizontal.
    var scale = 0.001

    /// One glyph of a shown string.
    struct Glyph { var text: String?; var width: Double; var isSpace: Bool }

    /// The glyph of `code`, a code of `n` bytes.
    func glyph(_ code: UInt32, length n: Int) -> Glyph {
        Glyph(text: text(code), width: width(code) * scale, isSpace: n == 1 && code == 32)
    }

    /// Calls `body` with each code of string `s` in order, and its length in bytes: one byte in a simple font, two
    /// in a composite one, as the font's code space says where it has one.
    func codes(_ s: [UInt8], _ body: (_ code: UInt32, _ length: Int) throws -> Void) rethrows {
        var i = 0
        while i < s.count {
            var code = UInt32(s[i]), n = 1
            if !codespace.isEmpty {
                var found = false
                var c: UInt32 = 0
                for len in 1...4 where i + len <= s.count {
                    c = len == 1 ? UInt32(s[i]) : c << 8 | UInt32(s[i + len - 1])
                    if codespace.contains(where: { $0.n == len && c >= $0.lo && c <= $0.hi }) { code = c; n = len; found = true; break }
                }
                if !found { n = composite ? min(2, s.count - i) : 1; code = 0; for k in 0..<n { code = code << 8 | UInt32(s[i + k]) } }
            } else if composite {
                n = min(2, s.count - i); code = 0
                for k in 0..<n { code = code << 8 | UInt32(s[i + k]) }
            }
            i += n
            try body(code, n)
        }
    }

    func text(_ code: UInt32) -> String? {
        if let t = toUnicode[code] { return t }
        if !ranges.isEmpty {
            var lo = 0, hi = ranges.count - 1
            while lo <= hi {
                let m = (lo + hi) / 2, r = ranges[m]
                if code < r.lo { hi = m - 1 } else if code > r.hi { lo = m + 1 } else {
                    let k = Int(code - r.lo)
                    if let list = r.list { return k < list.count ? list[k] : nil }
                    var units = r.start
                    guard let last = units.last else { return nil }
                    units[units.count - 1] = last &+ UInt16(truncatingIfNeeded: k)
                    return String(decoding: units, as: UTF16.self)
                }
            }
        }
        if unicodeCodes, let u = Unicode.Scalar(code) { return String(Character(u)) }
        if !composite, Int(code) < encoding.count { return encoding[Int(code)] }
        return nil
    }

    /// A standard font's widths of the printable ASCII characters (a simple font without `Widths`), by its text.
    var standardWidths: [UInt16]? = nil

    func width(_ code: UInt32) -> Double {
        if let w = widths[code] { return w }
        if let table = standardWidths {
            if let u = text(code)?.unicodeScalars.first, u.value >= 32, u.value <= 126 { return Double(table[Int(u.value) - 32]) }
            return defaultWidth
        }
        // (Ranges sorted by their first code and apart, as writers give them: a binary search.)
        var lo = 0, hi = widthRanges.count - 1
        while lo <= hi {
            let m = (lo + hi) / 2, r = widthRanges[m]
            if code < r.lo { hi = m - 1 } else if code > r.hi { lo = m + 1 } else { return r.w }
        }
        return defaultWidth
    }

    /// The font of dictionary `d` in `doc`.
    init(_ d: [String: PDFObject], in doc: PDFDocument) {
        let subtype = doc.resolve(d["Subtype"])?.name ?? ""
        if let tu = doc.resolve(d["ToUnicode"]), case .stream = tu, let data = try? doc.streamData(of: tu) {
            readCMap(data, unicode: true)
            codespace = []      // a ToUnicode map's code space is not the font's: its encoding says how long codes are
        }
        if subtype == "Type0" {
            composite = true
            switch doc.resolve(d["Encoding"]) {
            case .name(let e)?:
                if e.hasPrefix("Uni"), e.contains("UCS2") || e.contains("UTF16") { unicodeCodes = true }
            case let s? where s.dict != nil:
                if case .stream = s, let data = try? doc.streamData(of: s) {
                    var cmap = PDFFont(); cmap.readCMap(data, unicode: false)
                    codespace = cmap.codespace
                }
            default: break
            }
            if codespace.isEmpty { codespace = [(0, 0xFFFF, 2)] }
            defaultWidth = 1000
            if let desc = doc.array(d["DescendantFonts"])?.first.flatMap({ doc.dict($0) }) {
                if let dw = doc.number(desc["DW"]) { defaultWidth = dw }
                readW(doc.array(desc["W"]) ?? [], doc)
                widthRanges.sort { $0.lo < $1.lo }
            }
            return
        }
        // A simple font: one byte per code.
        codespace = []
        var table = PDFFont.baseEncoding(subtype == "TrueType" ? "WinAnsiEncoding" : "StandardEncoding")
        let baseFont = doc.resolve(d["BaseFont"])?.name ?? ""
        let symbolic = baseFont.hasSuffix("Symbol") || baseFont.contains("Dingbats")
        switch doc.resolve(d["Encoding"]) {
        case .name(let e)?: table = PDFFont.baseEncoding(e)
        case .dict(let e)?:
            if let base = doc.resolve(e["BaseEncoding"])?.name { table = PDFFont.baseEncoding(base) }
            var code = 0
            for item in doc.array(e["Differences"]) ?? [] {
                switch doc.resolve(item) {
                case .number(let v)?: code = Int(max(0, min(v, 255)))
                case .name(let g)?:
                    if code < 256 { table[code] = PDFFont.glyphText(g) }
                    code += 1
                default: break
                }
            }
        default: break
        }
        encoding = symbolic && d["Encoding"] == nil ? [String?](repeating: nil, count: 256) : table
        let first = doc.number(d["FirstChar"]) ?? 0
        if subtype == "Type3", let m = doc.array(d["FontMatrix"]), let a = m.first.flatMap({ doc.number($0) }), a.isFinite, abs(a) < 1 {
            scale = abs(a)
        }
        for (k, w) in (doc.array(d["Widths"]) ?? []).enumerated() where k < 256 {
            if let v = doc.number(w), first >= 0, first < 256 { widths[UInt32(Int(first) + k)] = v }
        }
        if let fd = doc.dict(d["FontDescriptor"]), let mw = doc.number(fd["MissingWidth"]), mw > 0 { defaultWidth = mw }
        else if subtype == "Type3" { defaultWidth = 0 }
        if widths.isEmpty, subtype != "Type3" {
            // One of the 14 standard fonts (the only ones a file may leave without widths): their widths as Adobe's
            // font metrics give them, the sans-serif table for Helvetica and Arial, the serif one for the rest, so
            // that words drawn apart are told apart. Bold and italic faces differ by a few percent.
            if baseFont.contains("Courier") { defaultWidth = 600 } else if baseFont.contains("Helvetica") || baseFont.contains("Arial") {
                standardWidths = PDFFont.helveticaWidths; defaultWidth = 556
            } else if !symbolic { standardWidths = PDFFont.timesWidths; defaultWidth = 500 }
        }
    }

    init() {}

    /// A composite font's `W` array: `c [w1 w2 …]` and `c1 c2 w`.
    private mutating func readW(_ w: [PDFObject], _ doc: PDFDocument) {
        var k = 0
        while k < w.count {
            guard let c = doc.number(w[k]), c >= 0, c < 16_777_216 else { k += 1; continue }
            if k + 1 < w.count, let list = doc.array(w[k + 1]) {
                for (j, v) in list.prefix(1 << 16).enumerated() { if let x = doc.number(v) { widths[UInt32(c) + UInt32(j)] = x } }
                k += 2
            } else if k + 2 < w.count, let c2 = doc.number(w[k + 1]), let x = doc.number(w[k + 2]), c2 >= c, c2 < 16_777_216 {
                widthRanges.append((UInt32(c), UInt32(c2), x))
                k += 3
            } else { k += 1 }
        }
    }

    /// Reads a CMap's code space ranges and, when `unicode`, its `bfchar`/`bfrange` maps (§9.10.3).
    mutating func readCMap(_ data: [UInt8], unicode: Bool) {
        var single: [UInt32: String] = [:]
        var rs: [(lo: UInt32, hi: UInt32, start: [UInt16], list: [String]?)] = []
        var entries = 0
        func code(_ o: PDFObject) -> (UInt32, Int)? {
            guard case .string(let s) = o, !s.isEmpty, s.count <= 4 else { return nil }
            return (s.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, s.count)
        }
        func utf16(_ o: PDFObject) -> [UInt16]? {
            guard case .string(let s) = o else { return nil }
            if s.count == 1 { return [UInt16(s[0])] }
            return stride(from: 0, to: s.count - 1, by: 2).map { UInt16(s[$0]) << 8 | UInt16(s[$0 + 1]) }
        }
        data.withUnsafeBufferPointer { b in
            PDFLexer.operators(b) { k, stack, _ in
                switch k {
                case "endcodespacerange":
                    var j = 0
                    while j + 1 < stack.count {
                        if codespace.count < 64, let (lo, n) = code(stack[j]), let (hi, _) = code(stack[j + 1]), lo <= hi { codespace.append((lo, hi, n)) }
                        j += 2
                    }
                case "endbfchar" where unicode:
                    var j = 0
                    while j + 1 < stack.count, entries < 1 << 20 {
                        if let (c, _) = code(stack[j]), let u = utf16(stack[j + 1]) { single[c] = String(decoding: u, as: UTF16.self); entries += 1 }
                        else if let (c, _) = code(stack[j]), case .name(let g) = stack[j + 1] { single[c] = PDFFont.glyphText(g) ?? ""; entries += 1 }
                        j += 2
                    }
                case "endbfrange" where unicode:
                    var j = 0
                    while j + 2 < stack.count, entries < 1 << 20 {
                        if let (lo, _) = code(stack[j]), let (hi, _) = code(stack[j + 1]), lo <= hi {
                            if let u = utf16(stack[j + 2]), !u.isEmpty { rs.append((lo, hi, u, nil)) }
                            else if case .array(let a) = stack[j + 2] {
                                rs.append((lo, hi, [], a.prefix(Int(hi - lo) + 1).map { utf16($0).map { String(decoding: $0, as: UTF16.self) } ?? "" }))
                            }
                            entries += 1
                        }
                        j += 3
                    }
                default: break
                }
            }
        }
        if unicode {
            toUnicode.merge(single) { _, new in new }
            ranges = (ranges + rs).sorted { $0.lo < $1.lo }
        }
    }

    // MARK: Encodings and glyph names

    /// A base encoding's 256 codes as text (§D.2): WinAnsi (Windows-1252), MacRoman, Standard, PDFDoc; any other
    /// name: Standard.
    static func baseEncoding(_ name: String) -> [String?] {
        var t = [String?](repeating: nil, count: 256)
        for c in 0x20..<0x7F { t[c] = String(UnicodeScalar(UInt8(c))) }
        switch name {
        case "WinAnsiEncoding", "PDFDocEncoding":
            for c in 0xA0...0xFF { t[c] = String(UnicodeScalar(UInt8(c))) }
            for c in 0x80..<0xA0 { t[c] = Unicode.Scalar(HTMLText.windows1252[c - 0x80]).map { String(Character($0)) } }
            t[0xAD] = "-"
        case "MacRomanEncoding":
            for (k, u) in macRomanHigh.enumerated() { t[0x80 + k] = Unicode.Scalar(u).map { String(Character($0)) } }
        default:
            t[0x27] = "\u{2019}"; t[0x60] = "\u{2018}"
            for (c, u) in standardHigh { t[c] = String(Character(Unicode.Scalar(u)!)) }
        }
        return t
    }

    /// Helvetica's widths of the characters 32–126 (Adobe's font metrics).
    static let helveticaWidths: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// Times-Roman's widths of the characters 32–126 (Adobe's font metrics).
    static let timesWidths: [UInt16] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ]

    /// Mac OS Roman, codes 0x80–0xFF.
    static let macRomanHigh: [UInt32] = [
        0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9, 0xE8,
        0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB, 0xFC,
        0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260, 0xC6, 0xD8,
        0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA, 0x3A9, 0xE6, 0xF8,
        0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5, 0x152, 0x153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0xD3, 0xD4,
        0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD, 0x2DB, 0x2C7,
    ]

    /// Adobe StandardEncoding's codes above 0x7F that carry text.
    static let standardHigh: [(Int, UInt32)] = [
        (0xA1, 0xA1), (0xA2, 0xA2), (0xA3, 0xA3), (0xA4, 0x2044), (0xA5, 0xA5), (0xA6, 0x192), (0xA7, 0xA7), (0xA8, 0xA4),
        (0xA9, 0x27), (0xAA, 0x201C), (0xAB, 0xAB), (0xAC, 0x2039), (0xAD, 0x203A), (0xAE, 0xFB01), (0xAF, 0xFB02),
        (0xB1, 0x2013), (0xB2, 0x2020), (0xB3, 0x2021), (0xB4, 0xB7), (0xB6, 0xB6), (0xB7, 0x2022), (0xB8, 0x201A),
        (0xB9, 0x201E), (0xBA, 0x201D), (0xBB, 0xBB), (0xBC, 0x2026), (0xBD, 0x2030), (0xBF, 0xBF), (0xC1, 0x60),
        (0xC2, 0xB4), (0xC3, 0x2C6), (0xC4, 0x2DC), (0xC5, 0xAF), (0xC6, 0x2D8), (0xC7, 0x2D9), (0xC8, 0xA8),
        (0xCA, 0x2DA), (0xCB, 0xB8), (0xCD, 0x2DD), (0xCE, 0x2DB), (0xCF, 0x2C7), (0xD0, 0x2014), (0xE1, 0xC6),
        (0xE3, 0xAA), (0xE8, 0x141), (0xE9, 0xD8), (0xEA, 0x152), (0xEB, 0xBA), (0xF1, 0xE6), (0xF5, 0x131),
        (0xF8, 0x142), (0xF9, 0xF8), (0xFA, 0x153), (0xFB, 0xDF),
    ]

    /// Glyph names whose text is not the name itself (a letter's name is the letter).
    static let glyphNames: [String: String] = [
        "space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%", "ampersand": "&",
        "quotesingle": "'", "quoteright": "\u{2019}", "quoteleft": "\u{2018}", "parenleft": "(", "parenright": ")",
        "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "minus": "\u{2212}", "period": ".", "slash": "/",
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
        "nine": "9", "colon": ":", "semicolon": ";", "less": "<", "equal": "=", "greater": ">", "question": "?", "at": "@",
        "bracketleft": "[", "backslash": "\\", "bracketright": "]", "asciicircum": "^", "underscore": "_", "grave": "`",
        "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~", "endash": "\u{2013}", "emdash": "\u{2014}",
        "quotedblleft": "\u{201C}", "quotedblright": "\u{201D}", "quotesinglbase": "\u{201A}", "quotedblbase": "\u{201E}",
        "guillemotleft": "\u{AB}", "guillemotright": "\u{BB}", "guilsinglleft": "\u{2039}", "guilsinglright": "\u{203A}",
        "bullet": "\u{2022}", "ellipsis": "\u{2026}", "dagger": "\u{2020}", "daggerdbl": "\u{2021}", "fi": "fi", "fl": "fl",
        "ff": "ff", "ffi": "ffi", "ffl": "ffl", "trademark": "\u{2122}", "copyright": "\u{A9}", "registered": "\u{AE}",
        "degree": "\u{B0}", "section": "\u{A7}", "paragraph": "\u{B6}", "periodcentered": "\u{B7}", "germandbls": "\u{DF}",
        "ae": "\u{E6}", "AE": "\u{C6}", "oe": "\u{153}", "OE": "\u{152}", "oslash": "\u{F8}", "Oslash": "\u{D8}",
        "dotlessi": "\u{131}", "lslash": "\u{142}", "Lslash": "\u{141}", "eth": "\u{F0}", "Eth": "\u{D0}", "thorn": "\u{FE}",
        "Thorn": "\u{DE}", "sterling": "\u{A3}", "yen": "\u{A5}", "Euro": "\u{20AC}", "euro": "\u{20AC}", "cent": "\u{A2}",
        "currency": "\u{A4}", "florin": "\u{192}", "exclamdown": "\u{A1}", "questiondown": "\u{BF}", "nbspace": "\u{A0}",
        "nonbreakingspace": "\u{A0}", "sfthyphen": "-", "softhyphen": "-", "perthousand": "\u{2030}", "onehalf": "\u{BD}",
        "onequarter": "\u{BC}", "threequarters": "\u{BE}", "multiply": "\u{D7}", "divide": "\u{F7}", "plusminus": "\u{B1}",
        "ordfeminine": "\u{AA}", "ordmasculine": "\u{BA}", "mu": "\u{B5}", "brokenbar": "\u{A6}", "logicalnot": "\u{AC}",
        "fraction": "\u{2044}", "acute": "\u{B4}", "dieresis": "\u{A8}", "cedilla": "\u{B8}", "macron": "\u{AF}",
        "circumflex": "\u{2C6}", "tilde": "\u{2DC}", "quotereversed": "\u{201B}", "twosuperior": "\u{B2}",
        "threesuperior": "\u{B3}", "onesuperior": "\u{B9}",
    ]

    /// Accents a glyph name may end with ("eacute"), as combining marks; the reading pipeline composes them.
    static let accents: [(String, String)] = [
        ("acute", "\u{301}"), ("grave", "\u{300}"), ("circumflex", "\u{302}"), ("dieresis", "\u{308}"), ("tilde", "\u{303}"),
        ("ring", "\u{30A}"), ("cedilla", "\u{327}"), ("caron", "\u{30C}"), ("breve", "\u{306}"), ("macron", "\u{304}"),
        ("ogonek", "\u{328}"), ("dotaccent", "\u{307}"), ("hungarumlaut", "\u{30B}"), ("commaaccent", "\u{326}"),
    ]

    /// The text of glyph name `g` (§9.10.2's use of the Adobe Glyph List): a known name, a letter, a letter and an
    /// accent ("eacute"), `uniXXXX…` and `uXXXX`; a suffix after a period ("a.sc") is dropped, ligatures joined
    /// with "_" ("f_i") read part by part. Nil for names that say nothing ("g123", "cid42", ".notdef").
    static func glyphText(_ name: String) -> String? {
        var g = Substring(name)
        if let dot = g.firstIndex(of: "."), dot != g.startIndex { g = g[..<dot] }
        if g.contains("_") {
            let parts = g.split(separator: "_").map { glyphText(String($0)) }
            return parts.contains(where: { $0 == nil }) ? nil : parts.map { $0! }.joined()
        }
        if let t = glyphNames[String(g)] { return t }
        if g.count == 1, let c = g.first, c.isLetter, c.isASCII { return String(c) }
        if g.hasPrefix("uni"), g.count >= 7, (g.count - 3) % 4 == 0 {
            var units: [UInt16] = []
            var k = g.index(g.startIndex, offsetBy: 3)
            while k < g.endIndex {
                let e = g.index(k, offsetBy: 4)
                guard let v = UInt16(g[k..<e], radix: 16) else { return nil }
                units.append(v); k = e
            }
            return String(decoding: units, as: UTF16.self)
        }
        if g.hasPrefix("u"), (5...7).contains(g.count), let v = UInt32(g.dropFirst(), radix: 16), let u = Unicode.Scalar(v) {
            return String(Character(u))
        }
        if let first = g.first, first.isASCII, first.isLetter {
            let rest = String(g.dropFirst())
            for (accent, mark) in accents where rest == accent { return String(first) + mark }
        }
        return nil
    }
}
