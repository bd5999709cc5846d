import Foundation

/// Sentiment-lexicon sums and negation scope marking.
extension Featurizer {
    /// Valence sums with VADER's negation rule (a negated word's valence is multiplied by −0.74).
    func lexiconFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool, emit: inout [(UInt32, Float, String?)]) {
        let w = namespaceWeights[Namespace.lexicon.slot]
        func add(_ place: LexiconIndicators, _ p: (pos: Float, neg: Float)) {
            Featurizer.lexiconIndicators(place, p, weight: w) { f, v in emit.append((f.hash, v, explain ? f.name : nil)) }
        }
        if !s.text.hashes.isEmpty { add(.text, lexiconTextSums(&s)) }
        if !s.title.hashes.isEmpty { add(.title, lexiconSums(s.title, weights: nil)) }
        if let cw = contextWeights(r, &s) { add(.context, cw.withUnsafeBufferPointer { lexiconSums(s.text, weights: $0, given: s.textValences) }) }
    }

    /// The lexicon sums of the whole text (`s.text`), made once per text: a sentence scored against several
    /// actors keeps them in `s.lexiconText` (forgotten whenever a text is tokenized).
    func lexiconTextSums(_ s: inout FeatureScratch) -> (pos: Float, neg: Float) {
        let me = ObjectIdentifier(self)
        if let c = s.lexiconText, c.owner == me { return (c.pos, c.neg) }
        let t = lexiconSums(s.text, weights: nil, given: s.textValences)
        s.lexiconText = (t.pos, t.neg, me)
        return t
    }

    /// Valence sums with VADER's negation rule (a negated word's valence is multiplied by −0.74), over the
    /// tokens' raw hashes, each times its weight (1 without `weights`; a token of weight 0 is skipped). With
    /// `given`, each token's valence as looked up already (0 for none; `FeatureScratch.textValences`): a word
    /// of valence 0 adds 0 either way, so the sums are the same bits.
    func lexiconSums(_ buf: TokenBuffer, weights: UnsafeBufferPointer<Float>?, given: ArraySlice<Float>? = nil) -> (pos: Float, neg: Float) {
        var pos: Float = 0, neg: Float = 0
        let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
        let valence = self.valence
        @inline(__always) func add(_ v0: Float, _ negated: Bool, _ wt: Float) {
            var v = v0
            if negated { v *= -0.74 }
            if v > 0 { pos += v * wt } else { neg -= v * wt }
        }
        raw.withUnsafeBufferPointer { raw in
            buf.negated.withUnsafeBufferPointer { negated in
                if let given, given.count == raw.count {
                    given.withUnsafeBufferPointer { g in
                        for i in 0..<g.count {
                            let wt = weights?[i] ?? 1
                            if wt <= 0 || g[i] == 0 { continue }
                            add(g[i], i < negated.count && negated[i], wt)
                        }
                    }
                    return
                }
                for i in 0..<raw.count {
                    // The weight first: the context window's weights are 0 on most of a sentence, and a zero
                    // weight skips the look-up (the sums add the same terms in the same order either way).
                    let wt = weights?[i] ?? 1
                    if wt <= 0 { continue }
                    guard let v = valence[raw[i]] else { continue }
                    add(v, i < negated.count && negated[i], wt)
                }
            }
        }
        return (pos, neg)
    }

    /// The indicators of one place's sums: `_pos` and `_neg` (log(1 + sum / 2), when above 0), and the bin of
    /// the net valence `_net_0...6`, each value times the lexicon namespace's weight, in that order.
    @inline(__always)
    static func lexiconIndicators(_ place: LexiconIndicators, _ p: (pos: Float, neg: Float), weight w: Float,
                                  _ emit: (NamedFeature, Float) -> Void) {
        if p.pos > 0 { emit(place.pos, log(1 + p.pos / 2) * w) }
        if p.neg > 0 { emit(place.neg, log(1 + p.neg / 2) * w) }
        let net = p.pos - p.neg
        let bin = net <= -4 ? 0 : net <= -1.5 ? 1 : net < -0.01 ? 2 : net <= 0.01 ? 3 : net < 1.5 ? 4 : net < 4 ? 5 : 6
        emit(place.net[bin], 1 * w)
    }
}

/// Negation scope marking: a token after a negator, up to the next clause punctuation, gets a distinct hash.
enum Negation {
    static let negators = HashMap32(["not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "nowhere",
                                     "cannot", "without", "hardly", "barely", "scarcely"].map { (Murmur3.hash($0), true) })
    /// The constant mixed into a negated token's hash (frozen; `FeatureHash.negated`).
    static var salt: UInt32 { FeatureHash.negationSalt }

    /// Whether token `t` (hash `hash`, its bytes in `bytes`) is a negator: a word of `list` (`negators`, which
    /// callers read once outside their loops) or a word ending in "n't".
    @inline(__always) static func isNegator(_ hash: UInt32, _ t: Token, _ bytes: UnsafeBufferPointer<UInt8>, list: HashMap32<Bool>) -> Bool {
        if list[hash] != nil { return true }
        guard t.end - t.start >= 4 else { return false }
        let e = Int(t.end)
        return bytes[e - 3] == 0x6E && bytes[e - 2] == 0x27 && bytes[e - 1] == 0x74  // "n't"
    }

    /// - Complexity: O(tokens), through pointers (one table look-up per token).
    static func mark(_ buf: inout TokenBuffer) {
        let n = buf.tokens.count
        var negated = buf.negated, raw = buf.rawHashes, hashes = buf.hashes
        buf.negated = []; buf.rawHashes = []; buf.hashes = []
        negated.removeAll(keepingCapacity: true)
        negated.appendZeros(n)   // all false
        raw.removeAll(keepingCapacity: true)
        raw.append(contentsOf: hashes)
        var scope = false
        let list = negators
        buf.tokens.withUnsafeBufferPointer { toks in
            buf.bytes.withUnsafeBufferPointer { bytes in
                hashes.withUnsafeMutableBufferPointer { h in
                    negated.withUnsafeMutableBufferPointer { neg in
                        for i in 0..<n {
                            let t = toks[i]
                            if t.afterBoundary { scope = false }
                            let negator = isNegator(h[i], t, bytes, list: list)
                            if scope && !negator { neg[i] = true; h[i] = FeatureHash.negated(h[i]) }
                            if negator { scope = true }
                        }
                    }
                }
            }
        }
        buf.negated = negated; buf.rawHashes = raw; buf.hashes = hashes
    }
}
