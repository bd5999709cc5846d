/// The article in a saved web page: its headline and the paragraphs of its text, without the page's menus,
/// scripts, styles, banners, forms and footers (`.html` files, `InputFormat.html`).
///
/// A page's source is mostly markup and site furniture, which the heads must not read as the article (the
/// `leaning` head reads words such as "newsletters" and "advertisement" as a house style: see the model card).
/// The reading is deliberately plain and deterministic, a few rules a reader can check:
///
/// 1. Tags, comments, `<!DOCTYPE>` and processing instructions are markup; the contents of `script`, `style`,
///    `textarea` and `title` are raw text (the title's is kept apart). Character references are decoded
///    (`&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`).
/// 2. Whole elements that hold site furniture are left out: `nav`, `header`, `footer`, `aside`, `form`, `button`,
///    `select`, `noscript`, `template`, `iframe`, `svg`, `figure`, `menu`, `dialog`. Should that leave almost
///    nothing (a page that never closes its `header`), the page is read again without this rule.
/// 3. The text is cut into blocks at block elements (`p`, `div`, headings, list items, table cells, ...; a `br`
///    is a space).
///    Where the page has an `article` element (or an element with `itemprop="articleBody"`) whose blocks hold 50
///    words or more, only the blocks inside such elements are read.
/// 4. A block is the article's text when it reads as prose: 10 words or more, or 4 or more ending as a sentence
///    ends (. ! ? or a closing quote), and at most half of its words inside links (a menu is links); a word has a
///    letter ("By Jane Doe | March 3, 2024" has five). Headings are not text.
/// 5. The headline: the page's `og:title` (`<meta property="og:title" content="...">`), else its first `h1`,
///    else its `title`.
///
/// The kept blocks are joined by blank lines, so that each paragraph ends its sentences.
public enum HTMLText {
    /// What a page gives: its headline (nil when it names none) and its article text (empty when no block reads
    /// as prose), and how many blocks were read.
    public struct Page: Equatable, Sendable {
        public var title: String?
        public var text: String
        public var blocks: Int
    }

    /// Elements whose whole content is site furniture.
    static let furniture: Set<String> = ["nav", "header", "footer", "aside", "form", "button", "select", "noscript",
                                         "template", "iframe", "svg", "figure", "menu", "dialog"]
    /// Elements that start and end a block.
    static let blockElements: Set<String> = ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                                             "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "tr", "td",
                                             "th", "table", "tbody", "thead", "caption", "figcaption", "address", "center",
                                             "body", "html", "head", "details", "summary"]
    /// Elements without content (never closed).
    static let voidElements: Set<String> = ["br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base",
                                            "col", "embed", "param", "track", "keygen"]
    /// Elements whose content is raw text, up to their closing tag.
    static let rawText: Set<String> = ["script", "style", "textarea", "title"]
    /// Words a block inside an article needs, in all, for the article alone to be read.
    static let articleWords = 50
    /// At most this many furniture or article elements are kept open (each closing tag searches them: a page
    /// of elements never closed would otherwise take time quadratic in its length).
    static let maxOpen = 64

    /// Reads a page (UTF-8 text).
    public static func read(_ html: String) -> Page {
        let bytes = Array(html.utf8)
        let strict = scan(bytes, skipFurniture: true)
        // A page that never closes a furniture element would lose its article with it: read it again, whole.
        if strict.words < articleWords {
            let loose = scan(bytes, skipFurniture: false)
            if loose.words > 2 * strict.words { return Page(title: strict.page.title ?? loose.page.title, text: loose.page.text, blocks: loose.page.blocks) }
        }
        return strict.page
    }

    private struct Block {
        var text: [UInt8] = []
        var words = 0, linkWords = 0
        var heading = false, inArticle = false
        var wordOpen = false, lettered = false
    }

    /// One pass over the page: its page and the words of its kept blocks.
    private static func scan(_ b: [UInt8], skipFurniture: Bool) -> (page: Page, words: Int) {
        var blocks: [Block] = []
        var cur = Block()
        var skipDepth = 0, linkDepth = 0, articleDepth = 0, headingDepth = 0
        var skipStack: [String] = []
        var articleStack: [String] = []   // the elements that opened an article (an `article`, or any with itemprop="articleBody")
        var ogTitle: String? = nil, h1: String? = nil, titleText: String? = nil
        var inH1 = false
        var h1Bytes: [UInt8] = []
        var sawArticle = false

        func endBlock() {
            if cur.words > 0 { blocks.append(cur) }
            cur = Block(); cur.inArticle = articleDepth > 0; cur.heading = headingDepth > 0
        }
        func appendText(_ bytes: ArraySlice<UInt8>) {
            guard skipDepth == 0 else { return }
            for c in bytes {
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                    if cur.wordOpen { cur.wordOpen = false; cur.text.append(0x20) }
                    if inH1, h1Bytes.last != 0x20 { h1Bytes.append(0x20) }
                } else {
                    if !cur.wordOpen {
                        cur.wordOpen = true; cur.lettered = false
                        cur.inArticle = cur.inArticle || articleDepth > 0
                        cur.heading = cur.heading || headingDepth > 0
                    }
                    // A word is a run with a letter (any non-ASCII byte counts): "|", "3," and "2024" are none.
                    if !cur.lettered, c >= 0x80 || isLetter(c) {
                        cur.lettered = true; cur.words += 1
                        if linkDepth > 0 { cur.linkWords += 1 }
                    }
                    cur.text.append(c)
                    if inH1 { h1Bytes.append(c) }
                }
            }
        }

        var i = 0
        var textStart = 0
        while i < b.count {
            guard b[i] == 0x3C, let tag = readTag(b, at: i) else { i += 1; continue }   // '<'
            if textStart < i { appendText(decode(b[textStart..<i])) }
            i = tag.end
            textStart = i
            guard let name = tag.name else { continue }   // a comment, a declaration
            if tag.closing {
                if skipDepth > 0 {
                    if let k = skipStack.lastIndex(of: name) { skipStack.removeSubrange(k...); skipDepth = skipStack.count }
                    continue
                }
                if blockElements.contains(name) { endBlock() }
                if name == "a", linkDepth > 0 { linkDepth -= 1 }
                if name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d), headingDepth > 0 {
                    headingDepth -= 1
                    if name == "h1", inH1 { h1 = clean(h1Bytes); inH1 = false }
                }
                if let k = articleStack.lastIndex(of: name) { articleStack.removeSubrange(k...); articleDepth = articleStack.count }
                continue
            }
            if rawText.contains(name) {
                // Up to the closing tag (or the end): script and style are never text; the title is kept apart.
                let close = findClose(b, name: name, from: i)
                if name == "title", titleText == nil { titleText = clean(Array(decode(b[i..<close.start]))) }
                i = close.end
                textStart = i
                continue
            }
            if name == "meta", ogTitle == nil, let p = tag.attributes["property"] ?? tag.attributes["name"], p == "og:title",
               let c = tag.attributes["content"] {
                ogTitle = clean(Array(decode(ArraySlice(c.utf8))))
            }
            if skipDepth > 0 {
                if furniture.contains(name) && !tag.selfClosing && skipStack.count < maxOpen { skipStack.append(name); skipDepth = skipStack.count }
                continue
            }
            if skipFurniture && furniture.contains(name) && !tag.selfClosing {
                endBlock()
                skipStack.append(name); skipDepth = skipStack.count
                continue
            }
            if blockElements.contains(name) { endBlock() }
            if name == "br" { appendText([0x20]) }
            if voidElements.contains(name) || tag.selfClosing { continue }
            if name == "article" || tag.attributes["itemprop"] == "articleBody", articleStack.count < maxOpen {
                articleStack.append(name); articleDepth = articleStack.count; sawArticle = true
                cur.inArticle = true
            }
            if name == "a" { linkDepth += 1 }
            if name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d) {
                headingDepth += 1; cur.heading = true
                if name == "h1", h1 == nil { inH1 = true; h1Bytes = [] }
            }
        }
        if textStart < b.count { appendText(decode(b[textStart..<b.count])) }
        endBlock()

        let inArticle = blocks.filter { $0.inArticle }
        let articleOnly = sawArticle && inArticle.reduce(0) { $0 + $1.words } >= articleWords
        var kept: [String] = []
        var keptWords = 0
        for blk in articleOnly ? inArticle : blocks where isProse(blk) {
            kept.append(String(decoding: blk.text.last == 0x20 ? Array(blk.text.dropLast()) : blk.text, as: UTF8.self))
            keptWords += blk.words
        }
        let title = [ogTitle, h1, titleText].compactMap { $0 }.first { !$0.isEmpty }
        return (Page(title: title, text: kept.joined(separator: "\n\n"), blocks: blocks.count), keptWords)
    }

    /// Whether a block reads as prose (rule 4).
    private static func isProse(_ blk: Block) -> Bool {
        guard !blk.heading, blk.linkWords * 2 <= blk.words else { return false }
        if blk.words >= 10 { return true }
        guard blk.words >= 4 else { return false }
        var t = blk.text[...]
        while let l = t.last, l == 0x20 { t = t.dropLast() }
        // The last character: ASCII . ! ? " ' ) or a closing quotation mark (” ’: E2 80 9D / 99).
        guard let l = t.last else { return false }
        if [0x2E, 0x21, 0x3F, 0x22, 0x27].contains(l) { return true }
        return t.count >= 3 && t[t.endIndex - 3] == 0xE2 && t[t.endIndex - 2] == 0x80 && (l == 0x9D || l == 0x99)
    }

    private static func clean(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A tag at `b[at]` ('<'): its lower-case name (nil for a comment or declaration), whether it closes, and where
    /// it ends; nil when the '<' opens no tag ("a < b").
    private static func readTag(_ b: [UInt8], at: Int) -> (name: String?, closing: Bool, selfClosing: Bool, attributes: [String: String], end: Int)? {
        var i = at + 1
        guard i < b.count else { return nil }
        if b[i] == 0x21 {   // '!': a comment or a declaration
            if i + 2 < b.count, b[i + 1] == 0x2D, b[i + 2] == 0x2D {
                let end = find(b, [0x2D, 0x2D, 0x3E], from: i + 3) ?? b.count
                return (nil, false, false, [:], min(b.count, end + 3))
            }
            let end = find(b, [0x3E], from: i) ?? b.count
            return (nil, false, false, [:], min(b.count, end + 1))
        }
        if b[i] == 0x3F {   // '?': a processing instruction
            let end = find(b, [0x3E], from: i) ?? b.count
            return (nil, false, false, [:], min(b.count, end + 1))
        }
        var closing = false
        if b[i] == 0x2F { closing = true; i += 1 }
        guard i < b.count, isLetter(b[i]) else { return nil }
        let nameStart = i
        while i < b.count, isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2D || b[i] == 0x3A { i += 1 }
        let name = String(decoding: b[nameStart..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        var attributes: [String: String] = [:]
        var selfClosing = false
        // Attributes, honouring quotes (a '>' inside a quoted value ends nothing).
        while i < b.count, b[i] != 0x3E {
            let c = b[i]
            if c == 0x2F { selfClosing = true; i += 1; continue }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { i += 1; continue }
            selfClosing = false
            let aStart = i
            while i < b.count, b[i] != 0x3D, b[i] != 0x3E, b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D, b[i] != 0x2F { i += 1 }
            let key = String(decoding: b[aStart..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
            guard i < b.count, b[i] == 0x3D else { if !key.isEmpty { attributes[key] = "" }; if aStart == i { i += 1 }; continue }
            i += 1
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
            guard i < b.count else { break }
            var value: ArraySlice<UInt8>
            if b[i] == 0x22 || b[i] == 0x27 {
                let q = b[i]
                let end = b[(i + 1)...].firstIndex(of: q) ?? b.count
                value = b[(i + 1)..<end]
                i = min(b.count, end + 1)
            } else {
                let vStart = i
                while i < b.count, b[i] != 0x3E, b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D { i += 1 }
                value = b[vStart..<i]
            }
            if attributes[key] == nil { attributes[key] = String(decoding: value, as: UTF8.self) }
        }
        return (name, closing, selfClosing, attributes, min(b.count, i + 1))
    }

    /// Where the raw text of element `name` ends: its closing tag's start and end (the input's end when unclosed).
    private static func findClose(_ b: [UInt8], name: String, from: Int) -> (start: Int, end: Int) {
        let n = Array(name.utf8)
        var i = from
        while let lt = find(b, [0x3C, 0x2F], from: i) {
            var j = lt + 2, k = 0
            while k < n.count, j < b.count, (b[j] >= 0x41 && b[j] <= 0x5A ? b[j] | 0x20 : b[j]) == n[k] { j += 1; k += 1 }
            if k == n.count, j >= b.count || !isLetter(b[j]) {
                let end = find(b, [0x3E], from: j) ?? b.count
                return (lt, min(b.count, end + 1))
            }
            i = lt + 2
        }
        return (b.count, b.count)
    }

    private static func find(_ b: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard needle.count > 0, from < b.count else { return nil }
        var i = from
        while i + needle.count <= b.count {
            if b[i] == needle[0] {
                var k = 1
                while k < needle.count, b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// `bytes` with character references decoded (an unknown or malformed one is left as written).
    static func decode(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.contains(0x26) else { return bytes }   // '&'
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            guard c == 0x26 else { out.append(c); i += 1; continue }
            // Up to 32 bytes to the ';'.
            var j = i + 1
            while j < bytes.endIndex, j - i <= 32, bytes[j] != 0x3B, bytes[j] != 0x26, bytes[j] != 0x20, bytes[j] != 0x3C { j += 1 }
            guard j < bytes.endIndex, bytes[j] == 0x3B, j > i + 1 else { out.append(c); i += 1; continue }
            let body = bytes[(i + 1)..<j]
            var scalar: Unicode.Scalar? = nil
            if body.first == 0x23 {   // '#'
                let digits = body.dropFirst()
                let hex = digits.first == 0x78 || digits.first == 0x58
                if let v = UInt32(String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self), radix: hex ? 16 : 10) {
                    // NUL, surrogates and out-of-range numbers are the replacement character, as browsers read them.
                    scalar = v == 0 ? "\u{FFFD}" : (Unicode.Scalar(v) ?? "\u{FFFD}")
                }
            } else {
                scalar = entities[String(decoding: body, as: UTF8.self)]
            }
            guard let s = scalar else { out.append(c); i += 1; continue }
            // A no-break space is a space here (it separates words).
            if s == "\u{A0}" { out.append(0x20) } else { out.append(contentsOf: Array(String(s).utf8)) }
            i = j + 1
        }
        return out[...]
    }

    /// Named character references news pages use.
    static let entities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "—", "ndash": "–",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "hellip": "…", "copy": "©", "reg": "®", "trade": "™",
        "laquo": "«", "raquo": "»", "bull": "•", "middot": "·", "deg": "°", "euro": "€", "pound": "£", "cent": "¢",
        "sect": "§", "para": "¶", "times": "×", "divide": "÷", "shy": "\u{AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "sbquo": "‚", "bdquo": "„", "prime": "′",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "ntilde": "ñ", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "Eacute": "É",
    ]
}
