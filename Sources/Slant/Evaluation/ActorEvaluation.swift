import Foundation

/// Evaluates the article analysis on article–actor pairs: each record is an article (`text`) about an actor
/// (`target`) with the author's sentiment toward it as `labels.<task>` (PerSenT's format). The prediction is the
/// actor's aggregated label; a record whose actor is never mentioned gets `neutral`.
public enum ActorEvaluation {
    /// One article–actor pair's outcome.
    public struct Outcome: Sendable {
        /// The aggregate (mean P(positive) − P(negative), or mean VADER compound), nil when no mention was found.
        public var score: Float?
        public var predicted: Int
        public var gold: Int
        public var mentions: Int
        /// Sentences that mention the actor (each scored once; 0 when it was not found).
        public var sentences: Int = 0
        /// The probability given to the predicted label (the aggregator's, else the sentences' mean), nil when the
        /// actor was not found or the scorer gives none (VADER).
        public var confidence: Float? = nil
        /// The record's source (outlet), for `slant-eval --by-source`.
        public var source: String? = nil
    }

    /// How each mentioning sentence is scored.
    public enum SentenceScorer: String, CaseIterable, Sendable {
        /// The model's target-sentiment head with the mention's span (the article analysis).
        case head
        /// A baseline: the VADER lexicon stored in the head's feature set, summed per sentence with VADER's
        /// negation rule and normalised as VADER's compound score (x / √(x² + 15)); ±0.05 decide, as VADER does.
        case vader
    }

    /// The records that form pairs: a target and a gold label the head knows.
    public static func pairs(_ records: [Record], analyzer: ArticleAnalyzer) -> [Record] {
        let task = analyzer.model.tasks[analyzer.task]
        return records.filter { isPair($0, task: task) }
    }

    /// Whether a record is an article–actor pair for `task`: a target and a gold label the head knows.
    static func isPair(_ r: Record, task: TaskInfo) -> Bool {
        guard let t = r.target, !t.isEmpty, case .single(let g)? = r.labels[task.name] else { return false }
        return task.labels.contains(g)
    }

    /// Scores every pair, in parallel over `threads`; outcomes in input order.
    public static func run(_ records: [Record], analyzer: ArticleAnalyzer, scorer: SentenceScorer = .head, threads: Int = 1) -> [Outcome] {
        let task = analyzer.model.tasks[analyzer.task]
        let lexicon = Vader(valence: analyzer.model.featurizers[task.featureSet].valence)
        return Parallel.map(records.count, threads: threads, makeState: { [FeatureScratch]() }) { i, scratch -> Outcome? in
            let r = records[i]
            guard case .single(let g)? = r.labels[task.name], let gold = task.labels.firstIndex(of: g) else { return nil }
            switch scorer {
            case .head:
                let a = analyzer.analyze(r, scratch: &scratch).first
                let label = a.flatMap { task.labels.firstIndex(of: $0.label) } ?? analyzer.neutral
                let confidence = a.map { ($0.probabilities ?? $0.scores)[label] }
                return Outcome(score: a?.score, predicted: label, gold: gold, mentions: a?.mentions ?? 0,
                               sentences: a?.sentences ?? 0, confidence: confidence, source: r.source)
            case .vader:
                let (score, mentions, sentences) = vaderScore(r, lexicon: lexicon)
                let label = score.map { $0 <= -0.05 ? analyzer.negative : $0 >= 0.05 ? analyzer.positive : analyzer.neutral } ?? analyzer.neutral
                return Outcome(score: score, predicted: label, gold: gold, mentions: mentions, sentences: sentences, source: r.source)
            }
        }.compactMap { $0 }
    }

    /// A paired bootstrap comparison of two analyses' outcomes on the same pairs (`a` this model's, `b` the other's,
    /// in the same order): each headline metric's difference A − B with its 95% interval, as `slant-eval
    /// --compare` gives for the heads.
    public static func compare(_ a: [Outcome], _ b: [Outcome], model: String, analyzer: ArticleAnalyzer, reps: Int) -> Comparison {
        precondition(a.count == b.count, "outcomes of the same pairs")
        return Bootstrap.paired(n: a.count, reps: reps, model: model,
                                a: { metrics(a, $0, analyzer: analyzer) }, b: { metrics(b, $0, analyzer: analyzer) })
    }

    /// The classification metrics of the outcomes at `indices` (with repeats, for a resample), as the head's task.
    static func metrics(_ outcomes: [Outcome], _ indices: [Int], analyzer: ArticleAnalyzer) -> TaskReport {
        let task = analyzer.model.tasks[analyzer.task]
        return Metrics.singleLabel(task: task.name, labels: task.labels, gold: indices.map { outcomes[$0].gold },
                                   predicted: indices.map { outcomes[$0].predicted })
    }

    /// The report of the outcomes, as every task's (task name: the head's).
    /// - Parameter bySource: also group the outcomes by their records' source (`TaskReport.bySource`).
    public static func report(_ outcomes: [Outcome], analyzer: ArticleAnalyzer, bootstrap: Int = 0, bySource: Bool = false) -> TaskReport {
        var r = metrics(outcomes, Array(outcomes.indices), analyzer: analyzer)
        r.actorsFound = outcomes.filter { $0.mentions > 0 }.count
        r.bySentences = bySentences(outcomes, labels: r.labels.count)
        if bySource { r.bySource = Self.bySource(outcomes, labels: r.labels.count) }
        // Whether the probabilities mean what they say: the reliability diagram and calibration error of the
        // articles where the actor was found (the others have no probability).
        let rated = outcomes.filter { $0.confidence != nil }
        if !rated.isEmpty {
            let confidence = rated.map { $0.confidence! }, correct = rated.map { $0.predicted == $0.gold }
            r.reliability = Metrics.reliability(confidence: confidence, correct: correct)
            r.ece = Metrics.expectedCalibrationError(confidence: confidence, correct: correct)
        }
        r.intervals = Bootstrap.intervals(n: outcomes.count, reps: bootstrap) { metrics(outcomes, $0, analyzer: analyzer) }
        return r
    }

    /// The outcomes grouped by how many sentences mention the actor (`EvidenceGroup.bounds`: not found, 1, 2–3,
    /// 4–7, 8 or more), each with its gold and predicted label counts, accuracy and macro-F1; empty groups are
    /// left out. It shows whether the labels follow the amount of evidence as the gold ones do: with the default
    /// model an actor mentioned in many sentences is rarely called neutral, though a third of such actors are.
    public static func bySentences(_ outcomes: [Outcome], labels k: Int) -> [LabelGroup] {
        EvidenceGroup.bounds.compactMap { range in
            let members = outcomes.filter { range.contains($0.sentences) }
            guard !members.isEmpty else { return nil }
            return LabelGroup(name: EvidenceGroup.name(range), gold: members.map { $0.gold }, predicted: members.map { $0.predicted }, labels: k)
        }
    }

    /// The outcomes grouped by their records' source (`LabelGroup.grouped`; "(no source)" for a record without one, `LabelGroup.sourceKey`).
    public static func bySource(_ outcomes: [Outcome], labels k: Int) -> [LabelGroup] {
        LabelGroup.grouped(outcomes.map { LabelGroup.sourceKey($0.source) }, gold: outcomes.map { $0.gold },
                           predicted: outcomes.map { $0.predicted }, labels: k)
    }

    /// The mean VADER compound score of the sentences that mention the record's target, the mentions and the
    /// sentences.
    static func vaderScore(_ r: Record, lexicon: Vader) -> (Float?, Int, Int) {
        guard let t = r.target, let actor = Actor.fromTarget(t) else { return (nil, 0, 0) }
        let article = ArticleText(r.text)
        let mentions = MentionFinder.find([actor], in: article.writtenCase)
        let perSentence = MentionFinder.bySentence(mentions, sentences: article.sentences)
        var total: Float = 0, n = 0
        for (j, sentence) in article.sentences.enumerated() where !perSentence[j].isEmpty {
            total += lexicon.compound(String(scalars: article.scalars, sentence))
            n += 1
        }
        return (n > 0 ? total / Float(n) : nil, mentions.count, n)
    }
}

/// A small VADER: lexicon valences summed over a text's words (Slant's tokenizer, so the same normalisation as
/// the lexicon features), a word's valence times −0.74 when one of the three words before it negates (VADER's
/// rule), and
/// the sum normalised to (−1, 1) as VADER's compound score, x / √(x² + 15). No intensifiers, capitals or "but"
/// rule: a baseline and a feature, not a reimplementation.
struct Vader: Sendable {
    let valence: HashMap32<Float>
    let tokenizer = Tokenizer()
    init(_ lexicon: [String: Float]) {
        valence = Featurizer.valenceTable(lexicon)
    }

    /// A VADER over a featurizer's lexicon table (`Featurizer.valence`), shared rather than built again.
    init(valence: HashMap32<Float>) {
        self.valence = valence
    }

    /// - Complexity: O(text).
    func compound(_ text: String, buffer: inout TokenBuffer) -> Float {
        tokenizer.tokenize(text, into: &buffer)
        return compound(lookUp(buffer), tokens: 0..<buffer.hashes.count)
    }

    /// Each token's valence (0 when it has none) and whether it is a negator, looked up once for a text whose
    /// sentences are then scored with `compound(_:tokens:)`.
    struct Tokens {
        var valence: [Float] = []
        var negator: [Bool] = []
    }

    /// - Complexity: O(tokens): one filtered table look-up per token (two for a negator), through pointers.
    func lookUp(_ buffer: TokenBuffer) -> Tokens {
        let n = buffer.hashes.count
        var out = Tokens()
        out.valence.appendZeros(n)
        out.negator.appendZeros(n)
        let valence = self.valence, negators = Negation.negators
        buffer.hashes.withUnsafeBufferPointer { h in
            buffer.tokens.withUnsafeBufferPointer { toks in
                buffer.bytes.withUnsafeBufferPointer { bytes in
                    out.valence.withUnsafeMutableBufferPointer { v in
                        out.negator.withUnsafeMutableBufferPointer { neg in
                            for i in 0..<n {
                                if i + 8 < n { valence.prefetch(h[i + 8]) }
                                if let x = valence[h[i]] { v[i] = x }
                                neg[i] = Negation.isNegator(h[i], toks[i], bytes, list: negators)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The compound score of tokens `range` of a looked-up, unmarked token buffer, as if they were the whole
    /// text: a sentence of an article tokenized once scores as that sentence alone.
    /// - Complexity: O(range).
    func compound(_ t: Tokens, tokens range: Range<Int>) -> Float {
        var sum: Float = 0
        for i in range where t.valence[i] != 0 {
            var v = t.valence[i]
            // VADER's rule: a negator among the three words before flips and damps the valence.
            for k in max(range.lowerBound, i - 3)..<i where t.negator[k] { v *= -0.74; break }
            sum += v
        }
        return sum / (sum * sum + 15).squareRoot()
    }

    func compound(_ text: String) -> Float {
        var b = TokenBuffer()
        return compound(text, buffer: &b)
    }
}

/// Tunes the article analysis's aggregation on article–actor pairs: the neutral band and the learned
/// aggregator, each estimated by repeated cross-validation over the pairs; the aggregator is kept only when its
/// mean macro-F1 beats the band's by more than one standard error (the simpler rule wins a tie).
public enum ActorTuning {
    /// The outcome of tuning: the settings to store and what the cross-validation said.
    public struct Result: Sendable {
        public var settings: ActorSettings
        /// Macro-F1 over the held-out folds, mean and standard deviation over the repeats × folds.
        public var band: (mean: Double, sd: Double)
        public var aggregator: (mean: Double, sd: Double)
        public var pairs: Int
    }

    /// One pair's aggregator features, aggregate score, gold label, actor (`actorKey`) and data set (the index of
    /// its `--actor-data` file).
    public typealias Pair = (x: [Float], score: Float, gold: Int, actor: String, dataset: Int)

    /// Features and gold labels of the pairs (pairs whose actor is never mentioned are left out of fitting);
    /// `datasets[i]` is record i's data set (nil: all one).
    public static func features(_ records: [Record], datasets: [Int]? = nil, analyzer: ArticleAnalyzer, threads: Int) -> [Pair] {
        let task = analyzer.model.tasks[analyzer.task]
        return Parallel.map(records.count, threads: threads, makeState: { [FeatureScratch]() }) { i, scratch -> Pair? in
            guard case .single(let g)? = records[i].labels[task.name], let gold = task.labels.firstIndex(of: g),
                  let a = analyzer.analyze(records[i], scratch: &scratch, withFeatures: true).first else { return nil }
            return (a.features, a.score, gold, actorKey(records[i].target ?? a.name), datasets?[i] ?? 0)
        }.compactMap { $0 }
    }

    /// The aggregator fitted on pairs from several data sets, each with its own label mix: every data set weighs
    /// the same and, within it, every label the same; each data set has its own intercepts (one indicator
    /// feature per data set), and the returned fit keeps their mean, so that it carries what the data sets
    /// share rather than one data set's mix of labels (the mixture of the data sets' priors at equal weight).
    ///
    /// Maths: the loss is Σ_i w_i CE(softmax(W z_i + U e_{g(i)} + b), y_i) with w_i ∝ 1 / (G · K · n_{g(i), y_i})
    /// (G data sets, K labels, n_{g,c} the pairs of data set g labelled c) and e_g the indicator of data set g;
    /// prediction uses U ē + b with ē = (1/G, …, 1/G), folded into b. With one data set it is the balanced fit.
    /// - Parameter rowWeights: extra weights per pair (e.g. the actor balance), multiplied in.
    public static func fitPerDataset(_ data: [Pair], labels K: Int, rowWeights: [Float]? = nil) -> ActorAggregator.Fit {
        let G = (data.map { $0.dataset }.max() ?? 0) + 1
        var counts = [[Float]](repeating: [Float](repeating: 0, count: K), count: G)
        for (i, p) in data.enumerated() { counts[p.dataset][p.gold] += rowWeights?[i] ?? 1 }
        var w = data.enumerated().map { i, p in (rowWeights?[i] ?? 1) / (Float(G * K) * counts[p.dataset][p.gold]) }
        let mean = w.reduce(0, +) / Float(max(1, w.count))
        w = w.map { $0 / mean }
        let d = data.first?.x.count ?? 0
        let x = data.map { p in p.x + (0..<G).map { $0 == p.dataset ? Float(1) : 0 } }
        var fit = ActorAggregator.fit(x: x, y: data.map { $0.gold }, labels: K, rowWeights: w)
        // Fold the mean of the data sets' indicators into the bias and drop their columns.
        for k in 0..<K {
            var bias = fit.weights[k][d + G]
            for g in 0..<G { bias += fit.weights[k][d + g] * (1 / Float(G) - fit.mean[d + g]) / fit.scale[d + g] }
            fit.weights[k] = Array(fit.weights[k][0..<d]) + [bias]
        }
        fit.mean = Array(fit.mean[0..<d]); fit.scale = Array(fit.scale[0..<d])
        return fit
    }

    /// The group of a pair for `tune`'s actor balance: the last of the actor's forms (`Actor.expand`: a person's
    /// surname), lower-cased, so that "Trump", "Donald Trump" and "President Donald Trump" are one actor.
    static func actorKey(_ target: String) -> String {
        let a = Actor.fromTarget(target)
        return (a?.aliases.last ?? target).lowercased()
    }

    /// Tunes on `records` (article–actor pairs) with `repeats` × `folds` cross-validation (fold of pair i in
    /// repeat r: a seeded shuffle), then fits the chosen aggregation on all pairs.
    /// - Parameter actorBalance: α of `GroupBalance` over the pairs' actors (`actorKey`): each pair's loss in the
    ///   aggregator's fit weighs n^−α, n the pairs about the same actor, so that a data set made mostly of a few
    ///   actors (PerSenT's train split: Donald Trump in 697 of 826 pairs) does not teach their coverage as
    ///   everyone's (0: every pair the same).
    /// - Parameter datasets: each record's data set (its `--actor-data` file): with more than one, the aggregator
    ///   is fitted by `fitPerDataset` (each data set its own intercepts and the same weight; the mean kept).
    /// - Parameter omit: indices into `ActorFeatures.names` the aggregator does not read: their values are set to 0
    ///   before the fit, so that their columns are constant (mean 0, scale 1) and their weights stay exactly 0 (the
    ///   gradient of a zero column is zero from the zero start); the model keeps the same 11 slots, read by every Slant.
    public static func tune(_ records: [Record], datasets: [Int]? = nil, analyzer: ArticleAnalyzer, threads: Int, folds: Int = 5,
                            repeats: Int = 3, seed: UInt64 = 1, actorBalance: Float = 0, omit: Set<Int> = []) -> Result {
        precondition(datasets == nil || datasets!.count == records.count, "a data set per record")
        precondition(omit.allSatisfy { $0 >= 0 && $0 < ActorFeatures.count }, "features to omit are ActorFeatures indices")
        let task = analyzer.model.tasks[analyzer.task]
        let keep = records.indices.filter { ActorEvaluation.isPair(records[$0], task: task) }
        var data = features(keep.map { records[$0] }, datasets: datasets.map { d in keep.map { d[$0] } }, analyzer: analyzer, threads: threads)
        if !omit.isEmpty {
            for i in data.indices { for j in omit { data[i].x[j] = 0 } }
        }
        let perDataset = Set(data.map { $0.dataset }).count > 1
        func weights(_ idx: [Int]) -> [Float]? {
            actorBalance > 0 ? GroupBalance.weights(groups: idx.map { data[$0].actor }, alpha: actorBalance) : nil
        }
        func fit(_ idx: [Int]) -> ActorAggregator.Fit {
            perDataset ? fitPerDataset(idx.map { data[$0] }, labels: analyzer.labels.count, rowWeights: weights(idx))
                : ActorAggregator.fit(x: idx.map { data[$0].x }, y: idx.map { data[$0].gold }, labels: analyzer.labels.count, rowWeights: weights(idx))
        }
        var bandScores: [Double] = [], aggScores: [Double] = []
        var rng = SplitMix64(seed: seed)
        for _ in 0..<repeats {
            var order = Array(data.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            for f in 0..<folds {
                let test = order.enumerated().filter { $0.offset % folds == f }.map { $0.element }
                let train = order.enumerated().filter { $0.offset % folds != f }.map { $0.element }
                guard !test.isEmpty, !train.isEmpty else { continue }
                let band = analyzer.tuneBand(train.map { (data[$0].score, data[$0].gold) })
                let bandPred = test.map { data[$0].score < band.low ? analyzer.negative : data[$0].score > band.high ? analyzer.positive : analyzer.neutral }
                bandScores.append(Metrics.singleLabel(task: "", labels: analyzer.labels, gold: test.map { data[$0].gold }, predicted: bandPred).macroF1)
                let fit = fit(train)
                let aggPred = test.map { ActorAggregator.decide(data[$0].x, weights: fit.weights, mean: fit.mean, scale: fit.scale) }
                aggScores.append(Metrics.singleLabel(task: "", labels: analyzer.labels, gold: test.map { data[$0].gold }, predicted: aggPred).macroF1)
            }
        }
        func stats(_ v: [Double]) -> (mean: Double, sd: Double) {
            guard !v.isEmpty else { return (0, 0) }
            let m = v.reduce(0, +) / Double(v.count)
            let sd = v.count > 1 ? (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot() : 0
            return (m, sd)
        }
        let b = stats(bandScores), a = stats(aggScores)
        var settings = analyzer.settings
        let band = analyzer.tuneBand(data.map { ($0.score, $0.gold) })
        settings.low = band.low; settings.high = band.high
        let se = b.sd / Double(max(1, bandScores.count)).squareRoot()
        if a.mean > b.mean + se {
            let fit = fit(Array(data.indices))
            settings.weights = fit.weights; settings.featureMean = fit.mean; settings.featureScale = fit.scale
        } else {
            settings.weights = nil; settings.featureMean = nil; settings.featureScale = nil
        }
        settings.bandSource = String(format: "tuned on %d article-actor pairs; %dx%d-fold CV macro-F1: band %.4f ± %.4f, learned aggregator %.4f ± %.4f; kept the %@",
                                     data.count, repeats, folds, b.mean, b.sd, a.mean, a.sd, settings.weights == nil ? "band" : "aggregator")
            + (actorBalance > 0 ? String(format: "; pairs weighted by actor (α %g)", actorBalance) : "")
            + (perDataset ? "; \(Set(data.map { $0.dataset }).count) data sets, each its own intercepts and the same weight" : "")
            + (omit.isEmpty ? "" : "; without " + omit.sorted().map { ActorFeatures.names[$0] }.joined(separator: ", "))
        return Result(settings: settings, band: b, aggregator: a, pairs: data.count)
    }
}
