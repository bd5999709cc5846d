/// One text scored against many targets, lean: the article analysis scores each sentence for every actor it
/// mentions, and after the sentence's text-only features (`Featurizer.ExtractPart.textPrefix`) only the target,
/// context and lexicon features depend on the actor. `extract(.rest)` makes those through the general pipeline
/// (a record, its tokenized target, term lists and tables per namespace), whose bookkeeping cost about four
/// times the features' own work per pair (callgrind). This path computes the same features from the same
/// definitions (`TermTable.aggregate`, `weigh`, `mark`, `windowWeights`, `lexiconSums`, `lexiconIndicators`),
/// in the same order, so the logits are bit-identical (tested against `extract(.rest)`).
///
/// It applies to feature sets whose `.rest` namespaces are only `target` and `context` (any order) plus the
/// lexicon, with unigrams, no per-target copies, interactions, topics or pair features (`leanTargetPart`),
/// and to records with no title; and to such sets that mask the target (`FeatureSpec.maskTarget`), whose text
/// namespace is then per target too: its unigrams with the target's words masked (as `maskingTarget`).
extension Featurizer {
    /// Whether `targetPart` / `scoreTargetPart` can stand in for `extract(.rest)` (see the comment above).
    static func leanTargetPart(_ spec: FeatureSpec, interactions: Bool, topics: Bool) -> Bool {
        guard !spec.perTarget, !interactions, !topics, spec.wordNgrams == 1, !spec.namespaces.contains(.pair) else { return false }
        let rest = spec.namespaces.filter { !$0.isIndicator }.dropFirst(textOnlyPrefix(spec).count)
        // With the target masked the text's unigrams are per target too (`FeatureSpec.maskTarget`).
        if spec.maskTarget { return !spec.maskNames && spec.stopWords.isEmpty && rest.allSatisfy { $0 == .text || $0 == .context } }
        return rest.allSatisfy { $0 == .target || $0 == .context }
    }

    /// Whether `textPart` can stand in for `extract(.textPrefix)`: the text-only prefix is the text namespace
    /// alone, as unigrams.
    static func leanTextPart(_ spec: FeatureSpec) -> Bool {
        textOnlyPrefix(spec) == [.text] && spec.wordNgrams == 1 && !spec.maskNames && spec.stopWords.isEmpty
    }

    /// `extract(.textPrefix)` for a feature set whose prefix is the text's unigrams (`leanTextPart`), through
    /// pointers: the same tokens, terms, aggregation, values and order (tested bit for bit), without the
    /// general pipeline's term lists and per-namespace bookkeeping. Runs once per sentence of the article
    /// analysis. Not for a scratch that keeps or is handed shared text terms (`predictFast`).
    func textPart(_ r: Record, _ s: inout FeatureScratch, _ e: inout ScoreEmitter) {
        tokenizeText(r, &s)
        for k in s.filled.indices { s.filled[k] = false }
        let slot = Namespace.text.slot
        tabulate(unigrams(s.text.hashes, &s), slot: slot, &s)
        s.filled[slot] = true
        let seed = seeds[slot], weight = namespaceWeights[slot]
        s.tables[slot].entries.withUnsafeBufferPointer { e.emit(entries: $0, seed: seed, weight: weight, mask: self.mask, perTarget: nil) }
    }

    /// Writes the unigram terms of `hashes` to the front of `s.terms` (grown as needed); returns their count.
    @inline(__always)
    func unigrams(_ hashes: [UInt32], _ s: inout FeatureScratch) -> Int {
        let n = hashes.count
        if s.terms.count < n { s.terms.appendZeros(n - s.terms.count) }
        hashes.withUnsafeBufferPointer { h in
            s.terms.withUnsafeMutableBufferPointer { t in
                for i in 0..<n { t[i] = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + 1)])) }
            }
        }
        return n
    }

    /// Aggregates the first `n` of `s.terms` (each counted with its weight in `s.weights` when `weighted`, else
    /// once) into `s.tables[slot]` with this set's IDF, and weighs them (`weigh`): what `aggregate(slot:)` makes
    /// of the same terms. The orders feed only explanations, which these lean paths never give.
    @inline(__always)
    func tabulate(_ n: Int, weighted: Bool = false, slot: Int, _ s: inout FeatureScratch) {
        let useIDF = spec.useIDF && !idf.isEmpty
        idf.withUnsafeBufferPointer { idf in
            s.terms.withUnsafeBufferPointer { t in
                s.weights.withUnsafeBufferPointer { w in
                    s.tables[slot].aggregate(UnsafeBufferPointer(rebasing: t[0..<n]), weights: weighted ? UnsafeBufferPointer(rebasing: w[0..<n]) : nil,
                                             orders: nil, idf: useIDF ? idf.baseAddress : nil, idfMask: mask)
                }
            }
        }
        s.tables[slot].withMutableEntries { Featurizer.weigh($0, sublinear: spec.sublinearTF, useIDF: useIDF, normalize: spec.normalize) }
    }

    /// A target's features for `scoreTargetPart`, made once per target (an actor's spelling): the target
    /// namespace's features, packed as `ScoreEmitter` pends them, and the target's tokens for the context.
    /// (A class: the analysis hands one to the scorer per mention, and a struct's copy retained each of its six
    /// arrays.)
    final class TargetPart: Sendable {
        let packed: [UInt64]
        let tokens: TokenBuffer
        init(packed: [UInt64], tokens: TokenBuffer) { self.packed = packed; self.tokens = tokens }
    }

    /// The target namespace's features of `target` (the tokenizer's output for the target string, unmarked), as
    /// `extract` emits them: unigram terms, aggregated, weighed, hashed into the target namespace.
    func targetPart(_ target: TokenBuffer, _ s: inout FeatureScratch) -> TargetPart {
        let n = target.hashes.count
        guard has[Namespace.target.slot], n > 0 else { return TargetPart(packed: [], tokens: target) }
        let slot = Namespace.target.slot
        tabulate(unigrams(target.hashes, &s), slot: slot, &s)
        // The table now holds this target's terms, not the record's: `extract` refills it before reading it.
        s.filled[slot] = false
        let seed = seeds[slot], w = namespaceWeights[slot], m = mask
        let packed = s.tables[slot].entries.map { e -> UInt64 in
            let h = Murmur3.feature(e.term, namespace: seed)
            return ScoreEmitter.pack(h & m, FeatureHash.signed(h, e.value * w))
        }
        return TargetPart(packed: packed, tokens: target)
    }

    /// Adds to `logits` (which hold the text-only part's sum, from the `.textPrefix` call that left `s.text`)
    /// the features of `target` with the mentions `spans` in that text: what `extract(.rest)` of a record with
    /// this text, no title, the target's string and `spans` gives, in the same order, bit for bit.
    /// - Complexity: O(tokens + marks × window + features × labels), with no allocation once warmed up.
    func scoreTargetPart(_ target: TargetPart, spans: [Span], _ s: inout FeatureScratch,
                         heads: UnsafeBufferPointer<HeadView>, logits: UnsafeMutablePointer<Float>) {
        var e = ScoreEmitter(heads: heads, logits: logits, pending: [])
        swap(&e.pending, &s.pending)
        e.pending.removeAll(keepingCapacity: true)
        let n = s.text.tokens.count
        // Context weights (as `contextWeights`): spans first; without spans, the target's words of 3+ bytes.
        var w: [Float] = []
        swap(&w, &s.context)
        var found = false
        if n > 0 && (has[Namespace.context.slot] || has[Namespace.lexicon.slot] || has[Namespace.roles.slot]) {
            if s.marked.count < n { s.marked.appendZeros(n - s.marked.count) }
            if w.count < n { w.appendZeros(n - w.count) }
            s.marked.withUnsafeMutableBufferPointer { m0 in
                let m = UnsafeMutableBufferPointer(rebasing: m0[0..<n])
                m.update(repeating: false)
                if !spans.isEmpty {
                    found = s.text.tokens.withUnsafeBufferPointer { Featurizer.mark($0, spans: spans, m) }
                } else {
                    found = s.text.hashes.withUnsafeBufferPointer { Featurizer.mark($0, targetWords: target.tokens, m) }
                }
                if found {
                    w.withUnsafeMutableBufferPointer { w0 in
                        let wb = UnsafeMutableBufferPointer(rebasing: w0[0..<n])
                        wb.update(repeating: 0)
                        windowWeights(UnsafeBufferPointer(m), wb)
                    }
                }
            }
        }
        // The text's hashes with the target masked (as `maskingTarget`: the spans' tokens and the target's words).
        var masked: [UInt32] = []
        if spec.maskTarget {
            swap(&masked, &s.maskedHashes)
            masked.removeAll(keepingCapacity: true)
            masked.append(contentsOf: s.text.hashes)
            Featurizer.maskTarget(&masked, text: s.text, spans: spans, target: target.tokens, marks: &s.targetMarks)
        }
        defer { if spec.maskTarget { swap(&masked, &s.maskedHashes) } }
        for ns in spec.namespaces where ns == .target || ns == .context || (ns == .text && spec.maskTarget) {
            if ns == .target { e.pending.append(contentsOf: target.packed); continue }
            if ns == .text {
                let slot = Namespace.text.slot
                tabulate(unigrams(masked, &s), slot: slot, &s)
                // The table holds this target's terms, not the record's text's.
                s.filled[slot] = false
                let seed = seeds[slot], weight = namespaceWeights[slot], mask = self.mask
                s.tables[slot].entries.withUnsafeBufferPointer { e.emit(entries: $0, seed: seed, weight: weight, mask: mask, perTarget: nil) }
                continue
            }
            guard found else { continue }
            // The context namespace: the weighted unigrams of the window, aggregated and weighed.
            if s.terms.count < n { s.terms.appendZeros(n - s.terms.count) }
            if s.weights.count < n { s.weights.appendZeros(n - s.weights.count) }
            var k = 0
            var hashes = spec.maskTarget ? masked : s.text.hashes
            if spec.contextSides {
                s.marked.withUnsafeBufferPointer { m in
                    hashes.withUnsafeMutableBufferPointer { h in Featurizer.sideHashes(UnsafeBufferPointer(rebasing: m[0..<n]), UnsafeMutableBufferPointer(rebasing: h[0..<n])) }
                }
            }
            hashes.withUnsafeBufferPointer { h in
                w.withUnsafeBufferPointer { tw in
                    s.terms.withUnsafeMutableBufferPointer { t in
                        s.weights.withUnsafeMutableBufferPointer { wt in
                            for i in 0..<n where tw[i] > 0 {
                                t[k] = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + 1)]))
                                wt[k] = tw[i]
                                k += 1
                            }
                        }
                    }
                }
            }
            let slot = Namespace.context.slot
            tabulate(k, weighted: true, slot: slot, &s)
            let seed = seeds[slot], weight = namespaceWeights[slot]
            s.tables[slot].entries.withUnsafeBufferPointer { e.emit(entries: $0, seed: seed, weight: weight, mask: mask, perTarget: nil) }
        }
        if has[Namespace.lexicon.slot] {
            let lw = namespaceWeights[Namespace.lexicon.slot], mask = self.mask
            func add(_ place: LexiconIndicators, _ p: (pos: Float, neg: Float)) {
                Featurizer.lexiconIndicators(place, p, weight: lw) { f, v in e.emit(f.hash & mask, FeatureHash.signed(f.hash, v)) }
            }
            if n > 0 { add(.text, lexiconTextSums(&s)) }
            if found { add(.context, w.withUnsafeBufferPointer { lexiconSums(s.text, weights: UnsafeBufferPointer(rebasing: $0[0..<n]), given: s.textValences) }) }
        }
        if has[Namespace.roles.slot] && found {
            let mask = self.mask
            roleFeatures(s, count: n) { f, v in e.emit(f.hash & mask, FeatureHash.signed(f.hash, v)) }
        }
        swap(&w, &s.context)
        // The general path's cached context belongs to the record it last tokenized; this call changed `s.context`.
        s.contextDone = false
        e.flush()
        swap(&e.pending, &s.pending)
    }
}
