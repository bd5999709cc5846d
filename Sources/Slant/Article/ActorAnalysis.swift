import Foundation

/// How the article analysis scores and aggregates actors; stored in the model header (`ModelHeader.actors`).
public struct ActorSettings: Codable, Equatable, Sendable {
    /// The target-sentiment head that scores each mention (labels must include negative, neutral, positive).
    public var task: String = "target_sentiment"
    /// The neutral band on an actor's mean (P(positive) − P(negative)) over the sentences that mention it:
    /// below `low` the actor is portrayed negatively, above `high` positively, neutrally in between.
    public var low: Float = -0.2
    public var high: Float = 0.2
    /// Where the band came from (`"default"`, or the data it was tuned on and its macro-F1 there).
    public var bandSource: String = "default"
    /// Detected actors: at most this many, each with at least `minMentions` mentions.
    public var limit: Int = 5
    public var minMentions: Int = 2
    /// Sentences shown as evidence per actor.
    public var evidence: Int = 3
    /// A learned aggregator (multinomial logistic regression over `ActorFeatures`), which replaces the band
    /// when present: one row of `ActorFeatures.count + 1` weights (the last is the bias) per head label, over
    /// features standardised with `featureMean` and `featureScale`.
    public var weights: [[Float]]? = nil
    public var featureMean: [Float]? = nil
    public var featureScale: [Float]? = nil
    /// Also score the sentences that refer to a person actor by pronoun only (`Pronouns`); nil or false: names only.
    public var pronouns: Bool? = nil
    /// Score at most this many of an actor's sentences, spread evenly over the article (nil: all of them).
    public var maxSentences: Int? = nil
    /// A sentence in which the actor speaks a quotation (`QuoteSpeaker`) counts as neutral toward it: the
    /// quotation's tone is the speaker's, not the author's portrayal of the speaker. nil or false: scored as any.
    public var neutralSpeakers: Bool? = nil

    public init() {}
}

/// The features of one actor in one article that the learned aggregator reads, all computed from the sentences
/// that mention it: mean probabilities (negative, neutral, positive), the most positive and most negative
/// sentence (P(positive) − P(negative)), the share of sentences labeled negative and positive, the mean VADER
/// compound score of those sentences and of the whole text, the first mentioning sentence's score, and
/// log(1 + mentions).
public enum ActorFeatures {
    public static let count = 11
    public static let names = ["mean_negative", "mean_neutral", "mean_positive", "max_score", "min_score",
                               "share_negative", "share_positive", "vader_mentions", "vader_text", "first_score",
                               "log_mentions"]
}

/// A sentence that shows how an actor is portrayed.
public struct ActorEvidence: Sendable {
    /// The sentence, and where it is in the text (half-open Unicode scalar offsets).
    public var sentence: String
    public var range: Range<Int>
    /// The head's label and probabilities (in the head's label order) for the actor in this sentence.
    public var label: String
    public var scores: [Float]
    /// The features behind it, with `--explain`.
    public var explanation: [(feature: String, contribution: Float)] = []
    /// The actor speaks a quotation in this sentence (`QuoteSpeaker`), so the sentence counts as neutral toward
    /// it whatever its tone (`label` and `scores` say neutral; with `ActorSettings.neutralSpeakers`).
    public var speaker = false
}

/// The stance toward an actor from a target-stance head trained for it: a head that knows a closed set of
/// targets (SemEval-2016's five topics) scores the actor's sentences when the actor's name or one of its
/// aliases is one of those targets (case-insensitively), e.g. a detected "Hillary Clinton", or
/// `--actor "Feminist Movement|feminists|feminism"`.
public struct ActorStance: Sendable {
    /// The stance head, and the target as the head was trained on it.
    public var task: String
    public var target: String
    /// The head's labels, the label with the highest mean probability, and the mean probability per label over
    /// the actor's scored sentences.
    public var labels: [String]
    public var label: String
    public var scores: [Float]
    /// Sentences scored.
    public var sentences: Int
}

/// How one actor is portrayed in one article.
public struct ActorResult: Sendable {
    public var name: String
    public var aliases: [String]
    /// Mentions found, and sentences with at least one mention (each sentence is scored once).
    public var mentions: Int
    public var sentences: Int
    /// The overall label (from the neutral band), the mean (P(positive) − P(negative)) it came from, and the
    /// mean probabilities over the sentences, in the head's label order.
    public var label: String
    public var score: Float
    public var scores: [Float]
    /// Sentences per label, in the head's label order.
    public var distribution: [Int]
    /// The sentences that drove the label, strongest first.
    public var evidence: [ActorEvidence]
    /// The aggregator's features (`ActorFeatures`), when computed.
    public var features: [Float] = []
    /// The learned aggregator's probability per label (in the head's label order), when the model has one: what
    /// `label` was decided from. `scores` stays the mean over the sentences.
    public var probabilities: [Float]? = nil
    /// The stance toward the actor, when the model has a target-stance head trained for it (`ActorStance`).
    public var stance: ActorStance? = nil
    /// How other entities in the article feel about this actor, sentence by sentence, as stated there (with
    /// `holders`: the model's directed-sentiment head, `HeldSentiment`); the strongest first.
    public var heldBy: [HeldSentiment] = []
    /// With `explain` and a learned aggregator: the aggregator's features (`ActorFeatures`) that pushed `label`
    /// most, strongest first, each with its value and its contribution to the label's logit (relative to the
    /// mean over the labels, since only differences between labels matter): why the sentences' scores add up to
    /// this label (`ArticleAnalyzer.explainLabel`).
    public var explanation: [(feature: String, value: Float, contribution: Float)] = []
}

/// How another entity of the article (the holder) feels about an actor in one sentence, as the sentence states
/// it ("Villa's lieutenants fear Ruiz": Villa → Ruiz, negative): the model's directed-sentiment head on the
/// sentence with both mentions marked. It is the holder's feeling, not the author's.
public struct HeldSentiment: Sendable {
    public var holder: String
    /// The head's label (negative or positive: neutral ones are not listed) and its probabilities, in `labels`' order.
    public var label: String
    public var labels: [String]
    public var scores: [Float]
    /// The sentence and where it is in the text (half-open Unicode scalar offsets).
    public var sentence: String
    public var range: Range<Int>
}

/// Which of an actor's scored sentences the analysis shows as evidence.
public enum EvidenceShown: Equatable, Sendable {
    /// The `k` sentences that show the actor's label best, strongest first (0: none).
    case strongest(Int)
    /// Every scored sentence, in the order of the text, each with its own label.
    case all
}

/// Finds and scores the actors of articles with a model's target-sentiment head.
///
/// Each sentence that mentions an actor becomes a short record (the sentence as text, the mention as target,
/// its spans), which is what the head was trained on (NewsMTSC: one news sentence, one marked mention); the
/// article's label for the actor aggregates those sentences. Scoring the whole article with the actor as its
/// target instead gives macro-F1 0.14 on article-level data: the head never saw a long text.
///
/// A class: the scorer uses one per run, and a struct of this many fields was copied (and its references
/// retained and released) for every record.
public final class ArticleAnalyzer: Sendable {
    public let model: SlantModel
    public let settings: ActorSettings
    /// The evidence each actor shows (by default the model's `ActorSettings.evidence` strongest sentences).
    public let shown: EvidenceShown
    /// The head's task index and the indices of its negative, neutral and positive labels.
    public let task: Int
    let negative: Int, neutral: Int, positive: Int
    /// The head's lexicon (empty when it has none), for the VADER features.
    let vader: Vader

    /// - Parameter evidence: the evidence to show; nil: the settings' `evidence` strongest sentences.
    /// - Throws: `SlantError.usage` when the model has no usable target-sentiment head.
    public init(model: SlantModel, settings: ActorSettings? = nil, evidence: EvidenceShown? = nil) throws {
        let s = settings ?? model.header.actors ?? ActorSettings()
        guard let t = model.taskIndex(s.task) else {
            throw SlantError.usage("the actor analysis needs a target-sentiment head named \"\(s.task)\"; the model's tasks: \(model.tasks.map { $0.name }.joined(separator: ", "))")
        }
        let labels = model.tasks[t].labels
        guard model.tasks[t].kind == .single, let n = labels.firstIndex(of: "negative"), let z = labels.firstIndex(of: "neutral"),
              let p = labels.firstIndex(of: "positive") else {
            throw SlantError.usage("the actor analysis needs \(s.task) to be single-label with labels negative, neutral and positive; it has \(labels.joined(separator: ", "))")
        }
        self.model = model; self.settings = s; self.task = t; self.labels = labels
        self.shown = evidence ?? .strongest(s.evidence)
        self.negative = n; self.neutral = z; self.positive = p
        self.vader = Vader(valence: model.featurizers[model.tasks[t].featureSet].valence)
        self.stanceTask = model.tasks.indices.first { i in
            guard i != t, model.tasks[i].kind == .single, let scope = model.tasks[i].scope else { return false }
            return scope.needs.contains(.target) && !(scope.targets ?? []).isEmpty
        }
        self.directedTask = model.tasks.indices.first { i in
            guard model.tasks[i].kind == .single, let scope = model.tasks[i].scope else { return false }
            return scope.needs.contains(.holder) && scope.needs.contains(.target) && model.tasks[i].labels.contains("neutral")
        }
    }

    /// The target-stance head that scores actors it was trained for (`ActorStance`): the first single-label
    /// head, other than the sentiment head, that needs a target and knows a closed set of targets.
    public let stanceTask: Int?
    /// The directed-sentiment head that says how one actor feels about another (`HeldSentiment`): the first
    /// single-label head that needs a holder and a target and has a neutral label.
    public let directedTask: Int?

    /// The stance head's target that `actor` is (its name or an alias, case-insensitively), if any.
    func stanceTarget(_ actor: Actor) -> String? {
        guard let st = stanceTask, let targets = model.tasks[st].scope?.targets else { return nil }
        let names = Set(([actor.name] + actor.aliases).map { $0.lowercased() })
        return targets.first { names.contains($0.lowercased()) }
    }

    /// The head's labels.
    public let labels: [String]

    /// The actors to look for in `r`: the ones given, else the record's target, else the detected main actors.
    public func actors(for r: Record, named: [Actor], scalars: [Unicode.Scalar], sentences: [Range<Int>]) -> [Actor] {
        if !named.isEmpty { return named }
        if let t = r.target, let a = Actor.fromTarget(t) { return [a] }
        return ActorDetector.detect(scalars, sentences: sentences, limit: settings.limit, minMentions: settings.minMentions)
    }

    /// Analyses one article: every actor's mentions, per-sentence scores and aggregate label.
    /// Actors with no mention in the text are left out.
    /// - Parameter scratch: per-thread scratch, as for `SlantModel.predict`.
    /// - Complexity: O(text × aliases) to find mentions, plus one short featurization per mentioning sentence.
    /// - Parameter withFeatures: compute `ActorResult.features` even when the model has no learned aggregator.
    /// - Parameter text: `r.text` already tokenized (raw, unmarked), when the caller has it.
    /// - Parameter split: `ArticleText(r.text)`, when the caller has it.
    /// - Parameter stance: also give `ActorResult.stance` for actors the model's stance head was trained for.
    /// - Parameter targetMentions: the mentions of the record's target actor (`Actor.fromTarget(r.target)`) in
    ///   `split`, when the caller found them already; used when no actors are named, or `named` is that actor.
    /// - Parameter prepared: `named`, prepared once for a run (`NamedActors`); ignored when its actors are not `named`.
    public func analyze(_ r: Record, named: [Actor] = [], scratch: inout [FeatureScratch], explain: Int = 0,
                        withFeatures: Bool = false, text: TokenBuffer? = nil, split: ArticleText? = nil, stance: Bool = false,
                        targetMentions: [Mention]? = nil, holders: Bool = false, prepared: NamedActors? = nil) -> [ActorResult] {
        let withFeatures = withFeatures || settings.weights != nil
        let split = split ?? ArticleText(r.text)
        let s = split.scalars, sentences = split.sentences
        // Detection lists the capitalised words, where the detected actors' mentions can start.
        var capitals: [ActorDetector.CapitalisedWord] = []
        let detected = named.isEmpty && r.target.flatMap(Actor.fromTarget) == nil
        // Detection lists a few names more than the limit: the publisher and a country's other names (merged
        // into the country) leave their slots to the next ones.
        var actors = detected
            ? Array(Self.mergingCountries(Self.withoutPublisher(
                ActorDetector.detect(s, sentences: sentences, limit: settings.limit + 2, minMentions: settings.minMentions, capitals: &capitals),
                source: r.source, limit: settings.limit + 2)).prefix(settings.limit))
            : self.actors(for: r, named: named, scalars: s, sentences: sentences)
        // The article is tokenized once; each scored sentence gets its slice of the tokens (the tokenizer is
        // context-free, so the features are those of the sentence tokenized alone). Detection also reads the
        // tokens for groups named by a common noun ("the cartels"), in the slots names leave.
        var article = text ?? TokenBuffer()
        var tokenized = text != nil
        if detected && actors.count < settings.limit {
            if !tokenized { Tokenizer().tokenize(r.text, into: &article); tokenized = true }
            actors += GroupActors.find(article, limit: settings.limit - actors.count, minMentions: max(3, settings.minMentions))
        }
        guard !actors.isEmpty else { return [] }
        // A name given in lower case that the text writes capitalised gets that spelling's other forms.
        let given = actors
        // (`prepared`: the same actors, their forms made once for the run.)
        let prepared = prepared.flatMap { !detected && $0.actors == named ? $0 : nil }
        // Names given are looked for as the text writes them (`writtenCase`: a text in capitals unrecased).
        let w = detected ? s : split.writtenCase
        if !detected { actors = prepared?.asWritten(in: w) ?? Actor.asWritten(actors, in: w) }
        let isTarget = named.isEmpty || (named.count == 1 && r.target.flatMap(Actor.fromTarget) == named[0])
        let mentions = !detected && isTarget && targetMentions != nil && actors == given ? targetMentions!
            : prepared != nil && actors == given ? prepared!.mentions(in: w)
            : MentionFinder.resolveShared(MentionFinder.find(actors, in: w, capitals: detected ? capitals : nil), actors: actors, text: w)
        guard !mentions.isEmpty else { return [] }
        if !tokenized { Tokenizer().tokenize(r.text, into: &article) }
        let tokenRanges = Self.tokenRanges(article, sentences)
        while scratch.count < model.featurizers.count { scratch.append(FeatureScratch()) }
        let looked = withFeatures ? vader.lookUp(article) : Vader.Tokens()
        let textVader = withFeatures ? vader.compound(looked, tokens: 0..<article.tokens.count) : 0
        // Sentences that refer to a person actor by pronoun only, when the settings ask for them.
        var byPronoun: [Int: Pronouns.Reference] = [:]
        if settings.pronouns == true {
            let persons = Set(actors.indices.filter { Pronouns.isPerson(actors[$0]) })
            for ref in Pronouns.references(s, sentences: sentences, mentions: mentions, persons: persons) { byPronoun[ref.sentence] = ref }
        }
        let perSentence = MentionFinder.sentenceRanges(mentions, sentences: sentences)
        // Per actor: its named mentions, and the sentences to score that mention it (by name, or by pronoun when
        // asked), with their spans; at most `maxSentences` of them, spread evenly.
        var named = [Int](repeating: 0, count: actors.count)
        for m in mentions { named[m.actor] += 1 }
        // One pass over the sentences' mentions (not one per actor over every sentence), so each actor's list
        // is in sentence order and each sentence's spans in text order.
        var mentioning = [[(sentence: Int, spans: [Span])]](repeating: [], count: actors.count)
        for j in sentences.indices {
            for m in perSentence[j] {
                let a = mentions[m].actor
                if named[a] > 0, let span = MentionFinder.span(of: mentions[m], in: sentences[j]) { Self.add(span, sentence: j, to: &mentioning[a]) }
            }
            if !byPronoun.isEmpty, let ref = byPronoun[j], named[ref.actor] > 0, mentioning[ref.actor].last?.sentence != j {
                mentioning[ref.actor].append((j, ref.spans))
            }
        }
        if let cap = settings.maxSentences, cap > 0 {
            for a in actors.indices where named[a] > 0 {
                mentioning[a] = MentionFinder.spread(mentioning[a].count, keep: cap).map { mentioning[a][$0] }
            }
        }
        var scored = scoreMentions(mentioning, record: r, split: split, sentences: sentences, article: article, tokenRanges: tokenRanges,
                                   scratch: &scratch, explain: explain, valences: withFeatures ? looked.valence : nil)
        var heldBy = [[HeldSentiment]](repeating: [], count: actors.count)
        if holders, let d = directedTask {
            heldBy = held(d, actors: actors, mentioning: mentioning, detected: detected, capitals: capitals, record: r, split: split, scratch: &scratch)
        }
        // VADER once per sentence, however many actors it mentions.
        var sentenceVader = [Float?](repeating: nil, count: withFeatures ? sentences.count : 0)
        var results: [ActorResult] = []
        for (a, actor) in actors.enumerated() where !scored[a].isEmpty {
            var vaderSum: Float = 0
            if withFeatures {
                for m in mentioning[a].indices {   // (by index: each element bound copied its spans)
                    let j = mentioning[a][m].sentence
                    if sentenceVader[j] == nil { sentenceVader[j] = vader.compound(looked, tokens: tokenRanges[j]) }
                    vaderSum += sentenceVader[j]!
                }
            }
            if settings.neutralSpeakers == true {
                // The tone of a quotation is its speaker's: a sentence the actor speaks in counts as neutral.
                for (k, m) in mentioning[a].enumerated()
                where QuoteSpeaker.isSpeaker(s, sentence: sentences[m.sentence], spans: m.spans) {
                    scored[a][k].scores = scored[a][k].scores.indices.map { $0 == neutral ? 1 : 0 }
                    scored[a][k].label = labels[neutral]
                    scored[a][k].speaker = true
                }
            }
            var result = aggregate(actor, mentions: named[a], scored[a])
            if withFeatures {
                result.features = features(result, scored[a], vaderMentions: vaderSum / Float(scored[a].count), vaderText: textVader)
            }
            if let w = settings.weights {
                let d = ActorAggregator.decision(result.features, weights: w, mean: settings.featureMean, scale: settings.featureScale)
                result.probabilities = d.probabilities
                result.label = labels[d.label]
            }
            supportLabel(&result)
            // Strong evidence of one sign decides, whatever the band or the aggregator say; its probabilities are
            // then the mean over the sentences.
            if let sign = consistentSign(result.distribution, score: result.score), result.label != labels[sign] {
                result.label = labels[sign]
                if result.probabilities != nil { result.probabilities = result.scores }
            }
            if explain > 0, let w = settings.weights, let l = labels.firstIndex(of: result.label) {
                result.explanation = Self.explainLabel(result.features, label: l, weights: w, mean: settings.featureMean,
                                                       scale: settings.featureScale, top: explain)
            }
            result.evidence = evidence(scored[a], label: labels.firstIndex(of: result.label) ?? neutral)
            for k in result.evidence.indices { result.evidence[k].sentence = split.string(result.evidence[k].range) }
            // After every sentiment scoring: the stance head may share the sentiment head's feature scratch.
            if stance, let target = stanceTarget(actor) {
                result.stance = self.stance(target, sentences: mentioning[a].map { (sentences[$0.sentence], tokenRanges[$0.sentence], $0.spans) },
                                       record: r, article: article, scratch: &scratch)
            }
            result.heldBy = heldBy[a]
            results.append(result)
        }
        return results
    }

    /// Adds a mention's span to an actor's list of sentences (in sentence order): to the last entry when it is
    /// the same sentence, else as a new one.
    @inline(__always)
    static func add(_ span: Span, sentence j: Int, to list: inout [(sentence: Int, spans: [Span])]) {
        if let last = list.indices.last, list[last].sentence == j { list[last].spans.append(span) } else { list.append((j, [span])) }
    }

    /// Per actor, how the other entities of its sentences feel about it (`HeldSentiment`), by the directed head
    /// `d`: for each sentence that mentions the actor and another entity (another analysed actor, or, when the
    /// actors were named, one of the article's detected actors), the sentence with the other entity marked as
    /// holder and the actor as target. Neutral answers are not kept; at most 5 per actor, the strongest first.
    func held(_ d: Int, actors: [Actor], mentioning: [[(sentence: Int, spans: [Span])]], detected: Bool,
              capitals: [ActorDetector.CapitalisedWord], record r: Record, split: ArticleText,
              scratch: inout [FeatureScratch]) -> [[HeldSentiment]] {
        let s = split.scalars, sentences = split.sentences
        // The possible holders: the analysed actors, and when they were named, the article's detected actors too.
        var holderActors = actors
        var holderMentioning = mentioning
        if !detected {
            var caps: [ActorDetector.CapitalisedWord] = []
            let names = Set(actors.flatMap { $0.aliases.map { $0.lowercased() } })
            let others = ActorDetector.detect(s, sentences: sentences, limit: settings.limit, minMentions: 1, capitals: &caps)
                .filter { !$0.aliases.contains { names.contains($0.lowercased()) } }
            if !others.isEmpty {
                let found = MentionFinder.bySentence(MentionFinder.find(others, in: s, capitals: caps), sentences: sentences)
                var lists = [[(sentence: Int, spans: [Span])]](repeating: [], count: others.count)
                for j in sentences.indices {
                    for (a, span) in found[j] { Self.add(span, sentence: j, to: &lists[a]) }
                }
                holderActors += others
                holderMentioning += lists
            }
        }
        var inSentence: [Int: [(actor: Int, spans: [Span])]] = [:]
        for (a, list) in holderMentioning.enumerated() { for m in list { inSentence[m.sentence, default: []].append((a, m.spans)) } }
        let labels = model.tasks[d].labels
        let neutral = labels.firstIndex(of: "neutral")!
        var out = [[HeldSentiment]](repeating: [], count: actors.count)
        for j in inSentence.keys.sorted() {
            guard let present = inSentence[j], present.count >= 2 else { continue }
            var text: String? = nil
            for t in present where t.actor < actors.count {
                for h in present where h.actor != t.actor {
                    if text == nil { text = split.string(sentences[j]) }
                    var rec = Record(id: r.id, text: text!, target: actors[t.actor].name, spans: t.spans, file: r.file, line: r.line)
                    rec.holder = holderActors[h.actor].name
                    rec.holderSpans = h.spans
                    let p = model.predict(rec, tasks: [d], scratch: &scratch)[0]
                    guard let label = p.labels.first, label != labels[neutral] else { continue }
                    out[t.actor].append(HeldSentiment(holder: holderActors[h.actor].name, label: label, labels: labels, scores: p.scores,
                                                      sentence: text!, range: sentences[j]))
                }
            }
        }
        for a in out.indices where out[a].count > 1 {
            out[a].sort { ($0.scores[neutral], $0.range.lowerBound) < ($1.scores[neutral], $1.range.lowerBound) }
            if out[a].count > 5 { out[a].removeLast(out[a].count - 5) }
        }
        return out
    }

    /// Scores every (actor, sentence) pair of `mentioning` with the sentiment head, the mention as target and
    /// the mentions as spans, sentence by sentence: a sentence that mentions several actors gets its tokens,
    /// negation marks and text features once (`SlantModel.textLogits`), and only its actor-dependent features
    /// (target, context window, lexicon sums around the mention) once per actor; bit-identical to scoring each
    /// pair alone. With `explain`, each pair is scored whole, with its features.
    /// - Returns: per actor, the evidence of its sentences in `mentioning`'s order (sentence strings left empty).
    func scoreMentions(_ mentioning: [[(sentence: Int, spans: [Span])]], record r: Record, split: ArticleText,
                       sentences: [Range<Int>], article: TokenBuffer, tokenRanges: [Range<Int>],
                       scratch: inout [FeatureScratch], explain: Int, valences: [Float]? = nil) -> [[ActorEvidence]] {
        let set = model.tasks[task].featureSet
        // Appended in job order: an actor's sentences are distinct and in text order, so its k-th job comes k-th
        // (no placeholder evidence copied in and destroyed per pair).
        var scored = mentioning.map { m -> [ActorEvidence] in var e: [ActorEvidence] = []; e.reserveCapacity(m.count); return e }
        var jobs: [(sentence: Int, actor: Int, k: Int)] = []
        for a in mentioning.indices { for (k, m) in mentioning[a].enumerated() { jobs.append((m.sentence, a, k)) } }
        jobs.sort { ($0.sentence, $0.actor, $0.k) < ($1.sentence, $1.actor, $1.k) }
        var current = -1
        var prefix: [Float] = []
        // Each way an actor is written, as a string and tokenized, once per article (a handful per article: a
        // linear search, comparing scalars, so that no string is made per pair).
        var targets: [(scalars: Range<Int>, surface: String, tokens: TokenBuffer, part: Featurizer.TargetPart?)] = []
        let tokenizer = Tokenizer()
        // One record, its target and spans set per pair (not a new record, with its strings retained, per pair).
        // The text goes in as tokens; the sentence's string is made only for the sentences kept as evidence.
        var rec = Record(id: r.id, text: "", target: "", spans: [], file: r.file, line: r.line)
        // Read once (each access to an array held by a struct or class retains and releases it).
        let scalars = split.scalars
        for job in jobs {
            let j = job.sentence, spans = mentioning[job.actor][job.k].spans
            let sentence = sentences[j]
            let first = spans[0]   // never empty: only sentences with a mention are listed
            let at = (sentence.lowerBound + first.start)..<(sentence.lowerBound + first.end)
            let known = scalars.withUnsafeBufferPointer { s in
                targets.firstIndex { $0.scalars.count == at.count && s[$0.scalars].elementsEqual(s[at]) }
            }
            if known == nil {
                let surface = split.string(at)
                var t = TokenBuffer()
                tokenizer.tokenize(surface, into: &t)
                targets.append((at, surface, t, explain > 0 ? nil : model.targetPart(task: task, target: t, scratch: &scratch[set])))
            }
            let ti = known ?? targets.count - 1
            let evidence: ActorEvidence
            if explain > 0 {
                rec.target = targets[ti].surface
                rec.spans = spans
                scratch[set].pretokenize { $0.assign(article, tokens: tokenRanges[j], scalarBase: sentence.lowerBound) }
                let p = model.predict(rec, tasks: [task], scratch: &scratch, explain: explain)[0]
                evidence = ActorEvidence(sentence: "", range: sentence, label: p.labels.first ?? "", scores: p.scores, explanation: p.explanation)
            } else {
                if j != current {
                    // The article's VADER valences (the same table as the head's lexicon) stand in for the
                    // sentence's look-ups.
                    scratch[set].pretokenize(text: { $0.assign(article, tokens: tokenRanges[j], scalarBase: sentence.lowerBound) },
                                             valences: valences?[tokenRanges[j]])
                    model.textLogits(rec, task: task, scratch: &scratch[set], into: &prefix)
                    current = j
                }
                let p: [Float]
                if let part = targets[ti].part {
                    // The lean path reads the target part and the spans, not the record.
                    p = model.probabilities(task: task, scratch: &scratch[set], after: prefix, target: part, spans: spans)
                } else {
                    rec.target = targets[ti].surface
                    rec.spans = spans
                    scratch[set].pretokenize(target: targets[ti].tokens)
                    p = model.probabilities(rec, task: task, scratch: &scratch[set], after: prefix)
                }
                evidence = ActorEvidence(sentence: "", range: sentence, label: labels[Head.argmax(p)], scores: p)
            }
            if scored[job.actor].count == job.k {
                scored[job.actor].append(evidence)
            } else {
                // (Not reached while an actor's sentences are listed in text order; any other order still lands
                // each score at its index.)
                while scored[job.actor].count <= job.k { scored[job.actor].append(ActorEvidence(sentence: "", range: 0..<0, label: "", scores: [])) }
                scored[job.actor][job.k] = evidence
            }
        }
        return scored
    }

    /// The stance head's mean probabilities over an actor's sentences, with `target` (the head's spelling) as
    /// the target and the mentions as spans.
    func stance(_ target: String, sentences: [(range: Range<Int>, tokens: Range<Int>, spans: [Span])], record r: Record,
                article: TokenBuffer, scratch: inout [FeatureScratch]) -> ActorStance? {
        guard let st = stanceTask, !sentences.isEmpty else { return nil }
        let info = model.tasks[st], set = info.featureSet
        var mean = [Float](repeating: 0, count: info.labels.count)
        for (range, tokens, spans) in sentences {
            scratch[set].pretokenize { $0.assign(article, tokens: tokens, scalarBase: range.lowerBound) }
            let p = model.probabilities(Record(id: r.id, text: "", target: target, spans: spans, file: r.file, line: r.line), task: st, scratch: &scratch[set])
            for k in mean.indices { mean[k] += p[k] / Float(sentences.count) }
        }
        return ActorStance(task: info.name, target: target, labels: info.labels, label: info.labels[Head.argmax(mean)],
                           scores: mean, sentences: sentences.count)
    }

    /// For each sentence (scalar range, in order), the range of the article's tokens that start inside it.
    /// - Complexity: O(tokens + sentences).
    static func tokenRanges(_ article: TokenBuffer, _ sentences: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(sentences.count)
        var i = 0
        let n = article.tokens.count
        for sentence in sentences {
            while i < n && Int(article.tokens[i].scalarOffset) < sentence.lowerBound { i += 1 }
            var j = i
            while j < n && Int(article.tokens[j].scalarOffset) < sentence.upperBound { j += 1 }
            out.append(i..<j)
            i = j
        }
        return out
    }

    /// The actor's overall result from its scored sentences: the mean probabilities, the sentences per label and
    /// the label from the neutral band, evidence not yet chosen: `analyze` lets the learned aggregator and
    /// `consistentSign` decide the label, then picks the evidence for the label they give (`evidence`).
    func aggregate(_ actor: Actor, mentions: Int, _ scored: [ActorEvidence]) -> ActorResult {
        let K = labels.count
        var mean = [Float](repeating: 0, count: K)
        var distribution = [Int](repeating: 0, count: K)
        for e in scored {
            // Each sentence counts once, however many mentions it holds.
            for k in 0..<K { mean[k] += e.scores[k] / Float(scored.count) }
            if let i = labels.firstIndex(of: e.label) { distribution[i] += 1 }
        }
        let score = mean[positive] - mean[negative]
        let label = score < settings.low ? negative : score > settings.high ? positive : neutral
        return ActorResult(name: actor.name, aliases: actor.aliases, mentions: mentions, sentences: scored.count,
                           label: labels[label], score: score, scores: mean, distribution: distribution, evidence: [])
    }

    /// How strong the mean (P(positive) − P(negative)) of an actor's sentences must be for `consistentSign`.
    public static let strongEvidence: Float = 0.5

    /// The sign the evidence gives on its own: negative when no sentence is labeled positive, at least one is
    /// labeled negative and the mean P(positive) − P(negative) is at most −`strongEvidence`; positive the other
    /// way round; nil otherwise. Seven sentences that all condemn an actor make it negative whatever a learned
    /// aggregator fitted on a few hundred articles would say.
    func consistentSign(_ distribution: [Int], score: Float) -> Int? {
        if distribution[positive] == 0 && distribution[negative] > 0 && score <= -Self.strongEvidence { return negative }
        if distribution[negative] == 0 && distribution[positive] > 0 && score >= Self.strongEvidence { return positive }
        return nil
    }

    /// The detected actors without the record's publisher, at most `limit`: an outlet names itself in its page
    /// furniture ("Sign Up You will receive emails ... from The New York Times"; 130 of the New York Times' 1,393
    /// news articles in AllSides dev had it as an actor), not as an actor of the story. The publisher is the
    /// record's `source` up to a section after " - ", " | ", ":" or "(" ("New York Times - News" is the New York
    /// Times), compared with the actor's name without case and without a leading "The"; "New York" is not the
    /// New York Times.
    /// A publisher of two words or more is also left out under its last word, as it names itself in its own
    /// articles ("The Times found", "The Post reported"; 11 New York Times articles of AllSides dev had "Times" as
    /// an actor): "Times" for the New York Times, "Post" for the Washington Post; not "Washington", its first.
    static func withoutPublisher(_ actors: [Actor], source: String?, limit: Int) -> [Actor] {
        guard let source, let publisher = publisherName(source) else { return Array(actors.prefix(limit)) }
        let short = publisher.lastIndex(of: " ").map { Array(publisher[($0 + 1)...]) }
        // Most names differ in their first letter: those are kept without building their key.
        return Array(actors.filter { a in
            guard let f = a.name.unicodeScalars.first.map(MentionFinder.fold) else { return true }
            if let short, f == short[0], a.name.unicodeScalars.count == short.count,
               a.name.unicodeScalars.map(MentionFinder.fold) == short { return false }
            guard f == publisher[0] || f == "t" else { return true }
            guard let name = publisherName(a.name) else { return true }
            return name != publisher && !isSection(name, of: publisher)
        }.prefix(limit))
    }

    /// Whether `name` is the publisher's name and then words that name one of its sections or products only
    /// ("Bloomberg View", "Bloomberg Opinion", "New York Times Opinion", "Axios Visuals", "Fox News Poll"): the
    /// outlet naming itself, as in "This column does not necessarily reflect the opinion of Bloomberg View's
    /// editorial board" (since 2026-12-08). Other words after it keep the name: "Nation of Islam" in The Nation,
    /// "Atlantic Council" in The Atlantic.
    static func isSection(_ name: [Unicode.Scalar], of publisher: [Unicode.Scalar]) -> Bool {
        guard name.count > publisher.count + 1, name[publisher.count] == " ", name.starts(with: publisher) else { return false }
        return String(String.UnicodeScalarView(name[(publisher.count + 1)...])).split(separator: " ").allSatisfy { sectionWords.contains(String($0)) }
    }
    static let sectionWords: Set<String> = [
        "view", "opinion", "opinions", "economics", "politics", "business", "visuals", "graphics", "data", "poll", "polls",
        "editorial", "editorials", "board", "investigates", "live", "tech", "markets", "digital", "magazine", "tv", "radio",
        "channel", "network", "news", "media", "staff", "newsroom", "podcast", "video", "intelligence", "research",
    ]

    /// Detected names of one country as one actor: "Iranian", "Iranians" and "Iran" are Iran, "American" and
    /// "America" the United States (`Actor.countries`), in the place of the first of them, with the forms detected
    /// and the country's name as aliases: not every other name an actor named "United States" gets ("U.S." alone
    /// would add 3% more sentences to score, the other demonyms 0.7% more instructions). India stays as detected:
    /// US news uses "Indian" for Native Americans as often as for India.
    /// "The North" and "the South" of an article that names North Korea or South Korea are that country ("the
    /// North’s military"; 9 articles of AllSides dev had "North" as an actor beside it), when one detected country alone
    /// starts with the word ("South" stays as detected beside South Korea and South Africa).
    static func mergingCountries(_ actors: [Actor]) -> [Actor] {
        var out: [Actor] = []
        var at: [String: Int] = [:]   // country → its place in `out`
        var compass: [Int] = []       // places of "North" and "South" in `out`
        for a in actors {
            guard let country = countryOf[a.name] else {
                if a.name == "North" || a.name == "South" { compass.append(out.count) }
                out.append(a)
                continue
            }
            if let i = at[country] {
                out[i] = Actor(name: country, aliases: out[i].aliases + a.aliases, caseSensitive: true)
            } else {
                at[country] = out.count
                out.append(Actor(name: country, aliases: [country] + a.aliases, caseSensitive: true))
            }
        }
        guard !compass.isEmpty else { return out }
        var merged = Set<Int>()
        for c in compass {
            let countries = at.filter { $0.key.hasPrefix(out[c].name + " ") }
            guard countries.count == 1, let i = countries.first?.value else { continue }
            out[i] = Actor(name: out[i].name, aliases: out[i].aliases + out[c].aliases, caseSensitive: true)
            merged.insert(c)
        }
        return out.indices.filter { !merged.contains($0) }.map { out[$0] }
    }

    /// A country's name and each of its other names and demonyms → the country (`mergingCountries`).
    static let countryOf: [String: String] = {
        var m: [String: String] = [:]
        for (country, forms) in Actor.countries where country != "India" {
            m[country] = country
            for f in forms { m[f] = country }
        }
        return m
    }()

    /// A mark that, spaced, starts a source's section: "-", "–", "—", "|".
    @inline(__always) static func isSectionMark(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2013}" || c == "\u{2014}" || c == "|"
    }

    /// An outlet's name as `withoutPublisher` compares it: case-folded scalars, without a section and a leading
    /// "the ". A scalar loop, not Foundation's string search: it runs for every article with a source.
    static func publisherName(_ s: String) -> [Unicode.Scalar]? {
        var n: [Unicode.Scalar] = []
        n.reserveCapacity(s.unicodeScalars.count)
        let sc = Array(s.unicodeScalars)
        var i = 0
        while i < sc.count {
            let c = sc[i]
            // A section starts at ":", "(", or a spaced "-", "–", "—" or "|".
            if c == ":" || c == "(" { break }
            if c == " ", i + 2 < sc.count, sc[i + 2] == " ", isSectionMark(sc[i + 1]) { break }
            n.append(MentionFinder.fold(c))
            i += 1
        }
        while let f = n.first, f == " " { n.removeFirst() }
        while let l = n.last, l == " " { n.removeLast() }
        if n.count > 4, n[0] == "t", n[1] == "h", n[2] == "e", n[3] == " " {
            n.removeFirst(4)
            while let f = n.first, f == " " { n.removeFirst() }
        }
        return n.isEmpty ? nil : n
    }

    /// How far the balance of an actor's sentences must lean against a polar label to rule it out
    /// (`supportLabel`): at least `against.sentences` sentences, twice as many of the other sign as of the label's
    /// (counting none as one), and a mean P(positive) − P(negative) at least `against.mean` the other way.
    public static let against: (sentences: Int, mean: Float) = (3, 0.2)

    /// A label needs a sentence of its sign, and no clear balance of the other sign: when the aggregator (or the
    /// band) calls an actor positive and none of its sentences is labelled positive, or negative and none is
    /// labelled negative, or when its sentences clearly lean the other way (`against`: "positive" with 16
    /// negative sentences and one positive, a mean of −0.44), the label becomes the most probable of those its
    /// sentences support (neutral always is; the band's choice is then neutral), with the aggregator's
    /// probabilities renormalised over them. The label is shown with the sentences that show it: an actor with one
    /// negative and four neutral sentences is not called positive on the article's tone alone, nor one whose
    /// sentences condemn it for being mentioned often.
    func supportLabel(_ result: inout ActorResult) {
        guard let l = labels.firstIndex(of: result.label), l != neutral else { return }
        let other = l == positive ? negative : positive
        let lean = l == positive ? -result.score : result.score
        let outweighed = result.sentences >= Self.against.sentences && lean >= Self.against.mean
            && result.distribution[other] >= 2 * max(result.distribution[l], 1)
        guard result.distribution[l] == 0 || outweighed else { return }
        let supported = labels.indices.map { $0 == neutral || ($0 != l && result.distribution[$0] > 0) }
        guard var p = result.probabilities else { result.label = labels[neutral]; return }
        for k in p.indices where !supported[k] { p[k] = 0 }
        let total = p.reduce(0, +)
        guard total > 0 else { result.label = labels[neutral]; return }
        p = p.map { $0 / total }
        result.probabilities = p
        result.label = labels[Head.argmax(p)]
    }

    /// The evidence `shown`: every scored sentence in the text's order, or the `k` sentences that show `label`
    /// best, strongest first (earlier first among equals): for negative and positive the sentences most of that
    /// sign (P(label) − P(opposite)), for neutral the most neutral ones.
    func evidence(_ scored: [ActorEvidence], label: Int) -> [ActorEvidence] {
        let k: Int
        switch shown {
        case .all: return scored
        case .strongest(let n): k = max(0, min(n, scored.count))
        }
        func strength(_ e: ActorEvidence) -> Float {
            label == positive ? e.scores[positive] - e.scores[negative]
                : label == negative ? e.scores[negative] - e.scores[positive] : e.scores[neutral]
        }
        // The strongest sentences by insertion into a short list (an actor has dozens of sentences and shows
        // three; sorting them all copied each one's strings and arrays per comparison).
        let strengths = scored.map(strength)
        var top: [Int] = []
        top.reserveCapacity(k + 1)
        for i in strengths.indices where k > 0 {
            guard top.count < k || strengths[i] > strengths[top[top.count - 1]] else { continue }
            var at = top.count
            while at > 0 && strengths[i] > strengths[top[at - 1]] { at -= 1 }
            top.insert(i, at: at)
            if top.count > k { top.removeLast() }
        }
        return top.map { scored[$0] }
    }

    /// The `top` aggregator features that pushed label `l` most, strongest first (the earlier feature among
    /// equals): for feature j, its standardised value z_j = (x_j − mean_j) / scale_j times w_{l,j} − mean_k w_{k,j},
    /// the weight of label l relative to the mean over the labels (a softmax ignores what all labels share), as
    /// `SlantModel.explain` does for a head's features. The bias is not a feature and is not listed. The label
    /// may come from a rule rather than the aggregator's argmax (`supportLabel`, `consistentSign`); the
    /// contributions still say how the features weigh for or against it.
    static func explainLabel(_ f: [Float], label l: Int, weights: [[Float]], mean: [Float]?, scale: [Float]?,
                             top: Int) -> [(feature: String, value: Float, contribution: Float)] {
        guard l < weights.count, top > 0 else { return [] }
        let K = Float(weights.count)
        let all = f.indices.map { j -> (feature: String, value: Float, contribution: Float) in
            let z = (f[j] - (mean?[j] ?? 0)) / (scale?[j] ?? 1)
            let relative = weights[l][j] - weights.reduce(0) { $0 + $1[j] } / K
            return (j < ActorFeatures.names.count ? ActorFeatures.names[j] : "feature \(j)", f[j], z * relative)
        }
        return Array(f.indices.sorted { all[$0].contribution > all[$1].contribution || (all[$0].contribution == all[$1].contribution && $0 < $1) }
            .prefix(top).map { all[$0] })
    }

    /// The aggregator's features (`ActorFeatures`) of one actor.
    func features(_ a: ActorResult, _ scored: [ActorEvidence], vaderMentions: Float, vaderText: Float) -> [Float] {
        let diffs = scored.map { $0.scores[positive] - $0.scores[negative] }
        let n = Float(scored.count)
        return [a.scores[negative], a.scores[neutral], a.scores[positive], diffs.max() ?? 0, diffs.min() ?? 0,
                Float(a.distribution[negative]) / n, Float(a.distribution[positive]) / n, vaderMentions, vaderText,
                diffs.first ?? 0, log(1 + Float(a.mentions))]
    }

    /// The neutral band `(low, high)` that maximises macro-F1 of the aggregated labels over `(score, gold)`
    /// pairs (gold as an index into `labels`), on a grid of 0.02 from −0.8 to 0.8 with low ≤ 0 ≤ high; ties go to the narrower band.
    public func tuneBand(_ pairs: [(score: Float, gold: Int)]) -> (low: Float, high: Float, macroF1: Double) {
        var best: (Float, Float, Double) = (settings.low, settings.high, -1)
        let grid = stride(from: -40, through: 40, by: 1).map { Float($0) / 50 }
        // The band holds 0: a mean above a negative `high` is no positive portrayal.
        for lo in grid where lo <= 0 {
            for hi in grid where hi >= 0 {
                let predicted = pairs.map { $0.score < lo ? negative : $0.score > hi ? positive : neutral }
                let r = Metrics.singleLabel(task: "", labels: labels, gold: pairs.map { $0.gold }, predicted: predicted)
                if r.macroF1 > best.2 + 1e-12 || (abs(r.macroF1 - best.2) <= 1e-12 && hi - lo < best.1 - best.0) {
                    best = (lo, hi, r.macroF1)
                }
            }
        }
        return best
    }
}
