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
    /// - Complexity: O(UTF-8 length of the text), over its bytes (the article analysis marks each pair of
    ///   entities in a sentence with `--holders`; an array of scalars and a scalar-by-scalar string per pair
    ///   cost 60% of that run). Mention finding, when a name comes without spans, reads the scalars.
    public static func marked(_ r: Record) -> Record {
        let hasHolder = !(r.holder ?? "").isEmpty || !r.holderSpans.isEmpty
        let hasTarget = !(r.target ?? "").isEmpty || !r.spans.isEmpty
        guard hasHolder || hasTarget else { return r }
        var scalars: [Unicode.Scalar]? = nil
        func mentions(_ spans: [Span], _ name: String?) -> [Range<Int>] {
            if !spans.isEmpty { return spans.map { $0.start..<$0.end } }
            guard let n = name, let actor = Actor.fromTarget(n) else { return [] }
            if scalars == nil { scalars = Array(r.text.unicodeScalars) }
            return MentionFinder.find([actor], in: scalars!).map { $0.range }
        }
        var marks = mentions(r.holderSpans, r.holder).map { ($0, holderWord) } + mentions(r.spans, r.target).map { ($0, targetWord) }
        marks.sort { ($0.0.lowerBound, $0.1) < ($1.0.lowerBound, $1.1) }
        var text = r.text
        let out: [UInt8] = text.withUTF8 { p in
            // Scalars start at every byte that is not a continuation byte (10xxxxxx): the text is valid UTF-8.
            var count = 0
            for b in p where b & 0xC0 != 0x80 { count += 1 }
            var out: [UInt8] = []
            out.reserveCapacity(p.count + 14 * marks.count)
            // A cursor over the bytes: `byte` is where scalar `scalar` starts.
            var byte = 0, scalar = 0
            func seek(_ target: Int) {
                while scalar < target {
                    byte += 1
                    while byte < p.count && p[byte] & 0xC0 == 0x80 { byte += 1 }
                    scalar += 1
                }
            }
            var at = 0
            for (range, word) in marks where range.lowerBound >= at && range.upperBound <= count {
                let from = byte
                seek(range.lowerBound)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[from..<byte]))
                out.append(0x20); out.append(contentsOf: word.utf8); out.append(0x20)
                seek(range.upperBound)
                at = range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[byte...]))
            return out
        }
        var c = r
        c.text = String(decoding: out, as: UTF8.self)
        c.spans = []
        c.holderSpans = []
        return c
    }
}
