/// Output formats of `slant-score`.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// One JSON object per line; `csv`: a header and a row per record; `table`: tab-separated columns with each
    /// actor's evidence indented under its record; `text`: a block per record to read (`TextFormat.swift`).
    case jsonl, csv, table, text
}

/// Writes predictions as JSONL, CSV, a table (one line per record) or a readable text report.
public struct PredictionWriter {
    public let format: OutputFormat
    public let tasks: [TaskInfo]
    /// The labels of the actor analysis's head, when actors can appear in the output (adds an `actors` column).
    public let actorLabels: [String]?
    /// The names of the input fields each record keeps (`ScoredRecord.kept`), written after its id.
    public let keep: [String]
    private let keepKeys: [[UInt8]]

    /// Per task, `"label":` for each of its labels, and per actor label the same: written for every record.
    private let labelKeys: [LabelKeys]
    private let actorKeys: LabelKeys

    public init(format: OutputFormat, tasks: [TaskInfo], actorLabels: [String]? = nil, keep: [String] = []) {
        self.format = format; self.tasks = tasks; self.actorLabels = actorLabels
        self.keep = keep
        keepKeys = keep.map { k in var b: [UInt8] = [0x2C]; JSONWriter.appendString(k, to: &b); b.append(0x3A); return b }
        labelKeys = tasks.map { LabelKeys($0.labels) }
        actorKeys = LabelKeys(actorLabels ?? [])
    }

    /// Record `r`'s value of kept field `k` (null when the record carries fewer).
    func kept(_ r: ScoredRecord, _ k: Int) -> JSONValue { k < r.kept.count ? r.kept[k] : .null }

    /// The header line (CSV and table), or nil.
    public func header() -> String? {
        switch format {
        case .jsonl, .text: return nil
        case .csv:
            var cols = ["id"] + keep
            for t in tasks { cols.append(t.name); for l in t.labels { cols.append("\(t.name):\(l)") } }
            if actorLabels != nil { cols.append("actors") }
            return cols.map(Self.csvField).joined(separator: ",")
        case .table:
            return (["id"] + keep + tasks.map { $0.name } + (actorLabels != nil ? ["actors"] : [])).joined(separator: "\t")
        }
    }

    /// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break.
    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Appends one record's line (with its newline; `text`: its block and a blank line) to `out`.
    public func append(_ r: ScoredRecord, to out: inout [UInt8]) {
        switch format {
        case .text:
            appendText(r, to: &out)
        case .jsonl:
            out.appendLiteral("{\"id\":")
            JSONWriter.appendString(r.id, to: &out)
            for (k, key) in keepKeys.enumerated() {
                out.append(contentsOf: key)
                JSONWriter.appendValue(kept(r, k), to: &out)
            }
            if let n = r.notRead {
                out.appendLiteral(",\"not_read\":{\"known\":")
                JSONWriter.appendNumber(Double(n.known), digits: 4, to: &out)
                out.appendLiteral(",\"needs\":")
                JSONWriter.appendNumber(Double(n.needs), digits: 4, to: &out)
                if let m = r.markup {
                    out.appendLiteral(",\"markup\":")
                    JSONWriter.appendNumber(Double(m), digits: 4, to: &out)
                }
                out.append(0x7D)
            }
            for p in r.predictions {
                out.append(0x2C)
                JSONWriter.appendString(p.task, to: &out)
                out.appendLiteral(":{")
                if p.kind == .single {
                    out.appendLiteral("\"label\":")
                    JSONWriter.appendString(p.labels.first ?? "", to: &out)
                } else {
                    out.appendLiteral("\"labels\":[")
                    for (i, l) in p.labels.enumerated() {
                        if i > 0 { out.append(0x2C) }
                        JSONWriter.appendString(l, to: &out)
                    }
                    out.append(0x5D)
                }
                out.appendLiteral(",\"scores\":")
                PredictionWriter.appendScores(p.scores, keys: labelKeys[tasks.firstIndex { $0.name == p.task }!], to: &out)
                if !p.explanation.isEmpty {
                    out.appendLiteral(",\"explain\":[")
                    for (i, e) in p.explanation.enumerated() {
                        if i > 0 { out.append(0x2C) }
                        out.appendLiteral("{\"feature\":")
                        JSONWriter.appendString(e.feature, to: &out)
                        out.appendLiteral(",\"contribution\":")
                        JSONWriter.appendNumber(Double(e.contribution), to: &out)
                        out.append(0x7D)
                    }
                    out.append(0x5D)
                }
                out.append(0x7D)
            }
            if let actors = r.actors, let labels = actorLabels { appendActors(actors, labels: labels, to: &out) }
            if !r.notMentioned.isEmpty {
                out.appendLiteral(",\"not_mentioned\":[")
                for (i, name) in r.notMentioned.enumerated() { if i > 0 { out.append(0x2C) }; JSONWriter.appendString(name, to: &out) }
                out.append(0x5D)
            }
            out.appendLiteral("}\n")
        case .csv:
            var cols = [Self.csvField(r.id)]
            for k in keep.indices { cols.append(Self.csvField(JSONWriter.plain(kept(r, k)))) }
            for t in tasks {
                // A head left out for this record leaves its cells empty.
                guard let p = r.predictions.first(where: { $0.task == t.name }) else {
                    cols.append(contentsOf: repeatElement("", count: 1 + t.labels.count)); continue
                }
                cols.append(Self.csvField(p.labels.joined(separator: "|")))
                for s in p.scores { var b: [UInt8] = []; JSONWriter.appendNumber(Double(s), to: &b); cols.append(String(decoding: b, as: UTF8.self)) }
            }
            if actorLabels != nil {
                cols.append(Self.csvField(((r.actors ?? []).map { "\($0.name): \($0.label)" + ($0.stance.map { " (stance \($0.label))" } ?? "") }
                    + r.notMentioned.map { "\($0): not mentioned" }).joined(separator: "; ")))
            }
            out.append(contentsOf: cols.joined(separator: ",").utf8)
            out.append(0x0A)
        case .table:
            var cols = [r.id]
            for k in keep.indices { cols.append(JSONWriter.plain(kept(r, k)).replacingAll("\t", with: " ").replacingAll("\n", with: " ")) }
            for t in tasks {
                guard let p = r.predictions.first(where: { $0.task == t.name }) else { cols.append("-"); continue }
                let best = p.labels.compactMap { l in tasks.first { $0.name == p.task }?.labels.firstIndex(of: l) }
                let desc = p.labels.isEmpty ? "-" : zip(p.labels, best).map { l, i in
                    var b: [UInt8] = []; JSONWriter.appendNumber(Double(p.scores[i]), digits: 2, to: &b)
                    return "\(l) (\(String(decoding: b, as: UTF8.self)))"
                }.joined(separator: ", ")
                cols.append(desc)
                if !p.explanation.isEmpty {
                    cols[cols.count - 1] += " [" + p.explanation.map { "\($0.feature) \(String(format2: $0.contribution))" }.joined(separator: "; ") + "]"
                }
            }
            if actorLabels != nil {
                let missing = r.notMentioned.map { "\($0): not mentioned" }
                cols.append((r.actors ?? []).isEmpty && missing.isEmpty ? "-" : ((r.actors ?? []).map { a in
                    // The label's own probability when a learned aggregator decided it, then the sentences' mean score.
                    let p = a.probabilities.flatMap { p in actorLabels!.firstIndex(of: a.label).map { "p \(String(format: "%.2f", p[$0])), " } } ?? ""
                    // The stance toward the actor, when a stance head was trained for it.
                    let stance = a.stance.map { st in
                        "; stance \(st.label) (\(String(format: "%.2f", st.scores[st.labels.firstIndex(of: st.label) ?? 0])) over \(st.sentences) sentence\(st.sentences == 1 ? "" : "s"))"
                    } ?? ""
                    return "\(a.name): \(a.label) (\(p)sentences \(String(format2: a.score)), \(a.mentions) mention\(a.mentions == 1 ? "" : "s")\(stance))"
                } + missing).joined(separator: "; "))
            }
            out.append(contentsOf: cols.joined(separator: "\t").utf8)
            out.append(0x0A)
            // The evidence, indented under the record's line: readable, and never mistaken for a record.
            for a in r.actors ?? [] {
                for e in a.evidence {
                    let quote = PredictionWriter.clipped(e.sentence, to: 160)
                    out.append(contentsOf: "    \(a.name) \(e.label)\(e.speaker ? " (speaker)" : ""): \"\(quote)\"\n".utf8)
                }
            }
        }
    }

    /// `s` cut to at most `limit` characters, its end replaced by "..." when cut (evidence quotes in the readable formats).
    static func clipped(_ s: String, to limit: Int) -> String {
        s.count > limit ? String(s.prefix(limit - 3)) + "..." : s
    }

    /// Labels as the `"label":` keys of a score object, made once and stored back to back (`bytes[ends[i - 1]
    /// ..< ends[i]]` is label `i`'s), so that writing them reads one array: an array of keys retained and
    /// released each key it handed out.
    struct LabelKeys {
        let bytes: [UInt8]
        let ends: [Int]
        init(_ labels: [String]) {
            var b: [UInt8] = [], e: [Int] = []
            for l in labels { b.append(contentsOf: JSONWriter.key(l)); e.append(b.count) }
            bytes = b; ends = e
        }
        var count: Int { ends.count }

        /// Writes `key,key,...` with label `i`'s value (written by `value`) after its key.
        func writePairs(_ w: inout JSONWriter.ByteWriter, _ value: (inout JSONWriter.ByteWriter, Int) -> Void) {
            bytes.withUnsafeBufferPointer { kb in
                ends.withUnsafeBufferPointer { ends in
                    var start = 0
                    for i in 0..<ends.count {
                        if i > 0 { w.byte(0x2C) }
                        w.bytes(UnsafeBufferPointer(rebasing: kb[start..<ends[i]]))
                        start = ends[i]
                        value(&w, i)
                    }
                }
            }
        }
    }

    /// `{"label":score,...}` with the labels' keys made once (`LabelKeys`), in label order.
    static func appendScores(_ v: [Float], keys: LabelKeys, to out: inout [UInt8]) {
        // Written on the stack and appended once (an append per key, number and comma was a fifth of the
        // writer's time).
        let capacity = 2 + keys.bytes.count + keys.count * (1 + JSONWriter.maxNumberBytes)
        JSONWriter.appendWritten(capacity: capacity, to: &out) { w in
            w.byte(0x7B)
            keys.writePairs(&w) { w, i in w.number(Double(v[i])) }
            w.byte(0x7D)
        }
    }

    /// `,"actors":[...]`: per actor its name, aliases, mention and sentence counts, label, score (mean
    /// P(positive) − P(negative)), mean probabilities, the learned aggregator's probabilities (`label_scores`,
    /// when the model has one), the stance (when a stance head was trained for the actor), label distribution
    /// over sentences, and evidence.
    func appendActors(_ actors: [ActorResult], labels: [String], to out: inout [UInt8]) {
        // The head's labels as `"label":` keys: the writer's own when `labels` are the actor labels it was made
        // with (always, from the scorer), else made here.
        let keys = labels == (actorLabels ?? []) ? actorKeys : LabelKeys(labels)
        func scores(_ v: [Float], _ keys: LabelKeys) { PredictionWriter.appendScores(v, keys: keys, to: &out) }
        out.appendLiteral(",\"actors\":[")
        for (ai, a) in actors.enumerated() {
            if ai > 0 { out.append(0x2C) }
            out.appendLiteral("{\"name\":"); JSONWriter.appendString(a.name, to: &out)
            out.appendLiteral(",\"aliases\":[")
            for (i, al) in a.aliases.enumerated() { if i > 0 { out.append(0x2C) }; JSONWriter.appendString(al, to: &out) }
            JSONWriter.appendWritten(capacity: 96, to: &out) { w in
                w.literal("],\"mentions\":"); w.int(a.mentions); w.literal(",\"sentences\":"); w.int(a.sentences); w.literal(",\"label\":")
            }
            JSONWriter.appendString(a.label, to: &out)
            JSONWriter.appendWritten(capacity: 80, to: &out) { w in
                w.literal(",\"score\":"); w.number(Double(a.score)); w.literal(",\"scores\":")
            }
            scores(a.scores, keys)
            if let p = a.probabilities { out.appendLiteral(",\"label_scores\":"); scores(p, keys) }
            if !a.explanation.isEmpty {
                out.appendLiteral(",\"explain\":[")
                for (i, x) in a.explanation.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    out.appendLiteral("{\"feature\":"); JSONWriter.appendString(x.feature, to: &out)
                    out.appendLiteral(",\"value\":"); JSONWriter.appendNumber(Double(x.value), to: &out)
                    out.appendLiteral(",\"contribution\":"); JSONWriter.appendNumber(Double(x.contribution), to: &out)
                    out.append(0x7D)
                }
                out.append(0x5D)
            }
            if let st = a.stance {
                out.appendLiteral(",\"stance\":{\"task\":"); JSONWriter.appendString(st.task, to: &out)
                out.appendLiteral(",\"target\":"); JSONWriter.appendString(st.target, to: &out)
                out.appendLiteral(",\"label\":"); JSONWriter.appendString(st.label, to: &out)
                out.appendLiteral(",\"scores\":"); scores(st.scores, LabelKeys(st.labels))
                out.appendLiteral(",\"sentences\":"); JSONWriter.appendInt(st.sentences, to: &out); out.append(0x7D)
            }
            if !a.heldBy.isEmpty {
                out.appendLiteral(",\"held_by\":[")
                for (i, h) in a.heldBy.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    out.appendLiteral("{\"holder\":"); JSONWriter.appendString(h.holder, to: &out)
                    out.appendLiteral(",\"label\":"); JSONWriter.appendString(h.label, to: &out)
                    out.appendLiteral(",\"scores\":"); scores(h.scores, LabelKeys(h.labels))
                    out.appendLiteral(",\"sentence\":"); JSONWriter.appendString(h.sentence, to: &out)
                    out.appendLiteral(",\"start\":"); JSONWriter.appendInt(h.range.lowerBound, to: &out)
                    out.appendLiteral(",\"end\":"); JSONWriter.appendInt(h.range.upperBound, to: &out)
                    out.append(0x7D)
                }
                out.append(0x5D)
            }
            JSONWriter.appendWritten(capacity: 32 + keys.bytes.count + 21 * keys.count, to: &out) { w in
                w.literal(",\"distribution\":{")
                keys.writePairs(&w) { w, i in w.int(a.distribution[i]) }
                w.literal("},\"evidence\":[")
            }
            a.evidence.withUnsafeBufferPointer { evidence in
                for ei in evidence.indices { appendEvidence(evidence, ei, keys: keys, comma: ei > 0, to: &out) }
            }
            out.appendLiteral("]}")
        }
        out.append(0x5D)
    }
}

extension PredictionWriter {
    /// One evidence sentence's object, read in place from the actor's list (binding it to a name copied its
    /// strings and arrays, retaining each).
    func appendEvidence(_ evidence: UnsafeBufferPointer<ActorEvidence>, _ i: Int, keys: LabelKeys, comma: Bool, to out: inout [UInt8]) {
        if comma { out.append(0x2C) }
        out.appendLiteral("{\"sentence\":"); JSONWriter.appendString(evidence[i].sentence, to: &out)
        let range = evidence[i].range
        JSONWriter.appendWritten(capacity: 80, to: &out) { w in
            w.literal(",\"start\":"); w.int(range.lowerBound); w.literal(",\"end\":"); w.int(range.upperBound); w.literal(",\"label\":")
        }
        JSONWriter.appendString(evidence[i].label, to: &out)
        out.appendLiteral(",\"scores\":"); PredictionWriter.appendScores(evidence[i].scores, keys: keys, to: &out)
        if evidence[i].speaker { out.appendLiteral(",\"speaker\":true") }
        if !evidence[i].explanation.isEmpty {
            out.appendLiteral(",\"explain\":[")
            for (k, x) in evidence[i].explanation.enumerated() {
                if k > 0 { out.append(0x2C) }
                out.appendLiteral("{\"feature\":"); JSONWriter.appendString(x.feature, to: &out)
                out.appendLiteral(",\"contribution\":"); JSONWriter.appendNumber(Double(x.contribution), to: &out)
                out.append(0x7D)
            }
            out.append(0x5D)
        }
        out.append(0x7D)
    }
}

extension String {
    init(format2 x: Float) {
        var b: [UInt8] = []
        JSONWriter.appendNumber(Double(x), digits: 3, to: &b)
        self = (x >= 0 ? "+" : "") + String(decoding: b, as: UTF8.self)
    }

    func replacingAll(_ a: String, with b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: a) { out += rest[..<r.lowerBound]; out += b; rest = rest[r.upperBound...] }
        return out + rest
    }
}
