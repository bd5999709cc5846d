// libFuzzer target: a saved web page read for its article (`HTMLText`: tags, quoted attributes, comments, raw-text
// elements, character references, furniture and article elements, the prose test), on the bytes as UTF-8 text and
// on a whole `.html` file as `RecordReader` reads one; and a page saved from Factiva for its articles (`FactivaHTML`).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let page = HTMLText.read(String(decoding: bytes, as: UTF8.self))
    // What a page gives is text: no markup's '<' then letter survives where the input had none to give.
    precondition(page.text.utf8.count <= size * 4 + 16, "the text outgrew its page")
    // A page saved from Factiva: articles in the page's order, numbered 1, 2, ..., each from its own line on.
    if let docs = FactivaHTML.documents(String(decoding: bytes, as: UTF8.self)) {
        var last = 0
        for (k, d) in docs.enumerated() {
            precondition(d.number == k + 1 && d.line >= last, "articles in the page's order")
            last = d.line
        }
    }
    let path = NSTemporaryDirectory() + "slant-fuzz-\(getpid()).html"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    var o = ReaderOptions()
    o.maxRecordBytes = 1 << 16
    if let r = try? RecordReader(path: path, options: o) { _ = try? r.next() }
    return 0
}
