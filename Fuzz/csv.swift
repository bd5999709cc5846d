// libFuzzer target: the CSV reader (RFC 4180 quoting, header mapping, CR/CRLF line ends, BOM, limits) on a whole
// file written to a temporary path.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "slant-fuzz-\(getpid()).csv"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    var o = ReaderOptions()
    o.maxRecordBytes = 1 << 16
    o.columns.labels = [("stance", "label")]
    if let r = try? RecordReader(path: path, options: o) {
        for _ in 0..<10_000 {
            do { guard try r.next() != nil else { break } } catch { if case SlantError.io = error { break } }
        }
    }
    return 0
}
