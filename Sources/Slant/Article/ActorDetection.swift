/// Finds an article's main actors when the user names none: capitalised names that recur.
///
/// 1. Capitalised word sequences inside one sentence ("Donald Trump", "Iran") are candidate names; a title in
///    front of them is dropped ("President Trump", "Mr. Trump", "Mayor Ellen Park" give "Trump" and "Ellen Park"),
///    and so is a function word that is capitalised only because it opens the sentence ("But Iran ..." gives
///    "Iran"). A one-word name seen only at the start of sentences ("Opponents said ...") is not a name; nor is
///    a longer one whose first word the article also writes in lower case ("Top Trump aides ...", "Maybe Trump
///    ..."), unless it is also seen inside a sentence ("New York"), nor one whose first word news text capitalises
///    only to open a sentence (`SentenceOpeners`: "Hopefully Mexico" and "Millions of Americans" give "Mexico" and
///    "Americans"; "Well" and "Figure" are no names). Headings in capitals are left out ("VOTING
///    RIGHTS Mr. Holder" gives "Holder", "STORY OF ISIS" nothing), and so is a sentence written in title case,
///    as headlines are ("Republicans Are Saying About Phil Bredesen": a capitalised verb or preposition inside a
///    run of capitals), and an adjective made with a hyphen in front of a name ("Virginia-based", "Democrat-held").
/// 2. A one-word name that is the last word of a longer name merges into such a name ("Trump" into "Donald
///    Trump"), which then matches both: a person's name before a place's ("Park" goes to "Ellen Park", not
///    "Central Park"), then the most frequent (not "House" into "White House": `shortFormOfOther`). Two persons
///    with one surname both match it, and each mention goes to the one last named in full
///    (`MentionFinder.resolveShared`). A first name alone ("Bernie") merges into the one person it begins who was
///    named after a title and whose surname the article writes alone.
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
        "councilwoman", "congressman", "congresswoman", "former", "candidate", "democrat", "republican",
        "father", "reverend", "rev", "fr", "msgr", "bishop", "cardinal", "dame", "justice", "deputy", "foreign",
        // Offices and ranks found in front of names on news pages ("President-elect Donald Trump", "Special Counsel
        // Robert Mueller", "Minority Whip Dick Durbin", "Army Lieutenant Colonel Alexander Vindman", "Google CEO
        // Sundar Pichai"), and plural titles before surnames ("Justices Breyer and Kagan").
        "president-elect", "messrs", "counsel", "whip", "pastor", "lieutenant", "colonel", "sergeant", "admiral", "ceo",
        "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "chair", "justices", "judges", "senators", "sens", "reps",
        "representatives", "governors", "ministers", "secretaries", "mayors", "congressmen", "congresswomen",
        // Broadcasters' and writers' roles, clergy and military ranks ("Co-host Joy Behar", "Fox News host Sean
        // Hannity", "Pfc. Bradley Manning", "Rabbi Jonathan Sacks").
        "host", "co-host", "cohost", "anchor", "correspondent", "columnist", "commentator", "rabbi", "imam",
        "pfc", "pvt", "cpl", "spc", "maj", "adm", "cmdr",
    ]
    /// Words that are capitalised at the start of a sentence but never names on their own.
    static let functionWords: Set<String> = ([
        "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "if", "when", "while", "after", "before",
        "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
        "our", "my", "your", "as", "so", "yet", "still", "however", "meanwhile", "there", "here", "what", "who",
        "why", "how", "where", "some", "many", "most", "all", "both", "each", "one", "two", "three", "four", "five",
        "six", "seven", "eight", "nine", "ten", "last", "next",
        "also", "even", "only", "just", "now", "then", "today", "yesterday", "tomorrow", "to", "of", "with", "by",
        "from", "about", "not", "no", "yes", "despite", "although", "though", "because", "since", "until", "during",
        "among", "under", "over", "instead", "according", "asked", "said", "says", "while", "whether", "such",
        "other", "another", "more", "less", "several", "few", "every", "any", "much", "like", "unlike", "do",
        "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "should", "may", "might", "must", "let", "us", "me", "him", "them", "mr", "mrs", "ms",
    ] as Set<String>).union(numberWords)
    /// Numbers written as words, which open a sentence's count of people and never a name ("Thirty-one Democrats
    /// supported the pipeline": "Democrats"; one to ten are among the function words already).
    static let numberWords: Set<String> = {
        let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        // ("Hundreds", "Millions" and the like open a longer run, "Millions of Americans", which the sentence
        // openers' rule reads.)
        return Set(["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
                   + tens + tens.flatMap { t in units.map { "\(t)-\($0)" } })
    }()
    /// Capitalised words that are not actors (calendar words and the like).
    static let notNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm", "ap",
        "read", "more", "photo", "video", "image", "getty", "images", "reuters", "click", "advertisement",
        // Page furniture and first-person contractions that open sentences ("Please verify you're not a robot",
        // "I’m told"): on the AllSides dev articles "Please" was the ninth most named "actor".
        "please", "newsletter", "subscribe", "i’m", "i'm", "i’ve", "i've", "i’ll", "i'll", "i’d", "i'd",
        // "Advertisement Continue reading the main story" (New York Times pages): "Continue" is no name either;
        // nor a caption's credit ("Photographer: Andrew Harrer/Bloomberg").
        "continue", "photographer", "pdf", "ceos", "photos", "videos", "caption", "first", "second", "third", "fourth", "fifth",
        // An adjective, not the party ("Democrats", "Democratic Party"): "a Virginia-based Democratic strategist".
        "democratic",
        // Time zones ("2:05 p.m. ET: Stocks relapse", a live blog's entries).
        "et", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
        // Captions' and links' labels.
        "source", "screenshot", "courtesy", "website",
    ]
    /// Page furniture that starts a run of capitalised words without being part of a name ("Advertisement
    /// Continue ...", "Sign Up You ...", "Read More ...", "Photo Getty Images ..."): dropped from a name's front,
    /// as function words are.
    static let furniture: Set<String> = [
        "advertisement", "continue", "read", "click", "sign", "subscribe", "newsletter", "photo", "video", "image",
        "getty", "please", "share", "up",
        // A page's calls to act and links ("Follow @x on Twitter", "Call IndyStar reporter Tony Cook at ...", "See BLS
        // table", "Watch CNN's town hall", "Related Barack Obama is ...": a link's title before the text).
        "follow", "call", "see", "contact", "watch", "related",
        // Galleries and video players ("Photos: Moments from ...", "Hide Caption 3 of 14", "Replay More Videos",
        // "CLOSE While ...").
        "photos", "videos", "replay", "hide", "caption", "close",
        // Captions' and links' labels ("Source: Reuters", "Screenshot of AllSides", "Courtesy of ...", "Visit Website").
        "source", "screenshot", "courtesy", "website",
    ]
    /// Words naming an office after "<title> of" ("Secretary of State Mike Pompeo", "Minister of Foreign Affairs
    /// Sergei Lavrov"): dropped with the title.
    static let offices: Set<String> = [
        "state", "defense", "defence", "homeland", "security", "health", "human", "services", "finance", "justice",
        "treasury", "interior", "education", "energy", "commerce", "labor", "labour", "agriculture", "transportation",
        "transport", "veterans", "affairs", "foreign", "housing", "urban", "development", "war", "staff", "police",
        "public", "works", "economy", "trade", "industry", "environment", "culture", "information", "immigration",
        "home", "office", "the", "and", "national", "intelligence", "internal", "external", "communications",
        // "Speaker of the House John Boehner", "Secretary of the Navy Richard Spencer".
        "house", "senate", "navy", "army", "air", "force", "united", "states",
    ]
    /// Verbs, prepositions and conjunctions that are capitalised inside a run of capitals only in title case, as
    /// headlines are written ("Federal Judge Blocks Obama's Executive Actions On Immigration", "Republicans Are
    /// Saying About Phil Bredesen"): such a sentence's capitals are no evidence of names. Words that start a
    /// run ("The Hill", "For" in "Americans For Prosperity" aside) are not looked at, and "of", "for", "a" and
    /// "the" are left out: organisations write them capitalised in their names.
    static let headlineWords: Set<String> = [
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "says", "said", "to", "on", "in", "at",
        "with", "from", "by", "about", "into", "and", "an", "not", "after", "over", "if", "why", "how", "what",
        "could", "would", "should", "must", "their", "don't", "doesn't", "can't", "won't", "don’t", "doesn’t",
        "can’t", "won’t",
        // Headline verbs ("Chelsea Handler Blames Republicans", "Trump Attacks California", "Queen Backs Brexit"
        // quoted in a sentence); since 2026-12-06, late. Not "won", a Korean name.
        "backs", "attacks", "blames", "slams", "calls", "hits", "wins", "saw", "goes", "gets", "takes", "makes",
        "urges", "warns", "vows", "rips", "blasts", "defends", "pushes", "rejects", "denies", "hails", "praises",
        "threatens", "unveils", "launches", "sues", "accuses", "admits", "mulls", "seeks", "touts",
        // ("Federal Judge Blocks Obama's Executive Actions On Immigration" run into the text's first sentence
        // named "Blocks Obama"; since 2026-12-08.)
        "blocks", "halts", "nixes", "ousts", "signs", "orders", "tells", "asks", "sends", "meets",
        // Prepositions and reporting verbs of headings ("Survey Shows Stark Divide Between Rural and Urban Areas"
        // had named "Stark Divide Between Rural"); since 2026-12-08, later. Not those in organisations' names:
        // "Doctors Without Borders", "Mothers Against Drunk Driving", "The Daily Show".
        "between", "amid", "among", "across", "despite", "toward", "towards", "than", "shows", "reveals", "finds",
        "faces", "deepens",
    ]
    /// Lower-case words allowed inside a name between capitalised words ("Bank of America", "Ludwig van Beethoven").
    static let connectors: Set<String> = ["of", "de", "van", "von", "bin", "al", "da", "del", "la", "le", "di", "du", "der", "den"]

    /// A word's identity for the look-ups (`FNV64` over its scalars as written; `words` computes it, and the
    /// lower-cased key the word lists are matched against, inline).
    static func key(_ word: String) -> UInt64 { FNV64.key(word) }
    static let titleKeys = FNV64.keys(titles)
    /// Abbreviations that begin a place's name and keep their full stop inside it ("St. Louis", "Ft. Worth",
    /// "Mt. Everest"): not titles, so the name keeps them.
    static let placeAbbreviationKeys = FNV64.keys(["st", "ste", "ft", "mt"])
    static let functionKeys = FNV64.keys(functionWords)
    static let notNameKeys = FNV64.keys(notNames)
    /// Words that are no name alone but may end one ("Islamic State", "European Union"): "State" and "Union" of
    /// "State of the Union", a video's "Thanks for watching!", a transcript's "(SOUNDBITE OF ...)".
    static let aloneNotNameKeys = FNV64.keys(["state", "union", "thanks", "soundbite"])
    /// "Party" alone is no actor, but it is a mention of the one party the article names in full ("the Tea Party
    /// ... the Party"), as a surname is of a person: it merges into that name, and is not listed on its own.
    static let partyKey = key("party")
    /// Party words that are titles before a person ("Republican Sen. X") and part of a body's name ("Republican
    /// National Committee"). ("Democratic" is no title: "Democratic National Committee" keeps it anyway.)
    static let partyAdjectiveKeys = FNV64.keys(["republican", "democrat"])
    /// Words after a title word that make the pair a company's or a body's name: "General Motors", "General
    /// Electric", "General Mills", "General Dynamics", "General Assembly" (not "General Petraeus").
    static let titledBodyKeys = FNV64.keys(["motors", "electric", "mills", "dynamics", "assembly"])
    /// "for" joins a name after an institution's word: "Centers for Disease Control", "Center for American
    /// Progress" (read apart, they were "Disease Control" and "Center", "American Progress"). Not after a group's
    /// plural: "Women for Mfume", "Veterans for Trump" are campaigns whose name ends in a person's, and would take
    /// the person's surname.
    static let forKey = key("for")
    static let forBodyKeys = FNV64.keys(Set(Actor.bodyWords.map { $0.lowercased() }).union([
        "center", "centers", "centre", "institute", "coalition", "campaign", "foundation", "network", "fund",
        "project", "partnership"]))
    static let andKey = key("and")
    /// "and" joins the two halves of an agency's or institute's name ("Food and Drug Administration", "Securities
    /// and Exchange Commission", "Immigration and Customs Enforcement", "Department of Health and Human Services",
    /// "Center for Strategic and International Studies"; read apart, they were "Food" and "Drug Administration"),
    /// when the words after it are two or more capitalised ones whose last is such a name's ending, and the word
    /// before it is no body or party of its own ("House and Senate Armed Services", "Republicans and Democrats").
    /// Since 2026-12-08.
    static func joinsAgency(_ ws: [Word], and j: Int, end: Int) -> Bool {
        guard j >= 1, j + 2 < end, ws[j - 1].capitalised, !bodyLikeKeys.contains(ws[j - 1].lower),
              ws[j + 1].capitalised, !ws[j + 1].gapPunctuation, !bodyLikeKeys.contains(ws[j + 1].lower) else { return false }
        var k = j + 2
        while k < end, ws[k].capitalised, !ws[k].gapPunctuation { k += 1 }
        return k - (j + 1) >= 2 && agencyEndingKeys.contains(ws[k - 1].lower)
    }
    static let agencyEndingKeys = FNV64.keys(["administration", "commission", "services", "development", "enforcement",
                                              "studies", "affairs", "research", "protection", "statistics", "welfare",
                                              // ("Ways and Means Committee", "Colorado Oil and Gas Association", "Bill and
                                              // Melinda Gates Foundation", "Office of Science and Technology Policy"; since
                                              // 2026-12-08, later.)
                                              "committee", "association", "foundation", "policy"])
    /// Words that name a body or party alone, on either side of "and": no agency's half ("House and Senate ...",
    /// "Cornyn and House Homeland Security Committee").
    static let bodyLikeKeys = FNV64.keys(["house", "senate", "congress", "parliament", "republicans", "democrats",
                                          "republican", "democratic", "white", "court"])
    /// Two-word names that a one-word name ending them does not merge into, because that word alone names
    /// something else: "House" (the House of Representatives) is not the "White House" (in 103 of AllSides dev's
    /// 2,356 articles the White House had taken the House's mentions), "America" (the United States) is not
    /// Latin, Central, South or North America. (First word folded, last word as written.)
    static let shortFormOfOther: [(first: UInt64, last: UInt64)] =
        [("white", "House"), ("latin", "America"), ("central", "America"), ("south", "America"), ("north", "America")]
            .map { (FNV64.foldedKey($0.0), key($0.1)) }
    static let partyFoldedKey = FNV64.foldedKey("party")
    /// One-word names, as written, that are no actors: languages ("(SOUNDBITE) (English)" in broadcast transcripts,
    /// "her English class": 11 articles of AllSides dev had "English" as an actor), the words that open a
    /// speaker's turn in transcripts ("Yeah.", "Oh, I'm so sad", "Right.", "Ah, so the problem is", "Thank you":
    /// podcast transcripts in AllSides dev had "Ah" 14 times, "Yeah" and "Oh" 13, "Right" 12, as their main actors),
    /// transcripts' markers (`transcriptMarkers`) and pages', a company's legal ending, adjectives and states' abbreviations.
    /// Left out before the names are ranked, so that the slots go to the next names. A country's demonym that is
    /// also its language ("French", "Spanish") stays its country's (`ArticleAnalyzer.mergingCountries`).
    static let nonActors = Set(transcriptMarkers).union([
        "English", "Arabic", "Mandarin", "Cantonese", "Farsi", "Urdu", "Hindi", "Swahili", "Tagalog", "Latin", "Esperanto",
        "Yeah", "Yes", "Yep", "No", "Nope", "Oh", "Ah", "Uh", "Um", "Hmm", "Mhm", "Huh", "Wow", "Hey", "OK", "Okay",
        "Right", "Sure", "Thank", "Thanks", "Hi", "Hello",
        // Pages' links ("(Opens in new window)", "+ Show all candidates").
        "Opens", "Show",
        // A company's legal ending after "&" ("Muzinich & Co.": 27 mentions in one article).
        "Co", "Inc", "Corp", "Ltd", "LLC",
        // Adjectives written with a capital ("Western diplomats", "Congressional aides").
        "Western", "Eastern", "Congressional",
        // A state's abbreviation after a place ("Sarasota, Fla."): the place is named, the state portrayed no more
        // than by a postal address.
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ill", "Kan", "Mich", "Minn", "Miss", "Mont", "Neb",
        "Nev", "Okla", "Ore", "Tenn", "Tex", "Wash", "Wis", "Wyo", "Mass", "Ga", "Ky", "Md", "Pa", "Va", "Vt",
        // Things written with a capital that act on nothing: media and a statistic ("Internet companies", "TV ads",
        // "GDP grew", "voter ID"; a market's index stays an actor: "the Dow fell"), and the capitalised half of a
        // name with a number, which detection reads without it ("Super Tuesday", "60 Minutes", "the 14th
        // Amendment", "Proposition 8", "Phase 2", "HB 4"); since 2026-12-08.
        "Internet", "Web", "TV", "GDP", "ID",
        "Super", "Minutes", "Amendment", "Proposition", "Phase", "HB",
        // "The World’s Biggest Emitters" (a heading): the world is nobody's portrayal. A page's footnote marker
        // ("... was denied.REF Citizen journalists ...": 41 times in one article of the extra outlets).
        "World", "REF",
    ])
    /// Broadcast transcripts' markers ("<SOT: Mitch McConnell", "NAT/SOT", "VO" for a voice-over): no actors, and
    /// lower-cased where a text in capitals is recased (`Recasing`).
    static let transcriptMarkers = ["SOT", "NAT", "NATS", "VO", "SOUNDBITE"]
    static let nonActorKeys = FNV64.keys(nonActors)
    static let furnitureKeys = FNV64.keys(furniture)
    /// Public bodies' words, lower-cased: a title before one names the body ("Justice Department"), not a person.
    static let bodyKeys = FNV64.keys(Set(Actor.bodyWords.map { $0.lowercased() }))
    static let connectorKeys = FNV64.keys(connectors)
    static let headlineKeys = FNV64.keys(headlineWords)
    static let suffixKeys = FNV64.keys(["jr", "sr", "ii", "iii", "iv"])
    /// `GroupActors`' plural nouns ("critics", "supporters", "voters").
    static let groupPluralKeys = FNV64.keys(Set(GroupActors.nouns.map { $0.plural }))
    /// Titles that stand before a surname alone: honorifics and plural titles.
    static let honorificKeys = FNV64.keys(["mr", "mrs", "ms", "dr", "messrs", "justices", "judges", "senators", "sens", "reps",
                                           "representatives", "governors", "ministers", "secretaries", "mayors", "congressmen", "congresswomen"])
    /// What follows the hyphen of an adjective made from a name ("Virginia-based", "GOP-controlled", "Bush-era");
    /// not a syllable of a name ("Kim Jong-un").
    static let adjectiveEndings: Set<String> = [
        "based", "led", "held", "backed", "controlled", "owned", "run", "born", "style", "era", "aligned", "financed",
        "funded", "leaning", "linked", "affiliated", "allied", "sponsored", "supported", "wing", "friendly",
        "speaking", "language", "made", "raised", "educated", "minded", "dominated", "appointed", "nominated",
        "focused", "inspired", "oriented", "centric", "area", "level", "type", "like", "related", "specific", "wide",
        "bred", "trained", "built", "designed", "produced", "occupied", "ranking", "supplied", "majority", "minority",
    ]
    static let adjectiveEndingKeys = FNV64.keys(adjectiveEndings)
    static let officeKeys = FNV64.keys(offices)
    static let ofKey = key("of")
    static let theKey = key("the")
    /// The connectors as a lower-cased word's key, "and" and prepositions: what may stand before a capitalised
    /// "The" inside a name ("Bank Of The West", "Florence And The Machine", "Rage Against The Machine").
    static let connectorLowerKeys = FNV64.keys(connectors.union(["for", "and", "in", "on", "at", "to", "from", "with", "against",
                                                                "over", "under", "into", "by", "about", "through"]))
    /// Days and months, which "of" does not join to the name after them ("early June of PayPal’s president");
    /// not "March" and "May" ("March of Dimes", a given name).
    static let calendarKeys = FNV64.keys(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                          "january", "february", "april", "june", "july", "august", "september", "october",
                                          "november", "december"])
    /// `Actor.nonPersonFirst` as folded word keys (`MentionFinder.wordKey`), so that no string is made per name.
    static let nonPersonFirstKeys = KeySet64(Actor.nonPersonFirst.map(FNV64.foldedKey))

    struct Word {
        var range: Range<Int>
        /// `key` of the word as written and lower-cased (the word lists are lower-case).
        var key: UInt64
        var lower: UInt64
        var capitalised: Bool
        /// First word of its sentence (after any opening quote).
        var initial: Bool
        /// First word after a colon, which opens a clause as a sentence does ("2:05 p.m. ET: Stocks relapse").
        var clause: Bool = false
        /// Punctuation (other than spaces) between the previous word and this one.
        var gapPunctuation: Bool
        /// Written in capitals only, two letters or more ("VOTING", "FBI").
        var allCaps: Bool = false
        /// An adjective made with a hyphen: a lower-case adjective's ending (`adjectiveEndings`) or a participle of four
        /// letters or more follows its last hyphen ("Virginia-based", "Old-style", "Keystone-supporting"; not
        /// "Chick-fil-A", "Kim Jong-un"); or a party and state ("R-Calif"). Dropped from a name's ends.
        var hyphenated: Bool = false
    }

    /// A word as `MentionFinder` splits text (a maximal run of word scalars) that starts with a capital letter:
    /// where it starts, and its `FNV64` key as written.
    typealias CapitalisedWord = (start: Int, key: UInt64)

    /// The words of one sentence that can be part of a name (capitalised ones, and short ones that may be
    /// connectors or titles), appended to `out`; where its words that start with a lower-case letter start,
    /// written to `lowercase[lowercaseCount...]` (room for one per two scalars of the text: a sentence-initial
    /// "Top" is no name where "top" is written too); the sentence's capitalised words as `MentionFinder` splits them (the pieces of "al-Sadr" and "O'Brien", the S of a possessive 'S) are appended
    /// to `capitals` (not cleared), so that mention finding need not scan the text again.
    /// - Complexity: O(sentence), no allocation once `out` has grown.
    static func words(_ text: [Unicode.Scalar], _ sentence: Range<Int>, into out: inout [Word], capitals: inout [CapitalisedWord],
                      lowercase: UnsafeMutableBufferPointer<Int>, lowercaseCount: inout Int) {
        // Through a buffer pointer: this loop reads every scalar of the article, and the array's bounds checks
        // were a third of its time.
        text.withUnsafeBufferPointer { s in
        var i = sentence.lowerBound
        var punct = false
        // Lower-case words longer than any connector are left out of `out`: they can only end a name, which
        // the next listed word's `gapPunctuation` does as well (`skipped`). `seen` counts every word, and
        // `lastListed` says whether the latest word is the last one in `out`.
        var seen = 0, skipped = false, lastListed = false
        // A colon opens a clause as a sentence does ("2:05 p.m. ET: Stocks relapse"): `Word.clause`.
        var afterColon = false
        while i < sentence.upperBound {
            let c = s[i]
            if MentionFinder.isWordScalar(c) {
                var j = i + 1
                var joined = false, hyphenated = false
                while true {
                    // ASCII letters and digits first (most of a word), eight scalars at a time.
                    j = ScalarScan.asciiAlnumEnd(s, from: j, to: sentence.upperBound)
                    guard j < sentence.upperBound else { break }
                    if s[j].value >= 0x80 && MentionFinder.isWordScalar(s[j]) { j += 1; continue }
                    // Inner hyphens and apostrophes ("al-Sadr", "O'Brien"), not a possessive 's.
                    if (s[j] == "-" || s[j] == "'" || s[j] == "’"), j + 1 < sentence.upperBound, MentionFinder.isWordScalar(s[j + 1]),
                       !(s[j] != "-" && (s[j + 1] == "s" || s[j + 1] == "S") && (j + 2 == sentence.upperBound || !MentionFinder.isWordScalar(s[j + 2]))) {
                        if s[j] == "-" {
                            // The word after the hyphen, folded, is an adjective's ending.
                            var e = j + 1, k = FNV64.offset
                            while e < sentence.upperBound && MentionFinder.isWordScalar(s[e]) { k = FNV64.mix(k, MentionFinder.fold(s[e])); e += 1 }
                            // (Or any participle of four letters or more: "Keystone-supporting", "Trump-endorsed".)
                            let participle = e - (j + 1) >= 4 && (s[e - 1] == "g" && s[e - 2] == "n" && s[e - 3] == "i" || s[e - 1] == "d" && s[e - 2] == "e")
                            hyphenated = ScalarClass.isLower(s[j + 1]) && (adjectiveEndingKeys.contains(k) || participle)
                                // A party and state after a name ("Rep. Duncan Hunter (R-Calif.)", "D-N.Y."): no name.
                                || j == i + 1 && (c == "D" || c == "R" || c == "I") && ScalarClass.isUpper(s[j + 1])
                        }
                        j += 2; joined = true; continue
                    }
                    break
                }
                let capitalised = ScalarClass.isUpper(c)
                if joined {
                    // Each run of word scalars is a word of its own for mention finding.
                    var a = i
                    while a < j {
                        var b = a
                        var k = FNV64.offset
                        while b < j && MentionFinder.isWordScalar(s[b]) { k = FNV64.mix(k, s[b]); b += 1 }
                        if ScalarClass.isUpper(s[a]) { capitals.append((a, k)) }
                        a = b + 1
                    }
                }
                // Only capitalised words and short ones that may be connectors ("of", "van") are looked up. A
                // connector only counts right after a capitalised word with no punctuation between (`candidates`
                // looks at a lower-case word only when extending a name), so other short lower-case words are
                // left out like long ones: they too end whatever precedes them.
                let read = capitalised || (j - i <= 3 && lastListed && !punct && !skipped && out[out.count - 1].capitalised)
                var key: UInt64 = 0, lower: UInt64 = 0
                var allCaps = capitalised && j - i >= 2
                if read {
                    key = FNV64.offset; lower = key
                    for k in i..<j {
                        key = FNV64.mix(key, s[k]); lower = FNV64.mix(lower, MentionFinder.fold(s[k]))
                        if allCaps && !(s[k].value >= 0x41 && s[k].value <= 0x5A) { allCaps = false }
                    }
                }
                // (Bounded: sentences that overlap, which a caller may pass, would list a word twice.)
                if ScalarClass.isLower(c) && lowercaseCount < lowercase.count { lowercase[lowercaseCount] = i; lowercaseCount += 1 }
                if capitalised && !joined { capitals.append((i, key)) }
                if read {
                    out.append(Word(range: i..<j, key: key, lower: lower, capitalised: capitalised, initial: seen == 0, clause: afterColon, gapPunctuation: punct || skipped,
                                    allCaps: allCaps, hyphenated: hyphenated))
                    skipped = false
                } else {
                    skipped = true
                }
                lastListed = read
                seen += 1
                afterColon = false
                punct = false
                i = j
                // A possessive or other trailing apostrophe belongs to no word but is no punctuation gap either.
                if i < sentence.upperBound, s[i] == "'" || s[i] == "’" {
                    i += 1
                    if i < sentence.upperBound, s[i] == "s" || s[i] == "S" {
                        if s[i] == "S" { capitals.append((i, FNV64.mix(FNV64.offset, "S"))) }
                        i += 1
                        // A group's possessive that opens an institution's name is part of it ("People’s Republic
                        // of China", "Children’s Hospital"; without it, "Republic of China" is Taiwan's name).
                        if read, capitalised, groupPossessorKeys.contains(out[out.count - 1].lower), i + 1 < sentence.upperBound,
                           ScalarClass.isSpace(s[i]), ScalarClass.isUpper(s[i + 1]) {
                            Self.keepPossessive(s, &out[out.count - 1], to: i)
                            continue
                        }
                    }
                    punct = true
                }
                continue
            }
            if !ScalarClass.isSpace(c) {
                if c == ":" { afterColon = true; punct = true } else {
                    let opener = SentenceSplitter.isOpener(c)
                    if !(seen == 0 && opener) { punct = true }
                    // (An opening quote after the colon keeps the clause's start: ": “Stocks".)
                    if !opener { afterColon = false }
                }
            }
            if c == "." && lastListed {
                // "Mr." keeps the title attached, and so does a middle initial ("George W. Bush": one capital letter
                // right after a capitalised word, before a capitalised word); other full stops break a name. (The
                // space after it may be a hard-wrapped line's break, the only line break inside a sentence.)
                let last = out[out.count - 1]
                if last.capitalised && (titleKeys.contains(last.lower) || placeAbbreviationKeys.contains(last.lower)) { punct = false }
                else if last.range.count == 1, last.capitalised, !last.gapPunctuation, out.count >= 2,
                        out[out.count - 2].capitalised, out[out.count - 2].range.count >= 2,
                        i + 3 < sentence.upperBound, ScalarClass.isSpace(s[i + 1]), ScalarClass.isUpper(s[i + 2]), ScalarClass.isLower(s[i + 3]) {
                    punct = false
                }
            }
            i += 1
        }
        }
    }

    /// Makes `word` ("People") its possessive ("People’s", up to `end`), keys and all: the plurals whose
    /// possessive opens institutions' names (`groupPossessorKeys`). Rare, so out of line: inlined, the same check
    /// where `words` ends a word had cost that loop 4–8 M instructions per 400 articles.
    @inline(never)
    static func keepPossessive(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ word: inout Word, to end: Int) {
        var key = FNV64.offset, lower = FNV64.offset
        for k in word.range.lowerBound..<end { key = FNV64.mix(key, s[k]); lower = FNV64.mix(lower, MentionFinder.fold(s[k])) }
        word.range = word.range.lowerBound..<end
        word.key = key
        word.lower = lower
        word.allCaps = false
    }
    static let groupPossessorKeys = FNV64.keys(["people", "women", "children", "men"])
    /// Their possessives, which alone are no name ("Women's March" loses "March", a month, and keeps nothing).
    static let groupPossessiveKeys = FNV64.keys(Set(["people", "women", "children", "men"].flatMap { [$0 + "'s", $0 + "’s"] }))

    /// Whether a sentence is written in title case, as headlines are: four or more words of four letters or
    /// more, at least nine in ten of them capitalised (a sentence that quotes a title, "wrote an article titled
    /// “Americans Are Richer Than We Think”", is not).
    static func isTitleCase(_ s: [Unicode.Scalar], _ sentence: Range<Int>) -> Bool {
        var long = 0, capitalised = 0, i = sentence.lowerBound
        while i < sentence.upperBound {
            guard MentionFinder.isWordScalar(s[i]) else { i += 1; continue }
            var j = i + 1
            while j < sentence.upperBound && MentionFinder.isWordScalar(s[j]) { j += 1 }
            if j - i >= 4 { long += 1; if ScalarClass.isUpper(s[i]) { capitalised += 1 } }
            i = j
        }
        return long >= 4 && 10 * capitalised >= 9 * long
    }

    /// A candidate name: words `range` of the sentence's word list, and whether it stood at the sentence's start.
    struct Candidate {
        var words: Range<Int>
        var initial: Bool
        /// Its first word is the first after a colon (`Word.clause`).
        var clause: Bool = false
        /// A title was dropped from its front ("Mayor Ellen Park"): a person.
        var titled: Bool = false
    }

    /// The candidate names of one sentence, its words `ws`, appended to `out` (cleared first).
    /// - Parameter titleCase: whether the sentence is written in title case (`isTitleCase`), asked only when a
    ///   run of capitals reads as a headline's.
    static func candidates(_ ws: [Word], titleCase: () -> Bool, into out: inout [Candidate]) {
        out.removeAll(keepingCapacity: true)
        var i = 0
        let end = ws.count
        while i < end {
            guard ws[i].capitalised else { i += 1; continue }
            var j = i + 1
            var headline = false
            while j < end, !ws[j].gapPunctuation {
                if ws[j].capitalised {
                    if headlineKeys.contains(ws[j].lower) { headline = true }
                    // A capitalised "The" inside a run opens another run: a heading run into the text ("... Detect
                    // the Potential Spread of Coronavirus The CDC designed a flawed test", "Global Recession Deepens
                    // The IMF is predicting") had named the CDC "Potential Spread of Coronavirus The CDC". Not after
                    // a connector or a preposition ("Guardians Of The Galaxy", "Gone With The Wind"), nor after one
                    // word not in capitals ("Meet The Press", "Alexander The Great").
                    if ws[j].lower == theKey, !connectorLowerKeys.contains(ws[j - 1].lower), j - i >= 2 || ws[i].allCaps { break }
                    j += 1; continue
                }
                if connectorKeys.contains(ws[j].key) || ws[j].key == forKey && forBodyKeys.contains(ws[j - 1].lower),
                   // (Not after a day or a month: "in early June of PayPal’s president" is no name "June of PayPal".)
                   !(ws[j].key == ofKey && calendarKeys.contains(ws[j - 1].lower)),
                   j + 1 < end, ws[j + 1].capitalised, !ws[j + 1].gapPunctuation { j += 2; continue }
                if ws[j].key == andKey, joinsAgency(ws, and: j, end: end) { j += 2; continue }
                break
            }
            // Title case ("Americans Are Richer Than We Think"): the run is a headline's, and in a sentence
            // written mostly in capitals, so is every other run.
            if headline {
                if titleCase() { out.removeAll(keepingCapacity: true); return }
                i = j; continue
            }
            var lo = i, hi = j
            var initial = ws[i].initial
            var titled = false
            // "<title> of the <office> <name>" ("Speaker of the House John Boehner", "Secretary of the Navy Richard
            // Spencer"): the run after "the" starts with the office, which goes with the title.
            if i >= 2, ws[i - 1].key == ofKey, !ws[i - 1].gapPunctuation, titleKeys.contains(ws[i - 2].lower) {
                var k = lo
                while k < hi - 1, officeKeys.contains(ws[k].lower) { k += 1 }
                if k > lo { lo = k; titled = true; initial = false }
            }
            // A heading in capitals before a name ("VOTING RIGHTS Mr. Holder"): two or more words in capitals
            // only, then a word that is not.
            if ws[lo].allCaps, lo + 1 < hi, ws[lo + 1].allCaps, let k = (lo + 2..<hi).first(where: { !ws[$0].allCaps }) {
                lo = k; initial = false
            }
            // A group's plural noun opening the sentence ("Critics of Ruiz said", "Supporters of Mr. Trump") goes
            // too, as function words do.
            while lo < hi, functionKeys.contains(ws[lo].lower) || titleKeys.contains(ws[lo].lower) || furnitureKeys.contains(ws[lo].lower)
                || ws[lo].hyphenated || (ws[lo].initial || ws[lo].clause) && groupPluralKeys.contains(ws[lo].lower) {
                if titleKeys.contains(ws[lo].lower) { titled = true }
                // "<title> of <office>": the office goes with the title.
                if titled, ws[lo].key == ofKey {
                    lo += 1
                    while lo < hi, officeKeys.contains(ws[lo].lower) || titleKeys.contains(ws[lo].lower) { lo += 1 }
                    initial = false
                    continue
                }
                lo += 1; initial = false
            }
            while lo < hi, connectorKeys.contains(ws[hi - 1].key) || notNameKeys.contains(ws[hi - 1].lower) || ws[hi - 1].hyphenated { hi -= 1 }
            // A title before a body's word is part of the body's name: "Justice Department", not "Department"; and
            // so is a party's adjective before "Party" ("Republican Party", not "Party").
            if hi - lo == 1, lo > i, bodyKeys.contains(ws[lo].lower) || ws[lo].lower == partyKey || titledBodyKeys.contains(ws[lo].lower),
               titleKeys.contains(ws[lo - 1].lower) {
                lo -= 1; titled = false
            }
            // So is a party's adjective before a longer body's name: "Republican National Committee", not
            // "National Committee".
            var body = false
            if hi - lo > 1, lo > i, partyAdjectiveKeys.contains(ws[lo - 1].lower), bodyKeys.contains(ws[hi - 1].lower) || ws[hi - 1].lower == partyKey {
                lo -= 1; titled = false; body = true
            }
            // A title inside the run ("Senate Majority Leader Mitch McConnell", "Los Angeles Mayor Eric Garcetti",
            // "VOTING RIGHTS Mr. Holder"): the name is the two or three words after the last title, or the one
            // after an honorific or a plural title ("Mr. Holder", "Justices Breyer"; not "South Carolina
            // Republican Party" nor "Martin Luther King Jr").
            var t = hi - 1
            if t > lo, !honorificKeys.contains(ws[t - 1].lower) || suffixKeys.contains(ws[t].lower) { t -= 1 }
            while t > lo, !body {
                if titleKeys.contains(ws[t - 1].lower), (ws[t..<hi]).allSatisfy({ $0.capitalised }) {
                    lo = t; titled = true; initial = false
                    break
                }
                if hi - t >= 3 { break }
                t -= 1
            }
            // A titled person's place after "of" ("Sen. Marco Rubio of Florida", "President Vladimir Putin of
            // Russia") is not part of the name; an untitled "Bank of China" keeps it.
            if titled, lo + 1 < hi, let k = (lo + 1..<hi).first(where: { ws[$0].key == ofKey }) { hi = k }
            // A run of words in capitals only is a heading or a dateline ("STORY OF ISIS", "NEW YORK (Reuters)"),
            // and one of more than six words a list of names without commas, as tables give them.
            if hi - lo >= 2, (lo..<hi).allSatisfy({ ws[$0].allCaps }) || hi - lo > 6 { i = j; continue }
            if lo < hi, !(hi - lo == 1 && (notNameKeys.contains(ws[lo].lower) || aloneNotNameKeys.contains(ws[lo].lower) || groupPossessiveKeys.contains(ws[lo].lower))),
               (lo..<hi).contains(where: { ws[$0].range.count >= 2 }) {
                out.append(Candidate(words: lo..<hi, initial: initial, clause: ws[lo].clause, titled: titled))
            }
            i = j
        }
    }

    /// What detection keeps of one name: mentions, first sighting, its words' keys and where its words were
    /// first written (`spelled[wordsAt..<wordsAt + words]`; the string is made only for the names kept).
    struct Name {
        var count = 0
        var confirmed = false
        var firstSeen: Int
        var words: Int
        var last: UInt64
        var wordsAt: Int
        /// Seen after a title, or a multi-word name whose first word is a person's (not "Central", "New").
        var person = false
        /// Seen after a title ("Sen. Bernie Sanders"): a person's name beyond doubt.
        var titled = false
        /// Seen with its first word inside a sentence, not as the sentence's first word (nor the first after a colon).
        var inside = false
        /// Its first word is written in capitals only, four letters or more.
        var firstAllCaps = false
        /// Its first word is one that news text capitalises only to open a sentence (`SentenceOpeners`).
        var firstOpener = false
        /// The key of the name without its first word and the connectors, sentence openers and titles after it
        /// ("Members of Congress": "Congress"), and how many words that leaves out (multi-word names).
        var restKey: UInt64 = 0
        var restFrom = 0
    }

    /// Sets `commonName[i]` for each name `i` of `asked` whose first word the text also writes in lower case, at
    /// one of `lowercase`'s positions (folded, a whole word). The names are grouped by their first letter, a-z or
    /// other, and each lower-case word is compared with its letter's names only.
    /// (Through pointers, in a function of its own: as a closure inside `detect` its captured arrays were
    /// checked for uniqueness at every write, whenever the compiler chose not to inline it.)
    static func markWrittenInLowerCase(_ p: UnsafeBufferPointer<Unicode.Scalar>, asked: [Int], info: [Name], spelled: [Range<Int>],
                                       lowercase: UnsafeBufferPointer<Int>, commonName: UnsafeMutableBufferPointer<Bool>) {
        @inline(__always) func letter(_ c: Unicode.Scalar) -> Int { c.value >= 0x61 && c.value <= 0x7A ? Int(c.value - 0x61) : 26 }
        var byLetter = [(letter: Int, name: Int)]()
        byLetter.reserveCapacity(asked.count)
        for i in asked { byLetter.append((letter(MentionFinder.fold(p[spelled[info[i].wordsAt].lowerBound])), i)) }
        byLetter.sort { ($0.letter, $0.name) < ($1.letter, $1.name) }
        var from = [Int](repeating: byLetter.count, count: 27)   // where each letter's names start
        for (k, e) in byLetter.enumerated().reversed() { from[e.letter] = k }
        for q in lowercase {
            let l = letter(p[q])
            var k = from[l]
            while k < byLetter.count && byLetter[k].letter == l {
                let i = byLetter[k].name, r = spelled[info[i].wordsAt]
                k += 1
                guard !commonName[i], q + r.count <= p.count, q + r.count == p.count || !MentionFinder.isWordScalar(p[q + r.count]) else { continue }
                var m = 0
                while m < r.count && MentionFinder.fold(p[r.lowerBound + m]) == MentionFinder.fold(p[q + m]) { m += 1 }
                if m == r.count { commonName[i] = true }
            }
        }
    }

    /// Merges the names a text says are one (`sameAs`: "Myanmar, also known as Burma", "the Islamic State, also
    /// known as ISIS or ISIL", "Stephanie Clifford, better known as Stormy Daniels") into one actor, with both
    /// names' mentions and aliases, under the name the article uses most (its own and its merged names' mentions;
    /// a tie: the one written first). A name that is a common word's capital (`commonName`) is merged into none.
    /// (A function of its own: written inside `detect`, it made the compiler stop inlining that function's
    /// common-word check, which then cost 1% more of the whole analysis.)
    static func mergeNamedAsOne(_ sameAs: [(first: Int, other: Int)], info: [Name], commonName: [Bool],
                                kept: inout [Int], mergedInto: inout [Int], aliasesOf: inout [[Int]]) {
        var isKept = Set(kept)
        for pair in sameAs {
            var a = mergedInto[pair.first] >= 0 ? mergedInto[pair.first] : pair.first
            var b = mergedInto[pair.other] >= 0 ? mergedInto[pair.other] : pair.other
            guard a != b, isKept.contains(a), !(b < commonName.count && commonName[b]) else { continue }
            var usesA = info[a].count, usesB = info[b].count
            for x in aliasesOf[a] { usesA += info[x].count }
            for x in aliasesOf[b] { usesB += info[x].count }
            if (usesB, -info[b].firstSeen) > (usesA, -info[a].firstSeen) { swap(&a, &b) }
            mergedInto[b] = a; aliasesOf[a].append(b)
            for x in aliasesOf[b] { mergedInto[x] = a; aliasesOf[a].append(x) }
            aliasesOf[b] = []
            for x in [a, b] where isKept.insert(x).inserted { kept.append(x) }
        }
    }

    /// What stands between two names of a sentence, when it says they name one thing.
    enum AliasGap { case knownAs, or }

    /// Whether the text between two names, `gap`, says the second is another name of the first (", also known as",
    /// " (a.k.a.", ", better known as", ", aka", quotes and dashes allowed around it), or is " or " / ", or " (a
    /// further name after such an alias: "ISIS or ISIL"); nil otherwise.
    static func aliasGap(_ s: [Unicode.Scalar], _ gap: Range<Int>) -> AliasGap? {
        guard gap.count >= 4, gap.count <= 24 else { return nil }
        var lo = gap.lowerBound, hi = gap.upperBound
        func trimmed(_ c: Unicode.Scalar) -> Bool {
            ScalarClass.isSpace(c) || c == "," || c == "(" || c == "\"" || c == "“" || c == "”" || c == "‘" || c == "'" || c == "—" || c == "–" || c == "-"
        }
        while lo < hi, trimmed(s[lo]) { lo += 1 }
        while hi > lo, trimmed(s[hi - 1]) { hi -= 1 }
        // (Compared scalar by scalar, folded, a space for any space, with the phrases' lengths first: no string
        // is made for the many gaps that are none of these, mostly ", " and " and ".)
        let n = hi - lo
        guard n < 64, aliasLengths & (1 << UInt64(n)) != 0 else { return nil }
        func reads(_ phrase: [Unicode.Scalar]) -> Bool {
            guard phrase.count == n else { return false }
            for k in 0..<n where phrase[k] != (ScalarClass.isSpace(s[lo + k]) ? " " : MentionFinder.fold(s[lo + k])) { return false }
            return true
        }
        if reads(orScalars) { return .or }
        return aliasPhrases.contains(where: reads) ? .knownAs : nil
    }
    static let orScalars = Array("or".unicodeScalars)
    static let aliasPhrases = ["also known as", "a.k.a.", "aka", "better known as", "also called", "otherwise known as"].map { Array($0.unicodeScalars) }
    /// Bit k set: a phrase of `aliasPhrases`, or "or", is k scalars long.
    static let aliasLengths: UInt64 = aliasPhrases.reduce(1 << 2) { $0 | 1 << UInt64($1.count) }

    /// A multi-word name's key from its words' keys (a one-word name's key is its word's key).
    @inline(__always) static func extend(_ k: UInt64, _ word: UInt64) -> UInt64 { (k ^ 0x20) &* 0x0000_0100_0000_01B3 ^ word &* 0x9E37_79B9_7F4A_7C15 }

    /// The main actors of a text.
    /// - Parameters:
    ///   - sentences: the text's sentences (`SentenceSplitter.split`).
    ///   - limit: at most this many actors.
    ///   - minMentions: an actor needs at least this many mentions.
    /// - Complexity: O(text) expected, plus sorting the names; strings are built once per distinct name.
    public static func detect(_ s: [Unicode.Scalar], sentences: [Range<Int>], limit: Int = 5, minMentions: Int = 2) -> [Actor] {
        var capitals: [CapitalisedWord] = []
        return detect(s, sentences: sentences, limit: limit, minMentions: minMentions, capitals: &capitals)
    }

    /// `detect`, which also lists the text's capitalised words as `MentionFinder` splits them, in text order
    /// (`MentionFinder.find(_:in:capitals:)` then finds the detected actors without scanning the text again).
    static func detect(_ s: [Unicode.Scalar], sentences: [Range<Int>], limit: Int, minMentions: Int,
                       capitals: inout [CapitalisedWord]) -> [Actor] {
        capitals.removeAll(keepingCapacity: true)
        var names = IndexMap64(capacity: 256)   // name key → index in `info`
        var info: [Name] = []
        var spelled: [Range<Int>] = []   // the scalar ranges of each name's words, as first written
        var ws: [Word] = [], cs: [Candidate] = []
        // Where the lower-case words start (a word takes a scalar and a separator at least; written through a
        // pointer, as appending to an array per word cost more than the rest of the check).
        var lowercase = [Int](repeating: 0, count: s.count / 2 + 1), lowercaseCount = 0
        // Names the text says are one ("the Islamic State, also known as ISIS or ISIL"): (first, other) pairs.
        var sameAs: [(first: Int, other: Int)] = []
        for sentence in sentences {
            ws.removeAll(keepingCapacity: true)
            lowercase.withUnsafeMutableBufferPointer { words(s, sentence, into: &ws, capitals: &capitals, lowercase: $0, lowercaseCount: &lowercaseCount) }
            candidates(ws, titleCase: { isTitleCase(s, sentence) }, into: &cs)
            // The sentence's previous name: its index, where it ends, and whether it was named as another's alias.
            var previous: (index: Int, end: Int, alias: Bool)? = nil
            for c in cs {
                // A one-word name's key is its word's key, so that it can be found as a longer name's last word.
                var k = ws[c.words.lowerBound].key
                for w in c.words.dropFirst() { k = extend(k, ws[w].key) }
                let index: Int
                if let x = names[k] { index = x } else {
                    index = info.count
                    names[k] = index
                    let first = ws[c.words.lowerBound]
                    var rest: UInt64 = 0, from = 1
                    if c.words.count > 1 {
                        // (Then connectors, sentence openers and titles: "Millions of Americans" gives "Americans",
                        // "Stay Informed Get ProPublica" "ProPublica", "Remember President Trump" "Trump".)
                        while from < c.words.count - 1 {
                            let w = ws[c.words.lowerBound + from]
                            guard connectorKeys.contains(w.key) || SentenceOpeners.keys.contains(w.lower) || titleKeys.contains(w.lower) else { break }
                            from += 1
                        }
                        rest = ws[c.words.lowerBound + from].key
                        for w in c.words.dropFirst(from + 1) { rest = extend(rest, ws[w].key) }
                    }
                    info.append(Name(firstSeen: index, words: c.words.count, last: ws[c.words.upperBound - 1].key, wordsAt: spelled.count,
                                     firstAllCaps: first.allCaps && first.range.count >= 4, firstOpener: SentenceOpeners.keys.contains(first.lower),
                                     restKey: rest, restFrom: from))
                    for w in c.words { spelled.append(ws[w].range) }
                }
                info[index].count += 1
                if c.titled { info[index].person = true; info[index].titled = true }
                // Seen somewhere other than a sentence's first word.
                if !c.initial || c.words.count > 1 { info[index].confirmed = true }
                // (After a colon is not inside: "Stocks" in "2:05 p.m. ET: Stocks relapse" is asked, as a name only
                // seen opening sentences is, whether the article writes it in lower case.)
                if !c.initial && !c.clause { info[index].inside = true }
                let begins = ws[c.words.lowerBound].range.lowerBound, ends = ws[c.words.upperBound - 1].range.upperBound
                var alias = false
                if let p = previous, p.index != index, let gap = aliasGap(s, p.end..<begins), gap == .knownAs || gap == .or && p.alias {
                    sameAs.append((p.index, index)); alias = true
                }
                previous = (index, ends, alias)
            }
        }
        func text(_ i: Int) -> String {
            // A middle initial is written with its full stop ("George W. Bush").
            (0..<info[i].words).map { k in
                let r = spelled[info[i].wordsAt + k]
                let initial = r.count == 1 && k > 0 && k < info[i].words - 1 && ScalarClass.isUpper(s[r.lowerBound])
                // "St. Louis" as the article writes it ("St Louis" too).
                let abbreviation = k < info[i].words - 1 && r.upperBound < s.count && s[r.upperBound] == "."
                    && placeAbbreviationKeys.contains(r.reduce(FNV64.offset) { FNV64.mix($0, MentionFinder.fold(s[$1])) })
                return String(scalars: s, r) + (initial || abbreviation ? "." : "")
            }.joined(separator: " ")
        }
        // A name whose first word the article also writes in lower case is a common word's capital, not a name,
        // when it was only ever seen opening a sentence ("Top Trump", "Maybe Trump", "Internal FBI"; "New York"
        // is written inside sentences too, and a place's or body's first word, "House Republicans", is let
        // be), or is a word in capitals ("PATTERN"); and so is a one-word name seen only opening sentences and
        // clauses after a colon ("2:05 p.m. ET: Stocks relapse", where "stocks" is written too).
        // (The names in question are compared with the article's lower-case words that start with the same
        // letter: grouped by their first letter, a-z or other.)
        var commonName = [Bool](repeating: false, count: info.count)
        let asked = info.indices.filter { i in
            info[i].words > 1 && !info[i].inside || info[i].words == 1 && (info[i].firstAllCaps || info[i].confirmed && !info[i].inside)
        }
        // So is one whose first word news text capitalises only to open a sentence ("Hopefully Mexico", "Neither
        // Biden", "Millions of Americans"), whether or not this article writes it in lower case, and a longer one
        // whose first word news text writes in lower case ("Needling India", "Denunciations of Israel").
        for i in asked where info[i].firstOpener || info[i].words > 1 && LowercaseWords.contains(s, spelled[info[i].wordsAt]) {
            commonName[i] = true
        }
        if !asked.isEmpty {
            s.withUnsafeBufferPointer { p in
                lowercase.withUnsafeBufferPointer { lw in
                    commonName.withUnsafeMutableBufferPointer { common in
                        markWrittenInLowerCase(p, asked: asked, info: info, spelled: spelled,
                                               lowercase: UnsafeBufferPointer(rebasing: lw[0..<lowercaseCount]), commonName: common)
                    }
                }
            }
            for i in asked where commonName[i] && nonPersonFirstKeys.contains(MentionFinder.wordKey(s, spelled[info[i].wordsAt], folded: true)) {
                commonName[i] = false
            }
        }
        // A one-word name that is such a word is none wherever it was seen ("Well", "Figure", "Isn’t" after an
        // opening quote, "Seniors" in a heading), unless it ends a longer name.
        for i in info.indices where info[i].words == 1 && info[i].firstOpener { commonName[i] = true }
        func common(_ i: Int) -> Bool { i < commonName.count && commonName[i] }
        // A two-word name whose last word, alone, names another thing (`shortFormOfOther`): "the House" is the
        // chamber, not the "White House"; "America" the country, not "Latin America".
        func namesAnotherThing(_ i: Int) -> Bool {
            info[i].words == 2 && shortFormOfOther.contains(where: { pair in
                info[i].last == pair.last && MentionFinder.wordKey(s, spelled[info[i].wordsAt], folded: true) == pair.first
            })
        }
        // Such a longer name's mentions are its other words' ("Top Trump" counts for "Trump", seen inside a
        // sentence there).
        for i in info.indices where info[i].words > 1 && common(i) {
            let r: Int
            if let x = names[info[i].restKey] { r = x } else {
                r = info.count
                names[info[i].restKey] = r
                info.append(Name(firstSeen: info[i].firstSeen, words: info[i].words - info[i].restFrom, last: info[i].last,
                                 wordsAt: info[i].wordsAt + info[i].restFrom))
            }
            info[r].count += info[i].count
            info[r].confirmed = true; info[r].inside = true
            if info[i].person { info[r].person = true }
        }
        // A one-word name at a sentence's start is still a name when it is the last word of a longer one ("Reza").
        let surnames = Set(info.indices.filter { info[$0].words > 1 && !common($0) }.map { info[$0].last })
        // (A one-word name only seen opening sentences and clauses, and written in lower case too, is still a
        // name when it ends a longer one: "Park" of "Ellen Park" where "the park" is written.)
        var kept = info.indices.filter { i in
            (info[i].confirmed || (info[i].words == 1 && surnames.contains(info[i].last)))
                && (!common(i) || info[i].words == 1 && !info[i].firstAllCaps && surnames.contains(info[i].last))
        }
        // A multi-word name is a person's when it was seen after a title or its first word names no place or
        // body ("Ellen Park", not "Central Park").
        for i in kept where info[i].words > 1 && !info[i].person {
            let first = spelled[info[i].wordsAt]
            info[i].person = info[i].words <= 3 && !nonPersonFirstKeys.contains(MentionFinder.wordKey(s, first, folded: true))
        }
        // Merge one-word names into the longer name that ends with them: a person's before a place's, then the
        // most frequent, then the first seen. Other person names with the same last word ("Bill Clinton" beside
        // "Hillary Clinton") get the one-word name as an alias too: `MentionFinder.resolveShared` then gives
        // each of its mentions to the person last named in full before it.
        var bestByLastWord: [UInt64: Int] = [:]
        for i in kept where info[i].words > 1 && !namesAnotherThing(i) {
            if let cur = bestByLastWord[info[i].last],
               (info[cur].person ? 1 : 0, info[cur].count, -info[cur].firstSeen) >= (info[i].person ? 1 : 0, info[i].count, -info[i].firstSeen) { continue }
            bestByLastWord[info[i].last] = i
        }
        // Indexed by name (arrays, not dictionaries: every article builds these).
        var mergedInto = [Int](repeating: -1, count: info.count)
        var aliasesOf = [[Int]](repeating: [], count: info.count)
        for single in kept where info[single].words == 1 {
            if let best = bestByLastWord[info[single].last] {
                mergedInto[single] = best
                aliasesOf[best].append(single)
            }
        }
        // An acronym ("EPA", "FBI", "UN") merges into the longer name of the same article whose initials it is
        // ("Environmental Protection Agency", "Federal Bureau of Investigation", "United Nations"; a connector's
        // initial may count or not: "DOJ" for "Department of Justice"), the most mentioned if several: one actor
        // under both forms. Only when the article has a word of 2 to 6 capital letters; one seen only at the start
        // of sentences ("DHS officials declined.") counts too, since the expansion shows it is a name.
        // (Over a buffer pointer, without slices, sets or dictionaries: every candidate name of every article is
        // tested. A form of up to six letters is coded as one integer, a letter per byte.)
        var acronyms: [(code: UInt64, name: Int, expansion: Int)] = []
        s.withUnsafeBufferPointer { p in
            for i in info.indices where info[i].words == 1 && mergedInto[i] < 0 {
                let r = spelled[info[i].wordsAt]
                guard r.count >= 2, r.count <= 6 else { continue }
                var code: UInt64 = 0
                for k in r {
                    let v = p[k].value
                    guard v >= 0x41 && v <= 0x5A else { code = 0; break }
                    code = code << 8 | UInt64(v)
                }
                if code != 0 { acronyms.append((code, i, -1)) }
            }
            guard !acronyms.isEmpty else { return }
            for i in kept where info[i].words > 1 && info[i].words <= 8 {
                var capitals: UInt64 = 0, all: UInt64 = 0, nc = 0
                for k in 0..<info[i].words {
                    let v = p[spelled[info[i].wordsAt + k].lowerBound].value
                    let upper = v >= 0x61 && v <= 0x7A ? v - 0x20 : v
                    guard upper >= 0x41 && upper <= 0x5A else { capitals = 0; all = 0; break }
                    all = all << 8 | UInt64(upper)
                    if v <= 0x5A { capitals = capitals << 8 | UInt64(upper); nc += 1 }
                }
                let forms = (nc >= 2 && nc <= 6 ? capitals : 0, info[i].words <= 6 ? all : 0)
                for j in acronyms.indices where acronyms[j].code == forms.0 || acronyms[j].code == forms.1 {
                    let cur = acronyms[j].expansion
                    if cur < 0 || (info[cur].count, -info[cur].firstSeen) < (info[i].count, -info[i].firstSeen) { acronyms[j].expansion = i }
                }
            }
        }
        if acronyms.contains(where: { $0.expansion >= 0 }) {
            let isKept = Set(kept)
            for a in acronyms where a.expansion >= 0 {
                mergedInto[a.name] = a.expansion; aliasesOf[a.expansion].append(a.name)
                if !isKept.contains(a.name) { kept.append(a.name) }
            }
        }
        // A first name alone ("Hillary" beside "Hillary Clinton", "Bernie" beside "Bernie Sanders") merges into
        // the one person of the article whose name it begins: a name seen after a title ("Sen. Bernie Sanders")
        // whose surname the article also writes alone, inside a sentence (not "Google" into "Google News", nor
        // "Alabama" into "Alabama GOP"); not when two such persons share it
        // ("John Kerry" and "John McCain").
        var byFirstName: [UInt64: Int] = [:]   // first word's key → the person, or -1 when two
        for single in kept where mergedInto[single] >= 0 {
            let p = mergedInto[single]
            guard info[p].words == 2 || info[p].words == 3, info[p].titled, info[single].last == info[p].last, info[single].inside else { continue }
            let k = MentionFinder.wordKey(s, spelled[info[p].wordsAt], folded: false)
            if let cur = byFirstName[k], cur != p { byFirstName[k] = -1 } else { byFirstName[k] = p }
        }
        if !byFirstName.isEmpty {
            for single in kept where info[single].words == 1 && mergedInto[single] < 0 {
                if let p = byFirstName[info[single].last], p >= 0 {
                    mergedInto[single] = p
                    aliasesOf[p].append(single)
                }
            }
        }
        // Names the text says are one ("Myanmar, also known as Burma", "the Islamic State, also known as ISIS or
        // ISIL"): one actor (`mergeNamedAsOne`).
        if !sameAs.isEmpty {
            mergeNamedAsOne(sameAs, info: info, commonName: commonName, kept: &kept, mergedInto: &mergedInto, aliasesOf: &aliasesOf)
        }
        var sharedBy = [[Int]](repeating: [], count: info.count)   // name → the one-word names it shares
        for single in kept where mergedInto[single] >= 0 && info[mergedInto[single]].person {
            for i in kept where i != mergedInto[single] && info[i].words > 1 && info[i].person && info[i].last == info[single].last {
                sharedBy[i].append(single)
            }
        }
        // A name's mentions: its own occurrences and those of the one-word names merged into it.
        var mentions = [Int](repeating: 0, count: info.count)
        for i in kept { mentions[mergedInto[i] >= 0 ? mergedInto[i] : i] += info[i].count }
        let heads = kept.filter { mergedInto[$0] < 0
            && !(info[$0].words == 1 && (MentionFinder.wordKey(s, spelled[info[$0].wordsAt], folded: true) == partyFoldedKey
                                         || nonActorKeys.contains(MentionFinder.wordKey(s, spelled[info[$0].wordsAt], folded: false)))) }
        var chosen = heads.filter { mentions[$0] >= minMentions }
        // A short article may name each person once: then its full (multi-word) names are its actors.
        if chosen.isEmpty { chosen = heads.filter { info[$0].words > 1 } }
        return chosen
            .sorted { (mentions[$0], -info[$0].firstSeen) > (mentions[$1], -info[$1].firstSeen) }
            .prefix(limit)
            .map { i in
                let name = text(i)   // (made once: each is a string per word, joined)
                return Actor(name: name, aliases: [name] + aliasesOf[i].map(text) + sharedBy[i].map(text), caseSensitive: true)
            }
    }
}
