/// Actors named by a common noun for a group ("the cartels", "the militias", "the police"), which capitalised-name
/// detection misses: a group noun of `nouns` (plural or singular) mentioned at least `minMentions` times in an
/// article becomes an actor named "the <plural>", matching both forms in any case.
public enum GroupActors {
    /// Nouns for groups that news portrays as actors: (plural, singular; nil when the plural is the only form).
    static let nouns: [(plural: String, singular: String?)] = [
        ("cartels", "cartel"), ("militias", "militia"), ("rebels", "rebel"), ("insurgents", "insurgent"),
        ("militants", "militant"), ("gangs", "gang"), ("terrorists", "terrorist"), ("extremists", "extremist"),
        ("protesters", "protester"), ("protestors", "protestor"), ("demonstrators", "demonstrator"), ("police", nil),
        ("troops", nil), ("soldiers", "soldier"), ("activists", "activist"), ("lawmakers", "lawmaker"),
        ("legislators", "legislator"), ("voters", "voter"), ("workers", "worker"), ("unions", "union"),
        ("residents", "resident"), ("farmers", "farmer"), ("immigrants", "immigrant"), ("migrants", "migrant"),
        ("refugees", "refugee"), ("students", "student"), ("teachers", "teacher"), ("prosecutors", "prosecutor"),
        ("investors", "investor"), ("critics", "critic"), ("supporters", "supporter"), ("opponents", "opponent"),
        ("conservatives", "conservative"), ("liberals", "liberal"), ("progressives", "progressive"),
        ("regulators", "regulator"), ("landlords", "landlord"), ("tenants", "tenant"), ("donors", "donor"),
        ("lobbyists", "lobbyist"), ("smugglers", "smuggler"), ("traffickers", "trafficker"),
    ]

    /// Each form's token hash (`Tokenizer`), and the noun it belongs to.
    static let forms: [UInt32: Int] = {
        var out: [UInt32: Int] = [:]
        let tokenizer = Tokenizer()
        var buf = TokenBuffer()
        for (i, n) in nouns.enumerated() {
            for w in [n.plural] + (n.singular.map { [$0] } ?? []) {
                tokenizer.tokenize(w, into: &buf)
                out[buf.hashes[0]] = i
            }
        }
        return out
    }()
    /// The forms as a small open-addressing set: most words are none of them, and a dictionary look-up per word
    /// (SipHash) would cost as much as the rest of detection.
    static let formSet = WordSet(Array(forms.keys))

    /// The group actors of an article from its tokens: at most `limit`, each mentioned at least `minMentions`
    /// times, most mentioned first (ties: the list's order).
    /// - Complexity: O(tokens).
    public static func find(_ tokens: TokenBuffer, limit: Int, minMentions: Int) -> [Actor] {
        guard limit > 0 else { return [] }
        var counts = [Int](repeating: 0, count: nouns.count)
        tokens.hashes.withUnsafeBufferPointer { h in
            for i in 0..<min(h.count, tokens.tokens.count) where formSet.contains(h[i]) && tokens.tokens[i].kind == .word {
                if let n = forms[h[i]] { counts[n] += 1 }
            }
        }
        return counts.indices.filter { counts[$0] >= minMentions }
            .sorted { (counts[$0], -$0) > (counts[$1], -$1) }
            .prefix(limit)
            .map { i in Actor(name: "the " + nouns[i].plural, aliases: [nouns[i].plural] + (nouns[i].singular.map { [$0] } ?? [])) }
    }
}
