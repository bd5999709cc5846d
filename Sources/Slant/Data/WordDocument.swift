/// The text of a Word document (`.docx`, Office Open XML, ECMA-376): its paragraphs in order, each with its style.
///
/// News archives give articles as Word documents (Nexis Uni's downloads are `.docx`: `NexisUni`), and so do
/// colleagues. A `.docx` is a ZIP archive (`ZipArchive`) whose main part (`word/document.xml`, or where the
/// package's relationships, `_rels/.rels`, say it is) holds the body: paragraphs
/// (`<w:p>`) of runs whose text is in `<w:t>` elements. Read here: that text, tabs (`<w:tab/>`, as a tab), line
/// breaks inside a paragraph (`<w:br/>`, `<w:cr/>`, as a line break), non-breaking hyphens (as "-"), a paragraph's
/// style name (`<w:pStyle w:val="Title"/>`), and the paragraphs of tables and text boxes, each a paragraph of its own
/// after the one that holds it. Left out, as a reader of the document does not see them: deleted text of tracked
/// changes (`<w:del>`, `<w:delText>`) and the old place of moved text (`<w:moveFrom>`), field codes (`<w:instrText>`),
/// soft hyphens, symbol-font characters, and the fallback copy Word keeps of every text box for older readers
/// (`<mc:Fallback>`, which would give its text twice).
/// Headers, footers, footnotes and comments are other parts of the archive and are not read.
public enum WordDocument {
    /// A paragraph: its text (runs joined; inner line breaks kept) and its style's id, if it names one.
    public struct Paragraph: Equatable, Sendable {
        public var text: String
        public var style: String?
        public init(text: String, style: String? = nil) { self.text = text; self.style = style }
    }

    /// The paragraphs of the Word document `bytes` (the `.docx` file), its body at most `limit` bytes of XML.
    /// - Throws: `ZipArchive.Failure` when the file is no ZIP archive, holds no `word/document.xml`, or that part
    ///   cannot be read (see `ZipArchive.read`) or is not UTF-8.
    /// - Complexity: O(the file + its body's XML).
    public static func paragraphs(ofFile bytes: [UInt8], limit: Int) throws(ZipArchive.Failure) -> [Paragraph] {
        guard ZipArchive.looksLikeZip(bytes) else {
            throw ZipArchive.Failure("not a Word document (.docx): it does not open as a ZIP archive does (an older .doc, or a file renamed?)")
        }
        let members = try ZipArchive.members(bytes)
        // The body is the part the package's relationships name as the office document; Word names it
        // word/document.xml, which is looked for when the relationships name none.
        var name = "word/document.xml"
        if let rels = members.first(where: { $0.name == "_rels/.rels" }), let target = mainPart(try ZipArchive.read(rels, from: bytes, limit: 1 << 20)) {
            name = target
        }
        guard let body = members.first(where: { $0.name == name }) ?? members.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw ZipArchive.Failure("not a Word document (.docx): the archive holds no \(name)")
        }
        return try paragraphs(ofXML: try ZipArchive.read(body, from: bytes, limit: limit))
    }

    /// The part `_rels/.rels` names as the office document ("word/document.xml"; a leading "/" dropped), nil
    /// when it names none.
    static func mainPart(_ rels: [UInt8]) -> String? {
        let text = String(decoding: rels, as: UTF8.self)
        for relationship in text.split(separator: "<").dropFirst() where relationship.hasPrefix("Relationship ") {
            let attributes = relationship.split(separator: " ")
            // (Bytes compared: the type ends in "/officeDocument", a quote closing it.)
            guard attributes.contains(where: { a in
                      a.hasPrefix("Type=") && (a.utf8.firstRange(of: "/officeDocument\"".utf8) != nil || a.utf8.firstRange(of: "/officeDocument'".utf8) != nil)
                  }),
                  let target = attributes.first(where: { $0.hasPrefix("Target=") }) else { continue }
            var t = target.dropFirst(7).drop { $0 == "\"" || $0 == "'" }
            if let q = t.firstIndex(where: { $0 == "\"" || $0 == "'" }) { t = t[..<q] }
            while t.first == "/" { t = t.dropFirst() }
            return t.isEmpty ? nil : String(t)
        }
        return nil
    }

    /// The paragraphs of a `word/document.xml`.
    /// - Throws: `ZipArchive.Failure` when a paragraph's text is not UTF-8 (naming the paragraph).
    /// - Complexity: O(`xml`).
    public static func paragraphs(ofXML xml: [UInt8]) throws(ZipArchive.Failure) -> [Paragraph] {
        if xml.count >= 2, xml[0] == 0xFF && xml[1] == 0xFE || xml[0] == 0xFE && xml[1] == 0xFF {
            throw ZipArchive.Failure("word/document.xml is in UTF-16, which is not read")
        }
        var out: [Paragraph] = []
        // Open paragraphs, innermost last: a text box's paragraphs sit inside a run of the paragraph holding it.
        var open: [(text: [UInt8], style: String?)] = []
        var skipped = 0         // depth inside elements not read (<mc:Fallback>, <w:del>, <w:moveFrom>)
        var failure: ZipArchive.Failure? = nil
        xml.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            func name(from s: Int) -> (Int, Int) { XMLScan.name(b, from: s) }
            func equals(_ r: (Int, Int), _ lit: StaticString) -> Bool { XMLScan.equals(b, r, lit) }
            func tagEnd(_ s: Int) -> (Int, Bool) { XMLScan.tagEnd(b, s) }
            func attribute(_ s: Int, _ e: Int, _ key: StaticString) -> String? { XMLScan.attribute(b, s, e, key) }
            while i < n {
                guard b[i] == 0x3C else { i += 1; continue }       // "<"
                // Comments, processing instructions and declarations.
                if let j = XMLScan.pastMarkup(b, i) { i = j; continue }
                let closing = i + 1 < n && b[i + 1] == 0x2F
                let nm = name(from: i + (closing ? 2 : 1))
                let (end, selfClosing) = tagEnd(nm.1)
                i = end + 1
                if equals(nm, "mc:Fallback") || equals(nm, "w:del") || equals(nm, "w:moveFrom") {
                    if closing { skipped = max(0, skipped - 1) } else if !selfClosing { skipped += 1 }
                    continue
                }
                guard skipped == 0 else { continue }
                if equals(nm, "w:p") {
                    if closing {
                        if let p = open.popLast() {
                            guard let text = String(validating: p.text, as: UTF8.self) else {
                                failure = ZipArchive.Failure("word/document.xml: paragraph \(out.count + 1) is not valid UTF-8")
                                return
                            }
                            out.append(Paragraph(text: text, style: p.style))
                        }
                    } else if selfClosing {
                        out.append(Paragraph(text: ""))
                    } else {
                        open.append(([], nil))
                    }
                    continue
                }
                guard !closing, !open.isEmpty else { continue }
                if equals(nm, "w:t") {
                    guard !selfClosing else { continue }
                    var j = end + 1
                    while j < n, !(b[j] == 0x3C && j + 1 < n && b[j + 1] == 0x2F) { j += 1 }     // "</w:t>"
                    appendDecoded(b, from: end + 1, to: min(j, n), into: &open[open.count - 1].text)
                    i = j; continue    // (the closing tag is read next)
                } else if equals(nm, "w:tab") {
                    open[open.count - 1].text.append(0x09)
                } else if equals(nm, "w:br") || equals(nm, "w:cr") {
                    open[open.count - 1].text.append(0x0A)
                } else if equals(nm, "w:noBreakHyphen") {
                    open[open.count - 1].text.append(0x2D)
                } else if equals(nm, "w:pStyle") {
                    open[open.count - 1].style = attribute(nm.1, end, "w:val")
                }
            }
        }
        if let failure { throw failure }
        // A paragraph left open (a document cut short inside it) keeps what it had.
        for p in open.reversed() { out.append(Paragraph(text: String(decoding: p.text, as: UTF8.self), style: p.style)) }
        return out
    }

    /// The text b[s..<e] with XML's five entities and character references decoded (an unknown one kept as written),
    /// without the control characters XML does not allow (NUL, ...), written or referred to.
    static func appendDecoded(_ b: UnsafeBufferPointer<UInt8>, from s: Int, to e: Int, into out: inout [UInt8]) {
        var k = s
        while k < e {
            // Up to the next "&" (or control character, which XML does not allow: left out) in one append.
            var run = k
            while run < e, b[run] != 0x26, b[run] >= 0x20 || b[run] == 0x09 || b[run] == 0x0A || b[run] == 0x0D { run += 1 }
            if run > k { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[k..<run])); k = run; continue }
            if b[k] != 0x26 { k += 1; continue }
            let c = b[k]
            var semi = k + 1
            while semi < e, semi - k <= 10, b[semi] != 0x3B { semi += 1 }
            guard semi < e, b[semi] == 0x3B else { out.append(c); k += 1; continue }
            let ent = Array(UnsafeBufferPointer(rebasing: b[(k + 1)..<semi]))
            var scalar: Unicode.Scalar? = nil
            switch ent {
            case Array("amp".utf8): scalar = "&"
            case Array("lt".utf8): scalar = "<"
            case Array("gt".utf8): scalar = ">"
            case Array("quot".utf8): scalar = "\""
            case Array("apos".utf8): scalar = "'"
            default:
                if ent.first == 0x23 {
                    let hex = ent.count > 1 && (ent[1] == 0x78 || ent[1] == 0x58)
                    let digits = String(decoding: ent.dropFirst(hex ? 2 : 1), as: UTF8.self)
                    scalar = UInt32(digits, radix: hex ? 16 : 10).flatMap(Unicode.Scalar.init)
                    // (A reference to a character XML does not allow, "&#0;", stands for nothing.)
                    if let v = scalar?.value, v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D || v == 0xFFFE || v == 0xFFFF { k = semi + 1; continue }
                }
            }
            if let sc = scalar {
                out.append(contentsOf: Array(String(Character(sc)).utf8))
                k = semi + 1
            } else {
                out.append(c); k += 1
            }
        }
    }

    /// Whether a paragraph style's id names a title or a first-level heading ("Title", "Heading1"; Word writes the
    /// ids in English whatever the language of its menus).
    public static func isTitleStyle(_ id: String) -> Bool {
        let l = id.lowercased()
        return l == "title" || l == "heading1" || l == "heading 1"
    }

    /// A Word document (`.docx` bytes) of `paragraphs`, each a run of text with its style: the smallest package
    /// Word opens (content types, the package's relationship, `word/document.xml`), stored uncompressed. For
    /// tests and fuzz seeds; tabs and line breaks in a paragraph's text are written as `<w:tab/>` and `<w:br/>`.
    public static func make(_ paragraphs: [Paragraph]) -> [UInt8] {
        func escaped(_ s: Substring) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                default: o.unicodeScalars.append(c)
                }
            }
            return o
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        for p in paragraphs {
            xml += "<w:p>" + (p.style.map { #"<w:pPr><w:pStyle w:val=""# + $0 + #""/></w:pPr>"# } ?? "") + "<w:r>"
            for (k, line) in p.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if k > 0 { xml += "<w:br/>" }
                xml += line.split(separator: "\t", omittingEmptySubsequences: false)
                    .map { #"<w:t xml:space="preserve">"# + escaped($0) + "</w:t>" }.joined(separator: "<w:tab/>")
            }
            xml += "</w:r></w:p>"
        }
        xml += "</w:body></w:document>"
        let types = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" "#
            + #"ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
        let rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#
            + #"Target="word/document.xml"/></Relationships>"#
        return ZipArchive.make([("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(rels.utf8)),
                                  ("word/document.xml", Array(xml.utf8))])
    }
}
