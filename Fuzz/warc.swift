// libFuzzer target: a web archive read for its pages (`WebArchiveReader`: version lines, folded header lines,
// Content-Length, HTTP status lines and fields, chunked and compressed payloads, charsets; then `HTMLText`), as
// `RecordReader` reads a `.warc` file, and the chunk and deflate decoders on the bytes themselves.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The decoders never give more than their limit, whatever they are fed.
    if case .success(let out?) = WebArchiveReader.dechunk(bytes[...], limit: 1 << 14) { precondition(out.count <= 1 << 14) }
    if case .success(let out?) = WebArchiveReader.inflate(bytes[...], limit: 1 << 14) { precondition(out.count <= 1 << 14) }
    let path = NSTemporaryDirectory() + "slant-fuzz-\(getpid()).warc"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    var o = ReaderOptions()
    o.maxRecordBytes = 1 << 16
    o.keep = ["url", "date", "source", "crawl_date"]
    guard let r = try? RecordReader(path: path, options: o) else { return 0 }
    var records = 0
    while let rec = try? r.next() {
        records += 1
        precondition(rec.kept.count == 4 && !rec.text.isEmpty)
    }
    // Every record counted once: read as a page, or left out.
    precondition(r.archiveTally.pages == records && records + r.archiveTally.leftOut <= size / 10 + 1)
    return 0
}
