import Foundation
import XCTest
@testable import Slant

/// Pages saved from Factiva read as a record per article (`FactivaHTML`, `RecordReader`).
final class FactivaHTMLTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    /// Two articles in the layout with indexing (a table row per field), then one without paragraphs.
    static let indexed = """
    <html><head><title>Factiva</title><style>.article{page-break-after:always;}</style></head><body>
    <div id="contentWrapper"><div id="contentLeft"><span></span><div class="article enArticle"><table cellpadding="1">
    <tr><td align="right" valign="top" class="index"><b>SE</b>&nbsp;</td><td>World</td></tr>
    <tr><td align="right" valign="top" class="index"><b>HD</b>&nbsp;</td><td><b class='enHeadline'>Cartels &amp; the state</b>
    </td></tr><tr><td align="right" valign="top" class="index"><b>BY</b>&nbsp;</td><td>By Jane Roe</td></tr>
    <tr><td align="right" valign="top" class="index"><b>WC</b>&nbsp;</td><td>1,204 words</td></tr>
    <tr><td align="right" valign="top" class="index"><b>PD</b>&nbsp;</td><td>3 March 2020</td></tr>
    <tr><td align="right" valign="top" class="index"><b>SN</b>&nbsp;</td><td>The Daily Courier</td></tr>
    <tr><td align="right" valign="top" class="index"><b>LA</b>&nbsp;</td><td>English</td></tr>
    <tr><td align="right" valign="top" class="index"><p><b>LP</b>&nbsp;</p></td><td><p class="articleParagraph enarticleParagraph">MEXICO CITY (<b>AP</b>) &#8212; Cartels
    offered to   surrender.</p>
    <p class="articleParagraph enarticleParagraph">Ana Ruiz&nbsp;welcomed it.</p>
    </td></tr><tr><td align="right" valign="top" class="index"><p><b>TD</b>&nbsp;</p></td><td><p class="articleParagraph enarticleParagraph">Villa did not.</p>
    </td></tr><tr><td align="right" valign="top" class="index"><br/><b>NS</b>&nbsp;</td><td><br/>gcat : Political/General News | gcrim : Crime</td></tr>
    <tr><td align="right" valign="top" class="index"><br/><b>IPD</b>&nbsp;</td><td><br/>Mexico</td></tr>
    <tr><td align="right" valign="top" class="index"><br/><b>AN</b>&nbsp;</td><td><br/>Document DAILY00020200303eg330001x</td></tr></table><br/></div><br/><span></span>
    <div class="article frArticle"><table><tr><td class="index"><b>HD</b>&nbsp;</td><td><b class='frHeadline'>Le plan Ruiz</b></td></tr>
    <tr><td class="index"><b>PD</b>&nbsp;</td><td>29 décembre 2011</td></tr><tr><td class="index"><b>SN</b>&nbsp;</td><td>Ouest France</td></tr>
    <tr><td class="index"><p><b>LP</b>&nbsp;</p></td><td><p class="articleParagraph frarticleParagraph">Premier paragraphe.</p></td></tr></table></div>
    <div class="article enArticle"><table><tr><td class="index"><b>HD</b>&nbsp;</td><td><b>A picture</b></td></tr></table></div>
    <div id="pageFooter"><span class="copyright">&copy; 2020 Factiva, Inc.</span></div></div></div></body></html>
    """

    /// One article in the plain layout: headline, byline and unlabelled lines.
    static let plain = """
    <html><body><div class="article enArticle"><div id="hd"><span class="enHeadline">Cartels offer to surrender</span></div>
    <div class="author">By Jane Roe </div><div>812 words</div><div>3 March 2020</div><div>12:01 AM</div><div>The Times</div>
    <div>TIMES</div><div>English</div><div>(c) 2020 Times Newspapers Limited. All rights reserved.</div>
    <p class="articleParagraph enarticleParagraph">Several cartels offered to surrender.</p>
    <p class="articleParagraph enarticleParagraph"><b>Ana Ruiz</b> welcomed <i>it</i>.</p>
    <div>Document TIMES00020200303eg330001x</div></div></body></html>
    """

    func testArticlesOfThePageWithIndexing() throws {
        let docs = try XCTUnwrap(FactivaHTML.documents(Self.indexed))
        XCTAssertEqual(docs.map(\.number), [1, 2, 3])
        XCTAssertEqual(docs.map(\.line), [2, 17, 20])
        let a = docs[0]
        XCTAssertEqual(a.title, "Cartels & the state")
        XCTAssertEqual(a.source, "The Daily Courier")
        XCTAssertEqual(a.date, "3 March 2020")
        XCTAssertEqual(a.isoDate, "2020-03-03")
        // A bold "AP" inside a paragraph is text, not a field.
        XCTAssertEqual(a.text, "MEXICO CITY (AP) — Cartels offered to surrender.\nAna Ruiz welcomed it.\nVilla did not.")
        XCTAssertEqual(a.fields, ["section": "World", "byline": "By Jane Roe", "length": "1,204 words", "date": "3 March 2020",
                                  "source": "The Daily Courier", "language": "English", "subject": "gcat : Political/General News | gcrim : Crime",
                                  "ipd": "Mexico", "document": "DAILY00020200303eg330001x"])
        // Another language's article: its date is no English date.
        XCTAssertEqual(docs[1].title, "Le plan Ruiz")
        XCTAssertNil(docs[1].isoDate)
        XCTAssertEqual(docs[1].text, "Premier paragraphe.")
        XCTAssertEqual(docs[2].text, "")
    }

    func testArticleOfThePlainLayout() throws {
        let docs = try XCTUnwrap(FactivaHTML.documents(Self.plain))
        XCTAssertEqual(docs.count, 1)
        let a = docs[0]
        XCTAssertEqual(a.title, "Cartels offer to surrender")
        XCTAssertEqual(a.source, "The Times")
        XCTAssertEqual(a.isoDate, "2020-03-03")
        XCTAssertEqual(a.text, "Several cartels offered to surrender.\nAna Ruiz welcomed it.")
        XCTAssertEqual(a.fields, ["byline": "By Jane Roe", "length": "812 words", "time": "12:01 AM", "source-code": "TIMES",
                                  "language": "English", "copyright": "(c) 2020 Times Newspapers Limited. All rights reserved.",
                                  "document": "TIMES00020200303eg330001x"])
    }

    func testOtherPagesAreNoFactivaPage() throws {
        let example = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/datasets/examples/article.html", encoding: .utf8)
        for page in [example, #"<div class="article-body"><p>Text.</p></div>"#, #"<div class="article Article"><p>x</p></div>"#,
                     #"<div class="article en"><p>x</p></div>"#,
                     // Another site's class of the same shape, without Factiva's paragraphs or field table.
                     #"<div class="article newsArticle"><h1>T</h1><p class="lead">Text.</p></div>"#,
                     #"<div class="article enArticle"><h1>T</h1><p>Text.</p></div>"#, ""] {
            XCTAssertNil(FactivaHTML.documents(page), String(page.prefix(80)))
        }
        XCTAssertEqual(FactivaHTML.text(Array("  a<br/>b &amp;amp; &#x201C;c&#8221;&nbsp;&bogus; <i>d</i>e ".utf8)[...]), "a b & “c” &bogus; de")
    }

    func testAPageIsReadAsARecordPerArticle() throws {
        let p = dir + "/factiva.html"
        write(Self.indexed, to: p)
        XCTAssertEqual((p as NSString).lastPathComponent, "factiva.html")
        let (r, _, _) = try assertFirstArticle(p, keep: ["date", "source", "title", "byline", "document"], title: "Cartels & the state",
                                            source: "The Daily Courier", kept: [.string("2020-03-03"), .string("The Daily Courier"),
                                                                               .string("Cartels & the state"), .string("By Jane Roe"),
                                                                               .string("DAILY00020200303eg330001x")])
        XCTAssertEqual(try r.next()?.kept.first, .string("29 décembre 2011"))
        // An article without paragraphs is an error in its turn, naming its line.
        XCTAssertThrowsError(try r.next()) { e in
            XCTAssertEqual(e as? SlantError, .invalidInput(file: p, line: 20, message: "document 3 of the download has no text"))
        }
        XCTAssertNil(try r.next())
    }
}
