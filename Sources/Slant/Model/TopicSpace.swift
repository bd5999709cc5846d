/// Fits a feature set's latent topic space (`FeatureSpec.topics`) on training records.
public enum TopicSpace {
    /// At most this many records are read to fit the space (evenly spread over the training set): the topics
    /// of 20,000 documents are stable, and the fit stays a few seconds.
    public static let maxDocuments = 20_000

    /// The topic matrix (`2^topicBits × topics`, row-major) of `records`' text blocks: each record's text is
    /// featurized as the feature set does (TF-IDF with `featurizer`'s IDF, normalised), its terms folded into
    /// `2^topicBits` rows, and the matrix of those rows factorised by `RandomizedSVD`. Columns beyond the data's
    /// rank stay zero. Deterministic for a given seed.
    /// - Complexity: O(records × tokens + 3 · nnz · (topics + 10) + 2^topicBits · (topics + 10)²).
    public static func fit(_ featurizer: Featurizer, records: [Record], seed: UInt64) -> [Float] {
        let spec = featurizer.spec
        guard spec.topics > 0 else { return [] }
        let rowMask = UInt32(spec.topicBuckets - 1)
        var rows = RandomizedSVD.Rows(width: spec.topicBuckets)
        var s = FeatureScratch()
        let n = records.count, m = min(n, maxDocuments)
        for i in 0..<m {
            let r = records[i * n / m]
            featurizer.tokenizeAll(r, &s)
            featurizer.beginCollect(&s)
            featurizer.collect(.text, r, &s, explain: false)
            featurizer.aggregate(slot: Namespace.text.slot, &s)
            let entries = s.tables[Namespace.text.slot].entries
            guard !entries.isEmpty else { continue }
            rows.append(columns: entries.map { Int32(bitPattern: $0.term & rowMask) }, values: entries.map { $0.value })
        }
        let fit = RandomizedSVD.fit(rows, rank: spec.topics, seed: seed)
        var out = [Float](repeating: 0, count: spec.topicBuckets * spec.topics)
        for j in 0..<spec.topicBuckets {
            for c in 0..<fit.rank { out[j * spec.topics + c] = fit.v[j * fit.rank + c] }
        }
        return out
    }
}
