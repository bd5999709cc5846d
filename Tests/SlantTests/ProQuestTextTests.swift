import Foundation
import XCTest
@testable import Slant

/// ProQuest's text downloads read as a record per article (`ProQuestText`, `RecordReader`).
final class ProQuestTextTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    static let separator = String(repeating: "_", count: 60)

    /// A ProQuest download of three articles (the third with an abstract only), its contact and terms after them.
    static let download: [String] = [
        separator, "", "Document 1 of 3", "", "Cartels offer to surrender as Ruiz crackdown bites", "",
        "Author: Roe, Jane", "", "Publication info: The Daily Courier ; Springfield [Springfield]. 03 Mar 2020: A.4.", "",
        "Links: https://example.org/link", "",
        "Full text: Several of the country's most violent drug cartels have signalled that they are ready to surrender.", "",
        "Prime Minister Ana Ruiz welcomed the offer.", "", "Author: a line of the article that reads like a field.", "",
        "Subject: Drug trafficking; Organized crime", "", "Location: Mexico", "",
        "Title: Cartels offer to surrender as Ruiz crackdown bites", "",
        "Publication title: Daily Courier, Late Edition (East Coast); Springfield, Ill.", "", "Pages: A.4", "",
        "Publication year: 2020", "", "Publication date: Mar 3, 2020", "", "Section: World", "",
        "Language of publication: English", "", "Document type: News", "", "ProQuest document ID: 2371234567", "",
        "Document URL: https://www.proquest.com/newspapers/2371234567", "",
        "Copyright: Copyright Daily Courier Mar 3, 2020", "", "Last updated: 2020-03-04", "", "Database: US Newsstream", "",
        separator, "", "Document 2 of 3", "", "Villa's lieutenants ask for terms", "",
        "Full text: Villa's lieutenants asked about terms.", "", "Title: Villa's lieutenants ask for terms", "",
        "Publication title: Guardian.com; London", "", "Publication date: Sept 14, 2020", "",
        "ProQuest document ID: 2371234568", "",
        separator, "", "Document 3 of 3", "", "A picture", "", "Abstract: Ana Ruiz at the podium.", "",
        "Title: A picture", "", "Publication date: March 5, 2020", "", "ProQuest document ID: 2371234569", "",
        separator, "", "Contact us at: https://www.proquest.com/go/contactsupport",
        "Database copyright © 2024 ProQuest LLC. All rights reserved.", "Terms and Conditions: https://www.proquest.com/go/terms",
    ]

    func testArticlesOfAProQuestDownload() throws {
        let docs = try XCTUnwrap(ProQuestText.documents(Self.download))
        XCTAssertEqual(docs.count, 3)
        XCTAssertEqual(docs.map(\.number), [1, 2, 3])
        XCTAssertEqual(docs.map(\.line), [3, 51, 67])
        let a = docs[0]
        XCTAssertEqual(a.title, "Cartels offer to surrender as Ruiz crackdown bites")
        XCTAssertEqual(a.source, "Daily Courier")
        XCTAssertEqual(a.isoDate, "2020-03-03")
        XCTAssertEqual(a.text, "Several of the country's most violent drug cartels have signalled that they are ready to surrender.\nPrime Minister Ana Ruiz welcomed the offer.\nAuthor: a line of the article that reads like a field.")
        XCTAssertEqual(a.fields["byline"], "Roe, Jane")
        XCTAssertEqual(a.fields["document"], "2371234567")
        XCTAssertEqual(a.fields["url"], "https://www.proquest.com/newspapers/2371234567")
        XCTAssertEqual(a.fields["publication-title"], "Daily Courier, Late Edition (East Coast); Springfield, Ill.")
        XCTAssertEqual(a.fields["subject"], "Drug trafficking; Organized crime")
        XCTAssertEqual(a.fields["section"], "World")
        XCTAssertEqual(docs[1].source, "Guardian.com")
        XCTAssertEqual(docs[1].isoDate, "2020-09-14")
        XCTAssertEqual(docs[1].text, "Villa's lieutenants asked about terms.")
        // No full text: the abstract.
        XCTAssertEqual(docs[2].text, "Ana Ruiz at the podium.")
        XCTAssertEqual(docs[2].isoDate, "2020-03-05")
        // An abstract over two lines (found by the fuzzer: the text joined them into one line no paragraph holds):
        // its lines as the text's, the field one value.
        let two = try XCTUnwrap(ProQuestText.documents([Self.separator, "Abstract: First line.", "Second line.", "ProQuest document ID: 9", Self.separator]))
        XCTAssertEqual(two[0].text, "First line.\nSecond line.")
        XCTAssertEqual(two[0].fields["abstract"], "First line. Second line.")
        XCTAssertNil(ProQuestText.isoDate("Spring 2020"))
        XCTAssertNil(ProQuestText.isoDate("Ma 3, 2020"))
        // Lines indented with spaces (paragraphs as a word processor may give them) read the same.
        XCTAssertEqual(ProQuestText.documents(Self.download.map { "  " + $0 })?.map(\.title), docs.map(\.title))
        // Other text is no download: no separator, no document ID in the first article.
        XCTAssertNil(ProQuestText.documents(Self.download.filter { $0 != Self.separator }))
        XCTAssertNil(ProQuestText.documents([Self.separator, "Title", "Full text: Some text.", "Title: Title", Self.separator]))
        XCTAssertNil(ProQuestText.documents(["An essay.", "ProQuest document ID: 1"]))
    }

    func testADownloadIsARecordPerArticle() throws {
        let txt = dir + "/ProQuestDocuments-2024-03-12.txt", docx = dir + "/pq.docx", rtf = dir + "/pq.rtf"
        write(Self.download.joined(separator: "\r\n") + "\r\n", to: txt)
        writeBytes(WordDocument.make(Self.download.map { .init(text: $0) }), to: docx)
        writeBytes(RTFText.make(Self.download.map { .init(text: $0) }), to: rtf)
        for p in [txt, docx, rtf] {
            let (r, name, _) = try assertFirstArticle(p, keep: ["date", "source", "title", "byline", "document"],
                                                   title: "Cartels offer to surrender as Ruiz crackdown bites", source: "Daily Courier",
                                                   kept: [.string("2020-03-03"), .string("Daily Courier"), .string("Cartels offer to surrender as Ruiz crackdown bites"),
                                                          .string("Roe, Jane"), .string("2371234567")])
            XCTAssertEqual(try r.next()?.id, name + "#2")
            XCTAssertEqual(try r.next()?.text, "Ana Ruiz at the podium.")
            XCTAssertNil(try r.next())
        }
    }
}
