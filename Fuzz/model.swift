// libFuzzer target: the model loader on arbitrary bytes. The checksum is recomputed over the input first (when
// it is long enough), so the fuzzer reaches the header and array checks instead of stopping at the CRC.
import CZlib

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 8 {
        let n = bytes.count - 4
        let crc = bytes.withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, n)) }
        for k in 0..<4 { bytes[n + k] = UInt8((crc >> (8 * UInt32(k))) & 0xFF) }
    }
    if let m = try? ModelFile.decode(bytes, path: "fuzz") {
        // A model that loads must score without trapping.
        var scratch: [FeatureScratch] = []
        _ = m.predict(Record(id: "x", text: "The council did not approve the plan", title: "Plan", target: "council"),
                      tasks: Array(m.tasks.indices), scratch: &scratch)
    }
    return 0
}
