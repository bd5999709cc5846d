import XCTest
@testable import Slant

/// A saved web page read for its article (`HTMLText`).
final class HTMLTextTests: XCTestCase {
    /// A news page: the headline from `og:title`, the article's paragraphs, and nothing of its head, scripts,
    /// styles, comments, cookie banner, header, menus, search form, byline, advertisement, figure, related links,
    /// sidebar or footer.
    func testANewsPageGivesItsHeadlineAndParagraphs() {
        let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <title>Council passes budget | The Example</title>
        <meta property="og:title" content="Council passes budget &amp; more">
        <style>p > a { color: red }</style>
        <script>if (a < b && c > d) { document.write("<p>Not text at all, not even a little bit of it.</p>"); }</script>
        </head><body>
        <!-- <p>A commented-out paragraph that is long enough to be prose.</p> -->
        <div class="cookies">We use cookies. <a href="/p">Privacy</a></div>
        <header><a href="/">The Example</a><nav><a href="/a">Politics and government news</a> <a href="/b">World</a></nav></header>
        <form><input placeholder="Search"><button>Search the whole site for anything at all</button></form>
        <main><article>
        <h1>Council passes budget</h1>
        <p class="byline">By Jane Doe | March 3, 2024</p>
        <figure><img src="x.jpg"><figcaption>Residents packed the chamber on Tuesday night for the long vote.</figcaption></figure>
        <p>The city council on Tuesday approved a budget of $2.1 billion after a heated meeting, rejecting calls to cut funding.</p>
        <div class="ad">Advertisement</div>
        <p>“It keeps us safe,” said Mayor Ellen&nbsp;Park &mdash; who   praised
           the vote &#8212; and &#x201C;invests in schools.&#x201D;</p>
        <p>Critics disagreed.<br>They will&nbsp;return.</p>
        <p>Read more: <a href="/x">Where the city's money goes, line by line, in one chart</a></p>
        </article>
        <aside><p>Most read: the ten stories everyone in the city is talking about this week.</p></aside>
        </main>
        <footer><p>Sign up for our newsletter to get the top stories in your inbox every morning.</p></footer>
        </body></html>
        """
        let p = HTMLText.read(page)
        XCTAssertEqual(p.title, "Council passes budget & more")
        XCTAssertEqual(p.text, """
        The city council on Tuesday approved a budget of $2.1 billion after a heated meeting, rejecting calls to cut funding.

        “It keeps us safe,” said Mayor Ellen Park — who praised the vote — and “invests in schools.”

        Critics disagreed. They will return.
        """)
    }

    /// The headline falls back to the first `h1`, then to the `title`; character references are decoded and
    /// what is not one is left as written.
    func testHeadlineFallbacksAndCharacterReferences() {
        let body = "<p>Prices rose 3% in a year &amp; rents more: a &lt; b, &foo; &#65;&#x42; &#0; &#xD800; fish &amp chips and more.</p>"
        XCTAssertEqual(HTMLText.read("<html><head><title>Story | Site</title></head><body><h1>The <em>real</em>\n headline</h1>\(body)</body></html>").title,
                       "The real headline")
        let p = HTMLText.read("<html><head><title> Prices rise again | Site </title></head><body>\(body)</body></html>")
        XCTAssertEqual(p.title, "Prices rise again")
        XCTAssertEqual(p.text, "Prices rose 3% in a year & rents more: a < b, &foo; AB \u{FFFD} \u{FFFD} fish &amp chips and more.")
        // Encoded twice, and Windows-1252's numbers, as browsers read them.
        XCTAssertEqual(HTMLText.read("<p>She said &amp;quot;enough&amp;quot; &#147;twice&#148; in a paragraph long enough to be prose.</p>").text,
                       "She said \"enough\" “twice” in a paragraph long enough to be prose.")
        XCTAssertNil(HTMLText.read("<p>Nothing but a paragraph that has enough words to be read as prose.</p>").title)
        // An article's headline is read in its header (which is no text), before a site's h1 in the page header.
        let p2 = HTMLText.read("<header><h1 class=\"site-title\">Valley Post</h1></header><article><header><h1>Council passes budget</h1><p>By Jane Doe</p></header>\(body)</article>")
        XCTAssertEqual(p2.title, "Council passes budget")
        XCTAssertFalse(p2.text.contains("Jane Doe"))
        XCTAssertEqual(HTMLText.read("<header><h1>Valley Post</h1></header><div class=\"post-header\"><h1>The story</h1></div>\(body)").title, "Valley Post")
        // A title's site name goes: short, capitalised, after " | ", " – " or " — ".
        XCTAssertEqual(HTMLText.withoutSiteName("Council passes budget | The Example"), "Council passes budget")
        XCTAssertEqual(HTMLText.withoutSiteName("Council passes budget – Valley Post"), "Council passes budget")
        XCTAssertEqual(HTMLText.withoutSiteName("Biden – the comeback kid"), "Biden – the comeback kid")
        XCTAssertEqual(HTMLText.withoutSiteName("A | B | The New York Times Company Online"), "A | B | The New York Times Company Online")
        XCTAssertEqual(HTMLText.read("<title>Site name only</title>\(body)").title, "Site name only")
        XCTAssertEqual(HTMLText.read("\(body)<h1>Never closed").title, "Never closed")
    }

    /// Where an `article` (or an element marked `itemprop="articleBody"`) holds 50 words or more, only its blocks
    /// are read; a shorter one does not decide, and then every block that reads as prose is kept.
    func testTheArticleElementDecidesWhenItHoldsTheText() {
        let long = Array(repeating: "The committee heard evidence from many witnesses about the plan.", count: 6).joined(separator: " ")
        let about = "<div><p>About us: the paper has served the valley since 1887 with news and views every day.</p></div>"
        XCTAssertEqual(HTMLText.read("\(about)<article><p>\(long)</p></article>").text, long)
        XCTAssertEqual(HTMLText.read("\(about)<div itemprop=\"articleBody\"><p>\(long)</p></div>").text, long)
        let short = "<article><p>A short article of a dozen words that is still prose.</p></article>"
        XCTAssertEqual(HTMLText.read(about + short).text.components(separatedBy: "\n\n").count, 2)
    }

    /// Menus are links; headings are no text; a quoted '>' ends no tag; a bare '<' is text; a furniture element
    /// left open would swallow the page, so the page is then read without that rule.
    func testMenusHeadingsQuotesAndUnclosedFurniture() {
        let menu = "<ul><li><a href='/1'>Politics</a> <a href='/2'>World news</a> <a href='/3'>Business</a> <a href='/4'>Sports and games</a> and more</li></ul>"
        let para = "<p title=\"a > b\">Voters in the county turned out in record numbers on a cold and rainy day.</p>"
        XCTAssertEqual(HTMLText.read("\(menu)<h2>A heading that is long enough to count as ten words here</h2>\(para)").text,
                       "Voters in the county turned out in record numbers on a cold and rainy day.")
        XCTAssertEqual(HTMLText.read("<p>If x < 3 and y > 4 then the result, as the report said, is clear.</p>").text,
                       "If x < 3 and y > 4 then the result, as the report said, is clear.")
        let unclosed = "<header><a href='/'>Home</a>\(para)<p>And a second paragraph that carries on the story of the vote.</p>"
        XCTAssertEqual(HTMLText.read(unclosed).text.components(separatedBy: "\n\n").count, 2)
        let p = HTMLText.read("<html><body><nav><a href='/'>Home</a></nav><p>Click here</p></body></html>")
        XCTAssertEqual(p.text, "")
        XCTAssertEqual(p.blocks, 1)
    }

    /// An element whose `class` or `id` names furniture is left out with everything inside it, nested elements
    /// of its own kind too; never `body`, `main` or `article`; and a page whose article sits in such an element
    /// is read again by element names alone. Elements left open close with the element around them: an
    /// unclosed link ends with its paragraph, an article marked on a `div` ends with that `div`, not an inner one.
    func testFurnitureNamedByClassAndNesting() {
        let story = "The council voted on Tuesday to approve the new budget after a long debate."
        let more = "Residents who spoke at the meeting said they would keep pressing for changes."
        let promo = "<div class=\"newsletter-signup\"><p>Sign up for our newsletter to get the latest news in your inbox.</p>"
            + "<div><p>Nested inside the sign-up box, and long enough to read as prose here.</p></div>"
            + "<p>After the nested box, still inside it, and long enough to be prose too.</p></div>"
        XCTAssertEqual(HTMLText.read("<body class=\"single has-sidebar\"><article class=\"post\"><p>\(story)</p>\(promo)<p>\(more)</p></article></body>").text,
                       story + "\n\n" + more)
        XCTAssertEqual(HTMLText.read("<div id=\"story\" class=\"story-body has-ads\"><p>\(story)</p><p>\(more)</p></div>").text,
                       story + "\n\n" + more)
        // A page whose text (long menus) is more than five times its article's is read again, and the passes
        // without the class rule win only by more than five times the words: a sign-up box stays out.
        let links = (0..<60).map { "<a href=\"/\($0)\">Section \($0) news</a>" }.joined(separator: " ")
        XCTAssertEqual(HTMLText.read("<nav>\(links)</nav><p>\(story)</p>\(promo)<p>\(more)</p>").text, story + "\n\n" + more)
        // itemprop="articleBody" on a div with divs inside: the article runs to its own closing tag.
        let long = Array(repeating: story, count: 5).joined(separator: " ")
        let body = "<div itemprop=\"articleBody\"><div class=\"x\"><p>\(long)</p></div><p>\(more)</p></div>"
        XCTAssertEqual(HTMLText.read("<div><p>About the paper: founded in 1887, it serves the whole valley every day.</p></div>\(body)").text,
                       long + "\n\n" + more)
        XCTAssertEqual(HTMLText.read("<div><p>\(story) <a href=\"/x\">a link left open</p></div><div><p>\(more)</p></div>").text,
                       story + " a link left open\n\n" + more)
    }

    /// `--html-text`: JSONL and CSV records whose text is a page's source are read for their article, the headline
    /// the title of a record without one; spans into a page are refused, and a page without prose names its line.
    func testRecordsWhoseTextIsAPage() throws {
        let dir = temporaryDirectory()
        let page = "<html><head><title>The headline | Site</title></head><body><nav><a href='/'>Home</a></nav><p>The mayor said the plan would be ready by the spring of next year.</p></body></html>"
        func jsonString(_ s: String) -> String { String(decoding: try! JSONSerialization.data(withJSONObject: [s]), as: UTF8.self).dropFirst().dropLast().description }
        write("{\"id\": \"a\", \"text\": \(jsonString(page))}\n{\"id\": \"b\", \"title\": \"Own title\", \"text\": \(jsonString(page))}\n", to: dir + "/p.jsonl")
        var o = ReaderOptions()
        o.textIsHTML = true
        let rs = try readRecords(dir + "/p.jsonl", options: o)
        XCTAssertEqual(rs.map(\.text), Array(repeating: "The mayor said the plan would be ready by the spring of next year.", count: 2))
        XCTAssertEqual(rs.map(\.title), ["The headline", "Own title"])
        write("text,id\n\"\(page.replacingOccurrences(of: "\"", with: "\"\""))\",c\n", to: dir + "/p.csv")
        XCTAssertEqual(try readRecords(dir + "/p.csv", options: o).first?.title, "The headline")
        write("{\"id\": \"a\", \"text\": \"<p>x</p>\"}\n{\"id\": \"s\", \"text\": \"<p>Text</p>\", \"spans\": [[3, 7]]}\n", to: dir + "/bad.jsonl")
        XCTAssertThrowsError(try readRecords(dir + "/bad.jsonl", options: o)) { XCTAssertEqual("\($0)", dir + "/bad.jsonl:1: the text (a web page, --html-text) has no article text: its one block of text does not read as prose (10 words or more, or a sentence of 4 or more, mostly outside links)") }
        write("{\"id\": \"s\", \"text\": \"<p>Text</p>\", \"spans\": [[3, 7]]}\n", to: dir + "/spans.jsonl")
        XCTAssertThrowsError(try readRecords(dir + "/spans.jsonl", options: o)) { XCTAssertTrue("\($0)".hasPrefix(dir + "/spans.jsonl:1: \"spans\" cannot point into a web page's source"), "\($0)") }
    }

    /// A `.html` file is one record: the page's headline as its title and its article as its text, the file's
    /// name as its id; a page with no article text is an error naming the file.
    func testAnHTMLFileIsOneRecord() throws {
        let dir = temporaryDirectory()
        write("<html><head><title>A title</title></head><body><p>The mayor said the plan would be ready by the spring of next year.</p></body></html>", to: dir + "/a.html")
        let rs = try readRecords(dir + "/a.html")
        XCTAssertEqual(rs.count, 1)
        XCTAssertEqual(rs[0].id, "a.html")
        XCTAssertEqual(rs[0].title, "A title")
        XCTAssertEqual(rs[0].text, "The mayor said the plan would be ready by the spring of next year.")
        XCTAssertEqual(InputFormat.guess(path: "x/Page.HTM"), .html)
        XCTAssertEqual(InputFormat.guess(path: "x/page.xhtml.gz"), .html)
        // A page that says it is Windows-1252 (or Latin-1) is read so; one that says nothing must be UTF-8.
        let paragraph: [UInt8] = Array("<p>".utf8) + [0x93] + Array("Caf".utf8) + [0xE9, 0x94] + Array(" costs 5 ".utf8) + [0x80]
            + Array(", said the owner of the place on Monday.</p>".utf8)
        writeBytes(Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>".utf8) + paragraph, to: dir + "/w.html")
        XCTAssertEqual(try readRecords(dir + "/w.html")[0].text, "“Café” costs 5 €, said the owner of the place on Monday.")
        writeBytes(Array("<html><body>".utf8) + paragraph, to: dir + "/u.html")
        XCTAssertThrowsError(try readRecords(dir + "/u.html")) { XCTAssertTrue("\($0)".contains("invalid UTF-8"), "\($0)") }
        XCTAssertNil(HTMLText.decodeDeclared(Array("<meta charset=\"shift_jis\"><p>x".utf8) + [0x93]))
        write("<html><body><a href='/'>Home</a> <button>Menu</button></body></html>", to: dir + "/b.html")
        XCTAssertThrowsError(try readRecords(dir + "/b.html")) { e in
            XCTAssertTrue("\(e)".hasPrefix(dir + "/b.html:1: the page has no article text: its one block of text does not read as prose"), "\(e)")
        }
    }
}
