import XCTest
@testable import Slant

/// Sentence splitting, mention finding, actor detection and aggregation of the article analysis.
final class ArticleTests: XCTestCase {
    func sentences(_ text: String) -> [String] { SentenceSplitter.sentences(text).map { $0.text } }

    func testSentencesSurviveAbbreviationsInitialsAndDottedNames() {
        XCTAssertEqual(sentences("Mr. Smith met Sen. Jones on Jan. 5 in Washington. They talked."),
                       ["Mr. Smith met Sen. Jones on Jan. 5 in Washington.", "They talked."])
        XCTAssertEqual(sentences("The U.S. Senate voted. J. Edgar Hoover was not there."),
                       ["The U.S. Senate voted.", "J. Edgar Hoover was not there."])
        // A dotted abbreviation ends the sentence when a sentence opener follows.
        XCTAssertEqual(sentences("He flew to the U.S. The visit was short."), ["He flew to the U.S.", "The visit was short."])
        XCTAssertEqual(sentences("It rose 3.5 percent! Why? Nobody knows..."), ["It rose 3.5 percent!", "Why?", "Nobody knows..."])
        XCTAssertEqual(sentences("Prices fell, e.g. for oil. Next"), ["Prices fell, e.g. for oil.", "Next"])
    }

    /// The ASCII fast path of `endsSentence` (word keys instead of lower-cased strings) decides as the string
    /// rules do, at every full stop of random texts of abbreviations, initials, dotted abbreviations, openers and
    /// non-ASCII words.
    func testSentenceEndsFastPathMatchesTheStringRules() {
        func reference(_ s: [Unicode.Scalar], terminator t: Int, next: Int) -> Bool {
            var k = next
            while k < s.count && SentenceSplitter.isOpener(s[k]) { k += 1 }
            guard k < s.count else { return true }
            if ScalarClass.isLower(s[k]) { return false }
            if s[t] != "." { return true }
            var b = t
            while b > 0 && !SentenceSplitter.isSpace(s[b - 1]) && !SentenceSplitter.isOpener(s[b - 1]) { b -= 1 }
            let word = String(scalars: s, b..<t)
            if word.isEmpty { return true }
            let lower = word.lowercased()
            var e = k
            while e < s.count && ScalarClass.isLetter(s[e]) { e += 1 }
            let next = String(scalars: s, k..<e).lowercased()
            if SentenceSplitter.abbreviations.contains(lower) { return false }
            if SentenceSplitter.numbers.contains(lower) { return !(ScalarClass.isWord(s[k]) && !ScalarClass.isLetter(s[k])) }
            if SentenceSplitter.companies.contains(lower) { return SentenceSplitter.openers.contains(next) }
            let letters = word.unicodeScalars.filter { ScalarClass.isLetter($0) }
            if word.unicodeScalars.count == 1, let l = letters.first, ScalarClass.isUpper(l) {
                let prefix = String(scalars: s, 0..<b).trimmingCharacters(in: .whitespaces)
                let before = String(String.UnicodeScalarView(prefix.unicodeScalars.reversed().prefix { ScalarClass.isLetter($0) }.reversed())).lowercased()
                return SentenceSplitter.designators.contains(before)
            }
            if word.utf8.contains(0x2E) && letters.count <= 4 {
                if lower == "a.m" || lower == "p.m" { return !SentenceSplitter.afterTime.contains(next) }
                return SentenceSplitter.openers.contains(next)
            }
            return true
        }
        let words = ["Mr.", "MR.", "Sen.", "Jan.", "U.S.", "u.s.", "a.m.", "D.C.", "J.", "j.", "The", "THE", "But", "Officials",
                     "senate", "said", "Ünal.", "Ärzte.", "café.", "Dr.", "inc.", "3.", "A.B.C.D.E.", "x", "(The", "\"He", "ÜBER", "é.", "Ko.",
                     "no.", "No.", "5", "etc.", "Corp.", "Plan", "B.", "a", "p.m.", "Monday", "ET", "Park"]
        var rng = SplitMix64(seed: 21)
        var checked = 0
        for _ in 0..<400 {
            let text = (0..<Int(rng.next() % 14 + 2)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: rng.next() % 3 == 0 ? ". " : " ")
            let s = Array(text.unicodeScalars)
            for t in s.indices where s[t] == "." || s[t] == "!" {
                var k = t + 1
                while k < s.count && SentenceSplitter.isSpace(s[k]) { k += 1 }
                guard k > t + 1, k < s.count else { continue }
                XCTAssertEqual(SentenceSplitter.endsSentence(s, terminator: t, next: k), reference(s, terminator: t, next: k), text)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testSentencesHandleQuotesAndParagraphs() {
        XCTAssertEqual(sentences("\"They did not listen to us,\" said Maria Lopez. \"This budget is wrong.\" She left."),
                       ["\"They did not listen to us,\" said Maria Lopez.", "\"This budget is wrong.\"", "She left."])
        XCTAssertEqual(sentences("“It is over.” He smiled."), ["“It is over.”", "He smiled."])
        XCTAssertEqual(sentences("First paragraph without a stop\nSecond one.\r\n\r\n  Third  "),
                       ["First paragraph without a stop", "Second one.", "Third"])
        XCTAssertEqual(sentences("   \n \n"), [])
        // Ranges are Unicode scalar offsets into the text.
        let t = "Ünïcödé fïrst. Sëcond"
        let r = SentenceSplitter.sentences(t)
        XCTAssertEqual(r.map { $0.range }, [0..<14, 15..<21])
    }

    func testMentionsWithAliasesPossessivesAndCase() {
        let actor = Actor.parse("Iran|Iranian|Tehran")!
        XCTAssertEqual(actor.name, "Iran")
        let text = "IRAN said Iran's and Iran’s proxies, Iranian forces and Tehran. Iranians? Iranistan. iran."
        let s = Array(text.unicodeScalars)
        let found = MentionFinder.find([actor], in: s).map { String(String.UnicodeScalarView(s[$0.range])) }
        // "iran" in lower case is no mention: a one-word alias written with a capital matches capitalised words.
        XCTAssertEqual(found, ["IRAN", "Iran", "Iran", "Iranian", "Tehran"])
        // An all-capitals acronym matches only in capitals.
        let us = Actor.parse("US|United States")!
        let t2 = Array("Let us see: the US and the United States.".unicodeScalars)
        XCTAssertEqual(MentionFinder.find([us], in: t2).map { String(String.UnicodeScalarView(t2[$0.range])) }, ["US", "United States"])
    }

    /// Possessives and surrounding spaces come off an alias; names that need nothing keep their exact bytes
    /// (the fast path for names that end in no apostrophe or s).
    func testStripPossessive() {
        let cases = ["Iran's": "Iran", "Iran’s": "Iran", "Reuters’": "Reuters", "James'": "James", " Trump ": "Trump",
                     "Davis": "Davis", "O’Brien": "O’Brien", "al-Sadr": "al-Sadr", "Ünal": "Ünal", "s": "s", "'s": "'s",
                     "U.S.": "U.S.", "Obama\n": "Obama", "Obama\u{00A0}": "Obama", "Republicans": "Republicans",
                     "United States": "United States", "Ross's": "Ross", "Ross’s": "Ross", "’s": "’s", "xs": "xs",
                     "\u{2003}Davis": "Davis", "Davis\u{2028}": "Davis"]
        for (input, expected) in cases {
            XCTAssertEqual(Actor.stripPossessive(input), expected, input)
        }
        XCTAssertEqual(Actor(name: "x", aliases: ["Iran's", "Iran", " Tehran"]).aliases, ["Tehran", "Iran"])
        // Longest first, ties in the given order, first of equal aliases kept; the same with a long list.
        XCTAssertEqual(Actor(name: "x", aliases: ["ab", "cd", "abc", "ab", "", "ef"]).aliases, ["abc", "ab", "cd", "ef"])
        let many = (0..<40).map { "w\($0 % 25)" }
        XCTAssertEqual(Actor(name: "x", aliases: many).aliases, (10..<25).map { "w\($0)" } + (0..<10).map { "w\($0)" })
    }

    /// The first-word index of `MentionFinder.find` tries a form only where its first word occurs; this checks it
    /// against the plain rule (try the form at every scalar, longest forms first, earlier actors first, no
    /// overlap) on random texts with exact and case-folded forms, multi-word forms, forms that start with
    /// punctuation, possessives and non-ASCII letters.
    /// The fast paths of `ScalarClass` agree with the Unicode properties for every scalar of the Basic
    /// Multilingual Plane; `KeySet64` holds exactly its members.
    func testScalarClassFastPathsAndKeySet() {
        for v in UInt32(0)...0xFFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let p = c.properties
            if ScalarClass.isPlainPunctuation(v) {
                XCTAssertFalse(p.isAlphabetic || p.isWhitespace || p.isUppercase || p.isLowercase || p.numericType != nil, "U+\(String(v, radix: 16))")
            }
            XCTAssertEqual(ScalarClass.isSpace(c), p.isWhitespace, "U+\(String(v, radix: 16))")
            XCTAssertEqual(ScalarClass.isWord(c), p.isAlphabetic || p.numericType != nil, "U+\(String(v, radix: 16))")
            XCTAssertEqual(ScalarClass.isUpper(c), p.isUppercase, "U+\(String(v, radix: 16))")
        }
        var rng = SplitMix64(seed: 4)
        let members = (0..<300).map { _ in rng.next() }
        let set = KeySet64(members + members.prefix(10))
        XCTAssertTrue(members.allSatisfy { set.contains($0) })
        XCTAssertEqual((0..<3000).map { _ in rng.next() }.filter { set.contains($0) }.count, 0)
        // The key that marks an empty slot, 0, is a member only when given (held apart from the slots).
        XCTAssertFalse(set.contains(0))
        let withZero = KeySet64(members + [0])
        XCTAssertTrue(withZero.contains(0) && members.allSatisfy { withZero.contains($0) })
        XCTAssertFalse(KeySet64([UInt64]()).contains(0))
        XCTAssertFalse(KeySet64([UInt64]()).contains(42))
        XCTAssertTrue(ActorDetector.titleKeys.contains(ActorDetector.key("president")))
        XCTAssertFalse(ActorDetector.titleKeys.contains(ActorDetector.key("President")))
    }

    /// VADER's compound score: negators flip and damp the next three words' valence; a sentence's token range of
    /// the looked-up article (what the actor analysis reads) scores the same bits as the sentence alone.
    func testScalarsDecodeLikeTheStandardLibrary() {
        var rng = SplitMix64(seed: 8)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\n", "é", "’", "—", "中", "😀", "\u{10FFFF}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"]
        for n in 0..<600 {
            var t = String.UnicodeScalarView()
            // Half the texts mostly ASCII, so that runs of eight ASCII bytes (decoded eight at a time) meet
            // multi-byte scalars at every offset.
            for _ in 0..<Int(rng.next() % 60) {
                t.append(n % 2 == 0 && rng.next() % 10 != 0 ? Unicode.Scalar(UInt8(32 + rng.next() % 95)) : pool[Int(rng.next() % UInt64(pool.count))])
            }
            let text = String(t)
            XCTAssertEqual(ScalarClass.scalars(text), Array(text.unicodeScalars))
        }
        XCTAssertEqual(ScalarClass.scalars(""), [])
    }

    func testVaderCompoundAndItsLookedUpForm() {
        let vader = Vader(["good": 1.9, "bad": -2.5, "terror": -3.0, "praise": 2.6])
        XCTAssertGreaterThan(vader.compound("A good plan."), 0)
        XCTAssertLessThan(vader.compound("It is not good at all."), 0)
        XCTAssertLessThan(vader.compound("They don't praise it."), 0)
        XCTAssertEqual(vader.compound("Nothing here."), 0)
        let text = "Officials said the plan was good. Critics did not praise it; they called it bad. Terror isn't good news, but the vote wasn't bad."
        var b = TokenBuffer()
        Tokenizer().tokenize(text, into: &b)
        let looked = vader.lookUp(b)
        XCTAssertEqual(vader.compound(looked, tokens: 0..<b.hashes.count), vader.compound(text))
        let scalars = Array(text.unicodeScalars)
        let sentences = SentenceSplitter.split(scalars)
        XCTAssertEqual(sentences.count, 3)
        for (j, r) in ArticleAnalyzer.tokenRanges(b, sentences).enumerated() {
            XCTAssertEqual(vader.compound(looked, tokens: r), vader.compound(String(scalars: scalars, sentences[j])))
        }
    }

    func testMentionIndexMatchesBruteForce() {
        let vocabulary = ["Iran", "iran", "IRAN", "Iran's", "Tehran", "US", "us", "U.S.", "the", "Donald", "Trump",
                          "Trump’s", "Mr.", "Ünal", "ünal", "al-Sadr", "Sadr", "(Iran)", "Iranian", "said", ",", ".", "\n"]
        let actors = [Actor.parse("Iran|Iranian|Tehran")!, Actor.parse("US|U.S.|United States")!,
                      Actor(name: "Donald Trump", aliases: ["Donald Trump", "Trump"], caseSensitive: true),
                      Actor.parse("Ünal")!, Actor.parse("Sadr|al-Sadr|(Iran)")!]
        func brute(_ text: [Unicode.Scalar]) -> [Mention] {
            let n = text.count
            var taken = [Bool](repeating: false, count: n)
            var forms: [(Int, [Unicode.Scalar], Bool)] = []
            // Which forms are surnames, and the rule for them, are the finder's (`testSurnameOfAnotherNameIsNoMention`).
            let prepared = MentionFinder.Forms(actors)
            for (a, actor) in actors.enumerated() {
                for alias in actor.aliases {
                    let sc = Array(alias.unicodeScalars)
                    forms.append((a, sc, actor.caseSensitive || (sc.count <= 4 && sc.allSatisfy { $0.properties.isUppercase })))
                }
            }
            let order = forms.indices.sorted { forms[$0].1.count > forms[$1].1.count || (forms[$0].1.count == forms[$1].1.count && $0 < $1) }
            var out: [Mention] = []
            var named = [Bool](repeating: false, count: actors.count)
            for fi in order {
                let (a, sc, exact) = forms[fi]
                // A one-word alias with a capital matches capitalised words only; a space any run of white space.
                let capital = !exact && sc[0].properties.isUppercase && !sc.contains(" ")
                let m = sc.count
                var i = 0
                while i + m <= n {
                    var t = i, k = 0
                    while k < m && t < n {
                        if sc[k] == " " {
                            guard text[t].properties.isWhitespace else { break }
                            while t < n && text[t].properties.isWhitespace { t += 1 }
                        } else {
                            guard exact ? text[t] == sc[k] : MentionFinder.fold(text[t]) == MentionFinder.fold(sc[k]) else { break }
                            t += 1
                        }
                        k += 1
                    }
                    let same = k == m && (!capital || text[i].properties.isUppercase)
                    let bounded = (i == 0 || !MentionFinder.isWordScalar(text[i - 1])) && (t == n || !MentionFinder.isWordScalar(text[t]))
                    if same && bounded && !(i..<t).contains(where: { taken[$0] })
                        && !(prepared.surname[fi] && MentionFinder.surnameOfOther(text, i, t, forms: prepared, actor: a, named: named[a])) {
                        for k in i..<t { taken[k] = true }
                        if sc.contains(" ") { named[a] = true }
                        out.append(Mention(actor: a, range: i..<t)); i = t
                    } else { i += 1 }
                }
            }
            return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
        }
        var total = 0
        for text in randomTexts(vocabulary, count: 400, maxWords: 30, glueOdds: 3, seed: 42) {
            let expected = brute(text)
            XCTAssertEqual(MentionFinder.find(actors, in: text), expected, String(String.UnicodeScalarView(text)))
            total += expected.count
        }
        XCTAssertGreaterThan(total, 400)
    }

    /// Detected actors' mentions found from detection's list of capitalised words are those a scan of the whole
    /// text finds, on random texts with hyphenated and apostrophised names, possessives ('s, 'S, ’s), all-capital
    /// words, connectors, titles and sentence breaks; and the list is every capitalised word start of the text.
    func testMentionsFromDetectedCapitalsMatchTheScan() {
        let vocabulary = ["Iran", "Iran's", "IRAN'S", "Trump", "Trump’s", "Donald", "Al-Sadr", "al-Sadr", "O'Brien", "Sadr", "S",
                          "S.", "Mr.", "President", "van", "Buren", "Bank", "of", "America", "the", "said", "it's", "-", "'", "’",
                          ",", ".", "\n", "Ünal", "X-Men", "ABC-TV", "o'Neill", "Ames's"]
        var found = 0
        for text in randomTexts(vocabulary, count: 600, maxWords: 60, glueOdds: 4, seed: 7) {
            let sentences = SentenceSplitter.split(text)
            var capitals: [ActorDetector.CapitalisedWord] = []
            let actors = ActorDetector.detect(text, sentences: sentences, limit: 5, minMentions: 1, capitals: &capitals)
            XCTAssertEqual(actors.map { $0.name }, ActorDetector.detect(text, sentences: sentences, limit: 5, minMentions: 1).map { $0.name })
            let starts = text.indices.filter { i in
                ScalarClass.isUpper(text[i]) && (i == 0 || !MentionFinder.isWordScalar(text[i - 1]))
            }
            XCTAssertEqual(capitals.map { $0.start }, starts, String(String.UnicodeScalarView(text)))
            for w in capitals {
                var e = w.start
                while e < text.count && MentionFinder.isWordScalar(text[e]) { e += 1 }
                XCTAssertEqual(w.key, MentionFinder.wordKey(text, w.start..<e, folded: false))
            }
            let fast = MentionFinder.find(actors, in: text, capitals: capitals)
            XCTAssertEqual(fast, MentionFinder.find(actors, in: text), String(String.UnicodeScalarView(text)))
            found += fast.count
        }
        XCTAssertGreaterThan(found, 600)
    }

    /// A person's surname alone is no mention of them where it is part of another name: another person's
    /// ("Bill Clinton", "Chelsea Clinton", "President George W. Bush" for Jeb Bush) or something named after them
    /// ("the Clinton Foundation", "Trump Tower"); it stays one after a title, the person's own first or middle
    /// names, initials, a word that only opens sentences, a day, an abbreviated title, an all-capital heading.
    func testSurnameOfAnotherNameIsNoMention() {
        func mentioned(_ actor: String, _ text: String) -> [String] {
            let s = Array(text.unicodeScalars)
            return MentionFinder.find([Actor.parse(actor)!], in: s).map { String(scalars: s, $0.range) }
        }
        let hillary = "Hillary Clinton", full = "Hillary Clinton spoke. "
        for text in ["Secretary of State Clinton flew.", "Yesterday Clinton said no.", "On Tuesday Clinton said yes.",
                     "Mr. Clinton was tired.", "Sen. Clinton spoke.", "Former Secretary of State Clinton left.",
                     "But Clinton stayed.", "Democrat Clinton won.", "THE CAMPAIGN Clinton said.", "Clinton said.",
                     "Senate Majority Leader Clinton voted.", "critics of Clinton's campaign", "the Clinton campaign",
                     "the Clinton Administration", "(Clinton)", "\"Clinton", "He met Clinton Monday.",
                     "Hillary Rodham Clinton laughed.", "H. R. Clinton", "after the loss to Louisville  Clinton confronted a fan",
                     "REUTERS/Carlos Barria\nClinton said"] {
            XCTAssertEqual(mentioned(hillary, full + text), ["Hillary Clinton", "Clinton"], text)
        }
        for text in ["Bill Clinton was not there.", "Chelsea Clinton laughed.", "The Clinton Foundation gave.",
                     "the Clinton Global Initiative", "Hillary and Bill Clinton arrived.", "said Bill Clinton."] {
            XCTAssertEqual(mentioned(hillary, full + text), ["Hillary Clinton"], text)
        }
        // Where the text never names the person in full, another first name does not rule the surname out (the name
        // may be given otherwise than the text writes it); a foundation still does.
        XCTAssertEqual(mentioned(hillary, "Bill Clinton spoke. Hillary Clinton too."), ["Hillary Clinton"])
        XCTAssertEqual(mentioned(hillary, "Bill Clinton spoke. Mrs. Clinton too."), ["Clinton", "Clinton"])
        XCTAssertEqual(mentioned("Boss Madigan", "Mike Madigan and the Madigan Foundation"), ["Madigan"])
        XCTAssertEqual(mentioned("Donald Trump", "Donald Trump, Trump Tower and Eric Trump, then Trump."), ["Donald Trump", "Trump"])
        XCTAssertEqual(mentioned("Jeb Bush", "Jeb Bush and President George W. Bush spoke."), ["Jeb Bush"])
        XCTAssertEqual(mentioned("George Bush", "George Bush. President George W. Bush spoke."), ["George Bush", "Bush"])
        XCTAssertEqual(mentioned("George Bush", "George Bush. Jeb Bush spoke."), ["George Bush"])
        XCTAssertEqual(mentioned("Ralph Northam", "Ralph Northam, Mark Northam; work with Governor-Elect Northam"), ["Ralph Northam", "Northam"])
        XCTAssertEqual(mentioned("Mohammed Dahlan", "Mohammed Dahlan. Mohammad Dahlan said, and Samir Dahlan left"), ["Mohammed Dahlan", "Dahlan"])
        XCTAssertEqual(mentioned("Bryan Harper", "Bryan Harper and Bryce Harper"), ["Bryan Harper"])
        // A surname given alone is the whole name: it matches everywhere a capital starts it; a name of one
        // repeated word ("Trump Trump", as a data set wrote a target) has no surname.
        XCTAssertEqual(mentioned("Clinton", "Bill Clinton and the Clinton Foundation"), ["Clinton", "Clinton"])
        XCTAssertEqual(mentioned("Trump Trump", "Trump Trump, Eric Trump"), ["Trump Trump", "Trump"])
        // A body's last word is no surname ("Committee" of "Judiciary Committee"), nor is an acronym.
        XCTAssertEqual(mentioned("House Judiciary Committee|Committee", "House Judiciary Committee, the Senate Committee"),
                       ["House Judiciary Committee", "Committee"])
    }

    func testLongerAliasWinsAndPersonNamesMatchTheirSurname() {
        let trump = Actor.parse("Donald Trump")!
        XCTAssertEqual(trump.aliases, ["Donald Trump", "Trump"])
        XCTAssertEqual(Actor.parse("Bank of America")!.aliases, ["Bank of America"])
        XCTAssertEqual(Actor.parse("White House")!.aliases, ["White House"])
        let s = Array("Donald Trump spoke. Trump's aides, and Mr. Trump, agreed.".unicodeScalars)
        let m = MentionFinder.find([trump], in: s)
        XCTAssertEqual(m.count, 3)
        XCTAssertEqual(m[0].range, 0..<12)
    }

    func testDetectionMergesTitlesAndSurnamesAndIgnoresSentenceInitialWords() {
        let text = """
        President Donald Trump met Iran's envoy on Tuesday. But Trump said little. Mr. Trump left early.
        Opponents said Iran had won. The Iranian envoy, Ali Reza, smiled. Reza later spoke to Iran's press.
        """
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s))
        let names = actors.map { $0.name }
        XCTAssertEqual(names.first, "Donald Trump")
        XCTAssertTrue(names.contains("Iran"), "\(names)")
        XCTAssertTrue(names.contains("Ali Reza"), "\(names)")
        XCTAssertFalse(names.contains { ["But", "Opponents", "Tuesday", "President", "Mr", "The"].contains($0) }, "\(names)")
        XCTAssertEqual(actors.first { $0.name == "Donald Trump" }!.aliases, ["Donald Trump", "Trump"])
        XCTAssertEqual(MentionFinder.find([actors[0]], in: s).count, 3)
    }

    /// An acronym and its expansion in one article are one detected actor, under the longer name, whose mentions
    /// include the acronym's: with or without a connector's initial ("DOJ", "DHS"); an acronym with no expansion
    /// in the article, or one that only starts like it, stays an actor of its own.
    func testDetectionMergesAnAcronymIntoItsExpansion() {
        let text = """
        The Environmental Protection Agency tightened the rules. The EPA said critics were wrong. EPA staff agreed.
        The Department of Justice sued. The DOJ filed on Monday, and DOJ lawyers spoke. The Department of Justice won.
        The Department of Homeland Security replied. DHS officials declined. Then NASA said nothing; NASA was silent.
        The EPAX group and the EPAX board met.
        """
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 8)
        let byName = Dictionary(uniqueKeysWithValues: actors.map { ($0.name, $0) })
        XCTAssertEqual(byName["Environmental Protection Agency"]?.aliases, ["Environmental Protection Agency", "EPA"], "\(actors.map { $0.name })")
        XCTAssertEqual(byName["Department of Justice"]?.aliases, ["Department of Justice", "DOJ"])
        XCTAssertEqual(byName["Department of Homeland Security"]?.aliases, ["Department of Homeland Security", "DHS"])
        for merged in ["EPA", "DOJ", "DHS"] { XCTAssertNil(byName[merged], merged) }
        XCTAssertNotNil(byName["NASA"], "no expansion in the article: an actor of its own")
        XCTAssertNotNil(byName["EPAX"], "an acronym that only starts like the initials is not merged")
        XCTAssertEqual(MentionFinder.find([byName["Environmental Protection Agency"]!], in: s).count, 3)
    }

    /// Names the text says are one ("also known as", "a.k.a.", "better known as", and a further name after "or")
    /// are one detected actor, under the name the article uses most, whose mentions include the others'; two
    /// names joined by "or" alone, or by other words, stay apart.
    func testDetectionMergesNamesTheTextSaysAreOne() {
        let text = """
        Fighters of the Islamic State, also known as ISIS or ISIL, took the town. ISIS then moved north. ISIS fighters \
        held the bridge. Later ISIL said it had won.
        Stephanie Clifford, better known as Stormy Daniels, spoke. Daniels said she was paid. Stephanie Clifford sued.
        Daniels won. Officials in Myanmar (a.k.a. Burma) said Burma would vote. The Myanmar government agreed.
        Officials said Paris or Berlin would host it. Paris was chosen. Berlin was not. Paris agreed with Berlin.
        """
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 10)
        let byName = Dictionary(uniqueKeysWithValues: actors.map { ($0.name, $0) })
        XCTAssertEqual(Set(byName["ISIS"]?.aliases ?? []), ["ISIS", "Islamic State", "ISIL"], "\(actors.map { ($0.name, $0.aliases) })")
        XCTAssertEqual(MentionFinder.find([byName["ISIS"]!], in: s).count, 6)
        XCTAssertEqual(Set(byName["Stormy Daniels"]?.aliases ?? []), ["Stormy Daniels", "Daniels", "Stephanie Clifford"], "\(actors.map { ($0.name, $0.aliases) })")
        XCTAssertEqual(Set(byName["Myanmar"]?.aliases ?? []), ["Myanmar", "Burma"], "\(actors.map { ($0.name, $0.aliases) })")
        for merged in ["Islamic State", "ISIL", "Stephanie Clifford", "Burma"] { XCTAssertNil(byName[merged], merged) }
        XCTAssertNotNil(byName["Paris"]); XCTAssertNotNil(byName["Berlin"], "\"or\" alone joins no names")
        XCTAssertEqual(ActorDetector.aliasGap(Array(", also known as ".unicodeScalars), 0..<16), .knownAs)
        XCTAssertEqual(ActorDetector.aliasGap(Array(" (“AKA” ".unicodeScalars), 0..<8), .knownAs)
        XCTAssertEqual(ActorDetector.aliasGap(Array(", or ".unicodeScalars), 0..<5), .or)
        XCTAssertNil(ActorDetector.aliasGap(Array(", also known to ".unicodeScalars), 0..<16))
        XCTAssertNil(ActorDetector.aliasGap(Array(" and ".unicodeScalars), 0..<5))
    }

    /// A count written in words opens no name ("Thirty-one Democrats" names the Democrats), and a headline's verb
    /// run into the text's first sentence ("Federal Judge Blocks Obama's ...") makes no name of the words around it.
    func testDetectionReadsCountsInWordsAndHeadlineVerbs() {
        let text = """
        Federal Judge Blocks Obama's Executive Actions On Immigration Two days before the deadline, a judge ruled.
        Thirty-one Democrats supported the pipeline. Democrats in the Senate split. Then Obama spoke, and Obama left.
        Twenty-two European Union nations agreed. The European Union said so.
        """
        let s = Array(text.unicodeScalars)
        let names = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 10).map { $0.name }
        XCTAssertTrue(names.contains("Democrats"), "\(names)")
        XCTAssertTrue(names.contains("European Union"), "\(names)")
        XCTAssertTrue(names.contains("Obama"), "\(names)")
        XCTAssertFalse(names.contains { $0.contains("Thirty") || $0.contains("Twenty") || $0.contains("Blocks") }, "\(names)")
    }

    /// Media, a statistic and the capitalised half of a numbered name are no actors, however often the text names
    /// them: the slots go to the next names.
    func testDetectionLeavesOutThingsThatAreNoActors() {
        let text = """
        Voter ID laws passed as GDP shrank. Analysts said GDP would recover and voter ID would stay. The Web agreed.
        Readers of the Web, and TV ads, said ID was safe. TV networks agreed, and voters on Super
        Tuesday saw more TV ads. Before Super Tuesday, Proposition 8 and Proposition 22 were debated on the Internet.
        The Internet agreed. Senator Ellen Park blamed Marco Villa. Later Park met Villa again.
        Leaders of the World met.REF Then the World waited, and REF notes were added.
        """
        let s = Array(text.unicodeScalars)
        let names = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 10).map { $0.name }
        XCTAssertEqual(Set(names), ["Ellen Park", "Marco Villa"], "\(names)")
    }

    /// "and" inside an agency's name joins its halves ("Food and Drug Administration", which then takes its
    /// acronym's mentions), but not two bodies or parties ("House and Senate Armed Services", "Republicans and
    /// Democrats"), nor names whose second half is no agency's.
    func testDetectionJoinsAnAgencysNameAcrossAnd() {
        let text = """
        The Food and Drug Administration approved the drug. Later the Food and Drug Administration warned doctors, and the FDA said so. Officials of Immigration and Customs Enforcement met. Critics said Immigration and Customs Enforcement had erred. The House and Senate Armed Services committees met, and later the House and Senate Armed Services panels agreed. Republicans and Democrats agreed, and Republicans and Democrats left. Apple and Google Maps were used; Apple and Google Maps failed.
        """
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 10)
        let byName = Dictionary(uniqueKeysWithValues: actors.map { ($0.name, $0) })
        XCTAssertEqual(byName["Food and Drug Administration"]?.aliases, ["Food and Drug Administration", "FDA"], "\(actors.map { $0.name })")
        XCTAssertEqual(MentionFinder.find([byName["Food and Drug Administration"]!], in: s).count, 3)
        XCTAssertNotNil(byName["Immigration and Customs Enforcement"], "\(actors.map { $0.name })")
        for half in ["Food", "Drug Administration", "FDA", "Customs Enforcement"] { XCTAssertNil(byName[half], half) }
        XCTAssertNotNil(byName["Republicans"]); XCTAssertNotNil(byName["Democrats"])
        XCTAssertFalse(actors.contains { $0.name.contains(" and ") && !$0.name.hasSuffix("Administration") && !$0.name.hasSuffix("Enforcement") },
                       "\(actors.map { $0.name })")
    }

    /// A capitalised "The" inside a run of capitals opens another name (a heading run into the text), unless a
    /// connector, a preposition or one word not in capitals stands before it; "of" joins no day or month to the
    /// name after it; "and" joins a committee's, an association's or a foundation's halves, not a person and a body.
    func testDetectionSplitsHeadingRunsAndJoinsCommittees() {
        let text = """
        Key Missteps Slowed the Potential Spread of Coronavirus The CDC designed a flawed test. The CDC later fixed it, and the CDC apologised.
        Departures in early June of PayPal staff worried investors. PayPal said little; PayPal shares fell.
        Rep. Sander Levin spoke at the House Ways and Means Committee. The House Ways and Means Committee voted, and the House Ways and Means Committee adjourned.
        Guests on Meet The Press argued. Meet The Press then aired again.
        Senator John Cornyn and House Homeland Security Committee members met. Cornyn spoke. Cornyn left.
        Strong Recovery Despite Obama
        The economy grew, Obama said. Obama then left.
        """
        let s = Array(text.unicodeScalars)
        let names = ActorDetector.detect(s, sentences: SentenceSplitter.split(s), limit: 10).map { $0.name }
        for name in ["CDC", "PayPal", "House Ways and Means Committee", "Meet The Press", "John Cornyn", "Obama"] {
            XCTAssertTrue(names.contains(name), "\(name) not in \(names)")
        }
        XCTAssertFalse(names.contains { $0.contains("Coronavirus") || $0.contains("June") || $0.contains("Cornyn and") || $0 == "Means Committee"
                                        || $0.contains("Despite") },
                       "\(names)")
    }

    func testDetectionFallsBackToFullNamesWhenNothingRecurs() {
        let text = "Mayor Ellen Park praised the vote. Council member James Reed voted against it."
        let s = Array(text.unicodeScalars)
        XCTAssertEqual(ActorDetector.detect(s, sentences: SentenceSplitter.split(s)).map { $0.name }, ["Ellen Park", "James Reed"])
    }

    /// A model whose target-sentiment head reads only the words "praised" (positive) and "attacked" (negative).
    /// A plain 2^10 unigram spec (no IDF, normalisation or negation) over `namespaces`, and a 3-label head whose
    /// only weights push each given word's label by `weight`.
    static func toyHead(_ namespaces: [Namespace], words: [(String, Int)], weight: Float, bias: [Float]) -> (FeatureSpec, LinearHead) {
        var spec = FeatureSpec()
        spec.bits = 10; spec.namespaces = namespaces; spec.useIDF = false; spec.normalize = false; spec.sublinearTF = false
        spec.wordNgrams = 1; spec.negation = false
        let f = Featurizer(spec: spec)
        var scratch = FeatureScratch()
        var w = [Float](repeating: 0, count: 3 << 10)
        for (word, label) in words {
            let v = f.featurize(Record(id: "w", text: word), scratch: &scratch)
            for j in 0..<v.count { w[Int(v.indices[j]) * 3 + label] += weight * v.values[j] }
        }
        return (spec, LinearHead(kind: .single, labels: 3, bits: 10, weights: w, bias: bias))
    }

    static func sentimentModel() -> SlantModel {
        var info = TaskInfo(name: "target_sentiment", kind: .single, labels: ["negative", "neutral", "positive"], bits: 10)
        info.scope = HeadScope(needs: [.target], granularity: .sentence)
        let (spec, head) = Self.toyHead([.text], words: [("praised", 2), ("attacked", 0)], weight: 4, bias: [0, 0.5, 0])
        return SlantModel(header: ModelHeader(featureSets: [spec], tasks: [info], training: TrainingInfo()), idf: [[]], heads: [head])
    }

    /// The sentiment model plus a target-stance head that knows two targets (its own feature set, with a
    /// target namespace so that the target matters): "supports" pushes favor, "opposes" against.
    static func sentimentAndStanceModel() -> SlantModel {
        let base = Self.sentimentModel()
        var info = TaskInfo(name: "target_stance", kind: .single, labels: ["against", "favor", "none"], bits: 10)
        info.featureSet = 1
        info.scope = HeadScope(needs: [.target], granularity: .tweet, domain: "two topics", targets: ["Anna Berg", "Green Party"])
        let (spec, head) = Self.toyHead([.text, .target], words: [("supports", 1), ("opposes", 0)], weight: 3, bias: [0, 0, 0.2])
        return SlantModel(header: ModelHeader(featureSets: base.header.featureSets + [spec], tasks: base.header.tasks + [info], training: TrainingInfo()),
                          idf: [[], []], heads: base.heads + [head])
    }

    /// `--actor-stance`: an actor a stance head was trained for (by name or alias, any case) gets the head's mean
    /// probabilities over its sentences, with the head's spelling of the target; other actors get none, and
    /// nobody gets one unless asked. The sentiment results are the same either way.
    func testActorStanceForTargetsTheHeadKnows() throws {
        let model = Self.sentimentAndStanceModel()
        let analyzer = try ArticleAnalyzer(model: model)
        XCTAssertEqual(analyzer.stanceTask, 1)
        let text = "Anna Berg opposes the plan. Critics attacked Berg. Berg supports nothing, and Berg opposes the tax. Tom Lind praised it."
        let actors = [Actor(name: "anna berg", aliases: ["Anna Berg", "Berg"]), Actor.parse("Tom Lind")!]
        var scratch: [FeatureScratch] = []
        let with = analyzer.analyze(Record(id: "a", text: text), named: actors, scratch: &scratch, stance: true)
        let without = analyzer.analyze(Record(id: "a", text: text), named: actors, scratch: &scratch)
        XCTAssertEqual(with.map { $0.scores }, without.map { $0.scores })
        XCTAssertNil(without[0].stance)
        XCTAssertNil(with[1].stance, "Tom Lind is not one of the head's targets")
        let st = try XCTUnwrap(with[0].stance)
        XCTAssertEqual(st.task, "target_stance"); XCTAssertEqual(st.target, "Anna Berg"); XCTAssertEqual(st.sentences, 3)
        // The same numbers as scoring each mentioning sentence alone with the head's target.
        var expected = [Float](repeating: 0, count: 3)
        var own: [FeatureScratch] = []
        for (sentence, spans) in [("Anna Berg opposes the plan.", [Span(0, 9)]), ("Critics attacked Berg.", [Span(17, 21)]),
                                  ("Berg supports nothing, and Berg opposes the tax.", [Span(0, 4), Span(27, 31)])] {
            let p = model.predict(Record(id: "s", text: sentence, target: "Anna Berg", spans: spans), tasks: [1], scratch: &own)[0].scores
            for k in 0..<3 { expected[k] += p[k] / 3 }
        }
        for k in 0..<3 { XCTAssertEqual(st.scores[k], expected[k], accuracy: 1e-6) }
        XCTAssertEqual(st.label, "against")
        XCTAssertEqual(st.scores.reduce(0, +), 1, accuracy: 1e-5)
        // A model without a stance head with targets gives none.
        XCTAssertNil(try ArticleAnalyzer(model: Self.sentimentModel()).stanceTask)
    }

    /// The article's VADER valences standing in for the lexicon look-ups give the same bits as looking up, with
    /// negation, a word of valence 0, several actors per sentence and weights on every feature; and the lean
    /// paths agree with the general pipeline that `--explain` uses (which sums the features in bucket order, so
    /// to rounding; `FastPathTests` checks the lean paths bit for bit against the general fast path).
    func testLeanAnalysisMatchesTheGeneralPipeline() throws {
        var spec = FeatureSpec()
        spec.bits = 10; spec.namespaces = [.text, .target, .context, .lexicon]; spec.wordNgrams = 1; spec.negation = true
        spec.contextDecay = true; spec.useIDF = false
        spec.lexicon = ["praised": 2.1, "attacked": -2.4, "good": 1.9, "meh": 0, "failed": -1.5]
        var rng = SplitMix64(seed: 5)
        let w = (0..<(3 << 10)).map { _ in Float(Int(rng.next() % 2001) - 1000) / 500 }
        var info = TaskInfo(name: "target_sentiment", kind: .single, labels: ["negative", "neutral", "positive"], bits: 10)
        info.scope = HeadScope(needs: [.target], granularity: .sentence)
        let model = SlantModel(header: ModelHeader(featureSets: [spec], tasks: [info], training: TrainingInfo()), idf: [[]],
                               heads: [LinearHead(kind: .single, labels: 3, bits: 10, weights: w, bias: [0.1, 0.2, -0.1])])
        XCTAssertTrue(model.featurizers[0].leanTargetPart && model.featurizers[0].leanTextPart)
        let analyzer = try ArticleAnalyzer(model: model)
        let text = "Anna Berg praised Tom Lund, but Lund was not good. Critics attacked Berg; meh, said Lund. Berg failed.\nLund never praised anyone. Berg and Lund met."
        let actors = [Actor.parse("Anna Berg")!, Actor.parse("Tom Lund")!]
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = [], s3: [FeatureScratch] = []
        let given = analyzer.analyze(Record(id: "a", text: text), named: actors, scratch: &s1, withFeatures: true)
        let looked = analyzer.analyze(Record(id: "a", text: text), named: actors, scratch: &s2, withFeatures: false)
        let general = analyzer.analyze(Record(id: "a", text: text), named: actors, scratch: &s3, explain: 2, withFeatures: false)
        XCTAssertEqual(given.count, 2)
        for (a, (b, c)) in zip(given, zip(looked, general)) {
            XCTAssertGreaterThan(a.sentences, 1)
            XCTAssertEqual(a.scores.map { $0.bitPattern }, b.scores.map { $0.bitPattern }, a.name)
            XCTAssertEqual(a.evidence.map { $0.scores.map { $0.bitPattern } }, b.evidence.map { $0.scores.map { $0.bitPattern } }, a.name)
            for (x, y) in zip(a.scores, c.scores) { XCTAssertEqual(x, y, accuracy: 1e-5, a.name) }
            for (e, f) in zip(a.evidence, c.evidence) { for (x, y) in zip(e.scores, f.scores) { XCTAssertEqual(x, y, accuracy: 1e-5, a.name) } }
        }
    }

    /// An article's substrings by scalar range, copied from the original's bytes, are the strings re-encoded from
    /// the scalars, in ASCII and non-ASCII texts (scalars of two, three and four bytes).
    func testArticleSubstringsMatchTheScalars() {
        var rng = SplitMix64(seed: 4)
        for text in ["Plain ASCII text. With two sentences!\nAnd a line.", "Café “quoted” — naïve, 東京 and emoji 😀 here.", ""] {
            let a = ArticleText(text)
            XCTAssertEqual(a.extraBytes.isEmpty, !text.unicodeScalars.contains { !$0.isASCII })
            for x in 0...a.scalars.count { XCTAssertEqual(a.byteOffset(x), String(scalars: a.scalars, 0..<x).utf8.count) }
            for _ in 0..<200 where !a.scalars.isEmpty {
                let x = Int(rng.next() % UInt64(a.scalars.count + 1)), y = Int(rng.next() % UInt64(a.scalars.count + 1))
                let r = min(x, y)..<max(x, y)
                XCTAssertEqual(a.string(r), String(scalars: a.scalars, r))
            }
        }
    }

    func testAggregationLabelsEvidenceAndDistribution() throws {
        let analyzer = try ArticleAnalyzer(model: Self.sentimentModel())
        let text = "Critics attacked Anna Berg on Monday. Berg was praised by nobody. Berg attacked back. The weather was fine."
        var scratch: [FeatureScratch] = []
        let result = analyzer.analyze(Record(id: "a", text: text), named: [Actor.parse("Anna Berg")!], scratch: &scratch)
        XCTAssertEqual(result.count, 1)
        let a = result[0]
        XCTAssertEqual(a.mentions, 3)
        XCTAssertEqual(a.sentences, 3)
        XCTAssertEqual(a.label, "negative")
        XCTAssertEqual(a.distribution, [2, 0, 1])
        XCTAssertLessThan(a.score, analyzer.settings.low)
        XCTAssertEqual(a.evidence.count, 3)
        XCTAssertEqual(a.evidence[0].label, "negative")
        XCTAssertEqual(a.evidence.last!.label, "positive", "the sentence least like the label comes last")
        // An actor never mentioned is left out; the weather sentence is scored for nobody.
        XCTAssertTrue(analyzer.analyze(Record(id: "b", text: text), named: [Actor.parse("Zed")!], scratch: &scratch).isEmpty)
    }

    func testBandTuningAndLearnedAggregator() throws {
        let analyzer = try ArticleAnalyzer(model: Self.sentimentModel())
        // Scores below -0.3 are negative, above 0.3 positive: the tuned band must separate them.
        let pairs: [(score: Float, gold: Int)] = [(-0.9, 0), (-0.5, 0), (-0.1, 1), (0, 1), (0.1, 1), (0.5, 2), (0.8, 2)]
        let band = analyzer.tuneBand(pairs)
        XCTAssertEqual(band.macroF1, 1, accuracy: 1e-9)
        XCTAssertTrue(band.low > -0.5 && band.low <= -0.1 && band.high >= 0.1 && band.high < 0.5, "\(band)")
        // The aggregator learns a separable rule on one feature, deterministically.
        let x: [[Float]] = (0..<30).map { [Float($0 % 3) + 0.1 * Float($0 % 5), 1] }
        let y = (0..<30).map { $0 % 3 }
        let fit = ActorAggregator.fit(x: x, y: y, labels: 3)
        XCTAssertEqual(x.map { ActorAggregator.decide($0, weights: fit.weights, mean: fit.mean, scale: fit.scale) }, y)
        for f in x {
            let p = ActorAggregator.decision(f, weights: fit.weights, mean: fit.mean, scale: fit.scale).probabilities
            XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-5)
            XCTAssertEqual(p.indices.max { p[$0] < p[$1] }, ActorAggregator.decide(f, weights: fit.weights, mean: fit.mean, scale: fit.scale))
        }
        let again = ActorAggregator.fit(x: x, y: y, labels: 3)
        XCTAssertEqual(fit.weights, again.weights)
        XCTAssertEqual(ActorAggregator.fit(x: x, y: y, labels: 3, rowWeights: [Float](repeating: 1, count: 30)).weights, fit.weights,
                       "weights of 1 are the unweighted fit, bit for bit")
    }

    /// `--explain` on an actor: each aggregator feature's contribution is its standardised value times the label's
    /// weight less the mean weight, so that the contributions of every feature plus the bias's share add up to
    /// the label's logit less the mean logit, which is log p(label) less the mean log-probability; listed strongest
    /// first, the earlier feature among equals, at most `top`.
    func testActorExplanationAddsUpToTheLogit() {
        var weights: [[Float]] = []
        for k in 0..<3 {
            var row: [Float] = []
            for j in 0...ActorFeatures.count {
                let step = Float((k + 1) * (j % 4) - 3)
                row.append(step * 0.25 + Float(k) * 0.1)
            }
            weights.append(row)
        }
        let f: [Float] = (0..<ActorFeatures.count).map { Float($0) * 0.3 - 1 }
        let mean: [Float] = (0..<ActorFeatures.count).map { Float($0 % 3) * 0.2 }
        let scale: [Float] = (0..<ActorFeatures.count).map { 0.5 + Float($0 % 2) }
        let logits = ActorAggregator.logits(f, weights: weights, mean: mean, scale: scale)
        let p = ActorAggregator.decision(f, weights: weights, mean: mean, scale: scale).probabilities
        for l in 0..<3 {
            let all = ArticleAnalyzer.explainLabel(f, label: l, weights: weights, mean: mean, scale: scale, top: 100)
            XCTAssertEqual(all.count, ActorFeatures.count)
            XCTAssertEqual(Set(all.map { $0.feature }), Set(ActorFeatures.names))
            for x in all { XCTAssertEqual(x.value, f[ActorFeatures.names.firstIndex(of: x.feature)!]) }
            XCTAssertEqual(all.map { $0.contribution }, all.map { $0.contribution }.sorted(by: >))
            let bias = weights[l][ActorFeatures.count] - weights.reduce(0) { $0 + $1[ActorFeatures.count] } / 3
            let relative = logits[l] - logits.reduce(0, +) / 3
            XCTAssertEqual(all.reduce(bias) { $0 + $1.contribution }, relative, accuracy: 1e-4)
            XCTAssertEqual(log(p[l]) - p.map { log($0) }.reduce(0, +) / 3, relative, accuracy: 1e-4)
            let top = ArticleAnalyzer.explainLabel(f, label: l, weights: weights, mean: mean, scale: scale, top: 3)
            XCTAssertEqual(top.map { $0.feature }, all.prefix(3).map { $0.feature })
        }
        XCTAssertTrue(ArticleAnalyzer.explainLabel(f, label: 0, weights: weights, mean: mean, scale: scale, top: 0).isEmpty)
        XCTAssertTrue(ArticleAnalyzer.explainLabel(f, label: 3, weights: weights, mean: mean, scale: scale, top: 5).isEmpty, "no such label")
        // Equal contributions keep the features' order.
        let flat = ArticleAnalyzer.explainLabel([Float](repeating: 1, count: ActorFeatures.count), label: 0,
                                                weights: [[Float]](repeating: [Float](repeating: 1, count: ActorFeatures.count + 1), count: 3),
                                                mean: nil, scale: nil, top: 100)
        XCTAssertEqual(flat.map { $0.feature }, ActorFeatures.names)
        XCTAssertTrue(flat.allSatisfy { $0.contribution == 0 })
    }

    /// Pair weights decide between conflicting pairs: the same features labelled negative by one actor's many
    /// pairs and neutral by another's few; the weighted fit sides with the pairs that weigh more. Actor keys merge
    /// a name with its surname.
    func testAggregatorPairWeights() {
        let x: [[Float]] = (0..<20).map { [$0 < 10 ? 1 : -1, Float($0 % 2)] }
        // Label 0 or 1 for x = 1 depends on the pair: 8 pairs say 0, 2 say 1; x = -1 is always 2.
        let y = (0..<20).map { $0 < 10 ? ($0 < 8 ? 0 : 1) : 2 }
        let plain = ActorAggregator.fit(x: x, y: y, labels: 3)
        XCTAssertEqual(ActorAggregator.decide([1, 0], weights: plain.weights, mean: plain.mean, scale: plain.scale), 0)
        let w = (0..<20).map { $0 < 8 ? Float(0.1) : $0 < 10 ? 4 : 1 }
        let weighted = ActorAggregator.fit(x: x, y: y, labels: 3, rowWeights: w)
        XCTAssertEqual(ActorAggregator.decide([1, 0], weights: weighted.weights, mean: weighted.mean, scale: weighted.scale), 1)
        XCTAssertEqual(ActorTuning.actorKey("Donald Trump"), ActorTuning.actorKey("Trump"))
        XCTAssertEqual(ActorTuning.actorKey("President Donald Trump"), "trump")
        XCTAssertNotEqual(ActorTuning.actorKey("Barack Obama"), ActorTuning.actorKey("Donald Trump"))
    }

    /// The per-data-set fit: one data set is the balanced fit; the mean intercept is folded in exactly; and the fit
    /// does not depend on how many pairs each data set has, only on what each says.
    func testAggregatorPerDataset() {
        var s = UInt64(7)
        func noise() -> Float { s = s &* 6364136223846793005 &+ 1442695040888963407; return Float(s >> 40) / Float(1 << 24) - 0.5 }
        // Feature 0 carries the label (−1, 0, +1 plus noise); feature 1 is noise.
        func pairs(_ labels: [Int], dataset: Int) -> [ActorTuning.Pair] {
            labels.map { y in ([Float(y - 1) + noise(), noise()], 0, y, "a", dataset) }
        }
        let one = pairs((0..<60).map { $0 % 3 == 0 ? 0 : $0 % 3 == 1 ? 1 : ($0 % 2 == 0 ? 2 : 1) }, dataset: 0)
        let balanced = ActorAggregator.fit(x: one.map { $0.x }, y: one.map { $0.gold }, labels: 3)
        let single = ActorTuning.fitPerDataset(one, labels: 3)
        for k in 0..<3 { for j in 0..<3 { XCTAssertEqual(single.weights[k][j], balanced.weights[k][j], accuracy: 1e-4) } }
        XCTAssertEqual(single.mean, balanced.mean)

        // Two data sets with the same labels whose scores run apart (A's texts read 0.6 more positive, B's 0.6
        // more negative), as two corpora of different style do.
        func shifted(_ n: Int, by shift: Float, dataset: Int) -> [ActorTuning.Pair] {
            (0..<n).map { i in let y = i % 3; return ([Float(y - 1) + shift + noise(), noise()], 0, y, "a", dataset) }
        }
        let a = shifted(90, by: 0.6, dataset: 0), b = shifted(90, by: -0.6, dataset: 1)
        let fit = ActorTuning.fitPerDataset(a + b, labels: 3)
        // The folded fit predicts as the fit with both indicators at 1/2 does.
        let x = (a + b).map { $0.x + ($0.dataset == 0 ? [1, 0] : [0, 1]) }
        let full = ActorAggregator.fit(x: x, y: (a + b).map { $0.gold }, labels: 3)
        for probe: [Float] in [[0, 0], [0.8, -0.2], [-0.9, 0.3]] {
            let folded = ActorAggregator.decision(probe, weights: fit.weights, mean: fit.mean, scale: fit.scale).probabilities
            let unfolded = ActorAggregator.decision(probe + [0.5, 0.5], weights: full.weights, mean: full.mean, scale: full.scale).probabilities
            for k in 0..<3 { XCTAssertEqual(folded[k], unfolded[k], accuracy: 1e-4) }
        }
        // Three times as many pairs from A move the per-data-set fit little (each data set weighs the same); a
        // pooled fit moves toward A's reading (a score of 0.3 looks neutral in A, positive in B).
        let bigA = shifted(270, by: 0.6, dataset: 0)
        let skewed = ActorTuning.fitPerDataset(bigA + b, labels: 3)
        let pooledEven = ActorAggregator.fit(x: (a + b).map { $0.x }, y: (a + b).map { $0.gold }, labels: 3)
        let pooledSkewed = ActorAggregator.fit(x: (bigA + b).map { $0.x }, y: (bigA + b).map { $0.gold }, labels: 3)
        func pos(_ f: ActorAggregator.Fit) -> Float { ActorAggregator.decision([0.3, 0], weights: f.weights, mean: f.mean, scale: f.scale).probabilities[2] }
        XCTAssertEqual(pos(skewed), pos(fit), accuracy: 0.05)
        XCTAssertGreaterThan(pos(pooledEven) - pos(pooledSkewed), 0.08, "\(pos(pooledEven)) \(pos(pooledSkewed))")
    }

    func testScopesLeaveOutHeadsThatDoNotFit() {
        let article = Record(id: "a", text: String(repeating: "The council met again today. ", count: 30))
        let sentence = Record(id: "s", text: "The council met.", target: "council")
        let claimHead = HeadScope(needs: [.claim])
        XCTAssertNotNil(claimHead.reasonNotApplicable(article, claim: nil, forced: true))
        XCTAssertNil(claimHead.reasonNotApplicable(article, claim: "The council met", forced: false))
        let targetHead = HeadScope(needs: [.target], granularity: .sentence)
        XCTAssertTrue(targetHead.reasonNotApplicable(article, claim: nil, forced: false)!.contains("needs a target"))
        XCTAssertNil(targetHead.reasonNotApplicable(sentence, claim: nil, forced: false))
        var long = article; long.target = "council"
        XCTAssertTrue(targetHead.reasonNotApplicable(long, claim: nil, forced: false)!.contains("article-length"))
        XCTAssertNil(targetHead.reasonNotApplicable(long, claim: nil, forced: true))
        let gun = HeadScope(granularity: .headline, domain: "gun violence")
        XCTAssertTrue(gun.reasonNotApplicable(sentence, claim: nil, forced: false)!.contains("gun violence"))
        XCTAssertNil(gun.reasonNotApplicable(sentence, claim: nil, forced: true))
        let topics = HeadScope(needs: [.target], granularity: .tweet, domain: nil, targets: ["Atheism", "Hillary Clinton"])
        XCTAssertNotNil(topics.reasonNotApplicable(sentence, claim: nil, forced: false))
        var tweet = sentence; tweet.target = "hillary clinton"
        XCTAssertNil(topics.reasonNotApplicable(tweet, claim: nil, forced: false))
    }

    func testScopeInferenceFromTrainingRecords() {
        let sentences = (0..<10).map { Record(id: "\($0)", text: "A short sentence.", target: "x") }
        var expected = HeadScope(needs: [.target], granularity: .sentence)
        expected.typicalBytes = 17
        XCTAssertEqual(HeadScope.inferred(from: sentences), expected)
        // Articles of 500 to 1,450 bytes: 95% reach the 5th percentile, 500 (the shortest of twenty).
        let articles = (0..<20).map { Record(id: "\($0)", text: String(repeating: "word ", count: 100 + 10 * $0)) }
        let scope = HeadScope.inferred(from: articles)
        expected = HeadScope(needs: [], granularity: .article)
        expected.typicalBytes = 550
        XCTAssertEqual(scope, expected, "the second shortest of twenty: bytes[20 / 20]")
        // A head trained on articles is left out for a text under a quarter of that, unless named with --task.
        XCTAssertNil(scope.whyNotApplicable(Record(id: "a", text: String(repeating: "x", count: 138)), claim: nil, forced: false))
        XCTAssertEqual(scope.whyNotApplicable(Record(id: "a", text: String(repeating: "x", count: 137)), claim: nil, forced: false), .tooShort)
        XCTAssertNil(scope.whyNotApplicable(Record(id: "a", text: "Trump"), claim: nil, forced: true))
        XCTAssertEqual(scope.reason(.tooShort), "was trained on articles (95% of them 550 bytes or longer) and the text is under a quarter of that (137 bytes); name it with --task to use it")
        // Heads trained on sentences keep every short text; a model from before the field has none.
        XCTAssertNil(HeadScope.inferred(from: sentences).whyNotApplicable(Record(id: "a", text: "x", target: "x"), claim: nil, forced: false))
        XCTAssertNil(HeadScope(needs: [], granularity: .article).whyNotApplicable(Record(id: "a", text: "Trump"), claim: nil, forced: false))
        let s = Trainer.scope(of: "t", sentences, given: HeadScope.Override(granularity: .tweet, domain: "tweets"))
        XCTAssertEqual(s.granularity, .tweet)
        XCTAssertEqual(s.targets, ["x"])
    }

    func testPronounsReferToTheOnePersonNamedJustBefore() throws {
        let text = "Donald Trump spoke in Ohio. He praised the crowd. Later his aides left. Iran answered. It was angry. "
            + "Anna Berg and Donald Trump met. She left. Nobody stayed. The hall emptied. Then he returned."
        let s = Array(text.unicodeScalars)
        let sentences = SentenceSplitter.split(s)
        let actors = [Actor.parse("Donald Trump")!, Actor.parse("Iran")!, Actor.parse("Anna Berg")!]
        XCTAssertEqual(actors.map(Pronouns.isPerson), [true, false, true])
        let mentions = MentionFinder.find(actors, in: s)
        let refs = Pronouns.references(s, sentences: sentences, mentions: mentions, persons: [0, 2])
        let texts = refs.map { String(scalars: s, sentences[$0.sentence]) }
        // "He" and "his" follow Trump; "It" follows a country; "She" and the last "he" follow a sentence that
        // names two people, so their referent is unknown.
        XCTAssertEqual(texts, ["He praised the crowd.", "Later his aides left."])
        XCTAssertEqual(refs.map { $0.actor }, [0, 0])
        XCTAssertEqual(refs[1].spans.map { String(scalars: Array(texts[1].unicodeScalars), $0.start..<$0.end) }, ["his"])
        // The analysis scores those sentences only when the settings ask for it.
        var settings = ActorSettings()
        settings.evidence = 10
        var scratch: [FeatureScratch] = []
        let plain = try ArticleAnalyzer(model: Self.sentimentModel(), settings: settings).analyze(Record(id: "a", text: text), named: actors, scratch: &scratch)
        settings.pronouns = true
        let with = try ArticleAnalyzer(model: Self.sentimentModel(), settings: settings).analyze(Record(id: "a", text: text), named: actors, scratch: &scratch)
        XCTAssertEqual(plain[0].sentences, 2)
        XCTAssertEqual(with[0].sentences, 4)
        XCTAssertEqual(with[0].mentions, plain[0].mentions, "pronouns add sentences, not name mentions")
        XCTAssertTrue(with[0].evidence.contains { $0.sentence == "He praised the crowd." && $0.label == "positive" })
        XCTAssertEqual(with[1].sentences, plain[1].sentences)
        // A cap on the sentences scored per actor keeps an evenly spread subset (and the name mentions' count).
        settings.pronouns = nil
        settings.maxSentences = 1
        let capped = try ArticleAnalyzer(model: Self.sentimentModel(), settings: settings).analyze(Record(id: "a", text: text), named: actors, scratch: &scratch)
        XCTAssertEqual(capped[0].sentences, 1)
        XCTAssertEqual(capped[0].mentions, plain[0].mentions)
        XCTAssertEqual(capped[0].evidence.map { $0.sentence }, ["Donald Trump spoke in Ohio."])
    }
}

