/// Sorting of `UInt64` keys `(value << 32) | position` by their high 32 bits, for the featurizer's per-record
/// term and bucket lists. The positions are appended in increasing order, so a stable LSD radix sort on the high
/// half (four 8-bit passes, skipping a pass whose digit is the same in every key) yields the fully sorted keys, with no comparisons and no allocation once the scratch
/// buffer has grown. Short lists use insertion sort.
public enum RadixSort {
    /// Sorts `keys` ascending. `scratch` is reused between calls.
    /// - Precondition: the low 32 bits increase along `keys` (positions in append order).
    /// - Complexity: O(4 × (n + 256)).
    public static func sortByHigh32(_ keys: inout [UInt64], scratch: inout [UInt64], counts: inout [Int]) {
        let n = keys.count
        if n < 128 {
            keys.withUnsafeMutableBufferPointer { k in
                for i in 1..<max(1, n) {
                    let x = k[i]
                    var j = i - 1
                    while j >= 0 && k[j] > x { k[j + 1] = k[j]; j -= 1 }
                    k[j + 1] = x
                }
            }
            return
        }
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
        if counts.count != 256 { counts = [Int](repeating: 0, count: 256) }
        var inScratch = false
        keys.withUnsafeMutableBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { t in
                counts.withUnsafeMutableBufferPointer { c in
                    for shift: UInt64 in [32, 40, 48, 56] {
                        let (src, dst) = inScratch ? (t, k) : (k, t)
                        for i in 0..<256 { c[i] = 0 }
                        for i in 0..<n { c[Int((src[i] >> shift) & 0xFF)] += 1 }
                        if c[Int((src[0] >> shift) & 0xFF)] == n { continue }  // every key has this digit
                        var sum = 0
                        for i in 0..<256 { let x = c[i]; c[i] = sum; sum += x }
                        for i in 0..<n {
                            let d = Int((src[i] >> shift) & 0xFF)
                            dst[c[d]] = src[i]; c[d] += 1
                        }
                        inScratch.toggle()
                    }
                    if inScratch { for i in 0..<n { k[i] = t[i] } }
                }
            }
        }
    }
}
