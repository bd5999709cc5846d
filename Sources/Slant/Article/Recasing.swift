/// Text written in capitals (broadcast transcripts, wire copy, closed captions) read as if written in mixed case.
///
/// Actor detection finds names by their capitals, and in "PRIME MINISTER ANA RUIZ SAID" every word has them:
/// such a text gave no names. When most of a text's letters are capitals, its runs of words in capitals are
/// recased word by word, one scalar for one (offsets do not move), as news text writes each word inside a
/// sentence (`CaseForms`, counted in AllSides' train split):
///
/// - a word news text writes in capitals stays so ("FBI", "NATO"); transcripts' markers ("SOT") are lower-cased;
/// - a word it writes mostly in lower case is lower-cased ("POLICE" → "police", "GOVERNMENT'S"), unless it
///   is capitalised together with its neighbour ("NEW YORK" → "New York") or opens a sentence;
/// - every other word is capitalised ("RUIZ" → "Ruiz", "MCCAIN" → "McCain"): a name, or a word too rare to be
///   listed;
/// - a letter alone stays a capital (an initial, "I"), except "a" inside a sentence;
/// - but a word the text also writes in capitals alone, or with a capital inside it, is written so ("ISIS
///   is", "McDonald").
///
/// Written in capitals, the first 600 articles of AllSides' dev split give 87% of the actors found in the
/// originals, 99% of them with the same label; the extra outlets' first 600, 80% (`docs/article-analysis.md`).
/// Words written with a lower-case letter are left as written, and so are fewer than three words in capitals
/// among them (acronyms); a text whose letters are mostly lower case is never recased.
enum Recasing {
    /// Whether `s` has 20 or more capitals and at least as many capitals as lower-case letters (ASCII letters:
    /// those are what tell text in capitals from text in mixed case). A text whose lower-case letters outnumber
    /// its capitals by more than four to one (and 64) in its first hundreds of scalars is taken to be in mixed
    /// case there: a text in mixed case costs a few hundred scalars' look, not a pass.
    /// - Complexity: O(s) for a text in capitals.
    static func isMostlyCapitals(_ s: [Unicode.Scalar]) -> Bool {
        var upper = 0, lower = 0
        for (i, c) in s.enumerated() {
            let v = c.value
            if v &- 0x41 < 26 { upper += 1 } else if v &- 0x61 < 26 { lower += 1 }
            if i & 63 == 63 && lower > 4 * upper + 64 { return false }
        }
        return upper >= 20 && upper >= lower
    }

    /// Recases, in place, the words of `s` written in capitals that stand in a run of three or more such words
    /// (a word in capitals alone among words in lower case is an acronym as written).
    /// - Complexity: O(s), plus making the lists' keys once, on the first text in capitals.
    static func recase(_ s: inout [Unicode.Scalar]) {
        // The words, each with whether it opens a sentence: the text's first, one after a sentence's end and a
        // space ("SAID. THE"), after a colon and an opening quotation mark ("SAID: “THE"), or at the start of a
        // line after a blank line or a line that ended a sentence (a line break alone may be a hard wrap's).
        var words: [(range: Range<Int>, opens: Bool, capitals: Bool)] = []
        let n = s.count
        var i = 0
        var opens = true, ended = false, colon = false, lineEmpty = true
        while i < n {
            let c = s[i]
            if ScalarClass.isLetter(c) {
                var j = i + 1
                while j < n && (ScalarClass.isLetter(s[j])
                    || (s[j] == "'" || s[j] == "\u{2019}") && j + 1 < n && ScalarClass.isLetter(s[j + 1])) { j += 1 }
                var upper = false, lower = false
                for k in i..<j { if ScalarClass.isUpper(s[k]) { upper = true } else if ScalarClass.isLower(s[k]) { lower = true } }
                words.append((i..<j, opens, upper && !lower))
                opens = false; ended = false; colon = false; lineEmpty = false
                i = j
                continue
            }
            switch c {
            case ".", "!", "?": ended = true
            case ":": colon = true
            case "\"", "\u{201C}": if colon { opens = true }
            case ")", "]", "\u{201D}", "\u{2019}": break
            default:
                if SentenceSplitter.isLineBreak(c) {
                    if ended || lineEmpty { opens = true }
                    lineEmpty = true
                } else if ScalarClass.isSpace(c) {
                    if ended { opens = true }
                } else { ended = false; colon = false; lineEmpty = false }
            }
            i += 1
        }
        var forms = [Form?](repeating: nil, count: words.count)
        var inRun = [Bool](repeating: false, count: words.count)
        var alone = [Bool](repeating: false, count: words.count)   // in capitals between words that are not
        var k = 0
        while k < words.count {
            guard words[k].capitals else { k += 1; continue }
            var e = k + 1
            while e < words.count && words[e].capitals { e += 1 }
            if e - k >= 3 { for x in k..<e { inRun[x] = true } }
            if e - k == 1 { alone[k] = true }
            k = e
        }
        // A word the text itself writes in capitals alone ("ISIS is") or with a capital inside it ("Mr.
        // McDonald") is written so in its runs of capitals too. (Not a word merely capitalised: "New" may have
        // been New York's; nor two words in capitals: "SOT THE".)
        var asWritten: [UInt64: Int] = [:]
        for x in words.indices where !inRun[x] && words[x].range.count > 1 {
            let r = words[x].range
            guard alone[x] || !words[x].capitals && r.dropFirst().contains(where: { ScalarClass.isUpper(s[$0]) }),
                  let key = key(s, r)?.word, asWritten[key] == nil else { continue }
            asWritten[key] = x
        }
        for x in words.indices where inRun[x] {
            if let key = key(s, words[x].range)?.word, let y = asWritten[key] {
                for (i, j) in zip(words[x].range, words[y].range) { s[i] = s[j] }
                continue
            }
            forms[x] = form(s, words[x].range, opens: words[x].opens)
        }
        // Two words capitalised together ("NEW YORK", "SUPREME COURT", "COCA-COLA"), with one space or hyphen between.
        for k in words.indices.dropLast() {
            let a = words[k].range, b = words[k + 1].range
            guard forms[k] == .lower || forms[k + 1] == .lower, forms[k] != nil, forms[k + 1] != nil,
                  b.lowerBound == a.upperBound + 1, s[a.upperBound] == " " || s[a.upperBound] == "-",
                  let x = key(s, a)?.word, let pair = key(s, b, after: FNV64.mix(x, "_"))?.word else { continue }
            if pairKeys.contains(pair) {
                if forms[k] == .lower { forms[k] = .capitalised }
                if forms[k + 1] == .lower { forms[k + 1] = .capitalised }
            }
        }
        for (k, w) in words.enumerated() {
            guard let f = forms[k], f != .capitals else { continue }
            // A lower-case word opening a sentence is capitalised, as is every other word not in capitals.
            let a = w.range.lowerBound
            let from = f == .lower && !w.opens || f == .marker ? a : a + 1
            // "MCCONNELL" is "McConnell".
            let mc = f == .capitalised && w.range.count >= 5 && s[a] == "M" && s[a + 1] == "C" && ScalarClass.isLetter(s[a + 2])
            for x in from..<w.range.upperBound where !(mc && x == a + 2) { s[x] = lowercased(s[x]) }
        }
    }

    /// What a word written in capitals becomes: `marker` is in lower case even opening a sentence.
    enum Form { case lower, capitalised, capitals, marker }

    /// The form of the word `range`, written in capitals.
    static func form(_ s: [Unicode.Scalar], _ range: Range<Int>, opens: Bool) -> Form {
        if range.count == 1 { return s[range.lowerBound] == "A" && !opens ? .lower : .capitals }
        guard let k = key(s, range) else { return .capitalised }
        if markerKeys.contains(k.word) { return .marker }
        if capitalKeys.contains(k.word) { return .capitals }
        // A possessive as its word: "GOVERNMENT'S" as "government".
        if lowerKeys.contains(k.word) || k.possessed.map(lowerKeys.contains) == true { return .lower }
        return .capitalised
    }

    /// Broadcast transcripts' markers (voice-over, sound on tape, natural sound), lower-cased wherever they
    /// stand, so that no name takes them in ("NATS OF ISIS", "VO AXEL VALDEZ").
    static let markerKeys = FNV64.keys(Set(ActorDetector.transcriptMarkers.map { $0.lowercased() }))

    /// The lists' words as keys (`FNV64.listKeys`), made once, on the first text in capitals (a text in mixed
    /// case never pays for them): a binary search per list and word had made the analysis of a text in capitals
    /// three times as slow as the same text in mixed case.
    static let lowerKeys = FNV64.listKeys(SentenceOpeners.list + "\n" + LowercaseWords.list + "\n" + CaseForms.lower)
    static let capitalKeys = FNV64.listKeys(CaseForms.capitals)
    static let pairKeys = FNV64.listKeys(CaseForms.pairs)

    /// The key of the word `range` lower-cased (ASCII only, a typographic apostrophe read as "'", as
    /// `FNV64.listKeys` reads a list), hashed on from `after`; and for a word ending in "'s", its key without
    /// it. Nil for a word with a letter beyond ASCII, which no list holds.
    static func key(_ s: [Unicode.Scalar], _ range: Range<Int>, after: UInt64 = FNV64.offset) -> (word: UInt64, possessed: UInt64?)? {
        var h = after, h1 = after, h2 = after   // after all scalars, all but the last, all but the last two
        for i in range {
            var v = s[i].value
            if v == 0x2019 { v = 0x27 }
            guard v < 0x80 else { return nil }
            if v &- 0x41 < 26 { v += 0x20 }
            h2 = h1; h1 = h
            h = FNV64.mix(h, Unicode.Scalar(UInt8(v)))
        }
        let possessive = range.count > 2 && (s[range.upperBound - 2] == "'" || s[range.upperBound - 2] == "\u{2019}")
            && (s[range.upperBound - 1] == "S" || s[range.upperBound - 1] == "s")
        return (h, possessive ? h2 : nil)
    }

    /// `c` in lower case, when that is one scalar (else `c`).
    static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 0x80 { return c.value &- 0x41 < 26 ? Unicode.Scalar(UInt8(c.value + 0x20)) : c }
        let m = c.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : c
    }
}
