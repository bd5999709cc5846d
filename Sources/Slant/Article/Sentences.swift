/// Splits news text into sentences.
///
/// Rules, in order: a line break ends a sentence (paragraphs), except in hard-wrapped text, where only a blank
/// line does (`isHardWrapped`); `.`, `!` or `?` (with any run of further terminators and closing quotes or
/// brackets after it) ends one when whitespace and then an upper-case letter, a digit or an opening quote follow.
/// A full stop does not end a sentence after a known abbreviation (Mr., Sen., Jan. ...), after "No." before a
/// number, or after an initial (J. Smith; not the B of "Plan B." or "a B."); after a dotted abbreviation (U.S.)
/// or a company's (Inc., Corp.) it does only when a common sentence-opening word (The, He, But ...) follows, so
/// "the U.S. Senate" stays one sentence and "came to the U.S. The visit" becomes two; after a.m. or p.m. it does
/// unless a day, month or time zone follows. A quotation ending in `?` or `!` followed by its speaker ("Why
/// now?" Reed asked.) stays one sentence.
public enum SentenceSplitter {
    /// Abbreviations that do not end a sentence, lower-case, without their final full stop.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "maj", "st", "jr", "sr", "vs", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev",
        "hon", "pres", "gens", "supt", "dept", "univ", "assn", "approx", "est", "fig", "vol", "ave", "blvd",
    ]
    /// Companies' abbreviations: like dotted ones, they end a sentence only before a sentence opener.
    static let companies: Set<String> = ["inc", "corp", "co", "ltd", "bros", "plc", "llc"]
    /// Number abbreviations: not an end before a digit ("No. 5"), an end otherwise ("the answer was no.").
    static let numbers: Set<String> = ["no", "nos"]
    /// Words after which a single capital is a designation, not an initial ("Plan B.", "a B.").
    static let designators: Set<String> = [
        "plan", "vitamin", "type", "class", "section", "article", "part", "group", "category", "option", "grade",
        "level", "phase", "stage", "form", "model", "channel", "gate", "terminal", "block", "unit", "route",
        "division", "team", "pool", "exhibit", "appendix", "annex", "schedule", "chapter", "hepatitis", "camp",
        "area", "zone", "wing", "tier", "list", "row", "line", "building", "floor", "room", "platform", "a", "an",
        "the", "letter", "grades", "got", "proposition", "prop", "question", "item", "point",
    ]
    /// Words that may follow a.m. or p.m. inside the sentence.
    static let afterTime: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "et",
        "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
        "local", "eastern", "central", "pacific", "mountain", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec",
    ]
    /// Verbs of speech that follow a quotation's speaker ("Reed asked", "the mayor said").
    static let speech: Set<String> = [
        "said", "says", "asked", "asks", "told", "tells", "added", "adds", "wrote", "writes", "replied", "replies",
        "insisted", "insists", "explained", "explains", "argued", "argues", "continued", "recalled", "noted",
        "shouted", "tweeted", "tweets", "wondered", "wonders", "demanded", "demands", "yelled", "cried", "asserted",
        "declared", "countered", "responded", "responds", "warned", "warns", "posted", "remarked", "quipped",
    ]
    /// Words that open sentences; after a dotted abbreviation they mean the sentence did end.
    static let openers: Set<String> = [
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "but", "and", "in", "this", "that", "his", "her",
        "its", "their", "there", "on", "at", "as", "for", "if", "when", "while", "after", "however", "meanwhile",
        "still", "yet", "so", "these", "those", "some", "many", "most", "officials", "critics",
    ]

    /// The two word lists as `FNV64` keys of their (lower-case ASCII) scalars (`isListed`).
    static let abbreviationKeys = FNV64.keys(abbreviations)
    static let openerKeys = FNV64.keys(openers)
    static let companyKeys = FNV64.keys(companies)
    static let numberKeys = FNV64.keys(numbers)
    static let designatorKeys = FNV64.keys(designators)
    static let afterTimeKeys = FNV64.keys(afterTime)
    static let speechKeys = FNV64.keys(speech)

    /// The `FNV64` key of `s[range]` lower-cased, when every scalar in it is ASCII (nil otherwise).
    @inline(__always) static func asciiLowerKey(_ s: [Unicode.Scalar], _ range: Range<Int>) -> UInt64? {
        var h = FNV64.offset
        for i in range {
            let v = s[i].value
            guard v < 0x80 else { return nil }
            h = FNV64.mix(h, Unicode.Scalar(UInt8(v &- 0x41 < 26 ? v | 0x20 : v)))
        }
        return h
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool { ScalarClass.isSpace(c) }
    @inline(__always) static func isTerminator(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" || c == "…" }
    @inline(__always) static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "”" || c == "’" || c == "'" || c == ")" || c == "]" || c == "»"
    }
    @inline(__always) static func isOpener(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "“" || c == "‘" || c == "'" || c == "(" || c == "[" || c == "«"
    }
    @inline(__always) static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2029}" || c == "\u{2028}" || c == "\u{0B}" || c == "\u{0C}"
    }

    /// The sentences of `s` as half-open ranges of scalar offsets, trimmed of surrounding white space, in order.
    /// - Complexity: O(n).
    public static func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        text.withUnsafeBufferPointer { split($0, text) }
    }

    /// `split` over a buffer pointer (`text` is the same scalars, for the rare look-back at a full stop). A
    /// hard-wrapped text is split twice: the first pass learns that it is (at its first line break after no
    /// sentence end) and may have ended sentences at the line breaks before ("Donald J.\nTrump said").
    static func split(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ text: [Unicode.Scalar]) -> [Range<Int>] {
        var wrapped = -1
        let first = split(s, text, wrapped: &wrapped)
        guard wrapped == 1 else { return first }
        return split(s, text, wrapped: &wrapped)
    }

    /// The sentences (this loop reads every scalar of the article).
    /// - Parameter wrapped: whether the text is hard-wrapped: 0 no, 1 yes, −1 unknown, decided (and set) at the
    ///   text's first line break after no sentence end (`breaks`).
    static func split(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ text: [Unicode.Scalar], wrapped: inout Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = s.count
        // In hard-wrapped text a line break followed by more text on the next line is a space (`breaks`).
        var start = -1   // first non-space scalar of the open sentence, -1 when none
        func close(_ end: Int) {
            guard start >= 0 else { return }
            var e = end
            while e > start && isSpace(s[e - 1]) { e -= 1 }
            if e > start { out.append(start..<e) }
            start = -1
        }
        var i = 0
        while i < n {
            let c = s[i]
            if isLineBreak(c) && breaks(s, i, &wrapped) { close(i); i += 1; continue }
            if start < 0 {
                if !isSpace(c) { start = i }
                i += 1; continue
            }
            guard isTerminator(c) else {
                i += 1
                // Inside a sentence only line breaks and terminators matter: skip the printable ASCII that is
                // neither (most of a text) eight scalars at a time.
                i = ScalarScan.plainTextEnd(s, from: i, to: n)
                continue
            }
            var j = i + 1
            while j < n && (isTerminator(s[j]) || isCloser(s[j])) { j += 1 }
            if j == n { i = j; continue }
            guard isSpace(s[j]) else { i = j; continue }
            var k = j
            while k < n && isSpace(s[k]) && !breaks(s, k, &wrapped) { k += 1 }
            if k == n || breaks(s, k, &wrapped) { close(j); i = k; continue }
            if endsSentence(text, terminator: i, next: k) { close(j); start = k; i = k } else { i = j }
        }
        close(n)
        return out
    }

    /// Whether the terminator at `t` ends the sentence, given the next non-space scalar at `next`.
    static func endsSentence(_ s: [Unicode.Scalar], terminator t: Int, next: Int) -> Bool {
        var k = next
        while k < s.count && isOpener(s[k]) { k += 1 }
        guard k < s.count else { return true }
        let c = s[k]
        // A lower-case word after the stop: an abbreviation inside the sentence ("approx. five", "e.g. the").
        if ScalarClass.isLower(c) { return false }
        // The next word (letters), for the look-ups below that need it.
        func nextWord() -> Range<Int> {
            var e = k
            while e < s.count && ScalarClass.isLetter(s[e]) { e += 1 }
            return k..<e
        }
        if s[t] != "." {
            // "Why now?" Reed asked.: the quotation's speaker follows; the sentence goes on.
            if (t + 1..<next).contains(where: { s[$0] == "\"" || s[$0] == "”" }) && speakerFollows(s, from: k) { return false }
            return true
        }
        // The word before the full stop.
        var b = t
        while b > 0 && !isSpace(s[b - 1]) && !isOpener(s[b - 1]) { b -= 1 }
        if b == t { return true }
        let word = b..<t
        if isListed(s, word, in: abbreviations, keys: abbreviationKeys) { return false }
        if isListed(s, word, in: numbers, keys: numberKeys) { return !ScalarClass.isWord(c) || ScalarClass.isLetter(c) }
        if isListed(s, word, in: companies, keys: companyKeys) { return isListed(s, nextWord(), in: openers, keys: openerKeys) }
        var letters = 0, upper = false, dots = false
        for i in word {
            if ScalarClass.isLetter(s[i]) { letters += 1; upper = ScalarClass.isUpper(s[i]) } else if s[i] == "." { dots = true }
        }
        if word.count == 1 && letters == 1 && upper {
            // An initial, unless the word before it makes it a designation ("Plan B.", "a B.").
            var pe = b
            while pe > 0 && isSpace(s[pe - 1]) { pe -= 1 }
            var pb = pe
            while pb > 0 && ScalarClass.isLetter(s[pb - 1]) { pb -= 1 }
            return pb < pe && isListed(s, pb..<pe, in: designators, keys: designatorKeys)
        }
        if dots && letters <= 4 {
            // a.m. and p.m. end the sentence unless a day, month or time zone follows.
            if letters == 2, let key = asciiLowerKey(s, word), key == amKey || key == pmKey {
                return !isListed(s, nextWord(), in: afterTime, keys: afterTimeKeys)
            }
            // Dotted abbreviation (U.S., D.C.): ends the sentence only before a sentence opener.
            return isListed(s, nextWord(), in: openers, keys: openerKeys)
        }
        return true
    }

    static let amKey = FNV64.key("a.m")
    static let pmKey = FNV64.key("p.m")

    /// Whether the words from `k` are a quotation's speaker and a verb of speech: one to four capitalised words
    /// ("Reed", "Mayor Ellen Park") then a listed verb ("asked"), then punctuation or the end.
    static func speakerFollows(_ s: [Unicode.Scalar], from k: Int) -> Bool {
        var i = k, names = 0
        while i < s.count {
            var e = i
            while e < s.count && (ScalarClass.isLetter(s[e]) || s[e] == "-" || s[e] == "'") { e += 1 }
            guard e > i else { return false }
            if ScalarClass.isUpper(s[i]) {
                names += 1
                guard names <= 4 else { return false }
                if e < s.count && s[e] == "." { e += 1 }   // "Mr."
            } else {
                return names > 0 && isListed(s, i..<e, in: speech, keys: speechKeys)
            }
            i = e
            guard i < s.count, s[i] == " " else { return false }
            i += 1
        }
        return false
    }

    /// Whether `s` is hard-wrapped: its lines were broken to a width, so a single line break is a space and only a
    /// blank line ends a paragraph. Read from the line breaks followed by more text: at least two of them, at
    /// least half, come after no sentence end (terminator, closing quote or bracket, colon), and at least a third
    /// of those go on with a lower-case word. One sentence or paragraph per line (a title line, then the body)
    /// is not hard-wrapped.
    /// - Complexity: O(n), stopping early when there is no line break.
    static func isHardWrapped(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        let n = s.count
        var inner = 0, open = 0, lower = 0
        var i = 0
        while i < n {
            // Printable ASCII that is no line break is skipped eight scalars at a time.
            i = ScalarScan.plainTextEnd(s, from: i, to: n)
            guard i < n else { break }
            guard isLineBreak(s[i]) else { i += 1; continue }
            // The last visible scalar before the break, and the first after it (on the next line, if not blank).
            var p = i
            while p > 0 && isSpace(s[p - 1]) && !isLineBreak(s[p - 1]) { p -= 1 }
            var q = i + 1
            if s[i] == "\r" && q < n && s[q] == "\n" { q += 1 }
            while q < n && isSpace(s[q]) && !isLineBreak(s[q]) { q += 1 }
            if p > 0 && !isLineBreak(s[p - 1]) && q < n && !isLineBreak(s[q]) {
                inner += 1
                let last = s[p - 1]
                if !(isTerminator(last) || isCloser(last) || last == ":") {
                    open += 1
                    if ScalarClass.isLower(s[q]) { lower += 1 }
                }
            }
            i = q
        }
        return open >= 2 && open * 2 >= inner && lower * 3 >= open
    }

    /// Whether scalar `i` is a line break that ends a sentence: any line break, except in hard-wrapped text, where
    /// only a paragraph break does. `wrapped` (−1 unknown, 0 no, 1 yes) is decided at the text's first line break
    /// after no sentence end (`isOpenBreak`); most texts, a paragraph per line, have none and are never scanned
    /// for it, and the breaks before it end sentences (so a text found hard-wrapped is split again, knowing it).
    @inline(__always) static func breaks(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int, _ wrapped: inout Int) -> Bool {
        guard isLineBreak(s[i]) else { return false }
        if wrapped < 0 {
            guard isOpenBreak(s, i) else { return true }
            wrapped = isHardWrapped(s) ? 1 : 0
        }
        return wrapped == 0 || isParagraphBreak(s, i)
    }

    /// Whether the line break at `i` comes after no sentence end (terminator, closing quote or bracket, colon) and
    /// before more text on the next line.
    static func isOpenBreak(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) -> Bool {
        var p = i
        while p > 0 && isSpace(s[p - 1]) && !isLineBreak(s[p - 1]) { p -= 1 }
        guard p > 0, !isLineBreak(s[p - 1]) else { return false }
        let last = s[p - 1]
        return !(isTerminator(last) || isCloser(last) || last == ":") && !isParagraphBreak(s, i)
    }

    /// Makes the line breaks of a hard-wrapped text (`isHardWrapped`) that end no paragraph spaces, one scalar
    /// for one (a "\r\n" two spaces), so that every rule of the analysis reads a name or a title broken across
    /// lines as one ("Donald J.\nTrump", "Bill\nClinton"); a blank line stays.
    /// - Complexity: O(n).
    static func joinWrappedLines(_ text: inout [Unicode.Scalar]) {
        text.withUnsafeMutableBufferPointer { s in
            let n = s.count
            var i = 0, lineHasText = false
            while i < n {
                let c = s[i]
                guard isLineBreak(c) else {
                    if !isSpace(c) { lineHasText = true }
                    i += 1; continue
                }
                var end = i + 1
                if c == "\r" && end < n && s[end] == "\n" { end += 1 }
                if lineHasText && !isParagraphBreak(UnsafeBufferPointer(s), i) {
                    for k in i..<end { s[k] = " " }
                } else {
                    lineHasText = false
                }
                i = end
            }
        }
    }

    /// Whether the line break at `i` ends a paragraph: the next line is blank, or the text ends.
    static func isParagraphBreak(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) -> Bool {
        var q = i + 1
        if s[i] == "\r" && q < s.count && s[q] == "\n" { q += 1 }
        while q < s.count && isSpace(s[q]) && !isLineBreak(s[q]) { q += 1 }
        return q == s.count || isLineBreak(s[q])
    }

    /// Whether `s[range]`, lower-cased, is in `list`: by its word key when it is ASCII (almost always: no string
    /// is made, lower-cased or hashed with SipHash per full stop), else by the lower-cased string, whose rules
    /// for other scripts a scalar-wise fold would not match.
    @inline(__always) static func isListed(_ s: [Unicode.Scalar], _ range: Range<Int>, in list: Set<String>, keys: KeySet64) -> Bool {
        if let key = asciiLowerKey(s, range) { return keys.contains(key) }
        return list.contains(String(scalars: s, range).lowercased())
    }

    /// The sentences of `text` as strings (as written) with their scalar ranges, as the article analysis splits it.
    public static func sentences(_ text: String) -> [(range: Range<Int>, text: String)] {
        let article = ArticleText(text)
        return article.sentences.map { ($0, article.string($0)) }
    }
}

/// An article's scalars and sentences, computed once for the readers that need them (the actor analysis and the
/// short views of `Scorer`). The scalars are the text's, one for one, except that a space of another width reads
/// as " " (`ScalarClass.scalars`) and so does a hard-wrapped line's break (`SentenceSplitter.joinWrappedLines`),
/// and that a text written in capitals reads recased (`Recasing`).
public struct ArticleText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// `scalars` with each letter's case as written: the same unless the text is written in capitals, which
    /// `scalars` reads recased (`Recasing`). The names a user gives are looked for here, as the text writes them.
    public let writtenCase: [Unicode.Scalar]
    public let sentences: [Range<Int>]
    /// The text, and its scalars of more than one UTF-8 byte (`ScalarClass.scalars(_:extraBytes:)`), which map
    /// scalar offsets to UTF-8 offsets.
    let text: String
    let extraBytes: [(scalar: Int32, bytes: Int32)]
    /// - Complexity: O(text).
    public init(_ text: String) {
        var extra: [(scalar: Int32, bytes: Int32)] = []
        var s = ScalarClass.scalars(text, extraBytes: &extra)
        var written: [Unicode.Scalar]? = nil
        if Recasing.isMostlyCapitals(s) {
            written = s
            Recasing.recase(&s)
        }
        var wrapped = -1
        var split = s.withUnsafeBufferPointer { SentenceSplitter.split($0, s, wrapped: &wrapped) }
        if wrapped == 1 {
            SentenceSplitter.joinWrappedLines(&s)
            if written != nil { SentenceSplitter.joinWrappedLines(&written!) }
            split = s.withUnsafeBufferPointer { SentenceSplitter.split($0, s, wrapped: &wrapped) }
        }
        scalars = s
        writtenCase = written ?? s
        sentences = split
        self.text = text
        extraBytes = extra
    }

    /// The UTF-8 offset of scalar `x` (`x` for an ASCII text).
    /// - Complexity: O(log of the scalars above ASCII).
    func byteOffset(_ x: Int) -> Int {
        var lo = 0, hi = extraBytes.count   // the first entry at or after x
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(extraBytes[mid].scalar) < x { lo = mid + 1 } else { hi = mid }
        }
        return x + (lo > 0 ? Int(extraBytes[lo - 1].bytes) : 0)
    }

    /// The text of scalars `range`: a copy of the original's bytes (`String(Substring)`: no re-encoding or
    /// validation, for an actor's evidence sentences and the short views of every article). The same string as
    /// `String(scalars:_:)` of the range, except that the white space `scalars` reads as " " (a space of another
    /// width, a hard-wrapped line's break) stays as written.
    /// - Complexity: O(range).
    public func string(_ range: Range<Int>) -> String {
        let u = text.utf8
        let a = u.index(u.startIndex, offsetBy: byteOffset(range.lowerBound))
        let b = u.index(u.startIndex, offsetBy: byteOffset(range.upperBound))
        return String(text[a..<b])
    }
}
