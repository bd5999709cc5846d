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
    /// Sentiment-lexicon sums (positive, negative, net) over the text, the title and the target context,
    /// with negation flipping a word's valence. Needs `FeatureSpec.lexicon`.
    case lexicon
    /// The words between the holder and the target (`FeatureSpec.markEntities`), each crossed with the
    /// direction (holder before target, or after): "slantholder fears the slanttarget" gives
    /// holder→target:fears and holder→target:the. What relates the two entities, whatever its distance.
    case between
    /// The target mention's role around the nearest verb of `FeatureSpec.verbFrames`, and what that verb says
    /// about it (`VerbRoles`): "the cartels fear Ruiz" casts Ruiz as the theme of *fear*, "Ruiz rescued them" as
    /// the agent of *rescue*, which the writer's perspective of the connotation frames scores. Needs
    /// `FeatureSpec.verbFrames`.
    case roles

    /// Whether the namespace's features are fixed indicators emitted after the hashed terms (pair, lexicon,
    /// roles) rather than terms collected, counted and weighed.
    var isIndicator: Bool { self == .pair || self == .lexicon || self == .roles }

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
    /// Mark words in negation scope (after "not", "no", "never", "n't" ... up to the next clause punctuation)
    /// so that "not good" and "good" are different features.
    public var negation: Bool = true
    /// Weight context words by closeness to the mention: `1 - (d - 1) / window` instead of 1.
    public var contextDecay: Bool = true
    /// Cue-word groups (refuting, hedging, supporting) in title and text, crossed with title–text similarity.
    public var cues: Bool = true
    /// A multiplier per namespace (default 1): a larger weight makes that block's features cheaper under L2.
    public var namespaceWeights: [String: Float] = [:]
    /// Crossed namespaces as Vowpal Wabbit's `-q`: `"target*text"` pairs every target word with every text word
    /// (unigrams, distinct, at most 64 × 512 per record), each pair a feature in its own block.
    public var interactions: [String] = []
    /// Word → valence (VADER's −4…+4), carried inside the model so scoring never needs the lexicon file.
    public var lexicon: [String: Float] = [:]
    /// Verb → connotation frame (`VerbFrames.load`), carried inside the model for the `roles` namespace.
    public var verbFrames: [String: VerbFrame] = [:]
    /// Every feature also gets a copy crossed with the record's target, so each target has its own weights as
    /// well as the shared ones (Daumé III 2007, "frustratingly easy domain adaptation"; the per-target SVMs of
    /// SemEval-2016 Task 6 are the extreme of it). Doubles the non-zeros.
    public var perTarget: Bool = false
    /// Dimensions of a latent topic space (truncated SVD of the training texts' TF-IDF, `RandomizedSVD`; 0: off).
    /// The text's block projected into it gives `topics` dense features, and with the pair namespace the
    /// title–text cosine in topic space (the LSI similarity of the FNC-1 winners) is a pair feature.
    public var topics: Int = 0
    /// log2 of the term buckets the topic space is fitted over (its matrix, `2^topicBits × topics` floats, is
    /// stored in the model).
    public var topicBits: Int = 14
    /// The text is read with the record's holder and target mentions replaced by the words `slantholder` and
    /// `slanttarget` (`EntityMarks`), so that its n-grams say who does what to whom ("slantholder praised
    /// slanttarget"): for directed sentiment, how one entity feels about another.
    public var markEntities: Bool = false
    /// Context words after the target mention are features apart from the same words before it, so that "they
    /// fear <T>" (the target as the verb's object) and "<T> fears them" (its subject) differ: a first proxy for
    /// the target's role around the verb.
    public var contextSides: Bool = false
    /// Hash buckets no training record used get an IDF of 0 (`Featurizer.idf`): a term training never saw then
    /// carries nothing and leaves the known terms' values as they are, as a fixed vocabulary would (off: it gets
    /// the largest IDF and takes a share of its namespace's norm). Baked into the fitted IDF table.
    public var dropUnseen: Bool = false
    /// The title and text namespaces read each capitalised word inside a sentence (not its first word, nor the
    /// first after `.`, `!`, `?`) as one word, `FeatureHash.maskedName`: names of people, parties, places and
    /// outlets all count the same, so a head learns from how a text is written rather than whom it covers
    /// (for leaning: the outlets and topics of its training data). Other namespaces read the words as written.
    public var maskNames: Bool = false
    /// The text and context namespaces read the record's target (its mentions: `spans`, and every word of the
    /// target's name of three bytes or more, with its possessive) as one word, `FeatureHash.maskedTarget`: a head
    /// learns how a sentence speaks of its target, not who the target is, so that "Trump" and an unknown name in
    /// the same sentence score the same (the article analysis's labels of Donald Trump in AllSides dev changed for
    /// half of his articles when his name was replaced by an invented one). The target namespace, which reads the
    /// name itself, is refused with it; the lexicon sums read the words as written.
    public var maskTarget: Bool = false
    /// Words the title and text namespaces leave out before n-grams are formed (`StopWords`: lower-cased, as the
    /// tokenizer reads them, sorted; empty: none). Other namespaces read every word. The model keeps the words
    /// themselves, so a later change of a named list (`StopWords.named`) never changes a trained model.
    public var stopWords: [String] = []

    public init() {}

    /// The two namespaces of an interaction `"a*b"`, or nil when it is not one.
    public static func parseInteraction(_ s: String) -> (Namespace, Namespace)? {
        let p = s.split(separator: "*")
        let allowed: [Namespace] = [.title, .text, .target, .context]
        guard p.count == 2, let a = Namespace(rawValue: String(p[0])), let b = Namespace(rawValue: String(p[1])),
              allowed.contains(a), allowed.contains(b) else { return nil }
        return (a, b)
    }

    /// The multiplier of namespace `ns`.
    public func weight(_ ns: Namespace) -> Float { namespaceWeights[ns.rawValue] ?? 1 }

    enum CodingKeys: String, CodingKey {
        case bits, wordNgrams, charNgramMin, charNgramMax, namespaces, contextWindow, sublinearTF, useIDF, normalize
        case negation, contextDecay, cues, namespaceWeights, interactions, lexicon, perTarget, topics, topicBits
        case lexiconTable, markEntities, contextSides, dropUnseen, maskNames, maskTarget, stopWords, verbFrameTable
    }

    /// The lexicon as written since format version 4: one line per word, sorted, `word<TAB>valence` (the valence
    /// as Swift prints a `Float`, which reads back to the same bits); nil when a word holds a tab or a newline
    /// (then it is written as a JSON object, as before). A model load decoded the 7,500-word VADER lexicon as an
    /// object in 73 M instructions (JSONDecoder, per entry); one string parsed by hand takes a few.
    var compactLexicon: String? {
        guard !lexicon.isEmpty, !lexicon.keys.contains(where: { $0.contains("\n") || $0.contains("\t") }) else { return nil }
        return lexicon.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
    }

    /// Parses `compactLexicon`'s form; nil when a line is not `word<TAB>finite number`.
    static func parseCompactLexicon(_ text: String) -> [String: Float]? {
        var out: [String: Float] = [:]
        var text = text
        let ok = text.withUTF8 { b -> Bool in
            out.reserveCapacity(b.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
            var start = 0
            while start < b.count {
                var end = start
                while end < b.count && b[end] != 0x0A { end += 1 }
                guard let tab = b[start..<end].firstIndex(of: 0x09),
                      let v = Float(String(decoding: UnsafeBufferPointer(rebasing: b[(tab + 1)..<end]), as: UTF8.self)), v.isFinite else { return false }
                out[String(decoding: UnsafeBufferPointer(rebasing: b[start..<tab]), as: UTF8.self)] = v
                start = end + 1
            }
            return true
        }
        return ok ? out : nil
    }

    /// Encodes the spec; the topic settings only when topics are on, so that a model without them has the same
    /// header as before they existed.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bits, forKey: .bits); try c.encode(wordNgrams, forKey: .wordNgrams)
        try c.encode(charNgramMin, forKey: .charNgramMin); try c.encode(charNgramMax, forKey: .charNgramMax)
        try c.encode(namespaces, forKey: .namespaces); try c.encode(contextWindow, forKey: .contextWindow)
        try c.encode(sublinearTF, forKey: .sublinearTF); try c.encode(useIDF, forKey: .useIDF)
        try c.encode(normalize, forKey: .normalize); try c.encode(negation, forKey: .negation)
        try c.encode(contextDecay, forKey: .contextDecay); try c.encode(cues, forKey: .cues)
        try c.encode(namespaceWeights, forKey: .namespaceWeights); try c.encode(interactions, forKey: .interactions)
        if let compact = compactLexicon {
            try c.encode(compact, forKey: .lexiconTable)
        } else {
            try c.encode(lexicon, forKey: .lexicon)
        }
        try c.encode(perTarget, forKey: .perTarget)
        if topics > 0 { try c.encode(topics, forKey: .topics); try c.encode(topicBits, forKey: .topicBits) }
        if markEntities { try c.encode(markEntities, forKey: .markEntities) }
        if contextSides { try c.encode(contextSides, forKey: .contextSides) }
        if dropUnseen { try c.encode(dropUnseen, forKey: .dropUnseen) }
        if maskNames { try c.encode(maskNames, forKey: .maskNames) }
        if maskTarget { try c.encode(maskTarget, forKey: .maskTarget) }
        if !stopWords.isEmpty { try c.encode(stopWords, forKey: .stopWords) }
        if !verbFrames.isEmpty { try c.encode(VerbFrames.compact(verbFrames), forKey: .verbFrameTable) }
    }

    /// Decodes a spec; settings added after a model was written take the value that reproduces the old behaviour.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bits = try c.decode(Int.self, forKey: .bits)
        wordNgrams = try c.decode(Int.self, forKey: .wordNgrams)
        charNgramMin = try c.decodeIfPresent(Int.self, forKey: .charNgramMin) ?? 0
        charNgramMax = try c.decodeIfPresent(Int.self, forKey: .charNgramMax) ?? 0
        namespaces = try c.decode([Namespace].self, forKey: .namespaces)
        contextWindow = try c.decodeIfPresent(Int.self, forKey: .contextWindow) ?? 6
        sublinearTF = try c.decodeIfPresent(Bool.self, forKey: .sublinearTF) ?? true
        useIDF = try c.decodeIfPresent(Bool.self, forKey: .useIDF) ?? true
        normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize) ?? true
        negation = try c.decodeIfPresent(Bool.self, forKey: .negation) ?? false
        contextDecay = try c.decodeIfPresent(Bool.self, forKey: .contextDecay) ?? false
        cues = try c.decodeIfPresent(Bool.self, forKey: .cues) ?? false
        namespaceWeights = try c.decodeIfPresent([String: Float].self, forKey: .namespaceWeights) ?? [:]
        interactions = try c.decodeIfPresent([String].self, forKey: .interactions) ?? []
        markEntities = try c.decodeIfPresent(Bool.self, forKey: .markEntities) ?? false
        contextSides = try c.decodeIfPresent(Bool.self, forKey: .contextSides) ?? false
        dropUnseen = try c.decodeIfPresent(Bool.self, forKey: .dropUnseen) ?? false
        maskNames = try c.decodeIfPresent(Bool.self, forKey: .maskNames) ?? false
        maskTarget = try c.decodeIfPresent(Bool.self, forKey: .maskTarget) ?? false
        stopWords = try c.decodeIfPresent([String].self, forKey: .stopWords) ?? []
        if let table = try c.decodeIfPresent(String.self, forKey: .lexiconTable) {
            guard let l = FeatureSpec.parseCompactLexicon(table) else {
                throw DecodingError.dataCorruptedError(forKey: .lexiconTable, in: c, debugDescription: "a lexicon line is not word<TAB>finite number")
            }
            lexicon = l
        } else {
            lexicon = try c.decodeIfPresent([String: Float].self, forKey: .lexicon) ?? [:]
        }
        if let table = try c.decodeIfPresent(String.self, forKey: .verbFrameTable) {
            guard let f = VerbFrames.parseCompact(table) else {
                throw DecodingError.dataCorruptedError(forKey: .verbFrameTable, in: c, debugDescription: "a verb frame line is not verb<TAB>six numbers from -1 to 1<TAB>forms")
            }
            verbFrames = f
        }
        perTarget = try c.decodeIfPresent(Bool.self, forKey: .perTarget) ?? false
        topics = try c.decodeIfPresent(Int.self, forKey: .topics) ?? 0
        topicBits = try c.decodeIfPresent(Int.self, forKey: .topicBits) ?? 14
    }

    /// The largest topic matrix allowed, in floats (256 MiB): fitting needs a few times that in memory.
    public static let maxTopicFloats = 1 << 26

    /// Rows of the topic matrix (`2^topicBits`), 0 when topics are off.
    public var topicBuckets: Int { topics > 0 ? 1 << topicBits : 0 }

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
        for i in interactions where FeatureSpec.parseInteraction(i) == nil {
            throw SlantError.usage("an interaction is NAMESPACE*NAMESPACE of title, text, target, context, got '\(i)'")
        }
        if !(0...256).contains(topics) { throw SlantError.usage("--topics must be between 0 (off) and 256, got \(topics)") }
        if topics > 0 && !(8...20).contains(topicBits) { throw SlantError.usage("--topic-bits must be between 8 and 20, got \(topicBits)") }
        if topics > 0 && topicBuckets * topics > FeatureSpec.maxTopicFloats {
            throw SlantError.usage("--topics \(topics) over --topic-bits \(topicBits) is a \((topicBuckets * topics * 4) >> 20) MiB matrix; at most \((FeatureSpec.maxTopicFloats * 4) >> 20) MiB is allowed")
        }
        if topics > 0 && !namespaces.contains(.text) {
            throw SlantError.usage("--topics are fitted over the text namespace; add text to --namespaces or turn topics off")
        }
        if stopWords.count > StopWords.limit { throw SlantError.usage("stop words: \(stopWords.count) words; at most \(StopWords.limit) are allowed") }
        let tokenizer = Tokenizer()
        if let bad = stopWords.first(where: { StopWords.wordHash($0, tokenizer) == nil || $0 != $0.lowercased() }) {
            throw SlantError.usage("stop words are single lower-case words as the tokenizer reads text; got '\(bad)'")
        }
        if dropUnseen && !useIDF { throw SlantError.usage("--drop-unseen sets IDF values, so it needs --idf (got --no-idf)") }
        if maskTarget && namespaces.contains(.target) {
            throw SlantError.usage("--mask-target reads the target as one word, and the target namespace would read its name; drop target from --namespaces (got \(namespaces.map { $0.rawValue }.joined(separator: ",")))")
        }
        if maskTarget, let i = interactions.first(where: { FeatureSpec.parseInteraction($0).map { $0.0 == .target || $0.1 == .target } ?? false }) {
            throw SlantError.usage("--mask-target hides the target's name, and the interaction '\(i)' would read it; leave target out of --interactions")
        }
        if maskTarget && perTarget {
            throw SlantError.usage("--mask-target hides the target's name, and --per-target keeps weights per target name; choose one")
        }
        if maskTarget && markEntities {
            throw SlantError.usage("--mask-target and --mark-entities both replace the target's mentions; choose one")
        }
        if namespaces.contains(.between) && !markEntities {
            throw SlantError.usage("the between namespace reads the words between the holder and the target marks; add --mark-entities")
        }
        if namespaces.contains(.lexicon) && lexicon.isEmpty {
            throw SlantError.usage("the lexicon namespace needs a lexicon (slant-train --lexicon PATH)")
        }
        if namespaces.contains(.roles) && verbFrames.isEmpty {
            throw SlantError.usage("the roles namespace needs verb lexicons (slant-train --verb-frames PATH)")
        }
    }
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
        case .between: return 7
        case .roles: return 8
        }
    }
}
