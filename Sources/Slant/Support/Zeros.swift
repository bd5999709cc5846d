/// Growing arrays of plain values by zeros at `memcpy` speed.
///
/// `append(contentsOf: repeatElement(0, count: n))` writes element by element through the generic `Repeated`
/// iterator (about three instructions a byte for the tokenizer's output buffer, measured with callgrind);
/// appending from a buffer of zero bytes is one `memcpy` per 64 KiB. The hot paths use it to make room that
/// they then fill through a pointer (token bytes, term lists, a record's term table).
enum Zeros {
    /// Bytes per copy.
    static let chunk = 1 << 16
    /// `chunk` zero bytes, allocated once and never written again (so reading them from any thread is safe).
    nonisolated(unsafe) static let bytes: UnsafeRawPointer = {
        let p = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        p.initializeMemory(as: UInt8.self, repeating: 0, count: chunk)
        return UnsafeRawPointer(p)
    }()
}

extension Array where Element: BitwiseCopyable {
    /// Appends `n` elements whose bytes are all zero (0 for integers and floats; for a struct of them, every
    /// field 0).
    /// - Complexity: O(n), as a `memcpy`.
    mutating func appendZeros(_ n: Int) {
        guard n > 0 else { return }
        reserveCapacity(count + n)
        let per = Zeros.chunk / MemoryLayout<Element>.stride
        var left = n
        while left > 0 {
            let k = Swift.min(left, per)
            // Plain values: zero bytes read as an `Element` are a valid value.
            append(contentsOf: UnsafeBufferPointer(start: Zeros.bytes.assumingMemoryBound(to: Element.self), count: k))
            left -= k
        }
    }
}
