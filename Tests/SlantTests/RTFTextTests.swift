import Foundation
import XCTest
@testable import Slant

/// RTF documents read for their paragraphs (`RTFText`), and Factiva and Nexis Uni downloads in RTF or saved as text
/// read as a record per article (`FactivaText`, `NexisUni`, `RecordReader`).
final class RTFTextTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    func failure(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func paragraphs(_ rtf: String) throws -> [RTFText.Paragraph] { try RTFText.paragraphs(Array(rtf.utf8)) }

    /// The known control words are told apart by their hashed letters (no two share a key), found where they lie,
    /// and a word that only shares a known word's key, or its first letters, is unknown.
    func testControlWordsAreLookedUpByTheirLetters() {
        let keys = RTFText.words.keys.map { RTFText.key(UnsafeBufferPointer(start: nil, count: 0), $0) }
        XCTAssertEqual(Set(keys).count, RTFText.words.count)
        let text = Array("\\par\\pard\\pa\\parx\\emdash".utf8)
        text.withUnsafeBufferPointer { b in
            for (range, expected) in [(1..<4, "paragraphEnd"), (5..<9, "paragraphDefaults"), (10..<12, nil), (13..<17, nil), (18..<24, "character(\"\u{2014}\")")] {
                XCTAssertEqual(RTFText.word(b, range).map { "\($0)" }, expected, "\(range)")
            }
        }
    }

    func testParagraphsAsAReaderSeesThem() throws {
        // As Word writes a document: tables of fonts, colours and styles, the document's information, then the body.
        let rtf = #"""
        {\rtf1\adeflang1025\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}
        {\f1\fswiss\fcharset204 Arial Cyr;}{\f2\ftech\fcharset2 Symbol;}}{\colortbl;\red0\green0\blue0;}
        {\stylesheet{\ql \f0\fs24 \snext0 Normal;}{\s1\ql\b\fs32 \sbasedon0 \snext0 \slink15 heading 1;}{\*\cs10 \additive Default Paragraph Font;}}
        {\info{\title Not the headline}{\author Jane Roe}}{\*\rsidtbl \rsid123}
        \pard\plain \s1\b Cartels \'93offer\'94 to surrender\par
        \pard\plain Ruiz\rquote s men{\*\bkmkstart x} said\tab \ldblquote no\rdblquote \emdash again\line and\~again, non\-stop co\_op.\par
        {\field{\*\fldinst {HYPERLINK "https://example.com"}}{\fldrslt {A link}}} and {\v hidden }{\deleted gone }text.{\footnote {A footnote.}}\par
        {\pict\pngblip\bin2 {}}\par after the picture\par
        \u8220?quoted\u8221? \uc2\u8212\'97\'97 dash \uc1\u-10179?\u-8704? face {\f1\'c0\'e1\'e2} and {\f2\'b7} symbol\par
        \trowd\cellx1000\cellx2000\intbl cell 1\cell cell 2\cell\row
        \pard {\listtext 1.\tab}Listed\par
        \pard\plain\b Bold \b0 and not\par
        Last without a paragraph mark}
        trailing bytes after the document are not read
        """#
        let ps = try paragraphs(rtf)
        XCTAssertEqual(ps.map(\.text), [
            "Cartels “offer” to surrender",
            "Ruiz’s men said\t“no”—again\nand\u{A0}again, nonstop co-op.",
            "A link and text.",
            "",
            "after the picture",
            "“quoted” — dash 😀 face Абв and  symbol",
            "cell 1", "cell 2",
            "Listed",
            "Bold and not",
            "Last without a paragraph mark",
        ])
        XCTAssertEqual(ps[0].style, "heading 1")
        XCTAssertTrue(ps[0].bold)
        XCTAssertNil(ps[1].style)
        XCTAssertFalse(ps[1].bold || ps[9].bold)
        XCTAssertTrue(WordDocument.isTitleStyle(ps[0].style!))
        XCTAssertTrue(RTFText.looksLikeRTF(Array("\u{FEFF}\n {\\rtf1}".utf8)))
        XCTAssertFalse(RTFText.looksLikeRTF(Array("{\"text\": 1}".utf8)))
    }

    func testWrittenAndReadBack() throws {
        let ps: [RTFText.Paragraph] = [.init(text: "Ruiz’s “crackdown” — {braces} and \\ back", style: "Title", bold: true),
                                       .init(text: "Zürich, Łódź, Ελλάδα, 東京, 😀\tand\na line"), .init(text: "")]
        XCTAssertEqual(try RTFText.paragraphs(RTFText.make(ps)), ps)
    }

    func testBrokenDocumentsAreRefusedWithTheirReason() throws {
        XCTAssertEqual(failure { try self.paragraphs("{\"text\": \"renamed\"}") },
                       "not an RTF document: it does not open with {\\rtf (a Word 97-2003 .doc, or a file renamed?)")
        XCTAssertEqual(failure { try RTFText.paragraphs([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) },
                       "not an RTF document: it does not open with {\\rtf (a Word 97-2003 .doc, or a file renamed?)")
        let whole = RTFText.make([.init(text: "First paragraph."), .init(text: "Second paragraph.")])
        XCTAssertEqual(failure { try RTFText.paragraphs(Array(whole.prefix(whole.count - 20))) },
                       "the RTF document ends inside 1 open group: the file is cut short")
        XCTAssertEqual(failure { try self.paragraphs("{\\rtf1 " + String(repeating: "{", count: 20_000) + "deep") },
                       "groups nested deeper than 10000")
        XCTAssertEqual(failure { try self.paragraphs("{\\rtf1\\ansi\\ansicpg1255 Fine\\par \\'e0\\'e1\\par}") },
                       "paragraph 2 is written in code page 1255, which Slant does not decode (it reads Windows-1250 to 1254, Shift-JIS and UTF-8, and \\uN characters in any)")
        // Values out of range are no characters, and binary data longer than the file ends it.
        XCTAssertEqual(try paragraphs("{\\rtf1 a\\u99999999?b\\u-99999?c\\par}").map(\.text), ["abc"])
        XCTAssertEqual(failure { try self.paragraphs("{\\rtf1 text\\par{\\pict\\bin999999999 xx}}") },
                       "the RTF document ends inside 2 open groups: the file is cut short")
        XCTAssertEqual(try paragraphs("{\\rtf1 \\ansicpg1251 \\'c0\\'e1 \\pc plain}").map(\.text), ["Аб plain"])
    }

    /// A Factiva download in its plain layout, paragraph by paragraph, with each paragraph's boldness.
    static let plainDownload: [(String, Bool)] = [
        ("World", false), ("Cartels offer to surrender", true), ("By Jane Roe", false), ("1,204 words", false),
        ("3 March 2020", false), ("20:44", false), ("The Daily Courier", false), ("DAILY", false), ("Late Edition", false),
        ("A4", false), ("English", false), ("(c) 2020 The Daily Courier. All rights reserved.", false),
        ("Several of the country's most violent drug cartels have signalled that they are ready to surrender.", false),
        ("", false), ("Prime Minister Ana Ruiz welcomed the offer.", false), ("Document DAILY00020200303eg330005r", false),
        ("Villa's lieutenants ask for terms", true), ("40 words", false), ("4 March 2020", false), ("Guardian.com", false),
        ("GRDN", false), ("English", false), ("Villa's lieutenants asked about terms.", false),
        ("Document GRDN000020200304eg340001x", false),
    ]

    /// The same two articles in the layout with indexing: a paragraph per field's code, its value's after it.
    static let indexedDownload: [String] = [
        "SE", "World", "HD", "Cartels offer to surrender", "BY", "By Jane Roe", "WC", "1,204 words", "PD", "3 March 2020",
        "SN", "The Daily Courier", "SC", "DAILY", "LA", "English", "CY", "(c) 2020 The Daily Courier. All rights reserved.",
        "LP", "Several of the country's most violent drug cartels have signalled that they are ready to surrender.",
        "TD", "Prime Minister Ana Ruiz welcomed the offer.", "NS", "gcrim : Crime/Legal Action | gcat : Political/General News",
        "RE", "mex : Mexico", "AN", "Document DAILY00020200303eg330005r",
        "HD\tVilla's lieutenants ask for terms", "WC\t40 words", "PD\t4 March 2020", "SN\tGuardian.com", "LA\tEnglish",
        "LP\tVilla's lieutenants asked about terms.", "AN\tDocument GRDN000020200304eg340001x",
    ]

    func testArticlesOfAFactivaDownload() throws {
        let plain = try XCTUnwrap(FactivaText.documents(Self.plainDownload.map(\.0), bold: Self.plainDownload.map(\.1)))
        let indexed = try XCTUnwrap(FactivaText.documents(Self.indexedDownload))
        for docs in [plain, indexed] {
            XCTAssertEqual(docs.count, 2)
            XCTAssertEqual(docs.map(\.title), ["Cartels offer to surrender", "Villa's lieutenants ask for terms"])
            XCTAssertEqual(docs.map(\.source), ["The Daily Courier", "Guardian.com"])
            XCTAssertEqual(docs.map(\.isoDate), ["2020-03-03", "2020-03-04"])
            XCTAssertEqual(docs[0].text, "Several of the country's most violent drug cartels have signalled that they are ready to surrender.\nPrime Minister Ana Ruiz welcomed the offer.")
            XCTAssertEqual(docs[1].text, "Villa's lieutenants asked about terms.")
            XCTAssertEqual(docs[0].fields["byline"], "By Jane Roe")
            XCTAssertEqual(docs[0].fields["section"], "World")
            XCTAssertEqual(docs[0].fields["length"], "1,204 words")
            XCTAssertEqual(docs[0].fields["language"], "English")
            XCTAssertEqual(docs[0].fields["copyright"], "(c) 2020 The Daily Courier. All rights reserved.")
            XCTAssertEqual(docs.map { $0.fields["document"] }, ["DAILY00020200303eg330005r", "GRDN000020200304eg340001x"])
        }
        XCTAssertEqual(plain[0].fields["time"], "20:44")
        XCTAssertEqual(plain[0].fields["edition"], "Late Edition")
        XCTAssertEqual(plain[0].fields["page"], "A4")
        XCTAssertEqual(indexed[0].fields["subject"], "gcrim : Crime/Legal Action | gcat : Political/General News")
        XCTAssertEqual(plain.map(\.line), [1, 17])
        // The download's search summary after the last article is not read; a download cut short keeps its last article.
        let summary = ["Search Summary", "Text", "ruiz and cartel*", "Date", "01/03/2020 to 31/03/2020", "Results Found", "2"]
        XCTAssertEqual(FactivaText.documents(Self.plainDownload.map(\.0) + summary)?.count, 2)
        let cut = try XCTUnwrap(FactivaText.documents(Array(Self.plainDownload.map(\.0).dropLast())))
        XCTAssertEqual(cut.map(\.title), ["Cartels offer to surrender", "Villa's lieutenants ask for terms"])
        XCTAssertNil(cut[1].fields["document"])
        // Saved as text, without bold: a short first line before a headline that is no byline is the section.
        XCTAssertEqual(FactivaText.documents(Self.plainDownload.map(\.0))?.map(\.title), ["Cartels offer to surrender", "Villa's lieutenants ask for terms"])
        // Other paragraphs are no download: no number closes the first article, or it opens in neither layout.
        for lines in [["Cartels offer to surrender", "12 words", "3 March 2020", "Text."], ["An essay.", "Document DAILY00020200303eg330005r"],
                      ["Title", "12 words", "Not a date", "Text.", "Document DAILY00020200303eg330005r"],
                      ["Title", "12 words", "3 March 2020", "Text.", "Document short"], []] {
            XCTAssertNil(FactivaText.documents(lines), "\(lines)")
        }
    }

    func testDownloadsInRTFAreARecordPerArticle() throws {
        let factiva = dir + "/factiva.rtf", indexed = dir + "/indexed.rtf", uni = dir + "/uni.doc", txt = dir + "/factiva.txt"
        writeBytes(RTFText.make(Self.plainDownload.map { .init(text: $0.0, bold: $0.1) }), to: factiva)
        writeBytes(RTFText.make(Self.indexedDownload.map { .init(text: $0) }), to: indexed)
        writeBytes(RTFText.make(WordDocumentTests.download.map { .init(text: $0) }), to: uni)
        write(Self.plainDownload.map(\.0).joined(separator: "\r\n"), to: txt)
        for p in [factiva, indexed, txt] {
            let (r, name, first) = try assertFirstArticle(p, keep: ["date", "source", "title", "byline", "document"],
                                                          title: "Cartels offer to surrender", source: "The Daily Courier",
                                                          kept: [.string("2020-03-03"), .string("The Daily Courier"), .string("Cartels offer to surrender"),
                                                                 .string("By Jane Roe"), .string("DAILY00020200303eg330005r")])
            XCTAssertEqual(first.text, "Several of the country's most violent drug cartels have signalled that they are ready to surrender.\nPrime Minister Ana Ruiz welcomed the offer.")
            XCTAssertEqual(try r.next()?.id, name + "#2")
            XCTAssertNil(try r.next())
        }
        XCTAssertEqual(try readRecords(uni).map(\.id), ["uni.doc#1", "uni.doc#2", "uni.doc#3"])
        // LexisNexis Academic's "Word" download (an RTF file named .doc), its lines as paragraphs: read as its text download is.
        let academic = dir + "/academic.doc"
        writeBytes(RTFText.make(NexisTextTests.download.split(separator: "\n", omittingEmptySubsequences: false).map { .init(text: String($0)) }), to: academic)
        let fromText = try firstRecords(dir + "/nexis.txt", writing: NexisTextTests.download, upTo: 3)
        let fromRTF = try firstRecords(academic, upTo: 3)
        XCTAssertEqual(fromRTF.map(\.id), ["academic.doc#1", "academic.doc#2", "academic.doc#3"])
        XCTAssertEqual(fromRTF.map(\.title), fromText.map(\.title))
        XCTAssertEqual(fromRTF.map(\.source), fromText.map(\.source))
        XCTAssertEqual(fromRTF.map(\.text), fromText.map(\.text))
        XCTAssertEqual(try readRecords(uni).first?.source, "The Daily Courier")
        XCTAssertEqual(InputFormat.guess(path: "a/B.RTF"), .rtf)
        XCTAssertEqual(InputFormat.guess(path: "a/b.doc"), .rtf)
    }

    /// The first `n` records of `path` (written with `text` first, when given).
    func firstRecords(_ path: String, writing text: String? = nil, upTo n: Int) throws -> [Record] {
        if let text { write(text, to: path) }
        let r = try RecordReader(path: path)
        var out: [Record] = []
        while out.count < n, let x = try r.next() { out.append(x) }
        return out
    }

    func testAnRTFDocumentIsARecord() throws {
        let p = dir + "/article.rtf"
        writeBytes(RTFText.make([.init(text: "Cartels offer to surrender", style: "heading 1"), .init(text: ""),
                                 .init(text: "Ana Ruiz welcomed the offer."), .init(text: "Villa did not.")]), to: p)
        let r = try readRecords(p)
        XCTAssertEqual(r.map(\.id), ["article.rtf"])
        XCTAssertEqual(r[0].title, "Cartels offer to surrender")
        XCTAssertEqual(r[0].text, "Ana Ruiz welcomed the offer.\nVilla did not.")
        // An RTF file named .txt is read as RTF.
        let t = dir + "/article.txt"
        writeBytes(RTFText.make([.init(text: "First"), .init(text: "Second")]), to: t)
        XCTAssertEqual(try readRecords(t).map(\.text), ["First\nSecond"])
        // No text; a Word 97-2003 file; cut short; too long for one record.
        writeBytes(RTFText.make([.init(text: " ")]), to: p)
        assertInvalid(p, line: 1, contains: "the RTF document has no text")
        writeBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100), to: dir + "/old.doc")
        assertInvalid(dir + "/old.doc", line: 1, contains: "not an RTF document: it does not open with {\\rtf (a Word 97-2003 .doc")
        writeBytes(Array(RTFText.make([.init(text: "First"), .init(text: "Second")]).dropLast(3)), to: p)
        assertInvalid(p, line: 1, contains: "the file is cut short")
        writeBytes(RTFText.make([.init(text: String(repeating: "word ", count: 100))]), to: p)
        var o = ReaderOptions(); o.maxRecordBytes = 100
        assertInvalid(p, line: 1, contains: "longer than the limit of 100 bytes for one record", options: o)
    }
}
