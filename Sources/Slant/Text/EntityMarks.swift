/// The text a directed-sentiment head reads: the record's holder and target mentions replaced by marker words,
/// so that n-grams carry who feels what about whom ("slantholder praised slanttarget" against "slanttarget
/// praised slantholder"). This is how the directed-sentiment literature feeds entity pairs to bag-of-words
/// models (entity markers: Baldini Soares et al. 2019, "Matching the Blanks", in its simplest form).
///
/// Mentions are the record's `holder_spans` and `spans` when given, else every mention of the holder's and the
/// target's names (`MentionFinder`, with a person's surname). Where a holder and a target mention overlap, the
/// one that starts first wins. The marked record has no spans (they would point into the old text).
public enum EntityMarks {
    /// The word that stands for each holder mention.
    public static let holderWord = "slantholder"
    /// The word that stands for each target mention.
    public static let targetWord = "slanttarget"
    /// The marks' token hashes (`murmur3` of their bytes, as the tokenizer hashes a word).
    static let holderHash = Murmur3.hash(holderWord, seed: 0)
    static let targetHash = Murmur3.hash(targetWord, seed: 0)

    /// The record with its mentions marked; the record itself when it names neither a holder nor a target.
    public static func marked(_ r: Record) -> Record {
        let hasHolder = !(r.holder ?? "").isEmpty || !r.holderSpans.isEmpty
        let hasTarget = !(r.target ?? "").isEmpty || !r.spans.isEmpty
        guard hasHolder || hasTarget else { return r }
        let scalars = Array(r.text.unicodeScalars)
        func mentions(_ spans: [Span], _ name: String?) -> [Range<Int>] {
            if !spans.isEmpty { return spans.map { $0.start..<$0.end } }
            guard let n = name, let actor = Actor.fromTarget(n) else { return [] }
            return MentionFinder.find([actor], in: scalars).map { $0.range }
        }
        var marks = mentions(r.holderSpans, r.holder).map { ($0, holderWord) } + mentions(r.spans, r.target).map { ($0, targetWord) }
        marks.sort { ($0.0.lowerBound, $0.1) < ($1.0.lowerBound, $1.1) }
        var out = String.UnicodeScalarView()
        var at = 0
        for (range, word) in marks where range.lowerBound >= at && range.upperBound <= scalars.count {
            out.append(contentsOf: scalars[at..<range.lowerBound])
            out.append(contentsOf: " \(word) ".unicodeScalars)
            at = range.upperBound
        }
        out.append(contentsOf: scalars[at...])
        var c = r
        c.text = String(out)
        c.spans = []
        c.holderSpans = []
        return c
    }
}
