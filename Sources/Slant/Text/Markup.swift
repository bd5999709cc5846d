import Foundation

/// How much of a text is HTML or XML markup rather than prose: a page's source given where its text belongs.
///
/// A page's source holds English words (its title, menus, attribute names), enough for the known-word check
/// (`KnownWords`) to read it, and the heads answered for it with confidence (a news page's source: `leaning
/// center 0.42` and two frames). What tells it apart is how much of it is tags: the share of the first `sample`
/// bytes that are tags (`<` then a letter, `/`, `!` or `?`, up to the next `>`), comments, and the contents of
/// `script` and `style` elements. On the English articles `KnownWordsTests` reads (AllSides dev and extra,
/// SemEval-2023 frames, PerSenT dev, SEESAW dev) the share is at most 0.05, and none of the shared datasets'
/// records reaches the threshold (FNC-1's bodies keep a few tags); a page's source is mostly markup (0.97 for a
/// short news page whose head holds a script). A text whose share is `threshold` or more is not read, with the
/// reason.
public enum Markup {
    /// The bytes measured, from the text's start.
    public static let sample = 4096
    /// The share of markup from which a text is not read.
    public static let threshold: Float = 0.5
    /// Texts shorter than this are always read (`KnownWords.minBytes`).
    public static let minBytes = KnownWords.minBytes
    /// A tag longer than this is not taken for one (a stray `<` in prose).
    static let longestTag = 2048

    /// The share of markup in the first `sample` bytes of `text` (0 when it is shorter than `minBytes`).
    /// - Complexity: O(min(n, `sample` + `longestTag`)).
    public static func share(_ text: String) -> Float {
        var text = text
        return text.withUTF8 { share($0) }
    }

    /// `share` over UTF-8 bytes.
    public static func share(_ p: UnsafeBufferPointer<UInt8>) -> Float {
        let n = min(p.count, sample)
        guard n >= minBytes else { return 0 }
        var markup = 0, i = 0
        let reach = min(p.count, n + longestTag)
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        /// Where `needle` (lower-case ASCII) next starts at or after `from`, case-insensitively, within the
        /// longest tag's reach past the sample.
        func find(_ needle: StaticString, from: Int) -> Int? {
            let m = needle.utf8CodeUnitCount, s = needle.utf8Start
            var j = from
            while j <= reach - m {
                var k = 0
                while k < m && lower(p[j + k]) == s[k] { k += 1 }
                if k == m { return j }
                j += 1
            }
            return nil
        }
        // The next '>' at or after a position, remembered: text with many '<' and no '>' is scanned once.
        var gtFrom = -1, gtAt: Int? = nil
        func nextGT(_ from: Int) -> Int? {
            if gtFrom >= 0 && from >= gtFrom && (gtAt == nil || from <= gtAt!) { return gtAt }
            gtFrom = from; gtAt = find(">", from: from)
            return gtAt
        }
        while i < n {
            // The next '<' by the C library's vectorised scan: prose has few.
            guard let q = memchr(p.baseAddress! + i, 0x3C, n - i) else { break }
            i = p.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < p.count else { break }
            let c = lower(p[i + 1])
            guard (c >= 0x61 && c <= 0x7A) || c == 0x2F || c == 0x21 || c == 0x3F else { i += 1; continue }
            var end: Int? = nil
            if c == 0x21, i + 3 < p.count, p[i + 2] == 0x2D, p[i + 3] == 0x2D {
                // A comment; one never closed runs to the end, as in HTML.
                end = find("-->", from: i + 4).map { $0 + 3 } ?? reach
            } else if let gt = nextGT(i + 1), gt - i <= longestTag {
                end = gt + 1
                // A script's or a style's contents are markup too, up to its closing tag.
                for (open, close) in [("script", "</script"), ("style", "</style")] as [(StaticString, StaticString)] {
                    let m = open.utf8CodeUnitCount
                    guard c != 0x2F, i + 1 + m <= gt else { continue }
                    var same = true
                    for k in 0..<m where lower(p[i + 1 + k]) != open.utf8Start[k] { same = false; break }
                    let after = i + 1 + m < p.count ? p[i + 1 + m] : 0x3E
                    guard same, after == 0x3E || after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || after == 0x2F else { continue }
                    if let e = find(close, from: gt + 1), let gt2 = find(">", from: e) { end = gt2 + 1 } else { end = reach }
                }
            }
            guard let e = end else { i += 1; continue }
            markup += min(e, n) - i
            i = e
        }
        return Float(markup) / Float(n)
    }

    /// Why `text` is not read (nil when it is): its share of markup is `threshold` or more.
    public static func reasonNotRead(share: Float) -> String? {
        share >= threshold ? "cannot read the text: " + describe(share) : nil
    }

    /// A text not read for its markup, in words.
    public static func describe(_ share: Float) -> String {
        "it is HTML or XML markup (tags, scripts and styles make \(Int((share * 100).rounded()))% of its first \(sample) bytes); give the page's text, not its source, or the page as a .html file (or --html-text), whose article Slant reads"
    }
}

extension KnownWords {
    /// Whether the model reads `text` (tokenized in `tokens`), as `slant-score` decides: nil when it does;
    /// else the share of known words and the share needed (`shareNotRead`), and the markup share when the text
    /// is a page's source (`Markup`), which decides first.
    public func verdict(_ text: String, tokens: TokenBuffer) -> (known: Float, needs: Float, markup: Float?)? {
        let share = Markup.share(text)
        if share >= Markup.threshold {
            let c = count(tokens, limit: Self.sample)
            return (c.words > 0 ? Float(c.known) / Float(c.words) : 0, threshold, share)
        }
        return shareNotRead(tokens).map { ($0, threshold, nil) }
    }
}

