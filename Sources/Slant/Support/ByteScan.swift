#if canImport(Glibc)
import Glibc
#endif

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

extension ByteScan {
    /// Whether the bytes `needle` occur in `haystack`. Foundation's `String.contains` took about 200
    /// instructions a byte of a text (and traps on some strings); the generic `firstRange(of:)` of a byte slice
    /// over a million a call.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        find(haystack, needle) != nil
    }

    /// The offset of the first occurrence of the bytes `needle` in `haystack`, nil when there is none: each
    /// candidate found by one byte of the needle (memchr), its first that is no space or line break (those are
    /// in every line of a text), then compared whole (memcmp).
    /// - Complexity: O(n) for a needle whose anchor byte is rare; O(n × needle) at worst.
    static func find(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Int? {
        let m = needle.count, n = haystack.count
        guard m > 0 else { return 0 }
        guard let h = haystack.baseAddress, n >= m else { return nil }
        let k = needle.firstIndex { $0 != 0x20 && $0 != 0x0A } ?? 0
        return needle.withUnsafeBytes { nb -> Int? in
            var i = 0       // the next candidate start
            while i + m <= n {
                guard let p = memchr(h + i + k, Int32(nb[k]), n - m + 1 - i) else { return nil }
                let at = h.distance(to: UnsafeRawPointer(p)) - k
                if memcmp(h + at, nb.baseAddress!, m) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }

    /// Whether the UTF-8 bytes of `needle` occur in those of `text` (a literal search, byte for byte).
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        return text.withUTF8 { contains(UnsafeRawBufferPointer($0), Array(needle.utf8)) }
    }

    /// Whether the bytes `needle` occur in `bytes[range]`.
    static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { contains(UnsafeRawBufferPointer(rebasing: $0[range]), needle) }
    }
}
