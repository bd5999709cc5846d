import Foundation
import XCTest
@testable import Slant

/// A LexisNexis text download read as a record per article (`NexisText`, `RecordReader`).
final class NexisTextTests: XCTestCase {
    /// A download of four documents in the classic layout: the request's header, then each article.
    static let download = """


    Download Request: Selected Items: 1-4
    Time Of Request: Friday, March 20, 2018  16:51:31

    Terms: (ruiz) and not (TYPE(web))

                                   1 of 4 DOCUMENTS



                                      The Daily Courier

                                January 11, 2010 Monday
                                       Edition 1;
                                        Scotland

    OPINION: Ruiz Crackdown Bites as
    Cartels Offer to Surrender

    UPDATE: January 11, 2010 11:45 AM EST

    BYLINE: By Jane Roe and
    John Doe

    SECTION: NEWS; Pg. 3

    LENGTH: 62 words


    DATELINE: MEXICO CITY

    WASHINGTON: Several of the country's most violent drug cartels have
    signalled that they are ready to surrender their weapons.

    Prime Minister Ana Ruiz welcomed the offer.

    LOAD-DATE: January 12, 2010

    LANGUAGE: ENGLISH

    PUBLICATION-TYPE: Newspaper


                           Copyright 2010 The Daily Courier
                                  All Rights Reserved

                                   2 of 4 DOCUMENTS

                                        Guardian.com

                                 March 3, 2016 Thursday

    Villa's lieutenants ask about terms

    LENGTH: 1,204 words

    Sources close to the talks say that Villa's lieutenants have asked church
    mediators about terms for disarming.

    LANGUAGE: ENGLISH

                                   3 of 4 DOCUMENTS

                                       The Times

    GRAPHIC: Photo of Ana Ruiz at the podium

    LOAD-DATE: March 4, 2016

                                   4 of 4 DOCUMENTS

                                       The Times

                                  May 9, 2016

    An empty one

    LENGTH: 0 words

                        Copyright 2016 Times Newspapers Limited
                                  All Rights Reserved
    """

    func testDocumentsOfADownload() throws {
        let docs = try XCTUnwrap(NexisText.documents(Self.download))
        XCTAssertEqual(docs.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(docs.map(\.line), [8, 48, 63, 71])
        let a = docs[0]
        XCTAssertEqual(a.source, "The Daily Courier")
        XCTAssertEqual(a.date, "January 11, 2010 Monday")
        XCTAssertEqual(a.isoDate, "2010-01-11")
        // The headline keeps its "OPINION:" and its two lines; the edition lines under the date are no headline.
        XCTAssertEqual(a.title, "OPINION: Ruiz Crackdown Bites as Cartels Offer to Surrender")
        XCTAssertEqual(a.fields, ["update": "January 11, 2010 11:45 AM EST", "byline": "By Jane Roe and John Doe", "section": "NEWS; Pg. 3",
                                  "length": "62 words", "dateline": "MEXICO CITY"])
        // The article: a dateline's "WASHINGTON:" is text; the trailer is not.
        XCTAssertEqual(a.text, """
        WASHINGTON: Several of the country's most violent drug cartels have
        signalled that they are ready to surrender their weapons.

        Prime Minister Ana Ruiz welcomed the offer.
        """)
        XCTAssertEqual(docs[1].source, "Guardian.com")
        XCTAssertEqual(docs[1].isoDate, "2016-03-03")
        XCTAssertEqual(docs[1].title, "Villa's lieutenants ask about terms")
        XCTAssertEqual(docs[1].fields, ["length": "1,204 words"])
        XCTAssertEqual(docs[1].text, "Sources close to the talks say that Villa's lieutenants have asked church\nmediators about terms for disarming.")
        // A document without the fields: its lines up to the trailer, no headline.
        XCTAssertNil(docs[2].title)
        XCTAssertEqual(docs[2].text, "The Times")
        // A closing copyright block is no text.
        XCTAssertEqual(docs[3].isoDate, "2016-05-09")
        XCTAssertEqual(docs[3].text, "")
    }

    func testOtherTextIsNoDownload() {
        for text in ["Ruiz said 1 of 4 DOCUMENTS were missing.\nLENGTH: 3 words\n",
                     "1 of 4 DOCUMENTS\n\nThe Times\n\nNo length field follows.\n",
                     "0 of 4 DOCUMENTS\n\nLENGTH: 3 words\n\nText.\n", "5 of 4 DOCUMENTS\n\nLENGTH: 3 words\n\nText.\n",
                     "1 of 4 DOCUMENTS\n\nLENGTH: three words\n\nText.\n", "", "DOCUMENTS"] {
            XCTAssertNil(NexisText.documents(text), text)
        }
        // The length field must come within 60 lines of the document's opening.
        let far = "1 of 1 DOCUMENTS\n" + String(repeating: "a line\n", count: 60) + "LENGTH: 3 words\n\nText.\n"
        XCTAssertNil(NexisText.documents(far))
        XCTAssertEqual(NexisText.documents("1 of 1 DOCUMENTS\n" + String(repeating: "a line\n", count: 58) + "LENGTH: 3 words\n\nText.\n")?.first?.text, "Text.")
        // Two downloads joined: numbers repeat, so documents are numbered in the file's order.
        let joined = "1 of 1 DOCUMENTS\n\nX\n\nLENGTH: 1 words\n\nOne.\n1 of 1 DOCUMENTS\n\nY\n\nLENGTH: 1 words\n\nTwo.\r\n"
        XCTAssertEqual(NexisText.documents(joined)?.map(\.number), [1, 2])
        XCTAssertEqual(NexisText.documents(joined)?.map(\.text), ["One.", "Two."])
        XCTAssertEqual(["January 1, 2010", "December 31, 1999 Friday", "11 January 2010 Monday", "3 march 2016", "Sept 1, 2010",
                        "May 32, 2010", "May 1 2010", "May 1, 10", "1, May 2010", "The Times"].map(NexisText.isoDate),
                       ["2010-01-01", "1999-12-31", "2010-01-11", "2016-03-03", nil, nil, nil, nil, nil, nil])
    }

    func testDownloadIsReadAsARecordPerArticle() throws {
        let dir = temporaryDirectory()
        let p = dir + "/download.txt"
        write(Self.download, to: p)
        var options = ReaderOptions()
        options.keep = ["date", "source", "byline", "title", "url"]
        options.titleFirstLine = true   // a download's headlines are its own, whatever the option says
        let reader = try RecordReader(path: p, options: options)
        let a = try XCTUnwrap(try reader.next())
        XCTAssertEqual(a.id, "download.txt#1")
        XCTAssertEqual(a.title, "OPINION: Ruiz Crackdown Bites as Cartels Offer to Surrender")
        XCTAssertEqual(a.source, "The Daily Courier")
        XCTAssertEqual(a.line, 8)
        XCTAssertTrue(a.text.hasPrefix("WASHINGTON: Several"))
        XCTAssertEqual(a.kept, [.string("2010-01-11"), .string("The Daily Courier"), .string("By Jane Roe and John Doe"),
                                .string("OPINION: Ruiz Crackdown Bites as Cartels Offer to Surrender"), .null])
        XCTAssertEqual(try reader.next()?.id, "download.txt#2")
        XCTAssertEqual(try reader.next()?.text, "The Times")
        // An article without text is an error naming its line, after the others were read.
        XCTAssertThrowsError(try reader.next()) { e in
            XCTAssertTrue("\(e)".contains("download.txt:71") && "\(e)".contains("document 4 of the download has no text"), "\(e)")
        }
        XCTAssertNil(try reader.next())
        // A text file that is no download is one record, as before.
        write("1 of 4 DOCUMENTS were read.\nRuiz said so.\n", to: dir + "/plain.txt")
        let plain = try RecordReader(path: dir + "/plain.txt")
        XCTAssertEqual(try plain.next()?.id, "plain.txt")
        XCTAssertNil(try plain.next())
    }
}
