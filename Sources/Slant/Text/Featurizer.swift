import Foundation

/// Turns records into sparse vectors according to a `FeatureSpec` and fitted IDF weights.
///
/// The pipeline per namespace: tokens → n-gram term hashes (`Murmur3`) → term frequencies → sublinear TF × IDF
/// → L2 normalisation of the namespace's block → signed feature hashing into `2^bits` buckets.
public final class Featurizer: Sendable {
    public let spec: FeatureSpec
    /// IDF per term bucket (`term & mask`), empty when IDF is off or not fitted yet.
    public let idf: FloatTable
    /// The topic space (`FeatureSpec.topics`): `2^topicBits` rows of `topics` floats, empty when topics are off
    /// or not fitted yet.
    public let topics: FloatTable
    /// The topic features' names and hashes, made once.
    let topicNames: [NamedFeature]
    let tokenizer = Tokenizer()
    let seeds: [UInt32]
    let interactions: [(name: String, a: Namespace, b: Namespace, seed: UInt32)]
    let valence: HashMap32<Float>
    /// `spec.verbFrames` by word-form hash (`frameTable`), for the roles namespace.
    let frames: HashMap32<VerbFrame>
    /// `spec.mask`, kept out of the hot loops.
    let mask: UInt32
    /// The slots of `textOnlyPrefix(spec)`, in order.
    let prefixSlots: [Int]
    /// `spec.weight(ns)` per namespace slot, and which namespaces `spec` has, made once: the spec answers
    /// with a dictionary look-up and an array search, and featurizing asks for every record (for every
    /// sentence–actor pair of the article analysis).
    let namespaceWeights: [Float]
    let has: [Bool]
    /// Whether `readsText`, and whether the title and the target are read (`tokenizeOthers`).
    let readsTextFlag: Bool, readsTitle: Bool, readsTarget: Bool
    /// Whether `scoreTargetPart` stands in for `extract(.rest)` (`leanTargetPart`), and `textPart` for
    /// `extract(.textPrefix)` (`leanTextPart`).
    let leanTargetPart: Bool, leanTextPart: Bool
    /// With per-target copies (`FeatureSpec.perTarget`): the keys (`FeatureHash.named` of the lower-cased
    /// target) of the targets the heads reading this feature set were trained on, when the model knows them
    /// (`HeadScope.targets`); nil while training, or when a head saw more targets than a scope lists.
    ///
    /// A target outside the set gets the shared features alone. It has no weights of its own: its copies would
    /// land in buckets that training filled with other features and other targets' copies (hash collisions),
    /// which adds noise of the size of real weights to every score and doubles the rows read.
    public let knownTargets: Set<UInt32>?
    /// The token hashes of `spec.stopWords`, which the title and text namespaces leave out.
    let stopWords: StopWordSet

    public convenience init(spec: FeatureSpec, idf: [Float] = [], topics: [Float] = []) {
        self.init(spec: spec, idf: FloatTable(idf), topics: FloatTable(topics))
    }

    /// - Precondition: `idf` is empty or has one entry per bucket (`spec.buckets`): the hot loops index it by
    ///   `term & mask` without bounds checks. `ModelFile` refuses files that break this before building one.
    /// - Precondition: `topics` is empty or has `spec.topicBuckets × spec.topics` entries (`ModelFile` checks).
    /// - Parameter knownTargets: the trained targets of a per-target feature set (`Featurizer.knownTargets`).
    public init(spec: FeatureSpec, idf: FloatTable, topics: FloatTable = FloatTable([]), knownTargets: [String]? = nil) {
        precondition(idf.isEmpty || idf.count == spec.buckets,
                     "IDF table of \(idf.count) entries for a feature set of \(spec.buckets) buckets")
        precondition(topics.isEmpty || topics.count == spec.topicBuckets * spec.topics,
                     "topic matrix of \(topics.count) entries for \(spec.topicBuckets) × \(spec.topics)")
        self.spec = spec
        self.idf = idf
        self.topics = topics
        self.topicNames = (0..<(topics.isEmpty ? 0 : spec.topics)).map { NamedFeature("topic_\($0)", .text) }
        self.mask = spec.mask
        self.knownTargets = spec.perTarget ? knownTargets.map { Set($0.map { Featurizer.targetKey($0) }) } : nil
        self.prefixSlots = Featurizer.textOnlyPrefix(spec).map { $0.slot }
        let tokenizer = self.tokenizer
        self.stopWords = StopWordSet(spec.stopWords.compactMap { StopWords.wordHash($0, tokenizer) })
        self.namespaceWeights = Namespace.allCases.map { spec.weight($0) }
        let has = Namespace.allCases.map { spec.namespaces.contains($0) }
        self.has = has
        self.seeds = Namespace.allCases.map { $0.seed }
        self.interactions = spec.interactions.compactMap { i in
            FeatureSpec.parseInteraction(i).map { (i, $0.0, $0.1, Murmur3.hash(i, seed: 0)) }
        }
        let anyInteraction = !self.interactions.isEmpty
        func on(_ n: Namespace) -> Bool { has[n.slot] }
        self.readsTextFlag = on(.text) || on(.context) || on(.pair) || on(.chars) || on(.lexicon) || on(.between) || on(.roles) || anyInteraction
        self.readsTitle = on(.title) || on(.pair) || on(.lexicon) || anyInteraction
        self.readsTarget = on(.target) || on(.context) || on(.pair) || on(.lexicon) || on(.roles) || anyInteraction || spec.maskTarget
        self.leanTargetPart = Featurizer.leanTargetPart(spec, interactions: anyInteraction, topics: !topics.isEmpty)
        self.leanTextPart = Featurizer.leanTextPart(spec)
        self.valence = Featurizer.valenceTable(spec.lexicon)
        self.frames = Featurizer.frameTable(spec.verbFrames)
    }

    /// The lexicon as a table from word hash (`Murmur3`, as tokens are hashed) to valence. Inserted in the order
    /// of (hash, word): two words with the same hash meet in key order, as when sorted by word alone (the later
    /// one's valence is kept), and sorting mostly compares integers instead of strings (a model load sorted
    /// the 7,500-word VADER lexicon by string three times, 27 M instructions).
    /// (Sorted as pairs of hash and index, the words compared only where two hashes are equal: sorting the
    /// entries with their strings moved them, 3 M instructions of a model load.)
    static func valenceTable(_ lexicon: [String: Float]) -> HashMap32<Float> {
        let entries = Array(lexicon)
        var order = entries.indices.map { (hash: Murmur3.hash(entries[$0].key), index: $0) }
        order.sort { $0.hash != $1.hash ? $0.hash < $1.hash : entries[$0.index].key < entries[$1.index].key }
        return HashMap32(order.map { ($0.hash, entries[$0.index].value) })
    }

    // MARK: IDF fitting

    /// Fits smoothed IDF (`ln((1 + n) / (1 + df)) + 1`, as scikit-learn) over the records' terms, in parallel
    /// over `threads` (document frequencies are integer counts, so the result does not depend on the split).
    /// - Complexity: O(total tokens × n-gram order).
    public static func fitIDF(spec: FeatureSpec, records: [Record], threads: Int = 1) -> [Float] {
        idf(documentFrequencies(spec: spec, records: records, threads: threads), documents: records.count,
            dropUnseen: spec.dropUnseen)
    }

    /// Smoothed IDF from document frequencies over `documents` records; with `dropUnseen`, 0 for a bucket no
    /// record used (`FeatureSpec.dropUnseen`).
    ///
    /// Why one would drop them: a term that hashes to an empty bucket is one training never saw. Its weight is
    /// 0 either way, but with an IDF of `ln(1 + n) + 1` (the largest there is) it takes the biggest share of its
    /// namespace's L2 norm and shrinks every known feature's value, so a text full of new words (the many word
    /// 3-grams no training sentence had) is scored as if it said little and drifts toward the bias. A fixed
    /// vocabulary (scikit-learn's `TfidfVectorizer`) drops such terms; this drops those that land in empty
    /// buckets (one that collides with a seen term keeps that bucket's IDF, as hashing must). Training itself is
    /// unchanged: every training term's bucket has a count. Measured (2026-12-05, 2 × 5-fold cross-validation of
    /// `directed`): word 1–3-grams in 2^20 buckets 0.533 → 0.560 macro-F1, 1–2-grams in 2^18 0.5575 → 0.5586;
    /// unigram heads moved within ±0.007 either way, so it is off by default.
    public static func idf(_ df: [Int32], documents: Int, dropUnseen: Bool = false) -> [Float] {
        let n = Float(documents)
        return df.map { dropUnseen && $0 == 0 ? 0 : log((1 + n) / (1 + Float($0))) + 1 }
    }

    /// How many of the records each term bucket occurs in (summable over chunks of a stream).
    public static func documentFrequencies(spec: FeatureSpec, records: [Record], threads: Int = 1) -> [Int32] {
        let t = max(1, min(threads, records.count))
        let f = Featurizer(spec: spec)
        let parts = Parallel.collect(t) { c -> [Int32] in
            var df = [Int32](repeating: 0, count: spec.buckets)
            var scratch = FeatureScratch()
            var seen = ScratchSet()
            for i in (records.count * c / t)..<(records.count * (c + 1) / t) {
                let r = spec.markEntities ? EntityMarks.marked(records[i]) : records[i]
                f.tokenizeAll(r, &scratch)
                seen.reset(capacity: 4 * (scratch.text.tokens.count + scratch.title.tokens.count + scratch.target.tokens.count) + 64)
                for ns in spec.namespaces where !ns.isIndicator {
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
        var df = parts.first ?? [Int32](repeating: 0, count: spec.buckets)
        for p in parts.dropFirst() { for i in df.indices { df[i] += p[i] } }
        return df
    }

    // MARK: featurizing

    /// What the text namespace's raw terms depend on, when another feature set with the same key may hand them
    /// over (`FeatureScratch.textTerms`): the word n-gram order, negation marking, name masking and stop words (the tokens are the same
    /// for every feature set). Nil when the set has no text namespace, or searches its text table (pair
    /// features), which a handed-over table cannot be.
    var sharedTextKey: (ngrams: Int, negation: Bool, maskNames: Bool, stopWords: [String])? {
        guard spec.namespaces.contains(.text), !spec.namespaces.contains(.pair), !spec.markEntities, !spec.maskTarget else { return nil }
        return (spec.wordNgrams, spec.negation, spec.maskNames, spec.stopWords)
    }

    /// `buf` without the tokens that are stop words (`stopWords`, matched before negation marking), or `buf`
    /// itself when the feature set has none or the text holds none.
    /// - Complexity: O(tokens); one copy of the buffer's token arrays when a stop word is found.
    /// - Parameter hashesOnly: give only the kept tokens' `hashes` (the other arrays empty): all that n-grams
    ///   read when no explanation or token weights are asked for, and a fifth of the copying.
    func droppingStopWords(_ buf: TokenBuffer, hashesOnly: Bool = false) -> TokenBuffer {
        guard !stopWords.isEmpty else { return buf }
        let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
        let set = stopWords
        guard let first = raw.withUnsafeBufferPointer({ r in r.indices.first { set.contains(r[$0]) } }) else { return buf }
        if hashesOnly {
            var out = TokenBuffer()
            out.hashes = [UInt32](unsafeUninitializedCapacity: raw.count) { h, n in
                raw.withUnsafeBufferPointer { r in
                    buf.hashes.withUnsafeBufferPointer { b in
                        for i in 0..<first { h[i] = b[i] }
                        n = first
                        for i in (first + 1)..<r.count where !set.contains(r[i]) { h[n] = b[i]; n += 1 }
                    }
                }
            }
            return out
        }
        // A copy of the buffer compacted in place through pointers (an append per kept token checked each
        // array's uniqueness and capacity: 1% of the default analysis's instructions).
        var out = buf
        let keepNegated = buf.negated.count == raw.count, keepRaw = buf.rawHashes.count == raw.count
        var kept = first
        raw.withUnsafeBufferPointer { r in
        out.tokens.withUnsafeMutableBufferPointer { t in
        out.hashes.withUnsafeMutableBufferPointer { h in
        out.negated.withUnsafeMutableBufferPointer { n in
        out.rawHashes.withUnsafeMutableBufferPointer { rh in
            for i in (first + 1)..<r.count where !set.contains(r[i]) {   // token `first` is a stop word
                t[kept] = t[i]; h[kept] = h[i]
                if keepNegated { n[kept] = n[i] }
                if keepRaw { rh[kept] = rh[i] }
                kept += 1
            }
        } } } } }
        out.tokens.removeLast(out.tokens.count - kept); out.hashes.removeLast(out.hashes.count - kept)
        if keepNegated { out.negated.removeLast(out.negated.count - kept) } else { out.negated = [] }
        if keepRaw { out.rawHashes.removeLast(out.rawHashes.count - kept) } else { out.rawHashes = [] }
        return out
    }

    /// Whether featurizing reads the text's tokens (every namespace but title and target does).
    public var readsText: Bool { readsTextFlag }

    func tokenizeAll(_ r: Record, _ s: inout FeatureScratch) {
        tokenizeText(r, &s)
        tokenizeOthers(r, &s)
    }

    /// The record's text into `s.text` (from `pretokenize` when given), negation-marked when the spec says so.
    func tokenizeText(_ r: Record, _ s: inout FeatureScratch) {
        s.lexiconText = nil
        if s.textGiven {
            s.textGiven = false
            if spec.negation { Negation.mark(&s.text) }
        } else if readsText {
            s.textValences = nil
            tokenizer.tokenize(r.text, into: &s.text)
            if spec.negation { Negation.mark(&s.text) }
        } else { s.textValences = nil; s.text.removeAll() }
    }

    /// The record's title and target into `s.title` and `s.target`, for the namespaces that read them; forgets
    /// the previous record's context weights.
    func tokenizeOthers(_ r: Record, _ s: inout FeatureScratch) {
        s.contextDone = false
        if let t = r.title, readsTitle {
            tokenizer.tokenize(t, into: &s.title)
            if spec.negation { Negation.mark(&s.title) }
        } else { s.title.removeAll() }
        if let t = r.target, readsTarget {
            if !s.targetGiven { tokenizer.tokenize(t, into: &s.target) }
        } else { s.target.removeAll() }
        s.targetGiven = false
    }

    /// Clears the term list before a namespace is collected.
    @inline(__always)
    func beginCollect(_ s: inout FeatureScratch) {
        s.terms.removeAll(keepingCapacity: true); s.weights.removeAll(keepingCapacity: true)
        s.orders.removeAll(keepingCapacity: true); s.names.removeAll(keepingCapacity: true)
    }

    /// Aggregates `s.terms` into distinct terms with TF-IDF values (L2-normalised when the spec says so) in
    /// `s.tables[slot]`, in first-seen order.
    /// - Complexity: O(terms) expected.
    /// - Parameter given: the slot's raw terms as another feature set aggregated them from the same text
    ///   (`FeatureScratch.textTerms`), used instead of `s.terms`.
    /// - Parameter keep: also keep the raw terms in `s.textTerms` for the next feature set.
    func aggregate(slot: Int, _ s: inout FeatureScratch, idfAllowed: Bool = true, given: Bool = false, keep: Bool = false) {
        var table = TermTable()
        swap(&table, &s.tables[slot])
        let useIDF = spec.useIDF && !idf.isEmpty && idfAllowed
        let sublinear = spec.sublinearTF, normalize = spec.normalize, mask = self.mask
        idf.withUnsafeBufferPointer { idf in
            if given {
                table.assign(s.textTerms, idf: useIDF ? idf.baseAddress : nil, idfMask: mask)
            } else {
                s.terms.withUnsafeBufferPointer { t in
                    s.weights.withUnsafeBufferPointer { w in
                        s.orders.withUnsafeBufferPointer { o in
                            table.aggregate(t, weights: w.count == t.count ? w : nil, orders: o.count == t.count ? o : nil,
                                            idf: useIDF ? idf.baseAddress : nil, idfMask: mask)
                        }
                    }
                }
                if keep { s.textTerms.removeAll(keepingCapacity: true); s.textTerms.append(contentsOf: table.entries) }
            }
            table.withMutableEntries { Featurizer.weigh($0, sublinear: sublinear, useIDF: useIDF, normalize: normalize) }
        }
        swap(&table, &s.tables[slot])
        s.filled[slot] = true
    }

    /// `1 + ln n` for the counts n = 2...63 (1 for 0 and 1), computed with the same `log` that `weigh` uses
    /// for other counts, so a count's value is the same bits from the table or from `log`. A pointer, not an
    /// array: reading an array held by a global retains and releases it, once per weighed block. Written once,
    /// when first read, and only read after: safe to share between threads.
    nonisolated(unsafe) static let sublinearCounts: UnsafePointer<Float> = {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: 64)
        for n in 0..<64 { p[n] = n < 2 ? 1 : 1 + log(Float(n)) }
        return UnsafePointer(p)
    }()

    /// Turns aggregated raw counts (or summed weights) into the values a namespace emits, in place: sublinear
    /// TF (`1 + ln tf` for tf > 1; a count below 1, a context weight, stays as it is), times IDF, then L2
    /// normalisation of the block; each as `spec` says. The one definition of a namespace's values.
    @inline(__always)
    static func weigh(_ e: UnsafeMutableBufferPointer<TermEntry>, sublinear: Bool, useIDF: Bool, normalize: Bool) {
        var norm: Float = 0
        // (Read once per block: each read of a static checks its lazy initialisation.)
        let logs = Featurizer.sublinearCounts
        for k in 0..<e.count {
            let tf = e[k].value
            var v = tf
            if sublinear && tf > 1 {
                // (A count of 1 stays 1.) A small whole count, as most repeated terms have, reads its value from
                // the table: the same bits.
                if tf < 64, Float(Int(tf)) == tf { v = logs[Int(tf)] } else { v = 1 + log(tf) }
            }
            if useIDF { v *= e[k].idf }
            e[k].value = v
            norm += v * v
        }
        if normalize && norm > 0 {
            let inv = 1 / norm.squareRoot()
            for k in 0..<e.count { e[k].value *= inv }
        }
    }

    /// The key of a target's per-target copies (`FeatureSpec.perTarget`).
    static func targetKey(_ target: String) -> UInt32 { FeatureHash.named(target.lowercased()) }

    /// The per-target key `r`'s features are copied under, or nil: no per-target copies in this feature set, or
    /// a target its heads were not trained on (`knownTargets`).
    func perTargetKey(_ r: Record) -> UInt32? {
        guard spec.perTarget else { return nil }
        let key = Featurizer.targetKey(r.target ?? "")
        if let known = knownTargets, !known.contains(key) { return nil }
        return key
    }

    /// Featurizes one record.
    /// - Parameters:
    ///   - names: when non-nil, receives a readable name for every bucket the vector uses (for `--explain`).
    /// - Complexity: O(tokens × n-gram order) to extract, plus a radix sort of the non-zeros to merge them.
    public func featurize(_ r: Record, scratch s: inout FeatureScratch, names: UnsafeMutablePointer<[Int32: String]>? = nil) -> SparseVector {
        let r = spec.markEntities ? EntityMarks.marked(r) : r
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

    /// The namespaces whose features come first, in the order features are emitted, and read the text alone
    /// (`text`, `chars`), up to the first one that reads anything else: they do not depend on the title, target
    /// or spans, so one text scored against several targets can share them (`ExtractPart`). Empty with
    /// per-target copies (every feature then depends on the target).
    static func textOnlyPrefix(_ spec: FeatureSpec) -> [Namespace] {
        // (With the target masked, the text's words depend on the target: nothing is text-only.)
        guard !spec.perTarget, !spec.maskTarget else { return [] }
        var out: [Namespace] = []
        for ns in spec.namespaces where !ns.isIndicator {
            guard ns == .text || ns == .chars else { break }
            out.append(ns)
        }
        return out
    }

    /// Which of a record's features `extract` emits: all of them, or the text-only prefix (`textOnlyPrefix`
    /// namespaces) and then the rest, in two calls that together emit exactly what one `.all` call does, in the
    /// same order.
    enum ExtractPart {
        case all
        /// Tokenizes the text (`s.text`, kept for the `.rest` calls that follow) and emits the prefix.
        case textPrefix
        /// Reads `s.text` as the last `.textPrefix` call left it; tokenizes title and target; emits the rest.
        case rest
    }

    /// The one extraction pipeline behind `featurize` and `score`.
    func extract<E: FeatureEmitter>(_ r: Record, _ s: inout FeatureScratch, names: UnsafeMutablePointer<[Int32: String]>?, _ e: inout E,
                                    part: ExtractPart = .all) {
        let explain = names != nil
        switch part {
        case .all: tokenizeAll(r, &s)
        case .textPrefix: tokenizeText(r, &s)
        case .rest: tokenizeOthers(r, &s)
        }
        // The prefix's tables stay filled for the `.rest` calls that follow (pair features read the text's).
        for k in s.filled.indices where part != .rest || !prefixSlots.contains(k) { s.filled[k] = false }
        let mask = self.mask
        // Per-target copies (`FeatureSpec.perTarget`): every feature also in the record's target's own space,
        // for a target the heads were trained on (`knownTargets`).
        let targetKey = perTargetKey(r)
        @inline(__always) func emitOne(_ featureHash: UInt32, _ v: Float, _ name: String?) {
            let bucket = featureHash & mask
            e.emit(bucket, FeatureHash.signed(featureHash, v))
            if let name, let names { names.pointee[Int32(bitPattern: bucket), default: name] = name }
        }
        @inline(__always) func emit(_ featureHash: UInt32, _ v: Float, _ name: String?) {
            emitOne(featureHash, v, name)
            if let t = targetKey { emitOne(FeatureHash.perTarget(featureHash, t), v, name.map { "[\(r.target ?? "")] " + $0 }) }
        }
        var position = 0
        for ns in spec.namespaces where !ns.isIndicator {
            defer { position += 1 }
            switch part {
            case .all: break
            case .textPrefix: if position >= prefixSlots.count { continue }
            case .rest: if position < prefixSlots.count { continue }
            }
            beginCollect(&s)
            let slot = ns.slot
            if ns == .text && (s.textTermsGiven || s.keepTextTerms) && !explain {
                let given = s.textTermsGiven
                if !given { collect(ns, r, &s, explain: false) }
                aggregate(slot: slot, &s, given: given, keep: !given)
                s.textTermsGiven = false; s.keepTextTerms = false
            } else {
                collect(ns, r, &s, explain: explain)
                aggregate(slot: slot, &s)
            }
            let seed = seeds[slot]
            let w = namespaceWeights[slot]
            s.tables[slot].entries.withUnsafeBufferPointer { en in
                if !explain {
                    e.emit(entries: en, seed: seed, weight: w, mask: mask, perTarget: targetKey)
                } else {
                    for k in 0..<en.count {
                        emit(Murmur3.feature(en[k].term, namespace: seed), en[k].value * w, explain ? s.names[Int(en[k].first)] : nil)
                    }
                }
            }
        }
        if part == .textPrefix { return }
        if !interactions.isEmpty || has[Namespace.lexicon.slot] || has[Namespace.roles.slot] {
            // The scratch's buffer, kept between records (a new array per record was an allocation per
            // sentence-actor pair of the article analysis).
            var emitBuffer: [(UInt32, Float, String?)] = []
            swap(&emitBuffer, &s.emitBuffer)
            emitBuffer.removeAll(keepingCapacity: true)
            if !interactions.isEmpty { interactionFeatures(r, &s, explain: explain, emit: &emitBuffer) }
            if has[Namespace.lexicon.slot] { lexiconFeatures(r, &s, explain: explain, emit: &emitBuffer) }
            if has[Namespace.roles.slot], contextWeights(r, &s) != nil {
                roleFeatures(s, count: s.text.tokens.count) { f, v in emitBuffer.append((f.hash, v, explain ? f.name : nil)) }
            }
            for (h, v, name) in emitBuffer { emit(h, v, name) }
            swap(&emitBuffer, &s.emitBuffer)
        }
        if !topics.isEmpty { topicFeatures(&s, explain: explain) { emit($0, $1, $2) } }
        if has[Namespace.pair.slot] {
            let w = namespaceWeights[Namespace.pair.slot]
            for (h, v, name) in pairFeatures(r, &s, explain: explain) { emit(h, v * w, name) }
        }
    }
}
