/// Short views of an article for the heads trained on short texts.
///
/// A head trained on headlines, tweets or sentences (`HeadScope.granularity`) is left out for article-length
/// texts unless it is named with `--task`. When it is named, it does not read the whole article (which it never
/// saw in training, and whose character n-grams cost far more than the head is worth) but short views of it:
///
/// - a `headline` head reads the record's title, or the text's first sentence when there is no title;
/// - a `sentence` or `tweet` head with a target reads the sentences that mention the target (the target's
///   name and, for a person's name, its surname), with the mentions marked as spans: at most `limit` of them,
///   spread evenly over the article when there are more. When no sentence mentions the target, the head says
///   nothing for the record (and the left-out summary says why);
/// - a `sentence` or `tweet` head without a target reads the title and the first sentences, `limit` views in all.
///
/// The head's probabilities are the mean over the views; its labels are decided from that mean as for one text.
public enum ShortViews {
    /// At most this many views per record and head.
    public static let limit = 8

    /// Why a head found no view, for the left-out summary.
    public static let noMention = "was trained on short texts and no sentence of the article mentions the target"

    /// The views of `r` for a head of granularity `g` (not `.article`); empty when there is none.
    public static func views(_ r: Record, granularity g: HeadScope.Granularity) -> [Record] {
        views(r, granularity: g) { ArticleText(r.text) }
    }

    /// `views(_:granularity:)` with the article's split given by the caller.
    /// - Complexity: O(text) to split sentences and find mentions.
    /// - Parameter split: `ArticleText(r.text)`, made on first use (a headline view with a title needs none).
    /// - Parameter targetMentions: the target actor's mentions in the split, when the caller found them already.
    public static func views(_ r: Record, granularity g: HeadScope.Granularity, split: () -> ArticleText,
                             targetMentions: [Mention]? = nil) -> [Record] {
        if g == .headline, let t = r.title, !t.isEmpty {
            return [Record(id: r.id, text: t, target: r.target, file: r.file, line: r.line, claim: r.claim)]
        }
        let article = split()
        let sentences = article.sentences
        func view(_ range: Range<Int>, spans: [Span] = []) -> Record {
            Record(id: r.id, text: article.string(range), target: r.target, spans: spans, file: r.file, line: r.line,
                   claim: r.claim)
        }
        if g == .headline { return sentences.first.map { [view($0)] } ?? [] }
        guard let target = r.target, !target.isEmpty, let actor = Actor.fromTarget(target) else {
            var out: [Record] = []
            if let t = r.title, !t.isEmpty { out.append(Record(id: r.id, text: t, file: r.file, line: r.line, claim: r.claim)) }
            for sentence in sentences where out.count < limit { out.append(view(sentence)) }
            return out
        }
        let perSentence = MentionFinder.bySentence(targetMentions ?? MentionFinder.find([actor], in: article.writtenCase), sentences: sentences)
        let mentioning = perSentence.indices.filter { !perSentence[$0].isEmpty }
        let picked = MentionFinder.spread(mentioning.count, keep: limit).map { mentioning[$0] }
        return picked.map { j in view(sentences[j], spans: perSentence[j].map { $0.span }) }
    }
}

extension SlantModel {
    /// Predicts `tasks` on each of `views` and returns, per task, the decision from the mean probabilities.
    /// - Precondition: `views` is not empty.
    func predict(views: [Record], tasks: [Int], scratch: inout [FeatureScratch]) -> [TaskPrediction] {
        var sums: [[Float]] = []
        for v in views {
            let p = predict(v, tasks: tasks, scratch: &scratch)
            if sums.isEmpty { sums = p.map { $0.scores } } else {
                for i in p.indices { for k in p[i].scores.indices { sums[i][k] += p[i].scores[k] } }
            }
        }
        let n = Float(views.count)
        return tasks.enumerated().map { i, t in decide(sums[i].map { $0 / n }, task: t) }
    }
}
