import Foundation

/// Renders task reports as readable tables or as JSON.
public enum ReportWriter {
    static func pct(_ x: Double) -> String { String(format: "%.4f", x) }

    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let n = s.count
        if n >= w { return s }
        return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
    }

    /// A human-readable report of one task.
    public static func table(_ r: TaskReport) -> String {
        var s = "task \(r.task) (\(r.kind == .single ? "single-label" : "multi-label"), n = \(r.n))\n"
        func ci(_ k: String) -> String {
            var t = r.intervals[k].map { "  [95% CI \(pct($0.lowerBound)), \(pct($0.upperBound))]" } ?? ""
            if let f = r.foldStats[k] { t += "  (folds: \(pct(f.mean)) ± \(pct(f.sd)) over \(f.folds))" }
            return t
        }
        if let a = r.accuracy { s += "  \(r.kind == .single ? "accuracy" : "exact match")  \(pct(a))\(ci("accuracy"))\n" }
        s += "  macro-F1   \(pct(r.macroF1))\(ci("macro_f1"))\n"
        if let m = r.microF1 { s += "  micro-F1   \(pct(m))\(ci("micro_f1"))\n" }
        if let f = r.fncRelativeScore { s += "  FNC-1 relative score  \(pct(f))\(ci("fnc_relative_score"))\n" }
        if let f = r.fAvg { s += "  F_avg (favor, against)  \(pct(f))\(ci("f_avg"))\n" }
        if let e = r.ece { s += "  ECE (top label, 10 bins)  \(pct(e))\n" }
        if let f = r.actorsFound { s += "  actors found  \(f) of \(r.n) articles (the others count as neutral)\n" }
        if !r.bySentences.isEmpty {
            s += groupTable(r, r.bySentences, title: "by sentences that mention the actor", column: "sentences")
        }
        if !r.bySource.isEmpty { s += groupTable(r, r.bySource, title: "by source", column: "source", limit: ReportWriter.sourceRows) }
        for c in r.comparisons {
            s += "  against \(c.model) (paired bootstrap, this − other):\n"
            for (k, v) in c.metrics.sorted(by: { $0.key < $1.key }) {
                s += "    \(pad(k, 20)) \(pct(v.other)) → \(v.difference >= 0 ? "+" : "")\(pct(v.difference))  [95% CI \(pct(v.low)), \(pct(v.high))]  p = \(String(format: "%.3f", v.p))\n"
            }
        }
        let w = max(8, (r.labels.map { $0.count }.max() ?? 0) + 2)
        s += "\n  " + pad("label", w) + pad("precision", 11, right: true) + pad("recall", 9, right: true)
            + pad("F1", 9, right: true) + pad("support", 9, right: true) + "\n"
        for (i, l) in r.labels.enumerated() {
            let c = r.perClass[i]
            s += "  " + pad(l, w) + pad(pct(c.precision), 11, right: true) + pad(pct(c.recall), 9, right: true)
                + pad(pct(c.f1), 9, right: true) + pad(String(c.support), 9, right: true) + "\n"
        }
        if let m = r.confusion {
            let cw = max(6, (r.labels.map { $0.count }.max() ?? 0) + 1)
            s += "\n  confusion (rows: gold, columns: predicted)\n  " + pad("", w)
            for l in r.labels { s += pad(l, cw, right: true) }
            s += "\n"
            for (i, l) in r.labels.enumerated() {
                s += "  " + pad(l, w)
                for j in r.labels.indices { s += pad(String(m[i][j]), cw, right: true) }
                s += "\n"
            }
        }
        return s
    }

    /// The most sources the table lists (largest first); `--json` has every one.
    static let sourceRows = 40

    /// A table of groups of the task's records (`LabelGroup`): each label's share of the gold labels and of the
    /// predicted ones, accuracy and macro-F1; beyond `limit` groups, one line counts the rest.
    static func groupTable(_ r: TaskReport, _ groups: [LabelGroup], title: String, column: String, limit: Int = .max) -> String {
        let w = max(13, (r.labels.map { $0.count }.max() ?? 0) + 2)
        let cw = min(40, max(10, (groups.prefix(limit).map { $0.name.count }.max() ?? 0) + 2))
        var s = "  \(title) (each label's share: gold → predicted)\n    " + pad(column, cw) + pad("n", 6, right: true) + "  "
        for l in r.labels { s += pad(l, w) }
        s += pad("accuracy", 10, right: true) + pad("macro-F1", 10, right: true) + "\n"
        for g in groups.prefix(limit) {
            let name = g.name.count > cw - 2 ? String(g.name.prefix(cw - 3)) + "…" : g.name
            s += "    " + pad(name, cw) + pad(String(g.n), 6, right: true) + "  "
            for i in r.labels.indices {
                s += pad(String(format: "%.2f → %.2f", Double(g.gold[i]) / Double(g.n), Double(g.predicted[i]) / Double(g.n)), w)
            }
            s += pad(pct(g.accuracy), 10, right: true) + pad(pct(g.macroF1), 10, right: true) + "\n"
        }
        if groups.count > limit {
            let rest = groups.dropFirst(limit)
            s += "    … \(rest.count) more (\(rest.reduce(0) { $0 + $1.n }) records; every one in --json)\n"
        }
        return s
    }

    /// A group as JSON, its name under `key`: size, accuracy, macro-F1, and label counts gold and predicted.
    static func groupJSON(_ g: LabelGroup, key: String, labels: [String]) -> [String: Any] {
        [key: g.name, "n": g.n, "accuracy": g.accuracy, "macro_f1": g.macroF1,
         "gold": Dictionary(uniqueKeysWithValues: zip(labels, g.gold)),
         "predicted": Dictionary(uniqueKeysWithValues: zip(labels, g.predicted))]
    }

    /// The JSON object of `slant-eval --json`: `{"tasks": {"<task>": {...}}}`.
    public static func json(_ reports: [TaskReport]) -> String {
        var tasks: [String: Any] = [:]
        for r in reports {
            var o: [String: Any] = ["n": r.n, "macro_f1": r.macroF1]
            if let a = r.accuracy { o["accuracy"] = a }
            if let m = r.microF1 { o["micro_f1"] = m }
            if let f = r.fncRelativeScore { o["fnc_relative_score"] = f }
            if let f = r.fAvg { o["f_avg"] = f }
            if let e = r.ece { o["ece"] = e }
            if let f = r.actorsFound { o["actors_found"] = f }
            if !r.bySentences.isEmpty { o["by_sentences"] = r.bySentences.map { groupJSON($0, key: "sentences", labels: r.labels) } }
            if !r.bySource.isEmpty { o["by_source"] = r.bySource.map { groupJSON($0, key: "source", labels: r.labels) } }
            if !r.intervals.isEmpty { o["ci95"] = r.intervals.mapValues { [$0.lowerBound, $0.upperBound] } }
            if !r.comparisons.isEmpty {
                o["comparisons"] = Dictionary(uniqueKeysWithValues: r.comparisons.map { c in
                    (c.model, c.metrics.mapValues { ["other": $0.other, "difference": $0.difference, "ci95": [$0.low, $0.high], "p": $0.p] as [String: Any] })
                })
            }
            if !r.reliability.isEmpty {
                o["reliability"] = r.reliability.map { ["count": $0.count, "confidence": $0.confidence, "accuracy": $0.accuracy] as [String: Any] }
            }
            if !r.foldStats.isEmpty { o["folds"] = r.foldStats.mapValues { ["mean": $0.mean, "sd": $0.sd, "n": $0.folds] as [String: Any] } }
            var pc: [String: Any] = [:]
            for (i, l) in r.labels.enumerated() {
                let c = r.perClass[i]
                pc[l] = ["precision": c.precision, "recall": c.recall, "f1": c.f1, "support": c.support]
            }
            o["per_class"] = pc
            if let m = r.confusion {
                var conf: [String: Any] = [:]
                for (i, g) in r.labels.enumerated() {
                    var row: [String: Int] = [:]
                    for (j, p) in r.labels.enumerated() { row[p] = m[i][j] }
                    conf[g] = row
                }
                o["confusion"] = conf
            }
            tasks[r.task] = o
        }
        // A metric that is not a number (NaN, ±infinity) is written as null: JSON has no such numbers, and
        // `JSONSerialization` throws on them.
        guard let data = try? JSONSerialization.data(withJSONObject: ["tasks": finite(tasks)], options: [.sortedKeys]) else {
            return "{\"tasks\":{}}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `v` with every Double that is not finite replaced by null, in dictionaries and arrays at any depth.
    static func finite(_ v: Any) -> Any {
        switch v {
        case let d as Double: return d.isFinite ? d : NSNull()
        case let f as Float: return f.isFinite ? f : NSNull()
        case let o as [String: Any]: return o.mapValues(finite)
        case let a as [Any]: return a.map(finite)
        default: return v
        }
    }
}
