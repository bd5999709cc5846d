/// Finds an article's main actors when the user names none: capitalised names that recur.
///
/// 1. Capitalised word sequences inside one sentence ("Donald Trump", "Iran") are candidate names; a title in
///    front of them is dropped ("President Trump", "Mr. Trump", "Mayor Ellen Park" give "Trump" and "Ellen Park"),
///    and so is a function word that is capitalised only because it opens the sentence ("But Iran ..." gives
///    "Iran"). A one-word name seen only at the start of sentences ("Opponents said ...") is not a name.
/// 2. A one-word name that is the last word of a longer name merges into the most frequent such name
///    ("Trump" into "Donald Trump"), which then matches both.
/// 3. Mentions are counted as the names are read (a longer name's count includes its merged one-word names);
///    names with at least `minMentions` mentions
///    are kept, most mentioned first (ties: first mentioned first), at most `limit` of them. When no name
///    recurs (a short piece), the multi-word names mentioned once are kept instead.
public enum ActorDetector {
    /// Titles and honorifics dropped from the front of a name.
    static let titles: Set<String> = [
        "president", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep", "representative",
        "gov", "governor", "secretary", "minister", "prime", "chancellor", "king", "queen", "prince", "princess",
        "judge", "justice", "general", "gen", "lt", "col", "sgt", "capt", "mayor", "chairman", "chairwoman", "chief",
        "vice", "speaker", "leader", "attorney", "ambassador", "pope", "sir", "lady", "lord", "sheikh", "ayatollah",
        "commissioner", "director", "officer", "detective", "sheriff", "coach", "council", "councilman",
        "councilwoman", "congressman", "congresswoman", "former", "candidate", "democrat", "republican", "st",
        "saint", "father", "reverend", "rev", "bishop", "cardinal", "dame", "justice", "deputy", "foreign",
    ]
    /// Words that are capitalised at the start of a sentence but never names on their own.
    static let functionWords: Set<String> = [
        "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "if", "when", "while", "after", "before",
        "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
        "our", "my", "your", "as", "so", "yet", "still", "however", "meanwhile", "there", "here", "what", "who",
        "why", "how", "where", "some", "many", "most", "all", "both", "each", "one", "two", "three", "last", "next",
        "also", "even", "only", "just", "now", "then", "today", "yesterday", "tomorrow", "to", "of", "with", "by",
        "from", "about", "not", "no", "yes", "despite", "although", "though", "because", "since", "until", "during",
        "among", "under", "over", "instead", "according", "asked", "said", "says", "while", "whether", "such",
        "other", "another", "more", "less", "several", "few", "every", "any", "much", "like", "unlike", "do",
        "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "should", "may", "might", "must", "let", "us", "me", "him", "them", "mr", "mrs", "ms",
    ]
    /// Capitalised words that are not actors (calendar words and the like).
    static let notNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm", "ap",
        "read", "more", "photo", "video", "image", "getty", "images", "reuters", "click", "advertisement",
    ]
    /// Lower-case words allowed inside a name between capitalised words ("Bank of America", "Ludwig van Beethoven").
    static let connectors: Set<String> = ["of", "de", "van", "von", "bin", "al", "da", "del", "la", "le", "di", "du", "der", "den"]

    struct Word {
        var range: Range<Int>
        /// The word as written, for capitalised words and for short words right after one (possible connectors,
        /// "Bank of America"); empty otherwise: most words never need a string.
        var text: String
        /// `text` lower-cased, for the word-list look-ups.
        var lower: String
        var capitalised: Bool
        /// First word of its sentence (after any opening quote).
        var initial: Bool
        /// Punctuation (other than spaces) between the previous word and this one.
        var gapPunctuation: Bool
    }

    /// The words of one sentence.
    static func words(_ s: [Unicode.Scalar], _ sentence: Range<Int>) -> [Word] {
        var out: [Word] = []
        var i = sentence.lowerBound
        var punct = false
        while i < sentence.upperBound {
            let c = s[i]
            if MentionFinder.isWordScalar(c) {
                var j = i + 1
                while j < sentence.upperBound {
                    if MentionFinder.isWordScalar(s[j]) { j += 1; continue }
                    // Inner hyphens and apostrophes ("al-Sadr", "O'Brien"), not a possessive 's.
                    if (s[j] == "-" || s[j] == "'" || s[j] == "’"), j + 1 < sentence.upperBound, MentionFinder.isWordScalar(s[j + 1]),
                       !(s[j] != "-" && (s[j + 1] == "s" || s[j + 1] == "S") && (j + 2 == sentence.upperBound || !MentionFinder.isWordScalar(s[j + 2]))) {
                        j += 2; continue
                    }
                    break
                }
                // Only capitalised words and short ones after them (connectors such as "of", "van") are read as text.
                let capitalised = ScalarClass.isUpper(c)
                let read = capitalised || (j - i <= 3 && out.last?.capitalised == true && !punct)
                let text = read ? String(scalars: s, i..<j) : ""
                out.append(Word(range: i..<j, text: text, lower: read ? text.lowercased() : "", capitalised: capitalised,
                                initial: out.isEmpty, gapPunctuation: punct))
                punct = false
                i = j
                // A possessive or other trailing apostrophe belongs to no word but is no punctuation gap either.
                if i < sentence.upperBound, s[i] == "'" || s[i] == "’" {
                    i += 1
                    if i < sentence.upperBound, s[i] == "s" || s[i] == "S" { i += 1 }
                    punct = true
                }
                continue
            }
            if !ScalarClass.isSpace(c) && !(out.isEmpty && SentenceSplitter.isOpener(c)) { punct = true }
            if c == "." && !out.isEmpty {
                // "Mr." keeps the title attached; other full stops break a name.
                if out[out.count - 1].capitalised && titles.contains(out[out.count - 1].lower) { punct = false }
            }
            i += 1
        }
        return out
    }

    /// The candidate names of one sentence, with whether each stood at the sentence's start.
    static func candidates(_ ws: [Word]) -> [(name: String, initial: Bool)] {
        var out: [(String, Bool)] = []
        var i = 0
        while i < ws.count {
            guard ws[i].capitalised else { i += 1; continue }
            var j = i + 1
            while j < ws.count, !ws[j].gapPunctuation {
                if ws[j].capitalised { j += 1; continue }
                if connectors.contains(ws[j].text), j + 1 < ws.count, ws[j + 1].capitalised, !ws[j + 1].gapPunctuation { j += 2; continue }
                break
            }
            var run = Array(ws[i..<j])
            var initial = run[0].initial
            while let f = run.first, functionWords.contains(f.lower) || titles.contains(f.lower) {
                run.removeFirst(); initial = false
            }
            while let l = run.last, connectors.contains(l.text) || notNames.contains(l.lower) { run.removeLast() }
            if !run.isEmpty, !(run.count == 1 && notNames.contains(run[0].lower)),
               run.contains(where: { $0.text.unicodeScalars.count >= 2 }) {
                out.append((run.map { $0.text }.joined(separator: " "), initial))
            }
            i = j
        }
        return out
    }

    /// The main actors of a text.
    /// - Parameters:
    ///   - sentences: the text's sentences (`SentenceSplitter.split`).
    ///   - limit: at most this many actors.
    ///   - minMentions: an actor needs at least this many mentions.
    /// - Complexity: O(text) expected, plus sorting the names.
    public static func detect(_ s: [Unicode.Scalar], sentences: [Range<Int>], limit: Int = 5, minMentions: Int = 2) -> [Actor] {
        var counts: [String: Int] = [:]
        var confirmed = Set<String>()   // seen somewhere other than a sentence's first word
        var firstSeen: [String: Int] = [:]
        var order = 0
        for sentence in sentences {
            for (name, initial) in candidates(words(s, sentence)) {
                counts[name, default: 0] += 1
                if !initial || name.hasSpace { confirmed.insert(name) }
                if firstSeen[name] == nil { firstSeen[name] = order; order += 1 }
            }
        }
        // A one-word name at a sentence's start is still a name when it is the last word of a longer one ("Reza").
        let surnames = Set(counts.keys.filter { $0.hasSpace }.compactMap { $0.split(separator: " ").last.map(String.init) })
        let names = counts.keys.filter { confirmed.contains($0) || surnames.contains($0) }
        // Merge one-word names into the most frequent longer name that ends with them.
        var aliasesOf: [String: [String]] = [:]
        var mergedInto: [String: String] = [:]
        // The most frequent longer name per last word, found in one pass (linear in the number of names).
        var bestByLastWord: [Substring: String] = [:]
        for name in names where name.hasSpace {
            guard let last = name.split(separator: " ").last else { continue }
            if let cur = bestByLastWord[last], (counts[cur]!, -firstSeen[cur]!) >= (counts[name]!, -firstSeen[name]!) { continue }
            bestByLastWord[last] = name
        }
        for single in names where !single.hasSpace {
            if let best = bestByLastWord[Substring(single)] {
                mergedInto[single] = best
                aliasesOf[best, default: []].append(single)
            }
        }
        // A name's mentions: its own occurrences and those of the one-word names merged into it.
        var mentions: [String: Int] = [:]
        for name in names { mentions[mergedInto[name] ?? name, default: 0] += counts[name]! }
        let heads = names.filter { mergedInto[$0] == nil }
        var kept = heads.filter { mentions[$0]! >= minMentions }
        // A short article may name each person once: then its full (multi-word) names are its actors.
        if kept.isEmpty { kept = heads.filter { $0.hasSpace } }
        return kept
            .sorted { (mentions[$0]!, -firstSeen[$0]!) > (mentions[$1]!, -firstSeen[$1]!) }
            .prefix(limit)
            .map { Actor(name: $0, aliases: [$0] + (aliasesOf[$0] ?? []), caseSensitive: true) }
    }
}
