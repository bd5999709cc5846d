#if canImport(Glibc)
import Glibc
#endif
/// The input formats Slant reads.
public enum InputFormat: String, CaseIterable, Sendable {
    /// Labeled JSONL, one object per line (gzip allowed).
    case jsonl
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// Tab-separated values with a header row.
    case tsv
    /// One article per file; with `titleFirstLine` the first line is the headline.
    case text
    /// A saved web page per file (`.html`, `.htm`): its headline and article text (`HTMLText`).
    case html
    /// Lines from a stream: a line starting with `{` is a JSONL record, any other non-empty line is a text.
    case lines
    /// A web archive (`.warc`, `.warc.gz`): each web page a crawl saved, read as a `.html` file is
    /// (`WebArchiveReader`, `HTMLText`), its id the address it was fetched from.
    case warc
    /// A Word document (`.docx`): its paragraphs, a line each (`WordDocument`); a Nexis Uni download gives a record
    /// per article (`NexisUni`).
    case docx
    /// An RTF document (`.rtf`, and `.doc` as LexisNexis writes its "Word" downloads): its paragraphs, a line each
    /// (`RTFText`); a Factiva, Nexis Uni, ProQuest or LexisNexis download gives a record per article (`FactivaText`,
    /// `NexisUni`, `ProQuestText`, `NexisText`).
    case rtf
    /// An OpenDocument text (`.odt`, LibreOffice's format): its paragraphs, a line each (`OpenDocument`), read as a
    /// Word document's are.
    case odt
    /// A PDF file (`.pdf`): the text on its pages (`PDFText`), read as `pdftotext` output is; a Nexis Uni,
    /// ProQuest, Factiva or LexisNexis download gives a record per article.
    case pdf

    /// The format implied by a file name (`.csv`, `.tsv`/`.tab`, `.txt`, `.html`/`.htm`/`.xhtml`, `.warc`, `.docx`,
    /// `.rtf`/`.doc`, `.odt`, `.pdf`, each also with `.gz`; else JSONL); stdin reads `lines`.
    public static func guess(path: String) -> InputFormat {
        if path == "-" { return .lines }
        var p = path.lowercased()
        if p.hasSuffix(".gz") { p.removeLast(3) }
        if p.hasSuffix(".csv") { return .csv }
        if p.hasSuffix(".tsv") || p.hasSuffix(".tab") { return .tsv }
        if p.hasSuffix(".txt") { return .text }
        if p.hasSuffix(".html") || p.hasSuffix(".htm") || p.hasSuffix(".xhtml") { return .html }
        if p.hasSuffix(".warc") { return .warc }
        if p.hasSuffix(".docx") { return .docx }
        if p.hasSuffix(".rtf") || p.hasSuffix(".doc") { return .rtf }
        if p.hasSuffix(".odt") { return .odt }
        if p.hasSuffix(".pdf") { return .pdf }
        return .jsonl
    }
}

/// Column names for CSV/TSV input.
public struct ColumnMapping: Sendable {
    public var text = "text"
    public var title: String? = nil
    public var target: String? = nil
    /// The column holding the holder, whose feeling toward the target a directed-sentiment head reads.
    public var holder: String? = nil
    /// The column holding a claim to compare the text against (default: a column named `claim`, if any).
    public var claim: String? = nil
    public var id: String? = nil
    public var source: String? = nil
    /// Task name → column holding its label.
    public var labels: [(task: String, column: String)] = []
    /// Cells of label columns are split on this separator into a multi-label list when set.
    public var multiLabelSeparator: String? = nil
    public init() {}
}

/// Options for reading records.
public struct ReaderOptions: Sendable {
    public var format: InputFormat? = nil
    public var columns = ColumnMapping()
    /// For `.text` input: the first line of the file is the title.
    public var titleFirstLine = false
    /// Applied to records that have no target / title of their own (plain-text input).
    public var defaultTarget: String? = nil
    public var defaultTitle: String? = nil
    /// Applied to records that have no claim of their own.
    public var defaultClaim: String? = nil
    /// Applied to records that have no holder of their own.
    public var defaultHolder: String? = nil
    /// The largest record accepted, in bytes (a JSONL line, a CSV row, a plain-text file).
    public var maxRecordBytes = 8 << 20
    /// Input fields (JSONL keys, CSV/TSV columns) each record keeps for the output (`Record.kept`).
    public var keep: [String] = []
    /// Each record's text is a web page's source (scraped pages stored as JSONL or CSV): it is read for its
    /// article as a `.html` file is (`HTMLText`), its headline the title of a record that has none.
    public var textIsHTML = false
    public init() {}
}

/// Streams `Record`s from one file (or stdin) in any supported format.
///
/// Errors are thrown per record as `SlantError.invalidInput` with the file and line; after an error the reader
/// can be asked for the next record (that is how `--skip-invalid` goes on).
public final class RecordReader {
    public let path: String
    /// The id of the record a plain-text file makes (nil: the file's name).
    public var name: String? = nil
    /// The bytes read from an uncompressed input so far (0 for gzip): how far reading has come.
    public var bytesRead: Int { reader.bytesRead }
    private let reader: ByteReader
    private let format: InputFormat
    private let options: ReaderOptions
    private var lineNumber = 0
    /// Where a JSON array of records is in its reading (nil until the first byte was seen).
    private var array: JSONArrayElements? = nil
    private var csv: CSVParser? = nil
    private var archive: WebArchiveReader? = nil
    private var textDone = false
    /// The articles of a LexisNexis download not yet given (`NexisText`), the next one last.
    private var downloaded: [Result<Record, Error>] = []
    /// What a web archive gave: its pages read, its records left out and why (empty for other formats).
    public private(set) var archiveTally = ArchiveTally()
    /// Called with each web page of a web archive that was left out: its address, record number and why.
    public var onPageLeftOut: ((_ uri: String?, _ record: Int, _ why: ArchiveLeftOut) -> Void)? = nil

    /// Opens `path` (`-` for stdin; a path through a ZIP archive, "downloads.zip/2024/a.docx", opens that file of
    /// it: `ZipInputs`).
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        self.path = path
        self.options = options
        if let inside = ZipInputs.split(path) {
            // As a document's bytes: at most 32 × `maxRecordBytes` once inflated.
            let limit = options.maxRecordBytes.multipliedReportingOverflow(by: 32).overflow ? Int.max : options.maxRecordBytes * 32
            self.reader = try ByteReader(bytes: try ZipInputs.read(archive: inside.archive, member: inside.member, limit: limit), path: path)
        } else {
            self.reader = try ByteReader(path: path)
        }
        self.reader.maxLineBytes = options.maxRecordBytes
        var format = options.format ?? InputFormat.guess(path: path)
        if format != .docx && format != .odt && format != .rtf && format != .warc && format != .pdf, let kind = BinaryKind(try reader.peek(8)) {
            // A PDF whose name says otherwise (or on stdin) is read as one, unless a format was asked for.
            guard kind == .pdf, options.format == nil else { throw SlantError.invalidInput(file: path, line: 1, message: kind.refusal(path)) }
            format = .pdf
        }
        self.format = format
        if format == .csv || format == .tsv {
            csv = try CSVParser(reader: reader, path: path, separator: format == .csv ? UInt8(ascii: ",") : 0x09,
                                mapping: options.columns, keep: options.keep)
        }
        if format == .warc { archive = WebArchiveReader(reader: reader, path: path, maxBytes: options.maxRecordBytes) }
    }

    /// The fields a web page gives `--keep`: `url` (the address it was fetched from, else its own), `date` (when
    /// it says it was published), `source` (the host of `url`, without "www."), `crawl_date` (when a crawl fetched
    /// it); any other is null.
    static func pageFields(_ keep: [String], page: HTMLText.Page, fetched: String?, crawled: String?) -> [JSONValue] {
        let url = fetched ?? page.url
        return keep.map { name -> JSONValue in
            let v: String?
            switch name {
            case "url": v = url
            case "date": v = page.published
            case "source": v = url.flatMap(host)
            case "crawl_date": v = crawled
            default: v = nil
            }
            return v.map(JSONValue.string) ?? .null
        }
    }

    /// The host of an absolute URL, lower case, without a leading "www." ("https://www.Example.com:8080/a" is
    /// "example.com"); nil when the URL has none.
    static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        var rest = url[scheme.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") { rest = rest[..<colon] }
        var h = rest.lowercased()
        if h.hasPrefix("www.") { h.removeFirst(4) }
        return h.isEmpty ? nil : h
    }

    /// The defaults for what a record lacks: its target, title and claim, and the kept fields of a record that has
    /// none of its own (plain text, lines: every one missing); then its text cleaned (`InvisibleCharacters`:
    /// invisible format characters removed, mis-decoded punctuation repaired).
    private func applyDefaults(_ r: inout Record) throws {
        if !options.keep.isEmpty && r.kept.isEmpty { r.kept = options.keep.map { _ in .null } }
        // `text` and `title` kept from what was read, where the input has no such field: a document's text as Slant
        // read it (a PDF's pages, a download's article), which offsets point into.
        for (k, name) in options.keep.enumerated() where k < r.kept.count && r.kept[k] == .null {
            if name == "text" { r.kept[k] = .string(r.text) } else if name == "title", let t = r.title { r.kept[k] = .string(t) }
        }
        if r.target == nil, let t = options.defaultTarget { r.target = t }
        if r.title == nil, let t = options.defaultTitle { r.title = t }
        if r.claim == nil, let c = options.defaultClaim { r.claim = c }
        if r.holder == nil, let h = options.defaultHolder { r.holder = h }
        if options.textIsHTML && format != .html && format != .warc {
            guard r.spans.isEmpty else {
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "\"spans\" cannot point into a web page's source: its article text is made from it (--html-text)")
            }
            let page = HTMLText.read(r.text)
            guard !page.text.isEmpty else {
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "the text (a web page, --html-text) has no article text: " + HTMLText.noProse(page.blocks))
            }
            r.text = page.text
            if r.title == nil { r.title = page.title }
        }
        try r.removeInvisibleCharacters()
    }

    /// Whether the input is line-based (JSONL or lines), so that lines can be split off cheaply on one thread
    /// and parsed on others (`nextRawLine` + `parse`).
    public var isLineBased: Bool { format == .jsonl || format == .lines }

    /// The next raw line and its 1-based number, nil at end of input (line-based formats only). A JSONL file that
    /// opens with "[" is a JSON array of records (`.json` files as most tools write them, pretty-printed or on
    /// one line): each element is returned in the place of a line, with the line it starts on. So are lines from
    /// stdin that open with "[" and "{" or "]" (white space between): no text line does.
    public func nextRawLine() throws -> RawRecord? {
        if array == nil, format == .jsonl || format == .lines {
            array = try startsAnArray() ? JSONArrayElements() : JSONArrayElements(phase: .none)
        }
        if let a = array, a.phase != .none { return try nextArrayElement() }
        lineNumber += 1
        do {
            guard let bytes = try reader.nextLine({ Array($0) }) else { return nil }
            return RawRecord(bytes: bytes, line: lineNumber, number: lineNumber)
        } catch let e as ByteReader.LineTooLong {
            throw SlantError.io(path: path, message: "line \(lineNumber) is longer than the limit of \(e.limit) bytes (--max-record-bytes); stopping")
        }
    }

    /// Whether the input opens a JSON array of records: "[" first after white space (for lines from stdin, "{" or
    /// "]" next).
    private func startsAnArray() throws -> Bool {
        let head = try reader.peek(4096)
        let white: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let open = head.firstIndex(where: { !white($0) }), head[open] == 0x5B else { return false }
        if format == .jsonl { return true }
        let next = head[(open + 1)...].first { !white($0) }
        return next == 0x7B || next == 0x5D
    }

    /// The next element of a JSON array of records, its bytes and the line it starts on; nil after the array's "]".
    /// Each element must be an object no longer than `--max-record-bytes`; the array must be closed, with nothing
    /// but white space after it. Read byte by byte, so that an array on one line of any length streams.
    private func nextArrayElement() throws -> RawRecord? {
        func fail(_ message: String) -> SlantError { .invalidInput(file: path, line: array!.line, message: message) }
        let count = { self.array!.count }
        while true {
            guard let c = try reader.nextByte() else {
                if array!.phase == .closed { return nil }
                throw fail("the JSON array is not closed: the file ends after \(count()) record\(count() == 1 ? "" : "s") (cut short?)")
            }
            if c == 0x0A { array!.line += 1; continue }
            if c == 0x20 || c == 0x09 || c == 0x0D { continue }
            switch array!.phase {
            case .none: return nil
            case .open:
                array!.phase = .first                               // the "[" `startsAnArray` saw
                continue
            case .first where c == 0x5D, .separator where c == 0x5D:      // "]"
                array!.phase = .closed
                continue
            case .separator:
                guard c == 0x2C else { throw fail("expected ',' or ']' after record \(count()) of the JSON array, found '\(Unicode.Scalar(c))'") }
                array!.phase = .element
                continue
            case .closed:
                throw fail("text after the JSON array's closing ']': a file holds one array of records")
            case .first, .element:
                if c == 0x5D { throw fail("a comma before the JSON array's closing ']': JSON allows none") }
                guard c == 0x7B else {
                    throw fail("element \(count() + 1) of the JSON array is not an object ('\(Unicode.Scalar(c))'): each record is a JSON object")
                }
            }
            // An object: bytes up to its matching "}", strings and their escapes passed over (a buffered chunk at a time).
            let line = array!.line
            var out: [UInt8] = [c]
            var depth = 1, inString = false, escaped = false, newlines = 0
            while depth > 0 {
                guard try reader.consume({ chunk -> (consumed: Int, result: Void) in
                    var k = 0
                    while k < chunk.count, depth > 0 {
                        let b = chunk[k]
                        k += 1
                        if inString {
                            if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                        } else if b == 0x22 { inString = true } else if b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x7D || b == 0x5D { depth -= 1 }
                        if b == 0x0A { newlines += 1 }
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<k]))
                    return (k, ())
                }) != nil else {
                    throw SlantError.invalidInput(file: path, line: line, message: "record \(count() + 1) of the JSON array is not closed: the file is cut short")
                }
                if out.count > options.maxRecordBytes {
                    throw SlantError.io(path: path, message: "record \(count() + 1) of the JSON array (line \(line)) is longer than the limit of \(options.maxRecordBytes) bytes (--max-record-bytes); stopping")
                }
            }
            array!.line += newlines
            array!.count += 1
            array!.phase = .separator
            return RawRecord(bytes: out, line: line, number: array!.count)
        }
    }

    /// Parses one raw line into a record (nil for a blank line); without an `id`, its id is `number` (its line, or
    /// its place in a JSON array). Thread-safe: it reads only immutable state.
    /// - Throws: `SlantError.invalidInput` naming this file and `line`.
    public func parse(_ bytes: [UInt8], line: Int, number: Int? = nil) throws -> Record? {
        try bytes.withUnsafeBufferPointer { bytes -> Record? in
            var s = 0
            while s < bytes.count, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            if s == bytes.count { return nil }
            var rec: Record
            if format == .lines && bytes[s] != UInt8(ascii: "{") {
                if let z = bytes.firstIndex(of: 0) {
                    throw SlantError.invalidInput(file: path, line: line, message: EncodingHint.zeroByte(at: z, bytes, path: path, what: "the line"))
                }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw SlantError.invalidInput(file: path, line: line, message: EncodingHint.message("invalid UTF-8", bytes, path: path))
                }
                rec = Record(id: String(line), text: text, file: path, line: line)
            } else {
                let json: JSONValue
                do { json = try JSONParser.parse(bytes) } catch let e as JSONParseError {
                    throw SlantError.invalidInput(file: path, line: line, message: EncodingHint.message("malformed JSON at column \(e.offset + 1): \(e.message)", bytes, path: path))
                }
                rec = try Record(json: json, file: path, line: line, number: number)
                if !options.keep.isEmpty, case .object(let o) = json { rec.kept = options.keep.map { o[$0] ?? .null } }
            }
            try applyDefaults(&rec)
            return rec
        }
    }

    /// The next record, nil at end of input.
    public func next() throws -> Record? {
        switch format {
        case .jsonl, .lines:
            while let l = try nextRawLine() {
                if let r = try parse(l.bytes, line: l.line, number: l.number) { return r }
            }
            return nil
        case .csv, .tsv:
            guard var r = try csv!.next() else { return nil }
            try applyDefaults(&r)
            return r
        case .warc, .html:
            return try nextPage()
        case .text:
            if let next = downloaded.popLast() { return try next.get() }
            if textDone { return nil }
            textDone = true
            let bytes = try fileBytes()
            if RTFText.looksLikeRTF(bytes.prefix(64)) { return try rtfDocument(bytes) }       // an RTF file named .txt
            var all = try decodedFile(bytes, orElse: { _ in nil })
            // A download's marks first (most text files have none), its lines split once for the readers that need them.
            let marks = (uni: ByteScan.contains(all, "End of Document"), factiva: ByteScan.contains(all, "\nDocument "),
                         proQuest: ByteScan.contains(all, "ProQuest document ID:"))
            let lines = marks.uni || marks.factiva || marks.proQuest ? NexisUni.lines(of: all) : []
            if let documents = NexisText.documents(all) ?? (marks.uni ? NexisUni.documents(lines) : nil)
                ?? (marks.factiva ? FactivaText.documents(lines) : nil) ?? (marks.proQuest ? ProQuestText.documents(lines) : nil) {
                return try firstOfDownload(documents)
            }
            var title: String? = nil
            if options.titleFirstLine, let nl = all.firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
                title = String(all[..<nl]).trimmingCharacters()
                all = String(all[all.index(after: nl)...])
            } else if options.titleFirstLine {
                title = all.trimmingCharacters(); all = ""
            }
            if all.allSatisfy({ $0.isWhitespace }) {
                if let t = title, !t.isEmpty { all = t } else {
                    throw SlantError.invalidInput(file: path, line: 1, message: "the file has no text")
                }
            }
            var r = Record(id: fileID, text: all, title: title, file: path, line: 1)
            try applyDefaults(&r)
            return r
        case .docx, .odt:
            if let next = downloaded.popLast() { return try next.get() }
            if textDone { return nil }
            textDone = true
            return try wordDocument()
        case .rtf:
            if let next = downloaded.popLast() { return try next.get() }
            if textDone { return nil }
            textDone = true
            return try rtfDocument(try documentBytes("RTF document"))
        case .pdf:
            if let next = downloaded.popLast() { return try next.get() }
            if textDone { return nil }
            textDone = true
            return try pdfDocument()
        }
    }

    /// The first record of a PDF file: a Nexis Uni, ProQuest, Factiva or LexisNexis download's first article (the
    /// others queued in `downloaded`), else its text as one record, laid out as `pdftotext` gives it (a blank
    /// line between paragraphs, a form feed between pages). Its title: the first line with `titleFirstLine`, else
    /// a paragraph among the first page's first five set at least a fifth larger than the text's usual size (the
    /// largest such), when it has two words or more and is no longer than 300 characters.
    private func pdfDocument() throws -> Record? {
        let bytes = try documentBytes("PDF file")
        var paragraphs: [PDFText.Paragraph]
        do { paragraphs = try PDFText.paragraphs(ofFile: bytes, limit: reader.maxLineBytes) } catch {
            throw SlantError.invalidInput(file: path, line: 1, message: "\(error)")
        }
        let texts = paragraphs.map { $0.lines.joined(separator: "\n") }
        if let documents = NexisUni.documents(texts) ?? ProQuestText.documents(texts) ?? FactivaText.documents(texts)
            ?? NexisText.documents(PDFText.text(paragraphs)) {
            return try firstOfDownload(documents)
        }
        var title: String? = nil
        if options.titleFirstLine, !paragraphs.isEmpty {
            title = paragraphs[0].lines.removeFirst().trimmingCharacters()
            if paragraphs[0].lines.isEmpty { paragraphs.removeFirst() }
        } else if let k = PDFText.titleParagraph(paragraphs) {
            title = paragraphs[k].joined.trimmingCharacters()
            paragraphs.remove(at: k)
        }
        return try documentRecord(text: PDFText.text(paragraphs), title: title, kind: "PDF file")
    }

    /// The whole of a document file (`.docx`, `.rtf`), up to 32 × `maxRecordBytes`: a download holds hundreds of
    /// articles.
    private func documentBytes(_ kind: String) throws -> [UInt8] {
        reader.maxLineBytes = options.maxRecordBytes.multipliedReportingOverflow(by: 32).overflow ? Int.max : options.maxRecordBytes * 32
        defer { reader.release() }
        do { return try reader.readAll() } catch let e as ByteReader.LineTooLong {
            throw SlantError.io(path: path, message: "the \(kind) is longer than the limit of \(e.limit) bytes (32 × --max-record-bytes)")
        }
    }

    /// The first record of an RTF document: a Nexis Uni, Factiva, ProQuest or LexisNexis download's first article (the
    /// others queued in `downloaded`), else the document's paragraphs as a record (`paragraphsRecord`).
    private func rtfDocument(_ bytes: [UInt8]) throws -> Record? {
        let paragraphs: [RTFText.Paragraph]
        do { paragraphs = try RTFText.paragraphs(bytes) } catch {
            throw SlantError.invalidInput(file: path, line: 1, message: error.description)
        }
        let texts = paragraphs.map(\.text)
        if let documents = NexisUni.documents(texts) ?? FactivaText.documents(texts, bold: paragraphs.map(\.bold)) ?? ProQuestText.documents(texts)
            ?? NexisText.documents(texts.joined(separator: "\n")) {
            return try firstOfDownload(documents)
        }
        return try paragraphsRecord(paragraphs.map { WordDocument.Paragraph(text: $0.text, style: $0.style) }, kind: "RTF document")
    }

    /// The first record of a Word document (`.docx`) or an OpenDocument text (`.odt`): a Nexis Uni or ProQuest
    /// download's first article (the others queued in
    /// `downloaded`), else the document's paragraphs, a line each, its title the first paragraph when it is styled
    /// as a title or heading (or with `titleFirstLine`). A record's `line` counts paragraphs.
    private func wordDocument() throws -> Record? {
        let kind = format == .odt ? "OpenDocument text" : "Word document"
        let bytes = try documentBytes(kind)
        let paragraphs: [WordDocument.Paragraph]
        do {
            paragraphs = format == .odt ? try OpenDocument.paragraphs(ofFile: bytes, limit: reader.maxLineBytes)
                                        : try WordDocument.paragraphs(ofFile: bytes, limit: reader.maxLineBytes)
        } catch {
            throw SlantError.invalidInput(file: path, line: 1, message: error.description)
        }
        let texts = paragraphs.map(\.text)
        if let documents = NexisUni.documents(texts) ?? ProQuestText.documents(texts) { return try firstOfDownload(documents) }
        return try paragraphsRecord(paragraphs, kind: kind)
    }

    /// A document's paragraphs as one record, a line each, its title the first paragraph when it is styled as a
    /// title or heading (or with `titleFirstLine`). `kind` names the document in errors.
    private func paragraphsRecord(_ paragraphs: [WordDocument.Paragraph], kind: String) throws -> Record? {
        let texts = paragraphs.map(\.text)
        var first = paragraphs.firstIndex { !$0.text.allSatisfy(\.isWhitespace) } ?? paragraphs.endIndex
        var title: String? = nil
        if first < paragraphs.endIndex, options.titleFirstLine || paragraphs[first].style.map(WordDocument.isTitleStyle) == true {
            title = paragraphs[first].text.trimmingCharacters()
            first += 1
        }
        let blank: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        var last = texts.endIndex
        while first < last, blank(texts[first]) { first += 1 }
        while last > first, blank(texts[last - 1]) { last -= 1 }
        return try documentRecord(text: texts[first..<last].joined(separator: "\n"), title: title, kind: kind)
    }

    /// A document's record: its text (the title when it has none), checked against the record limit; `kind` names
    /// the document in errors.
    private func documentRecord(text: String, title: String?, kind: String) throws -> Record {
        var text = text
        if text.allSatisfy(\.isWhitespace) {
            guard let t = title, !t.isEmpty else { throw SlantError.invalidInput(file: path, line: 1, message: "the \(kind) has no text") }
            text = t
        }
        guard text.utf8.count <= options.maxRecordBytes else {
            throw SlantError.invalidInput(file: path, line: 1, message: "the \(kind)'s text is longer than the limit of \(options.maxRecordBytes) bytes for one record (--max-record-bytes)")
        }
        var r = Record(id: fileID, text: text, title: title, file: path, line: 1)
        try applyDefaults(&r)
        return r
    }

    /// The first record of a download's articles, the others queued in `downloaded` (kept in reverse, taken from
    /// the end). An article without text is an error when its turn comes, so that the others are read.
    private func firstOfDownload(_ documents: [NexisText.Document]) throws -> Record? {
        downloaded = documents.reversed().map { d in Result { try downloadedRecord(d) } }
        return try downloaded.popLast()?.get()
    }

    /// The record of an article of a download (`NexisText`, `NexisUni`, `FactivaHTML`): `id` the file's name and the
    /// article's number.
    private func downloadedRecord(_ d: NexisText.Document) throws -> Record {
        guard !d.text.allSatisfy(\.isWhitespace) else {
            throw SlantError.invalidInput(file: path, line: d.line, message: "document \(d.number) of the download has no text")
        }
        guard d.text.utf8.count <= options.maxRecordBytes else {
            throw SlantError.invalidInput(file: path, line: d.line, message: "document \(d.number) of the download is longer than the limit of \(options.maxRecordBytes) bytes for one record (--max-record-bytes)")
        }
        var r = Record(id: fileID + "#\(d.number)", text: d.text, title: d.title, file: path, line: d.line)
        r.source = d.source
        if !options.keep.isEmpty {
            r.kept = options.keep.map { name -> JSONValue in
                let v: String?
                switch name {
                case "date": v = d.isoDate ?? d.date
                case "source": v = d.source
                case "title": v = d.title
                default: v = d.fields[name]
                }
                return v.map(JSONValue.string) ?? .null
            }
        }
        try applyDefaults(&r)
        return r
    }

    /// The whole of a one-record file (plain text, a web page), without a zero byte.
    private func fileBytes() throws -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try reader.readAll() } catch let e as ByteReader.LineTooLong {
            throw SlantError.io(path: path, message: "the file is longer than the limit of \(e.limit) bytes for one record (--max-record-bytes)")
        }
        if let z = bytes.firstIndex(of: 0) {
            let line = 1 + bytes[..<z].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let message = bytes.withUnsafeBufferPointer { EncodingHint.zeroByte(at: z, $0, path: path, what: "the file") }
            throw SlantError.invalidInput(file: path, line: line, message: message)
        }
        return bytes
    }

    /// A one-record file's bytes as UTF-8, else as `orElse` decodes them; an error naming the line of the first
    /// byte that is not UTF-8 otherwise.
    private func decodedFile(_ bytes: [UInt8], orElse: ([UInt8]) -> String?) throws -> String {
        if let s = String(validating: bytes, as: UTF8.self) ?? orElse(bytes) { return s }
        var line = 1
        var it = bytes.makeIterator(); var dec = UTF8(); var consumed = 0
        loop: while true {
            switch dec.decode(&it) {
            case .scalarValue(let sc): consumed += UTF8.width(sc); if sc == "\n" { line += 1 }
            case .emptyInput, .error: break loop
            }
        }
        let message = bytes.withUnsafeBufferPointer { EncodingHint.message("invalid UTF-8 (byte \(consumed) of the file)", $0, path: path) }
        throw SlantError.invalidInput(file: path, line: line, message: message)
    }

    /// A plain-text or web page file's record id: its name, or the name it was given (`name`).
    private var fileID: String { name ?? path.split(separator: "/").last.map(String.init) ?? path }

    /// A record read but not yet made (`nextPending`): a web page's source is read for its article by `make`, on
    /// whichever thread scores it, as a JSONL line is parsed on the thread that scores it (`parse`).
    public enum Pending: Sendable {
        /// A record already made.
        case record(Record)
        /// A `.html` file's page, decoded.
        case page(String)
        /// A web archive's page, its record number.
        case archived(WebArchiveReader.Page, record: Int)
        /// A web archive's record that holds no page, or a page that cannot be read.
        case leftOut(ArchiveLeftOut, uri: String?, record: Int)
    }

    /// What `make` made of a pending record: the record, or why a web archive's record gave none.
    public enum Made: Sendable {
        case record(Record)
        case leftOut(ArchiveLeftOut, uri: String?, record: Int)

        /// The record, nil when it was left out.
        var record: Record? { if case .record(let r) = self { return r } else { return nil } }
    }

    /// The next record, pages not yet read for their article (web archives and `.html` files; any other format
    /// gives its records made); nil at the end of input. Formats that are line-based (`isLineBased`) are read
    /// with `nextRawLine` instead.
    public func nextPending() throws -> Pending? {
        switch format {
        case .warc:
            guard let item = try archive!.next() else { reader.release(); return nil }
            switch item {
            case .leftOut(let why, let uri): return .leftOut(why, uri: uri, record: archive!.number)
            case .page(let p): return .archived(p, record: archive!.number)
            }
        case .html:
            if let next = downloaded.popLast() { return .record(try next.get()) }
            guard !textDone else { return nil }
            textDone = true
            let bytes = try fileBytes()
            reader.release()
            // (A web page may say it is in Windows-1252 or Latin-1: `HTMLText.decodeDeclared`.)
            let html = try decodedFile(bytes, orElse: HTMLText.decodeDeclared)
            if let documents = FactivaHTML.documents(html) {
                return try firstOfDownload(documents).map(Pending.record)   // articles saved from Factiva
            }
            return .page(html)
        default:
            return try next().map(Pending.record)
        }
    }

    /// Makes a pending record: a page read for its article. Thread-safe: it reads only immutable state.
    /// - Throws: `SlantError.invalidInput` for a `.html` file without article text.
    public func make(_ pending: Pending) throws -> Made {
        switch pending {
        case .record(let r): return .record(r)
        case .leftOut(let why, let uri, let n): return .leftOut(why, uri: uri, record: n)
        case .page(let html):
            let page = HTMLText.read(html)
            guard !page.text.isEmpty else {
                throw SlantError.invalidInput(file: path, line: 1, message: "the page has no article text: " + HTMLText.noProse(page.blocks))
            }
            var r = Record(id: fileID, text: page.text, title: page.title, file: path, line: 1)
            r.kept = Self.pageFields(options.keep, page: page, fetched: nil, crawled: nil)
            try applyDefaults(&r)
            return .record(r)
        case .archived(let found, let number):
            if found.body.withUnsafeBufferPointer({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) {
                return .leftOut(.zeroByte, uri: found.uri, record: number)
            }
            // UTF-8 when it is valid; else the charset the response names, else the one the page declares.
            guard let html = String(validating: found.body, as: UTF8.self)
                    ?? found.charset.flatMap({ HTMLText.decode(found.body, charset: $0) })
                    ?? HTMLText.decodeDeclared(found.body) else {
                return .leftOut(.charset(found.charset ?? "none declared"), uri: found.uri, record: number)
            }
            let page = HTMLText.read(html)
            guard !page.text.isEmpty else { return .leftOut(.noArticle(blocks: page.blocks), uri: found.uri, record: number) }
            var r = Record(id: found.uri ?? "\(fileID)#\(number)", text: page.text, title: page.title, file: path, line: number)
            r.source = found.uri.flatMap(Self.host)
            r.kept = Self.pageFields(options.keep, page: page, fetched: found.uri, crawled: found.date)
            try applyDefaults(&r)
            return .record(r)
        }
    }

    /// Counts what a web archive's record gave in `archiveTally` (a page read, or why none), and hands a page
    /// left out to `onPageLeftOut`: called in the file's order.
    private func count(_ made: Made) {
        switch made {
        case .record: if format == .warc { archiveTally.pages += 1 }
        case .leftOut(let why, let uri, let number):
            archiveTally.add(why)
            if why.isPage { onPageLeftOut?(uri, number, why) }
        }
    }

    /// The next page with article text (of a web archive, or a `.html` file's one), nil at the end; a web
    /// archive's records before it that gave none are counted (`count`).
    private func nextPage() throws -> Record? {
        while let pending = try nextPending() {
            let made = try make(pending)
            count(made)
            if let r = made.record { return r }
        }
        return nil
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// A record's raw bytes as `RecordReader.nextRawLine` splits them off (a JSONL line, or an element of a JSON array),
/// to be parsed on another thread (`RecordReader.parse`).
public struct RawRecord: Sendable {
    /// The bytes: a line, or an array's element.
    public var bytes: [UInt8]
    /// The 1-based line it starts on.
    public var line: Int
    /// Its number when it has no id: its line, or its place in a JSON array (1, 2, ...).
    public var number: Int
    public init(bytes: [UInt8], line: Int, number: Int) { self.bytes = bytes; self.line = line; self.number = number }
}

/// The reading of a JSON array of records (`RecordReader.nextRawLine`): what comes next, the line, the records so far.
struct JSONArrayElements {
    enum Phase { case none, open, first, element, separator, closed }
    var phase = Phase.open
    var line = 1
    var count = 0
}

/// Files that are no text, known by their first bytes, refused with what to do instead (read as text, a ZIP file
/// was "malformed JSON" or "invalid UTF-8 ... convert it with iconv", which sent users the wrong way); a PDF is
/// read as one unless another format was asked for.
enum BinaryKind {
    case pdf, zip, office97

    init?(_ head: [UInt8]) {
        if head.starts(with: Array("%PDF-".utf8)) { self = .pdf }
        else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { self = .zip }
        else if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { self = .office97 }
        else { return nil }
    }

    /// Why `path` is not read, and what to do.
    func refusal(_ path: String) -> String {
        switch self {
        case .pdf:
            return "a PDF file, not read as the format asked for: read it as a PDF (--input-format pdf, or a name ending in .pdf)"
        case .zip:
            return "a ZIP archive (a Word document, OpenDocument or spreadsheet file, or a .zip), which is not read as text: a Word document is read when its name ends in .docx, an OpenDocument text in .odt (or with --input-format docx or odt); an archive of articles when its name ends in .zip (as the folder it unpacks to; not on stdin)"
        case .office97:
            return "a Word 97-2003 (.doc) or other Office 97-2003 file, which Slant does not read: save it as .docx or .rtf"
        }
    }
}
