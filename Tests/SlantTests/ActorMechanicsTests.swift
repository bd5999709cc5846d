import XCTest
@testable import Slant

/// The actor analysis's mechanics as a careful reader checks them, on small texts: labels that follow the
/// evidence, evidence that agrees with the label, the right mentions (capitalised surnames, any white space
/// between a name's words, the right one of two persons with one surname, a person's name before a place's)
/// and the right sentences. Each text was a wrong answer of the analysis before 2026-12-04.
final class ActorMechanicsTests: XCTestCase {
    func sentences(_ text: String) -> [String] { SentenceSplitter.sentences(text).map { $0.text } }

    /// The toy sentiment model of `ArticleTests`: "praised" pushes positive, "attacked" negative.
    func sentimentModel() -> SlantModel { ArticleTests.sentimentModel() }

    func analyze(_ text: String, actors: [String] = [], settings: ActorSettings? = nil) throws -> [ActorResult] {
        var scratch: [FeatureScratch] = []
        return try ArticleAnalyzer(model: sentimentModel(), settings: settings)
            .analyze(Record(id: "a", text: text), named: actors.map { Actor.parse($0)! }, scratch: &scratch)
    }

    /// Aggregator weights that say `label` (0 negative, 1 neutral, 2 positive) whatever the features.
    func constantAggregator(_ label: Int) -> ActorSettings {
        var s = ActorSettings()
        s.weights = (0..<3).map { k in [Float](repeating: 0, count: ActorFeatures.count) + [k == label ? 5 : 0] }
        s.featureMean = [Float](repeating: 0, count: ActorFeatures.count)
        s.featureScale = [Float](repeating: 1, count: ActorFeatures.count)
        return s
    }

    // MARK: labels and evidence

    /// Every sentence condemns the actor: negative, whatever a learned aggregator says, with the mean sentence
    /// probabilities as its probabilities; and positive the same way.
    func testConsistentStrongEvidenceDecidesTheLabel() throws {
        let text = "Critics attacked Anna Berg. Berg was attacked again. Residents attacked Berg on Monday."
        let a = try analyze(text, actors: ["Anna Berg"], settings: constantAggregator(1))[0]
        XCTAssertEqual(a.distribution, [3, 0, 0])
        XCTAssertLessThan(a.score, -ArticleAnalyzer.strongEvidence)
        XCTAssertEqual(a.label, "negative")
        XCTAssertEqual(a.probabilities ?? [], a.scores)
        XCTAssertTrue(a.evidence.allSatisfy { $0.label == "negative" })
        let p = try analyze(text.replacingAll("attacked", with: "praised"), actors: ["Anna Berg"], settings: constantAggregator(0))[0]
        XCTAssertEqual(p.label, "positive")
        // Mixed evidence is the aggregator's to decide.
        let mixed = try analyze("Critics attacked Anna Berg. Berg was praised by all. Berg spoke.", actors: ["Anna Berg"], settings: constantAggregator(1))[0]
        XCTAssertEqual(mixed.label, "neutral")
        XCTAssertEqual(mixed.probabilities!.indices.max { mixed.probabilities![$0] < mixed.probabilities![$1] }, 1)
    }

    /// The evidence shown is the evidence for the label given, also when the aggregator, not the band, gave it.
    func testEvidenceFollowsTheFinalLabel() throws {
        let text = "Critics attacked Anna Berg. Berg spoke on Monday. Voters praised Berg."
        let pos = try analyze(text, actors: ["Anna Berg"], settings: constantAggregator(2))[0]
        XCTAssertEqual(pos.label, "positive")
        XCTAssertEqual(pos.evidence.first?.label, "positive")
        XCTAssertEqual(pos.evidence.last?.label, "negative")
        let neg = try analyze(text, actors: ["Anna Berg"], settings: constantAggregator(0))[0]
        XCTAssertEqual(neg.label, "negative")
        XCTAssertEqual(neg.evidence.first?.label, "negative")
    }

    /// `EvidenceShown`: every scored sentence in the text's order, each with its own label; the strongest `k`
    /// for the label; none. The label and the sentence counts do not depend on what is shown.
    func testEvidenceShownAllOrStrongestOrNone() throws {
        let text = "Critics attacked Anna Berg. Berg spoke on Monday. Voters praised Berg. Rivals attacked Berg again."
        var scratch: [FeatureScratch] = []
        func run(_ shown: EvidenceShown?) throws -> ActorResult {
            try ArticleAnalyzer(model: sentimentModel(), settings: constantAggregator(0), evidence: shown)
                .analyze(Record(id: "a", text: text), named: [Actor.parse("Anna Berg")!], scratch: &scratch)[0]
        }
        let all = try run(.all), top1 = try run(.strongest(1)), none = try run(.strongest(0)), model = try run(nil)
        XCTAssertEqual(all.evidence.count, 4)
        XCTAssertEqual(all.evidence.map { $0.range.lowerBound }, all.evidence.map { $0.range.lowerBound }.sorted(), "the text's order")
        XCTAssertEqual(all.evidence.map { $0.label }, ["negative", "neutral", "positive", "negative"])
        XCTAssertTrue(all.evidence[3].sentence.hasPrefix("Rivals attacked Berg"), all.evidence[3].sentence)
        XCTAssertEqual(top1.evidence.count, 1)
        XCTAssertEqual(top1.evidence[0].label, "negative")
        XCTAssertTrue(none.evidence.isEmpty)
        XCTAssertEqual(model.evidence.count, ActorSettings().evidence, "the model's setting")
        XCTAssertEqual(model.evidence.first?.label, "negative", "strongest first")
        // More than there are: all of them, strongest first.
        XCTAssertEqual(try run(.strongest(50)).evidence.count, 4)
        for r in [top1, none, model] {
            XCTAssertEqual(r.label, all.label); XCTAssertEqual(r.distribution, all.distribution); XCTAssertEqual(r.scores, all.scores)
        }
    }

    /// A label needs a sentence of its sign: an aggregator that says positive (here: by its biases alone, as the
    /// article's tone can) for an actor without a positive sentence gives the most probable supported label.
    func testALabelNeedsASentenceOfItsSign() throws {
        var leansPositive = ActorSettings()
        leansPositive.weights = [3, 0, 5].map { b in [Float](repeating: 0, count: ActorFeatures.count) + [b] }
        leansPositive.featureMean = [Float](repeating: 0, count: ActorFeatures.count)
        leansPositive.featureScale = [Float](repeating: 1, count: ActorFeatures.count)
        let neutralOnly = try analyze("Anna Berg spoke on Monday. Berg spoke again on Tuesday.", actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(neutralOnly.distribution, [0, 2, 0])
        XCTAssertEqual(neutralOnly.label, "neutral")
        XCTAssertEqual(neutralOnly.probabilities ?? [], [0, 1, 0], "renormalised over the supported labels")
        let oneNegative = try analyze("Critics attacked Anna Berg. Berg spoke on Monday.", actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(oneNegative.distribution, [1, 1, 0])
        XCTAssertEqual(oneNegative.label, "negative", "the most probable supported label")
        XCTAssertEqual(oneNegative.evidence.first?.label, "negative")
        let supported = try analyze("Voters praised Anna Berg. Berg spoke on Monday.", actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(supported.distribution, [0, 1, 1])
        XCTAssertEqual(supported.label, "positive")
        XCTAssertGreaterThan(supported.probabilities![0], 0, "a supported label keeps the aggregator's probabilities")
        // The band, too: a mean below the band's low end with no negative sentence is neutral.
        var band = ActorSettings()
        band.low = 0.5; band.high = 0.9
        XCTAssertEqual(try analyze("Anna Berg spoke on Monday. Berg spoke again on Tuesday.", actors: ["Anna Berg"], settings: band)[0].label, "neutral")
    }

    /// Nor a clear balance of the other sign: an aggregator that says positive for an actor whose sentences are
    /// at least twice as often negative as positive, with a mean P(positive) − P(negative) of −0.2 or lower over
    /// three sentences or more, gives the most probable other label; a balance less clear keeps the label.
    func testALabelAgainstAClearBalanceOfItsSentencesIsRuledOut() throws {
        var leansPositive = ActorSettings()
        leansPositive.weights = [3, 0, 5].map { b in [Float](repeating: 0, count: ActorFeatures.count) + [b] }
        leansPositive.featureMean = [Float](repeating: 0, count: ActorFeatures.count)
        leansPositive.featureScale = [Float](repeating: 1, count: ActorFeatures.count)
        let condemned = try analyze("Critics attacked Anna Berg. Voters attacked Berg. Critics attacked Berg again. Voters praised Berg.",
                                    actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(condemned.distribution, [3, 0, 1])
        XCTAssertLessThanOrEqual(condemned.score, -ArticleAnalyzer.against.mean)
        XCTAssertEqual(condemned.label, "negative", "the more probable of negative and neutral")
        XCTAssertEqual(condemned.probabilities?[2], 0, "renormalised without positive")
        // Two sentences only, or as many positive as negative: the aggregator's label stands.
        let two = try analyze("Critics attacked Anna Berg. Voters praised Berg.", actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(two.label, "positive")
        let even = try analyze("Critics attacked Anna Berg. Voters attacked Berg. Voters praised Berg. Critics praised Berg.",
                               actors: ["Anna Berg"], settings: leansPositive)[0]
        XCTAssertEqual(even.distribution, [2, 0, 2])
        XCTAssertEqual(even.label, "positive")
        // The other way round.
        var leansNegative = leansPositive
        leansNegative.weights = [5, 0, 3].map { b in [Float](repeating: 0, count: ActorFeatures.count) + [b] }
        let praised = try analyze("Voters praised Anna Berg. Critics praised Berg. Voters praised Berg again. Critics attacked Berg.",
                                  actors: ["Anna Berg"], settings: leansNegative)[0]
        XCTAssertEqual(praised.distribution, [1, 0, 3])
        XCTAssertEqual(praised.label, "positive")
        // Each threshold on its own (labels negative, neutral, positive; the aggregator's probabilities given).
        let analyzer = try ArticleAnalyzer(model: sentimentModel())
        func ruled(_ distribution: [Int], score: Float, label: String = "positive") -> String {
            var r = ActorResult(name: "A", aliases: ["A"], mentions: distribution.reduce(0, +), sentences: distribution.reduce(0, +),
                                label: label, score: score, scores: [0.3, 0.3, 0.4], distribution: distribution, evidence: [])
            r.probabilities = [0.3, 0.2, 0.5]
            analyzer.supportLabel(&r)
            return r.label
        }
        XCTAssertEqual(ruled([2, 0, 1], score: -0.2), "negative", "twice as many, the mean at the bound")
        XCTAssertEqual(ruled([3, 0, 2], score: -0.4), "positive", "fewer than twice as many")
        XCTAssertEqual(ruled([2, 0, 1], score: -0.19), "positive", "a mean short of the bound")
        XCTAssertEqual(ruled([2, 0, 0], score: -0.5), "negative", "no positive sentence (the older rule)")
        XCTAssertEqual(ruled([1, 1, 0], score: -0.5), "negative", "no positive sentence, two sentences")
        XCTAssertEqual(ruled([2, 1, 1], score: -0.3, label: "neutral"), "neutral", "neutral is never ruled out")
        XCTAssertEqual(ruled([1, 0, 2], score: 0.3, label: "negative"), "positive")
    }

    /// Page furniture is no actor: "Advertisement Continue reading the main story" and "Sign Up ..." give no name,
    /// and the record's publisher (its `source`) is not an actor of its own article, while another outlet is.
    func testPageFurnitureAndThePublisherAreNoActors() throws {
        let page = "Advertisement Continue reading the main story. Senator Ana Ruiz praised the plan. "
            + "Sign Up You will receive emails from The New York Times. Ruiz met Omar Haddad on Monday. "
            + "Advertisement Continue reading the main story. Haddad thanked Ruiz. Read More Ruiz stories from The New York Times."
        var scratch: [FeatureScratch] = []
        let analyzer = try ArticleAnalyzer(model: sentimentModel())
        func names(_ source: String?) -> [String] {
            var r = Record(id: "p", text: page)
            r.source = source
            return analyzer.analyze(r, named: [], scratch: &scratch).map { $0.name }.sorted()
        }
        XCTAssertEqual(names(nil), ["Ana Ruiz", "New York Times", "Omar Haddad"], "no furniture; the outlet's name without a source")
        XCTAssertEqual(names("New York Times - News"), ["Ana Ruiz", "Omar Haddad"])
        XCTAssertEqual(names("The New York Times"), ["Ana Ruiz", "Omar Haddad"])
        XCTAssertEqual(names("new york times"), ["Ana Ruiz", "Omar Haddad"], "case is ignored")
        XCTAssertEqual(names("New York Timesland"), ["Ana Ruiz", "New York Times", "Omar Haddad"], "another outlet")
        XCTAssertEqual(names("New York Times: Opinion"), ["Ana Ruiz", "Omar Haddad"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher([Actor.parse("New York")!, Actor.parse("The New York Times")!], source: "New York Times - News", limit: 5).map { $0.name },
                       ["New York"], "the city is not the newspaper")
        XCTAssertEqual(names("Fox News"), ["Ana Ruiz", "New York Times", "Omar Haddad"])
        // A caption's furniture word is not part of the name it opens.
        XCTAssertEqual(detected("Photo Ana Ruiz speaks in Madrid. Critics said Ruiz erred. Ruiz replied on Monday."), ["Ana Ruiz"])
        // A link's title before the text, a call to watch, and an adviser's title.
        XCTAssertEqual(Set(detected("Related Ana Ruiz wins the vote. Ruiz spoke. Watch CNN's report. CNN said so. National Security Adviser Susan Rice met Ruiz. Rice left.")),
                       ["Ana Ruiz", "CNN", "Susan Rice"])
        // Galleries and video players.
        XCTAssertEqual(detected("Photos: Ana Ruiz in Madrid. Hide Caption 3 of 14. Photos: Ana Ruiz at home. Hide Caption 4 of 14. Replay More Videos. CLOSE While Ruiz spoke, Ruiz left."), ["Ana Ruiz"])
        // "St." begins a place's name and keeps its stop; it is no title ("St. Louis", not "Louis").
        XCTAssertEqual(detected("St. Louis officials met. The St. Louis police said crime fell. Officials in St. Louis cheered."), ["St. Louis"])
        XCTAssertEqual(detected("St Louis officials met. Officials in St Louis cheered."), ["St Louis"])
        // Nor a page's calls to act ("Follow", "Call", "See").
        XCTAssertEqual(Set(detected("Ruiz spoke. Call IndyStar reporter Ana Ruiz at 317-444-6000. Follow IndyStar on Twitter. Follow.")), ["IndyStar", "Ana Ruiz"])
        // A title inside a run of capitalised words starts the name after it; a title before a body's word is the
        // body's name.
        XCTAssertEqual(detected("Senate Majority Leader Mitch McConnell spoke. McConnell left on Monday."), ["Mitch McConnell"])
        XCTAssertEqual(detected("It was Los Angeles Mayor Eric Garcetti who spoke. Garcetti left."), ["Eric Garcetti"])
        XCTAssertEqual(detected("The Justice Department sued. Critics said the Justice Department erred."), ["Justice Department"])
        XCTAssertEqual(detected("Critics sued Justice Department lawyers. Others joined Justice Department staff."), ["Justice Department"])
        XCTAssertEqual(detected("Critics said President Trump erred. Trump left."), ["Trump"])
        XCTAssertEqual(detected("Critics said Bank of America erred. Bank of America left."), ["Bank of America"])
        XCTAssertEqual(detected("Critics said Sen. Marco Rubio of Florida erred. Rubio left."), ["Marco Rubio"])
        XCTAssertEqual(detected("Critics said Secretary of State Mike Pompeo erred. Pompeo left."), ["Mike Pompeo"])
        XCTAssertEqual(detected("They met the President. The Secretary of State spoke. Then Mr. Smith met Senator Jones."), [], "titles alone, and names once")
        XCTAssertEqual(detected("Critics cited Bloomberg Photographer credits. Bloomberg Photographer credits were cited."), ["Bloomberg"], "a caption's credit")
        // A country's detected names and demonyms are one actor, in the place of the first of them; the slots they
        // leave go to the next names.
        var scratch2: [FeatureScratch] = []
        let iran = analyzer.analyze(Record(id: "i", text: "Officials said Iranian forces met Omar Haddad. Critics said Iranian forces moved. Critics said Iran denied it. Then Haddad left. The allies of Iran and the Iranians waited. Then Ana Ruiz spoke. Then Ruiz left."), named: [], scratch: &scratch2)
        XCTAssertEqual(iran.map { $0.name }, ["Iran", "Omar Haddad", "Ana Ruiz"])
        XCTAssertEqual(iran.first?.mentions, 4, "the detected forms and the country's name; \"Iranians\", named once, is not detected")
        XCTAssertEqual(ArticleAnalyzer.mergingCountries(["American", "Trump", "America", "United States", "Indian"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }).map { $0.name },
                       ["United States", "Trump", "Indian"])
        // Beyond the countries US news names most: a demonym becomes its country, and names that are as often a
        // person's or a US state's stay as detected.
        XCTAssertEqual(ArticleAnalyzer.mergingCountries(["Kenyan", "Jordan", "Kenya", "Georgia", "Salvadoran", "Filipinos", "Chad"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }).map { $0.name },
                       ["Kenya", "Jordan", "Georgia", "El Salvador", "Philippines", "Chad"])
        let kenya = analyzer.analyze(Record(id: "k", text: "Kenyan officials met Omar Haddad in English. Critics said Kenyan police moved. The wells in Kenya were dug. Then Haddad left, in English."), named: [], scratch: &scratch2)
        XCTAssertEqual(kenya.map { $0.name }, ["Kenya", "Omar Haddad"], "a language is no actor")
        XCTAssertEqual(kenya.first?.mentions, 3)
        // The slot the publisher leaves goes to the next actor: at most `limit` either way.
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher([Actor.parse("A")!, Actor.parse("ProPublica")!, Actor.parse("B")!], source: "ProPublica", limit: 2).map { $0.name }, ["A", "B"])
        // A publisher of two words or more names itself by its last word too; not by its first.
        let named = ["Times", "Washington", "Post", "Kim", "New York Times"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(named, source: "New York Times - News", limit: 5).map { $0.name }, ["Washington", "Post", "Kim"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(named, source: "The Washington Post", limit: 5).map { $0.name }, ["Times", "Washington", "Kim", "New York Times"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(named, source: "Reuters", limit: 5).count, 5)
        // Its sections and products name it too ("Bloomberg View", "New York Times Opinion"); a longer name that
        // starts with its name and goes on otherwise does not ("Nation of Islam" in The Nation).
        let sections = ["Bloomberg View", "Bloomberg Economics", "Michael Bloomberg", "Bloomberg Tower", "Nation of Islam", "Nation Opinion",
                        "New York Times Opinion"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(sections, source: "Bloomberg", limit: 7).map { $0.name },
                       ["Michael Bloomberg", "Bloomberg Tower", "Nation of Islam", "Nation Opinion", "New York Times Opinion"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(sections, source: "The Nation", limit: 7).map { $0.name },
                       ["Bloomberg View", "Bloomberg Economics", "Michael Bloomberg", "Bloomberg Tower", "Nation of Islam", "New York Times Opinion"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(sections, source: "New York Times - News", limit: 7).count, 6)
        let time = ["Time Warner Media", "Time Magazine"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher(time, source: "Time", limit: 2).map { $0.name }, ["Time Warner Media"])
        // A language is no actor; "North" goes to the one detected country it starts, "South" to none of two.
        XCTAssertEqual(Set(["English", "Kim", "Arabic", "English Channel", "Yeah", "Western Union", "Oh", "Co", "SOT", "Fla", "Western", "Florida"].filter { name in
                           detected("Then \(name) spoke. Later \(name) left.").contains(name) }),
                       ["Kim", "English Channel", "Western Union", "Florida"])
        let korea = ArticleAnalyzer.mergingCountries(["North", "Kim", "North Korea", "South", "South Korea", "South Africa"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) })
        XCTAssertEqual(korea.map { $0.name }, ["Kim", "North Korea", "South", "South Korea", "South Africa"])
        XCTAssertEqual(korea[1].aliases, ["North Korea", "North"])
        XCTAssertEqual(ArticleAnalyzer.mergingCountries(["South", "South Korean", "Moon"].map { Actor(name: $0, aliases: [$0], caseSensitive: true) }).map { $0.name },
                       ["South Korea", "Moon"])
        XCTAssertEqual(ArticleAnalyzer.withoutPublisher([Actor.parse("A")!, Actor.parse("B")!, Actor.parse("C")!], source: nil, limit: 2).map { $0.name }, ["A", "B"])
    }

    // MARK: quotation speakers

    /// `QuoteSpeaker`: the speaker of a quotation by a speech verb next to a mention outside the quotation, with
    /// straight and curly quotes; not a mention inside the quotation, not indirect speech, not a verb far away.
    func testQuotationSpeakers() {
        func speaks(_ sentence: String, _ name: String) -> Bool {
            let s = Array(sentence.unicodeScalars)
            var spans: [Span] = []
            var i = 0
            let n = Array(name.unicodeScalars)
            while i + n.count <= s.count { if Array(s[i..<(i + n.count)]) == n { spans.append(Span(i, i + n.count)); i += n.count } else { i += 1 } }
            XCTAssertFalse(spans.isEmpty, "\(name) in \(sentence)")
            return QuoteSpeaker.isSpeaker(s, sentence: 0..<s.count, spans: spans)
        }
        XCTAssertTrue(speaks("\"They did not listen to us,\" said Maria Lopez, an organizer.", "Maria Lopez"))
        XCTAssertTrue(speaks("“We attacked nobody,” Berg said on Monday.", "Berg"))
        XCTAssertTrue(speaks("Berg told reporters: \"The vote was a disgrace.\"", "Berg"))
        XCTAssertTrue(speaks("According to Berg, the plan \"failed everyone\".", "Berg"))
        XCTAssertFalse(speaks("\"Berg is a disgrace,\" said Lopez.", "Berg"), "inside the quotation: Lopez speaks")
        XCTAssertFalse(speaks("“Berg lied,” said Lopez.", "Berg"), "inside a curly quotation")
        XCTAssertFalse(speaks("Berg said the vote was a disgrace.", "Berg"), "no quotation marks: indirect speech is not counted")
        XCTAssertFalse(speaks("Berg, who arrived late on a long and tiring flight from the capital, called it \"odd\".", "Berg"))
        XCTAssertFalse(speaks("The \"reform\" that Berg attacked last week in the city was said to be popular.", "Berg"), "the verb is more than four words away")
        // Hostile text: 20,000 mentions in one sentence with a quotation, and a long run of punctuation; one pass
        // over the sentence (counting the quotes before each mention afresh was mentions × length).
        let long = String(repeating: "Berg, ", count: 20_000) + String(repeating: "-", count: 100_000) + " Berg said \"no\"."
        XCTAssertTrue(speaks(long, "Berg"))
        XCTAssertFalse(speaks(String(repeating: "Berg, ", count: 20_000) + "\"" + String(repeating: "!", count: 100_000), "Berg"))
    }

    /// With `neutralSpeakers` the sentence an actor speaks in counts as neutral (and says so in the evidence);
    /// without it, as the head scores it. Other actors' sentences are unchanged.
    func testSpeakerSentencesCountAsNeutralWhenTheModelSaysSo() throws {
        let text = "\"Critics attacked the plan,\" said Anna Berg. Voters attacked Berg on Monday. Lopez praised Berg."
        var on = ActorSettings()
        on.neutralSpeakers = true
        let plain = try analyze(text, actors: ["Anna Berg"])[0]
        let neutral = try analyze(text, actors: ["Anna Berg"], settings: on)[0]
        XCTAssertEqual(plain.distribution, [2, 0, 1])
        XCTAssertEqual(neutral.distribution, [1, 1, 1])
        XCTAssertGreaterThan(neutral.score, plain.score)
        let spoken = neutral.evidence.filter { $0.speaker }
        XCTAssertEqual(spoken.count, 1, "\(neutral.evidence.map { ($0.label, $0.sentence) })")
        XCTAssertEqual(spoken.count, neutral.evidence.count(where: { $0.label == "neutral" }))
        XCTAssertTrue(plain.evidence.allSatisfy { !$0.speaker })
        for e in spoken { XCTAssertEqual(e.scores, [0, 1, 0]); XCTAssertTrue(e.sentence.hasPrefix("\"Critics")) }
        // Stored in the model header, read back, absent from models that do not set it.
        let back = try JSONDecoder().decode(ActorSettings.self, from: JSONEncoder().encode(on))
        XCTAssertEqual(back.neutralSpeakers, true)
        XCTAssertNil(try JSONDecoder().decode(ActorSettings.self, from: JSONEncoder().encode(ActorSettings())).neutralSpeakers)
    }

    /// An actor's mean is over its sentences, each counted once, not over its mentions.
    func testMeanIsOverSentencesNotMentions() throws {
        var settings = ActorSettings()
        settings.evidence = 10
        let a = try analyze("Berg attacked Berg's rival, Anna Berg said. The weather was fine for Berg.", actors: ["Anna Berg"], settings: settings)[0]
        XCTAssertEqual(a.mentions, 4)
        XCTAssertEqual(a.sentences, 2)
        XCTAssertEqual(a.scores.reduce(0, +), 1, accuracy: 1e-5)
        for k in 0..<3 {
            XCTAssertEqual(a.scores[k], a.evidence.map { $0.scores[k] }.reduce(0, +) / 2, accuracy: 1e-5)
        }
    }

    /// A tuned band holds 0: a mean above a negative `high` is never called positive.
    func testTunedBandHoldsZero() throws {
        let analyzer = try ArticleAnalyzer(model: sentimentModel())
        let pairs: [(score: Float, gold: Int)] = [(-0.9, 0), (-0.8, 0), (-0.7, 1), (-0.65, 1), (-0.5, 2), (-0.4, 2), (0.3, 2)]
        let band = analyzer.tuneBand(pairs)
        XCTAssertLessThanOrEqual(band.low, 0)
        XCTAssertGreaterThanOrEqual(band.high, 0)
    }

    // MARK: mentions

    /// A one-word alias written with a capital matches capitalised uses only: "Theresa May" is not the verb.
    func testSurnameMatchesCapitalisedUsesOnly() {
        let may = Actor.parse("Theresa May")!
        let text = Array("Theresa May spoke in London on Monday. Officials may resign soon. It may rain, and May left.".unicodeScalars)
        XCTAssertEqual(MentionFinder.find([may], in: text).count, 2)
        let park = Actor.parse("Ellen Park")!
        XCTAssertEqual(MentionFinder.find([park], in: Array("Ellen Park walked in the park. PARK waved.".unicodeScalars)).count, 2)
        // Aliases given in lower case still match any case.
        let feminists = Actor.parse("Feminist Movement|feminists")!
        XCTAssertEqual(MentionFinder.find([feminists], in: Array("Feminists marched. The feminists sang.".unicodeScalars)).count, 2)
    }

    /// An alias typed with a double or no-break space is the name; a space in an alias matches a line break or
    /// a no-break space in the text.
    /// A name typed with a straight apostrophe finds the text's typographic one, and the other way round
    /// (SEESAW's "Reed O'Connor" was not found in articles that write "O’Connor").
    func testApostrophesMatchAnyApostrophe() throws {
        let text = "Judge Reed O’Connor ruled on Friday. O’Connor’s ruling was praised. Critics attacked O'Connor."
        let straight = try analyze(text, actors: ["Reed O'Connor"])
        XCTAssertEqual(straight.first?.mentions, 3, "\(straight.map { ($0.name, $0.mentions) })")
        let curly = try analyze(text, actors: ["Reed O’Connor"])
        XCTAssertEqual(curly.first?.mentions, 3)
        // A name given in lower case (as a dataset may give it) that the text writes capitalised is that name.
        let lower = try analyze(text, actors: ["reed o'connor"])
        XCTAssertEqual(lower.first?.mentions, 3)
        XCTAssertEqual(lower.first?.name, "reed o'connor", "shown as given")
        XCTAssertTrue(try analyze("Oconnor and O Connor spoke.", actors: ["Reed O'Connor"]).isEmpty, "an apostrophe is still needed")
    }

    /// A hyphen in a name finds the text's en dash or Unicode hyphen, and the other way round (SEESAW's
    /// "AFL–CIO" was not found in an article that writes "AFL-CIO"); an em dash is punctuation, not a hyphen.
    func testHyphensMatchEnDashesAndUnicodeHyphens() {
        let text = Array("The AFL-CIO objected. The AFL–CIO's chief spoke, and the AFL\u{2011}CIO voted. AFL—CIO is no name.".unicodeScalars)
        for name in ["AFL-CIO", "AFL–CIO", "AFL\u{2010}CIO"] {
            XCTAssertEqual(MentionFinder.find([Actor.parse(name)!], in: text).count, 3, name)
        }
        XCTAssertEqual(MentionFinder.canonicalMark("\u{2014}"), "\u{2014}", "the em dash stays")
        XCTAssertTrue(MentionFinder.find([Actor.parse("AFL-CIO")!], in: Array("AFL CIO and AFLCIO.".unicodeScalars)).isEmpty, "a hyphen is still needed")
    }

    /// Names as encyclopedias and datasets write them (SEESAW's "United States House of Representatives",
    /// "Democratic_Party", "Second Amendment to the United States Constitution") find the text's own names.
    func testEncyclopediaNamesFindTheNamesNewsUses() throws {
        // (given name, text, mentions found, why)
        let cases: [(String, String, Int, String)] = [
            ("United States House of Representatives", "The House voted on Friday. The White House objected; the House won.", 2, "the House, not the White House"),
            ("Affordable Care Act", "Obamacare survived. The ACA's exchanges opened, and the Affordable Care Act stayed.", 3, ""),
            ("Democratic_Party", "Democrats won. The Democratic Party celebrated.", 2, ""),
            ("Republican Party (United States)", "Republicans and the GOP met.", 2, ""),
            ("Second Amendment to the United States Constitution", "Gun owners cite the Second Amendment.", 1, ""),
            ("Tea Party movement", "The Tea Party rallied.", 1, ""),
            ("Al-Qaeda", "Al Qaeda and al-Qaida are one group.", 2, ""),
            ("Islamic State", "ISIS, also called ISIL, lost ground.", 2, ""),
            ("Centers for Disease Control and Prevention", "The CDC said so.", 1, ""),
            ("United States House Permanent Select Committee on Intelligence", "The House Intelligence Committee met.", 1, ""),
            ("United States Senate Committee on the Judiciary", "The Senate Judiciary Committee and the Judiciary Committee.", 2, ""),
            ("United States Department of Health and Human Services", "HHS said so; Health and Human Services agreed.", 2, ""),
            ("The Hertz Corporation", "Hertz cut jobs at Hertz stations.", 2, ""),
            ("The Coca-Cola Company", "Coca-Cola rose.", 1, ""),
            ("Russian President Vladimir Putin", "President Vladimir V. Putin said no. Putin left.", 2, "the name after the title, then the surname"),
            ("Syrian President Bashar Assad", "Bashar al-Assad’s air force struck.", 1, ""),
            ("Hispanic voter", "Hispanic voters turned out; one Hispanic voter spoke.", 2, ""),
            ("Bashar al-Assad", "Syrian President Bashar Assad spoke. Mr. Assad left, and al-Assad returned.", 3, "the surname without its article"),
            ("Abdel Fattah el-Sisi", "Egypt's Sisi met Abdel Fattah el-Sisi's aides.", 2, ""),
            ("Ferguson, MO", "Protests in Ferguson grew; Ferguson police responded.", 2, "a place with its state: the place"),
            ("Galesburg, Illinois", "Galesburg, Illinois, is quiet. Galesburg votes.", 2, ""),
            ("-- Donald Trump", "Donald Trump spoke. Trump left.", 2, "stray punctuation is not part of the name"),
            // An organisation, law or place named with capitals is no person: no "surname".
            ("Internal Revenue Service", "The IRS said so. The Secret Service did not. The IRS's rules changed.", 2, "its acronym, not the Service"),
            ("Minneapolis Police Department", "The Justice Department sued the Minneapolis Police Department.", 1, "not the Justice Department"),
            ("Deutsche Bank", "The World Bank lent. Deutsche Bank did not.", 1, ""),
            ("Green New Deal", "The Green New Deal and a trade deal. Deal makers met.", 1, ""),
            ("Capital One", "Capital One fell. One analyst said so.", 1, ""),
            ("Eric Swalwell", "Rep. Eric Swalwell spoke. Swalwell left.", 2, "a person keeps the surname"),
        ]
        for (name, text, expected, why) in cases {
            XCTAssertEqual(MentionFinder.find([Actor.fromTarget(name)!], in: Array(text.unicodeScalars)).count, expected, "\(name): \(why)")
        }
        XCTAssertFalse(Actor.expand("The Hill").contains("Hill"), "one word left without a company word: no alias")
        XCTAssertEqual(Actor.expand("Prime Minister Ana Ruiz"), ["Prime Minister Ana Ruiz", "Ana Ruiz", "Ruiz"], "titles alone are dropped as before")
        XCTAssertEqual(Actor.expand("___"), ["___"], "nothing left when written: the name as given, no empty alias")
        XCTAssertEqual(Actor.expand("Bashar al-Assad"), ["Bashar al-Assad", "al-Assad", "Bashar Assad", "Assad"])
        XCTAssertFalse(Actor.expand("al-Qaeda").contains("Qaeda"), "one word: not a person, no article dropped")
        XCTAssertNil(Actor.withoutArticle("al-Qa"), "too short after the article")
        XCTAssertFalse(Actor.expand("Smith, Jones").contains("Smith"), "a comma before no state: the name as given")
        XCTAssertNil(Actor.withoutArticle("al-qaeda"), "not capitalised after the article")
        XCTAssertEqual(Actor.expand("Internal Revenue Service"), ["Internal Revenue Service", "IRS"])
        XCTAssertEqual(Actor.expand("Ferguson Police Department"), ["Ferguson Police Department", "FPD"])
        XCTAssertEqual(Actor.expand("Judicial Watch"), ["Judicial Watch"])
        XCTAssertEqual(Actor.expand("Jude Law"), ["Jude Law"], "the price: a person whose surname is such a word has only the full name")
        XCTAssertEqual(Actor.expand("Committee on"), ["Committee on"])
        XCTAssertEqual(Actor.expand("Department of"), ["Department of"])
        XCTAssertEqual(Actor.writtenName("Democratic_Party"), "Democratic Party")
        XCTAssertEqual(Actor.writtenName("-- Donald Trump"), "Donald Trump")
        XCTAssertEqual(Actor.writtenName("“Reed,”"), "Reed")
        XCTAssertEqual(Actor.writtenName("Martin Luther King Jr."), "Martin Luther King Jr.", "a final period stays")
        XCTAssertEqual(Actor.writtenName("(United States)"), "(United States)", "nothing left without the parentheses: kept")
        XCTAssertEqual(Actor.expand("Senate").first, "Senate", "other names unchanged")
    }

    /// A lower-case name becomes a person's only where the text writes it capitalised; a common noun stays one.
    func testLowerCaseNamesAsTheTextWritesThem() {
        let text = Array("Officials praised Esteban Santiago on Monday. Santiago thanked them. Santiago left.".unicodeScalars)
        let given = Actor.parse("esteban santiago")!
        XCTAssertFalse(given.aliases.contains("santiago"), "lower case alone makes no person: no surname")
        XCTAssertEqual(Set(given.asWritten(in: text).aliases), Set(given.aliases + ["Santiago"]))
        XCTAssertEqual(MentionFinder.find([given.asWritten(in: text)], in: text).count, 3)
        let lowerText = Array("we met esteban santiago and santiago said hi.".unicodeScalars)
        XCTAssertEqual(given.asWritten(in: lowerText), given, "not capitalised in the text: as given")
        let noun = Actor.parse("gun law")!
        XCTAssertEqual(noun.asWritten(in: Array("The gun law passed. Gun laws vary.".unicodeScalars)), noun)
        XCTAssertEqual(noun.asWritten(in: Array("The Gun Law passed, and the gun law is strict.".unicodeScalars)), noun,
                       "written in lower case too: a phrase, not a name")
        let capitalised = Actor.parse("Esteban Santiago")!
        XCTAssertEqual(capitalised.asWritten(in: text), capitalised, "a capitalised name is expanded already")
    }

    func testAliasSpacesMatchAnyWhiteSpace() {
        let text = Array("Mayor Ellen Park spoke. Ellen\u{00A0}Park left. Ellen\nPark returned.".unicodeScalars)
        for spelled in ["Ellen  Park", "Ellen\u{00A0}Park", " Ellen \t Park "] {
            let a = Actor.parse(spelled)!
            XCTAssertEqual(a.name, spelled.trimmingCharacters(in: .whitespaces))
            XCTAssertEqual(a.aliases.first, "Ellen Park")
            let m = MentionFinder.find([a], in: text)
            XCTAssertEqual(m.filter { $0.range.count == 10 }.count, 3, spelled)
        }
    }

    /// "Park" after "Mayor Ellen Park" and "Central Park" is the mayor: a person's name before a place's.
    func testSurnameGoesToThePersonNotThePlace() throws {
        let text = "Mayor Ellen Park spoke at Central Park on Monday. Central Park was full. Critics said Park failed the city. Park was booed."
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s))
        let ellen = try XCTUnwrap(actors.first { $0.name == "Ellen Park" }, "\(actors.map { $0.name })")
        XCTAssertEqual(ellen.aliases, ["Ellen Park", "Park"])
        XCTAssertFalse(actors.contains { $0.name == "Central Park" && $0.aliases.contains("Park") })
        let mentions = MentionFinder.resolveShared(MentionFinder.find(actors, in: s), actors: actors, text: s)
        let i = actors.firstIndex(of: ellen)!
        XCTAssertEqual(mentions.filter { $0.actor == i }.count, 3)
    }

    /// Two persons with one surname: each "Clinton" goes to the one named in full last before it; one before
    /// either goes to the most mentioned.
    func testSharedSurnameGoesToThePersonNamedLast() throws {
        let text = "Clinton opened the debate. Bill Clinton spoke first. Hillary Clinton answered. Hillary Clinton smiled. Hillary Clinton left. Bill Clinton returned. Clinton attacked the plan."
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s))
        XCTAssertEqual(Set(actors.map { $0.name }), ["Bill Clinton", "Hillary Clinton"])
        let mentions = MentionFinder.resolveShared(MentionFinder.find(actors, in: s), actors: actors, text: s)
        func owner(_ prefix: String) -> String {
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: prefix)!.lowerBound)
            return actors[mentions.first { $0.range.lowerBound == start }!.actor].name
        }
        XCTAssertEqual(owner("Clinton opened"), "Hillary Clinton", "before any full name: the most mentioned")
        XCTAssertEqual(owner("Clinton attacked"), "Bill Clinton", "after \"Bill Clinton returned\"")
    }

    /// A one-word name merges into the most frequent longer name, not the first seen.
    func testSurnameMergesIntoTheMostFrequentName() {
        let text = "Clinton opened the debate. Bill Clinton spoke. Bill Clinton sat. Hillary Clinton answered. Hillary Clinton smiled. Hillary Clinton left."
        let s = Array(text.unicodeScalars)
        let actors = ActorDetector.detect(s, sentences: SentenceSplitter.split(s))
        XCTAssertEqual(actors.map { $0.name }, ["Hillary Clinton", "Bill Clinton"])
        XCTAssertEqual(actors[0].aliases, ["Hillary Clinton", "Clinton"])
        let mentions = MentionFinder.resolveShared(MentionFinder.find(actors, in: s), actors: actors, text: s)
        XCTAssertEqual(mentions.filter { $0.actor == 0 }.count, 4)
        XCTAssertEqual(mentions.filter { $0.actor == 1 }.count, 2)
    }

    /// "Secretary of State Mike Pompeo" names Mike Pompeo: the office goes with the title.
    func testOfficeAfterTitleIsDropped() {
        let names = detected("Secretary of State Mike Pompeo met the envoy. Pompeo said the talks went well. Minister of Foreign Affairs Sergei Lavrov agreed with Lavrov's aides.")
        XCTAssertEqual(names.first, "Mike Pompeo")
        XCTAssertTrue(names.contains("Sergei Lavrov"), "\(names)")
        XCTAssertFalse(names.contains { $0.hasPrefix("State") || $0.hasPrefix("Foreign") || $0.hasPrefix("Affairs") }, "\(names)")
    }

    /// The actors `ActorDetector.detect` finds in `text`, by name.
    private func detected(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        return ActorDetector.detect(s, sentences: SentenceSplitter.split(s)).map { $0.name }
    }

    func testCommonWordsOpeningSentencesAreNoPartOfNames() {
        // "Top" and "Maybe" open sentences and are written in lower case too: "Trump" is the name.
        let names = detected("Top Trump aides met on Monday. Maybe Trump will go. The top aides said Trump would maybe decide.")
        XCTAssertEqual(names, ["Trump"])
        // Without the lower-case "top" (a word that also opens names: "Top Gun"), the article gives no evidence
        // against "Top Trump" as a name.
        XCTAssertTrue(detected("Top Trump aides met on Monday. Top Trump aides said so.").contains("Top Trump"))
        // A name also written inside a sentence keeps its first word ("New York", and "new" is common).
        XCTAssertEqual(detected("New York sued the firm. The new rules hurt New York, officials said.").first, "New York")
        // A place's or body's first word is let be: "House Republicans" opens both sentences.
        XCTAssertTrue(detected("House Republicans met. House Republicans voted. The house was full.").contains("House Republicans"))
        // A word in capitals only that the article writes in lower case is a heading's.
        XCTAssertFalse(detected("PATTERN Iran fired. The pattern held, and Iran said so. PATTERN again.").contains("PATTERN"))
        XCTAssertTrue(detected("NATO met. The allies and NATO agreed.").contains("NATO"))
        // A group's plural noun opening a sentence is no part of a name, whatever the rest of the article writes.
        XCTAssertEqual(detected("Critics of Ruiz spoke. Supporters of Ana Ruiz cheered, and aides said Ana Ruiz won."), ["Ana Ruiz"])
    }

    /// Words news text capitalises only to open a sentence are no part of a name there, whatever the article
    /// writes elsewhere, and the name's mentions stay with the name (on AllSides' dev split "Hopefully Mexico",
    /// "Neither Biden" and "Millions of Americans" were actors, holding the mentions of Mexico, Biden and the
    /// Americans).
    func testSentenceOpenersAreNoPartOfNames() throws {
        // Every listed word is in the set (hashed from the literal's bytes, not from strings), in ASCII, lower case.
        let words = SentenceOpeners.list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        XCTAssertEqual(words.count, 4_928)
        for w in words {
            XCTAssertTrue(SentenceOpeners.keys.contains(ActorDetector.key(w)), w)
            XCTAssertTrue(w.utf8.allSatisfy { $0 < 0x80 } && w == w.lowercased(), w)
        }
        XCTAssertTrue(SentenceOpeners.keys.contains(ActorDetector.key("hopefully")))
        XCTAssertTrue(SentenceOpeners.keys.contains(ActorDetector.key("isn't")))
        XCTAssertTrue(SentenceOpeners.keys.contains(ActorDetector.key("isn’t")))
        // Words that also name people are not listed.
        for word in ["hope", "mark", "bill", "grant", "trump", "mexico"] {
            XCTAssertFalse(SentenceOpeners.keys.contains(ActorDetector.key(word)), word)
        }
        XCTAssertEqual(detected("Hopefully Mexico will pay. Unless Mexico pays, the wall waits. Officials in Mexico said no."), ["Mexico"])
        XCTAssertEqual(detected("Millions of Americans voted. Neither Biden nor his aides spoke. Americans waited for Biden."),
                       ["Americans", "Biden"])
        // After the first word, connectors, other such words and titles go too.
        XCTAssertEqual(detected("Remember President Trump? Stay Informed Get ProPublica. Trump spoke to ProPublica."),
                       ["Trump", "ProPublica"])
        // A one-word name that is such a word is none even inside a sentence (after an opening quote here).
        XCTAssertEqual(detected("She said: “Well, it is over,” and Ana Ruiz agreed. He said “Well, we won” as Ruiz left."), ["Ana Ruiz"])
        // A number word opens no name, and "Fr." is a title ("Writes Fr. Weinandy", a quotation's attribution).
        XCTAssertEqual(detected("Eight Senate Democrats sued. The Senate Democrats said no."), ["Senate Democrats"])
        XCTAssertEqual(detected("Writes Fr. Weinandy: “I could hardly believe it.” Thomas Weinandy left."), ["Thomas Weinandy"])
        XCTAssertEqual(detected("Source: Gallup. Visit Website. Screenshot of AllSides. Source: Gallup, as AllSides said."), ["Gallup", "AllSides"])
        // "Republican Party" keeps its adjective (a title elsewhere); "State", "Party" and "Thanks" alone are none.
        XCTAssertEqual(detected("The Republican Party met. Critics of the Republican Party left."), ["Republican Party"])
        XCTAssertEqual(detected("In his State of the Union address Obama spoke. The State of the Union ended, and Obama left. Thanks for watching! Thanks for watching!"), ["Obama"])
        XCTAssertEqual(detected("Islamic State fighters fled. The Islamic State lost."), ["Islamic State"])
        // "Party" alone is a mention of the party named in full, not an actor of its own.
        XCTAssertEqual(detected("The Tea Party rallied. Later the Party met, and the Party voted."), ["Tea Party"])
        XCTAssertEqual(detected("Members of the Party met. The Party voted. Obama spoke, and Obama left."), ["Obama"])
        // "House" alone is the chamber, not the White House; "America" the country, not Latin America.
        XCTAssertEqual(detected("The White House objected. The House voted, and the House won."), ["House"])
        XCTAssertEqual(detected("The White House objected. The House voted. The White House lost, and the House won."), ["White House", "House"])
        XCTAssertEqual(detected("Latin America grew. America lagged, and America worried."), ["America"])
        XCTAssertEqual(detected("The Kentucky House met. Then the House voted."), ["Kentucky House"], "a state's House still takes it")
        XCTAssertEqual(detected("Donald Trump spoke. Then Trump left."), ["Donald Trump"], "a surname still merges")
        // A first name alone goes to the one person it begins whose surname the article also writes alone.
        XCTAssertEqual(detected("Secretary Hillary Clinton spoke, and then Clinton left. Later Hillary returned, and Hillary won."), ["Hillary Clinton"])
        XCTAssertEqual(Set(detected("Hillary Clinton spoke, and then Clinton left. Later Hillary returned, and Hillary won.")), ["Hillary Clinton", "Hillary"],
                       "never seen after a title: not sure to be a person's name")
        XCTAssertEqual(Set(detected("Alabama Republicans met. Later the Republicans left, and Alabama voted. In Alabama it rained.")), ["Alabama Republicans", "Alabama"])
        XCTAssertEqual(Set(detected("Google News reported it. Google said so, and Google left. News spread.")), ["Google News", "Google"],
                       "no surname alone: not a person's name")
        XCTAssertEqual(Set(detected("Sen. John Kerry met Sen. John McCain. Then Kerry left, and McCain stayed. John said so, and John left.")),
                       ["John Kerry", "John McCain", "John"], "two persons share it: it stays apart")
        // A party's adjective stays before a body's name; "General" before a company's word; "for" after a body's word.
        XCTAssertEqual(detected("Later the Republican National Committee met. Critics of the Republican National Committee left."), ["Republican National Committee"])
        XCTAssertEqual(detected("Later General Motors said so. Workers at General Motors agreed."), ["General Motors"])
        XCTAssertEqual(detected("Later General Petraeus spoke. Critics of General Petraeus left."), ["Petraeus"], "a general is a title before a name")
        XCTAssertEqual(detected("Later the Centers for Disease Control warned. The Centers for Disease Control said so."), ["Centers for Disease Control"])
        XCTAssertEqual(detected("Later the Center for American Progress said so, and the Center for American Progress left."), ["Center for American Progress"])
        XCTAssertEqual(detected("Later Obama for America spent. Obama for America won, Obama said."), ["Obama", "America"], "\"for\" joins only after a body's word")
        let campaign = detected("Kweisi Mfume spoke. Women for Mfume met, and Women for Mfume left.")
        XCTAssertEqual(campaign.first, "Kweisi Mfume", "nor after a group's plural")
        XCTAssertFalse(campaign.contains("Women for Mfume"), "\(campaign)")
        XCTAssertEqual(detected("Co-host Joy Behar laughed. Fox News host Sean Hannity and Behar disagreed with Hannity."), ["Joy Behar", "Sean Hannity"])
        // A name whose first word is not listed keeps it, even seen only opening sentences ("hope" names people).
        XCTAssertEqual(detected("Hope Hicks met the press. Hope Hicks said so."), ["Hope Hicks"])
        // The analysis scores the name's sentences under the name.
        let actors = try analyze("Hopefully Mexico will pay, aides praised. Unless Mexico pays, critics attacked. Officials in Mexico said no.")
        XCTAssertEqual(actors.map { $0.name }, ["Mexico"])
        XCTAssertEqual(actors.first?.mentions, 3)
    }

    /// Rarer words news text writes in lower case (`LowercaseWords`) are no part of a multi-word name seen only
    /// at the start of sentences, and the name's mentions go to the rest of it (on AllSides' dev split and extra
    /// outlets "Needling India", "Stonewalling Congress", "Three-quarters of Americans" and "Browsing AllSides"
    /// had been actors); a name seen inside a sentence, a one-word name and a given name keep their words.
    func testLowercaseWordsOpenNoMultiWordName() throws {
        func listed(_ w: String) -> Bool { let s = Array(w.unicodeScalars); return LowercaseWords.contains(s, 0..<s.count) }
        // The binary search over the literal finds every listed word (first, last, after a line break), in
        // code-point order, and nothing else: no word with a letter added or dropped, no other case.
        let words = LowercaseWords.list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        XCTAssertEqual(words.count, 23_159)
        XCTAssertEqual(words, words.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for w in words {
            XCTAssertTrue(listed(w), w)
            XCTAssertTrue(w.utf8.allSatisfy { $0 < 0x80 } && w == w.lowercased(), w)
            XCTAssertFalse(SentenceOpeners.keys.contains(ActorDetector.key(w)), "\(w) is in both lists")
        }
        for w in words.prefix(500) + words.suffix(500) {
            XCTAssertFalse(listed(w + "q") && !words.contains(w + "q"), w + "q")
            XCTAssertFalse(listed(String(w.dropLast())) && !words.contains(String(w.dropLast())), String(w.dropLast()))
        }
        XCTAssertTrue(listed("Needling"), "case-folded")
        XCTAssertTrue(listed("account’s"), "a typographic apostrophe reads as \"'\"")
        XCTAssertFalse(listed("needlings")); XCTAssertFalse(listed("")); XCTAssertFalse(listed("a")); XCTAssertFalse(listed("zzzzzz"))
        for w in ["needling", "denunciations", "three-quarters", "stonewalling"] { XCTAssertTrue(listed(w), w) }
        // Names, acronyms written in capitals, and words the first list has are not listed.
        for w in ["stacey", "hope", "trump", "gop", "npr", "ups", "hopefully", "vázquez"] { XCTAssertFalse(listed(w), w) }
        XCTAssertEqual(detected("Needling India on trade will hurt. India said so, and India left."), ["India"])
        XCTAssertEqual(detected("Three-quarters of Americans agreed. Americans voted, and Americans won."), ["Americans"])
        XCTAssertEqual(detected("Denunciations of Israel poured in. Israel said so. Israel left."), ["Israel"])
        // A given name opening sentences keeps it; so does a name also seen inside a sentence.
        XCTAssertEqual(detected("Stacey Abrams spoke. Abrams said so, and Abrams left."), ["Stacey Abrams"])
        XCTAssertEqual(detected("Officials at Covered California said so. Covered California enrolled more."), ["Covered California"])
        // A one-word name that is such a word (a brand) is still a name.
        XCTAssertEqual(detected("Discord grew fast. Users of Discord left, and Discord said so."), ["Discord"])
        // The analysis scores the sentence under the rest of the name.
        let actors = try analyze("Needling India on trade, critics attacked. India said so, aides praised. India left.")
        XCTAssertEqual(actors.map { $0.name }, ["India"])
        XCTAssertEqual(actors.first?.sentences, 3)
    }

    /// A group's possessive that opens an institution's name stays in it ("People’s Republic of China", not
    /// "Republic of China", which is Taiwan; "Women's March", not "March"); another possessive does not.
    func testAGroupsPossessiveOpensAName() throws {
        XCTAssertEqual(detected("The People’s Republic of China objected. Later the People’s Republic of China met, and aides left."),
                       ["People’s Republic of China"])
        XCTAssertEqual(detected("The Women's Sports Foundation grew. Donors to the Women's Sports Foundation spoke."), ["Women's Sports Foundation"])
        // A possessive alone is no name ("March", a month, leaves the name's end).
        XCTAssertEqual(detected("The Women's March grew. Organisers of the Women's March spoke to Ana Ruiz, and Ana Ruiz left."), ["Ana Ruiz"])
        XCTAssertEqual(detected("Later the Children’s Hospital of Philadelphia said so. Doctors at the Children’s Hospital of Philadelphia agreed."),
                       ["Children’s Hospital of Philadelphia"])
        // Not another word's possessive, nor one before a lower-case word.
        let names = detected("Critics said Trump’s White House erred. The White House said no. Later Trump left.")
        XCTAssertTrue(names.contains("White House") && !names.contains { $0.contains("’s") }, "\(names)")
        XCTAssertEqual(detected("Later the People’s lives mattered to Ana Ruiz. Ana Ruiz said so."), ["Ana Ruiz"])
        // The analysis finds the name's mentions as the text writes them.
        let actors = try analyze("The People’s Republic of China objected, critics attacked. Later the People’s Republic of China met. Aides left.")
        XCTAssertEqual(actors.map { $0.name }, ["People’s Republic of China"])
        XCTAssertEqual(actors.first?.mentions, 2)
    }

    func testHeadlinesAndHeadingsGiveNoNames() {
        // A sentence in title case: a capitalised verb or preposition inside a run of capitals.
        let names = detected("Republicans Are Saying About Phil Bredesen. Phil Bredesen won the race. Bredesen thanked voters.")
        XCTAssertEqual(names, ["Phil Bredesen"])
        // In title case, a run without such a word is a headline's too ("Federal Judge Blocks Obama"), before the
        // marked run or after it.
        XCTAssertEqual(detected("Republicans Are Saying About Bredesen, Judge Blocks Obama. The ruling angered Obama, and aides said Obama would appeal."), ["Obama"])
        XCTAssertEqual(detected("Federal Judge Blocks Obama's Executive Actions On Immigration. The ruling angered Obama, and aides said Obama would appeal."), ["Obama"])
        // A title quoted inside an ordinary sentence loses its own run only.
        let quoted = detected("Phil Gramm wrote an article titled “Americans Are Richer Than We Think” for the journal. Gramm said so.")
        XCTAssertEqual(quoted, ["Phil Gramm"])
        // A headline's verb marks its run too: quoted in a sentence ("Queen Backs Brexit"), or a headline of its own.
        XCTAssertEqual(detected("The paper ran the headline “Queen Backs Brexit” in 2016. Brexit won, and Brexit passed."), ["Brexit"])
        XCTAssertEqual(detected("Chelsea Handler Blames Republicans. Later Chelsea Handler spoke, and Handler left."), ["Chelsea Handler"])
        // "Won" is a name as well as a verb: a run holding it is not taken for a headline's.
        XCTAssertEqual(detected("Later Park Won Soon spoke. Critics of Park Won Soon left."), ["Park Won Soon"])
        // Headings in capitals before a name, and runs of capitals alone.
        XCTAssertEqual(detected("VOTING RIGHTS Mr. Holder spoke. Holder left later."), ["Holder"])
        XCTAssertEqual(detected("STORY OF ISIS fighters. STORY OF ISIS again. Iran met Ali Khan. Ali Khan left."), ["Ali Khan"])
        // A single acronym in front of a name stays part of the run ("FBI Director James Comey": the title decides).
        XCTAssertEqual(detected("FBI Director James Comey spoke. Comey left."), ["James Comey"])
        // A market live blog: time zones are no actors; the index is one.
        XCTAssertEqual(detected("Dow fell 257.48. 2:05 p.m. ET: Stocks relapse. 2:55 p.m. ET: Dow falls. The Dow fell."), ["Dow"])
        // A colon opens a clause as a sentence does: a word after it that the article also writes in lower case
        // is no name ("Stocks"), nor a group's plural noun ("Residents of Chicago"); a name is ("Netanyahu").
        XCTAssertEqual(detected("Update: Stocks fell on Monday. Later: Stocks rose, as stocks do. Ana Ruiz spoke, and Ruiz left."), ["Ana Ruiz"])
        // (The same with a word no list knows as a sentence opener: the article's lower-case use decides.)
        XCTAssertEqual(detected("Update: Zucchini sold out on Monday. Later: Zucchini came back, as zucchini does. Ana Ruiz spoke, and Ruiz left."), ["Ana Ruiz"])
        XCTAssertEqual(detected("Driving the news: Netanyahu was indicted. Netanyahu denied it."), ["Netanyahu"])
        XCTAssertEqual(detected("The latest: Residents of Chicago protested. Officials in Chicago met the residents."), ["Chicago"])
    }

    func testTitlesAdjectivesAndHonorificsAroundNames() {
        XCTAssertEqual(detected("Special Counsel Robert Mueller wrote. Mueller signed it."), ["Robert Mueller"])
        XCTAssertEqual(detected("When Speaker of the House John Boehner resigned, aides said Boehner was tired."), ["John Boehner"])
        XCTAssertEqual(detected("Aides said Secretary of the Navy Richard Spencer left, and Spencer agreed."), ["Richard Spencer"])
        XCTAssertEqual(detected("President-elect Donald Trump spoke. Trump left."), ["Donald Trump"])
        XCTAssertEqual(detected("Google CEO Sundar Pichai spoke. Pichai left."), ["Sundar Pichai"])
        XCTAssertEqual(detected("In the case, Justices Breyer and Kagan dissented. Breyer wrote."), ["Breyer"])
        XCTAssertEqual(detected("Members of Mr. Biden's circle spoke. Biden agreed."), ["Biden"])
        // One word after a party or a body is not a surname after a title.
        XCTAssertTrue(detected("The South Carolina Republican Party met. The South Carolina Republican Party voted.").contains("South Carolina Republican Party"))
        XCTAssertTrue(detected("The Justice Department sued. The Justice Department won.").contains("Justice Department"))
        XCTAssertTrue(detected("Martin Luther King Jr spoke. Martin Luther King Jr marched.").contains("Martin Luther King Jr"))
        // An adjective made with a hyphen is no part of a name; a name with a hyphen stays whole.
        let adjectives = detected("A Virginia-based Democratic strategist spoke. The Democrat-held House voted. The House left.")
        XCTAssertEqual(adjectives, ["House"])
        XCTAssertEqual(detected("Keystone-supporting Democrats met. The Trump-endorsed Democrats spoke to Democrats."), ["Democrats"])
        XCTAssertEqual(detected("North Korean leader Kim Jong-un spoke. Kim Jong-un left."), ["Kim Jong-un"])
        // A party and state after a name are no name ("R-Calif" had been an actor of its own).
        XCTAssertEqual(detected("Rep. Duncan Hunter (R-Calif.) spoke. Hunter (R-Calif.) and Sen. Ed Markey (D-Mass.) agreed with Markey (D-Mass.)."),
                       ["Duncan Hunter", "Ed Markey"])
        // A middle initial keeps the name whole, written with its full stop; "U.S." is no initial.
        XCTAssertEqual(detected("The envoy William J. Burns spoke. Aides said Burns was tired. The talks with William J. Burns ended."), ["William J. Burns"])
        XCTAssertEqual(detected("The U.S. Senate voted. Aides said the U.S. Senate was tired. The Senate left."), ["Senate"])
        // A list of names without commas is no name.
        XCTAssertFalse(detected("Bernie Sanders Andrew Yang Amy Klobuchar Cory Booker Jay Inslee. Sanders and Yang spoke. Yang left.").contains { $0.split(separator: " ").count > 6 })
        XCTAssertEqual(detected("They ate at Chick-fil-A on Sunday. Chick-fil-A was full."), ["Chick-fil-A"])
    }

    /// A space of another width (web text's no-break space, the narrow one, an ideographic space) reads as a
    /// space: the middle initial, the title and the place after "of" keep their names, and every other answer is
    /// that of the text with plain spaces; evidence sentences are quoted as written.
    func testOtherSpacesReadAsPlainSpaces() throws {
        let plain = "The envoy William J. Burns met President Vladimir Putin of Russia. Aides said Burns praised Mr. Putin. "
            + "The talks with William J. Burns ended, and Putin attacked the plan."
        for space in ["\u{00A0}", "\u{202F}", "\u{2009}", "\u{3000}"] {
            let other = plain.replacingOccurrences(of: " ", with: space)
            let a = try analyze(plain), b = try analyze(other)
            XCTAssertEqual(b.map { $0.name }, a.map { $0.name }, "U+\(String(space.unicodeScalars.first!.value, radix: 16))")
            XCTAssertEqual(b.map { $0.label }, a.map { $0.label })
            XCTAssertEqual(b.map { $0.mentions }, a.map { $0.mentions })
            XCTAssertTrue(a.map { $0.name }.contains("William J. Burns"))
            XCTAssertTrue(b.flatMap { $0.evidence }.allSatisfy { $0.sentence.contains(space) && !$0.sentence.contains(" ") }, "evidence as written")
        }
        let text = "a\u{202F}b\u{3000}c"
        let article = ArticleText(text)
        XCTAssertEqual(article.scalars, ["a", " ", "b", " ", "c"])
        XCTAssertEqual(article.byteOffset(2), 4)
        XCTAssertEqual(article.string(0..<5), text)
        XCTAssertEqual(sentences("Aides met Mr.\u{00A0}Burns. He left."), ["Aides met Mr.\u{00A0}Burns.", "He left."])
    }

    // MARK: sentences

    func testNoEtcAndCompaniesEndSentencesWhenTheyShould() {
        XCTAssertEqual(sentences("In the end the answer was no. Park praised the mayor."), ["In the end the answer was no.", "Park praised the mayor."])
        XCTAssertEqual(sentences("He wore No. 5 on his shirt."), ["He wore No. 5 on his shirt."])
        XCTAssertEqual(sentences("They sold apples, pears, etc. Park bought none."), ["They sold apples, pears, etc.", "Park bought none."])
        XCTAssertEqual(sentences("He works at Acme Inc. The firm is small."), ["He works at Acme Inc.", "The firm is small."])
        XCTAssertEqual(sentences("Acme Inc. Chief Executive Jo Lin spoke."), ["Acme Inc. Chief Executive Jo Lin spoke."])
    }

    func testSingleCapitalAfterADesignatorIsNoInitial() {
        XCTAssertEqual(sentences("Reed backed Plan B. Park attacked it."), ["Reed backed Plan B.", "Park attacked it."])
        XCTAssertEqual(sentences("She got a B. Park got an A."), ["She got a B.", "Park got an A."])
        XCTAssertEqual(sentences("John F. Kennedy spoke. George W. Bush listened."), ["John F. Kennedy spoke.", "George W. Bush listened."])
    }

    func testTimesEndSentencesUnlessADayOrZoneFollows() {
        XCTAssertEqual(sentences("The vote closed at 3 p.m. Park condemned it."), ["The vote closed at 3 p.m.", "Park condemned it."])
        XCTAssertEqual(sentences("The vote closes at 3 p.m. Monday in the hall."), ["The vote closes at 3 p.m. Monday in the hall."])
        XCTAssertEqual(sentences("It starts at 9 a.m. ET on Friday."), ["It starts at 9 a.m. ET on Friday."])
    }

    func testQuotationWithItsSpeakerIsOneSentence() {
        XCTAssertEqual(sentences("\"Why would we cut police?\" Reed asked. Park agreed."), ["\"Why would we cut police?\" Reed asked.", "Park agreed."])
        XCTAssertEqual(sentences("\"Stop!\" Mayor Ellen Park shouted."), ["\"Stop!\" Mayor Ellen Park shouted."])
        XCTAssertEqual(sentences("\"Why now?\" Reed walked out."), ["\"Why now?\"", "Reed walked out."])
    }

    /// Hard-wrapped text: a line break inside a paragraph is a space, a blank line ends the paragraph; text with
    /// one paragraph per line (a title line first) still breaks at every line.
    func testHardWrappedLinesAreJoined() {
        let wrapped = """
        The council met on Monday and Mayor Ellen
        Park defended the plan over the failed budget, calling her
        critics short-sighted. Reed disagreed with the
        mayor and left early.

        A second paragraph starts here and goes on
        without a full stop at the end of the line.
        """
        XCTAssertEqual(sentences(wrapped), [
            "The council met on Monday and Mayor Ellen\nPark defended the plan over the failed budget, calling her\ncritics short-sighted.",
            "Reed disagreed with the\nmayor and left early.",
            "A second paragraph starts here and goes on\nwithout a full stop at the end of the line.",
        ])
        let lines = "City council approves new budget\nThe council voted on Monday.\nMayor Ellen Park praised the vote.\n"
        XCTAssertEqual(sentences(lines), ["City council approves new budget", "The council voted on Monday.", "Mayor Ellen Park praised the vote."])
        // The name across the wrap is one mention, in one sentence.
        let s = Array(wrapped.unicodeScalars)
        let m = MentionFinder.find([Actor.parse("Ellen Park")!], in: s)
        let by = MentionFinder.bySentence(m, sentences: SentenceSplitter.split(s))
        XCTAssertEqual(by[0].count, 1, "\(by[0])")
    }

    /// A hard-wrapped text whose first line breaks come after a full stop (an initial, a sentence's end) is split
    /// as one that breaks mid-sentence first; and the analysis reads a name, an initial or a title broken across
    /// lines as the same text with one paragraph per line does.
    func testHardWrappedLinesAfterAFullStopAreJoined() throws {
        let wrapped = """
        Once again thumbing his nose at tradition, Donald J.
        Trump said Friday that he would not attend the dinner. Hillary Clinton praised
        the hosts, and Mrs. Clinton left early. An aide who served in Bill
        Clinton's White House said Trump was wrong. Critics of Donald J. Trump attacked the plan.

        Hillary Clinton said the dinner would go on without him, and Trump
        left the city for his home in Florida.
        """
        XCTAssertEqual(sentences(wrapped), [
            "Once again thumbing his nose at tradition, Donald J.\nTrump said Friday that he would not attend the dinner.",
            "Hillary Clinton praised\nthe hosts, and Mrs. Clinton left early.",
            "An aide who served in Bill\nClinton's White House said Trump was wrong.",
            "Critics of Donald J. Trump attacked the plan.",
            "Hillary Clinton said the dinner would go on without him, and Trump\nleft the city for his home in Florida.",
        ])
        let paragraphs = wrapped.split(separator: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        let a = try analyze(wrapped), b = try analyze(paragraphs)
        XCTAssertEqual(a.map { $0.name }, b.map { $0.name })
        XCTAssertEqual(a.map { $0.mentions }, b.map { $0.mentions })
        XCTAssertEqual(a.map { $0.label }, b.map { $0.label })
        XCTAssertTrue(a.map { $0.name }.contains("Donald J. Trump"), "\(a.map { $0.name })")
        // "Bill\nClinton" is another person's surname, not Hillary Clinton's mention: 3 mentions, not 4.
        XCTAssertEqual(a.first { $0.name == "Hillary Clinton" }?.mentions, 3)
        XCTAssertFalse(a.first { $0.name == "Hillary Clinton" }!.evidence.contains { $0.sentence.contains("Bill") })
        // `split` alone splits it so too (a second pass once it knows the text is hard-wrapped).
        XCTAssertEqual(SentenceSplitter.split(Array(wrapped.unicodeScalars)).count, 5)
        // Evidence is quoted as written, line breaks and all.
        XCTAssertTrue(a.flatMap { $0.evidence }.contains { $0.sentence.contains("Donald J.\nTrump") })
    }

    /// `sentenceRanges` with `span(of:in:)` lists each sentence's mentions as the definition does: the mentions
    /// that lie inside it, relative to its start; one across a boundary, or between sentences, in none.
    func testSentenceRangesListEachSentencesMentions() {
        let sentences = [0..<10, 12..<20, 20..<30, 35..<40]
        let mentions = [Mention(actor: 0, range: 1..<3), Mention(actor: 1, range: 8..<14), Mention(actor: 2, range: 10..<12),
                        Mention(actor: 0, range: 12..<15), Mention(actor: 1, range: 21..<29), Mention(actor: 2, range: 33..<36),
                        Mention(actor: 0, range: 41..<43)]
        let ranges = MentionFinder.sentenceRanges(mentions, sentences: sentences)
        XCTAssertEqual(ranges.count, sentences.count)
        for (j, sentence) in sentences.enumerated() {
            let listed = ranges[j].compactMap { m in MentionFinder.span(of: mentions[m], in: sentence).map { (mentions[m].actor, $0) } }
            let expected = mentions.filter { $0.range.lowerBound >= sentence.lowerBound && $0.range.upperBound <= sentence.upperBound }
                .map { ($0.actor, Span($0.range.lowerBound - sentence.lowerBound, $0.range.upperBound - sentence.lowerBound)) }
            XCTAssertEqual(listed.map { $0.0 }, expected.map { $0.0 }, "sentence \(j)")
            XCTAssertEqual(listed.map { $0.1 }, expected.map { $0.1 }, "sentence \(j)")
        }
        XCTAssertEqual(MentionFinder.bySentence(mentions, sentences: sentences).map { $0.map(\.actor) }, [[0], [0], [1], []])
        XCTAssertEqual(ranges.reduce(0) { $0 + $1.count }, mentions.count - 1, "the mention after the last sentence starts in none")
    }
}

/// The other names a given actor (`--actor`, a record's target) goes by in news text.
final class ActorAliasTests: XCTestCase {
    func testPeoplePartiesBodiesAndCommonNouns() {
        XCTAssertEqual(Actor.parse("Donald Trump")!.aliases, ["Donald Trump", "Trump"])
        XCTAssertEqual(Actor.parse("President George W Bush")!.aliases, ["President George W Bush", "George W Bush", "Bush"])
        XCTAssertEqual(Actor.parse("Federal Bureau of Investigation")!.aliases, ["Federal Bureau of Investigation", "FBOI", "FBI"])
        XCTAssertEqual(Actor.parse("Robert Lewis Dear Jr.")!.aliases, ["Robert Lewis Dear Jr.", "Dear"])
        XCTAssertEqual(Actor.parse("Republican Party")!.aliases, ["Republican Party", "Republicans", "Republican", "GOP"])
        XCTAssertEqual(Actor.parse("Democratic Party")!.aliases, ["Democratic Party", "Democrats", "Democrat"])
        XCTAssertEqual(Actor.parse("Green Party")!.aliases, ["Green Party", "Greens", "Green"])
        XCTAssertEqual(Set(Actor.parse("United States Department of Justice")!.aliases),
                       ["United States Department of Justice", "Department of Justice", "Justice Department", "DOJ", "USDOJ", "USDJ"])
        XCTAssertTrue(Actor.parse("Supreme Court of the United States")!.aliases.contains("Supreme Court"))
        XCTAssertTrue(Actor.parse("United States Court of Appeals for the Ninth Circuit")!.aliases.contains("Ninth Circuit"))
        XCTAssertTrue(Actor.parse("United States Environmental Protection Agency")!.aliases.contains("EPA"))
        for (name, acronym) in [("Republican National Committee", "RNC"), ("North American Free Trade Agreement", "NAFTA"),
                                ("National Rifle Association", "NRA"), ("American Civil Liberties Union", "ACLU")] {
            XCTAssertTrue(Actor.parse(name)!.aliases.contains(acronym), name)
        }
        XCTAssertFalse(Actor.parse("Union Station")!.aliases.contains { $0.count <= 5 }, "two words: no acronym")
        XCTAssertEqual(Actor.parse("voter")!.aliases, ["voters", "voter"])
        XCTAssertEqual(Actor.parse("gun law")!.aliases, ["gun laws", "gun law"])
        XCTAssertEqual(Actor.parse("spending cut")!.aliases, ["spending cuts", "spending cut"])
        XCTAssertEqual(Actor.parse("Bank of America")!.aliases, ["Bank of America"])
        XCTAssertEqual(Actor.parse("White House")!.aliases, ["White House"])
        XCTAssertEqual(Actor.parse("Iran")!.aliases, ["Iranians", "Iranian", "Iran"])
        let us = Actor.fromTarget("United States")!
        let said = Array("The U.S. and Iran talked. American officials and the US envoy met; us too.".unicodeScalars)
        XCTAssertEqual(MentionFinder.find([us], in: said).count, 3, "U.S., American, US; not \"us\"")
        let said2 = Array("Norwegian troops and Norway's navy met Swedish ships; Norwegians cheered.".unicodeScalars)
        XCTAssertEqual(MentionFinder.find([Actor.fromTarget("Norway")!], in: said2).count, 3, "Norwegian, Norway's, Norwegians")
        // The members of a party and the plural of a noun are found in text.
        let text = Array("Republicans blocked the bill. The GOP leader spoke. Voters were angry, and one voter left.".unicodeScalars)
        XCTAssertEqual(MentionFinder.find([Actor.fromTarget("Republican Party")!], in: text).count, 2)
        XCTAssertEqual(MentionFinder.find([Actor.fromTarget("voter")!], in: text).count, 2)
        // Person-ness (pronoun references) follows the person rule.
        XCTAssertTrue(Actor.isPersonName("Ana Ruiz"))
        XCTAssertFalse(Actor.isPersonName("Republican Party"))
        XCTAssertFalse(Actor.isPersonName("Central Park"))
    }
}

/// Groups named by a common noun ("the cartels") are actors when they recur.
final class GroupActorTests: XCTestCase {
    func tokens(_ text: String) -> TokenBuffer { var b = TokenBuffer(); Tokenizer().tokenize(text, into: &b); return b }

    func testRecurringGroupNounsBecomeActors() {
        let text = "The cartels are ready to surrender. Police raided a cartel lab. The police said the cartels' leaders fled. "
            + "A cartel boss was caught. Protesters marched, and protesters sang. The police left."
        let found = GroupActors.find(tokens(text), limit: 5, minMentions: 3)
        XCTAssertEqual(found.map { $0.name }, ["the cartels", "the police"])
        XCTAssertEqual(found[0].aliases, ["cartels", "cartel"])
        XCTAssertEqual(GroupActors.find(tokens(text), limit: 1, minMentions: 3).map { $0.name }, ["the cartels"])
        XCTAssertEqual(GroupActors.find(tokens(text), limit: 5, minMentions: 2).map { $0.name }, ["the cartels", "the police", "the protesters"])
        // Mentions: both forms, any case, possessives.
        let s = Array(text.unicodeScalars)
        XCTAssertEqual(MentionFinder.find([found[0]], in: s).count, 4)
    }

    /// In the analysis, groups fill the slots detected names leave: the team's cartel article gets its cartels.
    func testAnalysisDetectsTheCartels() throws {
        let text = """
        Several of the country's most violent drug cartels have signalled that they are ready to surrender their weapons.
        The cartels' campaign of murder and extortion financed Marco Villa. Villa is wanted for the killing of two judges.
        Facing raids on their laboratories, the cartels now face a stark choice. Villa's lieutenants asked about terms.
        """
        var scratch: [FeatureScratch] = []
        let analyzer = try ArticleAnalyzer(model: ArticleTests.sentimentModel())
        let names = analyzer.analyze(Record(id: "a", text: text), scratch: &scratch).map { $0.name }
        XCTAssertEqual(names, ["Marco Villa", "the cartels"])
    }
}
