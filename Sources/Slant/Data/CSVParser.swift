/// An RFC 4180 CSV (or TSV) parser: a header row, quoted fields with `""` escapes, commas and newlines inside
/// quotes, CRLF or LF line ends. It maps columns to record fields by name.
final class CSVParser {
    private let reader: ByteReader
    private let path: String
    private let sep: UInt8
    private var line = 1
    private let header: [String]
    private let textIndex: Int
    private let titleIndex: Int?
    private let claimIndex: Int?
    private let targetIndex: Int?
    private let holderIndex: Int?
    private let idIndex: Int?
    private let sourceIndex: Int?
    private let labelIndices: [(String, Int)]
    /// The columns of `ReaderOptions.keep`, nil for one the header lacks.
    private let keptIndices: [Int?]
    private let multiSep: String?

    init(reader: ByteReader, path: String, separator: UInt8, mapping: ColumnMapping, keep: [String] = []) throws {
        self.reader = reader; self.path = path; self.sep = separator
        self.multiSep = mapping.multiLabelSeparator
        var tmpLine = 1
        guard let h = try CSVParser.row(reader, sep: separator, path: path, line: &tmpLine) else {
            throw SlantError.invalidInput(file: path, line: 1, message: "empty file: expected a header row")
        }
        line = tmpLine
        let header = h.map { $0.trimmingCharacters() }
        self.header = header
        let known = header.map { "\"\($0)\"" }.joined(separator: ", ")
        func find(_ name: String?, required: Bool, option: String) throws -> Int? {
            guard let name else { return nil }
            if let i = header.firstIndex(of: name) { return i }
            if !required { return nil }
            throw SlantError.invalidInput(file: path, line: 1,
                message: "\(option) names column \"\(name)\", which the header does not have; columns: \(known)")
        }
        textIndex = try find(mapping.text, required: true, option: "--text-column")!
        titleIndex = try find(mapping.title ?? "title", required: mapping.title != nil, option: "--title-column")
        claimIndex = try find(mapping.claim ?? "claim", required: mapping.claim != nil, option: "--claim-column")
        targetIndex = try find(mapping.target ?? "target", required: mapping.target != nil, option: "--target-column")
        holderIndex = try find(mapping.holder ?? "holder", required: mapping.holder != nil, option: "--holder-column")
        idIndex = try find(mapping.id ?? "id", required: mapping.id != nil, option: "--id-column")
        sourceIndex = try find(mapping.source ?? "source", required: mapping.source != nil, option: "--source-column")
        var li: [(String, Int)] = []
        for l in mapping.labels { li.append((l.task, try find(l.column, required: true, option: "--label-column")!)) }
        labelIndices = li
        // A kept column the header lacks is kept as missing (null), as a JSONL key a record lacks.
        keptIndices = keep.map { header.firstIndex(of: $0) }
    }

    /// Reads one row of fields, nil at end of input. `line` is advanced past the row's newlines.
    static func row(_ r: ByteReader, sep: UInt8, path: String, line: inout Int) throws -> [String]? {
        var size = 0
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var sawAny = false
        let startLine = line
        func finish() throws {
            if let z = field.firstIndex(of: 0) {
                let message = field.withUnsafeBufferPointer { EncodingHint.zeroByte(at: z, $0, path: path, what: "field \(fields.count + 1)") }
                throw SlantError.invalidInput(file: path, line: startLine, message: message)
            }
            guard let s = String(validating: field, as: UTF8.self) else {
                let message = field.withUnsafeBufferPointer { EncodingHint.message("invalid UTF-8 in field \(fields.count + 1)", $0, path: path) }
                throw SlantError.invalidInput(file: path, line: startLine, message: message)
            }
            fields.append(s); field.removeAll(keepingCapacity: true)
        }
        while let b = try r.nextByte() {
            sawAny = true
            size += 1
            if size > r.maxLineBytes {
                throw SlantError.io(path: path, message: "the row starting at line \(startLine) is longer than the limit of \(r.maxLineBytes) bytes (--max-record-bytes); stopping")
            }
            if inQuotes {
                if b == 0x22 {
                    if try r.peekByte() == 0x22 { _ = try r.nextByte(); field.append(0x22) } else { inQuotes = false }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where field.isEmpty: inQuotes = true
            case sep: try finish()
            case 0x0D:
                // CR LF is one line end; a lone CR (old Mac files) is one too.
                if try r.peekByte() == 0x0A { continue }
                line += 1
                try finish()
                return fields
            case 0x0A:
                line += 1
                try finish()
                return fields
            default: field.append(b)
            }
        }
        if inQuotes {
            throw SlantError.invalidInput(file: path, line: startLine, message: "unterminated quoted field (a '\"' opened here is never closed)")
        }
        if !sawAny { return nil }
        try finish()
        return fields
    }

    func next() throws -> Record? {
        while true {
            let start = line
            guard let f = try CSVParser.row(reader, sep: sep, path: path, line: &line) else { return nil }
            if f.count == 1 && f[0].isEmpty { continue }  // blank line
            func bad(_ m: String) -> SlantError { .invalidInput(file: path, line: start, message: m) }
            if f.count != header.count {
                throw bad("expected \(header.count) fields as in the header, got \(f.count)")
            }
            let text = f[textIndex]
            if text.allSatisfy({ $0.isWhitespace }) { throw bad("column \"\(header[textIndex])\" (the text) is empty") }
            func opt(_ i: Int?) -> String? { i.flatMap { f[$0].isEmpty ? nil : f[$0] } }
            var labels: [String: LabelValue] = [:]
            for (task, i) in labelIndices where !f[i].isEmpty {
                if let sep = multiSep {
                    labels[task] = .multi(f[i].components(separatedBy: sep).map { $0.trimmingCharacters() }.filter { !$0.isEmpty })
                } else {
                    labels[task] = .single(f[i].trimmingCharacters())
                }
            }
            var r = Record(id: opt(idIndex) ?? String(start), text: text, title: opt(titleIndex), target: opt(targetIndex),
                           source: opt(sourceIndex), labels: labels, file: path, line: start, claim: opt(claimIndex))
            r.holder = opt(holderIndex)
            r.kept = keptIndices.map { i in i.flatMap { f[$0].isEmpty ? nil : JSONValue.string(f[$0]) } ?? .null }
            return r
        }
    }
}

extension String {
    func components(separatedBy sep: String) -> [String] {
        guard !sep.isEmpty else { return [self] }
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: sep) {
            out.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
