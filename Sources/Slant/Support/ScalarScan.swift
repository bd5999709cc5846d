import CKernels

/// Runs of plain ASCII in an article's scalars, eight scalars at a time (the SSE2 kernels of `CKernels`), for
/// the loops that read every scalar of every article: actor detection's word scan (`ActorDetector.words`) and
/// the sentence splitter. A scalar loop ended each word with a branch that was mispredicted about once per
/// word; a kernel step tests eight scalars and finds the first that ends the run without a branch per scalar.
/// Each result equals that of the one-scalar-at-a-time loop given in its comment (tested in `ScalarScanTests`).
enum ScalarScan {
    /// The first index in `from..<end` whose scalar is not an ASCII letter or digit; `end` when every one is.
    /// Equal to `while j < end, case let v = s[j].value, (v | 0x20) &- 97 < 26 || v &- 48 < 10 { j += 1 }`.
    /// - Complexity: O((end − from) / 8) vector tests.
    @inline(__always) static func asciiAlnumEnd(_ s: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to end: Int) -> Int {
        guard from < end, let base = s.baseAddress else { return from }
        return UnsafeRawPointer(base).withMemoryRebound(to: UInt32.self, capacity: s.count) {
            slant_alnum_end($0, from, end, s.count)
        }
    }

    /// The first index in `from..<end` whose scalar is not printable ASCII (0x20–0x7E) or is `.`, `!` or `?`;
    /// `end` when there is none. Equal to
    /// `while j < end, case let v = s[j].value, v >= 0x20 && v < 0x7F && v != 0x2E && v != 0x21 && v != 0x3F { j += 1 }`.
    /// - Complexity: O((end − from) / 8) vector tests.
    @inline(__always) static func plainTextEnd(_ s: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to end: Int) -> Int {
        guard from < end, let base = s.baseAddress else { return from }
        return UnsafeRawPointer(base).withMemoryRebound(to: UInt32.self, capacity: s.count) {
            slant_plain_text_end($0, from, end, s.count)
        }
    }
}
