import CBLAS

/// The home slot of a 32-bit key (already a MurmurHash3 output) in a power-of-two table of `mask + 1` slots: a
/// multiplicative spread, the one every open-addressing table here uses.
@inline(__always) func homeSlot(_ k: UInt32, _ mask: Int) -> Int { Int((k &* 0x9E37_79B1) >> 7) & mask }
/// A small open-addressing set of `UInt32` keys for per-record scratch work: cleared in O(1) by bumping a
/// generation stamp, so it never reallocates once it has grown. Keys are spread with a multiplicative hash
/// (they are already MurmurHash3 outputs), not Swift's per-process seeded hashing.
public struct ScratchSet: Sendable {
    private var keys: [UInt32] = []
    private var stamps: [UInt32] = []
    private var generation: UInt32 = 0
    private var mask = 0
    public private(set) var count = 0

    public init() {}

    /// Empties the set and makes room for `capacity` keys.
    /// - Complexity: O(1) amortised.
    public mutating func reset(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if size > keys.count {
            keys = [UInt32](repeating: 0, count: size)
            stamps = [UInt32](repeating: 0, count: size)
            generation = 0
        }
        // Only the first `size` slots, as `TermTable`: a sentence after an article stays within a few cache lines.
        mask = size - 1
        generation &+= 1
        if generation == 0 { for i in stamps.indices { stamps[i] = 0 }; generation = 1 }
        count = 0
    }

    @inline(__always) private func slot(_ k: UInt32) -> Int { homeSlot(k, mask) }

    /// Doubles the table, keeping the keys (when it is half full, so probing stays short and always ends).
    private mutating func grow() {
        let old = keys.isEmpty ? [] : (0...mask).filter { stamps[$0] == generation }.map { keys[$0] }
        let size = max(16, keys.isEmpty ? 16 : (mask + 1) * 2)
        if size > keys.count {
            keys = [UInt32](repeating: 0, count: size)
            stamps = [UInt32](repeating: 0, count: size)
            generation = 1
        } else {
            generation &+= 1
            if generation == 0 { for i in stamps.indices { stamps[i] = 0 }; generation = 1 }
        }
        mask = size - 1
        count = 0
        for k in old { insert(k) }
    }

    /// Inserts `k`; returns true when it was not there yet. The table grows as needed.
    @inline(__always) @discardableResult
    public mutating func insert(_ k: UInt32) -> Bool {
        if keys.isEmpty || (count + 1) * 2 > mask + 1 { grow() }
        var i = slot(k)
        while stamps[i] == generation {
            if keys[i] == k { return false }
            i = (i + 1) & mask
        }
        stamps[i] = generation; keys[i] = k; count += 1
        return true
    }

    @inline(__always)
    public func contains(_ k: UInt32) -> Bool {
        guard !keys.isEmpty else { return false }
        var i = slot(k)
        while stamps[i] == generation {
            if keys[i] == k { return true }
            i = (i + 1) & mask
        }
        return false
    }
}

/// An immutable open-addressing map from `UInt32` keys (token hashes) to values, for the per-token look-ups of
/// negators, cue words and lexicon valences on the hot path.
///
/// Most tokens are in no such list, so a 64-kbit filter (8 KB, in L1 cache) on the key's low 16 bits answers
/// most misses before the table (hundreds of KB for a lexicon, out of L1) is read. A key and its value share a
/// slot, so a look-up that passes the filter costs one cache miss, not one for the value and one for the key.
public struct HashMap32<Value: Sendable>: Sendable {
    private let slots: [(key: UInt32, value: Value?)]
    private let mask: Int
    private let filter: [UInt64]

    public init(_ pairs: [(UInt32, Value)]) {
        var size = 16
        while size < pairs.count * 2 { size <<= 1 }
        var sl = [(key: UInt32, value: Value?)](repeating: (0, nil), count: size)
        let m = size - 1
        for (key, value) in pairs {
            var i = homeSlot(key, m)
            while sl[i].value != nil && sl[i].key != key { i = (i + 1) & m }
            sl[i] = (key, value)   // a repeated key keeps its last value
        }
        var f = [UInt64](repeating: 0, count: 1024)
        for (key, _) in pairs { f[Int(key & 0xFFFF) >> 6] |= 1 << (key & 63) }
        slots = sl; mask = m; filter = f
    }

    /// Asks for the cache line of `key`'s home slot (for a look-up a few keys later; `slant_prefetch`).
    @inline(__always)
    func prefetch(_ key: UInt32) {
        slots.withUnsafeBufferPointer { slant_prefetch($0.baseAddress! + homeSlot(key, mask)) }
    }

    @inline(__always)
    public subscript(_ key: UInt32) -> Value? {
        guard filter.withUnsafeBufferPointer({ $0[Int(key & 0xFFFF) >> 6] }) & (1 << (key & 63)) != 0 else { return nil }
        let mask = self.mask
        return slots.withUnsafeBufferPointer { sl in
            var i = homeSlot(key, mask)
            while let v = sl[i].value {
                if sl[i].key == key { return v }
                i = (i + 1) & mask
            }
            return nil
        }
    }
}

/// An immutable open-addressing set of `UInt64` keys (64-bit word hashes), for the per-word look-ups of the
/// actor detector's word lists: the standard library's `Set` hashes every look-up with SipHash, which was a
/// tenth of detection's time.
struct KeySet64: Sendable {
    /// The members in their slots, 0 in an empty slot: one array, so a look-up reads one cache line where a
    /// separate array of used flags had made it two (the detector looks up every capitalised word in several
    /// lists). The key 0, which marks empty slots, is held by `hasZero` instead.
    private let keys: [UInt64]
    private let hasZero: Bool
    private let mask: Int

    init<S: Sequence>(_ members: S) where S.Element == UInt64 {
        // Sorted and without repeats (sorting alone: hashing each key into a `Set` first cost twice as much for the
        // 5,000 keys of `SentenceOpeners`).
        var all = Array(members)
        all.sort()
        var n = 0
        for key in all where n == 0 || all[n - 1] != key { all[n] = key; n += 1 }
        all.removeLast(all.count - n)
        hasZero = all.first == 0
        var size = 16
        while size < all.count * 3 { size <<= 1 }
        var k = [UInt64](repeating: 0, count: size)
        for key in all where key != 0 {
            var i = KeySet64.slot(key, size - 1)
            while k[i] != 0 { i = (i + 1) & (size - 1) }
            k[i] = key
        }
        keys = k; mask = size - 1
    }

    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    @inline(__always) func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        var i = KeySet64.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return true }
            if k == 0 { return false }
            i = (i + 1) & mask
        }
    }
}

/// One distinct term of a record's namespace: its summed weight (later its TF-IDF value), the position of its
/// first occurrence in the term list (for `--explain` names) and a bit per word n-gram order it was seen as.
public struct TermEntry: Sendable, BitwiseCopyable {
    public var term: UInt32
    public var value: Float
    /// The term's IDF when `aggregate` was given a table (1 otherwise).
    public var idf: Float
    var first: Int32
    var orders: UInt8
}

/// Per-record aggregation of term hashes into distinct terms, in first-seen order (so the result is
/// deterministic without sorting). Open addressing over a slot array whose entries carry a generation stamp,
/// so a reset is O(1) and the table never reallocates once it has grown; kept at most half full.
public struct TermTable: Sendable {
    /// The distinct terms, in the order they were first seen.
    public var entries: ArraySlice<TermEntry> { storage[0..<used] }
    /// Room for the entries, grown to the largest record and never shrunk or zeroed again (zeroing a
    /// character n-gram view's room per record was 2% of scoring); the first `used` are the entries.
    private var storage: [TermEntry] = []
    private var used = 0
    /// `generation << 32 | entry index`; a slot is empty unless its stamp is the current generation.
    private var slots: [UInt64] = []
    private var generation: UInt64 = 0
    private var mask = 0

    public init() {}

    public var count: Int { used }

    /// The entries, to rewrite in place (TF-IDF values after aggregation).
    mutating func withMutableEntries<R>(_ body: (UnsafeMutableBufferPointer<TermEntry>) -> R) -> R {
        let n = used
        return storage.withUnsafeMutableBufferPointer { body(UnsafeMutableBufferPointer(rebasing: $0[0..<n])) }
    }

    /// Makes room for at least `n` entries.
    private mutating func reserve(_ n: Int) {
        if storage.count < n { storage.appendZeros(n - storage.count) }   // each slot written before it is read
    }

    /// Empties every slot in O(1) by moving to the next stamp (clearing them all only when the stamps run out).
    private mutating func nextGeneration() {
        generation &+= 1
        if generation >= 1 << 31 { for i in slots.indices { slots[i] = 0 }; generation = 1 }
    }

    /// How many terms ahead `aggregate` prefetches IDF values.
    static let prefetchDistance = 12

    /// The home slot of `k` (a static function, so the insertion loop can use it while it holds `self`'s buffers).
    @inline(__always) private static func slot(_ k: UInt32, _ mask: Int) -> Int { homeSlot(k, mask) }

    /// Replaces the contents with the distinct terms of `terms`, summing `weights` (1 each when nil) and
    /// or-ing `orders` (bit `n - 1` for a word n-gram; none when nil).
    /// - Complexity: O(n) expected; no allocation once the buffers have grown to the largest record.
    ///
    /// With `idf` (and its `idfMask`), each new term's IDF is loaded as the term is first seen: those loads are
    /// independent of the probing, so their cache misses overlap with it instead of stalling a later pass.
    public mutating func aggregate(_ terms: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Float>?,
                                   orders: UnsafeBufferPointer<UInt8>?, idf: UnsafePointer<Float>? = nil, idfMask: UInt32 = 0) {
        let n = terms.count
        var size = 16
        while size < n * 2 { size <<= 1 }
        if size > slots.count { slots = [UInt64](repeating: 0, count: size); generation = 0 }
        // Only the first `size` slots: a sentence after an article must not spread its few terms over the
        // article-sized table (a cache miss per term). Slots past `size` keep older stamps, never read now.
        mask = size - 1
        nextGeneration()
        reserve(n)
        let stamp = generation << 32
        var used = 0
        storage.withUnsafeMutableBufferPointer { e in
            slots.withUnsafeMutableBufferPointer { sl in
                for i in 0..<n {
                    // The IDF and the home slot of a term a few places on, asked for now (a large table misses the
                    // cache, and so do the slots of a long text's table).
                    if i + TermTable.prefetchDistance < n {
                        let ahead = terms[i + TermTable.prefetchDistance]
                        if let idf { slant_prefetch(idf + Int(ahead & idfMask)) }
                        slant_prefetch(sl.baseAddress! + TermTable.slot(ahead, mask))
                    }
                    let t = terms[i]
                    let w = weights?[i] ?? 1
                    let o: UInt8 = orders.map { 1 << ($0[i] &- 1) } ?? 0
                    var j = TermTable.slot(t, mask)
                    while true {
                        let s = sl[j]
                        if s & 0xFFFF_FFFF_0000_0000 != stamp {
                            sl[j] = stamp | UInt64(used)
                            e[used] = TermEntry(term: t, value: w, idf: idf.map { $0[Int(t & idfMask)] } ?? 1, first: Int32(i), orders: o)
                            used += 1
                            break
                        }
                        let k = Int(s & 0xFFFF_FFFF)
                        if e[k].term == t { e[k].value += w; e[k].orders |= o; break }
                        j = (j + 1) & mask
                    }
                }
            }
        }
        self.used = used
    }

    /// Replaces the contents with `source`: the entries another table's `aggregate` made from the same terms
    /// (raw summed weights, before any TF-IDF), each entry's IDF reloaded from `idf` (1 without one), exactly as
    /// `aggregate` of those terms with this `idf` would give. `find` finds nothing afterwards: only for tables
    /// that are not searched (the pair features search theirs).
    /// - Complexity: O(entries), a copy and one IDF load per entry, no probing.
    mutating func assign(_ source: [TermEntry], idf: UnsafePointer<Float>?, idfMask: UInt32) {
        nextGeneration()
        reserve(source.count)
        used = source.count
        source.withUnsafeBufferPointer { src in
            withMutableEntries { e in
                for k in 0..<e.count {
                    if let idf, k + TermTable.prefetchDistance < e.count { slant_prefetch(idf + Int(src[k + TermTable.prefetchDistance].term & idfMask)) }
                    e[k] = src[k]; e[k].idf = idf.map { $0[Int(src[k].term & idfMask)] } ?? 1
                }
            }
        }
    }

    /// The index of `term`'s entry, or nil.
    @inline(__always)
    public func find(_ term: UInt32) -> Int? {
        guard !slots.isEmpty else { return nil }
        let stamp = generation << 32
        var j = TermTable.slot(term, mask)
        while true {
            let s = slots[j]
            if s & 0xFFFF_FFFF_0000_0000 != stamp { return nil }
            let k = Int(s & 0xFFFF_FFFF)
            if storage[k].term == term { return k }
            j = (j + 1) & mask
        }
    }
}

/// A growable open-addressing map from 64-bit keys (word and name hashes) to small indices, for per-article
/// tables that are looked up once per candidate name: the standard library's `Dictionary` hashes every look-up
/// with SipHash. Kept at most half full; slots as `KeySet64`'s.
struct IndexMap64: Sendable {
    private var keys: [UInt64] = []
    /// Index + 1; 0 is an empty slot.
    private var values: [Int32] = []
    private var mask = -1
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size); values = [Int32](repeating: 0, count: size); mask = size - 1
    }

    subscript(_ key: UInt64) -> Int? {
        get {
            var i = KeySet64.slot(key, mask)
            while values[i] != 0 {
                if keys[i] == key { return Int(values[i]) - 1 }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            guard let v = newValue else { preconditionFailure("IndexMap64 does not remove keys") }
            if (count + 1) * 2 > mask + 1 { grow() }
            var i = KeySet64.slot(key, mask)
            while values[i] != 0 {
                if keys[i] == key { values[i] = Int32(v + 1); return }
                i = (i + 1) & mask
            }
            keys[i] = key; values[i] = Int32(v + 1); count += 1
        }
    }

    private mutating func grow() {
        let old = (keys, values)
        keys = [UInt64](repeating: 0, count: (mask + 1) * 2); values = [Int32](repeating: 0, count: (mask + 1) * 2)
        mask = keys.count - 1; count = 0
        for i in old.0.indices where old.1[i] != 0 { self[old.0[i]] = Int(old.1[i]) - 1 }
    }
}

