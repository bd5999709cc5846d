/// Finding the bytes that end a JSON string's plain run (`"`, `\` and control bytes below 0x20) eight bytes
/// at a time (SWAR: "SIMD within a register"), for the JSON reader and writer, which otherwise test every byte
/// of every article on its own.
///
/// Each test is the classic bit trick for "some byte of `x` is zero / less than n" (Hacker's Delight, ch. 6;
/// Mycroft 1987): `(x - n·0x01…01) & ~x & 0x80…80`. Its lowest set bit always marks the first byte that
/// matches (a false flag can only appear above a real one, from its borrow), and on little-endian machines the
/// lowest bit is the first byte in memory.
enum ByteScan {
    @inline(__always) static func specials(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (x &- ones &* 0x20) & ~x & highs
        let q = x ^ (ones &* 0x22), b = x ^ (ones &* 0x5C)
        return control | ((q &- ones) & ~q & highs) | ((b &- ones) & ~b & highs)
    }

    /// The index of the first byte in `p[from..<p.count]` that is `"`, `\` or below 0x20; `p.count` when none is.
    /// - Complexity: O(n / 8) word tests, then at most 8 byte tests.
    @inline(__always) static func firstSpecial(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        let n = p.count
        #if _endian(little)
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let m = specials(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if m != 0 { return i + m.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        #endif
        while i < n {
            let c = p[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            i += 1
        }
        return n
    }
}
