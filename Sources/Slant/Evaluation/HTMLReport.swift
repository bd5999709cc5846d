import Foundation

/// The evaluation as one self-contained HTML page (`slant-eval --report FILE`): no network, no scripts, every
/// chart an inline SVG drawn here. Per task: the headline metrics with their 95% bootstrap intervals, a
/// confusion-matrix heatmap (single-label tasks), per-class precision / recall / F1 bars, a reliability diagram
/// with the ECE, a histogram of the predicted probabilities, for the actor analysis the label mix by the
/// sentences that mention the actor, with `--by-source` the label mix by source, and, with `--compare`, the
/// paired differences.
/// Each chart is a `<figure data-task="…" data-chart="…">` so that tests (and people) can find it.
public enum HTMLReport {
    /// The kinds of chart, in page order.
    public static let chartKinds = ["metrics", "confusion", "per-class", "reliability", "histogram", "evidence", "sources", "comparison"]

    /// The charts a report gets: confusion only for single-label tasks, evidence only for the actor analysis,
    /// sources only with `--by-source`, comparison only with `--compare`.
    public static func charts(for r: TaskReport) -> [String] {
        chartKinds.filter { k in
            switch k {
            case "confusion": return r.confusion != nil
            case "comparison": return !r.comparisons.isEmpty
            case "evidence": return !r.bySentences.isEmpty
            case "sources": return !r.bySource.isEmpty
            default: return true
            }
        }
    }

    static func esc(_ s: String) -> String {
        var o = ""
        for c in s {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(c)
            }
        }
        return o
    }

    static func f(_ x: Double, _ d: Int = 4) -> String { String(format: "%.\(d)f", x) }

    /// The page.
    /// - Parameters:
    ///   - title: the page's heading (e.g. the model and data files).
    public static func render(_ reports: [TaskReport], title: String, generated: String) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
        h1{font-size:22px} h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:36px}
        figure{display:inline-block;vertical-align:top;margin:8px 16px 16px 0} figcaption{font-size:12px;color:#555;max-width:420px}
        table{border-collapse:collapse;font-size:13px} td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right} th:first-child,td:first-child{text-align:left}
        svg text{font-size:11px;fill:#222}
        </style></head><body>
        <h1>\(esc(title))</h1>
        <p>\(esc(generated))</p>

        """
        for r in reports {
            h += "<section data-task=\"\(esc(r.task))\"><h2>\(esc(r.task)) (\(r.kind == .single ? "single-label" : "multi-label"), n = \(r.n))</h2>\n"
            for k in charts(for: r) {
                let (svg, caption) = chart(k, r)
                h += "<figure data-task=\"\(esc(r.task))\" data-chart=\"\(k)\">\(svg)<figcaption>\(caption)</figcaption></figure>\n"
            }
            h += "</section>\n"
        }
        h += "</body></html>\n"
        return h
    }

    static func chart(_ kind: String, _ r: TaskReport) -> (String, String) {
        switch kind {
        case "metrics": return metrics(r)
        case "confusion": return confusion(r)
        case "per-class": return perClass(r)
        case "reliability": return reliability(r)
        case "histogram": return histogram(r)
        case "evidence":
            return groups(r, r.bySentences, column: "sentences", caption: "By the sentences that mention the actor: the gold labels' mix (upper bar) and the predicted labels' mix (lower bar).")
        case "sources":
            let shown = Array(r.bySource.prefix(sourceRows))
            let more = r.bySource.count > shown.count ? " The \(shown.count) largest of \(r.bySource.count) sources; every one is in --json." : ""
            return groups(r, shown, column: "source", caption: "By source: the gold labels' mix (upper bar) and the predicted labels' mix (lower bar).\(more)")
        default: return comparison(r)
        }
    }

    /// Headline metrics as dots on a 0–1 axis with their bootstrap intervals, and the table of values.
    static func metrics(_ r: TaskReport) -> (String, String) {
        let m = Bootstrap.metrics(r).sorted { $0.key < $1.key }
        let w = 420, rowH = 26, left = 130, right = 20
        let hgt = 30 + rowH * m.count
        func x(_ v: Double) -> Double { Double(left) + max(0, min(1, v)) * Double(w - left - right) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            s += "<line x1=\"\(x(t))\" y1=\"10\" x2=\"\(x(t))\" y2=\"\(hgt - 18)\" stroke=\"#ddd\"/><text x=\"\(x(t))\" y=\"\(hgt - 4)\" text-anchor=\"middle\">\(f(t, 2))</text>"
        }
        var rows = ""
        for (i, (k, v)) in m.enumerated() {
            let y = 24 + i * rowH
            s += "<text x=\"4\" y=\"\(y + 4)\">\(esc(k))</text>"
            if let ci = r.intervals[k] {
                s += "<line x1=\"\(x(ci.lowerBound))\" y1=\"\(y)\" x2=\"\(x(ci.upperBound))\" y2=\"\(y)\" stroke=\"#4a7ab5\" stroke-width=\"3\"/>"
            }
            s += "<circle cx=\"\(x(v))\" cy=\"\(y)\" r=\"5\" fill=\"#1f4e8c\"/>"
            rows += "<tr><td>\(esc(k))</td><td>\(f(v))</td><td>\(r.intervals[k].map { "[\(f($0.lowerBound)), \(f($0.upperBound))]" } ?? "—")</td></tr>"
        }
        s += "</svg><table><tr><th>metric</th><th>value</th><th>95% CI</th></tr>\(rows)</table>"
        let note = r.intervals.isEmpty ? "no bootstrap intervals (use --bootstrap N)" : "dots: values; bars: 95% bootstrap intervals"
        return (s, "Headline metrics; \(note).")
    }

    /// The confusion matrix as a heatmap, each row shaded by its share of the gold class.
    static func confusion(_ r: TaskReport) -> (String, String) {
        guard let m = r.confusion else { return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>", "") }
        let k = r.labels.count, cell = max(24, min(56, 420 / max(1, k))), left = 150, top = 110
        let w = left + cell * k + 10, hgt = top + cell * k + 10
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        for (j, l) in r.labels.enumerated() {
            let cx = left + j * cell + cell / 2
            s += "<text transform=\"translate(\(cx),\(top - 6)) rotate(-55)\">\(esc(l))</text>"
        }
        for (i, l) in r.labels.enumerated() {
            let total = max(1, m[i].reduce(0, +))
            s += "<text x=\"\(left - 6)\" y=\"\(top + i * cell + cell / 2 + 4)\" text-anchor=\"end\">\(esc(l))</text>"
            for j in 0..<k {
                let share = Double(m[i][j]) / Double(total)
                let light = Int(97 - share * 62)
                s += "<rect x=\"\(left + j * cell)\" y=\"\(top + i * cell)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"hsl(214,60%,\(light)%)\"><title>gold \(esc(l)), predicted \(esc(r.labels[j])): \(m[i][j])</title></rect>"
                s += "<text x=\"\(left + j * cell + cell / 2)\" y=\"\(top + i * cell + cell / 2 + 4)\" text-anchor=\"middle\" style=\"fill:\(share > 0.5 ? "#fff" : "#222")\">\(m[i][j])</text>"
            }
        }
        s += "</svg>"
        return (s, "Confusion matrix: rows gold, columns predicted; shade = share of the gold class.")
    }

    /// Grouped bars of precision, recall and F1 per class.
    static func perClass(_ r: TaskReport) -> (String, String) {
        let k = r.labels.count, group = 48, left = 36, top = 16, plotH = 160
        let w = left + group * k + 20, hgt = top + plotH + 110
        let colors = ["#9ecae1", "#4292c6", "#08519c"]
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        for t in stride(from: 0.0, through: 1.0, by: 0.5) {
            let y = Double(top) + (1 - t) * Double(plotH)
            s += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(w - 10)\" y2=\"\(y)\" stroke=\"#ddd\"/><text x=\"\(left - 4)\" y=\"\(y + 4)\" text-anchor=\"end\">\(f(t, 1))</text>"
        }
        for (i, c) in r.perClass.enumerated() {
            for (b, v) in [c.precision, c.recall, c.f1].enumerated() {
                let bh = v * Double(plotH)
                s += "<rect x=\"\(left + i * group + 6 + b * 12)\" y=\"\(Double(top) + Double(plotH) - bh)\" width=\"11\" height=\"\(bh)\" fill=\"\(colors[b])\"><title>\(esc(r.labels[i])) \(["precision", "recall", "F1"][b]) \(f(v))</title></rect>"
            }
            s += "<text transform=\"translate(\(left + i * group + 24),\(top + plotH + 12)) rotate(50)\">\(esc(r.labels[i]))</text>"
        }
        s += "</svg>"
        return (s, "Per class: precision (light), recall (mid), F1 (dark).")
    }

    /// The most sources the chart draws (largest first).
    static let sourceRows = 20

    /// Groups of the task's records (`LabelGroup`: the actor analysis by the sentences that mention the actor, the
    /// records by source): per group, the gold labels' mix above the predicted labels' mix (stacked bars, one
    /// colour per label), and the table of sizes, accuracy and macro-F1.
    static func groups(_ r: TaskReport, _ groups: [LabelGroup], column: String, caption: String) -> (String, String) {
        let longest = groups.map { min($0.name.count, 28) }.max() ?? 4
        let left = max(48, 7 * longest + 10), top = 10, barW = 260, barH = 12, rowH = 36
        let w = left + barW + 20, hgt = top + rowH * groups.count + 28
        let colors = ["#d6604d", "#bababa", "#4393c3", "#92c5de", "#f4a582"]
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        var rows = ""
        for (g, group) in groups.enumerated() {
            let y = top + g * rowH
            let label = group.name.count > 28 ? String(group.name.prefix(27)) + "…" : group.name
            s += "<text x=\"\(left - 6)\" y=\"\(y + barH + 4)\" text-anchor=\"end\">\(esc(label))</text>"
            for (b, counts) in [group.gold, group.predicted].enumerated() {
                var x = Double(left)
                for (i, c) in counts.enumerated() where c > 0 {
                    let share = Double(c) / Double(group.n), bw = share * Double(barW)
                    s += "<rect x=\"\(x)\" y=\"\(y + b * (barH + 2))\" width=\"\(bw)\" height=\"\(barH)\" fill=\"\(colors[i % colors.count])\"><title>\(b == 0 ? "gold" : "predicted") \(esc(r.labels[i])) \(f(share, 2)) (\(c) of \(group.n))</title></rect>"
                    x += bw
                }
            }
            rows += "<tr><td>\(esc(group.name))</td><td>\(group.n)</td><td>\(f(group.accuracy))</td><td>\(f(group.macroF1))</td></tr>"
        }
        let legend = r.labels.enumerated().map { "<tspan fill=\"\(colors[$0.offset % colors.count])\">■</tspan> \(esc($0.element))" }.joined(separator: "  ")
        s += "<text x=\"\(left)\" y=\"\(hgt - 8)\">\(legend)</text></svg>"
        s += "<table><tr><th>\(column)</th><th>n</th><th>accuracy</th><th>macro-F1</th></tr>\(rows)</table>"
        return (s, caption)
    }

    /// Accuracy against mean confidence per bin, with the diagonal of perfect calibration.
    static func reliability(_ r: TaskReport) -> (String, String) {
        let size = 220, left = 36, top = 10
        let w = left + size + 20, hgt = top + size + 36
        func px(_ v: Double) -> Double { Double(left) + v * Double(size) }
        func py(_ v: Double) -> Double { Double(top) + (1 - v) * Double(size) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        s += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(size)\" height=\"\(size)\" fill=\"none\" stroke=\"#bbb\"/>"
        s += "<line x1=\"\(px(0))\" y1=\"\(py(0))\" x2=\"\(px(1))\" y2=\"\(py(1))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
        let bins = r.reliability.count
        for (b, bin) in r.reliability.enumerated() where bin.count > 0 {
            let x0 = Double(b) / Double(max(1, bins))
            s += "<rect x=\"\(px(x0) + 1)\" y=\"\(py(bin.accuracy))\" width=\"\(Double(size) / Double(max(1, bins)) - 2)\" height=\"\(Double(size) * bin.accuracy)\" fill=\"#6baed6\" opacity=\"0.75\"><title>confidence \(f(bin.confidence)), accuracy \(f(bin.accuracy)), n \(bin.count)</title></rect>"
            s += "<circle cx=\"\(px(bin.confidence))\" cy=\"\(py(bin.accuracy))\" r=\"3\" fill=\"#08306b\"/>"
        }
        s += "<text x=\"\(left + size / 2)\" y=\"\(hgt - 6)\" text-anchor=\"middle\">confidence</text>"
        s += "<text transform=\"translate(12,\(top + size / 2)) rotate(-90)\" text-anchor=\"middle\">accuracy</text></svg>"
        let ece = r.ece.map { "ECE \(f($0))" } ?? "ECE over (item, label) probabilities \(f(eceOf(r.reliability)))"
        return (s, "Reliability diagram (10 bins; dashed: perfect calibration); \(ece).")
    }

    static func eceOf(_ bins: [ReliabilityBin]) -> Double {
        let n = Double(bins.reduce(0) { $0 + $1.count })
        guard n > 0 else { return 0 }
        return bins.reduce(0) { $0 + Double($1.count) / n * abs($1.accuracy - $1.confidence) }
    }

    /// How the predicted probabilities spread (the counts of the reliability bins).
    static func histogram(_ r: TaskReport) -> (String, String) {
        let bins = r.reliability, left = 40, top = 10, plotW = 240, plotH = 140
        let w = left + plotW + 20, hgt = top + plotH + 36
        let peak = max(1, bins.map { $0.count }.max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        let bw = Double(plotW) / Double(max(1, bins.count))
        for (b, bin) in bins.enumerated() {
            let bh = Double(bin.count) / Double(peak) * Double(plotH)
            s += "<rect x=\"\(Double(left) + Double(b) * bw + 1)\" y=\"\(Double(top + plotH) - bh)\" width=\"\(bw - 2)\" height=\"\(bh)\" fill=\"#74a9cf\"><title>\(f(Double(b) / Double(bins.count), 1))–\(f(Double(b + 1) / Double(bins.count), 1)): \(bin.count)</title></rect>"
        }
        s += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#999\"/>"
        s += "<text x=\"\(left)\" y=\"\(hgt - 6)\">0</text><text x=\"\(left + plotW)\" y=\"\(hgt - 6)\" text-anchor=\"end\">1</text>"
        s += "<text x=\"\(left - 4)\" y=\"\(top + 10)\" text-anchor=\"end\">\(peak)</text></svg>"
        let what = r.kind == .single ? "the chosen label's probability" : "every label's probability"
        return (s, "Histogram of \(what).")
    }

    /// The paired differences (this − other) with their 95% intervals, per compared model and metric.
    static func comparison(_ r: TaskReport) -> (String, String) {
        let rows = r.comparisons.flatMap { c in c.metrics.sorted { $0.key < $1.key }.map { (c.model, $0.key, $0.value) } }
        let w = 460, left = 200, rowH = 24, hgt = 30 + rowH * rows.count
        let span = max(0.02, rows.map { max(abs($0.2.low), abs($0.2.high)) }.max() ?? 0.02)
        func x(_ v: Double) -> Double { Double(left) + (v / span + 1) / 2 * Double(w - left - 20) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" viewBox=\"0 0 \(w) \(hgt)\" role=\"img\">"
        s += "<line x1=\"\(x(0))\" y1=\"6\" x2=\"\(x(0))\" y2=\"\(hgt - 16)\" stroke=\"#999\"/><text x=\"\(x(0))\" y=\"\(hgt - 4)\" text-anchor=\"middle\">0</text>"
        for (i, (model, metric, v)) in rows.enumerated() {
            let y = 20 + i * rowH
            let color = v.low > 0 ? "#238b45" : v.high < 0 ? "#cb181d" : "#555"
            s += "<text x=\"4\" y=\"\(y + 4)\">\(esc(metric)) vs \(esc(String(model.suffix(18))))</text>"
            s += "<line x1=\"\(x(v.low))\" y1=\"\(y)\" x2=\"\(x(v.high))\" y2=\"\(y)\" stroke=\"\(color)\" stroke-width=\"3\"><title>\(f(v.difference)) [\(f(v.low)), \(f(v.high))], p = \(f(v.p, 3))</title></line>"
            s += "<circle cx=\"\(x(v.difference))\" cy=\"\(y)\" r=\"4\" fill=\"\(color)\"/>"
        }
        s += "</svg>"
        return (s, "Paired bootstrap differences, this model − the other, with 95% intervals (green: better, red: worse, grey: inside the noise).")
    }
}
