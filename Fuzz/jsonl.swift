// libFuzzer target: the JSONL record parser (JSON parsing plus record validation), as `RecordReader.parse` sees
// one raw line. Built into one module with the library sources by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let json = try? JSONParser.parse(bytes) {
        _ = try? Record(json: json, file: "fuzz", line: 1)
    }
    return 0
}
