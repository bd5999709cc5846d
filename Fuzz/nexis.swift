// libFuzzer target: LexisNexis text downloads (`NexisText.documents`) on any UTF-8 text: documents come in the
// file's order, numbered from 1, each with its text taken from the input. Built into one module with the library
// sources by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNexis(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let docs = NexisText.documents(text) {
        precondition(!docs.isEmpty, "a download holds a document")
        var last = 0
        for d in docs {
            precondition(d.line > last && d.number >= 1, "documents in the file's order")
            last = d.line
            for line in d.text.split(separator: "\n") where !line.isEmpty {
                precondition(text.contains(line), "an article's lines are the file's")
            }
        }
    }
    return 0
}
