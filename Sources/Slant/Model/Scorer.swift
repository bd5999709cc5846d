import Synchronization
import Foundation

/// One record's predictions, with the record's id.
public struct ScoredRecord: Sendable {
    public var id: String
    /// The record's title, when it has one (the text report shows it under the id).
    public var title: String? = nil
    /// The predictions of the heads that applied to the record, in the scorer's task order.
    public var predictions: [TaskPrediction]
    /// The article analysis's actors, nil when it did not run for this record.
    public var actors: [ActorResult]? = nil
    /// The input fields kept for the output (`slant-score --keep`), in the order asked for.
    public var kept: [JSONValue] = []
    /// Set when the model could not read the text (`KnownWords`), so that no head and no actor analysis answered:
    /// the share of its words the model knows, and the share it needs.
    public var notRead: (known: Float, needs: Float)? = nil
    /// Set with `notRead` when the text was not read for being markup (`Markup`): the share of its first bytes
    /// that are tags, scripts and styles.
    public var markup: Float? = nil
    /// The actors asked for (`--actor`, or the record's `target`) that the text never mentions, by name: they have
    /// no entry in `actors`, and this says they were looked for.
    public var notMentioned: [String] = []
    public init(id: String, title: String? = nil, predictions: [TaskPrediction], actors: [ActorResult]? = nil, kept: [JSONValue] = []) {
        self.id = id; self.title = title; self.predictions = predictions; self.actors = actors; self.kept = kept
    }
}

/// When the article analysis (actors) runs.
public enum ActorMode: String, CaseIterable, Sendable {
    /// For article-length texts, and for every text when actors are named.
    case auto
    /// For every record.
    case on
    /// Never.
    case off
}

/// Which heads run on which records.
public struct ScoringPolicy: Sendable {
    /// Leave out, per record, heads whose input is missing or does not fit (`HeadScope`). Off for evaluation,
    /// where every head is scored on the records labeled for it.
    public var applyScopes = false
    /// A record without a `claim` uses its `title` as the claim (FNC-1-style data, where the title is the claim
    /// headline). Off for `slant-score` unless asked: an article's own headline is not a claim.
    public var titleAsClaim = true
    /// The article analysis.
    public var actors: ActorMode = .off
    /// Actors to look for (none: the record's target, else the detected main actors).
    public var namedActors: [Actor] = []
    /// How many of `namedActors`, from the front, were asked about one by one (`slant-score --actor`): a record
    /// lists those its text never mentions in `not_mentioned`. The others form a watch list (`--actor-file`),
    /// reported only where mentioned. Nil: all of them.
    public var askedActors: Int? = nil
    /// The actor analysis also gives the stance toward actors a target-stance head was trained for (`ActorStance`).
    public var actorStance = false
    /// The actor analysis also says how other entities of each sentence feel about each actor (`HeldSentiment`).
    public var holders = false
    /// The evidence each actor shows (nil: the model's setting, its strongest sentences).
    public var evidence: EvidenceShown? = nil
    public init() {}

    /// Every requested head on every record, titles as claims, no actors: what evaluation needs.
    public static let evaluation = ScoringPolicy()
}

/// Scores batches of records with a model, in parallel over `threads`, keeping input order.
///
/// The scorer is immutable but for a lock-protected tally of left-out heads: every call makes its own
/// per-thread scratch (`FeatureScratch`), so concurrent calls from several threads are safe; the model's
/// weights are shared read-only.
public final class Scorer: Sendable {
    public let model: SlantModel
    public let tasks: [Int]
    public let explain: Int
    public let threads: Int
    public let policy: ScoringPolicy
    /// Whether each of `tasks` was named by the caller (forced: only missing inputs leave it out).
    private let forced: Bool
    /// The article analysis, when the policy asks for it and the model can do it.
    public let analyzer: ArticleAnalyzer?
    /// `policy.namedActors`, prepared once for every record.
    let named: NamedActors?
    /// The analysis that answers for the target-sentiment head on an article (even with actors off).
    private let targetAnalyzer: ArticleAnalyzer?
    /// The index in `model` of the head `targetAnalyzer` answers for (its own index, unless the analysis comes
    /// from another model: `actorModel`).
    private let targetTask: Int?
    /// The model the actor analysis reads with, when it is not `model` (`init`'s `actorModel`).
    public let actorModel: SlantModel?
    /// The known words the model reads with (`KnownWords`): those of the feature set trained on the most texts.
    private let reader: KnownWords?
    /// "task\u{0}reason" → records left out, over every call so far.
    private let leftOut = Mutex<[String: Int]>([:])
    /// `Scratch.scoped`, summed over the workers.
    private let leftOutScoped = Mutex<[Int]>([])
    /// Scratch kept between batches, one per worker at most: buffers stay grown, and caches that outlive a
    /// record (the topic vectors of bodies that many claims share) outlive a batch too.
    private let pool = Mutex<[Scratch]>([])

    /// - Parameters:
    ///   - tasks: the heads to run (all when empty; named heads are forced, see `HeadScope`).
    ///   - actorModel: a model whose actor analysis replaces `model`'s (`slant-score --actor-model`: the default
    ///     model's heads with `models/name-blind.slant`'s actors), also where it answers for `model`'s
    ///     target-sentiment head on an article. Its head must have the labels of `model`'s head of the same name.
    /// - Throws: `SlantError.usage` for an unknown task, actors asked for with a model that cannot score them,
    ///   or holders or stances asked for with an analysis whose model has no head for them.
    public init(model: SlantModel, tasks: [String] = [], explain: Int = 0, threads: Int = 1, policy: ScoringPolicy = .evaluation,
                actorModel: SlantModel? = nil) throws {
        self.model = model
        if tasks.isEmpty { self.tasks = Array(model.tasks.indices) } else {
            self.tasks = try tasks.map { t in
                guard let i = model.taskIndex(t) else {
                    throw SlantError.usage("the model has no task \"\(t)\"; its tasks: \(model.tasks.map { $0.name }.joined(separator: ", "))")
                }
                return i
            }
        }
        self.forced = !tasks.isEmpty
        self.explain = explain
        self.threads = max(1, threads)
        self.policy = policy
        named = policy.namedActors.isEmpty ? nil : NamedActors(policy.namedActors)
        self.actorModel = actorModel.flatMap { $0 === model ? nil : $0 }
        if let other = self.actorModel {
            // Named, so it must work: a model without the analysis is refused whatever --actors says.
            let a: ArticleAnalyzer
            do { a = try ArticleAnalyzer(model: other, evidence: policy.evidence) } catch let SlantError.usage(why) {
                throw SlantError.usage("the actor model cannot analyse actors: \(why)")
            }
            let name = other.tasks[a.task].name
            if let t = model.taskIndex(name), model.tasks[t].labels != a.labels {
                throw SlantError.usage("the actor model's \(name) has the labels \(a.labels.joined(separator: ", ")), the model's has \(model.tasks[t].labels.joined(separator: ", ")): they must be the same")
            }
            analyzer = policy.actors == .off ? nil : a
            targetAnalyzer = a
            targetTask = model.taskIndex(name)
        } else {
            switch policy.actors {
            case .off: analyzer = nil
            case .on: analyzer = try ArticleAnalyzer(model: model, evidence: policy.evidence)
            case .auto: analyzer = try? ArticleAnalyzer(model: model, evidence: policy.evidence)
            }
            targetAnalyzer = analyzer ?? (try? ArticleAnalyzer(model: model, evidence: policy.evidence))
            targetTask = targetAnalyzer?.task
        }
        if let a = analyzer {
            // Asked for and not given would be lost without a word: say so at the start.
            if policy.holders && a.directedTask == nil {
                throw SlantError.usage("holders need a directed-sentiment head (one with a holder, a target and a neutral label) in the model the actor analysis reads with; its tasks: \(a.model.tasks.map { $0.name }.joined(separator: ", "))")
            }
            if policy.actorStance && a.stanceTask == nil {
                throw SlantError.usage("actor stances need a target-stance head trained for named targets in the model the actor analysis reads with; its tasks: \(a.model.tasks.map { $0.name }.joined(separator: ", "))")
            }
        }
        reader = model.readingWords
    }

    /// The feature scratch the actor analysis uses in `slot`: the model's, or its own when it reads with another
    /// model (a scratch per feature set of the model it belongs to).
    @inline(__always) private func withAnalysisScratch<T>(_ slot: inout Scratch, _ body: (inout [FeatureScratch]) -> T) -> T {
        actorModel == nil ? body(&slot.features) : body(&slot.actorFeatures)
    }

    /// One worker's scratch: featurizer buffers and its own tally of left-out heads.
    public struct Scratch: Sendable {
        var features: [FeatureScratch] = []
        /// The actor analysis's, when it reads with another model (`Scorer.actorModel`).
        var actorFeatures: [FeatureScratch] = []
        /// Left out, with a reason made for the record (the text it cannot read, a target it does not mention).
        var leftOut: [String: Int] = [:]
        /// Left out by a head's scope: counts per task and `HeadScope.NotApplicable` (task × cases + code), so
        /// that no reason string is made or hashed per record; empty until the first.
        var scoped: [Int] = []
        var anyScoped = false
        /// The current record's text, tokenized once for every feature set and the actor analysis.
        var text = TokenBuffer()
        public init() {}
    }

    /// Scores one record on the calling thread.
    public func score(_ r: Record) -> ScoredRecord {
        var s = Scratch()
        defer { merge(s) }
        return score(r, &s)
    }

    private func merge(_ s: Scratch) {
        if !s.leftOut.isEmpty { leftOut.withLock { total in for (k, v) in s.leftOut { total[k, default: 0] += v } } }
        if s.anyScoped {
            leftOutScoped.withLock { total in
                if total.isEmpty { total = [Int](repeating: 0, count: s.scoped.count) }
                for (k, v) in s.scoped.enumerated() where v != 0 { total[k] += v }
            }
        }
    }

    private func score(_ r: Record, _ slot: inout Scratch) -> ScoredRecord {
        let claim = r.claim ?? (policy.titleAsClaim ? r.title : nil)
        let article = HeadScope.isArticleLength(r.text)
        var plain: [Int] = [], withClaim: [Int] = [], short: [Int] = []
        // A text the model cannot read (too few of its words are ones it knows, `KnownWords`): every head and
        // the actor analysis are left out. The text is tokenized once for the check and the heads.
        var tokenized = false   // also: the check was made
        var notRead: (known: Float, needs: Float)? = nil
        var markup: Float? = nil
        func reasonUnread() -> String? {
            guard policy.applyScopes, let words = reader else { return nil }
            if !tokenized {
                Tokenizer().tokenize(r.text, into: &slot.text)
                tokenized = true
                // A page's source reads as words (its title, menus, attribute names): its markup decides first.
                if let v = words.verdict(r.text, tokens: slot.text) { notRead = (v.known, v.needs); markup = v.markup }
            }
            if let m = markup, let why = Markup.reasonNotRead(share: m) { return why }
            return notRead.map { KnownWords.reasonNotRead(known: $0.known, needs: $0.needs) }
        }
        for t in tasks {
            let scope = model.tasks[t].scope
            if policy.applyScopes, let scope, let why = scope.whyNotApplicable(r, claim: claim, forced: forced) {
                let cases = HeadScope.NotApplicable.allCases.count
                if slot.scoped.isEmpty { slot.scoped = [Int](repeating: 0, count: model.tasks.count * cases) }
                slot.scoped[t * cases + why.rawValue] += 1
                slot.anyScoped = true
                continue
            }
            if let reason = reasonUnread() {
                slot.leftOut[model.tasks[t].name + "\u{0}" + reason, default: 0] += 1
                continue
            }
            // A head trained on short texts, named for an article: it reads short views of it (`ShortViews`).
            if policy.applyScopes, article, let g = scope?.granularity, g != .article { short.append(t); continue }
            if scope?.needs.contains(.claim) == true { withClaim.append(t) } else { plain.append(t) }
        }
        var analyse = analyzer != nil && (policy.actors == .on || !policy.namedActors.isEmpty || article)
        // Said, not silently skipped: a short text without a target gets no actors in `auto` (a record with a
        // target has the target heads' answer instead).
        if !analyse, analyzer != nil, policy.applyScopes, policy.actors == .auto, r.target == nil {
            slot.leftOut["the actor analysis\u{0}" + Scorer.notAnArticle, default: 0] += 1
        }
        if analyse, let reason = reasonUnread() {
            slot.leftOut["the actor analysis\u{0}" + reason, default: 0] += 1
            analyse = false
        }
        // Tokenized once when more than one reader needs it (the tokenizer is the same for every feature set).
        let readers = Set((plain + withClaim).map { model.tasks[$0].featureSet }).filter { model.featurizers[$0].readsText }.count
            + (analyse ? 1 : 0) + (withClaim.isEmpty || plain.isEmpty ? 0 : 1)
        let shared = readers > 1 || tokenized
        if shared && !tokenized { Tokenizer().tokenize(r.text, into: &slot.text) }
        // With another model's analysis (`actorModel`), its head also answers for the target-sentiment head on a
        // short text, so that one model judges every actor of a run.
        var borrowed: [TaskPrediction] = []
        if let other = actorModel, let ta = targetAnalyzer, let t = targetTask, let k = plain.firstIndex(of: t) {
            plain.remove(at: k)
            borrowed = other.predict(r, tasks: [ta.task], scratch: &slot.actorFeatures, explain: explain, text: shared ? slot.text : nil)
        }
        var predictions = model.predict(r, tasks: plain, scratch: &slot.features, explain: explain, text: shared ? slot.text : nil) + borrowed
        if !withClaim.isEmpty {
            // A claim head compares the text with the claim, which its features read as the title.
            var c = r
            c.title = claim
            predictions += model.predict(c, tasks: withClaim, scratch: &slot.features, explain: explain, text: shared ? slot.text : nil)
        }
        var actors: [ActorResult]? = nil
        // The article's scalars and sentences, made once for the actor analysis and the short views.
        var split: ArticleText? = nil
        func articleText() -> ArticleText {
            if split == nil { split = ArticleText(r.text) }
            return split!
        }
        // The target actor's mentions, found once when both the analysis and a short view of the article read them.
        var targetMentions: [Mention]? = nil
        let analysesTarget = (analyse && analyzer != nil) || short.contains { $0 == targetTask }
        if analysesTarget, policy.namedActors.isEmpty, let t = r.target, let actor = Actor.fromTarget(t), short.contains(where: readsSentenceViews) {
            targetMentions = MentionFinder.find([actor], in: articleText().writtenCase)
        }
        var notMentioned: [String] = []
        if let analyzer, analyse {
            let text = shared ? slot.text : nil
            let found = withAnalysisScratch(&slot) {
                analyzer.analyze(r, named: policy.namedActors, scratch: &$0, explain: explain, text: text,
                                 split: articleText(), stance: policy.actorStance, targetMentions: targetMentions,
                                 holders: policy.holders, prepared: named)
            }
            actors = found
            // The actors asked for that the text never mentions (the analysis leaves them out).
            let asked = policy.namedActors.isEmpty ? (r.target.flatMap(Actor.fromTarget).map { [$0] } ?? [])
                : Array(policy.namedActors.prefix(policy.askedActors ?? policy.namedActors.count))
            notMentioned = asked.map { $0.name }.filter { name in !found.contains { $0.name == name } }
        }
        if !short.isEmpty {
            predictions += shortPredictions(r, short, claim: claim, actors: actors, shared: shared, split: articleText,
                                            targetMentions: targetMentions, &slot)
        }
        if !withClaim.isEmpty || !short.isEmpty || !borrowed.isEmpty {
            let order = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { (model.tasks[$1].name, $0) })
            predictions.sort { order[$0.task]! < order[$1.task]! }
        }
        if !r.removedFromText.isEmpty || !r.expandedInText.isEmpty, var a = actors {
            // Offsets in the output are those of the text as given (invisible characters and mis-decoded punctuation
            // included), not of the cleaned text the analysis read.
            func given(_ x: Range<Int>) -> Range<Int> { r.offsetInGivenText(x.lowerBound)..<r.offsetInGivenText(x.upperBound) }
            for i in a.indices {
                for e in a[i].evidence.indices { a[i].evidence[e].range = given(a[i].evidence[e].range) }
                for h in a[i].heldBy.indices { a[i].heldBy[h].range = given(a[i].heldBy[h].range) }
            }
            actors = a
        }
        var scored = ScoredRecord(id: r.id, title: r.title, predictions: predictions, actors: actors, kept: r.kept)
        scored.notRead = notRead
        scored.markup = markup
        scored.notMentioned = notMentioned
        return scored
    }

    /// Whether short head `t` reads sentence views of an article that mention its target (the target-sentiment
    /// head answers with the actor analysis instead; headline heads read the title or first sentence), as
    /// `shortPredictions` decides.
    private func readsSentenceViews(_ t: Int) -> Bool {
        t != targetTask && model.tasks[t].scope?.granularity != .headline
    }

    /// The predictions of heads trained on short texts for an article-length record, from its short views. The
    /// actor analysis's head answers with the analysis's result for the record's target (the learned aggregate
    /// of the sentences that mention it; PerSenT dev macro-F1 0.475 against 0.347 for the whole article), the
    /// same as the `actors` output when that is on, so that the two never disagree.
    /// - Parameter shared: `slot.text` holds this record's tokens.
    /// - Parameter split: the record's `ArticleText`, made on first use.
    private func shortPredictions(_ r: Record, _ short: [Int], claim: String?, actors: [ActorResult]?, shared: Bool,
                                  split: () -> ArticleText, targetMentions: [Mention]?, _ slot: inout Scratch) -> [TaskPrediction] {
        var out: [TaskPrediction] = []
        var views: [HeadScope.Granularity: [Record]] = [:]
        for t in short {
            if let ta = targetAnalyzer, t == targetTask, let target = r.target, let actor = Actor.fromTarget(target) {
                let text = shared ? slot.text : nil
                if let a = actors?.first(where: { $0.name == actor.name })
                    ?? withAnalysisScratch(&slot, { ta.analyze(r, named: [actor], scratch: &$0, text: text, split: split(), targetMentions: targetMentions).first }) {
                    // The aggregator's own probabilities, so that the label is the most probable one.
                    out.append(TaskPrediction(task: model.tasks[t].name, kind: .single, labels: [a.label], scores: a.probabilities ?? a.scores))
                } else {
                    slot.leftOut[model.tasks[t].name + "\u{0}" + ShortViews.noMention, default: 0] += 1
                }
                continue
            }
            let g: HeadScope.Granularity = model.tasks[t].scope?.granularity == .headline ? .headline : .sentence
            if views[g] == nil { views[g] = ShortViews.views(r, granularity: g, split: split, targetMentions: targetMentions) }
            var v = views[g]!
            guard !v.isEmpty else {
                slot.leftOut[model.tasks[t].name + "\u{0}" + ShortViews.noMention, default: 0] += 1
                continue
            }
            if model.tasks[t].scope?.needs.contains(.claim) == true { for i in v.indices { v[i].title = claim } }
            if model.tasks[t].scope?.needs.contains(.holder) == true { for i in v.indices { v[i].holder = r.holder } }
            out += model.predict(views: v, tasks: [t], scratch: &slot.features)
        }
        return out
    }

    /// Why `--actors auto` leaves the actor analysis out for a short text without a target.
    static let notAnArticle = "reads articles and the text is \(HeadScope.articleBytes) bytes or shorter; --actors on analyses any text, --actor NAME the actors named"

    /// The heads left out so far, one entry per head and reason: the head, why, and for how many records.
    public var leftOutHeads: [(head: String, reason: String, records: Int)] {
        var all = leftOut.withLock { $0 }
        let cases = HeadScope.NotApplicable.allCases
        for (k, v) in leftOutScoped.withLock({ $0 }).enumerated() where v != 0 {
            let task = model.tasks[k / cases.count]
            all[task.name + "\u{0}" + (task.scope?.reason(cases[k % cases.count]) ?? ""), default: 0] += v
        }
        return all.sorted { $0.key < $1.key }.map { k, v in
            let p = k.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return (p[0], p[1], v)
        }
    }

    /// The heads left out so far, one line each: the head, why, and for how many records.
    public var leftOutSummary: [String] { leftOutHeads.map(Scorer.describe) }

    /// One left-out head's line: "left out gun_frame for 3 records: it is specific to gun violence ...".
    public static func describe(_ h: (head: String, reason: String, records: Int)) -> String {
        "left out \(h.head) for \(h.records) record\(h.records == 1 ? "" : "s"): it \(h.reason)"
    }

    /// The heads left out so far in one line ("left out 5 heads where they did not apply (a, b, ...); --why
    /// says why"), nil when none was.
    public var leftOutLine: String? {
        let heads = leftOutHeads.map { $0.head }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !heads.isEmpty else { return nil }
        return "left out \(heads.count) head\(heads.count == 1 ? "" : "s") where \(heads.count == 1 ? "it" : "they") did not apply (\(heads.joined(separator: ", "))); --why says why"
    }

    /// Runs `body` over `0..<count` on the scorer's threads, each worker with its own scratch.
    private func parallel<T>(_ count: Int, _ body: (Int, inout Scratch) -> T) -> [T] {
        Parallel.map(count, threads: threads, makeState: { pool.withLock { $0.popLast() } ?? Scratch() },
                     finish: { s in pool.withLock { $0.append(s) } }) { i, s in
            let v = body(i, &s)
            // Merge this record's tally at once: a record leaves out a handful of heads at most.
            if !s.leftOut.isEmpty || s.anyScoped {
                merge(s)
                s.leftOut.removeAll(keepingCapacity: true)
                if s.anyScoped { for k in s.scoped.indices { s.scoped[k] = 0 }; s.anyScoped = false }
            }
            return v
        }
    }

    /// Parses and scores a batch of raw lines in parallel; the results are in the batch's order: a scored record,
    /// nil for a blank line, or the line's error. `reader.parse` reads only the reader's immutable state.
    public func score(lines batch: [RawRecord], reader: RecordReader) -> [Result<ScoredRecord?, SlantError>] {
        score(lines: batch, reader: reader) { $0 }
    }

    /// Parses, scores and transforms (e.g. formats as output bytes) a batch of raw lines in parallel, so that
    /// only concatenation is left to the calling thread; results in the batch's order.
    public func score<T>(lines batch: [RawRecord], reader: RecordReader,
                         then transform: (ScoredRecord) -> T) -> [Result<T?, SlantError>] {
        parallel(batch.count) { i, s -> Result<T?, SlantError> in
            do {
                guard let r = try reader.parse(batch[i].bytes, line: batch[i].line, number: batch[i].number) else { return .success(nil) }
                return .success(transform(score(r, &s)))
            } catch let e as SlantError { return .failure(e) } catch {
                return .failure(.invalidInput(file: reader.path, line: batch[i].line, message: "\(error)"))
            }
        }
    }

    /// What became of a pending record (`RecordReader.Pending`): scored and transformed, or left out and why.
    public enum PendingOutcome<T> {
        case scored(T)
        case leftOut(ArchiveLeftOut, uri: String?, record: Int)
    }

    /// Makes (`RecordReader.make`: a web page read for its article), scores and transforms a batch of pending
    /// records in parallel, so that reading pages runs on every thread; results in the batch's order. Each
    /// reader's `make` reads only its immutable state.
    public func score<T>(pending batch: [(record: RecordReader.Pending, reader: RecordReader)],
                         then transform: (ScoredRecord) -> T) -> [Result<PendingOutcome<T>, SlantError>] {
        parallel(batch.count) { i, s -> Result<PendingOutcome<T>, SlantError> in
            do {
                switch try batch[i].reader.make(batch[i].record) {
                case .record(let r): return .success(.scored(transform(score(r, &s))))
                case .leftOut(let why, let uri, let n): return .success(.leftOut(why, uri: uri, record: n))
                }
            } catch let e as SlantError { return .failure(e) } catch {
                return .failure(.invalidInput(file: batch[i].reader.path, line: 0, message: "\(error)"))
            }
        }
    }

    /// Scores a batch; the result is in the batch's order.
    public func score(batch: [Record]) -> [ScoredRecord] {
        parallel(batch.count) { i, s in score(batch[i], &s) }
    }
}
