// libFuzzer target: PDF files (`PDFDocument`, `PDFFont`, `PDFText`) and the downloads saved as PDF
// (`NexisUni.documents`, `ProQuestText`, `FactivaText`). Input that does not open with "%PDF-" gets it put in front,
// and "%%EOF" at its end where it has none, so that the fuzzer reaches the reader at once. Reading may refuse the
// input, never crash or hang; every line is non-empty text without control characters, pages come in order, and a
// download's articles pass `checkDocuments` (Fuzz/common). Built into one module with the library sources by
// Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if !bytes.starts(with: Array("%PDF-".utf8)) { bytes = Array("%PDF-1.4\n".utf8) + bytes }
    if bytes.suffix(4096).firstRange(of: Array("%%EOF".utf8)) == nil { bytes += Array("\n%%EOF\n".utf8) }
    let paragraphs: [PDFText.Paragraph]
    do { paragraphs = try PDFText.paragraphs(ofFile: bytes, limit: 1 << 22) } catch { return 0 }
    var page = 0
    for p in paragraphs {
        precondition(p.page >= page, "pages in order")
        page = p.page
        precondition(!p.lines.isEmpty, "a paragraph has lines")
        for l in p.lines {
            precondition(!l.isEmpty && l.first != " " && l.last != " ", "a line is text, trimmed")
            precondition(!l.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }, "no control characters")
        }
    }
    let text = PDFText.text(paragraphs)
    precondition(text.isEmpty || text.hasSuffix("\n"), "the text ends a line")
    _ = PDFText.titleParagraph(paragraphs)
    let texts = paragraphs.map { $0.lines.joined(separator: "\n") }
    checkDocuments(NexisUni.documents(texts), of: texts)
    checkDocuments(FactivaText.documents(texts), of: texts)
    checkDocuments(ProQuestText.documents(texts), of: texts)
    return 0
}
