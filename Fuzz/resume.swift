// libFuzzer target: what `slant-score --output FILE --resume` reads of FILE (`ResumedOutput.read`), on any bytes:
// the complete lines' ids in order, the last complete line, the length kept and the bytes cut off must add up to
// the file, or the file is refused with an error (never a crash). Then the id parser against the writer: any
// valid UTF-8 as a record's id, written as `PredictionWriter` opens a line, reads back as the same id.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResume(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = NSTemporaryDirectory() + "slant-fuzz-\(getpid()).jsonl"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    if let out = try? ResumedOutput.read(path) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        precondition(out.length + out.cutOff == size, "kept and cut-off bytes make the file")
        precondition(out.ids.count == lines.count - 1, "one id per complete line")
        precondition(out.cutOff == lines.last!.count, "the cut-off bytes are the unfinished line")
        if lines.count >= 2 { precondition(out.lastLine == Array(lines[lines.count - 2]), "the last complete line") }
        else { precondition(out.lastLine.isEmpty) }
    }
    if let id = String(validating: bytes, as: UTF8.self) {
        var line = Array("{\"id\":".utf8)
        JSONWriter.appendString(id, to: &line)
        line.append(contentsOf: ",\"leaning\":{\"label\":\"left\"}}".utf8)
        precondition((try? ResumedOutput.id(of: line, line: 1, path: path)) == id, "an id reads back as written")
    }
    return 0
}
