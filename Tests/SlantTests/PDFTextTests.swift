import Foundation
import XCTest
@testable import Slant

/// PDF files read for the text on their pages (`PDFText`, `PDFDocument`, `PDFFont`) and as records (`RecordReader`).
final class PDFTextTests: XCTestCase {
    lazy var dir = temporaryDirectory()

    func failure(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func text(_ pdf: [UInt8]) throws -> String { PDFText.text(try PDFText.paragraphs(ofFile: pdf, limit: 1 << 24)) }

    /// An article laid out as a word processor sets it: a large headline, a byline, paragraphs 14 points apart
    /// within and 28 between, a paragraph running on to the next page.
    let article: [[PDFText.DrawnLine]] = [
        [.init("Cartels offer to surrender", size: 20, y: 80),
         .init("By Ana Ruiz", y: 110),
         .init("Several cartels have signalled that they are ready to", y: 138),
         .init("surrender their weapons, a remarkable shift.", y: 152),
         .init("Since Ruiz took office, the police have seized record", y: 180),
         .init("quantities of cocaine and cut the smuggling routes that", y: 194)],
        [.init("financed the cartels' campaign of murder.", y: 80),
         .init("\u{201C}They did not listen to us,\u{201D} said Maria L\u{F3}pez \u{2014} an organiser.", y: 108)],
    ]

    func testTextAsPdftotextGivesIt() throws {
        let expected = """
        Cartels offer to surrender

        By Ana Ruiz

        Several cartels have signalled that they are ready to
        surrender their weapons, a remarkable shift.

        Since Ruiz took office, the police have seized record
        quantities of cocaine and cut the smuggling routes that
        \u{0C}financed the cartels' campaign of murder.

        \u{201C}They did not listen to us,\u{201D} said Maria L\u{F3}pez \u{2014} an organiser.

        """
        for composite in [false, true] {
            for compress in [false, true] {
                for apart in [false, true] {
                    var o = PDFText.MakeOptions()
                    o.composite = composite; o.compress = compress; o.wordsApart = apart
                    XCTAssertEqual(try text(PDFText.make(article, options: o)), expected, "composite \(composite), compressed \(compress), words apart \(apart)")
                }
            }
        }
        let paragraphs = try PDFText.paragraphs(ofFile: PDFText.make(article), limit: 1 << 20)
        XCTAssertEqual(paragraphs.map(\.page), [0, 0, 0, 0, 1, 1])
        XCTAssertEqual(paragraphs.map(\.size), [20, 11, 11, 11, 11, 11])
        XCTAssertEqual(PDFText.titleParagraph(paragraphs), 0)
        // A paragraph as one line, as a headline is taken: words broken at a line's end joined, compounds kept.
        let p = PDFText.Paragraph(lines: ["After Minneapolis, Can Trump's Law-", "And-Order Strategy Work? The govern-", "ment said"], size: 20, page: 0)
        XCTAssertEqual(p.joined, "After Minneapolis, Can Trump's Law-And-Order Strategy Work? The government said")
    }

    func testARecordWithItsHeadline() throws {
        let url = dir + "/article.pdf"
        writeBytes(PDFText.make(article), to: url)
        let r = try XCTUnwrap(try RecordReader(path: url).next())
        XCTAssertEqual(r.title, "Cartels offer to surrender")
        XCTAssertEqual(r.id, "article.pdf")
        XCTAssertTrue(r.text.hasPrefix("By Ana Ruiz\n\nSeveral cartels"), r.text)
        // The page break is read out: the paragraph runs on.
        XCTAssertTrue(r.text.contains("smuggling routes that\nfinanced the cartels'"), r.text)
        // The same file under another name, or on stdin, is read as a PDF; asked to be read as JSONL, it is refused.
        let other = dir + "/article.jsonl"
        writeBytes(PDFText.make(article), to: other)
        XCTAssertEqual(try RecordReader(path: other).next()?.title, "Cartels offer to surrender")
        var options = ReaderOptions(); options.format = .jsonl
        XCTAssertTrue(failure { try RecordReader(path: other, options: options) }.contains("a PDF file, not read as the format asked for: read it as a PDF (--input-format pdf"))
        // With --title-first-line, the first line is the title whatever its size.
        options = ReaderOptions(); options.titleFirstLine = true
        let flat = dir + "/flat.pdf"
        writeBytes(PDFText.make([[.init("A plain title", y: 80), .init("The text of it.", y: 94)]]), to: flat)
        XCTAssertNil(try RecordReader(path: flat).next()?.title)
        let t = try XCTUnwrap(try RecordReader(path: flat, options: options).next())
        XCTAssertEqual(t.title, "A plain title")
        XCTAssertEqual(t.text, "The text of it.\n")
    }

    func testIndentedParagraphsAndColumnsOfOneLine() throws {
        // Paragraphs told apart by a first-line indent, not by space between them; a line further down than usual.
        let pdf = PDFText.make([[.init("    First paragraph opens here and", x: 72, y: 80), .init("runs on to a second line.", y: 94),
                                 .init("Second paragraph opens here and", x: 90, y: 108), .init("ends.", y: 122)]])
        XCTAssertEqual(try text(pdf), "First paragraph opens here and\nruns on to a second line.\n\nSecond paragraph opens here and\nends.\n")
    }

    func testWordsDrawnApartInAStandardFont() throws {
        // Helvetica without widths in the file (one of the 14 standard fonts), each word placed by its own text
        // matrix a space's width after the last: the words are told apart by the font's own metrics.
        let words = "The cartels said that Ruiz will win the election in its final days, sources say.".split(separator: " ")
        var x = 72.0, content = "BT /F1 11 Tf "
        for w in words {
            content += "1 0 0 1 \(x) 700 Tm (\(w)) Tj "
            x += Double(w.unicodeScalars.reduce(0) { $0 + Int(PDFFont.helveticaWidths[Int($1.value) - 32]) } + 278) / 1000 * 11
        }
        content += "ET"
        let pdf = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj
        3 0 obj << /Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj
        4 0 obj << /Length \(content.utf8.count) >>
        stream
        \(content)
        endstream endobj
        5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        XCTAssertEqual(try text(Array(pdf.utf8)), words.joined(separator: " ") + "\n")
        // The same drawing named Times-Roman is read with Times' wider letters, and "will win" runs together: the
        // widths used are the named font's own.
        let times = pdf.replacingOccurrences(of: "/Helvetica", with: "/Times-Roman")
        XCTAssertTrue(try text(Array(times.utf8)).contains("Ruiz willwin the"))
    }

    /// A small PDF encrypted by qpdf with the empty user password (as files whose owner only restricts printing or
    /// copying are): AES-128, RC4 of 40 bits, AES-256 of revision 6 and of revision 5 (`qpdf --static-id --encrypt ""
    /// owner 128 --use-aes=y`, `40`, `256`, `256 --force-R5`); each base64 in pieces.
    static let encrypted: [String: [String]] = [
        "aes128": [
            "JVBERi0xLjYKJb/3ov4KMSAwIG9iago8PCAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwg",
            "L0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIg",
            "L01lZGlhQm94IFsgMCAwIDYxMiA3OTIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+",
            "ID4+IC9UeXBlIC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggOTYgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3Ry",
            "ZWFtCrVeqC/vIcEjUG3b3CCbAVndijlEvPAP+FqHghlLIx1e2mZqrEOvmsT2cIiHjGrMx0ZsEMoxZrqvG6fo37CKN2gbTJ1AqsL+",
            "wJ2mZ3H32R5tOuRBTMx+BWM8oT4yT85LMGVuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL0hlbHZldGljYSAv",
            "U3VidHlwZSAvVHlwZTEgL1R5cGUgL0ZvbnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0NGIDw8IC9TdGRDRiA8PCAvQXV0aEV2ZW50",
            "IC9Eb2NPcGVuIC9DRk0gL0FFU1YyIC9MZW5ndGggMTYgPj4gPj4gL0ZpbHRlciAvU3RhbmRhcmQgL0xlbmd0aCAxMjggL08gPDU2",
            "NmZhODczZWUzM2M3OTdjZDNiOTA0ZmRhZGY4MTRhZmEzNGRmOWEzOGY2ZWQ0MWI5ODRlMmM2ZGEyYWE2ZjU+IC9QIC00IC9SIDQg",
            "L1N0bUYgL1N0ZENGIC9TdHJGIC9TdGRDRiAvVSA8ZTIxY2MzZDEzYjBmYWE5OTM0ZGI3ZDIwZjExZTMzM2UwMTIyNDU2YTkxYmFl",
            "NTEzNDI3M2E2ZGIxMzRjODdjND4gL1YgNCA+PgplbmRvYmoKeHJlZgowIDcKMDAwMDAwMDAwMCA2NTUzNSBmIAowMDAwMDAwMDE1",
            "IDAwMDAwIG4gCjAwMDAwMDAwNjQgMDAwMDAgbiAKMDAwMDAwMDEyMyAwMDAwMCBuIAowMDAwMDAwMjUxIDAwMDAwIG4gCjAwMDAw",
            "MDA0MTcgMDAwMDAgbiAKMDAwMDAwMDQ4NyAwMDAwMCBuIAp0cmFpbGVyIDw8IC9Sb290IDEgMCBSIC9TaXplIDcgL0lEIFs8MzE0",
            "MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4MzI3OTU+PDMxNDE1OTI2NTM1ODk3OTMyMzg0NjI2NDMzODMyNzk1Pl0gL0VuY3J5cHQg",
            "NiAwIFIgPj4Kc3RhcnR4cmVmCjc4NgolJUVPRgo="
        ],
        "rc4-40": [
            "JVBERi0xLjQKJb/3ov4KMSAwIG9iago8PCAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwg",
            "L0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIg",
            "L01lZGlhQm94IFsgMCAwIDYxMiA3OTIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+",
            "ID4+IC9UeXBlIC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggNzIgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3Ry",
            "ZWFtCmd7wQdhRZMkzJSkyywBLEMX7mwGuJ9+2lc8MPCyHodVjGTtxpngWBaZ7yNWd7DFfBpwxW7UAF3LI5UbHbmfGFbTYxM1zxwK",
            "J2VuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL0hlbHZldGljYSAvU3VidHlwZSAvVHlwZTEgL1R5cGUgL0Zv",
            "bnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0ZpbHRlciAvU3RhbmRhcmQgL0xlbmd0aCA0MCAvTyA8YzkyNDIyNjg3ZmFjZWU2ODZl",
            "MzczZjEwYjVjN2QwNDczODA1MzE1MmY3ZTJlZTMwZTExYzY5ZWM0NDI1NzZhYj4gL1AgLTQgL1IgMiAvVSA8YjNkOWZhMzY2OTA2",
            "ZWY0MmYzNTRjNmRlYjc0YzU5MDc1ZWFmMzM0ZWI3YzA0MzU2YmEwZDdmM2RkOGI1MWQwYT4gL1YgMSA+PgplbmRvYmoKeHJlZgow",
            "IDcKMDAwMDAwMDAwMCA2NTUzNSBmIAowMDAwMDAwMDE1IDAwMDAwIG4gCjAwMDAwMDAwNjQgMDAwMDAgbiAKMDAwMDAwMDEyMyAw",
            "MDAwMCBuIAowMDAwMDAwMjUxIDAwMDAwIG4gCjAwMDAwMDAzOTMgMDAwMDAgbiAKMDAwMDAwMDQ2MyAwMDAwMCBuIAp0cmFpbGVy",
            "IDw8IC9Sb290IDEgMCBSIC9TaXplIDcgL0lEIFs8MzE0MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4MzI3OTU+PDMxNDE1OTI2NTM1",
            "ODk3OTMyMzg0NjI2NDMzODMyNzk1Pl0gL0VuY3J5cHQgNiAwIFIgPj4Kc3RhcnR4cmVmCjY2OQolJUVPRgo="
        ],
        "aes256": [
            "JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZlcnNpb24gLzEuNyAvRXh0ZW5z",
            "aW9uTGV2ZWwgOCA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEg",
            "L0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIgL01lZGlhQm94",
            "IFsgMCAwIDYxMiA3OTIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+ID4+IC9UeXBl",
            "IC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggOTYgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3RyZWFtCiMVv1yt",
            "hmDLWZd82OChkYlEhh5yR41rnNqX4tkkABdWwojBj2y35cPmeRbVuCjtyeZLbddBvJewpbTc/qw+IZjPzHqIqgKCvIBVTZjLgJql",
            "o5u0iLnozio3WBaPd6W3qGVuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL0hlbHZldGljYSAvU3VidHlwZSAv",
            "VHlwZTEgL1R5cGUgL0ZvbnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0NGIDw8IC9TdGRDRiA8PCAvQXV0aEV2ZW50IC9Eb2NPcGVu",
            "IC9DRk0gL0FFU1YzIC9MZW5ndGggMzIgPj4gPj4gL0ZpbHRlciAvU3RhbmRhcmQgL0xlbmd0aCAyNTYgL08gPDViZWExZmE4NzUw",
            "OTgxMTRmZmQ4ZjU0ZDBlYzZiMWFiNTFhZDhlMWE2ZTFkYTk1NzdmMzJkYjE0NWI5YzVjODMzMDBiYWY4NDA3M2E3ZjAyMmEwY2Uy",
            "NDUzZjgyYWUyZj4gL09FIDxlYzQ1NDkyNmZlYWUzNTBmMzc3NzQ1MmFlYWQ1NGZhYzRkZWU2OTg1MmQxMzNkODFlYWMyNjQ3NWFk",
            "YmNhMDBhPiAvUCAtNCAvUGVybXMgPGQzNzRhOTFlY2U1OTJlZmYzODY2MDZkNDRmNDkyMDAwPiAvUiA2IC9TdG1GIC9TdGRDRiAv",
            "U3RyRiAvU3RkQ0YgL1UgPDY5MzllMjQzYjc3ZmEzMTljYjAzMjJmMTk1NTIwYmE0MDJkNWMyYzExNGI2YzFlNjA0ZDQ4ZTM2MDAx",
            "NTBlNzc2MjdmMzQ0MTk4N2JhOTVmNjM1YzJiOTNjMDg4MjQ2Yz4gL1VFIDw0M2ZjNWIzNjFiYTY3MzYwZmU4NWUyYmQ5ZmJkMWE4",
            "OGI4MWI2YWY4ZjM4MTBhZjYyNjYyZTI1NzE5OWMyNWE2PiAvViA1ID4+CmVuZG9iagp4cmVmCjAgNwowMDAwMDAwMDAwIDY1NTM1",
            "IGYgCjAwMDAwMDAwMTUgMDAwMDAgbiAKMDAwMDAwMDEzMCAwMDAwMCBuIAowMDAwMDAwMTg5IDAwMDAwIG4gCjAwMDAwMDAzMTcg",
            "MDAwMDAgbiAKMDAwMDAwMDQ4MyAwMDAwMCBuIAowMDAwMDAwNTUzIDAwMDAwIG4gCnRyYWlsZXIgPDwgL1Jvb3QgMSAwIFIgL1Np",
            "emUgNyAvSUQgWzwzMTQxNTkyNjUzNTg5NzkzMjM4NDYyNjQzMzgzMjc5NT48MzE0MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4MzI3",
            "OTU+XSAvRW5jcnlwdCA2IDAgUiA+PgpzdGFydHhyZWYKMTEwMAolJUVPRgo="
        ],
        "aes256-r5": [
            "JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZlcnNpb24gLzEuNyAvRXh0ZW5z",
            "aW9uTGV2ZWwgMyA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEg",
            "L0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIgL01lZGlhQm94",
            "IFsgMCAwIDYxMiA3OTIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+ID4+IC9UeXBl",
            "IC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggOTYgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3RyZWFtCpJPzkYZ",
            "apJpCCmkaf1acAGNKhAkIcYykKhV81pBfOKLczhQbFnlUTlF+g6KWa/mDwVovtyvJO3cGYTFxeix6Xg9eX+5rgRxHnAM1sMYkfzb",
            "2oIrovgt/mknfCnGdtX3QGVuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL0hlbHZldGljYSAvU3VidHlwZSAv",
            "VHlwZTEgL1R5cGUgL0ZvbnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0NGIDw8IC9TdGRDRiA8PCAvQXV0aEV2ZW50IC9Eb2NPcGVu",
            "IC9DRk0gL0FFU1YzIC9MZW5ndGggMzIgPj4gPj4gL0ZpbHRlciAvU3RhbmRhcmQgL0xlbmd0aCAyNTYgL08gPGUxNGZhY2VkNmE2",
            "NzZlODMwNWY3MTkwYWFkODdhZTc0NGU3ZTkyN2ViM2Q0ZjY0NWVmNDdhODMwMWJhMjE0OTFjNDk5MWNiMjVmZTc0OWQ5NDAyNzgw",
            "NmRmYTY4NjdhMT4gL09FIDxkODQxYjNkYWZkYWNjZjdjZTBmODJkNTdjN2I2MmUxYWNhYWU0YmYxYTM0YWE3OTliYzA1YjY5N2Rj",
            "NGFjNWQ0PiAvUCAtNCAvUGVybXMgPDAwNDExZWI0YjYzNjNkM2Y3MTM4Yzg5MTlmNjZkNzIxPiAvUiA1IC9TdG1GIC9TdGRDRiAv",
            "U3RyRiAvU3RkQ0YgL1UgPDBjMjYwZDdiOWNmM2M5ZTJmN2YyNGEzYTg2MTNiYjQ3MzNkMGE0MDM0ZTRmOTM5ZDBmY2Y2YWNmOTM2",
            "ODQ2YTU5MmMzMzM1NDYyODg1MTlhOTJhOTljZjZmYmU4ODI3YT4gL1VFIDxlMmQ5ZjI0YmIzYzQzY2NhMGY4ODk2N2QzNjU2OGMz",
            "OWI5ZmRkYmUwYzJmMDBmYWMzNmNkMjU4MzQ1MGMzNDE0PiAvViA1ID4+CmVuZG9iagp4cmVmCjAgNwowMDAwMDAwMDAwIDY1NTM1",
            "IGYgCjAwMDAwMDAwMTUgMDAwMDAgbiAKMDAwMDAwMDEzMCAwMDAwMCBuIAowMDAwMDAwMTg5IDAwMDAwIG4gCjAwMDAwMDAzMTcg",
            "MDAwMDAgbiAKMDAwMDAwMDQ4MyAwMDAwMCBuIAowMDAwMDAwNTUzIDAwMDAwIG4gCnRyYWlsZXIgPDwgL1Jvb3QgMSAwIFIgL1Np",
            "emUgNyAvSUQgWzwzMTQxNTkyNjUzNTg5NzkzMjM4NDYyNjQzMzgzMjc5NT48MzE0MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4MzI3",
            "OTU+XSAvRW5jcnlwdCA2IDAgUiA+PgpzdGFydHhyZWYKMTEwMAolJUVPRgo="
        ],
    ]

    func testEncryptedFilesThatOpenWithoutAPassword() throws {
        func file(_ name: String) -> [UInt8] { [UInt8](Data(base64Encoded: PDFTextTests.encrypted[name]!.joined())!) }
        XCTAssertEqual(try text(file("aes128")), "Encrypted but open: Ruiz said so.\n")
        XCTAssertEqual(try text(file("rc4-40")), "Encrypted but open: Ruiz said so.\n")
        XCTAssertEqual(try text(file("aes256")), "Encrypted but open: Ruiz said so.\n")
        XCTAssertEqual(try text(file("aes256-r5")), "Encrypted but open: Ruiz said so.\n")
        // AES-256 whose U entry's hash is not the empty password's (as a file with a user password has), one whose
        // U is cut short, and a revision Slant does not know.
        let aes256 = String(decoding: file("aes256"), as: UTF8.self)
        for (from, to, message) in [("/U <69", "/U <00", "an encrypted PDF that needs a password to open: decrypt it first"),
                                    ("/U <6939e2", "/U <", "an encrypted PDF whose encryption dictionary is damaged (U or UE missing or too short)"),
                                    ("/R 6", "/R 7", "an encrypted PDF (version 5, revision 7), which Slant does not decrypt: decrypt it first")] {
            let changed = aes256.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(changed, aes256)
            XCTAssertTrue(failure { try PDFText.paragraphs(ofFile: Array(changed.utf8), limit: 1 << 20) }.hasPrefix(message), message)
        }
        // The same file whose U entry is not the empty password's: it needs one.
        var locked = String(decoding: file("rc4-40"), as: UTF8.self)
        if let r = locked.range(of: "/U <") { locked.replaceSubrange(r.upperBound..<locked.index(r.upperBound, offsetBy: 2), with: "00") }
        XCTAssertTrue(failure { try PDFText.paragraphs(ofFile: Array(locked.utf8), limit: 1 << 20) }
            .hasPrefix("an encrypted PDF that needs a password to open: decrypt it first"))
    }

    func testCiphers() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        func bytes(_ h: String) -> [UInt8] { stride(from: 0, to: h.count, by: 2).map { UInt8(h.dropFirst($0).prefix(2), radix: 16)! } }
        // RFC 1321's test suite.
        XCTAssertEqual(hex(MD5.digest([])), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(hex(MD5.digest(Array("abc".utf8))), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(hex(MD5.digest(Array("message digest".utf8))), "f96b697d7cb7938d525a2f31aaf161d0")
        XCTAssertEqual(hex(MD5.digest(Array(String(repeating: "1234567890", count: 8).utf8))), "57edf4a22be3c955ac49da2e2107b67a")
        // RC4 (the "Key" / "Plaintext" vector), its own inverse.
        XCTAssertEqual(hex(RC4.apply(Array("Key".utf8), Array("Plaintext".utf8))), "bbf316e8d940af0ad3")
        XCTAssertEqual(RC4.apply(Array("Key".utf8), RC4.apply(Array("Key".utf8), Array("Ruiz".utf8))), Array("Ruiz".utf8))
        // AES-128: FIPS-197 appendix C.1, and CBC from SP 800-38A F.2.2 (its first block; no padding to remove).
        XCTAssertEqual(hex(AES.decryptBlock(bytes("69c4e0d86a7b0430d8cdb78070b4c55a")[...], AES.expand(bytes("000102030405060708090a0b0c0d0e0f")))),
                       "00112233445566778899aabbccddeeff")
        XCTAssertEqual(hex(AES.decryptCBC(bytes("2b7e151628aed2a6abf7158809cf4f3c"), bytes("000102030405060708090a0b0c0d0e0f7649abac8119b246cee98e9b12e9197d"))),
                       "6bc1bee22e409f96e93d7e117393172a")
        XCTAssertEqual(AES.decryptCBC(bytes("2b7e151628aed2a6abf7158809cf4f3c"), [1, 2, 3]), [])
        // AES-256 (FIPS-197 C.3; SP 800-38A F.2.5 and F.2.6), AES-128 encryption (C.1; F.2.1), each way.
        let key256 = bytes("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), iv = bytes("000102030405060708090a0b0c0d0e0f")
        XCTAssertEqual(hex(AES.decryptBlock(bytes("8ea2b7ca516745bfeafc49904b496089")[...], AES.expand(bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")))),
                       "00112233445566778899aabbccddeeff")
        var block = bytes("00112233445566778899aabbccddeeff")
        AES.encryptBlock(&block, AES.expand(bytes("000102030405060708090a0b0c0d0e0f")))
        XCTAssertEqual(hex(block), "69c4e0d86a7b0430d8cdb78070b4c55a")
        XCTAssertEqual(hex(AES.encryptCBC(key256, iv: iv, bytes("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"))),
                       "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d")
        XCTAssertEqual(hex(AES.decryptCBC(key256, iv + bytes("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"), padded: false)),
                       "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51")
        XCTAssertEqual(hex(AES.encryptCBC(bytes("2b7e151628aed2a6abf7158809cf4f3c"), iv: iv, bytes("6bc1bee22e409f96e93d7e117393172a"))),
                       "7649abac8119b246cee98e9b12e9197d")
        XCTAssertEqual(AES.decryptCBC(Array(key256.prefix(24)), iv + iv), [], "a 192-bit key is not PDF's")
        // SHA-2: FIPS 180-4's examples (one block, two blocks) and a message of many blocks.
        let two256 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        let two512 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(hex(SHA2.sha256([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA2.sha256(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(SHA2.sha256(Array(two256.utf8))), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(hex(SHA2.sha256([UInt8](repeating: 0x61, count: 1000))), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        XCTAssertEqual(hex(SHA2.sha512(Array("abc".utf8), outputBytes: 48)),
                       "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        XCTAssertEqual(hex(SHA2.sha512(Array("abc".utf8), outputBytes: 64)),
                       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        XCTAssertEqual(hex(SHA2.sha512(Array(two512.utf8), outputBytes: 48)),
                       "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")
        XCTAssertEqual(hex(SHA2.sha512(Array(two512.utf8), outputBytes: 64)),
                       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
        XCTAssertEqual(hex(SHA2.sha512([UInt8](repeating: 0x61, count: 1000), outputBytes: 64)),
                       "67ba5535a46e3f86dbfbed8cbbaf0125c76ed549ff8b0b9e03e0c88cf90fa634fa7b12b47d77b694de488ace8d9a65967dc96df599727d3292a8d9d447709c97")
    }

    func testDamagedAndUnreadableFiles() throws {
        let good = PDFText.make(article)
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array("hello".utf8) + [UInt8](repeating: 32, count: 10), limit: 1000) },
                       "not a PDF file (it does not start with %PDF-)")
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array(good.prefix(good.count / 2)), limit: 1 << 20) },
                       "the PDF file is cut short (no %%EOF at its end)")
        // Encrypted by another security handler: refused with what to do.
        var enc = String(decoding: good, as: UTF8.self)
        enc = enc.replacingOccurrences(of: "trailer\n<< /Size", with: "trailer\n<< /Encrypt << /Filter /Adobe.PubSec /V 4 >> /Size")
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array(enc.utf8), limit: 1 << 20) },
                       "an encrypted PDF whose security handler (Adobe.PubSec) Slant does not read: decrypt it first (qpdf --password=PASSWORD --decrypt in.pdf out.pdf) or extract its text (pdftotext in.pdf out.txt)")
        // A scan: pages without text.
        let scan = PDFText.make([[], []])
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: scan, limit: 1 << 20) },
                       "no text on its 2 pages: a scanned document needs OCR first (ocrmypdf in.pdf out.pdf)")
        // Glyphs the fonts give no text for.
        var o = PDFText.MakeOptions(); o.composite = true; o.withoutToUnicode = true
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: PDFText.make(article, options: o), limit: 1 << 20) },
                       "its fonts give no text for their 344 glyphs (no ToUnicode map): Slant cannot read it; run OCR on it (ocrmypdf --force-ocr in.pdf out.pdf)")
        // More than the limit.
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: good, limit: 100) }, "page 1: its streams decode to more than the limit of 100 bytes")
        // The errors name the file.
        let url = dir + "/scan.pdf"
        writeBytes(scan, to: url)
        XCTAssertEqual(failure { try RecordReader(path: url).next() },
                       "\(url):1: no text on its 2 pages: a scanned document needs OCR first (ocrmypdf in.pdf out.pdf)")
    }

    func testObjectStreamsFormsAndOtherFilters() throws {
        // PDF 1.5: the font and page tree inside an object stream, no xref table, a cross-reference stream as trailer;
        // the page draws its text through a form XObject; the content ASCII85 and ASCIIHex encoded.
        let content = "BT /F1 12 Tf 72 700 Td (Inside a form) Tj ET"
        let form = "q 1 0 0 1 0 -20 cm /X1 Do Q BT /F1 12 Tf 72 720 Td <48656C6C6F> Tj ET"
        // The object stream: "3 0 4 N" (object numbers and offsets after /First), then the two objects.
        let o3 = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        let o4 = "<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
        let header = "3 0 4 \(o3.utf8.count + 1) "
        let body = Array((header + o3 + " " + o4).utf8)
        let firstOffset = header.utf8.count
        var pdf = "%PDF-1.5\n"
        pdf += "1 0 obj << /Type /Catalog /Pages 4 0 R >> endobj\n"
        let compressed = ZipArchive.deflateRaw(body, windowBits: 15)
        var bytes = Array(pdf.utf8)
        bytes += Array("2 0 obj << /Type /ObjStm /N 2 /First \(firstOffset) /Filter /FlateDecode /Length \(compressed.count) >>\nstream\n".utf8) + compressed + Array("\nendstream endobj\n".utf8)
        let a85 = Array(content.utf8)
        let encodedA85 = PDFTextTests.ascii85(a85)
        bytes += Array("6 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Filter /ASCII85Decode /Length \(encodedA85.count) >>\nstream\n\(encodedA85)\nendstream endobj\n".utf8)
        let hex = Array(form.utf8).map { String(format: "%02x", $0) }.joined() + ">"
        bytes += Array("7 0 obj << /Filter /AHx /Length \(hex.count) >>\nstream\n\(hex)\nendstream endobj\n".utf8)
        bytes += Array("5 0 obj << /Type /Page /Parent 4 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >> /Contents 7 0 R >> endobj\n".utf8)
        bytes += Array("8 0 obj << /Type /XRef /Root 1 0 R /Size 9 /W [1 2 1] /Length 0 >>\nstream\n\nendstream endobj\nstartxref\n0\n%%EOF\n".utf8)
        // Read in drawing order: the form's line first, though it is lower on the page, then a new paragraph.
        XCTAssertEqual(try text(bytes), "Inside a form\n\nHello\n")
    }

    func testFilters() throws {
        XCTAssertEqual(PDFDocument.ascii85(Array(PDFTextTests.ascii85(Array("Hello, world!".utf8)).utf8)), Array("Hello, world!".utf8))
        XCTAssertEqual(PDFDocument.ascii85(Array("<~z~>".utf8)), [0, 0, 0, 0])
        XCTAssertEqual(PDFDocument.asciiHex(Array("48 65 6c6C 6>".utf8)), Array("Hel".utf8) + [0x6C, 0x60])
        XCTAssertEqual(PDFDocument.runLength([2, 0x41, 0x42, 0x43, 254, 0x44, 128], limit: 100), Array("ABCDDD".utf8))
        let text = Array("TOBEORNOTTOBEORTOBEORNOT, or to be, that is the question: TOBEORNOT".utf8)
        XCTAssertEqual(try PDFDocument.lzw(PDFTextTests.lzw(text), earlyChange: true, limit: 1 << 20), text)
        XCTAssertThrowsError(try PDFDocument.lzw(PDFTextTests.lzw([UInt8](repeating: 65, count: 5000)), earlyChange: true, limit: 100))
    }

    func testFontsEncodingsAndGlyphNames() {
        XCTAssertEqual(PDFFont.glyphText("eacute"), "e\u{301}")
        XCTAssertEqual(PDFFont.glyphText("quoteright"), "\u{2019}")
        XCTAssertEqual(PDFFont.glyphText("uni201C"), "\u{201C}")
        XCTAssertEqual(PDFFont.glyphText("uni00660069"), "fi")
        XCTAssertEqual(PDFFont.glyphText("u1F600"), "\u{1F600}")
        XCTAssertEqual(PDFFont.glyphText("f_f_i"), "ffi")
        XCTAssertEqual(PDFFont.glyphText("a.sc"), "a")
        XCTAssertNil(PDFFont.glyphText("g123"))
        XCTAssertNil(PDFFont.glyphText(".notdef"))
        XCTAssertEqual(PDFFont.baseEncoding("WinAnsiEncoding")[0x93], "\u{201C}")
        XCTAssertEqual(PDFFont.baseEncoding("MacRomanEncoding")[0xD5], "\u{2019}")
        XCTAssertEqual(PDFFont.baseEncoding("StandardEncoding")[0x27], "\u{2019}")
        // A ToUnicode map with a range counting up and a range given as a list, codes of one and two bytes.
        var f = PDFFont()
        f.composite = true
        f.readCMap(Array("1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<0066006C> <00E9>] endbfrange 1 beginbfchar <0005> <D83DDE00> endbfchar".utf8), unicode: true)
        f.codespace = [(0, 0xFFFF, 2)]
        var texts: [String] = []
        f.codes([0, 0x10, 0, 0x12, 0, 0x20, 0, 0x21, 0, 5]) { code, n in texts.append(f.glyph(code, length: n).text ?? "?") }
        XCTAssertEqual(texts.joined(), "ACfl\u{E9}\u{1F600}")
        XCTAssertNil(f.text(0x13))
    }

    func testGlyphsWhoseTextOpensWithASpace() throws {
        // A ToUnicode map may give a glyph a space before its letter (fuzzing found one opening a line with it):
        // no line opens or ends with a space.
        let cmap = "1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <00200041> <42> <00420020> endbfchar"
        let pdf = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj
        3 0 obj << /Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj
        4 0 obj << /Length 60 >>
        stream
        BT /F1 12 Tf 72 700 Td (AB) Tj 0 -20 Td (BA) Tj ET
        endstream endobj
        5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >> endobj
        6 0 obj << /Length \(cmap.count) >>
        stream
        \(cmap)
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        let paragraphs = try PDFText.paragraphs(ofFile: Array(pdf.utf8), limit: 1 << 20)
        XCTAssertEqual(paragraphs.flatMap(\.lines), ["AB", "B A"])
    }

    func testHostileFiles() throws {
        // Deep nesting, a page tree that loops, a form that draws itself, a stream inflating past the limit.
        let deep = "%PDF-1.4\n1 0 obj " + String(repeating: "[", count: 100_000) + " endobj\n%%EOF\n"
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array(deep.utf8), limit: 1 << 20) },
                       "no document catalog or page tree: the file is damaged or cut short")
        let loop = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj
        3 0 obj << /Type /Pages /Kids [2 0 R] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array(loop.utf8), limit: 1 << 20) }, "no pages: the file is damaged or cut short")
        let selfDrawing = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj
        3 0 obj << /Type /Page /Resources 5 0 R /Contents 4 0 R >> endobj
        4 0 obj << /Length 40 >>
        stream
        /X Do /X Do /X Do /X Do /X Do /X Do /X D
        endstream endobj
        5 0 obj << /XObject << /X 4 0 R >> >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        XCTAssertTrue(failure { try PDFText.paragraphs(ofFile: Array(selfDrawing.utf8), limit: 1 << 20) }.hasPrefix("no text on its 1 page"))
        // Two streams whose lengths refer to each other: read up to their "endstream", no recursion for ever.
        let lengths = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj
        3 0 obj << /Type /Page /Resources << /Font << /F1 6 0 R >> >> /Contents [4 0 R 5 0 R] >> endobj
        4 0 obj << /Length 5 0 R >>
        stream
        BT /F1 12 Tf 72 700 Td (Loop) Tj
        endstream endobj
        5 0 obj << /Length 4 0 R >>
        stream
        ( ends here) Tj ET
        endstream endobj
        6 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        XCTAssertEqual(try text(Array(lengths.utf8)), "Loop ends here\n")
        // A form drawn 1,000 times by a form drawn 1,000 times: stopped, not read for minutes.
        let inner = "BT /F1 12 Tf 72 700 Td (x) Tj ET", outer = String(repeating: "/A Do ", count: 1000)
        let forms = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj
        3 0 obj << /Type /Page /Resources 6 0 R /Contents 4 0 R >> endobj
        4 0 obj << /Length \(outer.count) >>
        stream
        \(outer.replacingOccurrences(of: "/A", with: "/B"))
        endstream endobj
        5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        6 0 obj << /Font << /F1 5 0 R >> /XObject << /A 7 0 R /B 8 0 R >> >> endobj
        7 0 obj << /Subtype /Form /Length \(inner.count) >>
        stream
        \(inner)
        endstream endobj
        8 0 obj << /Subtype /Form /Resources 6 0 R /Length \(outer.count) >>
        stream
        \(outer)
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: Array(forms.utf8), limit: 1 << 24) }, "its pages draw forms more than 100,000 times")
        let bomb = ZipArchive.deflateRaw([UInt8](repeating: 0x20, count: 5_000_000), windowBits: 15)
        var b = Array("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page /Contents 4 0 R >> endobj\n4 0 obj << /Filter /FlateDecode /Length \(bomb.count) >>\nstream\n".utf8)
        b += bomb + Array("\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
        XCTAssertEqual(failure { try PDFText.paragraphs(ofFile: b, limit: 1 << 20) },
                       "page 1: its streams decode to more than the limit of 1048576 bytes")
    }

    /// ASCII85 as Adobe writes it (with its end marker).
    static func ascii85(_ b: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < b.count {
            let chunk = Array(b[i..<min(i + 4, b.count)]) + [UInt8](repeating: 0, count: max(0, i + 4 - b.count))
            var v = chunk.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            var digits = [Character](repeating: "!", count: 5)
            for k in (0..<5).reversed() { digits[k] = Character(UnicodeScalar(UInt8(v % 85) + 33)); v /= 85 }
            out += String(digits.prefix(min(4, b.count - i) + 1))
            i += 4
        }
        return out + "~>"
    }

    /// LZW as PDF's LZWDecode reads it (early change), for the filter's test.
    static func lzw(_ data: [UInt8]) -> [UInt8] {
        var table: [[UInt8]: Int] = [:]
        for k in 0..<256 { table[[UInt8(k)]] = k }
        var next = 258, width = 9
        var bits: [Bool] = []
        func emit(_ code: Int) { for k in (0..<width).reversed() { bits.append((code >> k) & 1 == 1) } }
        emit(256)
        var w: [UInt8] = []
        for c in data {
            if table[w + [c]] != nil { w += [c]; continue }
            emit(table[w]!)
            table[w + [c]] = next; next += 1
            if next + 1 > (1 << width), width < 12 { width += 1 }
            w = [c]
        }
        if !w.isEmpty { emit(table[w]!) }
        emit(257)
        var out: [UInt8] = []
        for k in stride(from: 0, to: bits.count, by: 8) {
            var byte: UInt8 = 0
            for j in 0..<8 { byte = byte << 1 | (k + j < bits.count && bits[k + j] ? 1 : 0) }
            out.append(byte)
        }
        return out
    }
}
