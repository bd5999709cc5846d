import Foundation

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
///    `select`, `noscript`, `template`, `iframe`, `svg`, `figure`, `menu`, `dialog`, and any other element but
///    `body`, `main` and `article` whose `class` or `id` names furniture ("newsletter-signup", "related-links",
///    "ad-slot", "comments": `furnitureNames`). Should that leave less than a fifth of the prose the page holds
///    without it (a page that never closes its `header`, or whose article's element is named "story has-ads"),
///    the page is read by element names alone, and again without this rule (passes made only when the page's
///    text is more than five times what the first kept).
/// 3. The text is cut into blocks at block elements (`p`, `div`, headings, list items, table cells, ...; a `br`
///    is a space).
///    Where the page has an `article` element (or an element with `itemprop="articleBody"`) whose blocks hold 50
///    words or more, only the blocks inside such elements are read.
/// 4. A block is the article's text when it reads as prose: 10 words or more, or 4 or more ending as a sentence
///    ends (. ! ? or a closing quote), and at most half of its words inside links (a menu is links); a word has a
///    letter ("By Jane Doe | March 3, 2024" has five). Headings are not text.
/// 5. The headline: the page's `og:title` (`<meta property="og:title" content="...">`), else its first `h1`
///    inside an article (in its header too), else its first `h1` outside furniture, else any, else its `title`
///    without the site's name after it ("Council passes budget | The Example").
/// 6. The page's own metadata, as publishers write it for search engines and social networks: its publication
///    date (`article:published_time`, `itemprop="datePublished"`, else a `date` / `pubdate` / `dc.date` meta tag),
///    as written, and its address (`<link rel="canonical">`, else `og:url`).
///
/// The kept blocks are joined by blank lines, so that each paragraph ends its sentences.
public enum HTMLText {
    /// What a page gives: its headline (nil when it names none) and its article text (empty when no block reads
    /// as prose), and how many blocks were read.
    public struct Page: Equatable, Sendable {
        public var title: String?
        public var text: String
        public var blocks: Int
        /// When the page says it was published (rule 6), as written ("2024-03-05T09:30:00Z"); nil when it does not.
        public var published: String? = nil
        /// The page's own address (rule 6); nil when it gives none.
        public var url: String? = nil
    }

    /// `meta` names and properties that give a publication date, best first (rule 6).
    static let dateMeta = ["article:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
                           "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "parsely-pub-date", "sailthru.date"]

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
    /// Words the blocks inside article elements need, in all, for them alone to be read.
    static let articleWords = 50
    /// Words in an element's `class` or `id` that mark site furniture ("newsletter-signup", "related_links",
    /// "ad-slot", "share-tools", "comments"), as readers of pages have long used them (Mozilla's Readability
    /// looks for the same kind of names): compared with the value's words split at "-", "_" and spaces, in lower
    /// case.
    static let furnitureNames: Set<String> = ["newsletter", "newsletters", "signup", "subscribe", "subscription", "related",
                                              "recommended", "promo", "promotion", "advert", "advertisement", "ad", "ads",
                                              "adslot", "sponsored", "share", "sharing", "social", "comment", "comments",
                                              "cookie", "cookies", "consent", "paywall", "popup", "modal", "banner",
                                              "sidebar", "breadcrumb", "breadcrumbs", "byline", "caption", "credit",
                                              "credits", "outbrain", "taboola", "toolbar", "widget", "masthead", "nav",
                                              "navigation", "menu", "footer", "header", "tags", "trending"]
    /// Elements a furniture name never drops: a page names its `body`, `main` and `article` after its layout
    /// ("single-post has-sidebar").
    static let containers: Set<String> = ["html", "body", "main", "article"]

    /// Whether an element's `class` or `id` names site furniture (`furnitureNames`).
    private static func marksFurniture(_ b: [UInt8], _ tag: Tag) -> Bool {
        for key: StaticString in ["class", "id"] {
            guard let v = attributeRange(b, tag, key), !v.isEmpty else { continue }
            // Read on the bytes, a word of at most 16 packed in two integers (no furniture name is longer): a
            // page names thousands of elements by layout classes ("flex items-center px-4"), and making a
            // lower-case string of each word was a third of reading such a page.
            var i = v.lowerBound
            while i < v.upperBound {
                while i < v.upperBound, isSeparator(b[i]) { i += 1 }
                let start = i
                var word = PackedWord()
                while i < v.upperBound, !isSeparator(b[i]) {
                    if i - start < 16 { word.set(i - start, b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i]) }
                    i += 1
                }
                if i > start, i - start <= 16, furnitureWords[Int(word.lo & 0xFF)].contains(word) { return true }
            }
        }
        return false
    }

    @inline(__always) private static func isSeparator(_ c: UInt8) -> Bool { c == 0x2D || c == 0x5F || c == 0x20 || c == 0x09 }

    /// A word of at most 16 bytes packed into two integers (zero-padded): hashed and compared without a string.
    struct PackedWord: Equatable {
        var lo: UInt64 = 0, hi: UInt64 = 0
        @inline(__always) mutating func set(_ k: Int, _ byte: UInt8) {
            if k < 8 { lo |= UInt64(byte) << (8 * k) } else { hi |= UInt64(byte) << (8 * (k - 8)) }
        }
        init() {}
        init(_ s: String) { for (k, byte) in s.utf8.enumerated() { set(k, byte) } }
    }

    /// `furnitureNames`, packed, by their first byte (a word is compared with the two or three names that
    /// share its first letter, without hashing it).
    static let furnitureWords: [[PackedWord]] = {
        precondition(furnitureNames.allSatisfy { $0.utf8.count <= 16 })
        var table = [[PackedWord]](repeating: [], count: 256)
        for name in furnitureNames.sorted() { table[Int(name.utf8.first!)].append(PackedWord(name)) }
        return table
    }()

    /// At most this many elements are kept open (each closing tag searches them: a page of elements never
    /// closed would otherwise take time quadratic in its length); deeper ones are read as if they were not there.
    static let maxOpen = 256

    /// Reads a page (UTF-8 text).
    public static func read(_ html: String) -> Page {
        let bytes = Array(html.utf8)
        // A page that never closes a furniture element, or names its article's element after furniture ("story
        // has-ads"), would lose its article with it: read it again by element names alone, then whole.
        var best = scan(bytes, skip: .namesAndClasses)
        let title = best.page.title
        // (No pass keeps more words than the page's text holds: when that is under five times what the first
        // kept, as on most pages, where a banner, a sign-up box or a list of links is short beside an article,
        // the other passes cannot win and are not made.)
        let total = best.total
        let first = best.page
        for skip in [Skip.names, .nothing] where total > 5 * best.words {
            let again = scan(bytes, skip: skip)
            if again.words > 5 * best.words { best = again }
        }
        return Page(title: title ?? best.page.title, text: best.page.text, blocks: best.page.blocks,
                    published: first.published, url: first.url)
    }

    /// What a pass leaves out as furniture (rule 2).
    private enum Skip { case namesAndClasses, names, nothing }

    private struct Block {
        var text: [UInt8] = []
        var words = 0, linkWords = 0
        var heading = false, inArticle = false
        var wordOpen = false, lettered = false
    }

    /// One pass over the page: its page, the words of its kept blocks, and the words of all its text (furniture
    /// and blocks that are not prose too).
    private static func scan(_ b: [UInt8], skip: Skip) -> (page: Page, words: Int, total: Int) {
        var blocks: [Block] = []
        var cur = Block()
        // The open elements, innermost last, each with what it makes of its content; an element HTML lets a
        // page leave open (`p`, `li`) stays until an element around it closes. Names are numbered, so that a
        // closing tag's search compares integers.
        struct Open { var name: Int; var furniture = false, article = false, link = false, heading = false }
        var open: [Open] = []
        // What each element name is, looked up once per name a page uses (not once per tag).
        struct Kind { var block = false, void = false, raw = false, furniture = false, container = false, heading = false }
        var names: [String: Int] = [:]
        var kinds: [Kind] = []
        func number(_ name: String) -> Int {
            if let k = names[name] { return k }
            names[name] = names.count
            kinds.append(Kind(block: blockElements.contains(name), void: voidElements.contains(name), raw: rawText.contains(name),
                              furniture: furniture.contains(name), container: containers.contains(name),
                              heading: name.count == 2 && name.first == "h" && (name.last?.wholeNumberValue).map { (1...6).contains($0) } == true))
            return names.count - 1
        }
        var skipDepth = 0, linkDepth = 0, articleDepth = 0, headingDepth = 0
        func count(_ e: Open, _ d: Int) {
            if e.furniture { skipDepth += d }
            if e.link { linkDepth += d }
            if e.article { articleDepth += d }
            if e.heading { headingDepth += d }
        }
        var ogTitle: String? = nil, titleText: String? = nil
        // Rule 6: the best-ranked date found so far (its rank in `dateMeta`), the canonical link and og:url.
        var published: String? = nil, publishedRank = Int.max, canonical: String? = nil, ogURL: String? = nil
        func offerDate(_ rank: Int, _ value: String?) {
            guard rank < publishedRank, let v = value.map({ clean(Array(decode(ArraySlice($0.utf8)))) }), !v.isEmpty else { return }
            published = v; publishedRank = rank
        }
        // The first h1 inside an article (even in its header), the first outside furniture, the first at all.
        var h1s: [String?] = [nil, nil, nil]
        var h1Rank = 0   // of the h1 being read: 0 in an article, 1 outside furniture, 2 otherwise
        var inH1 = false
        var h1Bytes: [UInt8] = []
        var total = 0, totalOpen = false, totalLettered = false

        func endBlock() {
            if cur.words > 0 { blocks.append(cur) }
            cur = Block(); cur.inArticle = articleDepth > 0; cur.heading = headingDepth > 0
        }
        func appendText(_ bytes: ArraySlice<UInt8>) {
            // (Every tag ends a word here, so that no pass's blocks hold more words than `total` counts.)
            totalOpen = false
            for c in bytes {
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { totalOpen = false; continue }
                if !totalOpen { totalOpen = true; totalLettered = false }
                if !totalLettered, c >= 0x80 || isLetter(c) { totalLettered = true; total += 1 }
            }
            if inH1 {
                // (A headline is read in a page's header too.)
                for c in bytes {
                    let space = c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
                    if !space { h1Bytes.append(c) } else if h1Bytes.last != 0x20 { h1Bytes.append(0x20) }
                }
            }
            guard skipDepth == 0 else { return }
            for c in bytes {
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                    if cur.wordOpen { cur.wordOpen = false; cur.text.append(0x20) }
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
                }
            }
        }

        var i = 0
        var textStart = 0
        while i < b.count {
            guard b[i] == 0x3C else {
                // (Straight to the next '<'.)
                i = b.withUnsafeBufferPointer { p in
                    memchr(p.baseAddress! + i, 0x3C, p.count - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(p.baseAddress!) } ?? p.count
                }
                continue
            }
            guard let tag = readTag(b, at: i) else { i += 1; continue }   // '<'
            if textStart < i { appendText(decode(b[textStart..<i])) }
            i = tag.end
            textStart = i
            guard let name = tag.name else { continue }   // a comment, a declaration
            let k = number(name)
            let kind = kinds[k]
            if tag.closing {
                // The element it closes, and every element left open inside it; a closing tag that closes
                // nothing open is passed over.
                guard let at = open.lastIndex(where: { $0.name == k }) else { continue }
                let wasSkipping = skipDepth > 0
                if !wasSkipping && kind.block { endBlock() }
                if inH1, open[at...].contains(where: { $0.heading }) {
                    if h1s[h1Rank] == nil { h1s[h1Rank] = clean(h1Bytes) }
                    inH1 = false
                }
                for e in open[at...] { count(e, -1) }
                open.removeSubrange(at...)
                if wasSkipping && skipDepth == 0 { endBlock() }
                continue
            }
            if kind.raw {
                // Up to the closing tag (or the end): script and style are never text; the title is kept apart.
                let close = findClose(b, name: name, from: i)
                if name == "title", titleText == nil { titleText = clean(Array(decode(b[i..<close.start]))) }
                i = close.end
                textStart = i
                continue
            }
            if name == "meta", let p = (attribute(b, tag, "property") ?? attribute(b, tag, "name") ?? attribute(b, tag, "itemprop"))?.lowercased() {
                if p == "og:title", ogTitle == nil, let c = attributeRange(b, tag, "content") { ogTitle = clean(Array(decode(b[c]))) }
                if p == "og:url", ogURL == nil, let c = attributeRange(b, tag, "content") { ogURL = clean(Array(decode(b[c]))) }
                if let rank = dateMeta.firstIndex(of: p) { offerDate(rank, attribute(b, tag, "content")) }
            }
            if name == "link", canonical == nil, attribute(b, tag, "rel")?.lowercased() == "canonical", let h = attributeRange(b, tag, "href") {
                canonical = clean(Array(decode(b[h])))
            }
            if name == "time", attribute(b, tag, "itemprop")?.lowercased() == "datepublished" {
                offerDate(1, attribute(b, tag, "datetime") ?? attribute(b, tag, "content"))
            }
            let void = kind.void || tag.selfClosing
            if skipDepth == 0 {
                if kind.block { endBlock() }
                if name == "br" { appendText([0x20]) }
            }
            guard !void, open.count < maxOpen else { continue }
            var e = Open(name: k)
            e.furniture = skip != .nothing
                && (kind.furniture || (skip == .namesAndClasses && !kind.container && marksFurniture(b, tag)))
            e.article = name == "article" || attribute(b, tag, "itemprop") == "articleBody"
            e.link = name == "a"
            e.heading = kind.heading
            if e.furniture && skipDepth == 0 { endBlock() }
            open.append(e)
            count(e, 1)
            if name == "h1", !inH1 {
                inH1 = true; h1Bytes = []
                h1Rank = articleDepth > 0 ? 0 : skipDepth == 0 ? 1 : 2
            }
            if skipDepth > 0 { continue }
            if e.article { cur.inArticle = true }
            if e.heading { cur.heading = true }
        }
        if textStart < b.count { appendText(decode(b[textStart..<b.count])) }
        endBlock()
        if inH1, h1s[h1Rank] == nil { h1s[h1Rank] = clean(h1Bytes) }   // an h1 the page never closes

        let inArticle = blocks.filter { $0.inArticle }
        let articleOnly = inArticle.reduce(0) { $0 + $1.words } >= articleWords
        var kept: [String] = []
        var keptWords = 0
        for blk in articleOnly ? inArticle : blocks where isProse(blk) {
            kept.append(String(decoding: blk.text.last == 0x20 ? Array(blk.text.dropLast()) : blk.text, as: UTF8.self))
            keptWords += blk.words
        }
        let title = ([ogTitle] + h1s + [titleText.map(withoutSiteName)]).compactMap { $0 }.first { !$0.isEmpty }
        let url = [canonical, ogURL].compactMap { $0 }.first { !$0.isEmpty }
        return (Page(title: title, text: kept.joined(separator: "\n\n"), blocks: blocks.count, published: published, url: url), keptWords, total)
    }

    /// A page's `title` without the site's name after it ("Council passes budget | The Example", "... – Valley
    /// Post"): the part after the last " | ", " – " or " — " when it is at most four words, each capitalised.
    static func withoutSiteName(_ title: String) -> String {
        for sep in [" | ", " – ", " — "] {
            guard let r = title.range(of: sep, options: .backwards) else { continue }
            let site = title[r.upperBound...].split(separator: " ")
            let head = title[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            if !head.isEmpty, (1...4).contains(site.count), site.allSatisfy({ $0.first.map { $0.isUppercase || $0.isNumber } == true }) {
                return head
            }
        }
        return title
    }

    /// Why a page with `blocks` blocks of text gave no article text.
    public static func noProse(_ blocks: Int) -> String {
        (blocks == 1 ? "its one block of text does not read" : "none of its \(blocks) blocks of text reads")
            + " as prose (10 words or more, or a sentence of 4 or more, mostly outside links)"
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

    /// The text with its runs of white space made one space, none at either end.
    private static func clean(_ bytes: [UInt8]) -> String {
        // ASCII (most titles): on the bytes, white space as `Character.isWhitespace` has it there (tab to
        // carriage return, and space); other text through `Character`, for the other spaces Unicode has.
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var gap = false
        for c in bytes {
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { gap = !out.isEmpty; continue }
            if gap { out.append(0x20); gap = false }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A tag: its lower-case name (nil for a comment or a declaration), whether it closes or closes itself, where
    /// its attributes are (`attribute` reads them: most tags are passed over without any being asked for) and
    /// where it ends.
    private struct Tag {
        var name: String?
        var closing = false, selfClosing = false
        var attributes = 0..<0
        var end: Int
    }

    /// A tag at `b[at]` ('<'); nil when the '<' opens no tag ("a < b").
    private static func readTag(_ b: [UInt8], at: Int) -> Tag? {
        var i = at + 1
        guard i < b.count else { return nil }
        if b[i] == 0x21 {   // '!': a comment or a declaration
            if i + 2 < b.count, b[i + 1] == 0x2D, b[i + 2] == 0x2D {
                let end = find(b, [0x2D, 0x2D, 0x3E], from: i + 3) ?? b.count
                return Tag(name: nil, end: min(b.count, end + 3))
            }
            let end = find(b, [0x3E], from: i) ?? b.count
            return Tag(name: nil, end: min(b.count, end + 1))
        }
        if b[i] == 0x3F {   // '?': a processing instruction
            let end = find(b, [0x3E], from: i) ?? b.count
            return Tag(name: nil, end: min(b.count, end + 1))
        }
        var closing = false
        if b[i] == 0x2F { closing = true; i += 1 }
        guard i < b.count, isLetter(b[i]) else { return nil }
        let nameStart = i
        while i < b.count, isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2D || b[i] == 0x3A { i += 1 }
        let name = String(decoding: b[nameStart..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        let (end, selfClosing) = walkAttributes(b, from: i) { _, _ in false }
        return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: i..<end, end: min(b.count, end + 1))
    }

    /// Walks the attributes of a tag from `from` (after its name), honouring quotes (a '>' inside a quoted value
    /// ends nothing), calling `visit` with each one's name and value (nil for an attribute without a value) until
    /// it returns true; returns where the tag's '>' is (or the input's end) and whether it closes itself ("/>").
    @inline(__always)
    private static func walkAttributes(_ b: [UInt8], from: Int, _ visit: (Range<Int>, Range<Int>?) -> Bool) -> (end: Int, selfClosing: Bool) {
        var i = from
        var selfClosing = false
        while i < b.count, b[i] != 0x3E {
            let c = b[i]
            if c == 0x2F { selfClosing = true; i += 1; continue }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { i += 1; continue }
            selfClosing = false
            let aStart = i
            while i < b.count, b[i] != 0x3D, b[i] != 0x3E, b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D, b[i] != 0x2F { i += 1 }
            let key = aStart..<i
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
            guard i < b.count, b[i] == 0x3D else {
                if !key.isEmpty, visit(key, nil) { return (i, selfClosing) }
                if aStart == i { i += 1 }
                continue
            }
            i += 1
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
            guard i < b.count else { break }
            let value: Range<Int>
            if b[i] == 0x22 || b[i] == 0x27 {
                let q = b[i]
                let end = b[(i + 1)...].firstIndex(of: q) ?? b.count
                value = (i + 1)..<end
                i = min(b.count, end + 1)
            } else {
                let vStart = i
                while i < b.count, b[i] != 0x3E, b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D { i += 1 }
                value = vStart..<i
            }
            if visit(key, value) { return (i, selfClosing) }
        }
        return (i, selfClosing)
    }

    /// Where the value of a tag's attribute `key` (lower case) is: the first value given, or an empty range when
    /// the attribute is also given without one; nil when the tag has no such attribute.
    private static func attributeRange(_ b: [UInt8], _ tag: Tag, _ key: StaticString) -> Range<Int>? {
        guard !tag.attributes.isEmpty else { return nil }
        var first: Range<Int>? = nil, bare = false
        key.withUTF8Buffer { k in
            _ = walkAttributes(b, from: tag.attributes.lowerBound) { name, value in
                guard name.count == k.count else { return false }
                for j in 0..<k.count where (b[name.lowerBound + j] >= 0x41 && b[name.lowerBound + j] <= 0x5A ? b[name.lowerBound + j] | 0x20 : b[name.lowerBound + j]) != k[j] {
                    return false
                }
                if let value { if first == nil { first = value } } else { bare = true }
                return false
            }
        }
        return bare ? tag.attributes.lowerBound..<tag.attributes.lowerBound : first
    }

    /// The value of a tag's attribute `key` (lower case), as `attributeRange` finds it.
    private static func attribute(_ b: [UInt8], _ tag: Tag, _ key: StaticString) -> String? {
        attributeRange(b, tag, key).map { String(decoding: b[$0], as: UTF8.self) }
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

    /// The first index at or after `from` where `needle` starts in the bytes `hay` (an array or a slice of one).
    static func find<C: RandomAccessCollection>(_ hay: C, _ needle: [UInt8], from: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        guard let first = needle.first else { return nil }
        var i = max(from, hay.startIndex)
        while i + needle.count <= hay.endIndex {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// `bytes` with character references decoded (`CharacterReferences`; an unknown or malformed one is left as
    /// written).
    static func decode(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.contains(0x26) else { return bytes }   // '&'
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            guard c == 0x26, let (s, end) = CharacterReferences.body(from: i + 1, { $0 < bytes.endIndex ? UInt32(bytes[$0]) : nil }) else {
                out.append(c); i += 1; continue
            }
            // A no-break space is a space here (it separates words).
            if s == "\u{A0}" { out.append(0x20) } else { out.append(contentsOf: Array(String(s).utf8)) }
            i = end
        }
        return out[...]
    }

    /// A page that is not UTF-8 but says it is Windows-1252 (or ISO-8859-1, Latin-1 or ASCII, which browsers read
    /// as Windows-1252: the WHATWG Encoding Standard) in a `<meta charset>` or `http-equiv` declaration within its
    /// first 2,048 bytes, decoded; nil for any other page. Valid UTF-8 is read as UTF-8 whatever a page declares.
    public static func decodeDeclared(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        guard let r = head.range(of: "charset=") else { return nil }
        let label = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return decode(bytes, charset: String(label))
    }

    /// Labels of the single-byte encodings browsers read as Windows-1252 (the WHATWG Encoding Standard), in lower case.
    static let windows1252Labels: Set<String> = ["windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1",
                                                 "latin1", "l1", "us-ascii", "ascii"]

    /// `bytes` decoded as the encoding `charset` names (any case) when it is one Slant reads: UTF-8 (valid only),
    /// or Windows-1252 and the labels browsers read as it; nil otherwise.
    public static func decode(_ bytes: [UInt8], charset: String) -> String? {
        let label = charset.lowercased()
        if label == "utf-8" || label == "utf8" { return String(validating: bytes, as: UTF8.self) }
        guard windows1252Labels.contains(label) else { return nil }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(bytes.count)
        for b in bytes {
            if b >= 0x80 && b < 0xA0, let u = Unicode.Scalar(windows1252[Int(b) - 0x80]) { out.append(u) }
            else { out.append(Unicode.Scalar(b)) }
        }
        return String(out)
    }

    /// Windows-1252's bytes 0x80-0x9F (the five it leaves undefined map to the same code points, as browsers do).
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The other way: the Windows-1252 byte of each character `windows1252` gives (the document makers' encoders).
    static let windows1252Bytes: [UInt32: UInt8] = Dictionary(uniqueKeysWithValues: windows1252.enumerated().map { ($0.element, UInt8(0x80 + $0.offset)) })
}
