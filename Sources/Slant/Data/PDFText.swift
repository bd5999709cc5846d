/// The text of a PDF file as a reader sees it on its pages: each page's content stream interpreted for the text
/// it shows (ISO 32000-1 §9.4: text objects, text state and positioning, `Tj`/`TJ`/`'`/`"`, the current matrix,
/// form XObjects), each glyph placed where it is drawn, glyphs joined into lines where they share a baseline
/// (a space where the gap between two glyphs is wider than a fifth of the font size), lines into paragraphs where
/// the gap between baselines is the page's usual one, and pages ended by a form feed, as `pdftotext` writes them,
/// so that the rest of reading (page furniture, words hyphenated at a line's end) is the same as for its output.
///
/// Read in the order the content streams draw it, which is the reading order of the PDFs that word processors,
/// browsers and news databases write; a page drawn out of order (some multi-column layouts) is read in its
/// drawing order. Not read: text in annotations and form fields, images (a scanned page has no text: refused
/// with advice to run OCR), and files encrypted with a password or AES-256 (refused with advice to decrypt; those
/// that open without one are decrypted, `PDFSecurity`).
public enum PDFText {
    /// A paragraph: its lines, the font size it is mostly set in, and its page (from 0).
    public struct Paragraph: Equatable, Sendable {
        public var lines: [String]
        public var size: Double
        public var page: Int
        /// The paragraph as one line: a word broken at a line's end joined as the text reader joins it
        /// (`LineEndHyphens`), a compound's hyphen kept with no space after it ("Law-And-Order"), other lines joined
        /// with a space.
        public var joined: String {
            guard lines.count > 1 else { return lines.first ?? "" }
            var c = Array(lines.joined(separator: "\n").unicodeScalars)
            _ = LineEndHyphens.joinAll(&c)
            var out = String.UnicodeScalarView()
            for (k, u) in c.enumerated() where u != "\n" || k == 0 || c[k - 1] != "-" { out.append(u == "\n" ? " " : u) }
            return String(out)
        }
    }

    /// The paragraphs of the PDF file `bytes`, page by page; the file's streams may decode to at most `limit`
    /// bytes and its text hold at most `limit` characters.
    /// - Throws: `PDFFailure` naming what is wrong: not a PDF, encrypted with a password, no pages, no text (a scan), fonts
    ///   without a map to text, or the limit passed.
    static func paragraphs(ofFile bytes: [UInt8], limit: Int) throws -> [Paragraph] {
        let doc = try PDFDocument(bytes, limit: limit)
        guard let root = doc.catalog(), let pagesRoot = root["Pages"] else {
            throw PDFFailure("no document catalog or page tree: the file is damaged or cut short")
        }
        var pages: [([String: PDFObject], [String: PDFObject]?)] = []
        var visited = Set<Int>()
        collectPages(pagesRoot, resources: nil, doc: doc, depth: 0, visited: &visited, into: &pages)
        guard !pages.isEmpty else { throw PDFFailure("no pages: the file is damaged or cut short") }
        var reader = ContentReader(doc: doc, limit: limit)
        var all: [[Line]] = []
        for (k, (page, resources)) in pages.enumerated() {
            reader.lines = []
            reader.current = nil
            // A page's content streams are read as one (§7.8.2: an operator may run on from one to the next).
            var data: [UInt8] = []
            for stream in contentStreams(page["Contents"], doc) {
                do { data += try doc.streamData(of: stream) + [0x0A] } catch let e as PDFFailure {
                    throw PDFFailure("page \(k + 1): \(e.description)")
                }
            }
            try reader.run(data, resources: resources, ctm: .identity, depth: 0)
            reader.endLine()
            all.append(reader.lines)
        }
        if reader.characters == 0 {
            if reader.unmapped > 0 {
                throw PDFFailure("its fonts give no text for their \(reader.unmapped) glyphs (no ToUnicode map): Slant cannot read it; run OCR on it (ocrmypdf --force-ocr in.pdf out.pdf)")
            }
            throw PDFFailure("no text on its \(pages.count) page\(pages.count == 1 ? "" : "s"): a scanned document needs OCR first (ocrmypdf in.pdf out.pdf)")
        }
        return paragraphs(of: all)
    }

    /// The index of the paragraph that is the document's title: among the first page's first five paragraphs, the
    /// one set largest, when that is at least a fifth larger than the text's usual size (the size most of its
    /// characters are set in), it has two words or more and at most 300 characters; nil when none is.
    static func titleParagraph(_ paragraphs: [Paragraph]) -> Int? {
        guard let body = usualSize(paragraphs.flatMap { p in p.lines.map { (p.size, $0.count) } }), body > 0 else { return nil }
        let head = paragraphs.prefix(5).indices.filter { paragraphs[$0].page == paragraphs[0].page }
        guard let k = head.max(by: { paragraphs[$0].size < paragraphs[$1].size }) else { return nil }
        let p = paragraphs[k], t = p.joined
        guard p.size >= 1.2 * body, t.count <= 300, t.split(separator: " ").count >= 2 else { return nil }
        return k
    }

    /// The size most characters are set in, to half a point: (size, characters) pairs of lines; nil for none.
    static func usualSize(_ lines: [(size: Double, characters: Int)]) -> Double? {
        var bySize: [Double: Int] = [:]
        for l in lines { bySize[(l.size * 2).rounded() / 2, default: 0] += l.characters }
        return bySize.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// The text of `paragraphs` as `pdftotext` writes a file: lines, a blank line between paragraphs, each page
    /// ended by a form feed.
    static func text(_ paragraphs: [Paragraph]) -> String {
        var out = "", page = paragraphs.first?.page ?? 0, first = true
        for p in paragraphs {
            if p.page != page { out += "\u{0C}"; page = p.page; first = true }
            if !first { out += "\n" }
            out += p.lines.joined(separator: "\n") + "\n"
            first = false
        }
        return out
    }

    /// The leaves of the page tree under `node` with their inherited resources (at most 64 levels; a node seen
    /// twice is not read again).
    private static func collectPages(_ node: PDFObject, resources: [String: PDFObject]?, doc: PDFDocument, depth: Int,
                                     visited: inout Set<Int>, into pages: inout [([String: PDFObject], [String: PDFObject]?)]) {
        guard depth < 64 else { return }
        if case .ref(let n, _) = node { guard visited.insert(n).inserted else { return } }
        guard let d = doc.dict(node) else { return }
        let res = doc.dict(d["Resources"]) ?? resources
        if let kids = doc.array(d["Kids"]), doc.resolve(d["Type"])?.name != "Page" {
            for k in kids { collectPages(k, resources: res, doc: doc, depth: depth + 1, visited: &visited, into: &pages) }
        } else {
            pages.append((d, res))
        }
    }

    private static func contentStreams(_ o: PDFObject?, _ doc: PDFDocument) -> [PDFObject] {
        switch doc.resolve(o) {
        case .stream(let d, let r)?: return [.stream(d, r)]
        case .array(let a)?: return a.compactMap { if case .stream(let d, let r)? = doc.resolve($0) { return .stream(d, r) }; return nil }
        default: return []
        }
    }

    // MARK: Lines into paragraphs

    /// A line: its text, where its baseline starts, its direction, font size, and how far below the previous line
    /// of its page it starts (nil for a page's first line, or after a change of direction).
    struct Line {
        var text: String
        var x: Double, y: Double, dx: Double, dy: Double
        var size: Double
        var below: Double? = nil
        var right: Double = 0
        /// How long the line is along its direction (from its start to its last glyph's end).
        var width: Double = 0
    }

    /// Lines joined into paragraphs: a line continues the paragraph above when it is set in about the same size,
    /// is the document's usual distance below (its most common gap between lines, relative to their size, between
    /// 0.9 and 1.7 times it; 1.2 when it has none) or less than 1.3 times that, and
    /// does not start indented by an em or more against the line above.
    static func paragraphs(of pages: [[Line]]) -> [Paragraph] {
        // The usual line pitch, as a multiple of the font size: the most common one, in steps of 0.05.
        var counts: [Int: Int] = [:]
        for lines in pages { for l in lines { if let b = l.below, b > 0, l.size > 0 { counts[Int((b / l.size * 20).rounded()), default: 0] += 1 } } }
        // (Single spacing to about one and a half: a document whose paragraphs are all one line has only the gaps
        // between paragraphs, which must not be taken for its line pitch.)
        let pitch = counts.filter { $0.key >= 18 && $0.key <= 34 }.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
            .map { Double($0.key) / 20 } ?? 1.2
        // The text's usual size: the indent rule is for its lines (headlines are often centred, and a standard
        // font's widths are not in the file to tell centring from an indent).
        let body = usualSize(pages.flatMap { $0.map { ($0.size, $0.text.count) } }) ?? 0
        var out: [Paragraph] = []
        for (k, lines) in pages.enumerated() {
            var cur: Paragraph? = nil, prev: Line? = nil
            for l in lines {
                var continues = false
                if let p = prev, let c = cur, let b = l.below, l.size > 0 {
                    let sameSize = abs(l.size - c.size) <= 0.15 * max(l.size, c.size)
                    // Indented an em or more: a paragraph's first line, unless the two lines are centred alike.
                    let centred = abs(2 * l.right - (p.width - l.width)) < l.size
                    let indented = l.right >= 0.9 * l.size && !centred && abs(l.size - body) <= 0.15 * body
                    continues = sameSize && b > 0.3 * l.size && b <= pitch * l.size * 1.3 && !indented
                }
                if continues { cur!.lines.append(l.text) } else {
                    if let c = cur { out.append(c) }
                    cur = Paragraph(lines: [l.text], size: l.size, page: k)
                }
                prev = l
            }
            if let c = cur { out.append(c) }
        }
        return out
    }

    /// The page content interpreter: text state, matrices, fonts, and the lines the glyphs make.
    struct ContentReader {
        struct Matrix {
            var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0
            static let identity = Matrix()
            /// self × n (self applied first).
            func times(_ n: Matrix) -> Matrix {
                Matrix(a: a * n.a + b * n.c, b: a * n.b + b * n.d, c: c * n.a + d * n.c, d: c * n.b + d * n.d,
                       e: e * n.a + f * n.c + n.e, f: e * n.b + f * n.d + n.f)
            }
            init(a: Double = 1, b: Double = 0, c: Double = 0, d: Double = 1, e: Double = 0, f: Double = 0) {
                self.a = a; self.b = b; self.c = c; self.d = d; self.e = e; self.f = f
            }
            init?(_ v: [Double]) { guard v.count == 6, v.allSatisfy(\.isFinite) else { return nil }; self.init(a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5]) }
        }
        struct State {
            var ctm = Matrix.identity
            var font: PDFFont? = nil
            /// The current font's glyphs as `show` has worked them out (shared by every state that uses the font).
            var shown: ShownGlyphs? = nil
            var size = 0.0, charSpace = 0.0, wordSpace = 0.0, scale = 1.0, leading = 0.0, rise = 0.0
        }

        let doc: PDFDocument
        let limit: Int
        var state = State()
        var stack: [State] = []
        var tm = Matrix.identity, tlm = Matrix.identity
        var fonts: [Int: PDFFont] = [:]
        /// Each font's glyphs as shown so far, by the font's object number.
        var shownGlyphs: [Int: ShownGlyphs] = [:]
        var lines: [Line] = []
        /// The line being built: its text, start, direction, sizes, and where its last glyph ended.
        var current: (line: Line, endX: Double, endY: Double, lastSpace: Bool)? = nil
        private(set) var characters = 0
        private(set) var unmapped = 0
        /// Operators interpreted and forms drawn, for the caps on forms drawn many times over.
        private var operations = 0, formsDrawn = 0
        /// Forms' decoded content by object number: a form drawn on every page is decoded once.
        private var formData: [Int: [UInt8]] = [:]

        init(doc: PDFDocument, limit: Int) { self.doc = doc; self.limit = limit }

        mutating func endLine() {
            if let c = current {
                var l = c.line
                while l.text.last == " " { l.text.removeLast() }
                l.width = (c.endX - l.x) * l.dx + (c.endY - l.y) * l.dy
                if !l.text.isEmpty {
                    if let p = lines.last, abs(p.dx * l.dx + p.dy * l.dy) > 0.95 {
                        // Distance below the previous line's start, across its direction; how far right along it.
                        let vx = l.x - p.x, vy = l.y - p.y
                        l.below = vx * p.dy - vy * p.dx
                        l.right = vx * p.dx + vy * p.dy
                    }
                    lines.append(l)
                }
            }
            current = nil
        }

        /// Interprets content stream `data` with `resources`.
        mutating func run(_ data: [UInt8], resources: [String: PDFObject]?, ctm: Matrix, depth: Int) throws {
            let saved = (state, stack.count)
            state.ctm = ctm
            try data.withUnsafeBufferPointer { b in
                try PDFLexer.operators(b) { op, operands, lx in
                    operations += 1
                    if operations > 20_000_000 { throw PDFFailure("its pages draw more than 20,000,000 operations") }
                    try apply(op, operands, resources: resources, depth: depth, lexer: &lx)
                    if characters > limit { throw PDFFailure("its text is longer than the limit of \(limit) characters") }
                }
            }
            state = saved.0
            if stack.count > saved.1 { stack.removeLast(stack.count - saved.1) }
        }

        private func nums(_ o: [PDFObject], _ n: Int) -> [Double]? {
            guard o.count >= n else { return nil }
            let v = o.suffix(n).compactMap(\.number)
            return v.count == n ? v : nil
        }

        private mutating func apply(_ op: String, _ o: [PDFObject], resources: [String: PDFObject]?, depth: Int, lexer: inout PDFLexer) throws {
            switch op {
            case "q": if stack.count < 256 { stack.append(state) }
            case "Q": if let s = stack.popLast() { state = s }
            case "cm": if let v = nums(o, 6), let m = Matrix(v) { state.ctm = m.times(state.ctm) }
            case "BT": tm = .identity; tlm = .identity
            case "ET": break
            case "Tf":
                if o.count >= 2, let name = o[o.count - 2].name, let size = o.last?.number {
                    state.size = size
                    (state.font, state.shown) = font(name, resources)
                }
            case "Tc": if let v = nums(o, 1) { state.charSpace = v[0] }
            case "Tw": if let v = nums(o, 1) { state.wordSpace = v[0] }
            case "Tz": if let v = nums(o, 1) { state.scale = v[0] / 100 }
            case "TL": if let v = nums(o, 1) { state.leading = v[0] }
            case "Ts": if let v = nums(o, 1) { state.rise = v[0] }
            case "Td": if let v = nums(o, 2) { moveLine(v[0], v[1]) }
            case "TD": if let v = nums(o, 2) { state.leading = -v[1]; moveLine(v[0], v[1]) }
            case "Tm": if let v = nums(o, 6), let m = Matrix(v) { tm = m; tlm = m }
            case "T*": moveLine(0, -state.leading)
            case "Tj": if case .string(let s)? = o.last { show(s) }
            case "'":
                moveLine(0, -state.leading)
                if case .string(let s)? = o.last { show(s) }
            case "\"":
                if o.count >= 3, let aw = o[o.count - 3].number, let ac = o[o.count - 2].number { state.wordSpace = aw; state.charSpace = ac }
                moveLine(0, -state.leading)
                if case .string(let s)? = o.last { show(s) }
            case "TJ":
                guard case .array(let items)? = o.last else { break }
                for item in items {
                    switch item {
                    case .string(let s): show(s)
                    case .number(let n) where n.isFinite: tm = Matrix(e: -n / 1000 * state.size * state.scale).times(tm)
                    default: break
                    }
                }
            case "Do":
                guard depth < 10, let name = o.last?.name, let xo = doc.dict(resources?["XObject"]),
                      let form = doc.resolve(xo[name]), case .stream(let d, _) = form, doc.resolve(d["Subtype"])?.name == "Form" else { break }
                formsDrawn += 1
                if formsDrawn > 100_000 { throw PDFFailure("its pages draw forms more than 100,000 times") }
                let data: [UInt8]
                if case .ref(let n, _)? = xo[name], let cached = formData[n] { data = cached } else {
                    do { data = try doc.streamData(of: form) } catch { break }
                    if case .ref(let n, _)? = xo[name] { formData[n] = data }
                }
                var m = Matrix.identity
                if let v = doc.array(d["Matrix"])?.compactMap({ doc.number($0) }), let mm = Matrix(v) { m = mm }
                let saveTm = (tm, tlm)
                try run(data, resources: doc.dict(d["Resources"]) ?? resources, ctm: m.times(state.ctm), depth: depth + 1)
                (tm, tlm) = saveTm
            case "BI":
                // An inline image: its data runs from after ID to "EI" between whitespace.
                let b = lexer.b
                var j = lexer.i
                while j + 1 < b.count, !(b[j] == 0x49 && b[j + 1] == 0x44 && PDFLexer.isSpace(b[j - 1]) && (j + 2 >= b.count || PDFLexer.isSpace(b[j + 2]))) { j += 1 }
                j += 3
                while j + 1 < b.count, !(b[j] == 0x45 && b[j + 1] == 0x49 && PDFLexer.isSpace(b[j - 1]) && (j + 2 >= b.count || PDFLexer.isSpace(b[j + 2]))) { j += 1 }
                lexer.i = min(j + 2, b.count)
            default: break
            }
        }

        private mutating func moveLine(_ tx: Double, _ ty: Double) {
            guard tx.isFinite, ty.isFinite else { return }
            tlm = Matrix(e: tx, f: ty).times(tlm)
            tm = tlm
        }

        /// The font `name` of `resources`, and its glyphs shown so far.
        private mutating func font(_ name: String, _ resources: [String: PDFObject]?) -> (PDFFont?, ShownGlyphs?) {
            guard let fontsDict = doc.dict(resources?["Font"]), let ref = fontsDict[name] else { return (nil, nil) }
            if case .ref(let n, _) = ref, let f = fonts[n] { return (f, shownGlyphs[n]) }
            guard let d = doc.dict(ref) else { return (nil, nil) }
            let f = PDFFont(d, in: doc), shown = ShownGlyphs()
            if case .ref(let n, _) = ref { fonts[n] = f; shownGlyphs[n] = shown }
            return (f, shown)
        }

        /// Shows string `s`: each glyph placed, its text added to the line, the text matrix advanced.
        private mutating func show(_ s: [UInt8]) {
            guard let font = state.font else { return }
            let shown: ShownGlyphs
            if let c = state.shown { shown = c } else { shown = ShownGlyphs(); state.shown = shown }
            let fs = state.size, th = state.scale
            font.codes(s) { code, n in
                let g = shown.glyph(font, code, length: n)
                let m = Matrix(a: fs * th, d: fs, f: state.rise).times(tm).times(state.ctm)
                let len = (m.a * m.a + m.b * m.b).squareRoot()
                let size = (m.c * m.c + m.d * m.d).squareRoot()
                let advance = (g.width * fs + state.charSpace + (g.isSpace ? state.wordSpace : 0)) * th
                let tmc = tm.times(state.ctm)
                let x0 = m.e, y0 = m.f
                let x1 = x0 + advance * tmc.a, y1 = y0 + advance * tmc.b
                tm = Matrix(e: advance).times(tm)
                guard g.mapped else { unmapped += 1; return }
                guard g.placed != nil, len > 0, size > 0, x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
                place(g, x0: x0, y0: y0, x1: x1, y1: y1, dx: m.a / len, dy: m.b / len, size: size)
            }
        }

        /// Adds a glyph's text to the current line, or ends the line and starts another where the glyph is not on it.
        private mutating func place(_ g: ShownGlyph, x0: Double, y0: Double, x1: Double, y1: Double, dx: Double, dy: Double, size: Double) {
            guard let text = g.placed else { return }
            if current != nil {
                // (The line is read field by field and changed in place, `current!`: a copy of it taken out and put
                // back cost more than the rest of the glyph's work, and a copy held while its text grows would copy
                // the text.)
                let endX = current!.endX, endY = current!.endY, lastSpace = current!.lastSpace
                let ldx = current!.line.dx, ldy = current!.line.dy, lsize = current!.line.size
                let vx = x0 - endX, vy = y0 - endY
                let along = vx * ldx + vy * ldy, across = vx * ldy - vy * ldx
                let em = max(size, lsize)
                let sameDirection = dx * ldx + dy * ldy > 0.95
                if sameDirection, abs(across) <= 0.5 * em, along > -0.6 * em {
                    if text.isSpace {
                        if !lastSpace { current!.line.text += " "; current!.lastSpace = true }
                    } else {
                        // (A glyph's text may open or end with a space: one space between words all the same.)
                        let t = lastSpace ? g.opening : text
                        if along > 0.2 * em, !lastSpace, !t.firstIsSpace { current!.line.text += " " }
                        current!.line.text += t.text
                        current!.lastSpace = t.lastIsSpace
                        characters += t.count
                    }
                    current!.endX = x1; current!.endY = y1
                    return
                }
                endLine()
            }
            // A line opens with text, not with the spaces a glyph's text may begin with.
            let opening = g.opening
            if opening.text.isEmpty { return }
            characters += opening.count
            current = (Line(text: opening.text, x: x0, y: y0, dx: dx, dy: dy, size: size), x1, y1, opening.lastIsSpace)
        }
    }
}

extension PDFText {
    /// A text as `place` adds it to a line, with what it asks of the text worked out once.
    struct PlacedText {
        let text: String
        let count: Int
        let isSpace: Bool, firstIsSpace: Bool, lastIsSpace: Bool
        init(_ text: String) {
            self.text = text
            count = text.count
            isSpace = text == " "
            firstIsSpace = text.first == " "
            lastIsSpace = text.last == " "
        }
    }

    /// A glyph of a font as `show` places it, worked out once per font and code (a page shows the same few codes
    /// thousands of times): its width and whether it is the space code, whether the font maps it to text, and the
    /// text placed (its control characters dropped, tabs and line breaks as spaces; a text of spaces alone as one
    /// space; nil when nothing is left) with the same text without its opening spaces.
    final class ShownGlyph {
        let width: Double
        let isSpace: Bool
        let mapped: Bool
        let placed: PlacedText?
        let opening: PlacedText

        init(_ g: PDFFont.Glyph) {
            width = g.width; isSpace = g.isSpace
            mapped = g.text != nil
            var text = g.text ?? ""
            // Control characters a font's map may give: tabs and line breaks as spaces, the rest as nothing.
            if text.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
                text = String(String.UnicodeScalarView(text.unicodeScalars.compactMap { u -> Unicode.Scalar? in
                    u.value == 9 || u.value == 10 || u.value == 13 ? " " : u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) ? nil : u
                }))
            }
            if text.isEmpty {
                placed = nil
                opening = PlacedText("")
            } else {
                let shown = text.allSatisfy { $0 == " " || $0 == "\u{A0}" } ? " " : text
                placed = PlacedText(shown)
                opening = PlacedText(String(shown.drop { $0 == " " }))
            }
        }
    }

    /// The glyphs of one font as shown so far: one-byte codes in a table, longer ones in a dictionary. A class, so
    /// that the graphics states that hold the font share what is worked out.
    final class ShownGlyphs {
        private var single = [ShownGlyph?](repeating: nil, count: 256)
        private var multi: [UInt64: ShownGlyph] = [:]

        /// The glyph of `code` (of `n` bytes) in `font`.
        @inline(__always)
        func glyph(_ font: PDFFont, _ code: UInt32, length n: Int) -> ShownGlyph {
            if n == 1 && code < 256 {
                if let g = single[Int(code)] { return g }
                let g = ShownGlyph(font.glyph(code, length: n))
                single[Int(code)] = g
                return g
            }
            let key = UInt64(n) << 32 | UInt64(code)
            if let g = multi[key] { return g }
            let g = ShownGlyph(font.glyph(code, length: n))
            // At most 65,536 codes kept: a file that shows millions of distinct codes (unmapped ones count toward no
            // limit of the text) would otherwise fill the memory with them.
            if multi.count < 1 << 16 { multi[key] = g }
            return g
        }
    }
}
