/// A named indicator feature (pair, cue and lexicon features) with its feature hash computed once: building the
/// name and hashing it on every record cost several microseconds per sentence in the actor analysis.
struct NamedFeature: Sendable {
    /// The name as `--explain` shows it (`namespace:name`).
    let name: String
    /// `Murmur3.feature(FeatureHash.named(name), namespace: seed)`: the same hash as before the table existed.
    let hash: UInt32
    init(_ name: String, _ ns: Namespace) {
        self.name = ns.rawValue + ":" + name
        self.hash = Murmur3.feature(FeatureHash.named(name), namespace: ns.seed)
    }
}

/// The fixed indicator names of the pair namespace for one side (`title` or `target`), hashed once.
struct PairIndicators: Sendable {
    /// A similarity in [0, 1]: its value and one indicator per twentieth.
    struct Dense: Sendable {
        let value: NamedFeature
        let bins: [NamedFeature]
        init(_ name: String) {
            value = NamedFeature(name, .pair)
            bins = (0..<20).map { NamedFeature(name + "_b\($0)/20", .pair) }
        }
    }
    let cos, overlap1, overlap2, lede1: Dense
    /// `_shared_content_0...6`, `_shared_bigrams_0...4`, `_grid_i_j` (5 × 5, row-major).
    let sharedContent, sharedBigrams, grid: [NamedFeature]

    init(_ prefix: String) {
        cos = Dense(prefix + "_cos"); overlap1 = Dense(prefix + "_overlap1")
        overlap2 = Dense(prefix + "_overlap2"); lede1 = Dense(prefix + "_lede1")
        sharedContent = (0...6).map { NamedFeature(prefix + "_shared_content_\($0)", .pair) }
        sharedBigrams = (0...4).map { NamedFeature(prefix + "_shared_bigrams_\($0)", .pair) }
        grid = (0..<25).map { NamedFeature(prefix + "_grid_\($0 / 5)_\($0 % 5)", .pair) }
    }

    static let title = PairIndicators("title")
    static let target = PairIndicators("target")

    /// Cue indicators, `[group][place]` with place 0 = title, 1 = text: the count feature, then one per
    /// title–text similarity level (0, 1, 2).
    static let cues: [[(count: NamedFeature, levels: [NamedFeature])]] = Cues.groups.map { g in
        ["title", "text"].map { place in
            let name = "cue_\(g.name)_\(place)"
            return (NamedFeature(name, .pair), (0...2).map { NamedFeature(name + "_sim\($0)", .pair) })
        }
    }
}

/// The fixed indicator names of the lexicon namespace for one place (`text`, `title`, `context`), hashed once.
struct LexiconIndicators: Sendable {
    let pos, neg: NamedFeature
    /// `_net_0...6`.
    let net: [NamedFeature]
    init(_ place: String) {
        pos = NamedFeature(place + "_pos", .lexicon); neg = NamedFeature(place + "_neg", .lexicon)
        net = (0...6).map { NamedFeature(place + "_net_\($0)", .lexicon) }
    }
    static let text = LexiconIndicators("text")
    static let title = LexiconIndicators("title")
    static let context = LexiconIndicators("context")
}
