// libFuzzer target: the JSONL record parser (JSON parsing plus record validation), as `RecordReader.parse` sees
// one raw line, then the removal of invisible format characters, whose spans and offsets are checked: a moved
// span stays inside the cleaned text, and offsets map back into the text as given, in order (a ligature's added
// letters to the ligature). Built into one
// module with the library sources by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let json = try? JSONParser.parse(bytes), var r = try? Record(json: json, file: "fuzz", line: 1) {
        let given = r.text.unicodeScalars.count
        if (try? r.removeInvisibleCharacters()) != nil {
            let n = r.text.unicodeScalars.count
            precondition(n + r.removedFromText.count - r.expandedInText.count == given, "removed and added characters counted")
            for s in r.spans + r.holderSpans { precondition(0 <= s.start && s.start < s.end && s.end <= n, "span inside the cleaned text") }
            var last = -1
            for c in 0...n {
                let o = r.offsetInGivenText(c)
                precondition((o > last || o == last && !r.expandedInText.isEmpty) && o <= given, "offsets map back in order")
                last = o
            }
        }
    }
    return 0
}
