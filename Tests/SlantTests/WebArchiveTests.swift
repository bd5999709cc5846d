import CZlib
import XCTest
@testable import Slant

/// WARC records for tests, as crawlers write them.
enum WARC {
    /// One record: its version line, headers, a blank line, the block and the two line ends after it.
    static func record(_ type: String, uri: String? = "https://www.example.com/a", contentType: String? = nil,
                       block: [UInt8], extra: [String] = [], version: String = "WARC/1.1") -> [UInt8] {
        var h = ["\(version)", "WARC-Type: \(type)", "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>",
                 "WARC-Date: 2024-03-06T08:00:00Z"]
        if let uri { h.append("WARC-Target-URI: \(uri)") }
        if let contentType { h.append("Content-Type: \(contentType)") }
        h += extra
        h.append("Content-Length: \(block.count)")
        return Array((h.joined(separator: "\r\n") + "\r\n\r\n").utf8) + block + Array("\r\n\r\n".utf8)
    }

    /// A `response` record holding an HTTP response.
    static func response(_ body: [UInt8], status: String = "200 OK", headers: [String] = ["Content-Type: text/html; charset=utf-8"],
                         uri: String = "https://www.example.com/a") -> [UInt8] {
        let head = (["HTTP/1.1 \(status)"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
        return record("response", uri: uri, contentType: "application/http; msgtype=response", block: Array(head.utf8) + body)
    }

    /// `body` in HTTP/1.1 chunks of `size` bytes, with a chunk extension on the first and a trailer.
    static func chunked(_ body: [UInt8], size: Int = 100) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < body.count {
            let c = body[i..<min(body.count, i + size)]
            out += Array((String(c.count, radix: 16) + (i == 0 ? ";name=value" : "") + "\r\n").utf8) + c + Array("\r\n".utf8)
            i += size
        }
        return out + Array("0\r\nExpires: never\r\n\r\n".utf8)
    }

    /// `bytes` compressed: gzip (`windowBits` 31), zlib (15) or raw deflate (-15).
    static func compress(_ bytes: [UInt8], windowBits: Int32 = 31) -> [UInt8] {
        var zs = z_stream()
        precondition(deflateInit2_(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&zs) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(bytes.count))) + 64)
        let n: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                zs.next_in = inp.baseAddress; zs.avail_in = UInt32(inp.count)
                zs.next_out = o.baseAddress; zs.avail_out = UInt32(o.count)
                precondition(deflate(&zs, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(zs.avail_out)
            }
        }
        return Array(out[..<n])
    }

    /// A news page whose article `HTMLText` reads.
    static func page(_ headline: String, published: String? = nil, canonical: String? = nil) -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(headline) | The Example</title>
        \(published.map { "<meta property=\"article:published_time\" content=\"\($0)\">" } ?? "")
        \(canonical.map { "<link rel=\"canonical\" href=\"\($0)\">" } ?? "")
        </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>\(headline)</h1>
        <p>The city council on Tuesday approved a budget of $2.1 billion after a heated meeting, rejecting calls to cut funding.</p>
        <p>Mayor Ellen Park praised the vote, saying it keeps the city’s neighbourhoods safe while investing in schools.</p>
        </article><footer>Sign up for our newsletter to get the news every morning in your inbox.</footer></body></html>
        """
    }
}

/// Web archives read for their pages (`WebArchiveReader`, `RecordReader` with `.warc`).
final class WebArchiveTests: XCTestCase {
    func readArchive(_ bytes: [UInt8], name: String = "crawl.warc", options: ReaderOptions = ReaderOptions(),
                     function: String = #function) throws -> (records: [Record], tally: ArchiveTally, leftOut: [(String?, Int, ArchiveLeftOut)]) {
        let path = temporaryDirectory(function) + "/" + name
        writeBytes(bytes, to: path)
        let reader = try RecordReader(path: path, options: options)
        var left: [(String?, Int, ArchiveLeftOut)] = []
        reader.onPageLeftOut = { left.append(($0, $1, $2)) }
        var out: [Record] = []
        while let r = try reader.next() { out.append(r) }
        return (out, reader.archiveTally, left)
    }

    /// The pages of a crawl, in order, each read as its `.html` file would be, its id the address it was fetched
    /// from; requests, metadata, images, redirects, DNS lookups and revisits are counted, not read, and a page
    /// without article text is named.
    func testACrawlGivesItsPagesAndSaysWhatItLeftOut() throws {
        let a = WARC.page("Council passes budget"), b = WARC.page("Mayor praises vote")
        var bytes = WARC.record("warcinfo", uri: nil, contentType: "application/warc-fields", block: Array("software: test\r\n".utf8))
        // (A header line folded onto the next, as WARC/1.0 allowed.)
        let folded = Array(WARC.page("Folded").utf8)
        bytes += Array("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nWARC-Target-URI:\r\n  https://www.example.com/folded\r\nContent-Length: \(folded.count)\r\n\r\n".utf8) + folded + Array("\r\n\r\n".utf8)
        bytes += WARC.record("request", contentType: "application/http; msgtype=request", block: Array("GET /a HTTP/1.1\r\nHost: www.example.com\r\n\r\n".utf8))
        bytes += WARC.response(Array(a.utf8))
        bytes += WARC.record("metadata", contentType: "application/warc-fields", block: Array("outlink: https://www.example.com/b\r\n".utf8))
        bytes += WARC.response([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 7, count: 3000), headers: ["Content-Type: image/jpeg"], uri: "https://www.example.com/i.jpg")
        bytes += WARC.response(Array("<html><p>Moved to somewhere else entirely, as you can see here.</p></html>".utf8), status: "301 Moved Permanently",
                               headers: ["Location: /b", "Content-Type: text/html"], uri: "https://www.example.com/old")
        bytes += WARC.record("response", uri: "dns:www.example.com", contentType: "text/dns", block: Array("20240306080000\nwww.example.com. 300 IN A 192.0.2.1\n".utf8))
        let index = "<html><body><ul>" + (0..<30).map { "<li><a href=\"/\($0)\">Story number \($0)</a></li>" }.joined() + "</ul></body></html>"
        bytes += WARC.response(Array(index.utf8), uri: "https://www.example.com/")
        bytes += WARC.record("resource", uri: "<file:///saved/b.html>", contentType: "text/html", block: Array(b.utf8), version: "WARC/1.0")
        bytes += WARC.record("revisit", contentType: "application/http; msgtype=response", block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                             extra: ["WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"])
        let (records, tally, left) = try readArchive(bytes)
        XCTAssertEqual(records.map(\.id), ["https://www.example.com/folded", "https://www.example.com/a", "file:///saved/b.html"])
        XCTAssertEqual(records[1].text, HTMLText.read(a).text)
        XCTAssertEqual(records.map(\.title), ["Folded", "Council passes budget", "Mayor praises vote"])
        XCTAssertEqual(records.map(\.line), [2, 4, 10], "a record's number is its line")
        XCTAssertEqual(records[1].source, "example.com")
        XCTAssertEqual(tally.pages, 3)
        XCTAssertEqual(tally.leftOut, 8)
        XCTAssertEqual(tally.groups["request records (no page)"]?.count, 1)
        XCTAssertEqual(tally.groups["responses that are not web pages"]?.details, ["image/jpeg": 1, "text/dns": 1])
        XCTAssertEqual(tally.groups["responses with an HTTP status other than 2xx"]?.details, ["301": 1])
        XCTAssertEqual(tally.groups["revisit records (no page)"]?.count, 1)
        XCTAssertEqual(left.count, 1)
        XCTAssertEqual(left.first?.0, "https://www.example.com/")
        XCTAssertEqual(left.first?.1, 9)
        guard case .noArticle = left.first?.2 else { return XCTFail("\(left)") }
        XCTAssertEqual(tally.pagesLeftOut, 1)
        let summary = try XCTUnwrap(tally.summary)
        XCTAssertTrue(summary.hasPrefix("web archives: 3 pages read, 8 records left out:"), summary)
        XCTAssertTrue(summary.contains("2 × responses that are not web pages (image/jpeg: 1, text/dns: 1)"), summary)
    }

    /// A payload stored as it was sent is undone (chunks, then gzip, zlib or raw deflate); one a crawler stored
    /// decoded but with its headers is read as it is; an encoding Slant does not decode is named.
    func testChunkedAndCompressedPayloads() throws {
        let html = Array(WARC.page("Council passes budget").utf8)
        let plain = HTMLText.read(String(decoding: html, as: UTF8.self)).text
        var bytes: [UInt8] = []
        bytes += WARC.response(WARC.chunked(WARC.compress(html)), headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"], uri: "https://e.org/1")
        bytes += WARC.response(WARC.compress(html, windowBits: 15), headers: ["Content-Type: text/html", "Content-Encoding: deflate"], uri: "https://e.org/2")
        bytes += WARC.response(WARC.compress(html, windowBits: -15), headers: ["Content-Type: text/html", "Content-Encoding: deflate"], uri: "https://e.org/3")
        bytes += WARC.response(html, headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"], uri: "https://e.org/4")
        bytes += WARC.response(WARC.chunked(html, size: 7), headers: ["Content-Type: text/html", "Transfer-Encoding: chunked"], uri: "https://e.org/5")
        bytes += WARC.response([0x1B, 0x20, 0x00, 0x42], headers: ["Content-Type: text/html", "Content-Encoding: br"], uri: "https://e.org/6")
        bytes += WARC.response(Array(WARC.compress(html).prefix(40)) + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
                               headers: ["Content-Type: text/html", "Content-Encoding: gzip"], uri: "https://e.org/7")
        let (records, tally, left) = try readArchive(bytes)
        XCTAssertEqual(records.map(\.id), (1...5).map { "https://e.org/\($0)" })
        for r in records { XCTAssertEqual(r.text, plain, r.id) }
        XCTAssertEqual(left.map(\.0), ["https://e.org/6", "https://e.org/7"])
        XCTAssertEqual(left[0].2, .compressed("br"))
        guard case .malformed(let why) = left[1].2 else { return XCTFail("\(left[1].2)") }
        XCTAssertTrue(why.contains("corrupt"), why)
        XCTAssertEqual(tally.pages, 5)
    }

    /// Chunks: extensions and trailers, a body cut short in its last chunk, no last chunk, a malformed size.
    func testDechunking() {
        let body = Array("The quick brown fox jumps over the lazy dog".utf8)
        XCTAssertEqual(try WebArchiveReader.dechunk(WARC.chunked(body, size: 5)[...], limit: 1000).get(), body)
        XCTAssertEqual(try WebArchiveReader.dechunk(Array("5\r\nHello\r\n3\r\n wo".utf8)[...], limit: 1000).get(), Array("Hello wo".utf8))
        XCTAssertEqual(try WebArchiveReader.dechunk(Array("5\r\nHello\r\n".utf8)[...], limit: 1000).get(), Array("Hello".utf8))
        XCTAssertEqual(try WebArchiveReader.dechunk(Array("<html>".utf8)[...], limit: 1000).get(), nil, "not chunked: read as it is")
        XCTAssertEqual(WebArchiveReader.dechunk(Array("5\r\nHello\r\nzz\r\n".utf8)[...], limit: 1000), .failure(.malformed("chunk 2 has no size")))
        XCTAssertEqual(WebArchiveReader.dechunk(Array("fffffffffffffffffffffff\r\n".utf8)[...], limit: 1000), .failure(.malformed("a chunk size is too large")))
        XCTAssertEqual(WebArchiveReader.dechunk(WARC.chunked(body, size: 5)[...], limit: 20), .failure(.tooLarge(25)))
    }

    /// A page that is not UTF-8 is decoded by the charset its response names, else by the one it declares; a
    /// charset Slant does not decode is named; valid UTF-8 is read as UTF-8 whatever the header says.
    func testCharsets() throws {
        let page = WARC.page("Café owners protest").replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")
        let latin1 = page.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : $0 == "’" ? 0x92 : 0x3F }
        XCTAssertNil(String(validating: latin1, as: UTF8.self))
        var bytes = WARC.response(latin1, headers: ["Content-Type: text/html; charset=ISO-8859-1"], uri: "https://e.org/1")
        bytes += WARC.response(latin1, headers: ["Content-Type: text/html; charset=\"Shift_JIS\""], uri: "https://e.org/2")
        bytes += WARC.response(Array(page.utf8), headers: ["Content-Type: text/html; charset=windows-1252"], uri: "https://e.org/3")
        bytes += WARC.response(Array(page.replacingOccurrences(of: "<head>", with: "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">").unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : $0 == "é" ? 0xE9 : 0x92 }),
                               headers: ["Content-Type: text/html"], uri: "https://e.org/4")
        bytes += WARC.response(latin1 + [0], headers: ["Content-Type: text/html"], uri: "https://e.org/5")
        let (records, _, left) = try readArchive(bytes)
        XCTAssertEqual(records.map(\.id), ["https://e.org/1", "https://e.org/3", "https://e.org/4"])
        for r in records {
            XCTAssertEqual(r.title, "Café owners protest", r.id)
            XCTAssertTrue(r.text.contains("city’s"), r.text)
        }
        XCTAssertEqual(left.map(\.2), [.charset("shift_jis"), .zeroByte])
    }

    /// A `.warc.gz` (a gzip member per record, as crawlers write them) reads as the same file uncompressed.
    func testGzipMemberPerRecord() throws {
        let records = [WARC.record("warcinfo", uri: nil, contentType: "application/warc-fields", block: Array("a: b\r\n".utf8)),
                       WARC.response(Array(WARC.page("One").utf8), uri: "https://e.org/1"),
                       WARC.response(Array(WARC.page("Two").utf8), uri: "https://e.org/2")]
        let plain = try readArchive(records.flatMap { $0 })
        let gz = try readArchive(records.flatMap { WARC.compress($0) }, name: "crawl.warc.gz")
        XCTAssertEqual(gz.records.map(\.id), ["https://e.org/1", "https://e.org/2"])
        XCTAssertEqual(gz.records.map(\.text), plain.records.map(\.text))
        XCTAssertEqual(gz.records.map(\.title), ["One", "Two"])
        XCTAssertEqual(gz.tally.leftOut, 1)
    }

    /// The fields a page gives `--keep`: the address it was fetched from, its publication date, its host and the
    /// crawl's date.
    func testKeptFields() throws {
        var o = ReaderOptions()
        o.keep = ["url", "date", "source", "crawl_date", "author"]
        let page = WARC.page("One", published: "2024-03-05T21:40:00-05:00", canonical: "https://example.com/news/one")
        let (records, _, _) = try readArchive(WARC.response(Array(page.utf8), uri: "https://WWW.Example.com:443/news/one?utm=x"), options: o)
        XCTAssertEqual(records[0].kept, [.string("https://WWW.Example.com:443/news/one?utm=x"), .string("2024-03-05T21:40:00-05:00"),
                                         .string("example.com"), .string("2024-03-06T08:00:00Z"), .null])
        // A saved page gives its own address and date.
        let path = temporaryDirectory() + "/one.html"
        write(page, to: path)
        XCTAssertEqual(try readRecords(path, options: o)[0].kept, [.string("https://example.com/news/one"), .string("2024-03-05T21:40:00-05:00"),
                                                                    .string("example.com"), .null, .null])
    }

    func testHosts() {
        XCTAssertEqual(RecordReader.host("https://www.nytimes.com/2024/03/05/us/x.html"), "nytimes.com")
        XCTAssertEqual(RecordReader.host("http://user:pw@News.BBC.co.uk:8080/a?b#c"), "news.bbc.co.uk")
        XCTAssertEqual(RecordReader.host("https://[2001:db8::1]/a"), "[2001:db8::1]")
        XCTAssertEqual(RecordReader.host("https://example.org?q=1"), "example.org")
        XCTAssertNil(RecordReader.host("file:///saved/a.html"))
        XCTAssertNil(RecordReader.host("dns:example.org"))
    }

    /// A page over the limit of one record, compressed or not, is left out and named, the reading going on; a
    /// large record that holds no page is passed over without being kept.
    func testLimits() throws {
        var o = ReaderOptions()
        o.maxRecordBytes = 20_000
        let big = Array(WARC.page("Big").utf8) + [UInt8](repeating: 0x20, count: 30_000)
        var bytes = WARC.response(big, uri: "https://e.org/big")
        bytes += WARC.response(WARC.compress([UInt8](repeating: 0x41, count: 5_000_000)), headers: ["Content-Type: text/html", "Content-Encoding: gzip"], uri: "https://e.org/bomb")
        bytes += WARC.response([UInt8](repeating: 1, count: 3_000_000), headers: ["Content-Type: video/mp4"], uri: "https://e.org/v.mp4")
        bytes += WARC.response(Array(WARC.page("Small").utf8), uri: "https://e.org/small")
        let (records, tally, left) = try readArchive(bytes, options: o)
        XCTAssertEqual(records.map(\.id), ["https://e.org/small"])
        XCTAssertEqual(left.map(\.0), ["https://e.org/big", "https://e.org/bomb"])
        guard case .tooLarge = left[0].2, case .tooLarge = left[1].2 else { return XCTFail("\(left)") }
        XCTAssertEqual(tally.groups["responses that are not web pages"]?.details, ["video/mp4": 1])
    }

    /// A file that is not a web archive, or a damaged one, is an error naming the record and where it starts;
    /// the records before it are read.
    func testDamagedArchivesAreErrors() throws {
        let good = WARC.response(Array(WARC.page("One").utf8))
        func error(_ bytes: [UInt8], _ function: String = #function, line: UInt = #line) -> String {
            let path = temporaryDirectory(function) + "/x.warc"
            writeBytes(bytes, to: path)
            do {
                let r = try RecordReader(path: path)
                var ids: [String] = []
                while let rec = try r.next() { ids.append(rec.id) }
                XCTFail("no error; read \(ids)", line: line)
                return ""
            } catch let SlantError.io(p, message) {
                XCTAssertEqual(p, path, line: line)
                return message
            } catch {
                XCTFail("\(error)", line: line)
                return ""
            }
        }
        XCTAssertEqual(error(Array("{\"text\": \"a JSONL record\"}\n".utf8)), "not a WARC file: it opens with \"{\"text\": \"a JSONL record\"}\", not a version line such as \"WARC/1.1\"")
        XCTAssertEqual(error([UInt8](repeating: 0x41, count: 70_000)), "not a WARC file: its first line is longer than 65536 bytes")
        let noLength = Array("WARC/1.1\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".utf8)
        XCTAssertEqual(error(good + noLength), "record 2 (at byte \(good.count)): no Content-Length header")
        let negative = error(Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "Content-Length: ", with: "Content-Length: -").utf8))
        XCTAssertTrue(negative.hasPrefix("record 1 (at byte 0): Content-Length \"-") && negative.hasSuffix("\" is not a number of bytes"), negative)
        XCTAssertTrue(error(good + Array(good.dropLast(300))).hasPrefix("record 2 (at byte \(good.count)): the file ends inside the record: its Content-Length is"))
        XCTAssertEqual(error(good + Array("WARC/1.1\r\nno colon here\r\n\r\n".utf8)), "record 2 (at byte \(good.count)): header line 1 has no colon: \"no colon here\"")
        XCTAssertEqual(error(good + Array("WARC/1.1\r\nWARC-Type: response\r\n".utf8)), "record 2 (at byte \(good.count)): the file ends inside the record's header")
        XCTAssertTrue(error(good + Array(good.dropLast(4).dropFirst(5))).contains("expected a version line such as \"WARC/1.1\""))
        XCTAssertTrue(error(good + Array(("WARC/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 1001)).utf8)).contains("more than 1000 header lines"))
        // (Records before the damage are read.)
        let path = temporaryDirectory() + "/y.warc"
        writeBytes(good + Array("WARC/1.1\r\nno colon\r\n\r\n".utf8), to: path)
        let r = try RecordReader(path: path)
        XCTAssertEqual(try r.next()?.id, "https://www.example.com/a")
        XCTAssertThrowsError(try r.next())
    }

    /// Rule 6: the publication date by rank (article:published_time, then datePublished, then the plain date
    /// names), the canonical address before og:url.
    func testPageMetadata() {
        let body = "<p>The city council on Tuesday approved a budget of $2.1 billion after a heated meeting.</p>"
        func page(_ head: String) -> HTMLText.Page { HTMLText.read("<html><head>\(head)</head><body>\(body)</body></html>") }
        XCTAssertEqual(page("<meta name=\"date\" content=\"2024-01-01\"><meta property=\"article:published_time\" content=\" 2024-03-05T09:30:00Z \">").published, "2024-03-05T09:30:00Z")
        XCTAssertEqual(page("<meta name=\"pubdate\" content=\"2024-01-02\"><meta itemprop=\"datePublished\" content=\"2024-01-03\">").published, "2024-01-03")
        XCTAssertEqual(HTMLText.read("<html><body><time itemprop=\"datePublished\" datetime=\"2023-12-31\">Dec. 31</time>\(body)</body></html>").published, "2023-12-31")
        XCTAssertEqual(page("<meta name=\"DC.date.issued\" content=\"2022-02-02\">").published, "2022-02-02")
        XCTAssertNil(page("<meta name=\"description\" content=\"2024\">").published)
        XCTAssertEqual(page("<meta property=\"og:url\" content=\"https://e.org/og\"><link rel=\"canonical\" href=\"https://e.org/c?a=1&amp;b=2\">").url, "https://e.org/c?a=1&b=2")
        XCTAssertEqual(page("<meta property=\"og:url\" content=\"https://e.org/og\">").url, "https://e.org/og")
        XCTAssertNil(page("").url)
        // Furniture named in capitals is furniture.
        let shouty = HTMLText.read("<html><body>\(body)<div class=\"Related-Links\"><p>Another story about the council that is long enough to be prose.</p></div></body></html>")
        XCTAssertFalse(shouty.text.contains("Another story"), shouty.text)
    }
}
