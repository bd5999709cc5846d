// libFuzzer target: RTF documents (`RTFText`) and the Factiva, Nexis Uni and ProQuest downloads in them
// (`FactivaText`, `NexisUni.documents`, `ProQuestText`). Input that does not open with "{\rtf" is read with it put
// in front, so that the fuzzer reaches the reader at once. Reading may refuse the input, never crash; no paragraph
// holds a control character but tab and line break, nor invalid UTF-8 (a String cannot); a download's articles
// pass `checkDocuments` (Fuzz/common). Built into one module with the library sources by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if !RTFText.looksLikeRTF(bytes) { bytes = Array(#"{\rtf1 "#.utf8) + bytes }
    let paragraphs: [RTFText.Paragraph]
    do { paragraphs = try RTFText.paragraphs(bytes) } catch { return 0 }
    let texts = paragraphs.map(\.text)
    for t in texts { precondition(!t.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A }, "no control characters") }
    checkDocuments(NexisUni.documents(texts), of: texts)
    checkDocuments(FactivaText.documents(texts, bold: paragraphs.map(\.bold)), of: texts)
    checkDocuments(ProQuestText.documents(texts), of: texts)
    return 0
}
