// libFuzzer target: RTF documents (`RTFText`) and the Factiva, Nexis Uni and ProQuest downloads in them
// (`FactivaText`, `NexisUni.documents`, `ProQuestText`). Input that does not open with "{\rtf" is read with it put in front, so that the fuzzer
// reaches the reader at once. Reading may refuse the input, never crash; no paragraph holds a control character
// but tab and line break, nor invalid UTF-8 (a String cannot); a download's articles come in the paragraphs' order,
// numbered 1, 2, ..., their lines taken from the paragraphs. Built into one module with the library sources by
// Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if !RTFText.looksLikeRTF(bytes) { bytes = Array(#"{\rtf1 "#.utf8) + bytes }
    let paragraphs: [RTFText.Paragraph]
    do { paragraphs = try RTFText.paragraphs(bytes) } catch { return 0 }
    let texts = paragraphs.map(\.text)
    for t in texts { precondition(!t.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A }, "no control characters") }
    for docs in [NexisUni.documents(texts), FactivaText.documents(texts, bold: paragraphs.map(\.bold)), ProQuestText.documents(texts)] {
        guard let docs else { continue }
        var last = 0
        for (k, d) in docs.enumerated() {
            precondition(d.number == k + 1, "documents numbered in order")
            precondition(d.line > last && d.line <= texts.count, "documents in the paragraphs' order")
            last = d.line
            // (Compared as bytes: Foundation's String.contains traps on some strings, "".contains("Section:\u{A0}A").)
            for line in d.text.split(separator: "\n") where !line.isEmpty {
                let l = Array(line.utf8)
                precondition(texts.contains { Array($0.utf8).firstRange(of: l) != nil }, "an article's lines are the document's")
            }
        }
    }
    return 0
}
