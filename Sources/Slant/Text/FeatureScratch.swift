import Foundation

/// Per-thread scratch state for featurizing: token buffers and term lists reused across records so that the
/// hot path does not allocate. Keep one per thread; the `Featurizer` itself is read-only and shared.
public struct FeatureScratch: Sendable {
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
    /// The text's token hashes with the target masked, per sentence-actor pair (`Featurizer.scoreTargetPart`).
    var maskedHashes: [UInt32] = []
    /// Which of the text's tokens are the target's (`Featurizer.markTarget`), per record or pair.
    var targetMarks: [Bool] = []
    var outVal: [Float] = []
    var outKeys: [UInt64] = []
    var pending: [UInt64] = []
    /// Interaction and lexicon features of the current record, before they are emitted.
    var emitBuffer: [(UInt32, Float, String?)] = []
    /// Topic vectors of recently seen blocks (`Featurizer.topicVector`), keyed by a 64-bit hash of the block's
    /// terms and values: FNC-1-style data pairs one body with many claims, and a body's projection is the
    /// costliest part of its topic features. A hit returns the very floats a recomputation would give.
    var topicCache: [UInt64: [Float]] = [:]
    /// The featurizer whose topic vectors `topicCache` holds (a scratch handed to another one starts afresh).
    var topicCacheOwner: ObjectIdentifier? = nil
    /// Set by `pretokenize(text:)`: `text` already holds the record's raw (unmarked) tokens, so the next
    /// featurization uses them instead of tokenizing `Record.text`; cleared by that featurization.
    var textGiven = false
    /// Set with the text by `pretokenize(text:valences:)`: the valence of each of its tokens. Kept while the text
    /// is (through the `.rest` parts of its targets) and forgotten with it.
    var textValences: ArraySlice<Float>? = nil
    /// Set by `pretokenize(target:)`: `target` already holds the record's target's tokens; cleared by the next
    /// featurization.
    var targetGiven = false
    /// The current record's context weights (`Featurizer.contextWeights`), once computed: the context namespace,
    /// the lexicon's context sums and interactions all read them. Reset when a record is tokenized.
    var context: [Float] = []
    var contextFound = false
    var contextDone = false
    /// The lexicon sums of the current text (`Featurizer.lexiconFeatures`) and the featurizer that made them:
    /// a sentence scored against several actors (`Featurizer.ExtractPart.rest`) keeps its text, so its sums are
    /// made once. Forgotten whenever a text is tokenized.
    var lexiconText: (pos: Float, neg: Float, owner: ObjectIdentifier)? = nil
    /// The text namespace's distinct terms with their raw counts, before TF-IDF (`Featurizer.sharedTextKey`):
    /// kept by one feature set (`keepTextTerms`) and handed to the next that collects the same terms from the
    /// same text (`textTermsGiven`), which then skips collecting and hashing them again. Both flags are
    /// cleared by the featurization that reads them.
    var textTerms: [TermEntry] = []
    var keepTextTerms = false
    var textTermsGiven = false
    public init() {}

    /// Hands the next featurization the record's text as tokens instead of as a string: a slice of a longer
    /// text's raw tokens (`TokenBuffer.append(slice:)`), so that an article's sentences are tokenized once.
    /// The tokens must be what the featurizer's tokenizer gives for the text alone (it is context-free), with
    /// scalar offsets relative to the text's start, and no negation marking (the featurizer applies it).
    /// - Parameter valences: each token's lexicon valence already looked up (0 for a word not in the lexicon) in
    ///   the featurizer's own table (`Featurizer.valence`), when the caller has them: the article analysis looks
    ///   up the whole article once for VADER, and the lexicon sums of its sentences read those instead.
    mutating func pretokenize(text: (inout TokenBuffer) -> Void, valences: ArraySlice<Float>? = nil) {
        text(&self.text)
        textGiven = true
        textValences = valences
    }

    /// Hands the next featurization the record's target as tokens: exactly what the featurizer's tokenizer
    /// gives for `Record.target` (the actor analysis tokenizes each way an actor is written once per article,
    /// not once per sentence).
    mutating func pretokenize(target: TokenBuffer) {
        self.target.copy(target)
        targetGiven = true
    }
}

/// Receives a record's features as they are produced: a signed value in a hash bucket. The same bucket may
/// come more than once (hash collisions across namespaces); each receiver decides how to merge.
protocol FeatureEmitter {
    mutating func emit(_ bucket: UInt32, _ value: Float)
    /// Emits one namespace's aggregated terms: for each entry, in order, the feature hash
    /// `Murmur3.feature(term, namespace: seed)`, its bucket (`& mask`) and the value × `weight`, negated when the
    /// hash's top bit is set. The same as `emit` per entry; an emitter may do it in one pass.
    /// With `perTarget`, each feature is followed by its per-target copy (`FeatureHash.perTarget`), the same value.
    mutating func emit(entries: UnsafeBufferPointer<TermEntry>, seed: UInt32, weight: Float, mask: UInt32, perTarget: UInt32?)
}

extension FeatureEmitter {
    @inline(__always)
    mutating func emit(entries: UnsafeBufferPointer<TermEntry>, seed: UInt32, weight: Float, mask: UInt32, perTarget: UInt32?) {
        for k in 0..<entries.count {
            let h = Murmur3.feature(entries[k].term, namespace: seed)
            let v = entries[k].value * weight
            emit(h & mask, FeatureHash.signed(h, v))
            if let t = perTarget {
                let c = FeatureHash.perTarget(h, t)
                emit(c & mask, FeatureHash.signed(c, v))
            }
        }
    }
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
