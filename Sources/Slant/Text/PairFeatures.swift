import Foundation

/// Title–text and target–text similarity features and stance cue words.
extension Featurizer {
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
                for i in 0...(end - n) { s.setB.insert(FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + n)]))) }
            }
        }
        s.setA.reset(capacity: a.hashes.count)
        var shared: Float = 0, total: Float = 0, content = 0
        a.hashes.withUnsafeBufferPointer { h in
            for i in 0...(h.count - n) {
                let g = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + n)]))
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
        var out: [(UInt32, Float, String?)] = []
        func indicator(_ f: NamedFeature, _ v: Float = 1) { out.append((f.hash, v, explain ? f.name : nil)) }
        func bin(_ v: Float, _ bins: Int) -> Int { min(bins - 1, max(0, Int(v * Float(bins)))) }
        /// A similarity in [0, 1]: its value, and one indicator per bin (a piecewise-constant response).
        func dense(_ d: PairIndicators.Dense, _ v: Float) {
            indicator(d.value, v)
            indicator(d.bins[bin(v, 20)])
        }
        let textSlot = Namespace.text.slot
        guard !s.text.hashes.isEmpty else { return out }
        // The text's aggregated n-grams double as its n-gram sets (orders 1 and 2) when the text namespace ran.
        let textTable: TermTable? = s.filled[textSlot] ? s.tables[textSlot] : nil
        func table(_ n: Int) -> TermTable? { spec.wordNgrams >= n ? textTable : nil }
        var titleSimilarity: Float? = nil
        for side in 0..<2 {
            let buf = side == 0 ? s.title : s.target
            guard !buf.hashes.isEmpty else { continue }
            let ns: Namespace = side == 0 ? .title : .target
            let names = side == 0 ? PairIndicators.title : PairIndicators.target
            let slot = ns.slot
            var cos: Float = 0
            if spec.namespaces.contains(ns) && spec.namespaces.contains(.text) {
                cos = Featurizer.cosine(s.tables[slot], s.tables[textSlot])
                dense(names.cos, cos)
            }
            let u = overlap(buf, s.text, n: 1, bTable: table(1), &s) ?? (0, 0)
            let o1 = u.fraction
            dense(names.overlap1, o1)
            indicator(names.sharedContent[min(u.content, 6)])
            if let o2 = overlap(buf, s.text, n: 2, bTable: table(2), &s) { dense(names.overlap2, o2.fraction); indicator(names.sharedBigrams[min(o2.content, 4)]) }
            // The lede (first 60 words) restates the headline of a related article.
            if let lede = overlap(buf, s.text, n: 1, limit: 60, &s) { dense(names.lede1, lede.fraction) }
            // A coarse grid of cosine × overlap: an interaction a linear model cannot form by itself.
            indicator(names.grid[bin(cos, 5) * 5 + bin(o1, 5)])
            if side == 0 { titleSimilarity = max(cos, o1) }
        }
        if spec.cues { cueFeatures(&s, similarity: titleSimilarity, indicator: indicator) }
        return out
    }

    /// Cue-word counts per group and place, and crossed with the title–text similarity level.
    func cueFeatures(_ s: inout FeatureScratch, similarity: Float?, indicator: (NamedFeature, Float) -> Void) {
        for place in 0..<2 {
            let buf = place == 0 ? s.title : s.text
            guard !buf.hashes.isEmpty else { continue }
            var counts = (0, 0, 0)
            for h in buf.hashes {
                switch Cues.group[h] { case 0: counts.0 += 1; case 1: counts.1 += 1; case 2: counts.2 += 1; default: break }
            }
            for (g, c) in [counts.0, counts.1, counts.2].enumerated() where c > 0 {
                let names = PairIndicators.cues[g][place]
                indicator(names.count, log(1 + Float(c)))
                if let sim = similarity {
                    let level = sim < 0.1 ? 0 : sim < 0.3 ? 1 : 2
                    indicator(names.levels[level], log(1 + Float(c)))
                }
            }
        }
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
