import Foundation

/// Words hyphenated at the end of a line, as text extracted from PDFs and printed pages gives them
/// ("the govern-\nment"), read as the words they are ("the government").
///
/// The tokenizer splits a word at a hyphen, so "govern-\nment" is the two words "govern" and "ment", which no head
/// was trained on: on 300 AllSides dev articles laid out in 60-column lines with hyphenation as a typesetter
/// does it, 35 `leaning` labels, 70 articles' frames and 156 articles' actor lists changed. A hyphen at a line's
/// end is either such a break (joined: the hyphen, the line break and the spaces around it are removed, so
/// offsets map back to the text as given) or a compound's own hyphen that fell there ("left-\nwing", left as
/// written: the tokenizer reads it as it reads "left-wing"). Which, without a dictionary:
/// 1. a soft hyphen (U+00AD) is a break;
/// 2. a compound if the part before the hyphen has one letter ("e-\nmail") or the part after fewer than three
///    (typesetters break no word so: "would-\nbe", "Jong-\nun"), or the part before follows another hyphen or a
///    digit ("state-of-the-\nart", "20th-\ncentury");
/// 3. what the text itself writes elsewhere: the joined word ("government", "McConnell" for "Mc-\nConnell")
///    makes a break, the hyphenated compound ("left-wing") a compound;
/// 4. else a capital after the break starts a name or an acronym ("Jean-\nPierre", "anti-\nPalin", "AFL-\nCIO"),
///    unless a word in capitals goes on in capitals among words in capitals ("NEWS CONFER-\nENCE");
/// 5. a compound if the part before is one of `firsts` or the part after one of `seconds`: the words that begin
///    or end compounds in news more often than a typesetter's break leaves them (counted on 2026-12-07 over
///    AllSides train: each word's uses in hyphenated compounds against its uses as the head or tail of a word
///    broken at a hyphenation point of TeX's US English patterns; words of three letters or more with at least
///    30 uses and three to one, the 150 and 200 most used; `Benchmarks/input/text_forms.py --hyphen-lists`
///    writes them);
/// 6. otherwise a break: typesetters break words far more often than at a compound's hyphen (in the layout
///    above, 22,263 line-end hyphens of AllSides dev's first 1,500 articles, 733 of them compounds).
/// On those 1,500 articles the rules read 98.9% of the line-end hyphens before a lower-case letter as written
/// (the text's evidence alone: 97.4%; always joining: 96.7%); on 1,500 articles of AllSides extra's other outlets,
/// 98.7% (`Benchmarks/input/text_forms.py --hyphen-rules`).
/// Only a line break with nothing but spaces around it counts: a hyphen before a blank line ends a paragraph.
enum LineEndHyphens {
    /// Whether the line break at byte `i` of UTF-8 `p` may follow a word's hyphen and precede a letter (a quick
    /// check on bytes; `joinAll` decides).
    @inline(__always)
    static func mayJoin(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = p.count
        var j = i - 1
        while j >= 0, p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0D, i - j < 8 { j -= 1 }
        guard j >= 1 else { return false }
        // "-" after a letter (or any non-ASCII byte), or U+2010 (E2 80 90) or U+00AD (C2 AD).
        let hyphen = (p[j] == 0x2D && (p[j - 1] >= 0x80 || (p[j - 1] | 0x20) &- 0x61 < 26))
            || (p[j] == 0x90 && j >= 2 && p[j - 1] == 0x80 && p[j - 2] == 0xE2) || (p[j] == 0xAD && p[j - 1] == 0xC2)
        guard hyphen else { return false }
        var k = i + 1
        while k < n, p[k] == 0x20 || p[k] == 0x09, k - i < 8 { k += 1 }
        return k < n && ((p[k] | 0x20) &- 0x61 < 26 || p[k] >= 0x80)
    }

    /// If `c[k]` is a hyphen after a letter at a line's end followed by a letter on the next line: the offset of
    /// that letter.
    @inline(__always)
    static func lineBreak(_ c: [Unicode.Scalar], at k: Int) -> Int? {
        let v = c[k].value
        guard v == 0x2D || v == 0x2010 || v == 0xAD, k > 0, ScalarClass.isLetter(c[k - 1]) else { return nil }
        var j = k + 1
        while j < c.count, c[j] == " " || c[j] == "\t", j - k < 8 { j += 1 }
        if j < c.count, c[j] == "\r" { j += 1 }
        guard j < c.count, c[j] == "\n" else { return nil }
        let br = j
        j += 1
        while j < c.count, c[j] == " " || c[j] == "\t", j - br < 8 { j += 1 }
        return j < c.count && ScalarClass.isLetter(c[j]) ? j : nil
    }

    /// Whether the letters of `c[range]` are all capitals, and there are two or more.
    private static func capitals(_ c: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.count >= 2 && c[range].allSatisfy(ScalarClass.isUpper)
    }

    /// Whether the word nearest before `start` (`step` −1) or after `end` (+1), within 16 scalars, is in capitals.
    private static func capitalsAround(_ c: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        for (from, step) in [(start - 1, -1), (end, 1)] {
            var i = from
            while i >= 0, i < c.count, !ScalarClass.isLetter(c[i]), abs(i - from) < 16 { i += step }
            var j = i
            while j >= 0, j < c.count, ScalarClass.isLetter(c[j]) { j += step }
            if i >= 0, i < c.count, ScalarClass.isLetter(c[i]), capitals(c, step > 0 ? i..<j : j + 1..<i + 1) { return true }
        }
        return false
    }

    /// `c` with words broken at line ends joined, and for each scalar left its offset in `c` as it was (`origin`)
    /// and the offsets removed (`removed`, ascending); nil, `c` unchanged, when there is none.
    /// - Complexity: O(`c`).
    static func joinAll(_ c: inout [Unicode.Scalar]) -> (origin: [Int32], removed: [Int32])? {
        guard c.indices.contains(where: { lineBreak(c, at: $0) != nil }) else { return nil }
        var evidence: Evidence? = nil
        return InvisibleCharacters.rewrite(&c) { c, k in
            guard let next = lineBreak(c, at: k) else { return nil }
            if c[k].value == 0xAD { return ([], next - k) }
            var start = k
            while start > 0, ScalarClass.isLetter(c[start - 1]) { start -= 1 }
            var end = next
            while end < c.count, ScalarClass.isLetter(c[end]) { end += 1 }
            if k - start < 2 || end - next < 3 { return nil }
            if start > 0, c[start - 1] == "-" || c[start - 1] == "\u{2010}" || ScalarClass.isWord(c[start - 1]) { return nil }
            let head = lowerKey(c, start..<k)
            if evidence == nil { evidence = Evidence(c) }
            if evidence!.words.contains(lowerKey(c, next..<end, from: head)) { return ([], next - k) }
            // A capital after the break starts a name or an acronym ("Jean-\nPierre", "anti-\nPalin", "AFL-\nCIO"),
            // unless the text writes the two parts as one word (above: "Mc-\nConnell") or a word in capitals goes
            // on in capitals among words in capitals ("NEWS CONFER-\nENCE").
            if ScalarClass.isUpper(c[next]), !(capitals(c, start..<k) && capitals(c, next..<end) && capitalsAround(c, start, end)) { return nil }
            if evidence!.compounds.contains(lowerKey(c, next..<end, from: FNV64.mix(head, "-"))) { return nil }
            if firsts.contains(head) || seconds.contains(lowerKey(c, next..<end)) { return nil }
            return ([], next - k)
        }
    }

    /// The keys of the words and hyphenated compounds a text writes, lower-cased (a word is a run of letters; a
    /// compound's hyphen keyed as "-" whichever hyphen the text writes).
    private struct Evidence {
        var words = Set<UInt64>(), compounds = Set<UInt64>()
        init(_ c: [Unicode.Scalar]) {
            var k = 0, previous: (key: UInt64, end: Int)? = nil
            while k < c.count {
                guard ScalarClass.isLetter(c[k]) else { k += 1; continue }
                var end = k
                while end < c.count, ScalarClass.isLetter(c[end]) { end += 1 }
                let word = lowerKey(c, k..<end)
                words.insert(word)
                if let p = previous, p.end + 1 == k, c[p.end] == "-" || c[p.end] == "\u{2010}" {
                    compounds.insert(lowerKey(c, k..<end, from: FNV64.mix(p.key, "-")))
                }
                previous = (word, end)
                k = end
            }
        }
    }

    /// The key of `c[range]` lower-cased, mixed on from `key`: the key the word lists hold (`FNV64.listKeys`), as
    /// actor detection keys a word (`ActorDetector.Word.lower`).
    @inline(__always)
    private static func lowerKey(_ c: [Unicode.Scalar], _ range: Range<Int>, from key: UInt64 = FNV64.offset) -> UInt64 {
        var h = key
        for k in range { h = FNV64.mix(h, MentionFinder.fold(c[k])) }
        return h
    }

    /// Words that begin hyphenated compounds in news more often than a broken word (see the type's comment).
    static let firsts = FNV64.listKeys("""
        abortion about active age all already alt american anti asylum bare better bush carbon cherry climate clinton
        closed coal college community conservative coronavirus debt decades decision deficit delegate democrat
        democratic double drug early ebola eight election employer english establishment ever fact family fast fifth
        fifty first five forty forward four fourth front full game gay gender gop government half hands higher
        highest immigrant immigration income inner intelligence iran iranian jae jong knee kremlin lame large late
        less libertarian little longer longest lower majority medium merit middle military money months most much
        muslim must native newly next now nuclear obama oft once one party president private public qaeda quasi race
        rapid razor republican right russia russian same scandal second self senate seven seventy single sixty small
        spanish still student swearing taxpayer then third thirty three trillion twenty two upper vice vote voter
        wake washington well working worst would write years zero
        """)

    /// Words that end hyphenated compounds in news more often than a broken word (see the type's comment).
    static let seconds = FNV64.listKeys("""
        abiding abortion affiliated air area author authored automatic awaited backed ballot based bearer being blown
        border business button called camera campaign candidate capacity ceiling century chairman checkers checking
        choice cigarettes city class collar conservative control controlled corruption cost court defense degree
        democracy depth described digit director discrimination ditch dollar dominated dozen driven duck duty
        educated eight elect energy enforcement established establishment estate exempt existing eyed fashioned
        figure finance financed five fly focused fought founder four free friendly gathering gay general generation
        government growing growth handed health heavy high hit home host hour identified immigrant immigration
        imposed income induced inflicted insurance interest judge language largest leaning left level life linked
        lived looking mails majority making market media million minute money month needed neutral only oriented
        owned party paying person police policy political president presidential proclaimed profile quality
        quarantine quarter raising ranging ranking reaching red reduction reform related rights risk run runner
        runners running saving scale school secret sector seekers seven sex sharing shirt shirts show six skilled
        speaking specific speech speed sponsor sponsored sponsors stakes star style tax tech term terrorism thin
        third thirds threatening three throated torn track trade two ups voting wage weapons week wing winning worker
        writing year
        """)
}
