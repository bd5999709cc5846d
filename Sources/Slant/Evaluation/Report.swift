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
        if !r.bySentences.isEmpty { s += evidenceTable(r) }
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

    /// The actor analysis by the number of sentences that mention the actor: each label's share of the gold
    /// labels and of the predicted ones, accuracy and macro-F1.
    static func evidenceTable(_ r: TaskReport) -> String {
        let w = max(13, (r.labels.map { $0.count }.max() ?? 0) + 2)
        var s = "  by sentences that mention the actor (each label's share: gold → predicted)\n    " + pad("sentences", 10)
            + pad("n", 6, right: true) + "  "
        for l in r.labels { s += pad(l, w) }
        s += pad("accuracy", 10, right: true) + pad("macro-F1", 10, right: true) + "\n"
        for g in r.bySentences {
            s += "    " + pad(g.name, 10) + pad(String(g.n), 6, right: true) + "  "
            for i in r.labels.indices {
                s += pad(String(format: "%.2f → %.2f", Double(g.gold[i]) / Double(g.n), Double(g.predicted[i]) / Double(g.n)), w)
            }
            s += pad(pct(g.accuracy), 10, right: true) + pad(pct(g.macroF1), 10, right: true) + "\n"
        }
        return s
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
            if !r.bySentences.isEmpty {
                o["by_sentences"] = r.bySentences.map { g -> [String: Any] in
                    ["sentences": g.name, "n": g.n, "accuracy": g.accuracy, "macro_f1": g.macroF1,
                     "gold": Dictionary(uniqueKeysWithValues: zip(r.labels, g.gold)),
                     "predicted": Dictionary(uniqueKeysWithValues: zip(r.labels, g.predicted))]
                }
            }
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
        let data = try! JSONSerialization.data(withJSONObject: ["tasks": tasks], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
