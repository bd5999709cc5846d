import Foundation
import XCTest
@testable import Slant

/// OpenDocument texts (`.odt`) read for their paragraphs (`OpenDocument`), and as records (`RecordReader`).
final class OpenDocumentTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    func failure(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testParagraphsAsAReaderSeesThem() throws {
        let xml = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="ta" xmlns:draw="d" xmlns:svg="s">
        <office:automatic-styles><style:style style:name="P1"/></office:automatic-styles>
        <office:body><office:text><text:sequence-decls/>
        <text:h text:style-name="Heading_20_1" text:outline-level="1">Cartels &amp; the state</text:h>
        <text:p text:style-name="Standard">Ruiz <text:span text:style-name="T1">said</text:span><text:tab/>&#8220;no&#x201D;<text:line-break/>again,<text:s text:c="2"/>twice<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note>.</text:p>
        <text:p>Kept <text:a xlink:href="https://example.org">a link</text:a><office:annotation><text:p>A comment.</text:p></office:annotation> and
          text   over lines.</text:p>
        <text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted words.</text:p></text:deletion></text:changed-region></text:tracked-changes>
        <text:p/>
        <text:p>Before the frame<draw:frame><svg:title>A picture's title</svg:title><draw:text-box><text:p>In the frame</text:p></draw:text-box></draw:frame> after it</text:p>
        <!-- <text:p>commented out</text:p> -->
        <table:table><table:table-row><table:table-cell><text:p>cell 1</text:p></table:table-cell><table:table-cell><text:p>cell 2</text:p></table:table-cell></table:table-row></table:table>
        <text:list><text:list-item><text:p text:style-name="P1">Listed</text:p></text:list-item></text:list>
        <text:h text:outline-level="2">Second level</text:h>
        <text:p text:style-name="Title">A title</text:p>
        </office:text></office:body></office:document-content>
        """.utf8)
        let ps = try OpenDocument.paragraphs(ofXML: xml)
        XCTAssertEqual(ps, [
            .init(text: "Cartels & the state", style: "Heading1"),
            .init(text: "Ruiz said\t“no”\nagain,  twice.", style: "Standard"),
            .init(text: "Kept a link and text over lines."),
            .init(text: ""),
            // A frame's paragraph comes before the one that holds it ends.
            .init(text: "In the frame"),
            .init(text: "Before the frame after it"),
            .init(text: "cell 1"), .init(text: "cell 2"),
            .init(text: "Listed", style: "P1"),
            .init(text: "Second level", style: "Heading2"),
            .init(text: "A title", style: "Title"),
        ])
        XCTAssertTrue(WordDocument.isTitleStyle(ps[0].style!) && !WordDocument.isTitleStyle(ps[9].style!))
        XCTAssertEqual(failure { try OpenDocument.paragraphs(ofXML: [0xFF, 0xFE, 0x3C, 0]) }, "content.xml is in UTF-16, which is not read")
        // Runs of spaces written as counts may not add up to more than the file (no text a thousand times its XML).
        let spaces = Array(("<text:p>a" + String(repeating: "<text:s text:c=\"999999\"/>", count: 2000) + "b</text:p>").utf8)
        XCTAssertTrue(failure { try OpenDocument.paragraphs(ofXML: spaces) }.hasPrefix("content.xml: its runs of spaces (<text:s text:c=\"N\"/>) add up to more than the file's"))
        // Cut short inside a paragraph: what it had is kept.
        XCTAssertEqual(try OpenDocument.paragraphs(ofXML: Array("<text:p>cut sh".utf8)), [.init(text: "cut sh")])
    }

    func testWrittenAndReadBack() throws {
        let ps: [WordDocument.Paragraph] = [.init(text: "Ruiz’s “crackdown” <bites> & more", style: "Heading1"),
                                            .init(text: "Two  spaces,\ta tab\nand a line", style: "Standard"), .init(text: "", style: "Standard")]
        XCTAssertEqual(try OpenDocument.paragraphs(ofFile: OpenDocument.make(ps), limit: 1 << 20), ps)
    }

    func testAnOpenDocumentTextIsARecord() throws {
        let p = dir + "/article.odt"
        writeBytes(OpenDocument.make([.init(text: "Cartels offer to surrender", style: "Heading1"), .init(text: ""),
                                      .init(text: "Ana Ruiz welcomed the offer."), .init(text: "Villa did not.")]), to: p)
        let r = try readRecords(p)
        XCTAssertEqual(r.map(\.id), ["article.odt"])
        XCTAssertEqual(r[0].title, "Cartels offer to surrender")
        XCTAssertEqual(r[0].text, "Ana Ruiz welcomed the offer.\nVilla did not.")
        XCTAssertEqual(InputFormat.guess(path: "a/B.ODT"), .odt)
        // A Nexis Uni download saved as .odt is read article by article.
        writeBytes(OpenDocument.make(WordDocumentTests.download.map { .init(text: $0) }), to: dir + "/uni.odt")
        XCTAssertEqual(try readRecords(dir + "/uni.odt").map(\.id), ["uni.odt#1", "uni.odt#2", "uni.odt#3"])
        // No text; not an OpenDocument text; a ZIP archive without content.xml.
        writeBytes(OpenDocument.make([.init(text: " ")]), to: p)
        assertInvalid(p, line: 1, contains: "the OpenDocument text has no text")
        write("{\"text\": \"renamed\"}\n", to: p)
        assertInvalid(p, line: 1, contains: "not an OpenDocument text (.odt): it does not open as a ZIP archive does")
        writeBytes(ZipArchive.make([("mimetype", Array("application/zip".utf8))]), to: p)
        assertInvalid(p, line: 1, contains: "not an OpenDocument text (.odt): the archive holds no content.xml")
    }
}
