// libFuzzer target: Word documents (`WordDocument`, `ZipArchive`), OpenDocument texts (`OpenDocument`) and the Nexis
// Uni and ProQuest downloads in them (`NexisUni.documents`, `ProQuestText`). Input that opens as a ZIP archive is
// read as a .docx and an .odt file; any other input as the document's XML (word/document.xml, content.xml), so that
// the fuzzer reaches the XML readers without having to forge CRC-32s. Reading may refuse the input, never crash; a
// download's articles pass `checkDocuments` (Fuzz/common). Built into one module with the library sources by
// Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let paragraphs: [WordDocument.Paragraph]
    do {
        paragraphs = ZipArchive.looksLikeZip(bytes) ? try WordDocument.paragraphs(ofFile: bytes, limit: 1 << 22)
                                                    : try WordDocument.paragraphs(ofXML: bytes)
    } catch { return 0 }
    let texts = paragraphs.map(\.text)
    for t in texts { precondition(!t.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, "no control characters") }
    checkDocuments(NexisUni.documents(texts), of: texts)
    checkDocuments(ProQuestText.documents(texts), of: texts)
    // The same bytes as an OpenDocument text (its content.xml), under the same invariants.
    if let odt = try? (ZipArchive.looksLikeZip(bytes) ? OpenDocument.paragraphs(ofFile: bytes, limit: 1 << 22) : OpenDocument.paragraphs(ofXML: bytes)) {
        let texts = odt.map(\.text)
        for t in texts { precondition(!t.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, "no control characters") }
        checkDocuments(NexisUni.documents(texts), of: texts)
    }
    return 0
}
