import Foundation

/// Sentiment-lexicon sums and negation scope marking.
extension Featurizer {
    /// Valence sums with VADER's negation rule (a negated word's valence is multiplied by −0.74).
    func lexiconFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool, emit: inout [(UInt32, Float, String?)]) {
        let w = spec.weight(.lexicon)
        func indicator(_ f: NamedFeature, _ v: Float) { emit.append((f.hash, v * w, explain ? f.name : nil)) }
        func sums(_ buf: TokenBuffer, weights: [Float]?) -> (pos: Float, neg: Float) {
            var pos: Float = 0, neg: Float = 0
            let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
            for i in raw.indices {
                // The weight first: the context window's weights are 0 on most of a sentence, and a zero
                // weight skips the look-up (the sums add the same terms in the same order either way).
                let wt = weights?[i] ?? 1
                if wt <= 0 { continue }
                guard var v = valence[raw[i]] else { continue }
                if i < buf.negated.count && buf.negated[i] { v *= -0.74 }
                if v > 0 { pos += v * wt } else { neg -= v * wt }
            }
            return (pos, neg)
        }
        func add(_ place: LexiconIndicators, _ p: (pos: Float, neg: Float)) {
            if p.pos > 0 { indicator(place.pos, log(1 + p.pos / 2)) }
            if p.neg > 0 { indicator(place.neg, log(1 + p.neg / 2)) }
            let net = p.pos - p.neg
            let bin = net <= -4 ? 0 : net <= -1.5 ? 1 : net < -0.01 ? 2 : net <= 0.01 ? 3 : net < 1.5 ? 4 : net < 4 ? 5 : 6
            indicator(place.net[bin], 1)
        }
        if !s.text.hashes.isEmpty {
            let me = ObjectIdentifier(self)
            if let c = s.lexiconText, c.owner == me { add(.text, (c.pos, c.neg)) } else {
                let t = sums(s.text, weights: nil)
                s.lexiconText = (t.pos, t.neg, me)
                add(.text, t)
            }
        }
        if !s.title.hashes.isEmpty { add(.title, sums(s.title, weights: nil)) }
        if let cw = contextWeights(r, &s) { add(.context, sums(s.text, weights: cw)) }
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
