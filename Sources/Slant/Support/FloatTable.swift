#if canImport(Glibc)
import Glibc
#endif

/// An immutable table of `Float`s for the large, randomly accessed arrays of a model: weight matrices and IDF
/// tables. Its memory is 64-byte aligned, and tables of 1 MiB or more sit in 2 MiB-aligned memory that asks
/// Linux for transparent huge pages (`madvise(MADV_HUGEPAGE)`, before the memory is first written).
///
/// Why: hashed features read a random row of a multi-megabyte table for every non-zero, so with 4 KiB pages
/// nearly every read also misses the TLB (a 12 MiB matrix spans 3,072 pages; the second-level TLB holds about
/// 2,000), and under a hypervisor each miss is a two-dimensional page walk. With 2 MiB pages the same matrix
/// needs six TLB entries. Where huge pages are not available the table works the same, only slower.
///
/// A model read from a file is the exception: its tables are read-only views into the mapped file
/// (`init(viewing:count:owner:)`, see `ModelFile.read`), since zeroing fresh huge pages for a copy cost more at
/// start-up than their TLB savings gave back over a run. Tables built in memory (training, optimiser state,
/// models decoded from bytes) use the memory described above.
public struct FloatTable: Sendable, Equatable {
    /// `@unchecked Sendable` is true: the memory is written only inside `FloatTable.init`'s `fill` closure,
    /// before the table exists for anyone else, and only read afterwards (no API writes through `base`; the
    /// optimisers' mutable state uses `FloatTable.allocate` memory of their own, not a table's).
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Float>
        /// What holds `base`'s memory when the table is a view into it (a mapped model file); nil when the
        /// table allocated its memory itself.
        let owner: AnyObject?
        init(count: Int) { base = FloatTable.allocate(count: count); owner = nil }
        init(viewing p: UnsafePointer<Float>, owner: AnyObject) { base = UnsafeMutablePointer(mutating: p); self.owner = owner }
        deinit { if owner == nil { free(base) } }
    }

    /// Uninitialised memory for `count` floats laid out as described above (64-byte aligned; 2 MiB-aligned and
    /// advised for huge pages from 1 MiB). The caller owns it and releases it with `free`. Also used directly
    /// by optimisers for their mutable per-bucket state.
    static func allocate(count: Int) -> UnsafeMutablePointer<Float> {
        let bytes = max(64, count * 4)
        var raw: UnsafeMutableRawPointer? = nil
        if bytes >= 1 << 20 {
            let rounded = (bytes + hugePage - 1) & ~(hugePage - 1)
            if posix_memalign(&raw, hugePage, rounded) == 0, let r = raw {
                #if os(Linux)
                _ = madvise(r, rounded, MADV_HUGEPAGE)
                #endif
            } else { raw = nil }
        }
        if raw == nil, posix_memalign(&raw, 64, bytes) != 0 { raw = nil }
        guard let r = raw else { fatalError("out of memory allocating \(bytes) bytes for a model table") }
        return r.bindMemory(to: Float.self, capacity: max(1, count))
    }

    static let hugePage = 2 << 20
    let storage: Storage
    /// The number of floats.
    public let count: Int

    /// A table of `count` floats filled by `fill` (called once, before anyone else can read the table).
    public init(count: Int, fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
        self.count = count
        storage = Storage(count: count)
        fill(UnsafeMutableBufferPointer(start: storage.base, count: count))
    }

    /// A read-only view of `count` floats at `p`, whose memory `owner` keeps alive (and valid) for as long as
    /// the table or a copy of it exists: no copy is made.
    init(viewing p: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.count = count
        storage = Storage(viewing: p, owner: owner)
    }

    /// A copy of `array`.
    public init(_ array: [Float]) {
        self.init(count: array.count) { dst in
            array.withUnsafeBufferPointer { src in if let s = src.baseAddress { dst.baseAddress!.update(from: s, count: src.count) } }
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The first float; valid while the table (or a copy of it) is alive.
    public var pointer: UnsafePointer<Float> { UnsafePointer(storage.base) }

    @inline(__always) public subscript(_ i: Int) -> Float {
        precondition(i >= 0 && i < count, "FloatTable index \(i) out of range 0..<\(count)")
        return storage.base[i]
    }

    /// Calls `body` with the table's floats.
    @inline(__always)
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.base, count: count)) }
    }

    /// The floats as an array.
    public var array: [Float] { withUnsafeBufferPointer { Array($0) } }

    public static func == (a: FloatTable, b: FloatTable) -> Bool {
        a.count == b.count && (a.storage === b.storage || a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.elementsEqual(y) } })
    }
}

/// Consumes the sum of a warm-up pass of loads so that the optimiser keeps those loads. Such passes only bring
/// the rows a record (or a minibatch) will touch into cache before the arithmetic, many misses at a time,
/// instead of one miss per step of a dependent loop. Not inlined and not optimised: it must stay opaque.
@inline(never) @_optimize(none)
func prefetched(_ sum: Float) {}
