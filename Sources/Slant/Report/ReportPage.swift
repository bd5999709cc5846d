import Foundation

/// The corpus report as one self-contained HTML page (`slant-report --html FILE`): no scripts, no network, every
/// chart an inline SVG. Each chart is a `<figure data-chart="…">`: `heatmap` (actors × groups, net portrayal with
/// its interval written in the cell), `leaning` and `head` (a single-label head's distribution per group),
/// `frames` (a multi-label head's prevalence per group) and `timeline` (an actor's net portrayal per period).
public enum ReportPage {
    static func esc(_ s: String) -> String { HTMLReport.esc(s) }
    static func f(_ x: Double, _ d: Int = 2) -> String {
        let s = String(format: "%.\(d)f", x)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
    static func pct(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }

    /// A diverging colour for a net portrayal in [-1, 1]: red (negative), near white (0), blue (positive).
    static func color(_ net: Double) -> String {
        let t = max(-1, min(1, net))
        let (r0, g0, b0) = (247.0, 247.0, 247.0)
        let (r1, g1, b1) = t < 0 ? (178.0, 24.0, 43.0) : (33.0, 102.0, 172.0)
        let a = abs(t)
        return String(format: "rgb(%.0f,%.0f,%.0f)", r0 + (r1 - r0) * a, g0 + (g1 - g0) * a, b0 + (b1 - b0) * a)
    }

    static let labelColors: [String: String] = ["left": "#2166ac", "center": "#8c8c8c", "right": "#b2182b",
                                                "negative": "#b2182b", "neutral": "#bdbdbd", "positive": "#2166ac"]
    static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]

    /// The page.
    public static func render(_ r: ReportResult, title: String, generated: String) -> String {
        let s = r.summary
        let grouped = s.by != nil
        let drawnGroups = Array(r.groups.prefix(ReportResult.chartGroups).map { $0.group })
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1500px;color:#222;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .note{color:#555;font-size:13px}figure{margin:12px 0;overflow-x:auto}figcaption{font-size:13px;color:#444;margin-bottom:4px}
        table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}.grey{color:#999}
        details{margin:4px 0}summary{cursor:pointer}blockquote{margin:4px 0 8px 16px;color:#333}
        svg text{font-family:system-ui,sans-serif}
        </style></head><body>
        <h1>\(esc(title))</h1>
        <p class="note">\(esc(generated)) · \(s.records) articles\(grouped ? " in \(r.groups.count) groups by <b>\(esc(s.by!))</b>" : "")\
        \(s.time != nil ? " · periods: \(esc(s.every ?? "")) of <b>\(esc(s.time!))</b> (\(s.missingDates) without a date, \(s.badDates) with a bad one: period “(no date)”)" : "")\
         · \(s.malformed) malformed line\(s.malformed == 1 ? "" : "s") left out (listed on standard error)\
        \(s.notRead > 0 ? " · \(s.notRead) the model could not read (no head answered them)" : "")</p>
        <p class="note">Net portrayal = share of the articles naming an actor that portray it positive − share that portray it negative (−1 to 1).
        Brackets are 95% bootstrap intervals over articles. Cells with fewer than \(s.minArticles) articles are grey: too few to read on their own.
        A difference between two groups counts only when its own interval (table below) excludes zero.
        The labels come from the actor analysis and share its errors; the default model's sentence head also knows famous names
        (with his name replaced by an invented one, half of Donald Trump's labels in AllSides dev change): before reading a famous actor's level as the articles',
        compare it with the same articles scored with models/name-blind.slant, whose head cannot see the name.</p>

        """

        // Heatmap.
        let top = r.actors
        var cells: [String: ReportResult.PortrayalRow] = [:]
        for p in r.portrayals where p.period.isEmpty { cells[p.actor + "\u{1}" + p.group] = p }
        let columns = grouped ? [ReportBuilder.all] + drawnGroups : drawnGroups
        h += "<h2>Who is portrayed how</h2>\n"
        if top.isEmpty {
            h += "<p>No actors: the records carry no article analysis (score them with the default model, or with --actor).</p>\n"
        }
        do {
            let cw = 96, ch = 42, left = 200, topPad = 150
            let w = left + cw * columns.count + 10, hgt = topPad + ch * max(1, top.count) + 10
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" role=\"img\" aria-label=\"net portrayal of actors by group\">\n"
            for (j, g) in columns.enumerated() {
                let x = left + j * cw + cw / 2
                svg += "<text x=\"\(x)\" y=\"\(topPad - 8)\" font-size=\"12\" transform=\"rotate(-40 \(x) \(topPad - 8))\">\(esc(String(g.prefix(32))))</text>\n"
            }
            for (i, a) in top.enumerated() {
                let y = topPad + i * ch
                svg += "<text x=\"\(left - 8)\" y=\"\(y + ch / 2 + 4)\" font-size=\"13\" text-anchor=\"end\">\(esc(String(a.actor.prefix(28))))</text>\n"
                for (j, g) in columns.enumerated() {
                    let x = left + j * cw
                    guard let c = cells[a.actor + "\u{1}" + g] else {
                        svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cw - 2)\" height=\"\(ch - 2)\" fill=\"#fff\" stroke=\"#eee\"/><text x=\"\(x + cw / 2)\" y=\"\(y + ch / 2 + 4)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#bbb\">–</text>\n"
                        continue
                    }
                    let fill = c.belowMin ? "#e6e6e6" : color(c.net)
                    let ink = c.belowMin ? "#8a8a8a" : (abs(c.net) > 0.55 ? "#fff" : "#222")
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cw - 2)\" height=\"\(ch - 2)\" fill=\"\(fill)\"\(c.belowMin ? " stroke=\"#ccc\" stroke-dasharray=\"3 2\"" : "")/>"
                    svg += "<text x=\"\(x + cw / 2)\" y=\"\(y + 16)\" font-size=\"13\" text-anchor=\"middle\" fill=\"\(ink)\">\(f(c.net)) <tspan font-size=\"10\">n=\(c.articles)</tspan></text>"
                    svg += "<text x=\"\(x + cw / 2)\" y=\"\(y + 32)\" font-size=\"10\" text-anchor=\"middle\" fill=\"\(ink)\">[\(f(c.netLow)), \(f(c.netHigh))]</text>\n"
                }
            }
            svg += "</svg>"
            h += "<figure data-chart=\"heatmap\"><figcaption>Net portrayal of the \(top.count) actors named most often\(grouped ? ", by \(esc(s.by!))" : "") (n: articles naming the actor)\(r.groups.count > drawnGroups.count ? "; the \(drawnGroups.count) largest of \(r.groups.count) groups (all are in the tables)" : "").</figcaption>\n\(svg)</figure>\n"
        }

        // Single-label heads (leaning first) and multi-label heads (frames).
        let allPeriods = r.heads.filter { $0.period.isEmpty }
        let headNames = Array(Set(allPeriods.map { $0.head + "\u{1}" + $0.kind })).sorted { a, b in
            (a.hasPrefix("leaning\u{1}") ? 0 : 1, a) < (b.hasPrefix("leaning\u{1}") ? 0 : 1, b)
        }
        let headGroups = grouped ? [ReportBuilder.all] + drawnGroups : drawnGroups
        for hk in headNames {
            let parts = hk.split(separator: "\u{1}").map(String.init)
            let head = parts[0], kind = parts[1]
            let rows = allPeriods.filter { $0.head == head && $0.kind == kind }
            // Each group's rows by label (a group's answered count is any label row's `of`).
            var cell: [String: ReportResult.HeadRow] = [:]
            for row in rows { cell[row.group + "\u{1}" + row.label] = row }
            func row(_ g: String, _ l: String) -> ReportResult.HeadRow? { cell[g + "\u{1}" + l] }
            let labels = Array(Set(rows.map { $0.label }).subtracting([ReportBuilder.noAnswer])).sorted { a, b in
                let order = ["left", "center", "right", "negative", "neutral", "positive"]
                return (order.firstIndex(of: a) ?? 99, a) < (order.firstIndex(of: b) ?? 99, b)
            }
            if kind == "single" {
                let left = 240, barW = 520, rowH = 24
                let hgt = 40 + rowH * headGroups.count
                var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + barW + 260)\" height=\"\(hgt)\" role=\"img\" aria-label=\"\(esc(head)) by group\">\n"
                var lx = left
                for (k, l) in labels.enumerated() {
                    let col = labelColors[l] ?? palette[k % palette.count]
                    svg += "<rect x=\"\(lx)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(col)\"/><text x=\"\(lx + 16)\" y=\"16\" font-size=\"12\">\(esc(l))</text>"
                    lx += 30 + 8 * l.count
                }
                svg += "\n"
                for (i, g) in headGroups.enumerated() {
                    let y = 30 + i * rowH
                    svg += "<text x=\"\(left - 8)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\">\(esc(String(g.prefix(30))))</text>"
                    var x = Double(left)
                    var none = 0
                    let answered = labels.lazy.compactMap { row(g, $0)?.of }.first ?? 0
                    let faint = answered < s.minArticles ? " fill-opacity=\"0.3\"" : ""
                    for (k, l) in labels.enumerated() {
                        guard let row = row(g, l) else { continue }
                        let wv = row.share * Double(barW)
                        let col = labelColors[l] ?? palette[k % palette.count]
                        svg += "<rect x=\"\(f(x, 1))\" y=\"\(y + 2)\" width=\"\(f(wv, 1))\" height=\"\(rowH - 6)\" fill=\"\(col)\"\(faint)/>"
                        if wv > 34 { svg += "<text x=\"\(f(x + wv / 2, 1))\" y=\"\(y + 15)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#fff\">\(pct(row.share))</text>" }
                        x += wv
                    }
                    if let nr = row(g, ReportBuilder.noAnswer) { none = nr.count }
                    svg += "<text x=\"\(left + barW + 8)\" y=\"\(y + 15)\" font-size=\"11\" fill=\"\(answered < s.minArticles ? "#999" : "#444")\">n=\(answered)\(none > 0 ? ", \(none) without an answer" : "")</text>\n"
                }
                svg += "</svg>"
                h += "<h2>\(esc(head))</h2>\n<figure data-chart=\"\(head == "leaning" ? "leaning" : "head")\" data-head=\"\(esc(head))\"><figcaption>Share of each label among the articles the \(esc(head)) head answered (intervals in heads.csv).</figcaption>\n\(svg)</figure>\n"
            } else {
                let left = 240, cw = 78, rowH = 22, topPad = 150
                let w = left + cw * labels.count + 10, hgt = topPad + rowH * headGroups.count + 10
                var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(hgt)\" role=\"img\" aria-label=\"\(esc(head)) prevalence by group\">\n"
                for (j, l) in labels.enumerated() {
                    let x = left + j * cw + 8
                    svg += "<text x=\"\(x)\" y=\"\(topPad - 8)\" font-size=\"11\" transform=\"rotate(-40 \(x) \(topPad - 8))\">\(esc(l.replacingAll("_", with: " ")))</text>\n"
                }
                for (i, g) in headGroups.enumerated() {
                    let y = topPad + i * rowH
                    svg += "<text x=\"\(left - 8)\" y=\"\(y + 14)\" font-size=\"12\" text-anchor=\"end\">\(esc(String(g.prefix(30))))</text>"
                    for (j, l) in labels.enumerated() {
                        let x = left + j * cw
                        guard let row = row(g, l) else { continue }
                        let grey = row.of < s.minArticles
                        svg += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(cw - 6)\" height=\"\(rowH - 6)\" fill=\"#f1f1f1\"/>"
                        svg += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(f(row.share * Double(cw - 6), 1))\" height=\"\(rowH - 6)\" fill=\"\(grey ? "#cfcfcf" : "#4a7fb5")\"/>"
                        svg += "<text x=\"\(x + 3)\" y=\"\(y + 14)\" font-size=\"10\" fill=\"\(grey ? "#777" : "#111")\">\(pct(row.share))</text>"
                    }
                    svg += "\n"
                }
                svg += "</svg>"
                h += "<h2>\(esc(head))</h2>\n<figure data-chart=\"\(head == "frames" ? "frames" : "multi")\" data-head=\"\(esc(head))\"><figcaption>Share of the answered articles with each label (intervals in heads.csv; grey: fewer than \(s.minArticles) articles).</figcaption>\n\(svg)</figure>\n"
            }
        }

        // Time lines.
        if s.time != nil {
            let periods = Array(Set(r.portrayals.map { $0.period }).subtracting(["", CorpusReport.noDate])).sorted()
            let lineGroups = grouped ? [ReportBuilder.all] + Array(drawnGroups.prefix(3)) : [ReportBuilder.all]
            var byPeriod: [String: ReportResult.PortrayalRow] = [:]
            for p in r.portrayals where !p.period.isEmpty { byPeriod[p.actor + "\u{1}" + p.group + "\u{1}" + p.period] = p }
            if !periods.isEmpty && !top.isEmpty { h += "<h2>Over time</h2>\n" }
            for a in top.prefix(8) where !periods.isEmpty {
                let left = 50, w = max(360, 60 * periods.count) , ht = 180, topPad = 30
                var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + w + 200)\" height=\"\(topPad + ht + 50)\" role=\"img\" aria-label=\"net portrayal of \(esc(a.actor)) over time\">\n"
                func px(_ k: Int) -> Double { Double(left) + (Double(k) + 0.5) * Double(w) / Double(periods.count) }
                func py(_ v: Double) -> Double { Double(topPad) + (1 - (v + 1) / 2) * Double(ht) }
                for v in [-1.0, 0, 1] {
                    svg += "<line x1=\"\(left)\" x2=\"\(left + w)\" y1=\"\(f(py(v), 1))\" y2=\"\(f(py(v), 1))\" stroke=\"\(v == 0 ? "#999" : "#e3e3e3")\"/><text x=\"\(left - 6)\" y=\"\(f(py(v) + 4, 1))\" font-size=\"10\" text-anchor=\"end\">\(f(v, 0))</text>"
                }
                for (k, p) in periods.enumerated() where periods.count <= 24 || k % ((periods.count + 23) / 24) == 0 {
                    svg += "<text x=\"\(f(px(k), 1))\" y=\"\(topPad + ht + 16)\" font-size=\"10\" text-anchor=\"middle\">\(esc(p))</text>"
                }
                svg += "\n"
                for (gi, g) in lineGroups.enumerated() {
                    let col = palette[gi % palette.count]
                    var path = ""
                    for (k, p) in periods.enumerated() {
                        guard let c = byPeriod[a.actor + "\u{1}" + g + "\u{1}" + p] else { continue }
                        let x = px(k) + Double(gi * 3)
                        path += (path.isEmpty ? "M" : "L") + "\(f(x, 1)) \(f(py(c.net), 1)) "
                        svg += "<line x1=\"\(f(x, 1))\" x2=\"\(f(x, 1))\" y1=\"\(f(py(c.netLow), 1))\" y2=\"\(f(py(c.netHigh), 1))\" stroke=\"\(col)\" stroke-opacity=\"0.45\"/>"
                        svg += "<circle cx=\"\(f(x, 1))\" cy=\"\(f(py(c.net), 1))\" r=\"3.5\" fill=\"\(c.belowMin ? "#fff" : col)\" stroke=\"\(c.belowMin ? "#aaa" : col)\"/>"
                    }
                    if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(col)\" stroke-width=\"1.5\"/>" }
                    svg += "<rect x=\"\(left + w + 14)\" y=\"\(topPad + gi * 18)\" width=\"10\" height=\"10\" fill=\"\(col)\"/><text x=\"\(left + w + 28)\" y=\"\(topPad + gi * 18 + 9)\" font-size=\"11\">\(esc(String(g.prefix(26))))</text>\n"
                }
                svg += "</svg>"
                h += "<figure data-chart=\"timeline\" data-actor=\"\(esc(a.actor))\"><figcaption>\(esc(a.actor)): net portrayal per \(esc(s.every ?? "period")) with 95% intervals (hollow: fewer than \(s.minArticles) articles).</figcaption>\n\(svg)</figure>\n"
            }
        }

        // Differences.
        if grouped {
            let shown = r.differences.sorted { ($0.clear ? 1 : 0, abs($0.difference)) > ($1.clear ? 1 : 0, abs($1.difference)) }.prefix(20)
            h += "<h2>Differences between groups</h2>\n"
            if shown.isEmpty {
                h += "<p class=\"note\">No actor has \(s.minArticles) articles or more in two groups.</p>\n"
            } else {
                h += "<p class=\"note\">The largest differences in net portrayal between two groups (both with \(s.minArticles) articles or more), those whose interval excludes zero first. All pairs are in differences.csv.</p>\n"
                h += "<table><tr><th>actor</th><th>group a</th><th>group b</th><th>net a</th><th>net b</th><th>a − b [95% interval]</th></tr>\n"
                for d in shown {
                    h += "<tr><td>\(esc(d.actor))</td><td>\(esc(d.groupA)) (\(d.articlesA))</td><td>\(esc(d.groupB)) (\(d.articlesB))</td><td class=\"n\">\(f(d.netA))</td><td class=\"n\">\(f(d.netB))</td><td class=\"n\(d.clear ? "" : " grey")\">\(f(d.difference)) [\(f(d.low)), \(f(d.high))]</td></tr>\n"
                }
                h += "</table>\n"
            }
        }

        // Actors and their evidence.
        if !top.isEmpty {
            h += "<h2>Actors and evidence</h2>\n<table><tr><th>#</th><th>actor</th><th>names merged</th><th>articles</th><th>mentions</th></tr>\n"
            for a in top {
                h += "<tr><td class=\"n\">\(a.rank)</td><td>\(esc(a.actor))</td><td>\(esc(a.names.prefix(8).joined(separator: ", ")))</td><td class=\"n\">\(a.articles)\(a.missedAtMost > 0 ? " (+ up to \(a.missedAtMost) uncounted)" : "")</td><td class=\"n\">\(a.mentions)</td></tr>\n"
            }
            h += "</table>\n"
            var byActor: [String: [ReportResult.EvidenceRow]] = [:]
            for e in r.evidence { byActor[e.actor, default: []].append(e) }
            for a in top {
                guard let evs = byActor[a.actor] else { continue }
                h += "<details><summary>\(esc(a.actor)): the strongest evidence per group</summary>\n"
                for g in columns {
                    let es = evs.filter { $0.group == g }
                    if es.isEmpty { continue }
                    h += "<p><b>\(esc(g))</b></p>\n"
                    for e in es { h += "<blockquote>“\(esc(e.sentence))” <span class=\"note\">— \(esc(e.article)), \(esc(e.label)) (\(f(e.strength)))</span></blockquote>\n" }
                }
                h += "</details>\n"
            }
        }

        // Groups.
        h += "<h2>Groups</h2>\n<table><tr><th>group</th><th>articles</th></tr>\n"
        for g in r.groups { h += "<tr><td>\(esc(g.group))</td><td class=\"n\(g.articles < s.minArticles ? " grey" : "")\">\(g.articles)</td></tr>\n" }
        h += "</table>\n"
        if s.trackingFloor > 0 {
            h += "<p class=\"note\">Memory was bounded: actors named in at most \(s.trackingFloor) articles were dropped from tracking when the table was full; an actor's count may miss up to the number shown beside it.</p>\n"
        }
        h += "</body></html>\n"
        return h
    }
}
