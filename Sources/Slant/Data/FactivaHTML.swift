/// Articles saved from Factiva (Dow Jones's news archive) as a web page: many articles in one `.html` file, each
/// read as a record of its own with its headline, outlet and date, as LexisNexis downloads are (`NexisText`).
///
/// Factiva saves the articles a researcher selected as one page, each article a `<div class="article enArticle">`
/// ("fr", "de", ... for other languages). In the layout with indexing, each field is a table row whose first cell
/// holds its code in bold ("HD" the headline, "SN" the source's name, "PD" the date, "BY" the byline, "WC" the
/// word count, "SE" the section, "LA" the language, "CY" the copyright, "LP" the lead paragraphs and "TD" the
/// others, "NS" subjects, "RE" regions, "AN" the document's number, ...); in the plain layout the headline is an
/// element with id "hd", the byline a `class="author"` element, and the other fields unlabelled `<div>` lines
/// (the word count, the date, the source's name and code, the language, the copyright) before the paragraphs.
/// Paragraphs are `<p class="articleParagraph ...">` in both. Read as a page, the reader kept one article, or
/// the fields as prose. Read so, each article is a record: `id` the file's name and the article's number
/// ("factiva.html#3"), `title` the headline, `source` the source's name (never an actor), `text` the paragraphs,
/// one per line; `--keep` can copy `date` (ISO 8601 when it reads as a date: "3 March 2020"), `source`, `title`,
/// `byline`, `length`, `section`, `language`, `copyright`, `document`, `subject`, `region` and any other code in
/// lower case ("ipd").
public enum FactivaHTML {
    /// Field codes of the layout with indexing, and the names they are kept under.
    static let names: [String: String] = ["HD": "title", "SN": "source", "PD": "date", "BY": "byline", "WC": "length",
                                          "SE": "section", "ED": "edition", "LA": "language", "CY": "copyright",
                                          "AN": "document", "NS": "subject", "RE": "region", "IN": "industry",
                                          "CO": "company", "SC": "source-code", "PUB": "publisher", "ET": "time",
                                          "CR": "credit", "CLM": "column"]

    /// The articles of a page Factiva saved; nil when `html` is no such page.
    /// - Complexity: O(`html`).
    public static func documents(_ html: String) -> [NexisText.Document]? {
        let b = Array(html.utf8)
        let opener = Array(#"<div class="article "#.utf8)
        var starts: [Int] = []
        var i = 0
        while let k = HTMLText.find(b, opener, from: i) {
            // `class="article enArticle"`: a language's code (two to four lower-case letters: "en", "zhtw"), "Article".
            var e = k + opener.count
            while e < b.count, e - (k + opener.count) < 4, b[e] >= 0x61, b[e] <= 0x7A { e += 1 }
            if e - (k + opener.count) >= 2, matches(b, "Article\"", at: e) { starts.append(k) }
            i = k + opener.count
        }
        // A page whose first such element holds neither Factiva's paragraphs nor its field table is some other site's.
        guard let first = starts.first else { return nil }
        let firstEnd = starts.count > 1 ? starts[1] : b.count
        guard [Array(#"class="articleParagraph"#.utf8), Array(#"class="index""#.utf8)].contains(where: { HTMLText.find(b, $0, from: first).map { $0 < firstEnd } == true })
        else { return nil }
        var out: [NexisText.Document] = []
        var line = 1, counted = 0
        for (n, s) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : b.count
            for c in b[counted..<s] where c == 0x0A { line += 1 }
            counted = s
            let region = b[s..<end]
            out.append(HTMLText.find(b, Array(#"class="index""#.utf8), from: s).map { $0 < end } == true
                       ? indexed(region, number: n + 1, line: line) : plain(region, number: n + 1, line: line))
        }
        return out
    }

    /// An article of the layout with indexing: a table row per field.
    static func indexed(_ r: ArraySlice<UInt8>, number: Int, line: Int) -> NexisText.Document {
        var fields: [String: String] = [:]
        var paragraphs: [String] = []
        var i = r.startIndex
        let cellOpen = Array("<td".utf8), cellClose = Array("</td>".utf8), label = Array(#"class="index""#.utf8)
        // Each field's label cell: `<td ... class="index"><b>HD</b>&nbsp;</td>`, then its value's cell.
        while let l = HTMLText.find(r, label, from: i) {
            i = l + label.count
            guard let closeLabel = HTMLText.find(r, cellClose, from: i), let b = HTMLText.find(r, Array("<b>".utf8), from: i), b < closeLabel,
                  let e = HTMLText.find(r, Array("</b>".utf8), from: b + 3), e < closeLabel else { continue }
            let code = String(decoding: r[(b + 3)..<e], as: UTF8.self)
            guard !code.isEmpty, code.count <= 4, code.allSatisfy({ ("A"..."Z").contains($0) }),
                  let open = HTMLText.find(r, cellOpen, from: closeLabel), let gt = HTMLText.find(r, [0x3E], from: open),
                  let close = HTMLText.find(r, cellClose, from: gt) else { continue }
            let cell = r[(gt + 1)..<close]
            if code == "LP" || code == "TD" {
                paragraphs += paragraphTexts(cell)
            } else {
                let value = text(cell)
                if !value.isEmpty { fields[names[code] ?? code.lowercased()] = value }
            }
            i = close
        }
        return indexedDocument(fields: fields, paragraphs: paragraphs, number: number, line: line)
    }

    /// An article of the layout with indexing, from its fields (keyed as `names` keys the codes) and paragraphs: the
    /// headline, source and date taken as the record's; "Document " dropped from the document's number. Shared with
    /// the same layout in RTF and text downloads (`FactivaText`).
    static func indexedDocument(fields: [String: String], paragraphs: [String], number: Int, line: Int) -> NexisText.Document {
        var fields = fields
        var d = NexisText.Document(number: number, line: line, fields: [:], text: paragraphs.joined(separator: "\n"))
        d.title = fields.removeValue(forKey: "title")
        d.source = fields["source"]
        d.date = fields["date"]
        d.isoDate = d.date.flatMap(NexisUni.leadingDate)
        if let doc = fields["document"], doc.hasPrefix("Document ") { fields["document"] = String(doc.dropFirst(9)) }
        d.fields = fields
        return d
    }

    /// An article of the plain layout: the headline, the byline, unlabelled lines, the paragraphs.
    static func plain(_ r: ArraySlice<UInt8>, number: Int, line: Int) -> NexisText.Document {
        var fields: [String: String] = [:]
        var d = NexisText.Document(number: number, line: line, fields: [:], text: "")
        // The headline: the element whose id is "hd".
        if let hd = HTMLText.find(r, Array(#"id="hd""#.utf8), from: r.startIndex), let gt = HTMLText.find(r, [0x3E], from: hd),
           let close = HTMLText.find(r, Array("</div>".utf8), from: gt) {
            d.title = text(r[(gt + 1)..<close])
        }
        if let a = HTMLText.find(r, Array(#"class="author""#.utf8), from: r.startIndex), let gt = HTMLText.find(r, [0x3E], from: a),
           let close = HTMLText.find(r, Array("</div>".utf8), from: gt) {
            fields["byline"] = text(r[(gt + 1)..<close])
        }
        let firstParagraph = HTMLText.find(r, Array(#"<p class="articleParagraph"#.utf8), from: r.startIndex) ?? r.endIndex
        // The unlabelled lines: the text of each `<div>` before the first paragraph up to its first closing tag, in
        // order, but for the headline's and the byline's.
        var lines: [String] = []
        var i = r.startIndex + 1
        while let k = HTMLText.find(r, Array("<div".utf8), from: i), k < firstParagraph, let gt = HTMLText.find(r, [0x3E], from: k),
              let close = HTMLText.find(r, Array("</div>".utf8), from: gt) {
            let t = text(r[(gt + 1)..<close])
            if !t.isEmpty, t != d.title, t != fields["byline"], t != lines.last { lines.append(t) }
            i = gt
        }
        var afterDate = false
        for l in lines {
            if fields["length"] == nil, l.hasSuffix(" words"), Int(l.dropLast(6).filter { $0 != "," }) != nil { fields["length"] = l; continue }
            if d.date == nil, let iso = NexisUni.leadingDate(l) { d.date = l; d.isoDate = iso; afterDate = true; continue }
            if afterDate, l.count <= 12, l.contains(":"), l.first?.isNumber == true { fields["time"] = l; continue }
            if afterDate, d.source == nil { d.source = l; continue }
            if afterDate, fields["source-code"] == nil, l.allSatisfy({ $0.isUppercase || $0.isNumber }) { fields["source-code"] = l; continue }
            if l.hasPrefix("(c)") || l.hasPrefix("(C)") || l.hasPrefix("©") || l.hasPrefix("Copyright") { fields["copyright"] = l; continue }
            if afterDate, fields["language"] == nil { fields["language"] = l }
        }
        d.text = paragraphTexts(r[firstParagraph...]).joined(separator: "\n")
        // "Document TIMES00020200303eg330001x" closes the article.
        if let doc = HTMLText.find(r, Array("<div>Document ".utf8), from: firstParagraph), let close = HTMLText.find(r, Array("</div>".utf8), from: doc) {
            fields["document"] = text(r[(doc + 14)..<close])
        }
        d.fields = fields
        return d
    }

    /// The texts of the `<p class="articleParagraph ...">` elements in `r`.
    static func paragraphTexts(_ r: ArraySlice<UInt8>) -> [String] {
        var out: [String] = []
        var i = r.startIndex
        let opener = Array(#"<p class="articleParagraph"#.utf8)
        while let k = HTMLText.find(r, opener, from: i), let gt = HTMLText.find(r, [0x3E], from: k) {
            let close = HTMLText.find(r, Array("</p>".utf8), from: gt) ?? r.endIndex
            let t = text(r[(gt + 1)..<close])
            if !t.isEmpty { out.append(t) }
            i = close
        }
        return out
    }

    /// Tags that break a line or make a block: read as a space where they stand (other tags as nothing: "<b>AP</b>").
    static let blockTags: Set<[UInt8]> = Set(["br", "p", "div", "td", "th", "tr", "li", "table", "hr", "h1", "h2", "h3", "h4",
                                               "h5", "h6", "ul", "ol", "blockquote"].map { Array($0.utf8) })

    /// The text of an HTML fragment: tags removed (a line break or a tag that opens or ends a block as a space), character
    /// references decoded, runs of white space as one space, trimmed.
    static func text(_ r: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var i = r.startIndex
        var space = false
        func put(_ bytes: some Sequence<UInt8>) {
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(contentsOf: bytes)
        }
        while i < r.endIndex {
            let c = r[i]
            if c == 0x3C {                                   // a tag: a block's or a line break's is a space
                var n = i + 1
                if n < r.endIndex, r[n] == 0x2F { n += 1 }
                var name: [UInt8] = []
                while n < r.endIndex, name.count < 6, (r[n] | 0x20) >= 0x61 && (r[n] | 0x20) <= 0x7A || r[n] >= 0x30 && r[n] <= 0x39 {
                    name.append(r[n] | 0x20); n += 1
                }
                if blockTags.contains(name) { space = true }
                i = (HTMLText.find(r, [0x3E], from: i) ?? r.endIndex - 1) + 1
                continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { space = true; i += 1; continue }
            if c == 0x26, let (sc, next) = CharacterReferences.body(from: i + 1 - r.startIndex, { j in
                let k = r.startIndex + j
                return k < r.endIndex ? UInt32(r[k]) : nil
            }) {
                if sc == "\u{A0}" || sc == " " { space = true } else { put(Array(String(Character(sc)).utf8)) }
                i = r.startIndex + next
                continue
            }
            put(CollectionOfOne(c))
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func matches(_ b: [UInt8], _ s: StaticString, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != s.utf8Start[k] { return false }
        return true
    }
}
