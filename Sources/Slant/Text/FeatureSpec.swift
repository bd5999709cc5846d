/// The namespaces Slant extracts, one per kind of evidence (as Vowpal Wabbit's namespaces).
public enum Namespace: String, Codable, CaseIterable, Sendable {
    /// Word n-grams of the text (the article body, sentence or tweet).
    case text
    /// Word n-grams of the headline.
    case title
    /// Word n-grams of the target string.
    case target
    /// Words within ±`contextWindow` tokens of each target mention in the text.
    case context
    /// Similarity of the title (and of the target) to the text: TF-IDF cosine, shared-word fractions, binned.
    case pair
    /// Character n-grams of the text's words.
    case chars

    /// The namespace's hash seed (frozen: `murmur3(name, seed: 0)`).
    public var seed: UInt32 { Murmur3.hash(rawValue, seed: 0) }
}

/// How text becomes a sparse vector. Stored in every model; scoring uses the model's spec, never the caller's.
public struct FeatureSpec: Codable, Equatable, Sendable {
    /// log2 of the number of hash buckets.
    public var bits: Int = 20
    /// Word n-grams from 1 to this.
    public var wordNgrams: Int = 2
    /// Character n-grams from `charNgramMin` to `charNgramMax` (0 turns them off).
    public var charNgramMin: Int = 0
    public var charNgramMax: Int = 0
    /// Which namespaces are extracted.
    public var namespaces: [Namespace] = [.text, .title, .target, .context, .pair]
    /// Words on each side of a target mention that form the `context` namespace.
    public var contextWindow: Int = 6
    /// TF becomes 1 + ln(tf).
    public var sublinearTF: Bool = true
    /// Multiply by IDF fitted on the training data.
    public var useIDF: Bool = true
    /// L2-normalise each namespace's block.
    public var normalize: Bool = true

    public init() {}

    public var mask: UInt32 { bits >= 32 ? UInt32.max : (UInt32(1) << UInt32(bits)) - 1 }
    public var buckets: Int { 1 << bits }

    /// Checks the ranges; the message quotes the bad value and says what is allowed.
    public func validate() throws {
        if !(8...26).contains(bits) { throw SlantError.usage("bits must be between 8 and 26, got \(bits)") }
        if !(1...5).contains(wordNgrams) { throw SlantError.usage("ngrams must be between 1 and 5, got \(wordNgrams)") }
        if charNgramMax != 0 && !(1...8).contains(charNgramMin) || charNgramMax < charNgramMin || charNgramMax > 8 {
            throw SlantError.usage("character n-grams must satisfy 1 <= min <= max <= 8 (or 0 for off), got \(charNgramMin)...\(charNgramMax)")
        }
        if contextWindow < 1 || contextWindow > 50 { throw SlantError.usage("context window must be between 1 and 50, got \(contextWindow)") }
        if namespaces.isEmpty { throw SlantError.usage("at least one namespace is needed") }
    }
}
