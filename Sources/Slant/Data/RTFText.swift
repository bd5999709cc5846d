import Foundation

/// The text of an RTF document (Rich Text Format, Microsoft's specification 1.9.1): its paragraphs in order, each
/// with its style's name and whether it is set in bold.
///
/// News archives hand researchers their articles as RTF: Factiva's downloads (`FactivaText`), Nexis Uni's
/// (`NexisUni`) and the older LexisNexis Academic's, whose "Word" downloads (`.doc`) are RTF too (`NexisText`); a
/// ProQuest download saved as RTF reads as its text (`ProQuestText`). An RTF file is text: groups
/// in braces, control words (`\par`, `\b`, `\u8217`) and text. Read here: text, `\par` (and `\sect`, `\page` and a
/// table cell's end, `\cell`) as a paragraph's end, `\line` as a line break, `\tab` as a tab; characters written as
/// `\'hh` in the document's code page (`\ansicpg`, or a font's `\fcharset`: Windows-1252, 1250, 1251, 1253 and 1254,
/// Shift-JIS, UTF-8) or as `\uN` (the `\ucN` characters of fallback after it skipped, surrogate pairs joined);
/// `\~` (a no-break space), `\_` (a non-breaking hyphen, as "-"), `\emdash`, `\lquote` and the other named
/// characters; a paragraph's style (`\sN`, named in the `\stylesheet`); bold (`\b`). Left out, as a reader of the
/// document does not see them: the font, colour and style tables, the document's information, pictures and binary
/// data (`\binN`), headers, footers, footnotes and comments, field instructions (a link's address; its text
/// stays), list numbers, drawing objects and text boxes, every group marked `\*` that a reader may ignore, hidden
/// text (`\v`), deleted text of tracked changes (`\deleted`), optional hyphens (`\-`) and text in a symbol font.
public enum RTFText {
    /// A paragraph: its text (inner line breaks kept), its style's name if the style sheet names it (none for the
    /// default style, "Normal"), and whether every letter or digit of it is bold (Factiva sets its headlines so).
    public struct Paragraph: Equatable, Sendable {
        public var text: String
        public var style: String?
        public var bold: Bool
        public init(text: String, style: String? = nil, bold: Bool = false) { self.text = text; self.style = style; self.bold = bold }
    }

    /// Why a file is not read.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// Groups nested deeper than this are refused (Word writes a handful).
    public static let maxDepth = 10_000

    /// Whether `bytes` opens as an RTF document does ("{\rtf", after a byte-order mark or white space).
    public static func looksLikeRTF(_ bytes: some Collection<UInt8>) -> Bool {
        var i = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = bytes.index(i, offsetBy: 3) }
        while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i = bytes.index(after: i) }
        return bytes[i...].starts(with: Array(#"{\rtf"#.utf8))
    }

    /// What a group holds.
    enum Destination { case text, fonts, styles, style, skipped }

    /// The state a group opens with and restores when it closes.
    struct State {
        var destination = Destination.text
        var skip = 1             // characters of fallback after `\u`
        var font = -1
        var codePage: Int? = nil         // the font's, when it names one
        var style = 0
        var bold = false
        var hidden = false
        var deleted = false
    }

    /// Destinations a reader of the document does not see (RTF 1.9.1's destination words, those that hold no
    /// body text).
    static let skippedDestinations: [[UInt8]] = [
        "colortbl", "info", "pict", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
        "footnote", "object", "objdata", "themedata", "colorschememapping", "latentstyles", "datastore", "xmlnstbl",
        "listtable", "listoverridetable", "rsidtbl", "generator", "filetbl", "revtbl", "pntext", "pntxta", "pntxtb",
        "listtext", "pn", "bkmkstart", "bkmkend", "xe", "tc", "annotation", "atnid", "atnauthor", "atndate", "atnref",
        "comment", "nonshppict", "shp", "shpinst", "shprslt", "do", "author", "operator", "title", "subject", "keywords",
        "doccomm", "company", "manager", "category", "template", "fldinst", "fldtype", "datafield", "ftnsep", "ftnsepc",
        "aftnsep", "aftnsepc", "ftncn", "aftncn", "pgdsctbl", "userprops", "private", "wgrffmtfilter", "defchp", "defpap",
        "mmath", "passwordhash", "protusertbl", "listpicture", "gridtbl", "htmltag", "mhtmltag", "background", "sp", "sn",
        "sv", "txe", "rxe", "pxe", "formfield", "ffname", "falt", "panose", "fontemb", "fontfile", "macc", "mailmerge",
    ].map { Array($0.utf8) }

    /// What a control word does.
    enum Word: Sendable {
        case bin, font, fontCharset, fontCodePage, style, otherStyle, unicode, unicodeSkip, fonts, styles, skipped
        case paragraphEnd, breakIfText, paragraphDefaults, plain, bold, hidden, deleted, codePage, ansi, mac, pc, pca
        case character(String)
    }

    /// A known control word in `wordTable`: its letters, and what it does.
    struct KnownWord: Sendable { let letters: [UInt8]; let word: Word }

    /// `words` by the FNV-1a hash of their letters (`key`): a look-up hashes the letters where they lie, with no
    /// array made for them and no SipHash (the two were a tenth of reading a word processor's RTF file), and the
    /// letters are compared on a hit. No two known words share a key (a test checks it).
    static let wordTable = HashMap32(words.map { (key(UnsafeBufferPointer(start: nil, count: 0), $0.key), KnownWord(letters: $0.key, word: $0.value)) })

    /// The FNV-1a hash (32 bits) of `letters`, or of `b[range]` when `letters` is empty.
    @inline(__always)
    static func key(_ b: UnsafeBufferPointer<UInt8>, _ letters: [UInt8], _ range: Range<Int> = 0..<0) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        if letters.isEmpty { for k in range { h = (h ^ UInt32(b[k])) &* 0x0100_0193 } }
        else { for c in letters { h = (h ^ UInt32(c)) &* 0x0100_0193 } }
        return h
    }

    /// What the control word `b[range]` does; nil for a word Slant does not know.
    @inline(__always)
    static func word(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Word? {
        guard let known = wordTable[key(b, [], range)], known.letters.count == range.count else { return nil }
        for (k, c) in known.letters.enumerated() where b[range.lowerBound + k] != c { return nil }
        return known.word
    }

    /// The control words read, each with what it does (one lookup per control word).
    static let words: [[UInt8]: Word] = {
        var w: [[UInt8]: Word] = [:]
        for d in skippedDestinations { w[d] = .skipped }
        let named: [String: String] = [
            "emdash": "\u{2014}", "endash": "\u{2013}", "lquote": "\u{2018}", "rquote": "\u{2019}", "ldblquote": "\u{201C}",
            "rdblquote": "\u{201D}", "bullet": "\u{2022}", "emspace": "\u{2003}", "enspace": "\u{2002}", "qmspace": "\u{2005}",
            "zwj": "\u{200D}", "zwnj": "\u{200C}", "ltrmark": "\u{200E}", "rtlmark": "\u{200F}", "tab": "\t", "line": "\n",
        ]
        for (k, v) in named { w[Array(k.utf8)] = .character(v) }
        let actions: [String: Word] = [
            "bin": .bin, "f": .font, "fcharset": .fontCharset, "cpg": .fontCodePage, "s": .style, "cs": .otherStyle,
            "ds": .otherStyle, "ts": .otherStyle, "u": .unicode, "uc": .unicodeSkip, "fonttbl": .fonts, "stylesheet": .styles,
            "par": .paragraphEnd, "cell": .paragraphEnd, "nestcell": .paragraphEnd, "sect": .breakIfText, "page": .breakIfText,
            "pard": .paragraphDefaults, "plain": .plain, "b": .bold, "v": .hidden, "deleted": .deleted, "ansicpg": .codePage,
            "ansi": .ansi, "mac": .mac, "pc": .pc, "pca": .pca,
        ]
        for (k, v) in actions { w[Array(k.utf8)] = v }
        return w
    }()

    /// The code page of a font's `\fcharsetN` (0, ANSI, and 1, default: the document's); -1 for a symbol font.
    static func codePage(charset: Int, document: Int) -> Int {
        switch charset {
        case 2: return -1
        case 128: return 932
        case 161: return 1253
        case 162: return 1254
        case 204: return 1251
        case 238: return 1250
        case 77: return 10000
        case 129: return 949
        case 134: return 936
        case 136: return 950
        case 163: return 1258
        case 177: return 1255
        case 178: return 1256
        case 186: return 1257
        case 222: return 874
        default: return document
        }
    }

    /// `bytes` (written as `\'hh` or as raw bytes of 0x80 and above) in code page `cp`; nil when Slant does not
    /// decode that code page.
    static func decode(_ bytes: [UInt8], codePage cp: Int) -> String? {
        switch cp {
        case 1252, 28591, 20127:
            var s = String.UnicodeScalarView()
            for b in bytes {
                if b >= 0x80 && b < 0xA0 { s.append(Unicode.Scalar(HTMLText.windows1252[Int(b) - 0x80]) ?? "\u{FFFD}") }
                else { s.append(Unicode.Scalar(b)) }
            }
            return String(s)
        case 65001: return String(decoding: bytes, as: UTF8.self)
        case 1250: return String(bytes: bytes, encoding: .windowsCP1250)
        case 1251: return String(bytes: bytes, encoding: .windowsCP1251)
        case 1253: return String(bytes: bytes, encoding: .windowsCP1253)
        case 1254: return String(bytes: bytes, encoding: .windowsCP1254)
        case 932: return String(bytes: bytes, encoding: .shiftJIS)
        default: return bytes.allSatisfy({ $0 < 0x80 }) ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }

    /// The paragraphs of the RTF document `bytes`.
    /// - Throws: `Failure` when the file is no RTF document, ends inside a group (cut short), nests groups deeper
    ///   than `maxDepth`, or writes characters in a code page Slant does not decode.
    /// - Complexity: O(`bytes`).
    public static func paragraphs(_ bytes: [UInt8]) throws(Failure) -> [Paragraph] {
        guard looksLikeRTF(bytes) else {
            throw Failure("not an RTF document: it does not open with {\\rtf (a Word 97-2003 .doc, or a file renamed?)")
        }
        let result: Result<[Paragraph], Failure> = bytes.withUnsafeBufferPointer { b in
            var p = Parser(b: b)
            p.run()
            if let failure = p.failure { return .failure(failure) }
            if !p.stack.isEmpty {
                return .failure(Failure("the RTF document ends inside \(p.stack.count) open group\(p.stack.count == 1 ? "" : "s"): the file is cut short"))
            }
            if !p.text.isEmpty || !p.pending.isEmpty { p.endParagraph() }
            return .success(p.out)
        }
        return try result.get()
    }

    /// The reader's state over one document (a struct of its own, so that reading a byte touches no shared box).
    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var out: [Paragraph] = []
        var stack: [State] = []
        var state = State()
        var documentCodePage = 1252
        var fontCodePage: [Int: Int] = [:]
        var styleNames: [Int: String] = [:]
        var entry: (number: Int, paragraph: Bool, name: [UInt8], font: Int) = (0, true, [], -1)
        var text: [UInt8] = []              // the paragraph so far, UTF-8
        var pending: [UInt8] = []           // bytes in the code page, not yet decoded
        var pendingCodePage = 1252
        var highSurrogate: UInt32? = nil
        var boldCount = 0, plainCount = 0
        var skipping = 0                    // fallback characters after `\u` still to skip
        var failure: Failure? = nil

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        func visible() -> Bool { state.destination == .text && !state.hidden && !state.deleted && state.font != -2 }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            if pendingCodePage == -1 { pending.removeAll(keepingCapacity: true); return }       // a symbol font
            if let s = decode(pending, codePage: pendingCodePage) { append(s.utf8) } else if failure == nil {
                failure = Failure("paragraph \(out.count + 1) is written in code page \(pendingCodePage), which Slant does not decode (it reads Windows-1250 to 1254, Shift-JIS and UTF-8, and \\uN characters in any)")
            }
            pending.removeAll(keepingCapacity: true)
        }

        mutating func append(_ s: some Sequence<UInt8>) {
            for c in s { text.append(c); count(c) }
        }

        /// Counts byte `c` of the text toward its paragraph's boldness: letters and digits decide it (any byte that
        /// starts a scalar above ASCII counts as one).
        @inline(__always) mutating func count(_ c: UInt8) {
            if (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c >= 0xC0 {
                if state.bold { boldCount += 1 } else { plainCount += 1 }
            }
        }

        mutating func scalar(_ u: UInt32) {
            flush()
            if (0xD800...0xDBFF).contains(u) { highSurrogate = u; return }
            var v = u
            if (0xDC00...0xDFFF).contains(u) {
                guard let h = highSurrogate else { return }       // a low surrogate alone: nothing to show
                v = 0x10000 + ((h - 0xD800) << 10) + (u - 0xDC00)
            }
            highSurrogate = nil
            guard let s = Unicode.Scalar(v), v >= 0x20 || v == 0x09 || v == 0x0A else { return }
            append(String(s).utf8)
        }

        mutating func endParagraph() {
            flush()
            highSurrogate = nil
            let t = String(decoding: text, as: UTF8.self)
            // Style 0 is the default paragraph style ("Normal"): no style, as a Word document's paragraph without one.
            out.append(Paragraph(text: t, style: state.style == 0 ? nil : styleNames[state.style], bold: boldCount > 0 && plainCount == 0))
            text.removeAll(keepingCapacity: true)
            boldCount = 0; plainCount = 0
        }

        /// A byte of text (a raw byte, or one written as \'hh): ASCII at once, others through the code page.
        mutating func byte(_ c: UInt8) {
            if skipping > 0 { skipping -= 1; return }
            switch state.destination {
            case .text:
                guard visible(), c >= 0x20 || c == 0x09 else { return }
                let cp = state.codePage ?? documentCodePage
                if c < 0x80 && cp != 932 {
                    if !pending.isEmpty { flush() }
                    highSurrogate = nil
                    text.append(c)
                    count(c)
                    return
                }
                if pendingCodePage != cp { flush(); pendingCodePage = cp }
                pending.append(c)
            case .style:
                if c == 0x3B { entry.name.append(0) } else if !entry.name.contains(0) { entry.name.append(c) }
            case .fonts, .styles, .skipped: return
            }
        }

        mutating func textScalar(_ u: UInt32) {
            if skipping > 0 { skipping -= 1; return }
            if visible() { scalar(u) }
        }

        /// The scalar of `\uN` (negative N for those above 32767, as RTF writes them), nil for none.
        static func unicodeValue(_ p: Int?) -> UInt32? {
            guard let p else { return nil }
            let v = p < 0 ? p + 65536 : p
            return (0...0x10FFFF).contains(v) ? UInt32(v) : nil
        }

        mutating func controlWord(_ w: Word, _ parameter: Int?) {
            // Binary data: skipped whatever the destination (it may hold braces).
            if case .bin = w { i = min(b.count, i + max(0, parameter ?? 0)); return }
            switch state.destination {
            case .skipped: return
            case .fonts:
                switch w {
                case .font: if let p = parameter { entry.font = p }
                case .fontCharset: if let p = parameter, entry.font >= 0 { fontCodePage[entry.font] = codePage(charset: p, document: documentCodePage) }
                case .fontCodePage: if let p = parameter, entry.font >= 0 { fontCodePage[entry.font] = p }
                default: break
                }
                return
            case .style, .styles:
                switch w {
                case .style: entry.number = parameter ?? 0
                case .otherStyle: entry.paragraph = false
                case .unicode:
                    if state.destination == .style, !entry.name.contains(0), let v = Self.unicodeValue(parameter), let u = Unicode.Scalar(v) {
                        entry.name += Array(String(u).utf8)
                    }
                    skipping = state.skip
                default: break
                }
                return
            case .text: break
            }
            switch w {
            case .fonts: state.destination = .fonts; entry.font = -1
            case .styles: state.destination = .styles
            case .skipped: state.destination = .skipped
            case .paragraphEnd, .breakIfText:
                skipping = 0
                if case .breakIfText = w, text.isEmpty, pending.isEmpty { return }
                if !state.hidden, !state.deleted { endParagraph() }
            case .unicode:
                skipping = 0
                if visible(), let v = Self.unicodeValue(parameter) { scalar(v) }
                skipping = state.skip
            case .unicodeSkip: state.skip = max(0, min(parameter ?? 1, 10))
            case .paragraphDefaults: state.style = 0
            case .style: state.style = parameter ?? 0
            case .plain: state.bold = false; state.hidden = false; state.deleted = false
            case .bold: state.bold = parameter.map { $0 != 0 } ?? true
            case .hidden: state.hidden = parameter.map { $0 != 0 } ?? true
            case .deleted: state.deleted = parameter.map { $0 != 0 } ?? true
            case .font:
                state.codePage = fontCodePage[parameter ?? 0]
                state.font = state.codePage == -1 ? -2 : max(-1, parameter ?? -1)
            case .codePage: if let p = parameter { documentCodePage = p }
            case .ansi: documentCodePage = 1252
            case .mac: documentCodePage = 10000
            case .pc: documentCodePage = 437
            case .pca: documentCodePage = 850
            case .character(let s):
                if skipping > 0 { skipping -= 1; return }
                if visible() { for u in s.unicodeScalars { scalar(u.value) } }
            case .bin, .fontCharset, .fontCodePage, .otherStyle: break
            }
        }

        mutating func run() {
            let n = b.count
            while i < n, failure == nil {
                let c = b[i]
                switch c {
                case 0x7B:                                            // "{"
                    skipping = 0
                    guard stack.count < maxDepth else { failure = Failure("groups nested deeper than \(maxDepth)"); return }
                    stack.append(state)
                    if state.destination == .styles { state.destination = .style; entry = (0, true, [], -1) }
                    i += 1
                case 0x7D:                                            // "}"
                    skipping = 0
                    if state.destination == .style, stack.last?.destination == .styles {
                        let name = entry.name.split(separator: 0, omittingEmptySubsequences: false).first.map { Array($0) } ?? []
                        if entry.paragraph, let s = String(validating: name, as: UTF8.self) ?? decode(name, codePage: documentCodePage) {
                            styleNames[entry.number] = s.trimmingCharacters()
                        }
                    }
                    if state.destination == .text { flush() }
                    guard let s = stack.popLast() else { i = n; break }
                    state = s
                    i += 1
                    if stack.isEmpty { i = n }                         // the document's last brace: what follows is not read
                case 0x5C:                                            // "\"
                    guard i + 1 < n else { i = n; break }
                    let d = b[i + 1]
                    if (d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A {
                        var e = i + 1
                        while e < n, e - i <= 32, (b[e] | 0x20) >= 0x61 && (b[e] | 0x20) <= 0x7A { e += 1 }
                        let word = RTFText.word(b, (i + 1)..<e)
                        var parameter: Int? = nil
                        var p = e
                        let negative = p < n && b[p] == 0x2D
                        if negative { p += 1 }
                        var digits = 0, value = 0
                        while p < n, b[p] >= 0x30, b[p] <= 0x39, digits < 10 { value = value * 10 + Int(b[p] - 0x30); digits += 1; p += 1 }
                        if digits > 0 { parameter = negative ? -value : value; e = p }
                        if e < n, b[e] == 0x20 { e += 1 }              // the delimiting space is part of the word
                        i = e
                        if let word { controlWord(word, parameter) }
                        else if state.destination == .text, skipping > 0 { skipping -= 1 }   // an unknown word counts as a fallback character
                    } else {
                        i += 2
                        switch d {
                        case 0x27:                                    // \'hh
                            guard i + 1 < n, let h = hex(b[i]), let l = hex(b[i + 1]) else { break }
                            i += 2
                            byte(h << 4 | l)
                        case 0x5C, 0x7B, 0x7D: byte(d)
                        case 0x7E: textScalar(0xA0)                   // \~ a no-break space
                        case 0x5F: textScalar(0x2D)                   // \_ a non-breaking hyphen
                        case 0x2A:                                    // \* a group a reader may ignore
                            state.destination = .skipped
                        case 0x0A, 0x0D:                              // "\" before a line end: a paragraph's end
                            if state.destination == .text, !state.hidden, !state.deleted { endParagraph() }
                        default: break                                // \- optional hyphen, \| \: index marks
                        }
                    }
                case 0x0A, 0x0D: i += 1                               // line ends in the file are not text
                default:
                    byte(c)
                    i += 1
                }
            }
        }
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// An RTF document of `paragraphs`, as Word writes one: a font table, a style sheet naming each paragraph's
    /// style, `\b` for bold paragraphs, characters beyond ASCII as `\'hh` in Windows-1252 where it has them and
    /// `\uN?` otherwise, tabs and line breaks as `\tab` and `\line`. For tests and fuzz seeds.
    public static func make(_ paragraphs: [Paragraph]) -> [UInt8] {
        var styles: [String] = []
        for p in paragraphs { if let s = p.style, !styles.contains(s) { styles.append(s) } }
        var o = #"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}"# + "\n"
        o += #"{\stylesheet{\s0\snext0 Normal;}"#
        for (k, s) in styles.enumerated() { o += "{\\s\(k + 1)\\sbasedon0\\snext0 \(s);}" }
        o += "}\n\\viewkind4\\uc1\n"
        let cp1252 = HTMLText.windows1252Bytes
        for p in paragraphs {
            o += "\\pard\\plain" + (p.style.flatMap { s in styles.firstIndex(of: s).map { "\\s\($0 + 1)" } } ?? "") + (p.bold ? "\\b" : "") + " "
            for u in p.text.unicodeScalars {
                switch u {
                case "\\": o += "\\\\"
                case "{": o += "\\{"
                case "}": o += "\\}"
                case "\t": o += "\\tab "
                case "\n": o += "\\line "
                default:
                    if u.value < 0x80 { o.unicodeScalars.append(u) }
                    else if let b = cp1252[u.value] ?? (u.value >= 0xA0 && u.value <= 0xFF ? UInt8(u.value) : nil) {
                        o += "\\'" + String(b, radix: 16)
                    } else if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        o += "\\u\(Int(0xD800 + (v >> 10)) - 65536)?\\u\(Int(0xDC00 + (v & 0x3FF)) - 65536)?"
                    } else {
                        o += "\\u\(u.value > 32767 ? Int(u.value) - 65536 : Int(u.value))?"
                    }
                }
            }
            o += "\\par\n"
        }
        o += "}\n"
        return Array(o.utf8)
    }
}
