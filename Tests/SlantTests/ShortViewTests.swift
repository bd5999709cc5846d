import XCTest
@testable import Slant

/// The article analysis tokenizes an article once and scores its sentences from slices of the tokens; heads
/// trained on short texts read short views of an article (`ShortViews`). Both must give what scoring the short
/// texts one by one gives.
final class ShortViewTests: XCTestCase {
    let article = """
        Mr. Smith didn't attack Iran’s leaders on Jan. 5, officials said. “We will not back down,” Smith told 3,000 supporters at https://example.com/rally.
        Critics said the U.S. Senate never praised Smith's plan. Tehran's answer was 😀 swift: no deal!
        Smith left. ¿Qué pasará? Nobody knows whether Smith will return.
        """

    /// A model whose single sentence-level head has pseudo-random weights over every namespace a target head
    /// reads (text, target, context, pair, lexicon), so that any difference in features shows in the scores.
    func randomModel(granularity: HeadScope.Granularity = .sentence, needs: [HeadScope.Input] = [.target],
                     name: String = "target_sentiment", labels: [String] = ["negative", "neutral", "positive"],
                     seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> SlantModel {
        var spec = FeatureSpec()
        spec.bits = 12; spec.namespaces = [.text, .title, .target, .context, .pair, .lexicon]
        spec.lexicon = ["praised": 2.1, "attack": -2.0, "deal": 0.8, "swift": 1.0]
        spec.useIDF = false
        var info = TaskInfo(name: name, kind: .single, labels: labels, bits: 12)
        info.scope = HeadScope(needs: needs, granularity: granularity)
        var state = seed
        let w = (0..<(labels.count << 12)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(state >> 40) % 2001 - 1000) / 250
        }
        let head = LinearHead(kind: .single, labels: labels.count, bits: 12, weights: w, bias: [Float](repeating: 0, count: labels.count))
        return SlantModel(header: ModelHeader(featureSets: [spec], tasks: [info], training: TrainingInfo()), idf: [[]], heads: [head])
    }

    func testSentenceSlicesOfAnArticleMatchTokenizingEachSentenceAlone() {
        let s = Array(article.unicodeScalars)
        let sentences = SentenceSplitter.split(s)
        XCTAssertGreaterThanOrEqual(sentences.count, 7)
        var whole = TokenBuffer()
        Tokenizer().tokenize(article, into: &whole)
        let ranges = ArticleAnalyzer.tokenRanges(whole, sentences)
        var slice = TokenBuffer(), alone = TokenBuffer()
        for (j, sentence) in sentences.enumerated() {
            slice.assign(whole, tokens: ranges[j], scalarBase: sentence.lowerBound)
            Tokenizer().tokenize(String(scalars: s, sentence), into: &alone)
            XCTAssertEqual(slice.strings, alone.strings, "sentence \(j)")
            XCTAssertEqual(slice.hashes, alone.hashes, "sentence \(j)")
            XCTAssertEqual(slice.tokens.map { $0.scalarOffset }, alone.tokens.map { $0.scalarOffset }, "sentence \(j)")
            XCTAssertEqual(slice.tokens.map { $0.kind }, alone.tokens.map { $0.kind }, "sentence \(j)")
            XCTAssertEqual(Array(slice.tokens.dropFirst().map { $0.afterBoundary }), Array(alone.tokens.dropFirst().map { $0.afterBoundary }))
        }
        XCTAssertEqual(ranges.map { $0.count }.reduce(0, +), whole.tokens.count, "every token lands in one sentence")
    }

    func testAnalysisFromTokenSlicesScoresLikeEachSentenceRecord() throws {
        let model = randomModel()
        var settings = ActorSettings()
        settings.evidence = 100
        let analyzer = try ArticleAnalyzer(model: model, settings: settings)
        var scratch: [FeatureScratch] = []
        let results = analyzer.analyze(Record(id: "a", text: article), named: [Actor.parse("Smith")!, Actor.parse("Iran|Tehran")!], scratch: &scratch)
        XCTAssertEqual(results.map { $0.name }, ["Smith", "Iran"])
        let s = Array(article.unicodeScalars)
        for actor in results {
            XCTAssertEqual(actor.evidence.count, actor.sentences)
            for e in actor.evidence {
                XCTAssertEqual(e.sentence, String(scalars: s, e.range))
                // The same sentence as its own record, its mentions of this actor as spans.
                let a = Actor.parse(actor.name == "Smith" ? "Smith" : "Iran|Tehran")!
                let mentions = MentionFinder.find([a], in: Array(e.sentence.unicodeScalars))
                let spans = mentions.map { Span($0.range.lowerBound, $0.range.upperBound) }
                let surface = String(scalars: Array(e.sentence.unicodeScalars), mentions[0].range)
                var fresh: [FeatureScratch] = []
                let p = model.predict(Record(id: "s", text: e.sentence, target: surface, spans: spans), tasks: [0], scratch: &fresh)[0]
                XCTAssertEqual(e.scores, p.scores, "\(actor.name): \(e.sentence)")
            }
        }
    }

    /// The target's mentions found once by the scorer and handed to the views and the analysis give what each
    /// finds alone; mentions of another actor are not used for a named actor that is not the target.
    func testTargetMentionsFoundOnceGiveTheSameViewsAndAnalysis() throws {
        let long = article + " " + String(repeating: "Smith spoke again. ", count: 30)
        let r = Record(id: "a", text: long, target: "Smith")
        let split = ArticleText(long)
        let mentions = MentionFinder.find([Actor.fromTarget("Smith")!], in: split.scalars)
        XCTAssertFalse(mentions.isEmpty)
        let given = ShortViews.views(r, granularity: .tweet, split: { split }, targetMentions: mentions)
        let alone = ShortViews.views(r, granularity: .tweet)
        XCTAssertEqual(given.map { $0.text }, alone.map { $0.text })
        XCTAssertEqual(given.map { $0.spans }, alone.map { $0.spans })
        let analyzer = try ArticleAnalyzer(model: randomModel())
        var scratch: [FeatureScratch] = []
        for named in [[], [Actor.fromTarget("Smith")!]] {
            let a = analyzer.analyze(r, named: named, scratch: &scratch, split: split, targetMentions: mentions)
            let b = analyzer.analyze(r, named: named, scratch: &scratch, split: split)
            XCTAssertEqual(a.map { $0.scores }, b.map { $0.scores })
            XCTAssertEqual(a.map { $0.mentions }, b.map { $0.mentions })
        }
        // Named Iran on a record whose target is Smith: Smith's mentions must not be taken for Iran's.
        let iran = analyzer.analyze(r, named: [Actor.parse("Iran|Tehran")!], scratch: &scratch, split: split, targetMentions: mentions)
        let iranAlone = analyzer.analyze(r, named: [Actor.parse("Iran|Tehran")!], scratch: &scratch, split: split)
        XCTAssertEqual(iran.map { $0.mentions }, iranAlone.map { $0.mentions })
        XCTAssertEqual(iran.first?.name, "Iran")
    }

    func testViewsOfAnArticle() {
        let long = article + " " + String(repeating: "Smith spoke again. ", count: 30)
        // Headline heads read the title, else the first sentence.
        XCTAssertEqual(ShortViews.views(Record(id: "a", text: long, title: "Smith returns"), granularity: .headline).map { $0.text }, ["Smith returns"])
        XCTAssertEqual(ShortViews.views(Record(id: "a", text: long), granularity: .headline).map { $0.text }, ["Mr. Smith didn't attack Iran’s leaders on Jan. 5, officials said."])
        // Target heads read the sentences that mention the target, marked, spread evenly when there are many.
        let views = ShortViews.views(Record(id: "a", text: long, target: "Smith"), granularity: .tweet)
        XCTAssertEqual(views.count, ShortViews.limit)
        XCTAssertEqual(views.first?.text, "Mr. Smith didn't attack Iran’s leaders on Jan. 5, officials said.")
        XCTAssertTrue(views.contains { $0.text == "Smith spoke again." })
        for v in views {
            XCTAssertFalse(v.spans.isEmpty)
            for sp in v.spans { XCTAssertEqual(String(scalars: Array(v.text.unicodeScalars), sp.start..<sp.end), "Smith") }
        }
        let few = ShortViews.views(Record(id: "a", text: article, target: "Tehran"), granularity: .sentence)
        XCTAssertEqual(few.map { $0.text }, ["Tehran's answer was 😀 swift: no deal!"])
        XCTAssertTrue(ShortViews.views(Record(id: "a", text: article, target: "Atheism"), granularity: .tweet).isEmpty)
        // Without a target: the title, then the first sentences.
        let plain = ShortViews.views(Record(id: "a", text: long, title: "T"), granularity: .sentence)
        XCTAssertEqual(plain.count, ShortViews.limit)
        XCTAssertEqual(plain.first?.text, "T")
    }

    func testForcedShortHeadsReadViewsOfAnArticle() throws {
        let long = article + " " + String(repeating: "Smith spoke again at length about the plan. ", count: 20)
        XCTAssertTrue(HeadScope.isArticleLength(long))
        var policy = ScoringPolicy()
        policy.applyScopes = true
        policy.titleAsClaim = false
        // A headline head named with --task reads the title.
        let headline = randomModel(granularity: .headline, needs: [], name: "frame", labels: ["a", "b", "c", "d"])
        let scored = try Scorer(model: headline, tasks: ["frame"], policy: policy).score(Record(id: "a", text: long, title: "Smith returns"))
        var fresh: [FeatureScratch] = []
        XCTAssertEqual(scored.predictions.map { $0.scores }, [headline.predict(Record(id: "t", text: "Smith returns"), tasks: [0], scratch: &fresh)[0].scores])
        // Not named, it is left out of an article.
        XCTAssertTrue(try Scorer(model: headline, policy: policy).score(Record(id: "a", text: long, title: "x")).predictions.isEmpty)
        // A target head named with --task averages the sentences that mention the target.
        let target = randomModel(name: "target_stance", labels: ["against", "favor", "none"])
        let r = Record(id: "a", text: long, target: "Tehran")
        let p = try Scorer(model: target, tasks: ["target_stance"], policy: policy).score(r).predictions
        let one = target.predict(ShortViews.views(r, granularity: .tweet)[0], tasks: [0], scratch: &fresh)[0]
        XCTAssertEqual(p.map { $0.scores }, [one.scores])
        // No sentence mentions the target: nothing is printed for the head, and the summary says why.
        let scorer = try Scorer(model: target, tasks: ["target_stance"], policy: policy)
        XCTAssertTrue(scorer.score(Record(id: "a", text: long, target: "Atheism")).predictions.isEmpty)
        XCTAssertTrue(scorer.leftOutSummary.contains { $0.contains("no sentence of the article mentions the target") }, "\(scorer.leftOutSummary)")
    }

    /// Heads left out by their scope are counted as codes per worker and get their reasons' text only when
    /// reported: every code gives the text `reasonNotApplicable` gives, and a batch scored on several threads
    /// reports each head and reason once with the number of records it left out.
    func testLeftOutHeadsAreCountedPerReasonAcrossThreads() throws {
        let long = article + " " + String(repeating: "Smith spoke again at length about the plan. ", count: 20)
        let cases: [(HeadScope, Record, HeadScope.NotApplicable)] = [
            (HeadScope(needs: [.claim]), Record(id: "a", text: long), .noClaim),
            (HeadScope(needs: [.target]), Record(id: "a", text: long), .noTarget),
            (HeadScope(needs: [.holder]), Record(id: "a", text: long), .noHolder),
            (HeadScope(granularity: .headline, domain: "gun violence"), Record(id: "a", text: "x"), .domain),
            (HeadScope(granularity: .tweet, targets: ["Atheism"]), Record(id: "a", text: "x", target: "Iran"), .otherTarget),
            (HeadScope(granularity: .sentence), Record(id: "a", text: long), .articleLength),
            ({ var s = HeadScope(); s.typicalBytes = 2000; return s }(), Record(id: "a", text: "Smith spoke."), .tooShort),
        ]
        for (scope, r, why) in cases {
            XCTAssertEqual(scope.whyNotApplicable(r, claim: nil, forced: false), why)
            XCTAssertEqual(scope.reasonNotApplicable(r, claim: nil, forced: false), scope.reason(why))
        }
        XCTAssertEqual(Set(cases.map { $0.2 }).count, HeadScope.NotApplicable.allCases.count, "every code is tested")
        var policy = ScoringPolicy()
        policy.applyScopes = true
        policy.actors = .off
        let model = randomModel()   // target_sentiment: needs a target, trained on sentences
        let records = (0..<37).map { i in i % 3 == 0 ? Record(id: "\(i)", text: long, target: "Smith") : Record(id: "\(i)", text: "Smith spoke.") }
        let scorer = try Scorer(model: model, threads: 3, policy: policy)
        _ = scorer.score(batch: records)
        _ = scorer.score(batch: Array(records.prefix(5)))
        let heads = scorer.leftOutHeads
        // 37 + 5 records: those without a target (24 + 3) need one; those with one are article-length (13 + 2).
        XCTAssertEqual(heads.count, 2, "\(heads)")
        XCTAssertEqual(heads.first { $0.reason.contains("needs a target") }?.records, 27, "\(heads)")
        XCTAssertEqual(heads.first { $0.reason.contains("article-length") }?.records, 15, "\(heads)")
        XCTAssertTrue(heads.allSatisfy { $0.head == "target_sentiment" })
    }

    /// The target-sentiment head named for an article answers with the actor analysis's aggregate for the
    /// record's target, whether or not the `actors` output is on.
    func testForcedTargetSentimentOnAnArticleIsTheActorAggregate() throws {
        let long = article + " " + String(repeating: "Smith spoke again at length about the plan. ", count: 20)
        let model = randomModel()
        var policy = ScoringPolicy()
        policy.applyScopes = true
        let r = Record(id: "a", text: long, target: "Smith")
        var scratch: [FeatureScratch] = []
        let expected = try ArticleAnalyzer(model: model).analyze(r, named: [Actor.fromTarget("Smith")!], scratch: &scratch)[0]
        for mode in [ActorMode.off, .on] {
            policy.actors = mode
            let scored = try Scorer(model: model, tasks: ["target_sentiment"], policy: policy).score(r)
            XCTAssertEqual(scored.predictions.map { $0.labels }, [[expected.label]], "\(mode)")
            XCTAssertEqual(scored.predictions.map { $0.scores }, [expected.scores], "\(mode)")
        }
        // With a learned aggregator, the head's scores are the aggregator's probabilities, so its label is the
        // most probable one (the sentences' mean probabilities may favour another label).
        var h = model.header
        var settings = ActorSettings()
        settings.weights = [[Float](repeating: 0, count: ActorFeatures.count) + [0], [Float](repeating: 0, count: ActorFeatures.count) + [-1],
                            [Float](repeating: 0, count: ActorFeatures.count) + [2]]
        h.actors = settings
        let learned = try Scorer(model: model.replacingHeader(h), tasks: ["target_sentiment"], policy: policy).score(r).predictions
        XCTAssertEqual(learned.map { $0.labels }, [["positive"]])
        let e = [Float(1), exp(-1), exp(2)], total = e.reduce(0, +)
        for (a, b) in zip(learned[0].scores, e.map { $0 / total }) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        let none = try Scorer(model: model, tasks: ["target_sentiment"], policy: policy)
        XCTAssertTrue(none.score(Record(id: "b", text: long, target: "Atheism")).predictions.isEmpty)
        XCTAssertTrue(none.leftOutSummary.contains { $0.contains("no sentence of the article mentions the target") })
    }

    /// Another model's analysis (`actorModel`): the actors and the target-sentiment answers (on an article and on a
    /// sentence) are that model's, the other heads the main model's; labels in another order are refused.
    func testActorModelAnswersForActorsAndTheTargetHead() throws {
        let long = article + " " + String(repeating: "Smith spoke again at length about the plan. ", count: 20)
        let main = randomModel()
        let other = randomModel(seed: 7)
        var policy = ScoringPolicy()
        policy.applyScopes = true
        policy.actors = .on
        let named = [Actor.parse("Smith")!, Actor.parse("Iran|Tehran")!]
        policy.namedActors = named
        var scratch: [FeatureScratch] = []
        let alone = try ArticleAnalyzer(model: other).analyze(Record(id: "a", text: long), named: named, scratch: &scratch)
        let own = try ArticleAnalyzer(model: main).analyze(Record(id: "a", text: long), named: named, scratch: &scratch)
        XCTAssertNotEqual(alone.map { $0.scores }, own.map { $0.scores }, "the two heads differ")
        let both = try Scorer(model: main, policy: policy, actorModel: other)
        let scored = both.score(Record(id: "a", text: long))
        XCTAssertEqual(scored.actors?.map { $0.name }, ["Smith", "Iran"])
        XCTAssertEqual(scored.actors?.map { $0.scores }, alone.map { $0.scores })
        // The target-sentiment head on a sentence with a target: the other model's prediction.
        policy.actors = .auto
        policy.namedActors = []
        let sentence = Record(id: "s", text: "Critics said the Senate never praised Smith's plan.", target: "Smith")
        let borrowed = try Scorer(model: main, tasks: ["target_sentiment"], policy: policy, actorModel: other).score(sentence).predictions
        var s2: [FeatureScratch] = []
        XCTAssertEqual(borrowed.map { $0.scores }, other.predict(sentence, tasks: [0], scratch: &s2).map { $0.scores })
        XCTAssertNotEqual(borrowed.map { $0.scores }, main.predict(sentence, tasks: [0], scratch: &s2).map { $0.scores })
        // Labels in another order would put the scores under the wrong names: refused.
        let reordered = randomModel(labels: ["positive", "neutral", "negative"])
        XCTAssertThrowsError(try Scorer(model: main, policy: policy, actorModel: reordered)) { e in
            XCTAssertTrue("\(e)".contains("they must be the same"), "\(e)")
        }
        // Holders asked for from a model without a directed head: refused, not silently dropped.
        policy.holders = true
        XCTAssertThrowsError(try Scorer(model: main, policy: policy, actorModel: other)) { e in
            XCTAssertTrue("\(e)".contains("holders need a directed-sentiment head"), "\(e)")
        }
    }
}


/// Per-target copies only for trained targets: a target the head never saw gets the shared features alone.
final class KnownTargetTests: XCTestCase {
    func testUnseenTargetsGetTheSharedFeaturesAlone() throws {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .target, .chars]; spec.wordNgrams = 1; spec.charNgramMin = 2; spec.charNgramMax = 4; spec.bits = 16
        spec.perTarget = true
        var shared = spec
        shared.perTarget = false
        let f = Featurizer(spec: spec, idf: FloatTable([]), knownTargets: ["Atheism", "Hillary Clinton"])
        let open = Featurizer(spec: spec, idf: FloatTable([]))
        let plain = Featurizer(spec: shared, idf: FloatTable([]))
        var s = FeatureScratch()
        func vec(_ g: Featurizer, _ target: String) -> SparseVector {
            g.featurize(Record(id: "x", text: "God is not great, says the essay", target: target), scratch: &s)
        }
        // A trained target (in any case) keeps its copies: the same vector as without a list.
        XCTAssertEqual(vec(f, "atheism"), vec(open, "atheism"))
        XCTAssertGreaterThan(vec(f, "Atheism").indices.count, vec(plain, "Atheism").indices.count)
        // An unseen target: exactly the shared features.
        XCTAssertEqual(vec(f, "the"), vec(plain, "the"))
        XCTAssertNotEqual(vec(open, "the"), vec(plain, "the"), "without a list every target is copied")
        // The fast scoring path agrees with the vectors.
        XCTAssertNil(f.perTargetKey(Record(id: "y", text: "", target: "Trump")))
        XCTAssertNotNil(f.perTargetKey(Record(id: "y", text: "", target: "HILLARY CLINTON")))
    }

    func testTheModelListsTheTargetsOfTheHeadsOfAFeatureSet() throws {
        var records: [Record] = []
        for i in 0..<40 {
            let target = ["Atheism", "Climate"][i % 2]
            records.append(Record(id: "\(i)", text: i % 4 < 2 ? "we support it \(i)" : "we oppose it \(i)", target: target,
                                  labels: ["stance": .single(i % 4 < 2 ? "favor" : "against")]))
        }
        var o = TrainingOptions()
        o.features.namespaces = [.text, .target]; o.features.bits = 12; o.features.wordNgrams = 1; o.features.perTarget = true
        o.taskScopes["stance"] = HeadScope.Override(granularity: .tweet, domain: "two topics")
        let m = try Trainer(options: o).train(records)
        XCTAssertEqual(m.tasks[0].scope?.targets, ["Atheism", "Climate"])
        XCTAssertEqual(SlantModel.knownTargets(m.header, featureSet: 0), ["Atheism", "Climate"])
        XCTAssertEqual(m.featurizers[0].knownTargets?.count, 2)
        // Saved and loaded, the list comes back from the heads' scopes.
        let path = NSTemporaryDirectory() + "/known-targets-\(getpid()).slant"
        defer { unlink(path) }
        try ModelFile.write(m, to: path)
        let back = try ModelFile.read(path)
        XCTAssertEqual(back.featurizers[0].knownTargets, m.featurizers[0].knownTargets)
        // A head without a list of targets (no domain): every target keeps its copies.
        o.taskScopes = [:]
        let openModel = try Trainer(options: o).train(records)
        XCTAssertNil(openModel.featurizers[0].knownTargets)
    }
}
