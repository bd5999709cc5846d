/// Output formats of `slant-score`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case jsonl, csv, table
}

/// Writes predictions as JSONL, CSV or an aligned table, one line per record.
public struct PredictionWriter {
    public let format: OutputFormat
    public let tasks: [TaskInfo]

    public init(format: OutputFormat, tasks: [TaskInfo]) { self.format = format; self.tasks = tasks }

    /// The header line (CSV and table), or nil.
    public func header() -> String? {
        switch format {
        case .jsonl: return nil
        case .csv:
            var cols = ["id"]
            for t in tasks { cols.append(t.name); for l in t.labels { cols.append("\(t.name):\(l)") } }
            return cols.map(csvField).joined(separator: ",")
        case .table:
            return (["id"] + tasks.map { $0.name }).joined(separator: "\t")
        }
    }

    func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Appends one record's line (with its newline) to `out`.
    public func append(_ r: ScoredRecord, to out: inout [UInt8]) {
        switch format {
        case .jsonl:
            out.append(contentsOf: "{\"id\":".utf8)
            JSONWriter.appendString(r.id, to: &out)
            for p in r.predictions {
                out.append(0x2C)
                JSONWriter.appendString(p.task, to: &out)
                out.append(contentsOf: ":{".utf8)
                if p.kind == .single {
                    out.append(contentsOf: "\"label\":".utf8)
                    JSONWriter.appendString(p.labels.first ?? "", to: &out)
                } else {
                    out.append(contentsOf: "\"labels\":[".utf8)
                    for (i, l) in p.labels.enumerated() {
                        if i > 0 { out.append(0x2C) }
                        JSONWriter.appendString(l, to: &out)
                    }
                    out.append(0x5D)
                }
                out.append(contentsOf: ",\"scores\":{".utf8)
                let info = tasks.first { $0.name == p.task }!
                for (i, l) in info.labels.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    JSONWriter.appendString(l, to: &out)
                    out.append(0x3A)
                    JSONWriter.appendNumber(Double(p.scores[i]), to: &out)
                }
                out.append(0x7D)
                if !p.explanation.isEmpty {
                    out.append(contentsOf: ",\"explain\":[".utf8)
                    for (i, e) in p.explanation.enumerated() {
                        if i > 0 { out.append(0x2C) }
                        out.append(contentsOf: "{\"feature\":".utf8)
                        JSONWriter.appendString(e.feature, to: &out)
                        out.append(contentsOf: ",\"contribution\":".utf8)
                        JSONWriter.appendNumber(Double(e.contribution), to: &out)
                        out.append(0x7D)
                    }
                    out.append(0x5D)
                }
                out.append(0x7D)
            }
            out.append(contentsOf: "}\n".utf8)
        case .csv:
            var cols = [csvField(r.id)]
            for p in r.predictions {
                cols.append(csvField(p.labels.joined(separator: "|")))
                for s in p.scores { var b: [UInt8] = []; JSONWriter.appendNumber(Double(s), to: &b); cols.append(String(decoding: b, as: UTF8.self)) }
            }
            out.append(contentsOf: cols.joined(separator: ",").utf8)
            out.append(0x0A)
        case .table:
            var cols = [r.id]
            for p in r.predictions {
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
            out.append(contentsOf: cols.joined(separator: "\t").utf8)
            out.append(0x0A)
        }
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
