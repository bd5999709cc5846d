/// Words a feature set leaves out of its title and text namespaces (`FeatureSpec.stopWords`), and the named
/// lists `slant-train --stop-words` knows.
///
/// Why: some words say which outlet wrote a text and nothing about it. Newspapers that write "Mr. Smith" on every
/// second mention (the Washington Times, the New York Times, the Christian Science Monitor) share a house style,
/// not a leaning; a leaning head trained on AllSides, where most such articles come from the Washington Times,
/// learned "mr" as a sign of the right and called 43% of the New York Times' news articles right.
/// Stop words are removed before n-grams are formed, as in scikit-learn's `stop_words`: "Mr. Smith said"
/// gives the bigram "smith said".
public enum StopWords {
    /// Honorifics that newspapers' house styles put before names.
    public static let honorifics = ["dr", "messrs", "mr", "mrs", "ms"]

    /// English function words (articles, pronouns, prepositions, conjunctions, auxiliaries, a few adverbs, their
    /// contractions, which the tokenizer reads as one word with any apostrophe, and stray contraction pieces) and
    /// the honorifics. Written for Slant, not taken from another library's list.
    public static let english: [String] = {
        let words = """
        a an the this that these those each every either neither some any no all both few many much more most
        less least several such own other another same
        i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she
        her hers herself it its itself they them their theirs themselves
        who whom whose which what whatever whoever whichever something anything nothing everything someone
        anyone everyone somebody anybody everybody nobody one ones
        about above across after against along amid among around as at before behind below beneath beside
        besides between beyond by despite down during except for from in inside into like near of off on onto
        out outside over past since through throughout till to toward towards under underneath until up upon via
        with within without
        and but or nor so yet because although though while whereas if unless whether than then once when
        whenever where wherever why how
        be am is are was were been being have has had having do does did doing done will would shall should
        can could may might must
        not also just only very too there here now again already still even ever never always often however
        thus therefore hence instead rather quite almost
        s t re ll ve d m
        it's that's there's here's what's who's he's she's let's i'm i've i'd i'll you're you've you'd you'll
        we're we've we'd we'll they're they've they'd they'll he'd he'll she'd she'll don't doesn't didn't isn't
        aren't wasn't weren't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't mustn't
        """
        return Array(Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) + honorifics)).sorted()
    }()

    /// The named lists, by the name `--stop-words` takes.
    public static let named: [String: [String]] = ["honorifics": honorifics, "english": english]

    /// The most words a feature set may leave out.
    public static let limit = 10_000

    /// The words `list` names: comma-separated items, each a named list (`honorifics`, `english`) or one word;
    /// lower-cased, each once, sorted (so that the same words give the same model).
    /// - Throws: `SlantError.usage` quoting an item that is empty or is not one word to the tokenizer ("new
    ///   york", "u.s."), or when the list holds more than `limit` words.
    public static func parse(_ list: String) throws -> [String] {
        var out = Set<String>()
        let tokenizer = Tokenizer()
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let w = item.trimmingCharacters(in: .whitespaces).lowercased()
            if let n = named[w] { out.formUnion(n); continue }
            guard !w.isEmpty else {
                throw SlantError.usage("--stop-words takes comma-separated words or the lists \(named.keys.sorted().joined(separator: ", ")); got an empty item in '\(list)'")
            }
            guard wordHash(w, tokenizer) != nil else {
                throw SlantError.usage("--stop-words: '\(item)' is not one word as the tokenizer reads text (it splits it into several tokens or none); give single words, e.g. mr,mrs")
            }
            out.insert(w)
        }
        guard out.count <= limit else { throw SlantError.usage("--stop-words: \(out.count) words; at most \(limit) are allowed") }
        return out.sorted()
    }

    /// The token hash the tokenizer gives `word` when it reads it as exactly one word token; nil otherwise.
    static func wordHash(_ word: String, _ tokenizer: Tokenizer) -> UInt32? {
        var buf = TokenBuffer()
        tokenizer.tokenize(word, into: &buf)
        guard buf.tokens.count == 1, buf.tokens[0].kind == .word else { return nil }
        return buf.hashes[0]
    }
}

/// A set of token hashes that answers membership in a few instructions: a 4,096-bit filter indexed by the hash's
/// low bits, then a binary search of the sorted hashes for the rare token that passes it. (`Set<UInt32>` hashes
/// every query again with SipHash; this runs for every word of every article.)
struct StopWordSet: Sendable {
    private let bits: [UInt64]
    private let sorted: [UInt32]

    init(_ hashes: [UInt32]) {
        var b = [UInt64](repeating: 0, count: hashes.isEmpty ? 0 : 64)
        for h in hashes { b[Int((h >> 6) & 63)] |= 1 << UInt64(h & 63) }
        bits = b
        sorted = Array(Set(hashes)).sorted()
    }

    var isEmpty: Bool { sorted.isEmpty }

    @inline(__always) func contains(_ h: UInt32) -> Bool {
        guard !bits.isEmpty, (bits[Int((h >> 6) & 63)] >> UInt64(h & 63)) & 1 != 0 else { return false }
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == h
    }
}
