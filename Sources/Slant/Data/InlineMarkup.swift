/// HTML tags left in a record's text fields ("<p>Ruiz said ...</p>", "<a href=...>the report</a>", "<br/>"),
/// read as the text a browser shows.
///
/// Text taken from content systems, feeds and web APIs often keeps the article body's markup. Read as written,
/// "p", "href" and "https" are words of every paragraph and the sentences run into each other: on 300 AllSides dev
/// articles with their paragraphs written as `<p>…</p>`, 14 `leaning` labels, 76 articles' frames and 186
/// articles' actors changed. The record reader (`InvisibleCharacters.removing`) reads them out, one scalar for one
/// as the other repairs do (offsets map back to the text as given):
///
/// - a tag (`<name …>`, `</name>`, `<name/>`) of an HTML element that starts or ends a block (`p`, `div`, `br`,
///   `li`, `h1`–`h6`, `blockquote`, …: `HTMLText.blockElements`, `br`, `hr`) reads as a line break: its "<"
///   becomes "\n" and the rest is removed;
/// - a tag of another HTML element (`a`, `em`, `strong`, `span`, `img`, …: `inline`) is removed;
/// - a comment (`<!-- … -->`) is removed, and so is a `script` or `style` element with its content.
///
/// Only well-formed tags of known elements are read so: "a < b", "<3", "x<y" and "<Ruiz>" stay as written. A text
/// that is mostly markup (a page's source, `Markup.share` at `Markup.threshold` or more) is left as it is: it is
/// not read at all (`--html-text` reads its article).
enum InlineMarkup {
    /// Elements read as nothing (their tags only): inline elements of article bodies.
    static let inline: Set<String> = ["a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img",
                                      "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
                                      "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source"]
    /// Elements whose tags read as a line break.
    static let breaks: Set<String> = HTMLText.blockElements.union(["br", "figure", "aside", "header", "footer", "nav"])
    /// Elements removed with their content.
    static let removedWithContent: Set<String> = ["script", "style"]
    /// A tag longer than this is not taken for one (`Markup.longestTag`).
    static let longestTag = Markup.longestTag

    /// The element whose name starts at `from` (just after "<", or "</" for a closing tag) in a text of ASCII or
    /// wider code units, `unit(j)` giving the code at `j` (nil past the end): its name, lower-cased, and the offset
    /// just after it, when it is an element read out and its name ends in ">", "/" or white space; nil otherwise.
    /// - Complexity: O(1): names are 10 letters or fewer.
    @inline(__always)
    static func element(from: Int, _ unit: (Int) -> UInt32?) -> (name: String, end: Int)? {
        var j = from
        var name: [UInt8] = []
        while let x = unit(j), (x | 0x20) &- 0x61 < 26 || (x &- 0x30 < 10 && !name.isEmpty) {
            if name.count == 10 { return nil }
            name.append(UInt8(x | 0x20)); j += 1
        }
        guard !name.isEmpty, let x = unit(j), x == 0x3E || x == 0x2F || x == 0x20 || x == 0x09 || x == 0x0A || x == 0x0D else { return nil }
        let element = String(decoding: name, as: UTF8.self)
        guard breaks.contains(element) || inline.contains(element) || removedWithContent.contains(element) else { return nil }
        return (element, j)
    }

    /// Whether the UTF-8 bytes `p` may have a tag or comment starting at `i` (where `p[i]` is "<"): "<!--", or "<"
    /// (or "</") and an element read out (`element`); the quick check of the record reader's scan (`read` decides).
    static func mayStart(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i + 1
        if j + 2 < p.count, p[j] == 0x21, p[j + 1] == 0x2D, p[j + 2] == 0x2D { return true }
        if j < p.count, p[j] == 0x2F { j += 1 }
        return element(from: j) { $0 < p.count ? UInt32(p[$0]) : nil } != nil
    }

    /// Where the last comment end ("-->") and the last closing tags of `script` and `style` start in a text (-1
    /// where there is none): a search for one stops there, so that a text of unclosed comments or scripts is read
    /// in linear time (each would otherwise search to the text's end).
    struct Ends {
        var comment = -1, script = -1, style = -1
        init(_ c: [Unicode.Scalar]) {
            let n = c.count
            @inline(__always) func lower(_ j: Int) -> UInt32 { j < n ? c[j].value | 0x20 : 0 }
            var j = n - 1
            while j >= 0, comment < 0 || script < 0 || style < 0 {
                let x = c[j].value
                if x == 0x2D, comment < 0, j + 2 < n, c[j + 1].value == 0x2D, c[j + 2].value == 0x3E { comment = j }
                if x == 0x3C, j + 1 < n, c[j + 1].value == 0x2F {
                    if script < 0, lower(j + 2) == 0x73, lower(j + 3) == 0x63, lower(j + 4) == 0x72, lower(j + 5) == 0x69,
                       lower(j + 6) == 0x70, lower(j + 7) == 0x74 { script = j }   // "</script"
                    if style < 0, lower(j + 2) == 0x73, lower(j + 3) == 0x74, lower(j + 4) == 0x79, lower(j + 5) == 0x6C,
                       lower(j + 6) == 0x65 { style = j }   // "</style"
                }
                j -= 1
            }
        }
    }

    /// The tag, comment or element at `k` of `c` (where `c[k]` is "<") and what it reads as: "\n" or nothing, and
    /// how many scalars it takes; nil where none is written there.
    /// - Complexity: O(`longestTag`), or O(the comment or element) for a comment or a `script` or `style` element.
    static func read(_ c: [Unicode.Scalar], at k: Int, _ ends: Ends) -> (Unicode.Scalar?, Int)? {
        let n = c.count
        @inline(__always) func v(_ j: Int) -> UInt32 { j < n ? c[j].value : 0 }
        guard v(k) == 0x3C else { return nil }
        // A comment, up to the first "-->" (none after the last one: each is looked for once).
        if v(k + 1) == 0x21, v(k + 2) == 0x2D, v(k + 3) == 0x2D {
            var j = k + 4
            while j <= ends.comment {
                if v(j) == 0x2D && v(j + 1) == 0x2D && v(j + 2) == 0x3E { return (nil, j + 3 - k) }
                j += 1
            }
            return nil
        }
        let unit = { (j: Int) -> UInt32? in j < n ? c[j].value : nil }
        let closing = v(k + 1) == 0x2F
        guard let (name, afterName) = element(from: closing ? k + 2 : k + 1, unit) else { return nil }
        let isBreak = breaks.contains(name), withContent = removedWithContent.contains(name)
        // Attributes up to ">", quoted values read through; no "<" outside quotes.
        var j = afterName
        var quote: UInt32 = 0
        while j < n, j - k <= longestTag {
            let y = v(j)
            if quote != 0 { if y == quote { quote = 0 } }
            else if y == 0x22 || y == 0x27 { quote = y }
            else if y == 0x3C { return nil }
            else if y == 0x3E { break }
            j += 1
        }
        guard j < n, v(j) == 0x3E else { return nil }
        var end = j + 1
        if withContent && !closing {
            // Through the element's closing tag, when it has one (none after the last one of its name).
            var m = end
            let last = name == "script" ? ends.script : ends.style
            while m <= last {
                if v(m) == 0x3C && v(m + 1) == 0x2F, element(from: m + 2, unit)?.name == name, let (_, length) = read(c, at: m, ends) {
                    end = m + length
                    break
                }
                m += 1
            }
        }
        return (isBreak ? "\n" : nil, end - k)
    }

    /// The tag written with its markup escaped at `k` of `c` (where `c[k]` is "&"): "&lt;p&gt;", "&lt;/a&gt;",
    /// "&lt;a href=&quot;…&quot;&gt;", as feeds that escape an article's HTML give it (encoded more than once too:
    /// "&amp;lt;p&amp;gt;"); what it reads as and how many scalars it takes, as `read`; nil where none is written.
    /// Comments and the content of scripts and styles are not read so (the tags go, what they hold stays).
    /// - Complexity: O(`longestTag`).
    static func readEscaped(_ c: [Unicode.Scalar], at k: Int) -> (Unicode.Scalar?, Int)? {
        // The tag decoded, `at[i]` the offset in `c` where its i-th scalar starts.
        var tag: [Unicode.Scalar] = [], at: [Int] = []
        var j = k
        guard let (lt, first) = CharacterReferences.decode(c, at: k), lt == "<" else { return nil }
        tag.append(lt); at.append(k); j += first
        // Quick: a letter follows (or "/" and a letter); `read` decides on the decoded tag.
        let name = j < c.count && c[j] == "/" ? j + 1 : j
        guard name < c.count, (c[name].value | 0x20) &- 0x61 < 26 else { return nil }
        while j < c.count, tag.count <= longestTag + 1 {
            at.append(j)
            if let (x, length) = CharacterReferences.decode(c, at: j) { tag.append(x); j += length } else { tag.append(c[j]); j += 1 }
            if tag.last == ">" { break }
            if tag.last == "<" { return nil }
        }
        at.append(j)
        guard tag.last == ">", let (reads, length) = read(tag, at: 0, Ends([])), length == tag.count else { return nil }
        return (reads, at[length] - k)
    }

    /// `c` with its tags read out (`read`, and `readEscaped` for tags written escaped), and for each scalar left its
    /// offset in `c` as it was (`origin`) and the offsets removed (`removed`, ascending); nil, `c` unchanged, when
    /// there is no tag or the text is mostly markup.
    /// - Complexity: O(`c`).
    static func readAll(_ c: inout [Unicode.Scalar], text: String) -> (origin: [Int32], removed: [Int32])? {
        guard c.contains("<") || c.contains("&"), Markup.share(text) < Markup.threshold else { return nil }
        let ends = Ends(c)
        return InvisibleCharacters.rewrite(&c) { c, k in
            if c[k] == "&", let (reads, length) = readEscaped(c, at: k) { return (reads.map { [$0] } ?? [], length) }
            guard c[k] == "<", let (reads, length) = read(c, at: k, ends) else { return nil }
            return (reads.map { [$0] } ?? [], length)
        }
    }
}
