/// The text of an OpenDocument text file (`.odt`, ISO/IEC 26300: LibreOffice's and OpenOffice's format): its
/// paragraphs in order, each with its style, as `WordDocument` gives a `.docx`'s.
///
/// An `.odt` is a ZIP archive (`ZipArchive`) whose `content.xml` holds the body (`<office:text>`): paragraphs
/// (`<text:p>`) and headings (`<text:h text:outline-level="1">`), their text in spans and links. Read here: that text,
/// runs of spaces (`<text:s text:c="3"/>`), tabs (`<text:tab/>`), line breaks (`<text:line-break/>`), a paragraph's
/// style ("Title"; a heading is "Heading1", "Heading2", ... by its level, so that `WordDocument.isTitleStyle` reads
/// both formats alike), and the paragraphs of tables, lists, sections and text frames, each a paragraph of its own
/// (a frame's before the paragraph holding it ends). Left out, as a reader of the document does not see them:
/// notes (footnotes and endnotes sit inside the paragraph that cites them: `<text:note>`), comments
/// (`<office:annotation>`), deleted text of tracked changes (`<text:tracked-changes>`), a picture's title and
/// description (`<svg:title>`, `<svg:desc>`), and the control characters XML does not allow.
public enum OpenDocument {
    /// The paragraphs of the OpenDocument text `bytes` (the `.odt` file), its body at most `limit` bytes of XML.
    /// - Throws: `ZipArchive.Failure` when the file is no ZIP archive, holds no `content.xml`, or that part cannot be
    ///   read (see `ZipArchive.read`) or is not UTF-8.
    /// - Complexity: O(the file + its body's XML).
    public static func paragraphs(ofFile bytes: [UInt8], limit: Int) throws(ZipArchive.Failure) -> [WordDocument.Paragraph] {
        guard ZipArchive.looksLikeZip(bytes) else {
            throw ZipArchive.Failure("not an OpenDocument text (.odt): it does not open as a ZIP archive does (an older .sxw or .doc, or a file renamed?)")
        }
        let members = try ZipArchive.members(bytes)
        guard let body = members.first(where: { $0.name == "content.xml" }) else {
            throw ZipArchive.Failure("not an OpenDocument text (.odt): the archive holds no content.xml")
        }
        return try paragraphs(ofXML: try ZipArchive.read(body, from: bytes, limit: limit))
    }

    /// The paragraphs of a `content.xml`.
    /// - Throws: `ZipArchive.Failure` when it is in UTF-16, or a paragraph's text is not UTF-8 (naming the paragraph).
    /// - Complexity: O(`xml`).
    public static func paragraphs(ofXML xml: [UInt8]) throws(ZipArchive.Failure) -> [WordDocument.Paragraph] {
        if xml.count >= 2, xml[0] == 0xFF && xml[1] == 0xFE || xml[0] == 0xFE && xml[1] == 0xFF {
            throw ZipArchive.Failure("content.xml is in UTF-16, which is not read")
        }
        var out: [WordDocument.Paragraph] = []
        // Open paragraphs, innermost last: a text frame's paragraphs sit inside the paragraph holding it.
        var open: [(text: [UInt8], style: String?)] = []
        var skipped = 0         // depth inside elements not read (notes, comments, tracked changes, a picture's title)
        var failure: ZipArchive.Failure? = nil
        var spaces = 0          // spaces written as `<text:s>` so far
        xml.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            func isSkipped(_ nm: (Int, Int)) -> Bool {
                XMLScan.equals(b, nm, "text:note") || XMLScan.equals(b, nm, "office:annotation")
                    || XMLScan.equals(b, nm, "text:tracked-changes") || XMLScan.equals(b, nm, "svg:title") || XMLScan.equals(b, nm, "svg:desc")
            }
            while i < n {
                guard b[i] == 0x3C else {
                    // Text: kept inside a paragraph, up to the next tag.
                    var j = i
                    while j < n, b[j] != 0x3C { j += 1 }
                    if skipped == 0, !open.isEmpty {
                        // White space in text is a space, runs of it one space (ODF 1.3, 6.1.2): runs of spaces a
                        // writer means are `<text:s>` elements.
                        var t: [UInt8] = []
                        WordDocument.appendDecoded(b, from: i, to: j, into: &t)
                        for c in t {
                            let w = c == 0x09 || c == 0x0A || c == 0x0D || c == 0x20
                            if w, open[open.count - 1].text.last == 0x20 || open[open.count - 1].text.isEmpty { continue }
                            open[open.count - 1].text.append(w ? 0x20 : c)
                        }
                    }
                    i = j; continue
                }
                if let j = XMLScan.pastMarkup(b, i) { i = j; continue }
                let closing = i + 1 < n && b[i + 1] == 0x2F
                let nm = XMLScan.name(b, from: i + (closing ? 2 : 1))
                let (end, selfClosing) = XMLScan.tagEnd(b, nm.1)
                i = end + 1
                if isSkipped(nm) {
                    if closing { skipped = max(0, skipped - 1) } else if !selfClosing { skipped += 1 }
                    continue
                }
                guard skipped == 0 else { continue }
                let heading = XMLScan.equals(b, nm, "text:h")
                if heading || XMLScan.equals(b, nm, "text:p") {
                    if closing {
                        if let p = open.popLast() {
                            guard let text = String(validating: p.text, as: UTF8.self) else {
                                failure = ZipArchive.Failure("content.xml: paragraph \(out.count + 1) is not valid UTF-8")
                                return
                            }
                            out.append(WordDocument.Paragraph(text: text, style: p.style))
                        }
                        continue
                    }
                    var style = XMLScan.attribute(b, nm.1, end, "text:style-name")
                    if heading { style = "Heading" + (XMLScan.attribute(b, nm.1, end, "text:outline-level") ?? "1") }
                    if selfClosing { out.append(WordDocument.Paragraph(text: "", style: style)) } else { open.append(([], style)) }
                    continue
                }
                guard !closing, !open.isEmpty else { continue }
                if XMLScan.equals(b, nm, "text:s") {
                    let count = max(1, min(XMLScan.attribute(b, nm.1, end, "text:c").flatMap { Int($0) } ?? 1, 1000))
                    // Spaces written as counts could make the text a thousand times the XML: no more than the XML.
                    spaces += count
                    guard spaces <= max(n, 1 << 20) else {
                        failure = ZipArchive.Failure("content.xml: its runs of spaces (<text:s text:c=\"N\"/>) add up to more than the file's \(n) bytes")
                        return
                    }
                    open[open.count - 1].text += [UInt8](repeating: 0x20, count: count)
                } else if XMLScan.equals(b, nm, "text:tab") {
                    open[open.count - 1].text.append(0x09)
                } else if XMLScan.equals(b, nm, "text:line-break") {
                    open[open.count - 1].text.append(0x0A)
                }
            }
        }
        if let failure { throw failure }
        // A paragraph left open (a document cut short inside it) keeps what it had.
        for p in open.reversed() { out.append(WordDocument.Paragraph(text: String(decoding: p.text, as: UTF8.self), style: p.style)) }
        return out
    }

    /// An OpenDocument text (`.odt` bytes) of `paragraphs`, each a paragraph of text with its style ("Heading1" is
    /// written as a heading of level 1): the `mimetype` member first and stored, as the format asks, the manifest,
    /// and `content.xml`. For tests and fuzz seeds; tabs and line breaks are written as `<text:tab/>` and
    /// `<text:line-break/>`, runs of spaces as `<text:s text:c="N"/>`.
    public static func make(_ paragraphs: [WordDocument.Paragraph]) -> [UInt8] {
        func escaped(_ s: Substring) -> String {
            var o = ""
            var spaces = 0
            func flush() {
                if spaces == 1 { o += " " } else if spaces > 1 { o += " <text:s text:c=\"\(spaces - 1)\"/>" }
                spaces = 0
            }
            for c in s.unicodeScalars {
                if c == " " { spaces += 1; continue }
                flush()
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\t": o += "<text:tab/>"
                case "\n": o += "<text:line-break/>"
                default: o.unicodeScalars.append(c)
                }
            }
            flush()
            return o
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#
            + #"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>"#
        for p in paragraphs {
            if let s = p.style, s.hasPrefix("Heading"), let level = Int(s.dropFirst(7)) {
                xml += "<text:h text:style-name=\"Heading_20_\(level)\" text:outline-level=\"\(level)\">" + escaped(p.text[...]) + "</text:h>"
            } else {
                xml += "<text:p text:style-name=\"\(p.style ?? "Standard")\">" + escaped(p.text[...]) + "</text:p>"
            }
        }
        xml += "</office:text></office:body></office:document-content>"
        let manifest = #"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#
            + #"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>"#
            + #"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
        return ZipArchive.make([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)),
                                ("META-INF/manifest.xml", Array(manifest.utf8)), ("content.xml", Array(xml.utf8))])
    }
}
