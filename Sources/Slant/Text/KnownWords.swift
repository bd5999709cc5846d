import Foundation

/// What a model can read: the words most of a feature set's training documents use, and how much of a text
/// must be among them for the model to answer.
///
/// A linear head answers for any input, even random characters or a language it never saw: every bucket it
/// reads has a weight, and the bias alone picks a label. So each feature set keeps the `size` words that occur
/// in the most of its training documents (title and text; token hashes, `Tokenizer`), and the median share of a
/// training text's first `sample` tokens that are among them. `slant-score` measures a record's text against the
/// known words of the feature set trained on the most distinct texts (`documents`; in the default model,
/// `leaning`'s 27,813 articles): a text whose sample holds at least `minWords` tokens or `minBytes` bytes of
/// tokens and whose share is below `threshold` (`fraction` × that median) is not read, and every head and the
/// actor analysis are left out for it, with the reason. A feature set trained on fewer distinct words than it
/// would keep keeps none.
///
/// Every token counts, not only words: numbers, ideographs, kana, the letters of scripts written without spaces
/// (Thai) and emoji (each a token of its own), URLs, handles and hashtags are never known words, so a text in
/// Chinese, Japanese or Thai, a row of digits or of emoji is not read (until 2026-12-06 only words counted, and
/// such texts, having fewer than `minWords` of them, were read and answered). And a text of few, long tokens is
/// measured too (`minBytes`): a 3,000-character hex or base64 string is one token.
///
/// Why one set decides: sets trained on a few hundred texts know too few words to tell a language. With the
/// default model, on 5,538 English texts (AllSides dev and extra, SemEval-2023 frames, PerSenT dev, SEESAW dev)
/// `leaning`'s words cover at least 0.54 of the median share (0.60 for all but three), where random characters
/// reach 0.06, news in German 0.06, Spanish 0.09 and French 0.15, an article whose words' letters were shuffled
/// 0.20, and news in Chinese, Japanese and Thai 0; `frames`' words cover Spanish at about 0.29 and a caption-only
/// PerSenT article at about 0.14. The fraction 0.3 lies between, with margins of 1.8× and 1.5×
/// (`KnownWordsTests`).
public struct KnownWords: Codable, Equatable, Sendable {
    /// The known words' token hashes (`Tokenizer`'s Murmur3 of the normalised word), ascending.
    public var words: [UInt32] { didSet { lookup = WordSet(words) } }
    /// The median share of a training text's first `sample` tokens that are known words.
    public var median: Float
    /// The distinct training texts the words were counted over: the model reads with the set that has most.
    public var documents: Int
    /// The share below which a text is not read.
    public var threshold: Float
    /// `words` as an open-addressing set (a binary search per word was a fifth of `--task leaning`'s time).
    private var lookup: WordSet

    private enum CodingKeys: String, CodingKey { case words, median, threshold, documents }

    /// In the model header the words are one base64 string of their little-endian bytes: decoding 2,048 numbers
    /// per feature set from a JSON array took 46 M instructions, a quarter of `slant-score`'s start-up.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .words)
        guard let bytes = Data(base64Encoded: text), bytes.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .words, in: c, debugDescription: "known words are not base64 of 4-byte words")
        }
        let words = bytes.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) } }
        self.init(words: words, median: try c.decode(Float.self, forKey: .median), threshold: try c.decode(Float.self, forKey: .threshold),
                  documents: try c.decode(Int.self, forKey: .documents))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var bytes = Data(capacity: words.count * 4)
        for w in words { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }
        try c.encode(bytes.base64EncodedString(), forKey: .words)
        try c.encode(median, forKey: .median)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(documents, forKey: .documents)
    }

    public static func == (a: KnownWords, b: KnownWords) -> Bool {
        a.words == b.words && a.median == b.median && a.threshold == b.threshold && a.documents == b.documents
    }

    /// How many words a feature set keeps.
    public static let size = 2048
    /// The threshold as a fraction of the training median.
    public static let fraction: Float = 0.3
    /// Texts with fewer tokens are always read (a share of a few words says little), unless they hold
    /// `minBytes` bytes or more.
    public static let minWords = 20
    /// Texts of fewer than `minWords` tokens are judged when their tokens hold this many bytes or more: about
    /// 40 English words, where a string of code or base64 makes one token of it.
    public static let minBytes = 200
    /// The share is measured on a text's first `sample` tokens (an article's language and readability show in
    /// its first paragraphs: counting every word cost 4% of `--task leaning`'s time, 256 words 3% of the default
    /// analysis's).
    public static let sample = 128

    public init(words: [UInt32], median: Float, threshold: Float, documents: Int = 0) {
        self.words = words; self.median = median; self.threshold = threshold; self.documents = documents
        lookup = WordSet(words)
    }

    /// The known words of `records` (title and text): the `size` words in the most documents (ties: the smaller
    /// hash first, so the result does not depend on the order of the records), the median share of a record's
    /// text (its first `sample` tokens) over the records large enough to be judged (`judged`; over all records
    /// when none is), the threshold and the distinct texts. Nil when the records have fewer than `size` distinct words.
    /// - Complexity: O(total tokens), plus sorting the distinct words.
    public static func fit(_ records: [Record], size: Int = KnownWords.size) -> KnownWords? {
        var df: [UInt32: Int32] = [:]
        var seen = Set<UInt32>()
        var texts = Set<String>()
        var buf = TokenBuffer()
        let tokenizer = Tokenizer()
        for r in records {
            texts.insert(r.text)
            seen.removeAll(keepingCapacity: true)
            for text in [r.title ?? "", r.text] where !text.isEmpty {
                tokenizer.tokenize(text, into: &buf)
                for (i, t) in buf.tokens.enumerated() where t.kind == .word { seen.insert(buf.hashes[i]) }
            }
            for h in seen { df[h, default: 0] += 1 }
        }
        // Too little text to tell a language by: fewer distinct words than the set keeps (a model trained on a
        // few dozen records would refuse ordinary articles for words it never saw).
        guard df.count >= size else { return nil }
        let top = df.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(size).map { $0.key }.sorted()
        var known = KnownWords(words: top, median: 0, threshold: 0, documents: texts.count)
        var shares: [Float] = [], all: [Float] = []
        // Measured as scoring measures a text: its first `sample` tokens.
        for r in records {
            tokenizer.tokenize(r.text, into: &buf)
            let c = known.count(buf, limit: sample)
            guard c.words > 0 else { continue }
            all.append(Float(c.known) / Float(c.words))
            if judged(words: c.words, bytes: c.bytes) { shares.append(Float(c.known) / Float(c.words)) }
        }
        let s = (shares.isEmpty ? all : shares).sorted()
        known.median = s.isEmpty ? 0 : s[s.count / 2]
        known.threshold = fraction * known.median
        return known
    }

    /// The tokens of `buf` (of every kind), at most `limit` of them from the start, how many of them are known
    /// words, and how many bytes they hold (normalised UTF-8).
    public func count(_ buf: TokenBuffer, limit: Int = .max) -> (known: Int, words: Int, bytes: Int) {
        var known = 0, n = 0, bytes = 0
        buf.tokens.withUnsafeBufferPointer { t in
            buf.hashes.withUnsafeBufferPointer { h in
                for i in 0..<min(t.count, h.count, limit) {
                    n += 1
                    bytes += Int(t[i].end - t[i].start)
                    if t[i].kind == .word && lookup.contains(h[i]) { known += 1 }
                }
            }
        }
        return (known, n, bytes)
    }

    /// Whether a sample of `words` tokens holding `bytes` bytes is large enough to be judged.
    @inline(__always) public static func judged(words: Int, bytes: Int) -> Bool { words >= minWords || bytes >= minBytes }

    /// The share of `buf`'s words the model knows when it is below the threshold (the text is not read), else nil.
    public func shareNotRead(_ buf: TokenBuffer) -> Float? {
        let c = count(buf, limit: Self.sample)
        guard c.words > 0, Self.judged(words: c.words, bytes: c.bytes) else { return nil }
        let share = Float(c.known) / Float(c.words)
        return share < threshold ? share : nil
    }

    /// Why `buf` is not read (nil when it is): its share of known words is below the threshold.
    public func reasonNotRead(_ buf: TokenBuffer) -> String? {
        shareNotRead(buf).map { Self.reasonNotRead(known: $0, needs: threshold) }
    }

    /// The reason for a text not read, from its share of known words and the share needed.
    public static func reasonNotRead(known: Float, needs: Float) -> String {
        "cannot read the text: " + describe(known: known, needs: needs)
    }

    /// A text not read, in words: the share of its words the model knows and the share it needs.
    public static func describe(known: Float, needs: Float) -> String {
        "the model recognises \(Int((known * 100).rounded()))% of its words and needs \(Int((needs * 100).rounded()))% (the text is unreadable, or not in the language the model learned from)"
    }

    /// Whether the fields are consistent (ascending distinct words, shares between 0 and 1).
    func problem() -> String? {
        if words.count > 65_536 { return "holds \(words.count) words; at most 65536" }
        for i in words.indices.dropFirst() where words[i - 1] >= words[i] { return "words are not ascending and distinct" }
        for (name, v) in [("median", median), ("threshold", threshold)] where !(v >= 0 && v <= 1) {
            return "\(name) is \(v); it is between 0 and 1"
        }
        if documents < 0 { return "documents is \(documents); it is at least 0" }
        return nil
    }
}

/// A set of 32-bit word hashes: one array of slots, a quarter full, probed linearly from the hash's top bits
/// (0 marks an empty slot; the hash 0 itself is kept aside). Small enough to stay in the first-level cache.
struct WordSet: Sendable {
    private let slots: [UInt32]
    private let shift: UInt32
    private let hasZero: Bool

    init(_ words: [UInt32]) {
        var bits: UInt32 = 4
        while (1 << bits) < words.count * 4 { bits += 1 }
        var t = [UInt32](repeating: 0, count: 1 << bits)
        let mask = (1 << Int(bits)) - 1
        for w in words where w != 0 {
            var i = Int((w &* 0x9E37_79B1) >> (32 - bits))
            while t[i] != 0 && t[i] != w { i = (i + 1) & mask }
            t[i] = w
        }
        slots = t; shift = 32 - bits; hasZero = words.contains(0)
    }

    @inline(__always) func contains(_ w: UInt32) -> Bool {
        if w == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { t in
            let mask = t.count - 1
            var i = Int((w &* 0x9E37_79B1) >> shift)
            while true {
                let v = t[i]
                if v == w { return true }
                if v == 0 { return false }
                i = (i + 1) & mask
            }
        }
    }
}
