import Foundation
import XCTest
import CZlib
@testable import Slant

final class RecordReaderTests: XCTestCase {
    func testReadsLabeledJSONL() throws {
        let dir = temporaryDirectory()
        let p = dir + "/a.jsonl"
        write("""
        {"id": "x1", "text": "Merkel spoke.", "title": "T", "target": "Merkel", "spans": [[0, 6]], "source": "bbc", "labels": {"s": "neutral", "f": ["a", "b"]}}

        {"id": 7, "text": "Second \\u00e9 \\ud83d\\ude00 line"}
        """, to: p)
        let rs = try readRecords(p)
        XCTAssertEqual(rs.count, 2)
        XCTAssertEqual(rs[0].id, "x1")
        XCTAssertEqual(rs[0].spans, [Span(0, 6)])
        XCTAssertEqual(rs[0].labels["s"], .single("neutral"))
        XCTAssertEqual(rs[0].labels["f"], .multi(["a", "b"]))
        XCTAssertEqual(rs[0].source, "bbc")
        XCTAssertEqual(rs[1].id, "7")
        XCTAssertEqual(rs[1].text, "Second é 😀 line")
        XCTAssertEqual(rs[1].line, 3)
    }

    /// Invisible format characters (soft hyphen, byte-order mark, joiners, direction marks) leave the text
    /// fields when a record is read; a zero-width space, which separates words, and visible text stay. Spans
    /// move with the text, and offsets of the text map back to the text as given.
    func testInvisibleFormatCharactersAreRemovedAndOffsetsMapBack() throws {
        XCTAssertNil(InvisibleCharacters.removing(from: "Plain text, “curly” quotes — and é, 😀, 中文 and a\u{200B}zero-width space."))
        for v: UInt32 in [0xAD, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x2060, 0x2066, 0xFEFF, 0x061C, 0xE0001] {
            XCTAssertTrue(InvisibleCharacters.isRemoved(v), String(v, radix: 16))
        }
        for v: UInt32 in [0x20, 0xA0, 0x200B, 0x2010, 0x2019, 0x2028, 0x0627, 0xE9, 0x1F600, 0xFFFD] {
            XCTAssertFalse(InvisibleCharacters.isRemoved(v), String(v, radix: 16))
        }
        // The fast ranges agree with the property for every scalar: format characters but U+200B.
        for v: UInt32 in 0...0x10FFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let format = c.properties.generalCategory == .format && v != 0x200B
            if InvisibleCharacters.isRemoved(v) != format { XCTFail(String(v, radix: 16)); break }
        }
        let dir = temporaryDirectory()
        let p = dir + "/shy.jsonl"
        // "Re­pub­li­cans back Mer­kel": spans [0, 14) and [20, 27) in the text as given.
        write("""
        {"id": "a", "title": "\\ufeffSoft\\u00adhyphens", "text": "Re\\u00adpub\\u00adli\\u00adcans back Mer\\u00adkel\\u200d.", "target": "Mer\\u00adkel", "spans": [[20, 27]], "holder": "Re\\u00adpub\\u00adli\\u00adcans", "holder_spans": [[0, 14]]}
        {"id": "b", "text": "Nothing to remove here."}
        {"id": "c", "text": "\\u00ad\\u200e \\u00ad"}
        {"id": "d", "text": "Hi\\u00ad\\u00ad there", "spans": [[2, 4]]}
        """, to: p)
        let reader = try RecordReader(path: p)
        let a = try XCTUnwrap(try reader.next())
        XCTAssertEqual(a.text, "Republicans back Merkel.")
        XCTAssertEqual(a.title, "Softhyphens")
        XCTAssertEqual(a.target, "Merkel")
        XCTAssertEqual(a.holder, "Republicans")
        XCTAssertEqual(a.spans, [Span(17, 23)])
        XCTAssertEqual(a.holderSpans, [Span(0, 11)])
        XCTAssertEqual(a.removedFromText, [2, 6, 9, 23, 27])
        // Back to the text as given: "Merkel" [17, 23) is [20, 28) there (its end takes in the joiner after it),
        // the first word [0, 11) is [0, 14), and the end of the text (24) is 29.
        XCTAssertEqual([17, 23, 0, 11, 24].map(a.offsetInGivenText), [20, 28, 0, 14, 29])
        let b = try XCTUnwrap(try reader.next())
        // Punctuation decoded as Latin-1 or Windows-1252 on its way ("mojibake") is repaired, and the offsets
        // still map back: "Trumpâ\u{80}\u{99}s plan â€” â€œnoâ€\u{9D} Â©" is "Trump’s plan — “no” ©".
        let m = try XCTUnwrap(InvisibleCharacters.removing(from: "Trumpâ\u{80}\u{99}s plan â€” â€œnoâ€\u{9D} Â© pâté"))
        XCTAssertEqual(m.text, "Trump’s plan — “no” © pâté")
        XCTAssertEqual(m.removed, [6, 7, 16, 17, 20, 21, 25, 26, 29])
        var mr = Record(id: "m", text: "Trumpâ\u{80}\u{99}s plan", spans: [Span(0, 5), Span(10, 14)])
        try mr.removeInvisibleCharacters()
        XCTAssertEqual(mr.text, "Trump’s plan")
        XCTAssertEqual(mr.spans, [Span(0, 5), Span(8, 12)])
        XCTAssertEqual([5, 6, 8, 12].map(mr.offsetInGivenText), [5, 8, 10, 14])
        XCTAssertNil(InvisibleCharacters.removing(from: "Le château, pâté et crème brûlée: Â and â alone."))
        XCTAssertEqual(b.removedFromText, [])
        XCTAssertEqual(b.offsetInGivenText(5), 5)
        XCTAssertThrowsError(try reader.next()) { e in
            XCTAssertTrue("\(e)".contains("shy.jsonl:3:") && "\(e)".contains("only white space and invisible format characters"), "\(e)")
        }
        XCTAssertThrowsError(try reader.next()) { e in
            XCTAssertTrue("\(e)".contains("shy.jsonl:4:") && "\(e)".contains("span [2, 4] covers only invisible format characters"), "\(e)")
        }
    }

    /// HTML character references in a record's text fields are read as the characters they stand for, also when
    /// encoded twice; what is no reference is left as written; offsets map back to the text as given.
    func testCharacterReferencesAreDecodedAndOffsetsMapBack() throws {
        let cases: [(String, String)] = [
            ("Trump&#8217;s plan", "Trump’s plan"),
            ("&quot;No,&quot; said AT&amp;T&#x2019;s CEO &ndash; twice&hellip;", "\"No,\" said AT&T’s CEO – twice…"),
            ("Encoded twice: &amp;quot;yes&amp;quot; &amp;#8217; &amp;amp;amp;nbsp;.", "Encoded twice: \"yes\" ’ \u{A0}."),
            ("Windows-1252 numbers as browsers read them: &#146; &#150;, &#X2014;", "Windows-1252 numbers as browsers read them: ’ –, —"),
            ("Soft&shy;ly, &#173;&zwj;gone", "Softly, gone"),
        ]
        for (given, read) in cases {
            let r = try XCTUnwrap(InvisibleCharacters.removing(from: given), given)
            XCTAssertEqual(r.text, read, given)
            XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count, given)
        }
        // Not references: left as written, and a text with nothing to do is not copied.
        for plain in ["AT&T, Q&A, R&D and Johnson & Johnson", "fish &amp chips", "&foo; &unknown; & ;", "&#; &#x; &#xG1; &#12345678;",
                      "&averyveryverylongnamethatisnoreference;", "&AMP; &Quot;", "a&", "&", "&#", "&amp"] {
            XCTAssertNil(InvisibleCharacters.removing(from: plain), plain)
        }
        // The check eight bytes at a time sees an "&" in every position of a word, and after non-ASCII text.
        for k in 0..<17 {
            let given = String(repeating: "x", count: k) + "&amp;" + String(repeating: "y", count: 17 - k)
            XCTAssertEqual(InvisibleCharacters.removing(from: given)?.text, String(repeating: "x", count: k) + "&" + String(repeating: "y", count: 17 - k))
            XCTAssertEqual(InvisibleCharacters.removing(from: "é" + given)?.text, "é" + String(repeating: "x", count: k) + "&" + String(repeating: "y", count: 17 - k))
        }
        // Spans move with the text, offsets map back, and every text field is read so.
        var r = Record(id: "e", text: "&quot;Ruiz&#8217;s&quot; plan, said Ruiz.", target: "Ana Ruiz &amp; Co", spans: [Span(6, 10), Span(36, 40)])
        r.title = "Ruiz&#39;s crackdown"
        r.holder = "Villa&rsquo;s men"
        try r.removeInvisibleCharacters()
        XCTAssertEqual(r.text, "\"Ruiz’s\" plan, said Ruiz.")
        XCTAssertEqual(r.title, "Ruiz's crackdown")
        XCTAssertEqual(r.target, "Ana Ruiz & Co")
        XCTAssertEqual(r.holder, "Villa’s men")
        XCTAssertEqual(r.spans, [Span(1, 5), Span(20, 24)])
        // "Ruiz" [1, 5) is [6, 10) as given, "Ruiz’s" [1, 7) is [6, 18), the whole text [0, 25) is [0, 41).
        XCTAssertEqual([1, 5, 7, 0, 25].map(r.offsetInGivenText), [6, 10, 18, 0, 41])
        // A text of references to spaces and invisible characters alone holds nothing to read.
        let dir = temporaryDirectory()
        let p = dir + "/refs.jsonl"
        write("{\"id\": \"a\", \"text\": \"&nbsp;&shy; &amp;nbsp;\"}\n", to: p)
        XCTAssertThrowsError(try RecordReader(path: p).next()) { e in
            XCTAssertTrue("\(e)".contains("refs.jsonl:1:") && "\(e)".contains("only white space and invisible format characters"), "\(e)")
        }
    }

    /// Letters written decomposed (a letter and combining accents) are read composed, where Unicode composes
    /// them; offsets map back to the text as given, and spans move with the text.
    func testDecomposedLettersAreComposed() throws {
        let given = "Jose\u{301} Marti\u{301}n met Franc\u{327}ois in Ko\u{308}ln; e\u{302}\u{301} and a\u{30A}\u{301}."
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "Jos\u{E9} Mart\u{ED}n met Fran\u{E7}ois in K\u{F6}ln; \u{1EBF} and \u{1FB}.")
        XCTAssertEqual(Array(r.text.unicodeScalars), Array(given.precomposedStringWithCanonicalMapping.unicodeScalars))
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        // Composed before the repairs: mis-decoded punctuation written decomposed ("a" and U+0302 for its "â").
        let m = try XCTUnwrap(InvisibleCharacters.removing(from: "Trumpa\u{302}\u{80}\u{99}s Jose\u{301}&#8217;s"))
        XCTAssertEqual(m.text.unicodeScalars.map(\.value), "Trump’s Jos\u{E9}’s".unicodeScalars.map(\.value))
        XCTAssertEqual(m.removed, [6, 7, 8, 15, 17, 18, 19, 20, 21, 22])
        // Nothing to compose: a mark after a space or at the start, a letter with no composed form, composed text.
        for plain in ["\u{301}alone and  \u{301}spaced", "q\u{301} q\u{302}", "José Martín, Köln, ế"] {
            XCTAssertNil(InvisibleCharacters.removing(from: plain), plain)
        }
        var rec = Record(id: "d", text: "Jose\u{301} Marti\u{301}n spoke. Marti\u{301}n left.", target: "Jose\u{301} Marti\u{301}n",
                         spans: [Span(0, 13), Span(21, 28)])
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "José Martín spoke. Martín left.")
        XCTAssertEqual(rec.target, "José Martín")
        XCTAssertEqual(rec.spans, [Span(0, 11), Span(19, 25)])
        // "Martín" [19, 25) is [21, 28) as given; "José" [0, 4) is [0, 5).
        XCTAssertEqual([19, 25, 0, 4].map(rec.offsetInGivenText), [21, 28, 0, 5])
    }

    /// HTML tags in a record's text fields read as a browser shows the text: a block's tags as a line break,
    /// inline tags, comments and scripts as nothing; what is no tag of a known element stays, and a text that is
    /// mostly markup is left to the check that does not read it. Offsets map back to the text as given.
    func testTagsInTextAreReadOut() throws {
        let given = "<p>Ruiz <em>won</em>.</p><P class=\"x\">Villa lost<br/>badly <a href=\"https://x.org/?a=1&amp;b=2\" title='a > b'>here</a>.</p><!-- note --><script>var a = '<p>';</script>End"
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "\nRuiz won.\n\nVilla lost\nbadly here.\nEnd")
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        for plain in ["a < b and b > c", "I <3 it", "x<y", "<Ruiz> said", "<notatag>", "</ p>", "<p", "<p x='>", "<!-- open", "<pre"] {
            XCTAssertNil(InvisibleCharacters.removing(from: plain), plain)
        }
        // A script or comment never closed: the script's tag goes, the comment stays as written.
        XCTAssertEqual(InvisibleCharacters.removing(from: "Text <script>x = 1 and <!-- more")?.text, "Text x = 1 and <!-- more")
        let page = String(repeating: "<div class=\"nav\"><a href=\"/section/world\">World news</a></div>\n", count: 60) + "<p>A short story.</p>"
        XCTAssertGreaterThanOrEqual(Markup.share(page), Markup.threshold)
        XCTAssertNil(InvisibleCharacters.removing(from: page))
        var rec = Record(id: "t", text: "<p>Ruiz <b>won</b>.</p>", spans: [Span(3, 7)])
        rec.title = "<strong>Ruiz</strong> wins"
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "\nRuiz won.\n")
        XCTAssertEqual(rec.title, "Ruiz wins")
        XCTAssertEqual(rec.spans, [Span(1, 5)])
        // "Ruiz" [1, 5) is [3, 7) as given, "won" starts at 11, "." at 18, the end (11) is 23.
        XCTAssertEqual([1, 5, 6, 9, 11].map(rec.offsetInGivenText), [3, 7, 11, 18, 23])
        // With the other repairs: a tag, a decomposed letter and a reference in one text.
        let m = try XCTUnwrap(InvisibleCharacters.removing(from: "<i>Jose\u{301}</i>&#8217;s"))
        XCTAssertEqual(m.text.unicodeScalars.map(\.value), "Jos\u{E9}’s".unicodeScalars.map(\.value))
        XCTAssertEqual(m.removed, [0, 1, 2, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18])
    }

    /// Tags written escaped, as feeds that escape an article's HTML give it, read as the tags themselves; an
    /// escaped "<" that starts no tag stays a "<".
    func testEscapedTagsAreReadOut() throws {
        let given = "&lt;p&gt;Ruiz &lt;em&gt;won&lt;/em&gt;.&lt;/p&gt;&lt;p&gt;See &lt;a href=&quot;https://x.org/?a=1&amp;amp;b=2&quot;&gt;the report&lt;/a&gt;.&amp;lt;br/&amp;gt;End"
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "\nRuiz won.\n\nSee the report.\nEnd")
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        // Not tags: decoded as characters, as before.
        for (plain, read) in [("a &lt; b &gt; c", "a < b > c"), ("&lt;Ruiz&gt; said", "<Ruiz> said"), ("&lt;p", "<p"),
                              ("&lt;p x=&quot;&gt;", "<p x=\">"), ("&lt;p &lt;b&gt;", "<p "), ("&lt;!-- c --&gt;", "<!-- c -->")] {
            XCTAssertEqual(InvisibleCharacters.removing(from: plain)?.text, read, plain)
        }
        var rec = Record(id: "t", text: "&lt;p&gt;Ruiz won.&lt;/p&gt;", spans: [Span(9, 13)])
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "\nRuiz won.\n")
        XCTAssertEqual(rec.spans, [Span(1, 5)])
        XCTAssertEqual([1, 5, 10, 11].map(rec.offsetInGivenText), [9, 13, 18, 28])
    }

    /// Markdown's marks read as the rendered text: headings, quotes, list items, breaks, links, images, emphasis
    /// and escapes; what is no mark stays, offsets map back, and every field is read so.
    func testMarkdownMarksAreReadOut() throws {
        let given = """
            ## Ruiz wins ##
            > **Ruiz** said [the report](https://x.org/a_(b)_c "Title") was *clear*.
            ![A photo](https://x.org/p.jpg) Villa's __men__ \\*fled\\*.

            * * *
            - First, _snake_case_ and f***ing stay.
            [1]: https://x.org/notes
            """
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, """
            Ruiz wins
            Ruiz said the report was clear.
             Villa's men *fled*.


            First, snake_case and f***ing stay.

            """)
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        // No marks: left as written (and not copied).
        for plain in ["2*3*4 = 24", "a * b and c * d", "f***ing and s**t", "snake_case_name", "[sic] (AP)", "[1] and (2)",
                      "#MeToo and #1 seed", "1. First\n2. Second", "-- President Trump", "** not closed", "x*y*z", "*\n\n*",
                      "C:\\Users\\x", "`so what?' he said"] {
            XCTAssertNil(InvisibleCharacters.removing(from: plain), plain)
        }
        // Emphasis closes in its paragraph only, the nearest opener taking a closer.
        XCTAssertNil(InvisibleCharacters.removing(from: "*Ruiz\n\nwon*"))
        XCTAssertEqual(InvisibleCharacters.removing(from: "*a **b** c*")?.text, "a b c")
        XCTAssertEqual(InvisibleCharacters.removing(from: "**a *b** c*")?.text, "a *b c*")
        // A link's text may hold emphasis and brackets; an address, parentheses.
        XCTAssertEqual(InvisibleCharacters.removing(from: "[**Ruiz** [2019]](https://x.org/a(1)) won")?.text, "Ruiz [2019] won")
        XCTAssertEqual(InvisibleCharacters.removing(from: "[Ruiz](<https://x.org/a b>) won")?.text, "Ruiz won")
        // Hostile: thousands of unmatched openers and closers of other marks are read in linear time.
        let hostile = String(repeating: "_a ", count: 50_000) + String(repeating: "a* ", count: 50_000)
        XCTAssertNil(InvisibleCharacters.removing(from: hostile))
        // So are floods of brackets, marks and unclosed addresses and titles (each is read once).
        for flood in [String(repeating: "[", count: 100_000), String(repeating: "*", count: 100_000) + "a*",
                      String(repeating: "[](<", count: 30_000), String(repeating: "[](u \"", count: 30_000),
                      String(repeating: "[](((", count: 30_000), String(repeating: "[a](b) ", count: 30_000)] {
            let given = "Text " + flood
            let read = InvisibleCharacters.removing(from: given)
            XCTAssertEqual((read?.text.unicodeScalars.count ?? given.unicodeScalars.count) + (read?.removed.count ?? 0), given.unicodeScalars.count)
        }
        XCTAssertEqual(InvisibleCharacters.removing(from: String(repeating: "[a](b) ", count: 3))?.text, "a a a ")
        var rec = Record(id: "m", text: "**Ruiz** won. [Ruiz](https://x.org) spoke.", target: "*Ana Ruiz*", spans: [Span(2, 6), Span(15, 19)])
        rec.title = "# Ruiz wins"
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "Ruiz won. Ruiz spoke.")
        XCTAssertEqual(rec.title, "Ruiz wins")
        XCTAssertEqual(rec.target, "Ana Ruiz")
        XCTAssertEqual(rec.spans, [Span(0, 4), Span(10, 14)])
        // "Ruiz" [0, 4) is [2, 8) as given (a range's end takes in the marks removed after it), [10, 14) is [15, 35).
        XCTAssertEqual([0, 4, 10, 14, 21].map(rec.offsetInGivenText), [2, 8, 15, 35, 42])
    }

    /// Words hyphenated at a line's end, as PDF text gives them, read as the words they are; a compound's own
    /// hyphen that fell at a line's end stays, by the text's own evidence, by the lists and by the typesetter's
    /// limits; offsets map back.
    func testWordsBrokenAtLineEndsAreJoined() throws {
        let given = "The govern-\nment of Prime Min-  \r\n   ister Ruiz de-\nnounced the left-\nwing cartels' extor\u{AD}\ntion."
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "The government of Prime Minister Ruiz denounced the left-\nwing cartels' extortion.")
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        for (text, read) in [
            // The text writes the joined word, or the compound, elsewhere.
            ("A self-\nish act, selfish men.", "A selfish act, selfish men."),
            ("A con-\ntrol group, a con-trol group.", nil),
            // Typesetters leave two letters before a break and three after it.
            ("An e-\nmail.", nil), ("A would-\nbe tsar.", nil), ("Kim Jong-\nun.", nil),
            // Part of a longer compound, or after a digit.
            ("A state-of-the-\nart plan.", nil), ("The 20th-\ncentury plan.", nil),
            // A capital after the break starts a name or an acronym, unless the text writes the word whole or a
            // word in capitals goes on in capitals among words in capitals.
            ("Jean-\nPierre.", nil), ("the anti-\nPalin vote", nil), ("for the AFL-\nCIO. There", nil), ("US-\nBased.", nil),
            ("Mc-\nConnell said McConnell", "McConnell said McConnell"), ("NEWS CONFER-\nENCE)", "NEWS CONFERENCE)"),
            ("(CON-\nTINUES OVER", "(CONTINUES OVER"),
            // A blank line, or other text on the line, is no line break inside a word.
            ("A govern-\n\nment.", nil), ("A govern- ment.", nil), ("A govern -\nment.", nil), ("A 1-\n2 win.", nil),
            // Another character for the hyphen.
            ("The govern\u{2010}\nment.", "The government."),
        ] as [(String, String?)] {
            XCTAssertEqual(InvisibleCharacters.removing(from: text)?.text, read, text)
        }
        // The lists: words that begin or end compounds more often than broken words do.
        for text in ["The anti-\nwar vote.", "A well-\nknown party.", "A Trump-\nbacked bill."] {
            XCTAssertNil(InvisibleCharacters.removing(from: text), text)
        }
        // Hostile: a flood of breaks, and of words tens of thousands of letters long, is read in linear time.
        try assertReadWhole(floods: [String(repeating: "ab-\ncd-\n", count: 50_000), String(repeating: "a", count: 100_000) + "-\n" + String(repeating: "b", count: 100_000),
                                     String(repeating: "abc-\n", count: 50_000) + "x"],
                            record: "The govern-\nment of Ruiz.", span: Span(20, 24), reads: "The government of Ruiz.", spanRead: Span(18, 22),
                            offsets: [4, 10, 14, 18], given: [4, 12, 16, 20])
    }

    func testSpacesAtLineEndsAreRemoved() throws {
        // Flowed text keeps the space each line was broken at: a name broken there reads as the name.
        let given = "Former governor Jeb \nBush and Donald J. \t\r\nTrump met.  \n\n  Then  they left.\t\nIt  ends. "
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "Former governor Jeb\nBush and Donald J.\r\nTrump met.  \n\n  Then  they left.\nIt  ends. ")
        XCTAssertEqual(r.removed, [19, 39, 40, 75])
        // Spaces inside a line, at a line's start, before a blank line or an indented one and at the text's end
        // stay; so does a line break alone.
        for text in ["Jeb  Bush.", "Jeb\n  Bush.", "Jeb Bush. ", "Jeb \n", "Jeb \n\nBush.", "Jeb \r\n\r\nBush.", "Jeb \n  Bush.",
                     "Jeb\nBush.", "Jeb\r\nBush."] {
            XCTAssertNil(InvisibleCharacters.removing(from: text), text)
        }
        // Hostile: floods of spaces, at lines' ends or not, are read in linear time.
        for (flood, count) in [(String(repeating: " ", count: 200_000) + "\nx", 200_000), (String(repeating: " \nx", count: 100_000), 100_000),
                               (String(repeating: " ", count: 200_000) + "x\ny", 0), (String(repeating: "a \t", count: 100_000) + "\nb", 2)] {
            XCTAssertEqual(InvisibleCharacters.removing(from: flood)?.removed.count ?? 0, count)
        }
        // Spans and the output's offsets point into the text as given.
        var rec = Record(id: "t", text: "The minister Ana \nRuiz spoke.", target: "Ruiz", spans: [Span(18, 22)])
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "The minister Ana\nRuiz spoke.")
        XCTAssertEqual(rec.spans, [Span(17, 21)])
        XCTAssertEqual([13, 16, 17, 21].map(rec.offsetInGivenText), [13, 17, 18, 22])
    }

    func testLigaturesAreWrittenAsTheirLetters() throws {
        // Every ligature of U+FB00–U+FB06, beside a removal before and after, and one a character reference writes.
        let given = "Schi\u{FB00}\u{AD}s o\u{FB03}ce \u{FB01}ne \u{FB02}y ba\u{FB04}e \u{FB05}\u{FB06} &#64257;x\u{200D}."
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text, "Schiffs office fine fly baffle stst fix.")
        XCTAssertEqual(r.removed, [5, 29, 30, 31, 32, 33, 34, 35, 37])
        XCTAssertEqual(r.expanded, [4, 9, 9, 13, 17, 22, 22, 25, 26, 28])
        XCTAssertNil(InvisibleCharacters.removing(from: "Schiff's office, fine and fly."))
        // Spans move into the text as read; its offsets map back to the text as given, a ligature's added letters
        // to the ligature itself.
        var rec = Record(id: "l", text: "Adam Schi\u{FB00}\u{AD} and the o\u{FB03}cers.", target: "Schiff", spans: [Span(5, 10), Span(20, 26)])
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, "Adam Schiff and the officers.")
        XCTAssertEqual(rec.spans, [Span(5, 11), Span(20, 28)])
        XCTAssertEqual(rec.expandedInText, [9, 21, 21])
        XCTAssertEqual(rec.removedFromText, [10])
        XCTAssertEqual((0...rec.text.unicodeScalars.count).map(rec.offsetInGivenText),
                       [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 21, 21, 22, 23, 24, 25, 26, 27])
    }

    func testPageBreaksAndTheirFurnitureAreRemoved() throws {
        // Text as pdftotext gives it: a running header and a page number on each page, a form feed after each.
        let given = "THE COURIER  March 3, 2016  A1\n\nThe govern-\nment said\n\n- 1 -\n\u{0C}THE COURIER  March 3, 2016  A2\n\nthat Ana\r\nRuiz would act.\n\nPage 2 of 2\n\u{0C}"
        let r = try XCTUnwrap(InvisibleCharacters.removing(from: given))
        XCTAssertEqual(r.text.unicodeScalars.map { $0.value }, "\nThe government said\nthat Ana\r\nRuiz would act.\n\n\u{0C}".unicodeScalars.map { $0.value })
        XCTAssertEqual(r.text.unicodeScalars.count + r.removed.count, given.unicodeScalars.count)
        for (text, read) in [
            // A page break alone is a line break; one after a line break is no blank line.
            ("One\u{0C}two.", nil), ("One\n\u{0C}two.", "One\ntwo."), ("One\n\n\u{0C}\n two.", "One\n two."),
            // A line that opens one page only is text; one that opens two is a running header.
            ("Ruiz said\n\u{0C}Villa said\n\u{0C}more", "Ruiz said\nVilla said\nmore"),
            ("Ruiz 1\nsaid a\n\u{0C}Ruiz 2\nsaid b\n\u{0C}", "said a\nsaid b\n\u{0C}"),
            // Page numbers as printed; a number in prose is not one.
            ("a\n12\n\u{0C}b\n13/40\n\u{0C}c\np. 14\n\u{0C}d", "a\nb\nc\nd"),
            ("a\n12 people\n\u{0C}b", "a\n12 people\nb"),
        ] as [(String, String?)] {
            XCTAssertEqual(InvisibleCharacters.removing(from: text)?.text, read, text)
        }
        // Hostile: floods of form feeds and page numbers are read in linear time; spans and offsets point into the
        // text as given.
        try assertReadWhole(floods: [String(repeating: "\u{0C}", count: 200_000), String(repeating: "1\n\u{0C}", count: 100_000) + "x",
                                     String(repeating: "Head\nx\n\u{0C}", count: 100_000)],
                            record: "Head 1\nRuiz said\n\u{0C}Head 2\nthat Villa fled.", span: Span(30, 35), reads: "Ruiz said\nthat Villa fled.",
                            spanRead: Span(15, 20), offsets: [0, 10, 15], given: [7, 25, 30])
    }

    /// Each of `floods` read by the repair pass with every scalar accounted for (kept or removed: it ran, in
    /// linear time, to the end); and a record of text `record` with span `span` read as `reads`, the span moved
    /// to `spanRead`, and `offsets` of the text read mapped back to `given`.
    func assertReadWhole(floods: [String], record: String, span: Span, reads: String, spanRead: Span, offsets: [Int], given: [Int],
                         file: StaticString = #filePath, line: UInt = #line) throws {
        for flood in floods {
            let read = InvisibleCharacters.removing(from: flood)
            XCTAssertEqual((read?.text.unicodeScalars.count ?? flood.unicodeScalars.count) + (read?.removed.count ?? 0), flood.unicodeScalars.count,
                           file: file, line: line)
        }
        var rec = Record(id: "r", text: record, spans: [span])
        try rec.removeInvisibleCharacters()
        XCTAssertEqual(rec.text, reads, file: file, line: line)
        XCTAssertEqual(rec.spans, [spanRead], file: file, line: line)
        XCTAssertEqual(offsets.map(rec.offsetInGivenText), given, file: file, line: line)
    }

    func testMalformedJSONNamesLineAndColumn() {
        let dir = temporaryDirectory()
        let p = dir + "/bad.jsonl"
        write("{\"text\": \"ok\"}\n{\"text\": \"broken\"\n", to: p)
        assertInvalid(p, line: 2, contains: "malformed JSON at column 18")
        write("{\"text\": \"ok\"} trailing\n", to: p)
        assertInvalid(p, line: 1, contains: "unexpected text after the JSON value")
        write("[1, 2]\n", to: p)
        assertInvalid(p, line: 1, contains: "element 1 of the JSON array is not an object ('1'): each record is a JSON object")
        write("{\"text\": \"ok\"}\n[1, 2]\n", to: p)
        assertInvalid(p, line: 2, contains: "a record must be a JSON object, got array")
    }

    /// Files that are no text (a ZIP archive, an Office 97-2003 file), whatever their name, are refused with what to
    /// do instead, not read as malformed JSON or text in another encoding; a PDF is read as one whatever its name,
    /// unless another format is asked for.
    func testBinaryFilesAreRefusedWithWhatToDo() throws {
        let dir = temporaryDirectory()
        let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8)
        for name in ["a.jsonl", "a.txt", "a.csv", "a.html", "a.pdf"] {
            writeBytes(pdf, to: dir + "/" + name)
            assertInvalid(dir + "/" + name, line: 1, contains: "the PDF file is cut short (no %%EOF at its end)")
        }
        var asked = ReaderOptions(); asked.format = .csv
        XCTAssertThrowsError(try RecordReader(path: dir + "/a.csv", options: asked)) {
            XCTAssertEqual("\($0)", "\(dir)/a.csv:1: a PDF file, not read as the format asked for: read it as a PDF (--input-format pdf, or a name ending in .pdf)")
        }
        for name in ["a.zip", "a.txt", "a.jsonl"] {
            writeBytes(ZipArchive.make([("content.xml", Array("<office:document-content/>".utf8))]), to: dir + "/" + name)
            assertInvalid(dir + "/" + name, line: 1, contains: "a ZIP archive (a Word document, OpenDocument or spreadsheet file, or a .zip), which is not read as text")
        }
        writeBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), to: dir + "/a.txt")
        assertInvalid(dir + "/a.txt", line: 1, contains: "a Word 97-2003 (.doc) or other Office 97-2003 file, which Slant does not read: save it as .docx or .rtf")
        // Text that merely opens with such letters is text.
        write("%PDF is what the memo was called.\n", to: dir + "/memo.txt")
        XCTAssertEqual(try readRecords(dir + "/memo.txt").map(\.text), ["%PDF is what the memo was called.\n"])
    }

    /// A JSON array of records (a `.json` file as most tools write one: pretty-printed, or on one line) is read
    /// element by element, each record with the line it starts on; a broken array names its line and problem.
    func testJSONArraysOfRecords() throws {
        let dir = temporaryDirectory()
        let p = dir + "/articles.json"
        write("""
        [
          {
            "id": "a",
            "text": "Ruiz said \\"no\\" {twice} [sic].",
            "labels": {"leaning": "left"},
            "spans": [[0, 4]]
          },
          {"id": "b", "text": "Villa did not."}
        ]

        """, to: p)
        let rs = try readRecords(p)
        XCTAssertEqual(rs.map(\.id), ["a", "b"])
        XCTAssertEqual(rs.map(\.text), ["Ruiz said \"no\" {twice} [sic].", "Villa did not."])
        XCTAssertEqual(rs.map(\.line), [2, 8])
        XCTAssertEqual(rs[0].labels["leaning"], .single("left"))
        // On one line, gzip-compressed, as pandas' to_json(orient="records") and most exports write it.
        let q = dir + "/compact.json.gz"
        let gz = gzopen(q, "wb")!
        let text = (0..<3000).map { "{\"id\":\"r\($0)\",\"text\":\"Text [\($0)] of the \\\\ record.\"}" }.joined(separator: ",")
        _ = ("[" + text + "]").withCString { gzwrite(gz, $0, UInt32(strlen($0))) }
        gzclose(gz)
        var o = ReaderOptions(); o.maxRecordBytes = 1000     // far less than the line: each element is a record
        let many = try readRecords(q, options: o)
        XCTAssertEqual(many.count, 3000)
        XCTAssertEqual(many.last?.text, "Text [2999] of the \\ record.")
        // Without ids, records are numbered by their place in the array (on one line, their line would be 1 for all).
        write("[{\"text\": \"a\"}, {\"text\": \"b\"},\n {\"text\": \"c\", \"id\": \"\"}]", to: p)
        XCTAssertEqual(try readRecords(p).map(\.id), ["1", "2", "3"])
        XCTAssertEqual(try readRecords(p).map(\.line), [1, 1, 2])
        write("[]", to: p)
        XCTAssertEqual(try readRecords(p).count, 0)
        // Lines (stdin): an array when "[" opens it with "{" or "]" next; a text line that opens with "[" stays text.
        var lines = ReaderOptions(); lines.format = .lines
        write(" [\n  {\"id\": \"a\", \"text\": \"Ruiz said so.\"}]", to: p)
        XCTAssertEqual(try readRecords(p, options: lines).map(\.text), ["Ruiz said so."])
        write("[\n  {\"id\": \"a\", \"text\": \"Ruiz said so.\"}]", to: p)
        XCTAssertEqual(try readRecords(p, options: lines).map(\.id), ["a"])
        write("[Updated] Ruiz said so.\n{\"text\": \"Villa did not.\"}\n", to: p)
        XCTAssertEqual(try readRecords(p, options: lines).map(\.text), ["[Updated] Ruiz said so.", "Villa did not."])
        for (content, line, message) in [
            ("[\n{\"text\": \"a\"}\n{\"text\": \"b\"}]", 3, "expected ',' or ']' after record 1 of the JSON array, found '{'"),
            ("[{\"text\": \"a\"},\n]", 2, "a comma before the JSON array's closing ']': JSON allows none"),
            ("[{\"text\": \"a\"}]\n[{\"text\": \"b\"}]", 2, "text after the JSON array's closing ']'"),
            ("[{\"text\": \"a\"},\n{\"text\": \"b\"", 2, "record 2 of the JSON array is not closed: the file is cut short"),
            ("[{\"text\": \"a\"},\n\n", 3, "the JSON array is not closed: the file ends after 1 record (cut short?)"),
            ("[\"a string\"]", 1, "element 1 of the JSON array is not an object ('\"')"),
            ("[{\"text\": \"a\"},\n {\"text\": 3}]", 2, "text"),
        ] {
            write(content, to: p)
            assertInvalid(p, line: line, contains: message)
        }
        write("[{\"text\": \"" + String(repeating: "x", count: 2000) + "\"}]", to: p)
        XCTAssertThrowsError(try readRecords(p, options: o)) { e in
            XCTAssertTrue("\(e)".contains("record 1 of the JSON array (line 1) is longer than the limit of 1000 bytes"), "\(e)")
        }
    }

    func testFieldErrors() {
        let dir = temporaryDirectory()
        let p = dir + "/f.jsonl"
        let cases: [(String, String)] = [
            ("{\"id\": \"a\"}", "missing required field \"text\""),
            ("{\"text\": \"   \"}", "\"text\" is empty"),
            ("{\"text\": 5}", "\"text\" must be a string, got number"),
            ("{\"text\": \"a\", \"labels\": \"x\"}", "\"labels\" must be an object, got string"),
            ("{\"text\": \"a\", \"labels\": {\"t\": 3}}", "labels.t must be a string or a list of strings, got number"),
            ("{\"text\": \"a\", \"title\": [1]}", "\"title\" must be a string, got array"),
            ("{\"text\": \"abc\", \"spans\": [[1, 9]]}", "span [1, 9] is outside the text (3 characters)"),
            ("{\"text\": \"abc\", \"spans\": [[1]]}", "each span must be a pair of integers"),
            ("{\"text\": \"abc\", \"spans\": \"0-1\"}", "\"spans\" must be a list"),
            ("{\"text\": \"a\", \"id\": {}}", "\"id\" must be a string, got object"),
        ]
        for (line, message) in cases {
            write("{\"text\": \"fine\"}\n" + line + "\n", to: p)
            assertInvalid(p, line: 2, contains: message)
        }
    }

    func testInvalidUTF8IsReported() {
        let dir = temporaryDirectory()
        let p = dir + "/u.jsonl"
        writeBytes(Array("{\"text\": \"ok\"}\n{\"text\": \"bad ".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8), to: p)
        assertInvalid(p, line: 2, contains: "invalid UTF-8")
    }

    /// Files in the encodings text comes in besides UTF-8 are refused with the encoding named and the command
    /// that converts them: UTF-16 with and without a byte-order mark (whose zero bytes are valid UTF-8, so that a
    /// text file would otherwise be read as letters with zeros between), Latin-1 / Windows-1252; and a zero byte
    /// anywhere in a text, a line or a CSV field is an error.
    func testOtherEncodingsAreNamedWithTheirConversion() {
        let dir = temporaryDirectory()
        func utf16(_ s: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
            var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for u in s.utf16 { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            return out
        }
        let json = "{\"id\": \"a\", \"text\": \"The council met.\"}\n"
        var text = ReaderOptions(); text.format = .text
        var csv = ReaderOptions(); csv.format = .csv
        var lines = ReaderOptions(); lines.format = .lines
        let cases: [(String, [UInt8], ReaderOptions, Int, String)] = [
            ("a.jsonl", utf16(json, bigEndian: false, mark: true), ReaderOptions(), 1, "the input is UTF-16 (it starts with a UTF-16 byte-order mark); Slant reads UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8 DIR/a.jsonl > DIR/a.jsonl.utf8"),
            ("b.jsonl", utf16(json, bigEndian: false, mark: false), ReaderOptions(), 1, "the input looks like UTF-16LE (a zero byte beside each character)"),
            ("c.txt", utf16("The council met.\nThe mayor spoke.\n", bigEndian: true, mark: false), text, 1, "the file holds a zero byte (byte 0), which text does not: the input looks like UTF-16BE (a zero byte beside each character); Slant reads UTF-8: convert it first, e.g. iconv -f UTF-16BE -t UTF-8"),
            ("d.txt", utf16("The council met.", bigEndian: false, mark: true), text, 1, "the file holds a zero byte (byte 3), which text does not: the input is UTF-16 (it starts"),
            ("e.csv", utf16("id,text\na,The council met.\n", bigEndian: false, mark: true), csv, 1, "field 1 holds a zero byte (byte 3), which text does not: the input is UTF-16 (it starts"),
            ("f.csv", Array("id,text\na,The caf".utf8) + [0xE9] + Array(" met.\n".utf8), csv, 2, "invalid UTF-8 in field 2: the input may be Latin-1 or Windows-1252 (bytes of 0x80 and above that are not UTF-8); Slant reads UTF-8: convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"),
            ("g.jsonl", Array("{\"text\": \"fine\"}\n{\"text\": \"caf".utf8) + [0xE9] + Array("\"}\n".utf8), ReaderOptions(), 2, "invalid UTF-8 in string (byte 0xe9): the input may be Latin-1 or Windows-1252"),
            ("h.txt", Array("The council met.\nThe caf".utf8) + [0xE9] + Array(" closed.\n".utf8), text, 2, "invalid UTF-8 (byte 24 of the file): the input may be Latin-1"),
            ("i.txt", Array("The council met.\nThe\u{0}mayor spoke.".utf8), text, 2, "the file holds a zero byte (byte 20), which text does not"),
            ("j.lines", Array("The council met.\nThe\u{0}mayor spoke.\n".utf8), lines, 2, "the line holds a zero byte (byte 3), which text does not"),
            ("k.csv", Array("id,text\na,The\u{0}council\n".utf8), csv, 2, "field 2 holds a zero byte (byte 3), which text does not"),
        ]
        for (name, bytes, options, line, fragment) in cases {
            writeBytes(bytes, to: dir + "/" + name)
            assertInvalid(dir + "/" + name, line: line, contains: fragment.replacingOccurrences(of: "DIR", with: dir), options: options)
        }
        // Valid UTF-8 that is not JSON gets no encoding hint; a cut inside a character is no Latin-1.
        XCTAssertNil(EncodingHint.describe(Array("caf\u{e9} ol\u{e9}".utf8), path: "x"))
        let long = Array(String(repeating: "a", count: 4095).utf8) + Array("\u{e9}t\u{e9}".utf8)
        XCTAssertNil(EncodingHint.describe(long, path: "x"), "a two-byte character split at the 4,096-byte cut")
        var random = SplitMix64(seed: 3)
        let binary = (0..<3000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        XCTAssertTrue(EncodingHint.describe(binary, path: "x.bin")!.hasPrefix("the input looks like binary data, not text ("), "random bytes: binary, not Latin-1")
        XCTAssertTrue(EncodingHint.describe(Array("caf\u{e9}\tol\u{e9}\r\n".utf8.map { $0 == 0xC3 ? 0x20 : $0 }), path: "x")?.hasPrefix("the input may be Latin-1") ?? false, "tabs and line ends are text")
        XCTAssertEqual(EncodingHint.shellQuoted("my file's.txt"), "'my file'\\''s.txt'")
        XCTAssertEqual(EncodingHint.shellQuoted("data/a-b_c.jsonl"), "data/a-b_c.jsonl")
        XCTAssertTrue(EncodingHint.describe([0xFF, 0xFE, 0x41, 0x00], path: "-")!.hasSuffix("iconv -f UTF-16 -t UTF-8"), "stdin: no file to name")
    }

    func testGzipIsDetectedByMagicBytesNotName() throws {
        let dir = temporaryDirectory()
        let p = dir + "/data.bin"   // no .gz in the name
        let gz = gzopen(p, "wb")!
        let text = "{\"text\": \"compressed one\"}\n{\"text\": \"compressed two\"}\n"
        _ = text.withCString { gzwrite(gz, $0, UInt32(strlen($0))) }
        gzclose(gz)
        var o = ReaderOptions(); o.format = .jsonl
        let rs = try readRecords(p, options: o)
        XCTAssertEqual(rs.map { $0.text }, ["compressed one", "compressed two"])
        // And a plain file named .gz is read as plain text.
        let q = dir + "/plain.jsonl.gz"
        write("{\"text\": \"plain\"}\n", to: q)
        XCTAssertEqual(try readRecords(q).map { $0.text }, ["plain"])
    }

    func testLongLinesAcrossBufferRefills() throws {
        let dir = temporaryDirectory()
        let p = dir + "/long.jsonl"
        let long = String(repeating: "word ", count: 500_000)
        write("{\"text\": \"\(long)\"}\n{\"text\": \"short\"}", to: p)
        let rs = try readRecords(p)
        XCTAssertEqual(rs.count, 2)
        XCTAssertEqual(rs[0].text.count, long.count)
        XCTAssertEqual(rs[1].text, "short")
    }

    func testCSVWithQuotesNewlinesAndCommas() throws {
        let dir = temporaryDirectory()
        let p = dir + "/a.csv"
        write("id,body,headline,stance\r\n1,\"Hello, world\",\"A \"\"quoted\"\" title\",agree\r\n2,\"line one\nline two\",,disagree\n", to: p)
        var o = ReaderOptions()
        o.columns.text = "body"; o.columns.title = "headline"; o.columns.labels = [("headline_stance", "stance")]
        let rs = try readRecords(p, options: o)
        XCTAssertEqual(rs.count, 2)
        XCTAssertEqual(rs[0].text, "Hello, world")
        XCTAssertEqual(rs[0].title, "A \"quoted\" title")
        XCTAssertEqual(rs[0].labels["headline_stance"], .single("agree"))
        XCTAssertEqual(rs[1].text, "line one\nline two")
        XCTAssertNil(rs[1].title)
        XCTAssertEqual(rs[1].line, 3)
        XCTAssertEqual(rs[1].id, "2")
    }

    func testCSVErrors() {
        let dir = temporaryDirectory()
        let p = dir + "/b.csv"
        write("text,label\n\"fine\",x\n\"never closed,x\n", to: p)
        var o = ReaderOptions(); o.columns.labels = [("t", "label")]
        assertInvalid(p, line: 3, contains: "unterminated quoted field", options: o)
        write("text,label\nfine,x,extra\n", to: p)
        assertInvalid(p, line: 2, contains: "expected 2 fields as in the header, got 3", options: o)
        write("body,label\nfine,x\n", to: p)
        assertInvalid(p, line: 1, contains: "--text-column names column \"text\"", options: o)
        write("text,label\n,x\n", to: p)
        assertInvalid(p, line: 2, contains: "is empty", options: o)
    }

    func testTSVAndTextFiles() throws {
        let dir = temporaryDirectory()
        let t = dir + "/a.tsv"
        write("text\tlabel\nsome text\tpos\n", to: t)
        var o = ReaderOptions(); o.columns.labels = [("s", "label")]
        XCTAssertEqual(try readRecords(t, options: o).first?.labels["s"], .single("pos"))
        let txt = dir + "/article.txt"
        write("The Headline\nBody line one.\nBody line two.\n", to: txt)
        var to = ReaderOptions(); to.titleFirstLine = true; to.defaultTarget = "Merkel"
        let r = try readRecords(txt, options: to)
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].title, "The Headline")
        XCTAssertEqual(r[0].text, "Body line one.\nBody line two.\n")
        XCTAssertEqual(r[0].target, "Merkel")
        XCTAssertEqual(r[0].id, "article.txt")
    }

    func testMissingFileIsAnIOError() {
        XCTAssertThrowsError(try RecordReader(path: "/nonexistent/x.jsonl")) { e in
            guard case SlantError.io(let path, _) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(path, "/nonexistent/x.jsonl")
        }
    }

    func testSkipReportCountsAndKeepsExamples() {
        var s = SkipReport(keep: 2)
        for i in 1...3 { s.add(.invalidInput(file: "f", line: i, message: "\"text\" is empty")) }
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s.examples, ["f:1: \"text\" is empty", "f:2: \"text\" is empty"])
        XCTAssertTrue(s.summary.contains("skipped 3 invalid records"))
        // Grouped by the message before a quoted value; a quotation mark named in the message is no value.
        var g = SkipReport()
        g.add(.invalidInput(file: "f", line: 1, message: "--label-column names column \"a\", which the row lacks"))
        g.add(.invalidInput(file: "f", line: 2, message: "--label-column names column \"b\", which the row lacks"))
        g.add(.invalidInput(file: "f", line: 3, message: "unterminated quoted field (a '\"' opened here is never closed)"))
        XCTAssertEqual(g.byReason, ["--label-column names column": 2, "unterminated quoted field (a '\"' opened here is never closed)": 1])
        // Files whose reading a fault ended are listed apart from the records skipped.
        var f = SkipReport()
        f.fault(.io(path: "a.jsonl.gz", message: "truncated or corrupt gzip data: unexpected end of file"))
        XCTAssertEqual(f.count, 0)
        XCTAssertEqual(f.summary, "1 file not read to the end (the records before each fault were scored):\n  a.jsonl.gz: truncated or corrupt gzip data: unexpected end of file\n")
    }

    func testJSONWriterNumbersAndStrings() {
        var b: [UInt8] = []
        JSONWriter.appendNumber(0.25, to: &b); b.append(32)
        JSONWriter.appendNumber(1, to: &b); b.append(32)
        JSONWriter.appendNumber(-0.00304, to: &b); b.append(32)
        JSONWriter.appendNumber(0.99996, to: &b); b.append(32)
        JSONWriter.appendNumber(12.0305, to: &b); b.append(32)
        JSONWriter.appendNumber(100, to: &b); b.append(32)
        JSONWriter.appendNumber(0.00006, to: &b); b.append(32)
        JSONWriter.appendNumber(-3.1, digits: 2, to: &b); b.append(32)
        JSONWriter.appendString("a\"b\\c\n\u{1}", to: &b); b.append(32)
        JSONWriter.appendString("", to: &b); b.append(32)
        JSONWriter.appendString("Iran’s \"proxies\"\t", to: &b)
        XCTAssertEqual(String(decoding: b, as: UTF8.self),
                       "0.25 1 -0.003 1 12.0305 100 0.0001 -3.1 \"a\\\"b\\\\c\\n\\u0001\" \"\" \"Iran’s \\\"proxies\\\"\\t\"")
    }

    /// `appendNumber` (digits written backwards on the stack) agrees with the plain definition, and with Swift's
    /// own parsing of what it wrote, on random numbers of every magnitude and precision; `appendInt` with
    /// `String(n)`.
    func testJSONWriterNumbersMatchTheirDefinition() {
        func reference(_ x: Double, digits: Int) -> String {
            guard x.isFinite else { return "null" }
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let r = (abs(x) * scale).rounded()
            if r == 0 { return "0" }
            let sign = x < 0 ? "-" : ""
            if r >= 9.0e15 { return sign + String(abs(x)) }
            let intPart = UInt64(r / scale)
            var frac = UInt64(r - Double(intPart) * scale)
            var out = sign + String(intPart)
            if frac > 0 {
                var k = digits
                while frac % 10 == 0 { frac /= 10; k -= 1 }
                let f = String(frac)
                out += "." + String(repeating: "0", count: k - f.count) + f
            }
            return out
        }
        var rng = SplitMix64(seed: 11)
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1e-9, 9.0e15, 8.99e15 / 1e4, .nan, .infinity, -.infinity, 0.00005, 0.99995]
        for _ in 0..<20_000 {
            let mantissa = Double(rng.next() % 1_000_000_007) / 1_000_000_007
            let exponent = Int(rng.next() % 24) - 12
            values.append((rng.next() % 2 == 0 ? 1 : -1) * mantissa * pow(10, Double(exponent)))
        }
        for x in values {
            for digits in [0, 2, 3, 4, 6] {
                var b: [UInt8] = [0x41]
                JSONWriter.appendNumber(x, digits: digits, to: &b)
                XCTAssertEqual(String(decoding: b.dropFirst(), as: UTF8.self), reference(x, digits: digits), "\(x) with \(digits) digits")
            }
        }
        // A number too large for decimals is written with its sign once (it had been written twice: "--1e+20").
        for (x, want) in [(-1e20, "-1e+20"), (1e20, "1e+20"), (-2.5e17, "-2.5e+17")] {
            var b: [UInt8] = []
            JSONWriter.appendNumber(x, to: &b)
            XCTAssertEqual(String(decoding: b, as: UTF8.self), want)
        }
        for n in [0, 1, -1, 9, 10, 99, 100, 123_456, Int.max, Int.min, -42] {
            var b: [UInt8] = []
            JSONWriter.appendInt(n, to: &b)
            XCTAssertEqual(String(decoding: b, as: UTF8.self), String(n))
        }
    }

    /// Strings written by `JSONWriter` (whose escape scan runs eight bytes at a time) read back the same through
    /// `JSONParser` (whose plain-run scan does too): random strings of plain runs of every length around the
    /// eight-byte words, quotes, backslashes, control characters and multi-byte scalars.
    func testJSONStringsRoundTrip() throws {
        var rng = SplitMix64(seed: 3)
        let pieces: [String] = ["\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "é", "’", "日本", "👍🏽", "/", " "]
        for _ in 0..<500 {
            var s = ""
            for _ in 0..<Int(rng.next() % 6) {
                s += String(repeating: "a", count: Int(rng.next() % 20))
                s += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            var b: [UInt8] = []
            JSONWriter.appendString(s, to: &b)
            XCTAssertEqual(try JSONParser.parse(b), .string(s), "\(s.debugDescription)")
        }
    }
}
