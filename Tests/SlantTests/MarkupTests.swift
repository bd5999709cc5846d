import XCTest
@testable import Slant

/// `Markup`: how much of a text is HTML or XML markup.
final class MarkupTests: XCTestCase {
    let prose = String(repeating: "The council met on Tuesday and approved the budget after a long debate. ", count: 6)

    /// Tags, comments and the contents of scripts and styles count; prose, a stray "<" and a comparison do not.
    func testShareCountsTagsScriptsStylesAndComments() {
        XCTAssertEqual(Markup.share(prose), 0)
        XCTAssertEqual(Markup.share("x < y and 3<4 " + prose), 0, "a '<' before a space or a digit opens no tag")
        let tagged = "<p>" + prose + "</p>"
        XCTAssertEqual(Markup.share(tagged), Float(7) / Float(tagged.utf8.count), accuracy: 1e-6)
        let script = "<script type=\"text/javascript\">var a = 1; if (a < 2) { run(); }</script>"
        let page = script + "<!-- a comment -->" + "<style>p { color: red }</style>" + prose
        let markup = script.utf8.count + "<!-- a comment -->".utf8.count + "<style>p { color: red }</style>".utf8.count
        XCTAssertEqual(Markup.share(page), Float(markup) / Float(page.utf8.count), accuracy: 1e-6)
        XCTAssertEqual(Markup.share("<SCRIPT>" + prose + "</Script>"), 1, "case-insensitive; the script's words are code")
        XCTAssertEqual(Markup.share("<!-- " + prose), 1, "a comment never closed runs to the end")
        XCTAssertEqual(Markup.share("<scripts>" + prose), Float(9) / Float(9 + prose.utf8.count), accuracy: 1e-6, "another tag")
        XCTAssertEqual(Markup.share("<a href=x>short</a>"), 0, "shorter than minBytes: not measured")
    }

    /// Only the first `sample` bytes are measured, and many '<' without a '>' cost one scan, not one per '<'.
    func testShareIsBoundedOnHostileText() {
        let head = String(repeating: "<div class=\"x\"></div>", count: 300)   // 6,300 bytes of tags
        XCTAssertEqual(Markup.share(head + prose), 1)
        XCTAssertEqual(Markup.share(prose + head), Float(Markup.sample - prose.utf8.count) / Float(Markup.sample), accuracy: 0.01)
        let open = String(repeating: "<a", count: 200_000)
        XCTAssertEqual(Markup.share(open), 0, "no '>' anywhere: no tag")
        XCTAssertEqual(Markup.share(String(repeating: "<!--", count: 100_000)), 1)
    }

    /// The reason names the share and what to give instead.
    func testReason() {
        XCTAssertNil(Markup.reasonNotRead(share: 0.49))
        XCTAssertEqual(Markup.reasonNotRead(share: 0.8), "cannot read the text: it is HTML or XML markup (tags, scripts and styles make 80% of its first 4096 bytes); give the page's text, not its source, or the page as a .html file (or --html-text), whose article Slant reads")
    }
}
