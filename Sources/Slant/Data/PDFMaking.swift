extension PDFText {
    /// A line of text to draw: its text, font size, and where its baseline starts (points from the page's left
    /// and top edges).
    public struct DrawnLine: Sendable {
        public var text: String, size: Double, x: Double, y: Double
        public init(_ text: String, size: Double = 11, x: Double = 72, y: Double) { self.text = text; self.size = size; self.x = x; self.y = y }
    }

    /// How `make` writes a PDF's text.
    public struct MakeOptions: Sendable {
        /// A composite font (Type0, Identity-H, two bytes per glyph) with a ToUnicode map, as browsers and word
        /// processors embed fonts; else Helvetica with WinAnsiEncoding and a `Differences` array.
        public var composite = false
        /// Content streams compressed with FlateDecode.
        public var compress = true
        /// Each word drawn apart, the gaps between them `TJ` adjustments rather than spaces.
        public var wordsApart = false
        /// Leave out the ToUnicode map of a composite font.
        public var withoutToUnicode = false
        public init() {}
    }

    /// The lines that set `paragraphs` (text and font size) on US Letter pages as a word processor does: lines of
    /// at most `width` characters broken at spaces, 1.25 × the size apart, paragraphs a further line apart, a new
    /// page when one is full; a paragraph whose size is 0 starts a new page.
    public static func layout(_ paragraphs: [(text: String, size: Double)], width: Int = 90) -> [[DrawnLine]] {
        var pages: [[DrawnLine]] = [[]]
        var y = 72.0
        for (text, size) in paragraphs {
            if size == 0 { if !pages[pages.count - 1].isEmpty { pages.append([]); y = 72 }; continue }
            var lines: [String] = [], cur = ""
            for w in text.split(separator: " ") {
                if !cur.isEmpty, cur.count + 1 + w.count > Int(Double(width) * 11 / size) { lines.append(cur); cur = "" }
                cur += (cur.isEmpty ? "" : " ") + w
            }
            if !cur.isEmpty { lines.append(cur) }
            for l in lines {
                if y > 720 { pages.append([]); y = 72 }
                pages[pages.count - 1].append(DrawnLine(l, size: size, y: y))
                y += 1.25 * size
            }
            y += 1.25 * size
        }
        return pages
    }

    /// A PDF file (US Letter pages) that draws `pages`' lines: what the tests and the fuzz seeds are made of.
    /// Every glyph is 500/1000 of an em wide; characters Windows-1252 lacks are drawn as "?" in the simple font.
    public static func make(_ pages: [[DrawnLine]], options: MakeOptions = MakeOptions()) -> [UInt8] {
        var objects: [[UInt8]] = []
        func add(_ s: String) -> Int { objects.append(Array(s.utf8)); return objects.count }
        func addStream(_ dict: String, _ data: [UInt8], compress: Bool) -> Int {
            let body = compress ? ZipArchive.deflateRaw(data, windowBits: 15) : data
            objects.append(Array("<< \(dict)\(compress ? " /Filter /FlateDecode" : "") /Length \(body.count) >>\nstream\n".utf8) + body + Array("\nendstream".utf8))
            return objects.count
        }
        // Glyph codes of the composite font: each distinct character in order of first use, from 1.
        var codes: [Character: Int] = [:]
        for page in pages { for l in page { for c in l.text where codes[c] == nil { codes[c] = codes.count + 1 } } }
        let cp1252 = HTMLText.windows1252Bytes
        func encoded(_ s: String) -> String {
            if options.composite { return "<" + s.map { String(format4(codes[$0]!)) }.joined() + ">" }
            var out = "("
            for u in s.unicodeScalars {
                let b: UInt8 = u.value < 0x80 ? UInt8(u.value) : cp1252[u.value] ?? (u.value >= 0xA0 && u.value <= 0xFF ? UInt8(u.value) : 0x3F)
                switch b {
                case 0x28, 0x29, 0x5C: out += "\\" + String(UnicodeScalar(b))
                case 0x20...0x7E: out += String(UnicodeScalar(b))
                default: out += "\\" + String(b, radix: 8)
                }
            }
            return out + ")"
        }
        func format4(_ v: Int) -> String { let h = String(v, radix: 16, uppercase: true); return String(repeating: "0", count: max(0, 4 - h.count)) + h }

        let catalog = add("<< /Type /Catalog /Pages 2 0 R >>")
        _ = add("")   // the page tree, written once its kids are known
        let font: Int
        if options.composite {
            var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Slant-UCS def /CMapType 2 def\n"
            cmap += "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            let entries = codes.sorted { $0.value < $1.value }
            for chunk in stride(from: 0, to: entries.count, by: 100) {
                let part = entries[chunk..<min(chunk + 100, entries.count)]
                cmap += "\(part.count) beginbfchar\n"
                for (c, v) in part { cmap += "<\(format4(v))> <" + String(c).utf16.map { format4(Int($0)) }.joined() + ">\n" }
                cmap += "endbfchar\n"
            }
            cmap += "endcmap CMapName currentdict /CMap defineresource pop end end\n"
            let toUnicode = addStream("", Array(cmap.utf8), compress: options.compress)
            let descendant = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Sample /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
            font = add("<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Sample /Encoding /Identity-H /DescendantFonts [\(descendant) 0 R]" + (options.withoutToUnicode ? "" : " /ToUnicode \(toUnicode) 0 R") + " >>")
        } else {
            let widths = Array(repeating: "500", count: 224).joined(separator: " ")
            font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [150 /endash 151 /emdash] >> /FirstChar 32 /LastChar 255 /Widths [\(widths)] >>")
        }
        var kids: [Int] = []
        for page in pages {
            var content = ""
            for l in page {
                content += "BT /F1 \(l.size) Tf 1 0 0 1 \(l.x) \(792 - l.y) Tm "
                if options.wordsApart {
                    let words = l.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                    content += "[" + words.map { encoded($0) }.joined(separator: " -300 ") + "] TJ ET\n"
                } else {
                    content += encoded(l.text) + " Tj ET\n"
                }
            }
            let stream = addStream("", Array(content.utf8), compress: options.compress)
            kids.append(add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(stream) 0 R >>"))
        }
        objects[1] = Array("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8)
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (k, o) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(k + 1) 0 obj\n".utf8) + o + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { let s = String(o); table += String(repeating: "0", count: 10 - s.count) + s + " 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }
}
