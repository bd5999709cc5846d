/// Whether an actor is the speaker of a quotation in a sentence: `"We will not back down," Ruiz said.` or
/// `Ruiz told reporters: "…"`.
///
/// Why it matters: the tone of a quotation is the speaker's, not the author's portrayal of the speaker. A sentence
/// scorer trained on tone (NewsMTSC) reads `"They did not listen to us," said Maria Lopez` as negative toward
/// Lopez, who only reports a grievance. The actor analysis, when its settings say so
/// (`ActorSettings.neutralSpeakers`), counts such sentences as neutral toward their speaker.
///
/// The rule, kept simple so that it can be read and tested: the sentence holds a quotation mark (`"`, `“`, `”`),
/// one of the actor's mentions lies outside every quotation (an even number of straight quotes before it and no
/// curly quotation left open), and a speech verb (`said`, `told`, `according` …) is among the four words before
/// or after that mention, within the sentence. Indirect speech without quotation marks is not counted, nor is a
/// mention inside a quotation (whose speaker is someone else: see `HeldSentiment`).
public enum QuoteSpeaker {
    /// The speech verbs, lower case.
    static let verbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "argued", "argues", "claimed",
        "claims", "wrote", "writes", "stated", "states", "noted", "notes", "insisted", "insists", "explained",
        "explains", "according", "warned", "warns", "declared", "declares", "tweeted", "tweets", "replied", "replies",
    ]

    /// Words looked at on each side of the mention.
    static let window = 4

    @inline(__always) static func isQuote(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "\u{201C}" || c == "\u{201D}"
    }

    /// Scalars looked at on each side of the mention for its `window` words (a bound for hostile text: a run of
    /// punctuation holds no words).
    static let reach = 120

    /// True when a mention of the actor in `sentence` (offsets into `scalars`; `spans` relative to the sentence's
    /// start, in order, as the analysis lists them) is a quotation's speaker by the rule above.
    /// - Complexity: O(sentence length + spans × `reach`), one pass, and only when the sentence holds a quotation
    ///   mark.
    public static func isSpeaker(_ scalars: [Unicode.Scalar], sentence: Range<Int>, spans: [Span]) -> Bool {
        guard scalars[sentence].contains(where: isQuote) else { return false }
        // Quotation state at each span's start, counted in one pass (the spans come in order; any out of order
        // or outside the sentence is skipped).
        var straight = 0, open = 0, at = sentence.lowerBound
        for span in spans {
            let start = sentence.lowerBound + span.start, end = sentence.lowerBound + span.end
            guard start >= at, end <= sentence.upperBound, start < end else { continue }
            while at < start {
                let c = scalars[at]
                if c == "\"" { straight += 1 } else if c == "\u{201C}" { open += 1 } else if c == "\u{201D}" { open = max(0, open - 1) }
                at += 1
            }
            if straight % 2 == 1 || open > 0 { continue }   // inside a quotation
            let before = max(sentence.lowerBound, start - reach)..<start, after = end..<min(sentence.upperBound, end + reach)
            if words(scalars, before, last: true).contains(where: verbs.contains)
                || words(scalars, after, last: false).contains(where: verbs.contains) {
                return true
            }
        }
        return false
    }

    /// The `window` words (runs of letters, lower-cased) of `range` nearest the mention: the last ones before it
    /// (`last`) or the first ones after it.
    static func words(_ s: [Unicode.Scalar], _ range: Range<Int>, last: Bool) -> [String] {
        var out: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty { out.append(String(word).lowercased()); word = String.UnicodeScalarView() }
        }
        if last {
            var i = range.upperBound
            while i > range.lowerBound && out.count < window {
                i -= 1
                if s[i].properties.isAlphabetic { word.insert(s[i], at: word.startIndex) } else { flush() }
            }
            if out.count < window { flush() }
        } else {
            var i = range.lowerBound
            while i < range.upperBound && out.count < window {
                if s[i].properties.isAlphabetic { word.append(s[i]) } else { flush() }
                i += 1
            }
            if out.count < window { flush() }
        }
        return out
    }
}
