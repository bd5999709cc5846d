import Foundation

/// `--format text`: a report to read, one block per record (the default analysis of an article at a glance).
///
/// ```
/// article.txt
///   "City council approves new budget despite protests over police funding"
///   frames   Security_and_defense 0.54, Political 0.50, Legality_Constitutionality_and_jurisprudence 0.47
///   leaning  right 0.49 (center 0.30, left 0.21)
///   actors   3
///     Ellen Park   neutral (p 0.49); 1 mention in 1 sentence: 1 positive; mean P(positive) − P(negative) +0.726
///       positive  "Mayor Ellen Park praised the vote, saying the budget ..."
/// ```
///
/// The record's title, when it has one, is quoted under its id. Only the heads that answered for the record
/// appear (what was left out, and why, is said on stderr); a single-label head gives its label and probability,
/// then the other labels' probabilities; a multi-label head its chosen labels, most probable first.
/// Explanations (`--explain`) follow each head and each evidence sentence. A blank line ends each record. The
/// layout is for people: parse JSONL or CSV instead.
extension PredictionWriter {
    /// Appends one record's block (ending with a blank line) to `out`.
    func appendText(_ r: ScoredRecord, to out: inout [UInt8]) {
        // One line per item: an id, title or quote with line breaks would run into the layout.
        func oneLine(_ x: String) -> String { x.split(whereSeparator: \.isNewline).joined(separator: " ") }
        func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
        var s = oneLine(r.id) + "\n"
        if let t = r.title, !t.isEmpty { s += "  \"" + oneLine(t) + "\"\n" }
        // The kept input fields, one line: "  source: Reuters · date: 2020-01-02".
        if !keep.isEmpty {
            s += "  " + keep.indices.map { k in keep[k] + ": " + oneLine(JSONWriter.plain(kept(r, k))) }.joined(separator: " · ") + "\n"
        }
        if let m = r.markup {
            s += "  not read: " + Markup.describe(m) + "\n"
        } else if let n = r.notRead {
            s += "  not read: " + KnownWords.describe(known: n.known, needs: n.needs) + "\n"
        }
        let width = max(6, r.predictions.map { $0.task.count }.max() ?? 0, r.actors == nil ? 0 : "actors".count)
        func pad(_ name: String) -> String { name + spaces(width - name.count) }
        func p2(_ x: Float) -> String { String(format: "%.2f", x) }
        func because(_ e: [(feature: String, contribution: Float)], indent: String) {
            guard !e.isEmpty else { return }
            s += indent + "because " + e.map { "\($0.feature) \(String(format2: $0.contribution))" }.joined(separator: ", ") + "\n"
        }
        for p in r.predictions {
            guard let labels = tasks.first(where: { $0.name == p.task })?.labels else { continue }
            var line = "  " + pad(p.task) + "  "
            if p.kind == .single {
                let top = p.labels.first.flatMap { labels.firstIndex(of: $0) } ?? 0
                let rest = labels.indices.filter { $0 != top }.sorted { p.scores[$0] > p.scores[$1] }
                line += "\(labels[top]) \(p2(p.scores[top]))"
                if !rest.isEmpty { line += " (" + rest.map { "\(labels[$0]) \(p2(p.scores[$0]))" }.joined(separator: ", ") + ")" }
            } else {
                let chosen = p.labels.compactMap { labels.firstIndex(of: $0) }.sorted { p.scores[$0] > p.scores[$1] }
                line += chosen.isEmpty ? "none" : chosen.map { "\(labels[$0]) \(p2(p.scores[$0]))" }.joined(separator: ", ")
            }
            s += line + "\n"
            because(p.explanation, indent: "  " + pad("") + "  ")
        }
        if let actors = r.actors, let labels = actorLabels {
            s += "  " + pad("actors") + "  " + (actors.isEmpty ? "none found" : String(actors.count)) + "\n"
            let nameWidth = (actors.map { $0.name.count } + r.notMentioned.map { $0.count }).max() ?? 0
            let labelWidth = labels.map { $0.count }.max() ?? 0
            for a in actors {
                var line = "    " + a.name + spaces(nameWidth - a.name.count) + "  " + a.label
                if let p = a.probabilities, let i = labels.firstIndex(of: a.label) { line += " (p \(p2(p[i])))" }
                line += "; \(a.mentions) mention\(a.mentions == 1 ? "" : "s") in \(a.sentences) sentence\(a.sentences == 1 ? "" : "s")"
                let counts = labels.indices.filter { a.distribution[$0] > 0 }.map { "\(a.distribution[$0]) \(labels[$0])" }
                if !counts.isEmpty { line += ": " + counts.joined(separator: ", ") }
                line += "; mean P(positive) − P(negative) \(String(format2: a.score))"
                if let st = a.stance, let i = st.labels.firstIndex(of: st.label) {
                    line += "; stance \(st.label) \(p2(st.scores[i])) over \(st.sentences) sentence\(st.sentences == 1 ? "" : "s")"
                }
                s += line + "\n"
                if !a.explanation.isEmpty {
                    s += "      because " + a.explanation.map { "\($0.feature) \(String(format2: $0.contribution)) (\(p2($0.value)))" }
                        .joined(separator: ", ") + "\n"
                }
                for e in a.evidence {
                    s += "      " + e.label + spaces(labelWidth - e.label.count) + "  \"" + PredictionWriter.clipped(oneLine(e.sentence), to: 200) + "\""
                        + (e.speaker ? " (the actor speaks: its tone is not counted)" : "") + "\n"
                    because(e.explanation, indent: "      " + spaces(labelWidth) + "  ")
                }
                for h in a.heldBy {
                    let p = h.labels.firstIndex(of: h.label).map { " " + p2(h.scores[$0]) } ?? ""
                    s += "      held by \(h.holder): \(h.label)\(p)  \"" + PredictionWriter.clipped(oneLine(h.sentence), to: 200) + "\"\n"
                }
            }
            // The actors asked for that the text never mentions.
            for name in r.notMentioned { s += "    " + name + spaces(nameWidth - name.count) + "  not mentioned in the text\n" }
        }
        out.append(contentsOf: (s + "\n").utf8)
    }
}
