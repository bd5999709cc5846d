import Foundation
import XCTest
@testable import Slant

/// Word documents (`.docx`) read for their paragraphs (`ZipArchive`, `WordDocument`), and Nexis Uni downloads read
/// as a record per article (`NexisUni`, `RecordReader`).
final class WordDocumentTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    static func xml(_ body: String) -> [UInt8] {
        Array((#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>"#
               + body + "</w:body></w:document>").utf8)
    }

    func failure(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testParagraphsAsAReaderSeesThem() throws {
        let xml = Self.xml("""
        <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Cartels &amp; the state</w:t></w:r></w:p>
        <w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve">Ruiz </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>said</w:t></w:r>\
        <w:r><w:tab/><w:t>&#8220;no&#x201D;</w:t><w:br/><w:t>again</w:t><w:noBreakHyphen/><w:t>and</w:t><w:softHyphen/><w:t>again.</w:t></w:r></w:p>
        <w:p><w:del><w:r><w:t>deleted run</w:t></w:r></w:del><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:r><w:delText>deleted words</w:delText><w:instrText> HYPERLINK "x" </w:instrText><w:t>Kept &lt;a&gt; &bogus; &#xZZ;&#0;\u{01} text</w:t></w:r></w:p>
        <w:p/>
        <w:p><w:r><w:t>Before the box</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>\
        <w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>\
        <w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> after it</w:t></w:r></w:p>
        <!-- <w:p><w:r><w:t>commented out</w:t></w:r></w:p> -->
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>cell 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:p><w:pPr><w:pStyle w:val='Heading1'/></w:pPr><w:r><w:t>Last</w:t></w:r></w:p>
        """)
        let ps = try WordDocument.paragraphs(ofXML: xml)
        XCTAssertEqual(ps, [
            .init(text: "Cartels & the state", style: "Title"),
            .init(text: "Ruiz said\t“no”\nagain-andagain."),
            .init(text: "Kept <a> &bogus; &#xZZ; text"),
            .init(text: ""),
            // A text box's paragraph comes before the one that holds it ends, once (not its fallback copy).
            .init(text: "In the box"),
            .init(text: "Before the box after it"),
            .init(text: "cell 1"), .init(text: "cell 2"),
            .init(text: "Last", style: "Heading1"),
        ])
        XCTAssertTrue(WordDocument.isTitleStyle("Title") && WordDocument.isTitleStyle("heading1") && !WordDocument.isTitleStyle("Heading2"))
        // A paragraph whose text is not UTF-8 is named.
        var bad = Self.xml("<w:p><w:r><w:t>fine</w:t></w:r></w:p><w:p><w:r><w:t>caf\u{E9}</w:t></w:r></w:p>")
        let e = bad.lastIndex(of: 0xA9)!
        bad[e - 1] = 0xE9; bad.remove(at: e)
        XCTAssertEqual(failure { try WordDocument.paragraphs(ofXML: bad) }, "word/document.xml: paragraph 2 is not valid UTF-8")
        XCTAssertEqual(failure { try WordDocument.paragraphs(ofXML: [0xFF, 0xFE, 0x3C, 0]) }, "word/document.xml is in UTF-16, which is not read")
        // Cut short inside a paragraph: what it had is kept; inside a tag: nothing is invented.
        XCTAssertEqual(try WordDocument.paragraphs(ofXML: Array("<w:p><w:r><w:t>cut sh".utf8)), [.init(text: "cut sh")])
        XCTAssertEqual(try WordDocument.paragraphs(ofXML: Array("<w:p><w:r><w:t".utf8)), [.init(text: "")])
    }

    func testMembersStoredAndDeflatedAreRead() throws {
        let body = Self.xml(String(repeating: "<w:p><w:r><w:t>Ruiz said so.</w:t></w:r></w:p>", count: 200))
        let members: [(name: String, bytes: [UInt8])] = [("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", body)]
        for archive in [ZipArchive.make(members), ZipArchive.make(members, deflating: ["word/document.xml"])] {
            let list = try ZipArchive.members(archive)
            XCTAssertEqual(list.map(\.name), ["[Content_Types].xml", "word/document.xml"])
            XCTAssertEqual(try ZipArchive.read(list[1], from: archive, limit: 1 << 20), body)
            let ps = try WordDocument.paragraphs(ofFile: archive, limit: 1 << 20)
            XCTAssertEqual(ps.count, 200)
            XCTAssertEqual(ps[0].text, "Ruiz said so.")
            // More than the limit when inflated: refused, however small the file.
            XCTAssertTrue(failure { try WordDocument.paragraphs(ofFile: archive, limit: 1000) }.contains("longer than the limit of 1000 bytes"))
        }
        let deflated = ZipArchive.make(members, deflating: ["word/document.xml"])
        XCTAssertLessThan(deflated.count, body.count / 10)
        // A comment after the end record is allowed.
        var commented = ZipArchive.make(members)
        commented[commented.count - 2] = 3
        commented += Array("abc".utf8)
        XCTAssertEqual(try ZipArchive.members(commented).count, 2)
    }

    func testBrokenArchivesAreRefusedWithTheirReason() throws {
        let body = Self.xml("<w:p><w:r><w:t>Ruiz said so, and said so again.</w:t></w:r></w:p>")
        let members: [(name: String, bytes: [UInt8])] = [("word/document.xml", body)]
        let stored = ZipArchive.make(members), deflated = ZipArchive.make(members, deflating: ["word/document.xml"])
        func reason(_ bytes: [UInt8]) -> String { failure { try WordDocument.paragraphs(ofFile: bytes, limit: 1 << 20) } }
        XCTAssertTrue(reason(Array("{\"text\": \"json\"}".utf8)).contains("does not open as a ZIP archive does"))
        XCTAssertTrue(reason(Array(stored.prefix(stored.count - 30))).contains("no ZIP end record"))
        XCTAssertTrue(reason(Array(stored.prefix(10))).contains("too short"))
        XCTAssertTrue(reason(ZipArchive.make([("word/other.xml", body)])).contains("holds no word/document.xml"))
        // The body where the package's relationships say it is.
        let rels = #"<?xml version="1.0"?><Relationships xmlns="r"><Relationship Id="rId3" Type="http://x/core-properties" Target="docProps/core.xml"/>"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#
        XCTAssertEqual(try WordDocument.paragraphs(ofFile: ZipArchive.make([("_rels/.rels", Array(rels.utf8)), ("word/document2.xml", body)]), limit: 1 << 20).map(\.text),
                       ["Ruiz said so, and said so again."])
        XCTAssertTrue(reason(ZipArchive.make([("_rels/.rels", Array(rels.utf8)), ("word/document.xml", body)])).contains("holds no word/document2.xml"))
        // Flipped data: the CRC-32 says so.
        var flipped = stored
        flipped[60] ^= 0x20
        XCTAssertTrue(reason(flipped).contains("is corrupt: its CRC-32 is"), reason(flipped))
        // Deflate data cut: the inflater says so.
        var cut = deflated
        let at = try ZipArchive.members(deflated)[0]
        let dataStart = 30 + "word/document.xml".utf8.count
        for k in (dataStart + 2)..<(dataStart + at.compressedSize) { cut[k] = 0xFF }
        XCTAssertTrue(reason(cut).contains("compressed data"), reason(cut))
        // Encrypted, another method, ZIP64, a directory outside the file.
        var encrypted = stored
        let directory = try XCTUnwrap(lastIndex(of: [0x50, 0x4B, 1, 2], in: stored))
        encrypted[directory + 8] = 1
        XCTAssertTrue(reason(encrypted).contains("is encrypted"))
        var method = stored
        method[directory + 10] = 12
        XCTAssertTrue(reason(method).contains("compressed with method 12; only stored (0) and deflate (8) are read"))
        var zip64 = stored
        for k in 0..<4 { zip64[zip64.count - 6 + k] = 0xFF }
        XCTAssertTrue(reason(zip64).contains("ZIP64"))
        var outside = stored
        outside[outside.count - 3] = 0x7F
        XCTAssertTrue(reason(outside).contains("lies outside the file"))
        var header = stored
        header[directory + 42] = 5
        XCTAssertTrue(reason(header).contains("local header is missing"))
    }

    func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).last { k in needle.indices.allSatisfy { bytes[k + $0] == needle[$0] } }
    }

    func testAWordDocumentIsARecord() throws {
        let p = dir + "/article.docx"
        writeBytes(WordDocument.make([.init(text: "Cartels offer to surrender", style: "Heading1"), .init(text: ""),
                                      .init(text: "Ana Ruiz welcomed the offer."), .init(text: "Villa did not.")]), to: p)
        let r = try readRecords(p)
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].id, "article.docx")
        XCTAssertEqual(r[0].title, "Cartels offer to surrender")
        XCTAssertEqual(r[0].text, "Ana Ruiz welcomed the offer.\nVilla did not.")
        XCTAssertEqual(InputFormat.guess(path: "a/B.DOCX"), .docx)
        // Without a heading style the first paragraph is text, unless the title is asked to be the first line.
        writeBytes(WordDocument.make([.init(text: "First"), .init(text: "Second")]), to: p)
        XCTAssertEqual(try readRecords(p).map(\.text), ["First\nSecond"])
        var o = ReaderOptions(); o.titleFirstLine = true
        XCTAssertEqual(try readRecords(p, options: o).map(\.title), ["First"])
        // No text; not a Word document; too long for one record.
        writeBytes(WordDocument.make([.init(text: " ")]), to: p)
        assertInvalid(p, line: 1, contains: "the Word document has no text")
        write("{\"text\": \"renamed\"}\n", to: p)
        assertInvalid(p, line: 1, contains: "does not open as a ZIP archive does")
        writeBytes(WordDocument.make([.init(text: String(repeating: "word ", count: 100))]), to: p)
        o = ReaderOptions(); o.maxRecordBytes = 100
        assertInvalid(p, line: 1, contains: "longer than the limit of 100 bytes for one record", options: o)
    }

    /// A Nexis Uni download, paragraph by paragraph: a cover page, then three documents.
    static let download: [String] = [
        "Date and Time: Tuesday, March 3, 2020 8:44:00 PM EST", "Job Number: 111222333", "Documents (3)",
        "1. Cartels offer to surrender", "Client/Matter: -none-", "Search Terms: ruiz", "Search Type: Natural Language",
        "", "Cartels offer to surrender", "The Daily Courier", "March 3, 2020 Tuesday 8:44 PM EST",
        "Copyright 2020 The Daily Courier All Rights Reserved", "Section:\u{A0}WORLD; Pg. A4", "Length:\u{A0}1,204 words",
        "Byline:\u{A0}Jane Roe and", "John Doe", "Highlight: Ruiz: a week of raids", "Body",
        "Several of the country's most violent drug cartels have signalled that they are ready to surrender.", "",
        "Prime Minister Ana Ruiz welcomed the offer.", "Classification", "Language:\u{A0}ENGLISH",
        "Subject:\u{A0}CRIME (90%);", "DRUG TRAFFICKING (89%)", "Load-Date:\u{A0}March 4, 2020", "End of Document",
        "No Headline In Original", "Guardian.com", "Tuesday, March 3, 2020", "Length: 40 words", "Body",
        "Villa's lieutenants asked about terms.", "Load-Date: March 4, 2020", "End of Document",
        "Ruiz at the podium", "The Times", "March 5, 2020", "Copyright 2020 Times Newspapers", "Length: 0 words",
        "Graphic", "Photo of Ana Ruiz at the podium", "Classification", "Language: ENGLISH", "End of Document", "",
    ]

    func testDocumentsOfANexisUniDownload() throws {
        let docs = try XCTUnwrap(NexisUni.documents(Self.download))
        XCTAssertEqual(docs.map(\.number), [1, 2, 3])
        XCTAssertEqual(docs.map(\.line), [1, 28, 36])
        let a = docs[0]
        XCTAssertEqual(a.title, "Cartels offer to surrender")
        XCTAssertEqual(a.source, "The Daily Courier")
        XCTAssertEqual(a.date, "March 3, 2020 Tuesday 8:44 PM EST")
        XCTAssertEqual(a.isoDate, "2020-03-03")
        XCTAssertEqual(a.fields, ["section": "WORLD; Pg. A4", "length": "1,204 words", "byline": "Jane Roe and John Doe",
                                  "highlight": "Ruiz: a week of raids", "language": "ENGLISH",
                                  "subject": "CRIME (90%); DRUG TRAFFICKING (89%)", "load-date": "March 4, 2020"])
        XCTAssertEqual(a.text, "Several of the country's most violent drug cartels have signalled that they are ready to surrender.\nPrime Minister Ana Ruiz welcomed the offer.")
        // No copyright line; "No Headline In Original" is none; a weekday before the date.
        XCTAssertNil(docs[1].title)
        XCTAssertEqual(docs[1].source, "Guardian.com")
        XCTAssertEqual(docs[1].isoDate, "2020-03-03")
        XCTAssertEqual(docs[1].text, "Villa's lieutenants asked about terms.")
        // A picture without a body: its caption.
        XCTAssertEqual(docs[2].text, "Photo of Ana Ruiz at the podium")
        XCTAssertNil(docs[2].title)
        XCTAssertEqual(NexisUni.leadingDate("3 March 2020"), "2020-03-03")
        XCTAssertNil(NexisUni.leadingDate("Late Edition"))
    }

    func testOtherParagraphsAreNoDownload() {
        for lines in [["An essay.", "End of Document"], ["Title", "Length: 3 words", "No body paragraph.", "End of Document"],
                      ["Title", "Body", "Length: 3 words", "The length comes after the body.", "End of Document"],
                      ["Ruiz said so.", "Length: 3 words", "Body", "But no document ends here."], [], ["End of Document"]] {
            XCTAssertNil(NexisUni.documents(lines), "\(lines)")
        }
        XCTAssertNotNil(NexisUni.documents(["Title", "Length: 3 words", "Body", "Text.", "End of Document"]))
        // Paragraphs indented with spaces or no-break spaces read the same.
        XCTAssertEqual(NexisUni.documents(["Title", " Length:\u{A0}3 words", "\u{A0}Body", "Text.", "  End of Document "])?.first?.text, "Text.")
    }

    func testANexisUniDownloadIsARecordPerArticle() throws {
        let docx = dir + "/download.docx", txt = dir + "/download.txt"
        writeBytes(WordDocument.make(Self.download.map { .init(text: $0) }), to: docx)
        // Saved as text (a paragraph per line, Windows line ends), the same records.
        write(Self.download.joined(separator: "\r\n"), to: txt)
        for p in [docx, txt] {
            let (r, name, _) = try assertFirstArticle(p, keep: ["date", "source", "title", "byline", "load-date", "subject"],
                                                      title: "Cartels offer to surrender", source: "The Daily Courier",
                                                      kept: [.string("2020-03-03"), .string("The Daily Courier"), .string("Cartels offer to surrender"),
                                                             .string("Jane Roe and John Doe"), .string("March 4, 2020"), .string("CRIME (90%); DRUG TRAFFICKING (89%)")])
            let second = try XCTUnwrap(try r.next())
            XCTAssertEqual(second.id, name + "#2")
            XCTAssertNil(second.title)
            XCTAssertEqual(second.line, 28)
            XCTAssertEqual(try r.next()?.text, "Photo of Ana Ruiz at the podium")
            XCTAssertNil(try r.next())
        }
        // A document without text is an error in its turn; the others are read.
        var empty = Self.download
        empty.insert(contentsOf: ["Empty", "The Times", "May 9, 2020", "Length: 0 words", "Body", "End of Document"], at: 27)
        writeBytes(WordDocument.make(empty.map { .init(text: $0) }), to: docx)
        let r = try RecordReader(path: docx)
        XCTAssertEqual(try r.next()?.id, "download.docx#1")
        XCTAssertThrowsError(try r.next()) { e in
            XCTAssertEqual(e as? SlantError, .invalidInput(file: docx, line: 28, message: "document 2 of the download has no text"))
        }
        XCTAssertEqual(try r.next()?.id, "download.docx#3")
    }
}
