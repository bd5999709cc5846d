import CZlib
import Foundation

/// Why a record of a web archive gave no article to score. Pages that could not be read are listed one by one
/// with `slant-score --why`; records that hold no page (requests, metadata, images) are only counted.
public enum ArchiveLeftOut: Error, Hashable, Sendable, CustomStringConvertible {
    /// A record that holds no page: its WARC-Type ("request", "metadata", "warcinfo", "revisit", ...).
    case record(String)
    /// A response whose media type is not a web page ("image/jpeg"; a DNS lookup's "text/dns").
    case notHTML(String)
    /// An HTTP response whose status is not 2xx (a redirect, an error page).
    case status(Int)
    /// A page compressed in a content encoding Slant does not decode ("br", "zstd").
    case compressed(String)
    /// A page larger than the largest record accepted (`--max-record-bytes`), in bytes (at least).
    case tooLarge(Int)
    /// A response whose HTTP message cannot be read, and why.
    case malformed(String)
    /// A page neither in UTF-8 nor in a charset Slant decodes (its declared charset, or "none declared").
    case charset(String)
    /// A page with a zero byte in it (not text).
    case zeroByte
    /// A page none of whose blocks of text read as prose (an index page, a gallery, a page built by scripts).
    case noArticle(blocks: Int)

    /// Whether the record is a web page that was left out (listed by `--why`), rather than no page at all.
    public var isPage: Bool {
        switch self {
        case .record, .notHTML, .status: return false
        default: return true
        }
    }

    /// The group a summary counts it in.
    public var group: String {
        switch self {
        case .record(let t): return "\(t) records (no page)"
        case .notHTML: return "responses that are not web pages"
        case .status: return "responses with an HTTP status other than 2xx"
        case .compressed: return "pages in a compression Slant does not decode"
        case .tooLarge: return "pages over --max-record-bytes"
        case .malformed: return "responses whose HTTP message cannot be read"
        case .charset: return "pages neither in UTF-8 nor in Windows-1252"
        case .zeroByte: return "pages with a zero byte (not text)"
        case .noArticle: return "pages without article text"
        }
    }

    /// The detail counted within the group ("image/jpeg", "404"), nil for none.
    public var detail: String? {
        switch self {
        case .notHTML(let t), .compressed(let t), .charset(let t): return t
        case .status(let s): return String(s)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .record(let t): return "a \(t) record, no page"
        case .notHTML(let t): return "not a web page (\(t))"
        case .status(let s): return "HTTP status \(s)"
        case .compressed(let e): return "compressed as \"\(e)\", which Slant does not decode (gzip and deflate only)"
        case .tooLarge(let n): return "\(n) bytes or more, over the limit of one record (--max-record-bytes)"
        case .malformed(let why): return "the HTTP response cannot be read: \(why)"
        case .charset(let c): return "not UTF-8, and its charset (\(c)) is not one Slant decodes (UTF-8, Windows-1252, Latin-1)"
        case .zeroByte: return "the page has a zero byte: not text"
        case .noArticle(let blocks): return "no article text: " + HTMLText.noProse(blocks)
        }
    }
}

/// What a run left out of its web archives, by group and detail, with the first few pages left out.
public struct ArchiveTally: Sendable {
    /// Pages read from web archives and handed on to be scored.
    public internal(set) var pages = 0
    /// Records left out, per group, with counts per detail.
    public private(set) var groups: [String: (count: Int, details: [String: Int])] = [:]
    /// Web pages among the records left out (`ArchiveLeftOut.isPage`).
    public private(set) var pagesLeftOut = 0
    /// How many records were left out in all.
    public var leftOut: Int { groups.values.reduce(0) { $0 + $1.count } }

    public init() {}

    /// Counts one record left out.
    public mutating func add(_ why: ArchiveLeftOut) {
        var g = groups[why.group] ?? (0, [:])
        g.count += 1
        if let d = why.detail { g.details[d, default: 0] += 1 }
        groups[why.group] = g
        if why.isPage { pagesLeftOut += 1 }
    }

    /// Adds another tally's counts to this one.
    public mutating func merge(_ other: ArchiveTally) {
        pages += other.pages
        pagesLeftOut += other.pagesLeftOut
        for (name, g) in other.groups {
            var mine = groups[name] ?? (0, [:])
            mine.count += g.count
            for (d, n) in g.details { mine.details[d, default: 0] += n }
            groups[name] = mine
        }
    }

    /// For stderr: the pages read and the records left out, one line per group, largest first (with at most five
    /// details each); nil when no web archive was read.
    public var summary: String? {
        guard pages > 0 || !groups.isEmpty else { return nil }
        var s = "web archives: \(pages) page\(pages == 1 ? "" : "s") read"
        guard !groups.isEmpty else { return s }
        s += ", \(leftOut) record\(leftOut == 1 ? "" : "s") left out:"
        for (name, g) in groups.sorted(by: { $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key) }) {
            s += "\n  \(g.count) × \(name)"
            if !g.details.isEmpty {
                let top = g.details.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                s += " (" + top.prefix(5).map { "\($0.key): \($0.value)" }.joined(separator: ", ") + (top.count > 5 ? ", ..." : "") + ")"
            }
        }
        return s
    }
}

/// Reads the web pages a crawl saved in a WARC file (ISO 28500: WARC/1.0 and 1.1; `.warc`, or `.warc.gz` with a
/// gzip member per record, as Common Crawl's news crawl, Heritrix, `wget --warc-file`, warcio and Browsertrix
/// write them).
///
/// A record is a version line ("WARC/1.1"), header lines ("Name: value", folded lines continued), a blank line,
/// then `Content-Length` bytes and a blank line. Pages are `response` records holding an HTTP response with a 2xx
/// status and an HTML media type (`text/html`, `application/xhtml+xml`; a response that names none is HTML when
/// its payload opens with `<!DOCTYPE html` or `<html`), and `resource` records whose own `Content-Type` is HTML. A
/// payload stored as it was sent is undone: `Transfer-Encoding: chunked`, then `Content-Encoding: gzip` or
/// `deflate` (a payload a crawler already decoded, as Common Crawl's are, is read as it is). Every other record
/// is passed over without being kept in memory, and said why (`ArchiveLeftOut`).
///
/// The file's structure is checked strictly: a record that does not open with a version line, lacks a
/// `Content-Length`, or is cut short ends the reading with an error that names the record and where it starts.
public struct WebArchiveReader {
    /// A page a record holds: its payload still in bytes (its charset is the caller's to apply).
    public struct Page: Sendable {
        /// `WARC-Target-URI`: the address the page was fetched from (nil when the record names none).
        public var uri: String?
        /// `WARC-Date`: when it was fetched.
        public var date: String?
        /// The charset its `Content-Type` names, if any ("utf-8", "windows-1252").
        public var charset: String?
        /// The page's bytes.
        public var body: [UInt8]
    }

    /// One record's outcome.
    public enum Item: Sendable {
        case page(Page)
        case leftOut(ArchiveLeftOut, uri: String?)
    }

    let reader: ByteReader
    let path: String
    /// The largest page accepted, in bytes (decoded).
    let maxBytes: Int
    /// The number of the record read last (1-based).
    public private(set) var number = 0
    /// The offset in the (decompressed) file at which the record read last starts.
    public private(set) var recordOffset = 0

    /// Header lines are short; a longer one means the file is not a WARC file, or is damaged.
    static let maxHeaderLine = 1 << 16
    /// A record has at most this many header lines.
    static let maxHeaderLines = 1000

    public init(reader: ByteReader, path: String, maxBytes: Int) {
        self.reader = reader; self.path = path; self.maxBytes = maxBytes
        reader.maxLineBytes = Self.maxHeaderLine
    }

    private func fail(_ message: String) -> SlantError {
        .io(path: path, message: "record \(number) (at byte \(recordOffset)\(reader.isGzip ? " of the decompressed file" : "")): " + message)
    }

    private func line() throws -> [UInt8]? {
        do { return try reader.nextLine { Array($0) } } catch is ByteReader.LineTooLong {
            if number == 0 { throw SlantError.io(path: path, message: "not a WARC file: its first line is longer than \(Self.maxHeaderLine) bytes") }
            throw fail("a header line is longer than \(Self.maxHeaderLine) bytes: the file is not a WARC file, or is damaged")
        }
    }

    /// The next record's outcome, nil at the end of the file.
    /// - Throws: `SlantError.io` for a file that is not a WARC file, a damaged record or a truncated one.
    public mutating func next() throws -> Item? {
        var first: [UInt8]
        repeat {
            recordOffset = reader.offset
            guard let l = try line() else { return nil }
            first = l
        } while first.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        number += 1
        guard first.starts(with: Array("WARC/".utf8)) else {
            let shown = String(decoding: first.prefix(40), as: UTF8.self).unicodeScalars.map { $0.value < 0x20 || $0 == "\u{FFFD}" ? "?" : String($0) }.joined()
            if number == 1 {
                throw SlantError.io(path: path, message: "not a WARC file: it opens with \"\(shown)\", not a version line such as \"WARC/1.1\"")
            }
            throw fail("expected a version line such as \"WARC/1.1\", found \"\(shown)\": the Content-Length of the record before it is wrong, or the file is damaged")
        }
        // Header lines: "Name: value"; a line opening with a space or a tab continues the one before.
        var headers: [String: String] = [:]
        var lastName: String? = nil
        var count = 0
        while true {
            guard let l = try line() else { throw fail("the file ends inside the record's header") }
            if l.isEmpty { break }
            count += 1
            if count > Self.maxHeaderLines { throw fail("more than \(Self.maxHeaderLines) header lines: the file is not a WARC file, or is damaged") }
            let text = String(decoding: l, as: UTF8.self)
            if l[0] == 0x20 || l[0] == 0x09, let name = lastName {
                let more = text.trimmingCharacters(), old = headers[name] ?? ""
                headers[name] = old.isEmpty ? more : more.isEmpty ? old : old + " " + more
                continue
            }
            guard let colon = text.firstIndex(of: ":") else {
                throw fail("header line \(count) has no colon: \"\(text.prefix(60))\"")
            }
            let name = String(text[..<colon]).trimmingCharacters().lowercased()
            headers[name] = String(text[text.index(after: colon)...]).trimmingCharacters()
            lastName = name
        }
        guard let raw = headers["content-length"] else { throw fail("no Content-Length header") }
        guard let length = Int(raw), length >= 0, length <= 1 << 50 else {
            throw fail("Content-Length \"\(raw.prefix(40))\" is not a number of bytes")
        }
        var uri = headers["warc-target-uri"]
        if let u = uri, u.hasPrefix("<"), u.hasSuffix(">") { uri = String(u.dropFirst().dropLast()) }   // WARC/1.0's examples bracket it
        let type = (headers["warc-type"] ?? "").lowercased()
        let holdsPage = type == "response" || type == "resource"
        guard holdsPage else {
            let skipped = try reader.skip(length)
            if skipped < length { throw cutShort(length, skipped) }
            return .leftOut(.record(type.isEmpty ? "untyped" : type), uri: uri)
        }
        // A block is read whole only when it may be a page that fits (the HTTP header's room on top of a page);
        // of a larger one, only enough to say what it holds (a video, or a page too large).
        let complete = length <= maxBytes + (1 << 20)
        var block: [UInt8] = []
        let wanted = complete ? length : 1 << 16
        block.reserveCapacity(wanted)
        let got = try reader.readBytes(wanted, into: &block)
        if got < wanted { throw cutShort(length, got) }
        if !complete {
            let skipped = try reader.skip(length - wanted)
            if skipped < length - wanted { throw cutShort(length, wanted + skipped) }
        }
        let size = complete ? nil : length
        if type == "resource" {
            let (media, charset) = Self.mediaType(headers["content-type"])
            return Self.page(media: media, charset: charset, payload: block, uri: uri, date: headers["warc-date"], maxBytes: maxBytes, tooLarge: size)
        }
        return Self.response(block, uri: uri, date: headers["warc-date"], declared: headers["content-type"], maxBytes: maxBytes, tooLarge: size)
    }

    private func cutShort(_ length: Int, _ got: Int) -> SlantError {
        fail("the file ends inside the record: its Content-Length is \(length) bytes, and \(got) are left")
    }

    /// A media type and its charset, lower case, from a `Content-Type` value ("text/html; charset=UTF-8").
    static func mediaType(_ value: String?) -> (media: String, charset: String?) {
        guard let value else { return ("", nil) }
        let parts = value.split(separator: ";")
        let media = (parts.first.map(String.init) ?? "").trimmingCharacters().lowercased()
        var charset: String? = nil
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                charset = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
            }
        }
        return (media, charset)
    }

    /// Whether a payload opens as an HTML document does (after white space and a byte-order mark).
    static func looksLikeHTML(_ payload: ArraySlice<UInt8>) -> Bool {
        var i = payload.startIndex
        if payload.count >= 3, payload[i] == 0xEF, payload[i + 1] == 0xBB, payload[i + 2] == 0xBF { i += 3 }
        while i < payload.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(payload[i]) { i += 1 }
        let head = String(decoding: payload[i..<min(payload.endIndex, i + 15)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }

    static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    /// The HTTP header fields that say what a payload is and how it was sent, in lower case.
    static let payloadFields: [[UInt8]] = ["content-type", "content-encoding", "transfer-encoding"].map { Array($0.utf8) }

    /// Why a payload of media type `media` is no page, or a page too large to be read (`tooLarge`: the size of a
    /// block of which only the start was read); nil when it is an HTML page, by its media type or, when it names
    /// none, by its first bytes.
    static func notPage(media: String, _ payload: ArraySlice<UInt8>, tooLarge: Int?) -> ArchiveLeftOut? {
        guard htmlTypes.contains(media) || (media.isEmpty && looksLikeHTML(payload)) else {
            return .notHTML(media.isEmpty ? "no media type" : media)
        }
        return tooLarge.map { .tooLarge($0) }
    }

    /// A resource's or a response's payload as a page, or why it is none (`notPage`; a payload over `maxBytes`).
    static func page(media: String, charset: String?, payload: [UInt8], uri: String?, date: String?, maxBytes: Int, tooLarge: Int? = nil) -> Item {
        if let why = notPage(media: media, payload[...], tooLarge: tooLarge) { return .leftOut(why, uri: uri) }
        guard payload.count <= maxBytes else { return .leftOut(.tooLarge(payload.count), uri: uri) }
        return .page(Page(uri: uri, date: date, charset: charset, body: payload))
    }

    /// A `response` record's block: an HTTP response, or another protocol's (a DNS lookup), which is no page
    /// (`tooLarge`: the size of a block of which only the start was read).
    static func response(_ block: [UInt8], uri: String?, date: String?, declared: String?, maxBytes: Int, tooLarge: Int? = nil) -> Item {
        guard block.starts(with: Array("HTTP/".utf8)) else {
            let media = mediaType(declared).media
            return .leftOut(.notHTML(media.isEmpty ? "not HTTP" : media), uri: uri)
        }
        // The header ends at the first blank line (CRLF CRLF, or LF LF from lax servers).
        var end = -1, bodyStart = -1
        var i = 0
        while i + 1 < block.count {
            if block[i] == 0x0A {
                if block[i + 1] == 0x0A { end = i; bodyStart = i + 2; break }
                if block[i + 1] == 0x0D, i + 2 < block.count, block[i + 2] == 0x0A { end = i; bodyStart = i + 3; break }
            }
            i += 1
        }
        guard end >= 0 else {
            return .leftOut(tooLarge.map { .tooLarge($0) } ?? .malformed("its header has no end (no blank line)"), uri: uri)
        }
        // The status line, then the three header fields that say what the payload is (read on the bytes: the
        // other fields, a dozen or more per response, are passed over).
        var lineStart = 0
        while lineStart < end, block[lineStart] == 0x0D || block[lineStart] == 0x0A { lineStart += 1 }
        var lineEnd = lineStart
        while lineEnd < end, block[lineEnd] != 0x0A { lineEnd += 1 }
        let statusLine = String(decoding: block[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters()
        let fields = statusLine.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let status = Int(fields[1]), (100...999).contains(status) else {
            return .leftOut(.malformed("its status line \"\(statusLine.prefix(40))\" has no status code"), uri: uri)
        }
        guard (200...299).contains(status) else { return .leftOut(.status(status), uri: uri) }
        var headers: [String: String] = [:]
        var at = lineEnd
        while at < end {
            at += 1
            let start = at
            while at < end, block[at] != 0x0A { at += 1 }
            var colon = start
            while colon < at, block[colon] != 0x3A { colon += 1 }
            guard colon < at else { continue }
            var name = block[start..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }[...]
            while let f = name.first, f == 0x20 || f == 0x09 { name = name.dropFirst() }
            while let l = name.last, l == 0x20 || l == 0x09 { name = name.dropLast() }
            guard let wanted = Self.payloadFields.first(where: { $0.elementsEqual(name) }) else { continue }
            let key = String(decoding: wanted, as: UTF8.self)
            let value = String(decoding: block[(colon + 1)..<at], as: UTF8.self).trimmingCharacters()
            // Repeated fields are one list (RFC 9110, 5.3).
            if let old = headers[key] { headers[key] = old + ", " + value } else { headers[key] = value }
        }
        let (media, charset) = mediaType(headers["content-type"])
        if let why = notPage(media: media, block[bodyStart...], tooLarge: tooLarge) { return .leftOut(why, uri: uri) }
        var payload = Array(block[bodyStart...])
        if let te = headers["transfer-encoding"]?.lowercased(), te.contains("chunked") {
            // (A crawler that stored the payload de-chunked but kept the header: read as it is.)
            switch dechunk(payload[...], limit: maxBytes) {
            case .success(let body?): payload = body
            case .success(nil): break
            case .failure(let why): return .leftOut(why, uri: uri)
            }
        }
        for coding in (headers["content-encoding"] ?? "").lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).reversed() {
            switch coding {
            case "", "identity": continue
            case "gzip", "x-gzip", "deflate":
                switch inflate(payload[...], limit: maxBytes) {
                case .success(let body?): payload = body
                case .success(nil): continue   // not compressed after all: a crawler decoded it and kept the header
                case .failure(let why): return .leftOut(why, uri: uri)
                }
            default:
                return .leftOut(.compressed(coding), uri: uri)
            }
        }
        return page(media: "text/html", charset: charset, payload: payload, uri: uri, date: date, maxBytes: maxBytes)
    }

    /// A chunked body decoded (RFC 9112, 7.1); nil when it does not open as one (a body stored de-chunked).
    static func dechunk(_ body: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8]?, ArchiveLeftOut> {
        var out: [UInt8] = []
        var i = body.startIndex
        var chunks = 0
        while true {
            // The size line: hex digits, optional extensions after ';', CRLF.
            var j = i, size = 0, digits = 0
            while j < body.endIndex, let d = hexValue(body[j]) {
                guard size <= (Int.max >> 5) else { return .failure(.malformed("a chunk size is too large")) }
                size = size * 16 + d; digits += 1; j += 1
            }
            guard digits > 0 else {
                return chunks == 0 ? .success(nil) : .failure(.malformed("chunk \(chunks + 1) has no size"))
            }
            while j < body.endIndex, body[j] != 0x0A { j += 1 }
            guard j < body.endIndex else {
                return chunks == 0 ? .success(nil) : .failure(.malformed("the chunked body is cut short"))
            }
            j += 1
            if size == 0 { return .success(out) }   // trailers, if any, are not needed
            guard body.endIndex - j >= size else {
                // A body cut short in its last chunk keeps what came (browsers show it too).
                out.append(contentsOf: body[j...])
                return out.count <= limit ? .success(out) : .failure(.tooLarge(out.count))
            }
            out.append(contentsOf: body[j..<(j + size)])
            if out.count > limit { return .failure(.tooLarge(out.count)) }
            i = j + size
            if i < body.endIndex, body[i] == 0x0D { i += 1 }
            if i < body.endIndex, body[i] == 0x0A { i += 1 }
            chunks += 1
            if i == body.endIndex { return .success(out) }   // no last chunk: what came
        }
    }

    @inline(__always) static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        default: return nil
        }
    }

    /// A gzip, zlib or raw deflate body inflated, at most `limit` bytes; nil when it is none of them (a body a
    /// crawler stored decoded).
    static func inflate(_ body: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8]?, ArchiveLeftOut> {
        guard !body.isEmpty else { return .success(nil) }
        let gzip = body.count >= 2 && body[body.startIndex] == 0x1F && body[body.startIndex + 1] == 0x8B
        // zlib: CMF 0x?8 with a header checksum; else raw deflate, if it inflates.
        let zlib = body.count >= 2 && body[body.startIndex] & 0x0F == 8 && (UInt16(body[body.startIndex]) << 8 | UInt16(body[body.startIndex + 1])) % 31 == 0
        let windowBits: Int32 = gzip ? 15 + 16 : zlib ? 15 : -15
        guard let (out, rc) = Inflater.inflate(body, windowBits: windowBits, limit: limit) else {
            return .failure(.malformed("the decompressor could not start"))
        }
        if out.count > limit { return .failure(.tooLarge(out.count)) }
        if rc == Z_STREAM_END || (gzip || zlib) && (rc == Z_OK || rc == Z_BUF_ERROR) && !out.isEmpty {
            return .success(out)   // (a gzip or zlib stream cut short keeps what came, as browsers do)
        }
        // Not compressed after all (a crawler decoded it and kept the header): read as it is.
        return gzip || zlib ? .failure(.malformed("its compressed payload is corrupt (zlib error \(rc))")) : .success(nil)
    }
}
