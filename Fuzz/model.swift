// libFuzzer target: the model loader on arbitrary bytes. The checksum is recomputed over the input first (when
// it is long enough), the one its format version uses (CRC-32 up to 3, `ModelFile.wordChecksum` from 4), so the
// fuzzer reaches the header and array checks instead of stopping at the checksum.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 16 {
        let n = bytes.count - 4
        let version = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24
        let sum = bytes.withUnsafeBytes { ModelFile.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]), version: version) }
        for k in 0..<4 { bytes[n + k] = UInt8((sum >> (8 * UInt32(k))) & 0xFF) }
    }
    if let m = try? ModelFile.decode(bytes, path: "fuzz") {
        // A model that loads must score without trapping.
        var scratch: [FeatureScratch] = []
        _ = m.predict(Record(id: "x", text: "The council did not approve the plan", title: "Plan", target: "council"),
                      tasks: Array(m.tasks.indices), scratch: &scratch)
    }
    return 0
}
