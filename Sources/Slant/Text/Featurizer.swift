import Foundation

/// Per-thread scratch state for featurizing: token buffers and term lists reused across records so that the
/// hot path does not allocate. Keep one per thread; the `Featurizer` itself is read-only and shared.
public struct FeatureScratch {
    var text = TokenBuffer()
    var title = TokenBuffer()
    var target = TokenBuffer()
    var terms: [UInt32] = []
    /// Per term: its weight (1 except in the context namespace); kept empty when every weight is 1.
    var weights: [Float] = []
    /// Per term: the word n-gram order (filled by `ngrams` only; empty otherwise).
    var orders: [UInt8] = []
    var names: [String] = []
    /// Aggregated terms (TF-IDF values) per namespace slot, in first-seen order; read by the pair features.
    var tables: [TermTable] = Array(repeating: TermTable(), count: Namespace.allCases.count + 1)
    /// Which slots of `tables` hold the current record's terms.
    var filled: [Bool] = Array(repeating: false, count: Namespace.allCases.count + 1)
    var setA = ScratchSet()
    var radix: [UInt64] = []
    var radixCounts: [Int] = []
    var setB = ScratchSet()
    var marked: [Bool] = []
    var outVal: [Float] = []
    var outKeys: [UInt64] = []
    var pending: [UInt64] = []
    public init() {}
}

/// Receives a record's features as they are produced: a signed value in a hash bucket. The same bucket may
/// come more than once (hash collisions across namespaces); each receiver decides how to merge.
protocol FeatureEmitter {
    mutating func emit(_ bucket: UInt32, _ value: Float)
}

/// Collects features for a `SparseVector` (merged and sorted by bucket afterwards).
struct VectorEmitter: FeatureEmitter {
    var keys: [UInt64]
    var values: [Float]
    @inline(__always) mutating func emit(_ bucket: UInt32, _ value: Float) {
        keys.append(UInt64(bucket) << 32 | UInt64(values.count))
        values.append(value)
    }
}

/// A head that reads a feature set, as the scoring fast path sees it: its weight rows and where its logits go.
struct HeadView {
    let weights: UnsafePointer<Float>
    let labels: Int
    let mask: Int
    /// Offset of this head's logits in the shared logit buffer.
    let offset: Int
    init(weights: UnsafePointer<Float>, labels: Int, mask: Int, offset: Int) {
        self.weights = weights; self.labels = labels; self.mask = mask; self.offset = offset
    }
}

/// Adds each feature straight into the logits of the heads that read it. A linear score is additive, so
/// duplicate buckets need no merging and no sparse vector is built: scoring skips the sort entirely.
///
/// The features are buffered and applied in two passes: the first only loads each weight row (independent
/// loads, so many cache misses are in flight at once), the second does the arithmetic on rows now in cache.
struct ScoreEmitter: FeatureEmitter {
    let heads: UnsafeBufferPointer<HeadView>
    let logits: UnsafeMutablePointer<Float>
    var pending: [UInt64]
    @inline(__always) mutating func emit(_ bucket: UInt32, _ value: Float) {
        pending.append(UInt64(bucket) << 32 | UInt64(value.bitPattern))
    }

    mutating func flush() {
        pending.withUnsafeBufferPointer { f in
            for h in heads {
                var touch: Float = 0
                for p in f { touch += h.weights[(Int(p >> 32) & h.mask) &* h.labels] }
                let out = logits + h.offset
                for p in f {
                    let row = h.weights + (Int(p >> 32) & h.mask) &* h.labels
                    let value = Float(bitPattern: UInt32(truncatingIfNeeded: p))
                    for k in 0..<h.labels { out[k] += value * row[k] }
                }
                prefetched(touch)
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}

/// Turns records into sparse vectors according to a `FeatureSpec` and fitted IDF weights.
///
/// The pipeline per namespace: tokens → n-gram term hashes (`Murmur3`) → term frequencies → sublinear TF × IDF
/// → L2 normalisation of the namespace's block → signed feature hashing into `2^bits` buckets.
public final class Featurizer: Sendable {
    public let spec: FeatureSpec
    /// IDF per term bucket (`term & mask`), empty when IDF is off or not fitted yet.
    public let idf: FloatTable
    let tokenizer = Tokenizer()
    let seeds: [UInt32]
    let interactions: [(name: String, a: Namespace, b: Namespace, seed: UInt32)]
    let valence: HashMap32<Float>
    /// `spec.mask`, kept out of the hot loops.
    let mask: UInt32

    public convenience init(spec: FeatureSpec, idf: [Float] = []) {
        self.init(spec: spec, idf: FloatTable(idf))
    }

    /// - Precondition: `idf` is empty or has one entry per bucket (`spec.buckets`): the hot loops index it by
    ///   `term & mask` without bounds checks. `ModelFile` refuses files that break this before building one.
    public init(spec: FeatureSpec, idf: FloatTable) {
        precondition(idf.isEmpty || idf.count == spec.buckets,
                     "IDF table of \(idf.count) entries for a feature set of \(spec.buckets) buckets")
        self.spec = spec
        self.idf = idf
        self.mask = spec.mask
        self.seeds = Namespace.allCases.map { $0.seed }
        self.interactions = spec.interactions.compactMap { i in
            FeatureSpec.parseInteraction(i).map { (i, $0.0, $0.1, Murmur3.hash(i, seed: 0)) }
        }
        self.valence = HashMap32(spec.lexicon.sorted { $0.key < $1.key }.map { (Murmur3.hash($0.key), $0.value) })
    }

    // MARK: IDF fitting

    /// Fits smoothed IDF (`ln((1 + n) / (1 + df)) + 1`, as scikit-learn) over the records' terms, in parallel
    /// over `threads` (document frequencies are integer counts, so the result does not depend on the split).
    /// - Complexity: O(total tokens × n-gram order).
    public static func fitIDF(spec: FeatureSpec, records: [Record], threads: Int = 1) -> [Float] {
        let t = max(1, min(threads, records.count))
        let f = Featurizer(spec: spec)
        let parts = Parallel.collect(t) { c -> [Int32] in
            var df = [Int32](repeating: 0, count: spec.buckets)
            var scratch = FeatureScratch()
            var seen = ScratchSet()
            for i in (records.count * c / t)..<(records.count * (c + 1) / t) {
                let r = records[i]
                f.tokenizeAll(r, &scratch)
                seen.reset(capacity: 4 * (scratch.text.tokens.count + scratch.title.tokens.count + scratch.target.tokens.count) + 64)
                for ns in spec.namespaces where ns != .pair && ns != .lexicon {
                    f.beginCollect(&scratch)
                    f.collect(ns, r, &scratch, explain: false)
                    for term in scratch.terms {
                        let b = term & f.mask
                        if seen.insert(b) { df[Int(b)] += 1 }
                    }
                }
            }
            return df
        }
        var df = parts[0]
        for p in parts.dropFirst() { for i in df.indices { df[i] += p[i] } }
        let n = Float(records.count)
        return df.map { log((1 + n) / (1 + Float($0))) + 1 }
    }

    // MARK: featurizing

    func tokenizeAll(_ r: Record, _ s: inout FeatureScratch) {
        let ns = spec.namespaces
        if ns.contains(.text) || ns.contains(.context) || ns.contains(.pair) || ns.contains(.chars) || ns.contains(.lexicon) || !interactions.isEmpty {
            tokenizer.tokenize(r.text, into: &s.text)
            if spec.negation { Negation.mark(&s.text) }
        } else { s.text.removeAll() }
        if let t = r.title, ns.contains(.title) || ns.contains(.pair) || ns.contains(.lexicon) || !interactions.isEmpty {
            tokenizer.tokenize(t, into: &s.title)
            if spec.negation { Negation.mark(&s.title) }
        } else { s.title.removeAll() }
        if let t = r.target, ns.contains(.target) || ns.contains(.context) || ns.contains(.pair) || ns.contains(.lexicon) || !interactions.isEmpty {
            tokenizer.tokenize(t, into: &s.target)
        } else { s.target.removeAll() }
    }

    /// Clears the term list before a namespace is collected.
    @inline(__always)
    func beginCollect(_ s: inout FeatureScratch) {
        s.terms.removeAll(keepingCapacity: true); s.weights.removeAll(keepingCapacity: true)
        s.orders.removeAll(keepingCapacity: true); s.names.removeAll(keepingCapacity: true)
    }

    /// Appends the word n-gram terms of `buf` (all tokens, or those with a weight > 0 in `tokenWeight`), with
    /// their orders. `s.weights` stays empty while every weight is 1.
    /// - Complexity: O(tokens × maxN); the common case (no weights, no names) writes through pointers.
    @inline(__always)
    func ngrams(_ buf: TokenBuffer, maxN: Int, tokenWeight: [Float]?, prefix: String, explain: Bool,
                _ s: inout FeatureScratch) {
        let count = buf.hashes.count
        guard count > 0, maxN > 0 else { return }
        var terms: [UInt32] = [], orders: [UInt8] = []
        swap(&terms, &s.terms); swap(&orders, &s.orders)
        defer { swap(&terms, &s.terms); swap(&orders, &s.orders) }
        if tokenWeight == nil && !explain && s.weights.isEmpty {
            let base = terms.count, cap = count * maxN
            terms.append(contentsOf: repeatElement(0, count: cap))
            orders.append(contentsOf: repeatElement(0, count: cap))
            var k = base
            buf.hashes.withUnsafeBufferPointer { h in
                terms.withUnsafeMutableBufferPointer { t in
                    orders.withUnsafeMutableBufferPointer { o in
                        for i in 0..<count {
                            for n in 1...min(maxN, count - i) {
                                t[k] = Murmur3.hash(words: UnsafeBufferPointer(rebasing: h[i..<(i + n)]), seed: UInt32(n))
                                o[k] = UInt8(n)
                                k += 1
                            }
                        }
                    }
                }
            }
            terms.removeLast(base + cap - k); orders.removeLast(base + cap - k)
            return
        }
        if s.weights.count < terms.count { s.weights.append(contentsOf: repeatElement(1, count: terms.count - s.weights.count)) }
        buf.hashes.withUnsafeBufferPointer { h in
            for i in 0..<count {
                for n in 1...maxN where i + n <= count {
                    var w: Float = 1
                    if let tw = tokenWeight {
                        var m: Float = 0
                        for k in i..<(i + n) { if tw[k] <= 0 { m = 0; break }; m = max(m, tw[k]) }
                        if m <= 0 { continue }
                        w = m
                    }
                    terms.append(Murmur3.hash(words: UnsafeBufferPointer(rebasing: h[i..<(i + n)]), seed: UInt32(n)))
                    orders.append(UInt8(n))
                    s.weights.append(w)
                    if explain { s.names.append(prefix + (i..<(i + n)).map { buf.string($0) }.joined(separator: " ")) }
                }
            }
        }
    }

    /// Collects the raw terms (before TF-IDF) of one namespace into `s.terms` / `s.weights`.
    func collect(_ ns: Namespace, _ r: Record, _ s: inout FeatureScratch, explain: Bool) {
        switch ns {
        case .text: ngrams(s.text, maxN: spec.wordNgrams, tokenWeight: nil, prefix: "text:", explain: explain, &s)
        case .title: ngrams(s.title, maxN: spec.wordNgrams, tokenWeight: nil, prefix: "title:", explain: explain, &s)
        case .target: ngrams(s.target, maxN: spec.wordNgrams, tokenWeight: nil, prefix: "target:", explain: explain, &s)
        case .context:
            guard let w = contextWeights(r, &s) else { return }
            ngrams(s.text, maxN: min(2, spec.wordNgrams), tokenWeight: w, prefix: "context:", explain: explain, &s)
        case .chars:
            guard spec.charNgramMax > 0 else { return }
            charNgrams(s.text, explain: explain, &s)
        case .pair, .lexicon: return
        }
    }

    /// Weight per text token for the context namespace: 1 within the window around a mention, 0 elsewhere and
    /// on the mention itself. Nil when the record has no target mention in its text.
    func contextWeights(_ r: Record, _ s: inout FeatureScratch) -> [Float]? {
        let n = s.text.tokens.count
        guard n > 0 else { return nil }
        s.marked.removeAll(keepingCapacity: true)
        s.marked.append(contentsOf: repeatElement(false, count: n))
        var any = false
        if !r.spans.isEmpty {
            // Tokens and spans both in text order: one sweep, O((tokens + spans) log spans), not tokens × spans
            // (100,000 spans took 32 s the old way).
            let spans = r.spans.sorted { $0.start < $1.start }
            var j = 0, reach = Int.min
            for (i, t) in s.text.tokens.enumerated() {
                let o = Int(t.scalarOffset)
                while j < spans.count && spans[j].start <= o { reach = max(reach, spans[j].end); j += 1 }
                if o < reach { s.marked[i] = true; any = true }
            }
        } else if !s.target.hashes.isEmpty {
            let targetTokens = Set(s.target.tokens.indices.filter { s.target.tokens[$0].end - s.target.tokens[$0].start >= 3 }.map { s.target.hashes[$0] })
            for i in 0..<n where targetTokens.contains(s.text.hashes[i]) { s.marked[i] = true; any = true }
        }
        guard any else { return nil }
        let k = spec.contextWindow
        var w = [Float](repeating: 0, count: n)
        func weight(_ d: Int) -> Float { spec.contextDecay ? 1 - Float(d - 1) / Float(k) : 1 }
        var last = -1_000_000
        for i in 0..<n {
            if s.marked[i] { last = i; continue }
            if i - last <= k { w[i] = max(w[i], weight(i - last)) }
        }
        last = 1_000_000
        for i in stride(from: n - 1, through: 0, by: -1) {
            if s.marked[i] { last = i; continue }
            if last - i <= k { w[i] = max(w[i], weight(last - i)) }
        }
        return w
    }

    func charNgrams(_ buf: TokenBuffer, explain: Bool, _ s: inout FeatureScratch) {
        var word: [UInt8] = []
        var starts: [Int] = []
        for ti in 0..<buf.tokens.count {
            let t = buf.tokens[ti]
            word.removeAll(keepingCapacity: true); starts.removeAll(keepingCapacity: true)
            word.append(0x3C)
            starts.append(0)
            for b in buf.bytes[Int(t.start)..<Int(t.end)] {
                if b & 0xC0 != 0x80 { starts.append(word.count) }
                word.append(b)
            }
            starts.append(word.count); word.append(0x3E)
            starts.append(word.count)
            let chars = starts.count - 1
            word.withUnsafeBytes { raw in
                for n in spec.charNgramMin...spec.charNgramMax where n <= chars {
                    for i in 0...(chars - n) {
                        let sub = UnsafeRawBufferPointer(rebasing: raw[starts[i]..<starts[i + n]])
                        s.terms.append(Murmur3.hash(sub, seed: 0x100 + UInt32(n)))
                        if explain { s.names.append("chars:" + String(decoding: sub, as: UTF8.self)) }
                    }
                }
            }
        }
    }

    /// Aggregates `s.terms` into distinct terms with TF-IDF values (L2-normalised when the spec says so) in
    /// `s.tables[slot]`, in first-seen order.
    /// - Complexity: O(terms) expected.
    func aggregate(slot: Int, _ s: inout FeatureScratch, idfAllowed: Bool = true) {
        var table = TermTable()
        swap(&table, &s.tables[slot])
        let useIDF = spec.useIDF && !idf.isEmpty && idfAllowed
        let sublinear = spec.sublinearTF, normalize = spec.normalize, mask = self.mask
        idf.withUnsafeBufferPointer { idf in
            s.terms.withUnsafeBufferPointer { t in
                s.weights.withUnsafeBufferPointer { w in
                    s.orders.withUnsafeBufferPointer { o in
                        table.aggregate(t, weights: w.count == t.count ? w : nil, orders: o.count == t.count ? o : nil,
                                        idf: useIDF ? idf.baseAddress : nil, idfMask: mask)
                    }
                }
            }
            table.entries.withUnsafeMutableBufferPointer { e in
                var norm: Float = 0
                for k in 0..<e.count {
                    let tf = e[k].value
                    var v = sublinear && tf >= 1 ? (tf == 1 ? 1 : 1 + log(tf)) : tf
                    if useIDF { v *= e[k].idf }
                    e[k].value = v
                    norm += v * v
                }
                if normalize && norm > 0 {
                    let inv = 1 / norm.squareRoot()
                    for k in 0..<e.count { e[k].value *= inv }
                }
            }
        }
        swap(&table, &s.tables[slot])
        s.filled[slot] = true
    }

    /// Featurizes one record.
    /// - Parameters:
    ///   - names: when non-nil, receives a readable name for every bucket the vector uses (for `--explain`).
    /// - Complexity: O(tokens × n-gram order) to extract, plus a radix sort of the non-zeros to merge them.
    public func featurize(_ r: Record, scratch s: inout FeatureScratch, names: UnsafeMutablePointer<[Int32: String]>? = nil) -> SparseVector {
        var e = VectorEmitter(keys: [], values: [])
        swap(&e.keys, &s.outKeys); swap(&e.values, &s.outVal)
        e.keys.removeAll(keepingCapacity: true); e.values.removeAll(keepingCapacity: true)
        extract(r, &s, names: names, &e)
        // Sort by bucket and merge collisions.
        RadixSort.sortByHigh32(&e.keys, scratch: &s.radix, counts: &s.radixCounts)
        var out = SparseVector()
        out.indices.reserveCapacity(e.keys.count); out.values.reserveCapacity(e.keys.count)
        for key in e.keys {
            let b = Int32(bitPattern: UInt32(key >> 32))
            let v = e.values[Int(key & 0xFFFF_FFFF)]
            if let last = out.indices.last, last == b { out.values[out.values.count - 1] += v } else {
                out.indices.append(b); out.values.append(v)
            }
        }
        swap(&e.keys, &s.outKeys); swap(&e.values, &s.outVal)
        return out
    }

    /// Featurizes one record straight into the logits of `heads` (which must read this feature set): the
    /// scoring fast path, with no sparse vector, sort or merge. `logits` is added to, not overwritten.
    /// - Complexity: O(tokens × n-gram order + non-zeros × labels).
    func score(_ r: Record, scratch s: inout FeatureScratch, heads: UnsafeBufferPointer<HeadView>,
                      logits: UnsafeMutablePointer<Float>) {
        var e = ScoreEmitter(heads: heads, logits: logits, pending: [])
        swap(&e.pending, &s.pending)
        e.pending.removeAll(keepingCapacity: true)
        extract(r, &s, names: nil, &e)
        e.flush()
        swap(&e.pending, &s.pending)
    }

    /// The one extraction pipeline behind `featurize` and `score`.
    func extract<E: FeatureEmitter>(_ r: Record, _ s: inout FeatureScratch, names: UnsafeMutablePointer<[Int32: String]>?, _ e: inout E) {
        let explain = names != nil
        tokenizeAll(r, &s)
        for k in s.filled.indices { s.filled[k] = false }
        var emitBuffer: [(UInt32, Float, String?)] = []
        let mask = self.mask
        @inline(__always) func emit(_ featureHash: UInt32, _ v: Float, _ name: String?) {
            let bucket = featureHash & mask
            e.emit(bucket, featureHash >> 31 == 1 ? -v : v)
            if let name, let names { names.pointee[Int32(bitPattern: bucket), default: name] = name }
        }
        for ns in spec.namespaces where ns != .pair && ns != .lexicon {
            beginCollect(&s)
            collect(ns, r, &s, explain: explain)
            let slot = ns.slot
            aggregate(slot: slot, &s)
            let seed = seeds[slot]
            let w = spec.weight(ns)
            s.tables[slot].entries.withUnsafeBufferPointer { en in
                for k in 0..<en.count {
                    emit(Murmur3.feature(en[k].term, namespace: seed), en[k].value * w, explain ? s.names[Int(en[k].first)] : nil)
                }
            }
        }
        if !interactions.isEmpty { interactionFeatures(r, &s, explain: explain, emit: &emitBuffer) }
        if spec.namespaces.contains(.lexicon) { lexiconFeatures(r, &s, explain: explain, emit: &emitBuffer) }
        for (h, v, name) in emitBuffer { emit(h, v, name) }
        if spec.namespaces.contains(.pair) {
            let w = spec.weight(.pair)
            for (h, v, name) in pairFeatures(r, &s, explain: explain) { emit(h, v * w, name) }
        }
    }

    // MARK: interactions and lexicon

    /// Distinct unigram hashes of a namespace's words (context: the words near the target).
    func unigrams(_ ns: Namespace, _ r: Record, _ s: inout FeatureScratch, limit: Int) -> [(UInt32, Int)] {
        var out: [(UInt32, Int)] = []
        var seen = Set<UInt32>()
        func add(_ buf: TokenBuffer, _ i: Int) {
            if out.count < limit, seen.insert(buf.hashes[i]).inserted { out.append((buf.hashes[i], i)) }
        }
        switch ns {
        case .title: for i in s.title.hashes.indices { add(s.title, i) }
        case .target: for i in s.target.hashes.indices { add(s.target, i) }
        case .text: for i in s.text.hashes.indices { add(s.text, i) }
        case .context:
            if let w = contextWeights(r, &s) { for i in s.text.hashes.indices where w[i] > 0 { add(s.text, i) } }
        default: break
        }
        return out
    }

    func interactionFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool, emit: inout [(UInt32, Float, String?)]) {
        let slot = Namespace.allCases.count
        for inter in interactions {
            let a = unigrams(inter.a, r, &s, limit: 64)
            let b = unigrams(inter.b, r, &s, limit: 512)
            guard !a.isEmpty, !b.isEmpty else { continue }
            beginCollect(&s)
            let bufA = inter.a == .title ? s.title : inter.a == .target ? s.target : s.text
            let bufB = inter.b == .title ? s.title : inter.b == .target ? s.target : s.text
            for (ha, ia) in a {
                for (hb, ib) in b where !(inter.a == inter.b && ha == hb) {
                    s.terms.append(Murmur3.fmix32(Murmur3.mixBlock(Murmur3.mixBlock(0x51, ha), hb)))
                    if explain { s.names.append("\(inter.name):\(bufA.string(ia)) × \(bufB.string(ib))") }
                }
            }
            aggregate(slot: slot, &s, idfAllowed: false)
            for en in s.tables[slot].entries {
                emit.append((Murmur3.feature(en.term, namespace: inter.seed), en.value, explain ? s.names[Int(en.first)] : nil))
            }
        }
    }

    /// Valence sums with VADER's negation rule (a negated word's valence is multiplied by −0.74).
    func lexiconFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool, emit: inout [(UInt32, Float, String?)]) {
        let seed = Namespace.lexicon.seed
        let w = spec.weight(.lexicon)
        func indicator(_ name: String, _ v: Float) {
            emit.append((Murmur3.feature(Murmur3.hash(name, seed: 0), namespace: seed), v * w, explain ? "lexicon:" + name : nil))
        }
        func sums(_ buf: TokenBuffer, weights: [Float]?) -> (pos: Float, neg: Float) {
            var pos: Float = 0, neg: Float = 0
            let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
            for i in raw.indices {
                guard var v = valence[raw[i]] else { continue }
                if i < buf.negated.count && buf.negated[i] { v *= -0.74 }
                let wt = weights?[i] ?? 1
                if wt <= 0 { continue }
                if v > 0 { pos += v * wt } else { neg -= v * wt }
            }
            return (pos, neg)
        }
        func add(_ place: String, _ p: (pos: Float, neg: Float)) {
            if p.pos > 0 { indicator("\(place)_pos", log(1 + p.pos / 2)) }
            if p.neg > 0 { indicator("\(place)_neg", log(1 + p.neg / 2)) }
            let net = p.pos - p.neg
            let bin = net <= -4 ? 0 : net <= -1.5 ? 1 : net < -0.01 ? 2 : net <= 0.01 ? 3 : net < 1.5 ? 4 : net < 4 ? 5 : 6
            indicator("\(place)_net_\(bin)", 1)
        }
        if !s.text.hashes.isEmpty { add("text", sums(s.text, weights: nil)) }
        if !s.title.hashes.isEmpty { add("title", sums(s.title, weights: nil)) }
        if let cw = contextWeights(r, &s) { add("context", sums(s.text, weights: cw)) }
    }

    // MARK: pair features

    /// Cosine of two aggregated term tables.
    /// - Complexity: O(|a| + |b|) expected.
    static func cosine(_ a: TermTable, _ b: TermTable) -> Float {
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for e in a.entries {
            na += e.value * e.value
            if let j = b.find(e.term) { dot += e.value * b.entries[j].value }
        }
        for e in b.entries { nb += e.value * e.value }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }

    /// The IDF-weighted fraction of `a`'s distinct n-grams (n fixed) that also occur in `b` (in its first
    /// `limit` tokens), and how many distinct shared n-grams have an IDF of at least 3 (content words).
    /// - Complexity: O(|a| + |b|) with the scratch sets; no allocation once they have grown.
    /// When `bTable` holds `b`'s aggregated word n-grams (the text namespace, with orders), it is used as
    /// `b`'s set instead of hashing `b` again.
    func overlap(_ a: TokenBuffer, _ b: TokenBuffer, n: Int, limit: Int = .max, bTable: TermTable? = nil,
                 _ s: inout FeatureScratch) -> (fraction: Float, content: Int)? {
        guard a.hashes.count >= n, b.hashes.count >= n else { return nil }
        let end = min(b.hashes.count, limit)
        guard end >= n else { return nil }
        let table = limit >= b.hashes.count ? bTable : nil
        let bit = UInt8(1) << UInt8(n - 1)
        if table == nil {
            s.setB.reset(capacity: end)
            b.hashes.withUnsafeBufferPointer { h in
                for i in 0...(end - n) { s.setB.insert(Murmur3.hash(words: UnsafeBufferPointer(rebasing: h[i..<(i + n)]), seed: UInt32(n))) }
            }
        }
        s.setA.reset(capacity: a.hashes.count)
        var shared: Float = 0, total: Float = 0, content = 0
        a.hashes.withUnsafeBufferPointer { h in
            for i in 0...(h.count - n) {
                let g = Murmur3.hash(words: UnsafeBufferPointer(rebasing: h[i..<(i + n)]), seed: UInt32(n))
                guard s.setA.insert(g) else { continue }
                let w = idf.isEmpty ? 1 : idf[Int(g & spec.mask)]
                total += w
                let inB = table.map { t in t.find(g).map { t.entries[$0].orders & bit != 0 } ?? false } ?? s.setB.contains(g)
                if inB { shared += w; if idf.isEmpty || w >= 3 { content += 1 } }
            }
        }
        return (total > 0 ? shared / total : 0, content)
    }

    func pairFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool) -> [(UInt32, Float, String?)] {
        let seed = Namespace.pair.seed
        var out: [(UInt32, Float, String?)] = []
        func indicator(_ name: String, _ v: Float = 1) {
            out.append((Murmur3.feature(Murmur3.hash(name, seed: 0), namespace: seed), v, explain ? "pair:" + name : nil))
        }
        func bin(_ v: Float, _ bins: Int) -> Int { min(bins - 1, max(0, Int(v * Float(bins)))) }
        /// A similarity in [0, 1]: its value, and one indicator per bin (a piecewise-constant response).
        func dense(_ name: String, _ v: Float) {
            indicator(name, v)
            indicator(name + "_b\(bin(v, 20))/20")
        }
        let textSlot = Namespace.text.slot
        guard !s.text.hashes.isEmpty else { return out }
        // The text's aggregated n-grams double as its n-gram sets (orders 1 and 2) when the text namespace ran.
        let textTable: TermTable? = s.filled[textSlot] ? s.tables[textSlot] : nil
        func table(_ n: Int) -> TermTable? { spec.wordNgrams >= n ? textTable : nil }
        var titleSimilarity: Float? = nil
        for (prefix, buf, ns) in [("title", s.title, Namespace.title), ("target", s.target, Namespace.target)] where !buf.hashes.isEmpty {
            let slot = ns.slot
            var cos: Float = 0
            if spec.namespaces.contains(ns) && spec.namespaces.contains(.text) {
                cos = Featurizer.cosine(s.tables[slot], s.tables[textSlot])
                dense(prefix + "_cos", cos)
            }
            let u = overlap(buf, s.text, n: 1, bTable: table(1), &s) ?? (0, 0)
            let o1 = u.fraction
            dense(prefix + "_overlap1", o1)
            indicator(prefix + "_shared_content_\(min(u.content, 6))")
            if let o2 = overlap(buf, s.text, n: 2, bTable: table(2), &s) { dense(prefix + "_overlap2", o2.fraction); indicator(prefix + "_shared_bigrams_\(min(o2.content, 4))") }
            // The lede (first 60 words) restates the headline of a related article.
            if let lede = overlap(buf, s.text, n: 1, limit: 60, &s) { dense(prefix + "_lede1", lede.fraction) }
            // A coarse grid of cosine × overlap: an interaction a linear model cannot form by itself.
            indicator(prefix + "_grid_\(bin(cos, 5))_\(bin(o1, 5))")
            if prefix == "title" { titleSimilarity = max(cos, o1) }
        }
        if spec.cues { cueFeatures(&s, similarity: titleSimilarity, indicator: indicator) }
        return out
    }

    /// Cue-word counts per group and place, and crossed with the title–text similarity level.
    func cueFeatures(_ s: inout FeatureScratch, similarity: Float?, indicator: (String, Float) -> Void) {
        for (place, buf) in [("title", s.title), ("text", s.text)] where !buf.hashes.isEmpty {
            var counts = [Int](repeating: 0, count: Cues.groups.count)
            for h in buf.hashes { if let g = Cues.group[h] { counts[g] += 1 } }
            for (g, c) in counts.enumerated() where c > 0 {
                let name = "cue_\(Cues.groups[g].name)_\(place)"
                indicator(name, log(1 + Float(c)))
                if let sim = similarity {
                    let level = sim < 0.1 ? 0 : sim < 0.3 ? 1 : 2
                    indicator(name + "_sim\(level)", log(1 + Float(c)))
                }
            }
        }
    }
}

/// Negation scope marking: a token after a negator, up to the next clause punctuation, gets a distinct hash.
enum Negation {
    static let negators = HashMap32(["not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "nowhere",
                                     "cannot", "without", "hardly", "barely", "scarcely"].map { (Murmur3.hash($0), true) })
    /// The constant mixed into a negated token's hash (frozen).
    static let salt: UInt32 = 0x4E45_4721

    /// - Complexity: O(tokens), through pointers (one table look-up per token).
    static func mark(_ buf: inout TokenBuffer) {
        let n = buf.tokens.count
        var negated = buf.negated, raw = buf.rawHashes, hashes = buf.hashes
        buf.negated = []; buf.rawHashes = []; buf.hashes = []
        negated.removeAll(keepingCapacity: true)
        negated.append(contentsOf: repeatElement(false, count: n))
        raw.removeAll(keepingCapacity: true)
        raw.append(contentsOf: hashes)
        var scope = false
        buf.tokens.withUnsafeBufferPointer { toks in
            buf.bytes.withUnsafeBufferPointer { bytes in
                hashes.withUnsafeMutableBufferPointer { h in
                    negated.withUnsafeMutableBufferPointer { neg in
                        for i in 0..<n {
                            let t = toks[i]
                            if t.afterBoundary { scope = false }
                            var negator = negators[h[i]] != nil
                            if !negator, t.end - t.start >= 4 {
                                let e = Int(t.end)
                                negator = bytes[e - 3] == 0x6E && bytes[e - 2] == 0x27 && bytes[e - 1] == 0x74  // "n't"
                            }
                            if scope && !negator { neg[i] = true; h[i] = Murmur3.fmix32(h[i] ^ salt) }
                            if negator { scope = true }
                        }
                    }
                }
            }
        }
        buf.negated = negated; buf.rawHashes = raw; buf.hashes = hashes
    }
}

/// Cue-word groups for stance toward a headline (after the FNC-1 baseline's refuting words and hedging studies).
enum Cues {
    static let groups: [(name: String, words: [String])] = [
        ("refute", ["fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "debunk", "debunked",
                    "bogus", "prank", "pranks", "retract", "retracted", "refute", "refuted", "refutes", "untrue",
                    "misleading", "fabricated", "satire", "satirical", "incorrect", "wrong", "dismissed", "doubt",
                    "doubts", "despite", "nope", "not", "never", "no"]),
        ("hedge", ["reportedly", "allegedly", "alleged", "claims", "claimed", "claim", "may", "might", "could",
                   "possibly", "rumor", "rumors", "rumour", "rumours", "unconfirmed", "apparently", "purportedly",
                   "suggests", "believed", "speculation", "unclear", "unverified", "appears", "seems", "if"]),
        ("support", ["confirmed", "confirms", "confirm", "officially", "announced", "revealed", "shows", "proof",
                     "evidence", "verified", "admitted", "acknowledged"]),
    ]
    static let group: HashMap32<Int> = HashMap32(groups.enumerated().flatMap { g, e in e.words.map { (Murmur3.hash($0), g) } })
}

extension Namespace {
    /// The namespace's index in `Namespace.allCases` (its scratch slot).
    @inline(__always) var slot: Int {
        switch self {
        case .text: return 0
        case .title: return 1
        case .target: return 2
        case .context: return 3
        case .pair: return 4
        case .chars: return 5
        case .lexicon: return 6
        }
    }
}
