import Foundation

/// The corpus report as tidy tables: CSV files in a folder (`--csv DIR`) or one JSON object of arrays of rows
/// (`--json`), with the same names and columns; pandas (`read_csv`, `DataFrame(obj["portrayals"])`) and R
/// (`read.csv`, `jsonlite::fromJSON`) read them directly.
public enum ReportTables {
    /// A cell of a table.
    public enum Cell {
        case text(String), int(Int), number(Double), flag(Bool), list([String])
    }
    public typealias Table = (name: String, columns: [String], rows: [[Cell]])

    /// The tables, in order: summary, groups, periods (with `--time`), heads, actors, portrayals, evidence,
    /// differences (with `--by`).
    public static func tables(_ r: ReportResult) -> [Table] {
        let s = r.summary
        var out: [Table] = []
        var summary: [[Cell]] = [
            [.text("inputs"), .text(s.inputs.joined(separator: " "))], [.text("records"), .int(s.records)],
            [.text("malformed_lines"), .int(s.malformed)], [.text("not_read"), .int(s.notRead)], [.text("by"), .text(s.by ?? "")], [.text("time"), .text(s.time ?? "")],
            [.text("every"), .text(s.every ?? "")], [.text("missing_dates"), .int(s.missingDates)], [.text("bad_dates"), .int(s.badDates)],
            [.text("min_articles"), .int(s.minArticles)], [.text("bootstrap"), .int(s.bootstrap)],
            [.text("actors_tracked"), .int(s.actorsTracked)], [.text("tracking_floor"), .int(s.trackingFloor)],
        ]
        if s.time == nil { summary.removeAll { if case .text(let k) = $0[0] { return k.hasSuffix("_dates") || k == "every" }; return false } }
        out.append(("summary", ["key", "value"], summary))
        out.append(("groups", ["group", "articles"], r.groups.map { [.text($0.group), .int($0.articles)] }))
        if s.time != nil {
            out.append(("periods", ["group", "period", "articles"], r.periods.map { [.text($0.group), .text($0.period), .int($0.articles)] }))
        }
        out.append(("heads", ["group", "period", "head", "kind", "label", "count", "of", "share", "low", "high"], r.heads.map {
            [.text($0.group), .text($0.period), .text($0.head), .text($0.kind), .text($0.label), .int($0.count), .int($0.of), .number($0.share), .number($0.low), .number($0.high)]
        }))
        out.append(("actors", ["rank", "actor", "names", "articles", "mentions", "missed_at_most"], r.actors.map {
            [.int($0.rank), .text($0.actor), .list($0.names), .int($0.articles), .int($0.mentions), .int($0.missedAtMost)]
        }))
        out.append(("portrayals", ["actor", "group", "period", "articles", "negative", "neutral", "positive",
                                   "share_negative", "share_negative_low", "share_negative_high",
                                   "share_positive", "share_positive_low", "share_positive_high",
                                   "net", "net_low", "net_high", "mentions", "mean_score", "mean_score_low", "mean_score_high", "below_min_articles"],
                    r.portrayals.map {
            [.text($0.actor), .text($0.group), .text($0.period), .int($0.articles), .int($0.negative), .int($0.neutral), .int($0.positive),
             .number($0.shareNegative), .number($0.shareNegativeLow), .number($0.shareNegativeHigh),
             .number($0.sharePositive), .number($0.sharePositiveLow), .number($0.sharePositiveHigh),
             .number($0.net), .number($0.netLow), .number($0.netHigh), .int($0.mentions),
             .number($0.meanScore), .number($0.meanScoreLow), .number($0.meanScoreHigh), .flag($0.belowMin)]
        }))
        out.append(("evidence", ["actor", "group", "rank", "article", "label", "strength", "sentence"], r.evidence.map {
            [.text($0.actor), .text($0.group), .int($0.rank), .text($0.article), .text($0.label), .number($0.strength), .text($0.sentence)]
        }))
        if s.by != nil {
            out.append(("differences", ["actor", "group_a", "group_b", "articles_a", "articles_b", "net_a", "net_b", "difference", "low", "high", "interval_excludes_zero"],
                        r.differences.map {
                [.text($0.actor), .text($0.groupA), .text($0.groupB), .int($0.articlesA), .int($0.articlesB), .number($0.netA), .number($0.netB),
                 .number($0.difference), .number($0.low), .number($0.high), .flag($0.clear)]
            }))
        }
        return out
    }

    /// A number with up to 4 decimals, as the scores are written (`JSONWriter.appendNumber`).
    static func number(_ x: Double) -> String {
        var b: [UInt8] = []
        JSONWriter.appendNumber(x, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// One table as CSV (RFC 4180, as `slant-score --format csv`; a list is joined with `|`).
    public static func csv(_ t: Table) -> String {
        var s = t.columns.joined(separator: ",") + "\n"
        for row in t.rows {
            s += row.map { c -> String in
                switch c {
                case .text(let x): return PredictionWriter.csvField(x)
                case .int(let x): return String(x)
                case .number(let x): return number(x)
                case .flag(let x): return x ? "true" : "false"
                case .list(let x): return PredictionWriter.csvField(x.joined(separator: "|"))
                }
            }.joined(separator: ",") + "\n"
        }
        return s
    }

    /// All tables as one JSON object: `{"summary": {...}, "groups": [{...}, ...], ...}`, a row per line.
    public static func json(_ r: ReportResult) -> String {
        var out: [UInt8] = []
        func cell(_ c: Cell) {
            switch c {
            case .text(let x): JSONWriter.appendString(x, to: &out)
            case .int(let x): JSONWriter.appendInt(x, to: &out)
            case .number(let x): JSONWriter.appendNumber(x, to: &out)
            case .flag(let x): out.appendLiteral(x ? "true" : "false")
            case .list(let x):
                out.append(0x5B)
                for (i, v) in x.enumerated() { if i > 0 { out.append(0x2C) }; JSONWriter.appendString(v, to: &out) }
                out.append(0x5D)
            }
        }
        out.append(0x7B)
        for (ti, t) in tables(r).enumerated() {
            if ti > 0 { out.appendLiteral(",\n") }
            JSONWriter.appendString(t.name, to: &out)
            if t.name == "summary" {
                // Key–value rows become one object.
                out.appendLiteral(":{")
                for (i, row) in t.rows.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    cell(row[0]); out.append(0x3A); cell(row[1])
                }
                out.append(0x7D)
                continue
            }
            out.appendLiteral(":[\n")
            for (i, row) in t.rows.enumerated() {
                if i > 0 { out.appendLiteral(",\n") }
                out.append(0x7B)
                for (k, (column, value)) in zip(t.columns, row).enumerated() {
                    if k > 0 { out.append(0x2C) }
                    JSONWriter.appendString(column, to: &out); out.append(0x3A); cell(value)
                }
                out.append(0x7D)
            }
            out.append(0x5D)
        }
        out.appendLiteral("}\n")
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes every table as `DIR/NAME.csv` (each file atomically), making the folder if needed.
    public static func writeCSV(_ r: ReportResult, to dir: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw SlantError.io(path: dir, message: "--csv needs a folder, and this is a file") }
        } else {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw SlantError.io(path: dir, message: "cannot make the folder for the CSV tables: \(error.localizedDescription)")
            }
        }
        for t in tables(r) { try AtomicFile.write(Array(csv(t).utf8), to: dir + "/" + t.name + ".csv", what: "the \(t.name) table") }
    }
}
