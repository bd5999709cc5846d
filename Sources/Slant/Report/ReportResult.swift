/// The corpus report's tables, in long ("tidy") form: one row per observation, the same columns in CSV and JSON.
///
/// Group `(all)` is the whole corpus (and the only group without `--by`); period `""` is all periods together.
/// Every share has a 95% percentile-bootstrap interval over articles (`low`, `high`).
public struct ReportResult: Sendable {
    /// What was read and how it was grouped.
    public struct Summary: Sendable {
        /// The input paths (`-`: stdin).
        public var inputs: [String]
        /// Records read, lines left out as malformed, records without a date and with one that is not a date.
        public var records: Int, malformed: Int, missingDates: Int, badDates: Int
        /// Records whose text the model could not read (no head answered them; `slant-score`'s `"not_read"`).
        public var notRead: Int = 0
        /// The grouping field, the date field and its period (nil when not given).
        public var by: String?, time: String?, every: String?
        /// `--min-articles` and the resamples per interval.
        public var minArticles: Int, bootstrap: Int
        /// Actors tracked at the end, and the most articles an actor dropped from tracking had.
        public var actorsTracked: Int, trackingFloor: Int
    }
    /// Articles per group (these add up to `Summary.records`).
    public struct GroupRow: Sendable { public var group: String; public var articles: Int }
    /// Articles per group and period (with `--time`).
    public struct PeriodRow: Sendable { public var group: String; public var period: String; public var articles: Int }
    /// A head's label in a cell: for a single-label head (`leaning`) the share of the articles it answered with
    /// the label; for a multi-label head (`frames`) the share of the answered articles that have it. The label
    /// `(no answer)` counts the cell's articles the head left out (its share is of all the cell's articles).
    public struct HeadRow: Sendable {
        public var group: String, period: String, head: String, kind: String, label: String
        public var count: Int, of: Int, share: Double, low: Double, high: Double
    }
    /// One of the corpus's main actors: its names across articles, merged.
    public struct ActorRow: Sendable {
        public var rank: Int, actor: String, names: [String], articles: Int, mentions: Int, missedAtMost: Int
    }
    /// How the articles of a cell that name an actor portray it. `net` is share positive − share negative.
    /// `mean_score` is the mean of the articles' scores, with a normal-approximation interval.
    public struct PortrayalRow: Sendable {
        public var actor: String, group: String, period: String
        public var articles: Int, negative: Int, neutral: Int, positive: Int
        public var shareNegative: Double, shareNegativeLow: Double, shareNegativeHigh: Double
        public var sharePositive: Double, sharePositiveLow: Double, sharePositiveHigh: Double
        public var net: Double, netLow: Double, netHigh: Double
        public var mentions: Int
        public var meanScore: Double, meanScoreLow: Double, meanScoreHigh: Double
        /// Fewer articles than `--min-articles`: shown greyed, not to be read on its own.
        public var belowMin: Bool
    }
    /// One of the two strongest evidence sentences of an actor in a group.
    public struct EvidenceRow: Sendable {
        public var actor: String, group: String, rank: Int, article: String, label: String, strength: Double, sentence: String
    }
    /// The difference of an actor's net portrayal between two groups (a − b), with its 95% bootstrap interval.
    public struct DifferenceRow: Sendable {
        public var actor: String, groupA: String, groupB: String, articlesA: Int, articlesB: Int
        public var netA: Double, netB: Double, difference: Double, low: Double, high: Double
        /// The interval excludes 0.
        public var clear: Bool { low > 0 || high < 0 }
    }

    /// Groups drawn in the page's charts and compared in `differences` (the largest; the other tables have all).
    public static let chartGroups = 40

    public var summary: Summary
    public var groups: [GroupRow]
    public var periods: [PeriodRow]
    public var heads: [HeadRow]
    public var actors: [ActorRow]
    public var portrayals: [PortrayalRow]
    public var evidence: [EvidenceRow]
    public var differences: [DifferenceRow]
}

/// Makes `ReportResult` from a `CorpusReport`'s counts.
struct ReportBuilder {
    let report: CorpusReport
    let inputs: [String]

    static let all = "(all)"
    static let noAnswer = "(no answer)"

    func build() -> ReportResult {
        let o = report.options
        let s = report.snapshot
        let reps = o.bootstrap
        // Groups in order of size (then name), the whole corpus first when there are groups; each group's cells
        // (one per period) in period order, listed in one pass over the cells.
        var groupArticles = [Int](repeating: 0, count: s.groups.count)
        var groupCells = [[Int]](repeating: [], count: s.groups.count)
        for (c, cell) in s.cells.enumerated() { groupArticles[cell.group] += s.cellArticles[c]; groupCells[cell.group].append(c) }
        var periodRank = [Int](repeating: 0, count: s.periods.count)
        for (rank, p) in s.periods.indices.sorted(by: { s.periods[$0] < s.periods[$1] }).enumerated() { periodRank[p] = rank }
        for g in groupCells.indices { groupCells[g].sort { periodRank[s.cells[$0].period] < periodRank[s.cells[$1].period] } }
        let groupOrder = s.groups.indices.sorted { (groupArticles[$0], s.groups[$1]) > (groupArticles[$1], s.groups[$0]) }
        let grouped = o.by != nil
        // Views: (group name, period name, cells); period "" is every period.
        var views: [(group: String, period: String, cells: [Int])] = []
        if grouped {
            views.append((Self.all, "", Array(s.cells.indices)))
            if o.time != nil {
                var byPeriod = [[Int]](repeating: [], count: s.periods.count)
                for c in s.cells.indices { byPeriod[periodRank[s.cells[c].period]].append(c) }
                for cs in byPeriod where !cs.isEmpty { views.append((Self.all, s.periods[s.cells[cs[0]].period], cs)) }
            }
        }
        for g in groupOrder {
            views.append((s.groups[g], "", groupCells[g]))
            if o.time != nil { for c in groupCells[g] { views.append((s.groups[g], s.periods[s.cells[c].period], [c])) } }
        }

        var result = ReportResult(
            summary: .init(inputs: inputs, records: report.records, malformed: report.malformed, missingDates: report.missingDates,
                           badDates: report.badDates, notRead: report.notRead, by: o.by, time: o.time, every: o.time == nil ? nil : o.every.rawValue,
                           minArticles: o.minArticles, bootstrap: reps, actorsTracked: report.actors.entries.count, trackingFloor: report.actors.floor),
            groups: groupOrder.map { .init(group: s.groups[$0], articles: groupArticles[$0]) },
            periods: [], heads: [], actors: [], portrayals: [], evidence: [], differences: [])
        if o.time != nil {
            for g in groupOrder { for c in groupCells[g] { result.periods.append(.init(group: s.groups[g], period: s.periods[s.cells[c].period], articles: s.cellArticles[c])) } }
        }

        // Heads.
        for v in views {
            let articles = v.cells.reduce(0) { $0 + s.cellArticles[$1] }
            for (names, counts, answered, kind) in [(s.headNames, s.headCounts, s.headAnswered, "single"), (s.multiNames, s.multiCounts, s.multiAnswered, "multi")] {
                for h in names {
                    let head = report.name(h)
                    var labelCounts: [Int: Int] = [:]
                    var n = 0
                    for c in v.cells {
                        n += answered[c][h] ?? 0
                        for (l, k) in counts[c][h] ?? [:] { labelCounts[l, default: 0] += k }
                    }
                    for (l, k) in labelCounts.sorted(by: { report.name($0.key) < report.name($1.key) }) {
                        let label = report.name(l)
                        let iv = ShareBootstrap.share(k, of: n, reps: reps, seed: ShareBootstrap.seed("\(v.group)\u{1}\(v.period)\u{1}\(head)\u{1}\(label)", o.seed))
                        result.heads.append(.init(group: v.group, period: v.period, head: head, kind: kind, label: label, count: k, of: n,
                                                  share: n > 0 ? Double(k) / Double(n) : 0, low: iv.lowerBound, high: iv.upperBound))
                    }
                    let none = articles - n
                    let iv = ShareBootstrap.share(none, of: articles, reps: reps, seed: ShareBootstrap.seed("\(v.group)\u{1}\(v.period)\u{1}\(head)\u{1}", o.seed))
                    result.heads.append(.init(group: v.group, period: v.period, head: head, kind: kind, label: Self.noAnswer, count: none, of: articles,
                                              share: articles > 0 ? Double(none) / Double(articles) : 0, low: iv.lowerBound, high: iv.upperBound))
                }
            }
        }

        // Actors.
        let merged = report.actors.merged().prefix(o.actors)
        var nets: [String: [Double]] = [:]   // actor \u{1} group → net replicates (all periods)
        for (rank, e) in merged.enumerated() {
            let name = e.displayName
            let names = e.names.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { $0.key }
            var mentions = 0
            for c in e.cells.values { mentions += c.mentions }
            result.actors.append(.init(rank: rank + 1, actor: name, names: names, articles: e.articles, mentions: mentions, missedAtMost: e.missedAtMost))
            for v in views {
                var counts = PortrayalCounts()
                for c in v.cells { if let x = e.cells[c] { counts.merge(x) } }
                if counts.articles == 0 { continue }
                let boot = ShareBootstrap.portrayal(negative: counts.negative, neutral: counts.neutral, positive: counts.positive, reps: reps,
                                                    seed: ShareBootstrap.seed("\(name)\u{1}\(v.group)\u{1}\(v.period)", o.seed))
                var bn = boot.negative, bp = boot.positive, bnet = boot.net
                let n = Double(counts.articles)
                let sn = Double(counts.negative) / n, sp = Double(counts.positive) / n
                let ineg = reps > 0 ? ShareBootstrap.percentiles(&bn) : sn...sn
                let ipos = reps > 0 ? ShareBootstrap.percentiles(&bp) : sp...sp
                let inet = reps > 0 ? ShareBootstrap.percentiles(&bnet) : (sp - sn)...(sp - sn)
                if v.period.isEmpty { nets[name + "\u{1}" + v.group] = boot.net }
                let mean = counts.scoreSum / n
                let variance = max(0, counts.scoreSquares / n - mean * mean) * n / max(1, n - 1)
                let half = 1.96 * (variance / n).squareRoot()
                result.portrayals.append(.init(
                    actor: name, group: v.group, period: v.period, articles: counts.articles,
                    negative: counts.negative, neutral: counts.neutral, positive: counts.positive,
                    shareNegative: Double(counts.negative) / n, shareNegativeLow: ineg.lowerBound, shareNegativeHigh: ineg.upperBound,
                    sharePositive: Double(counts.positive) / n, sharePositiveLow: ipos.lowerBound, sharePositiveHigh: ipos.upperBound,
                    net: Double(counts.positive - counts.negative) / n, netLow: inet.lowerBound, netHigh: inet.upperBound,
                    mentions: counts.mentions, meanScore: mean, meanScoreLow: max(-1, mean - half), meanScoreHigh: min(1, mean + half),
                    belowMin: counts.articles < o.minArticles))
                if v.period.isEmpty {
                    for (k, ev) in counts.evidence.enumerated() {
                        result.evidence.append(.init(actor: name, group: v.group, rank: k + 1, article: ev.article, label: ev.label, strength: ev.strength, sentence: ev.sentence))
                    }
                }
            }
        }

        // Differences between groups (all periods), for the groups drawn, where both have enough articles.
        if grouped {
            let drawn = groupOrder.prefix(ReportResult.chartGroups).map { s.groups[$0] }
            var byKey: [String: ReportResult.PortrayalRow] = [:]
            for r in result.portrayals where r.period.isEmpty { byKey[r.actor + "\u{1}" + r.group] = r }
            for a in result.actors {
                for (x, ga) in drawn.enumerated() {
                    guard let ra = byKey[a.actor + "\u{1}" + ga], !ra.belowMin, let na = nets[a.actor + "\u{1}" + ga] else { continue }
                    for gb in drawn[(x + 1)...] {
                        guard let rb = byKey[a.actor + "\u{1}" + gb], !rb.belowMin, let nb = nets[a.actor + "\u{1}" + gb] else { continue }
                        var d = zip(na, nb).map { $0 - $1 }
                        let iv = ShareBootstrap.percentiles(&d)
                        result.differences.append(.init(actor: a.actor, groupA: ga, groupB: gb, articlesA: ra.articles, articlesB: rb.articles,
                                                        netA: ra.net, netB: rb.net, difference: ra.net - rb.net, low: iv.lowerBound, high: iv.upperBound))
                    }
                }
            }
        }
        return result
    }
}
