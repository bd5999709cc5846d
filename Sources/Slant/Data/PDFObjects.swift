import CZlib

/// One PDF object (ISO 32000-1 §7.3), as `PDFLexer` reads it: what Slant's PDF reader (`PDFText`) needs of a file's
/// objects and of its pages' content streams.
indirect enum PDFObject {
    case null
    case bool(Bool)
    case number(Double)
    /// A literal or hexadecimal string, its bytes as written (escapes decoded).
    case string([UInt8])
    /// A name, `#xx` escapes decoded, without its slash.
    case name(String)
    case array([PDFObject])
    case dict([String: PDFObject])
    /// An indirect reference `n g R`.
    case ref(Int, Int)
    /// A stream: its dictionary and where its data lies in the file.
    case stream([String: PDFObject], Range<Int>)
    /// A keyword that is no object: a content stream's operator (`Tj`, `BT`), or `obj`, `endobj`, `stream`.
    case keyword(String)

    var number: Double? { if case .number(let v) = self, v.isFinite { return v }; return nil }
    var name: String? { if case .name(let v) = self { return v }; return nil }
    var array: [PDFObject]? { if case .array(let v) = self { return v }; return nil }
    var dict: [String: PDFObject]? {
        switch self { case .dict(let d): return d; case .stream(let d, _): return d; default: return nil }
    }
}

/// Why a PDF file could not be read.
struct PDFFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Reads PDF tokens and objects from bytes (§7.2–7.3): whitespace and comments passed over, strings, names,
/// numbers, arrays, dictionaries and `n g R` references; a keyword it does not know is returned as `.keyword`, so
/// that the same reader walks a file's objects and a page's operators. Nesting deeper than `maxDepth` ends the
/// object there (the rest is read as further tokens), so hostile nesting costs no stack.
struct PDFLexer {
    let b: UnsafeBufferPointer<UInt8>
    var i: Int
    static let maxDepth = 64

    init(_ b: UnsafeBufferPointer<UInt8>, at i: Int = 0) { self.b = b; self.i = i }

    /// Walks `b` as a content stream or CMap does: operands gathered (at most the last 512), then `body` called
    /// with each operator, its operands and the lexer (which it may move, past an inline image's data).
    static func operators(_ b: UnsafeBufferPointer<UInt8>, _ body: (String, [PDFObject], inout PDFLexer) throws -> Void) rethrows {
        var lx = PDFLexer(b)
        var operands: [PDFObject] = []
        while let o = lx.next() {
            guard case .keyword(let op) = o else {
                operands.append(o)
                if operands.count > 512 { operands.removeFirst(operands.count - 512) }
                continue
            }
            try body(op, operands, &lx)
            operands.removeAll(keepingCapacity: true)
        }
    }

    /// Whitespace per §7.2.2: NUL, tab, line feed, form feed, carriage return, space.
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
    /// A delimiter: ( ) < > [ ] { } / %.
    @inline(__always) static func isDelimiter(_ c: UInt8) -> Bool {
        c == 0x28 || c == 0x29 || c == 0x3C || c == 0x3E || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D || c == 0x2F || c == 0x25
    }
    @inline(__always) static func isRegular(_ c: UInt8) -> Bool { !isSpace(c) && !isDelimiter(c) }

    var atEnd: Bool { mutating get { skipSpace(); return i >= b.count } }

    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            if PDFLexer.isSpace(c) { i += 1 } else if c == 0x25 {
                while i < b.count, b[i] != 0x0A, b[i] != 0x0D { i += 1 }
            } else { return }
        }
    }

    /// The next object or keyword; nil at the end of the bytes.
    mutating func next(depth: Int = 0) -> PDFObject? {
        skipSpace()
        guard i < b.count else { return nil }
        let c = b[i]
        switch c {
        case 0x2F: return .name(readName())
        case 0x28: return .string(readLiteral())
        case 0x3C:
            if i + 1 < b.count, b[i + 1] == 0x3C {
                i += 2
                return depth >= PDFLexer.maxDepth ? .keyword("<<") : .dict(readDict(depth: depth + 1))
            }
            return .string(readHex())
        case 0x5B:
            i += 1
            if depth >= PDFLexer.maxDepth { return .keyword("[") }
            var items: [PDFObject] = []
            while true {
                skipSpace()
                if i >= b.count { break }
                if b[i] == 0x5D { i += 1; break }
                guard let o = next(depth: depth + 1) else { break }
                items.append(o)
            }
            return .array(items)
        case 0x2B, 0x2D, 0x2E, 0x30...0x39:
            let v = readNumber()
            // `n g R`: a reference (two unsigned integers and R).
            if v >= 0, v == v.rounded(), v < 1e9, c != 0x2B, c != 0x2D {
                let save = i
                skipSpace()
                if i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    let g = readNumber()
                    skipSpace()
                    if g >= 0, g == g.rounded(), g < 1e6, i < b.count, b[i] == 0x52, i + 1 >= b.count || !PDFLexer.isRegular(b[i + 1]) {
                        i += 1
                        return .ref(Int(v), Int(g))
                    }
                }
                i = save
            }
            return .number(v)
        case 0x29, 0x3E, 0x5D, 0x7B, 0x7D:
            i += 1
            return .keyword(String(UnicodeScalar(c)))
        default:
            let s = i
            while i < b.count, PDFLexer.isRegular(b[i]) { i += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: return .keyword(word)
            }
        }
    }

    /// A dictionary's entries up to `>>` (the `<<` read); a key that is no name ends it.
    private mutating func readDict(depth: Int) -> [String: PDFObject] {
        var d: [String: PDFObject] = [:]
        while true {
            skipSpace()
            guard i < b.count else { return d }
            if b[i] == 0x3E { i += i + 1 < b.count && b[i + 1] == 0x3E ? 2 : 1; return d }
            guard let k = next(depth: depth) else { return d }
            guard case .name(let key) = k else { if case .keyword = k { return d }; continue }
            skipSpace()
            if i < b.count, b[i] == 0x3E { d[key] = .null; continue }
            guard let v = next(depth: depth) else { return d }
            d[key] = v
        }
    }

    private mutating func readName() -> String {
        i += 1
        var out: [UInt8] = []
        while i < b.count, PDFLexer.isRegular(b[i]) {
            if b[i] == 0x23, i + 2 < b.count, let h = PDFLexer.hex(b[i + 1]), let l = PDFLexer.hex(b[i + 2]) {
                out.append(h << 4 | l); i += 3
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// A literal string `( … )`: balanced parentheses, escapes (\n \r \t \b \f \( \) \\ \ddd, a backslash before a
    /// line break joins the lines), an unescaped line break read as a line feed.
    private mutating func readLiteral() -> [UInt8] {
        i += 1
        var out: [UInt8] = [], depth = 1
        while i < b.count {
            let c = b[i]; i += 1
            switch c {
            case 0x28: depth += 1; out.append(c)
            case 0x29:
                depth -= 1
                if depth == 0 { return out }
                out.append(c)
            case 0x5C:
                guard i < b.count else { return out }
                let e = b[i]; i += 1
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x30...0x37:
                    var v = Int(e - 0x30), k = 1
                    while k < 3, i < b.count, b[i] >= 0x30, b[i] <= 0x37 { v = v * 8 + Int(b[i] - 0x30); i += 1; k += 1 }
                    out.append(UInt8(truncatingIfNeeded: v))
                case 0x0D: if i < b.count, b[i] == 0x0A { i += 1 }
                case 0x0A: break
                default: out.append(e)
                }
            case 0x0D:
                if i < b.count, b[i] == 0x0A { i += 1 }
                out.append(0x0A)
            default: out.append(c)
            }
        }
        return out
    }

    /// A hexadecimal string `< … >`: whitespace passed over, an odd last digit followed by 0.
    private mutating func readHex() -> [UInt8] {
        let s = i + 1
        i = s
        while i < b.count, b[i] != 0x3E { i += 1 }
        defer { if i < b.count { i += 1 } }
        return PDFDocument.asciiHex(b[s..<i])
    }

    private mutating func readNumber() -> Double {
        let s = i
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E { i += 1 }
        // Writers' slips such as "0.0-5" or "--3": the digits read count, the rest is passed over as one token.
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self)
        while i < b.count, PDFLexer.isRegular(b[i]) { i += 1 }
        if let v = Double(text) { return v }
        let trimmed = text.drop { $0 == "+" || $0 == "-" }
        return (Double(trimmed) ?? 0) * (text.first == "-" ? -1 : 1)
    }
}

/// A PDF file's objects, found by scanning the file for `n g obj` rather than by trusting its cross-reference
/// table (which damaged and hand-edited files often get wrong), plus the objects compressed in object streams
/// (§7.5.7). Where an object is defined twice (incremental updates), the later definition holds.
final class PDFDocument {
    let bytes: [UInt8]
    /// Object number → where it is defined: a file offset (after `obj`), or an object stream's number and index.
    private var offsets: [Int: (at: Int, order: Int, gen: Int)] = [:]
    /// Each stream's object number and generation, by where its data starts: what its decryption key is made of.
    private var streamOwners: [Int: (num: Int, gen: Int)] = [:]
    /// The standard security handler of an encrypted file that opens without a password.
    private(set) var security: PDFSecurity? = nil
    private var compressed: [Int: (stream: Int, index: Int, order: Int)] = [:]
    private var cache: [Int: PDFObject] = [:]
    private var objectStreams: [Int: (data: [UInt8], offsets: [(Int, Int)])] = [:]
    /// The trailer: the last `trailer` dictionary, else the last cross-reference stream's.
    private(set) var trailer: [String: PDFObject] = [:]
    /// How many decoded bytes the file may still produce (`limit` in all).
    var budget: Int

    init(_ bytes: [UInt8], limit: Int) throws {
        self.bytes = bytes
        self.budget = limit
        guard bytes.count >= 8, ByteScan.contains(bytes, 0..<min(1024, bytes.count), Array("%PDF-".utf8)) else {
            throw PDFFailure("not a PDF file (it does not start with %PDF-)")
        }
        // Every PDF writer ends the file with %%EOF (trailing bytes after it are common): without it the file was
        // cut short, and pages would be lost without a word.
        guard ByteScan.contains(bytes, max(0, bytes.count - 4096)..<bytes.count, Array("%%EOF".utf8)) else {
            throw PDFFailure("the PDF file is cut short (no %%EOF at its end)")
        }
        scan()
        // A file whose cross-reference is a stream has its trailer there (the last one written holds).
        if trailer.isEmpty {
            for (num, _) in offsets.sorted(by: { $0.value.order < $1.value.order }) {
                if let d = object(num)?.dict, d["Type"]?.name == "XRef" { trailer = d }
            }
        }
        if let e = dict(trailer["Encrypt"]) {
            var id: [UInt8] = []
            if case .string(let s)? = resolve(array(trailer["ID"])?.first) { id = s }
            security = try PDFSecurity(e, id: id, doc: self)
        }
        try readObjectStreams()
    }

    /// Finds every `n g obj`, the `trailer` dictionaries, and passes over stream data.
    private func scan() {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0, order = 0
            while i + 3 <= n {
                // "obj" after "n g " (not "endobj"), or "trailer".
                if b[i] == 0x6F, i + 3 <= n, b[i + 1] == 0x62, b[i + 2] == 0x6A, i + 3 == n || !PDFLexer.isRegular(b[i + 3]),
                   let (num, gen) = PDFDocument.objectNumber(b, before: i) {
                    var lx = PDFLexer(b, at: i + 3)
                    order += 1
                    offsets[num] = (i + 3, order, gen)
                    // Stream data is passed over, so that bytes inside it are not taken for objects.
                    if let o = lx.next(), case .dict(let d) = o {
                        let save = lx.i
                        if case .keyword("stream")? = lx.next(), let r = PDFDocument.streamRange(b, d, after: lx.i) {
                            i = r.upperBound
                            continue
                        }
                        i = save
                        continue
                    }
                    i += 3
                    continue
                }
                if b[i] == 0x74, i + 7 <= n, b[i + 1] == 0x72, b[i + 2] == 0x61, b[i + 3] == 0x69, b[i + 4] == 0x6C,
                   b[i + 5] == 0x65, b[i + 6] == 0x72, i == 0 || !PDFLexer.isRegular(b[i - 1]) {
                    var lx = PDFLexer(b, at: i + 7)
                    if case .dict(let d)? = lx.next() { trailer = d }
                    i = lx.i
                    continue
                }
                i += 1
            }
        }
    }

    /// The object number and generation of "n g obj" whose "obj" starts at `o`, nil when the bytes before it are not
    /// "n g ".
    private static func objectNumber(_ b: UnsafeBufferPointer<UInt8>, before o: Int) -> (Int, Int)? {
        var j = o - 1
        guard j >= 0, PDFLexer.isSpace(b[j]) else { return nil }
        while j >= 0, PDFLexer.isSpace(b[j]) { j -= 1 }
        let gEnd = j + 1
        while j >= 0, b[j] >= 0x30, b[j] <= 0x39 { j -= 1 }
        guard j + 1 < gEnd, gEnd - j - 1 <= 5, j >= 0, PDFLexer.isSpace(b[j]) else { return nil }
        while j >= 0, PDFLexer.isSpace(b[j]) { j -= 1 }
        let nEnd = j + 1
        while j >= 0, b[j] >= 0x30, b[j] <= 0x39 { j -= 1 }
        guard j + 1 < nEnd, nEnd - j - 1 <= 9, j < 0 || !PDFLexer.isRegular(b[j]) else { return nil }
        var v = 0, g = 0
        for k in (j + 1)..<nEnd { v = v * 10 + Int(b[k] - 0x30) }
        var k = nEnd
        while k < gEnd, !(b[k] >= 0x30 && b[k] <= 0x39) { k += 1 }
        while k < gEnd { g = g * 10 + Int(b[k] - 0x30); k += 1 }
        return (v, g)
    }

    /// Where a stream's data lies: from after `stream` and its line end, `Length` bytes when that fits and
    /// `endstream` follows, else up to the next `endstream`.
    private static func streamRange(_ b: UnsafeBufferPointer<UInt8>, _ d: [String: PDFObject], after s0: Int) -> Range<Int>? {
        var s = s0
        if s < b.count, b[s] == 0x0D { s += 1 }
        if s < b.count, b[s] == 0x0A { s += 1 }
        if let len = d["Length"]?.number, len >= 0, len <= Double(b.count - s) {
            let e = s + Int(len)
            var j = e
            while j < b.count, PDFLexer.isSpace(b[j]) { j += 1 }
            if j + 9 <= b.count, Array(UnsafeBufferPointer(rebasing: b[j..<(j + 9)])) == Array("endstream".utf8) { return s..<e }
        }
        guard let at = ByteScan.find(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[s...])), Array("endstream".utf8)) else { return nil }
        var e = s + at
        // The line end before "endstream" is not data.
        if e > s, b[e - 1] == 0x0A { e -= 1 }
        if e > s, b[e - 1] == 0x0D { e -= 1 }
        return s..<e
    }

    /// Registers the objects of every object stream (`/Type /ObjStm`), each unless defined later in the file.
    private func readObjectStreams() throws {
        for (num, at) in offsets.sorted(by: { $0.value.order < $1.value.order }) {
            guard let stream = object(num), case .stream(let d, _) = stream, d["Type"]?.name == "ObjStm" else { continue }
            let data: [UInt8]
            do { data = try streamData(of: stream) } catch { continue }
            guard let count = d["N"]?.number, let first = d["First"]?.number, count >= 0, first >= 0, Int(first) <= data.count else { continue }
            var pairs: [(Int, Int)] = []
            data.withUnsafeBufferPointer { b in
                var lx = PDFLexer(UnsafeBufferPointer(rebasing: b[..<Int(first)]))
                while pairs.count < Int(min(count, 1e6)) {
                    guard let o = lx.next()?.number, let off = lx.next()?.number else { break }
                    pairs.append((Int(o), Int(first) + Int(off)))
                }
            }
            objectStreams[num] = (data, pairs)
            for (k, p) in pairs.enumerated() {
                if let direct = offsets[p.0], direct.order > at.order { continue }
                if let c = compressed[p.0], c.order > at.order { continue }
                compressed[p.0] = (num, k, at.order)
                if let direct = offsets[p.0], direct.order < at.order { offsets[p.0] = nil; cache[p.0] = nil }
            }
        }
    }

    /// Objects being read, so that streams whose lengths refer to each other do not recurse for ever.
    private var reading = Set<Int>()

    /// Object `num` (its generation is not checked: the last definition holds), nil when the file has none.
    func object(_ num: Int) -> PDFObject? {
        if let o = cache[num] { return o }
        guard reading.insert(num).inserted else { return nil }
        defer { reading.remove(num) }
        var result: PDFObject? = nil
        if let at = offsets[num] {
            result = bytes.withUnsafeBufferPointer { b -> PDFObject? in
                var lx = PDFLexer(b, at: at.at)
                guard let o = lx.next() else { return nil }
                if case .dict(let d) = o {
                    let save = lx.i
                    if case .keyword("stream")? = lx.next() {
                        // A Length given by reference is resolved now (it may be defined anywhere).
                        var dd = d
                        if case .ref(let n, _)? = d["Length"], let len = object(n)?.number { dd["Length"] = .number(len) }
                        if let r = PDFDocument.streamRange(b, dd, after: lx.i) {
                            streamOwners[r.lowerBound] = (num, at.gen)
                            return .stream(d, r)
                        }
                    }
                    lx.i = save
                }
                return o
            }
        } else if let c = compressed[num], let s = objectStreams[c.stream], c.index < s.offsets.count {
            let off = s.offsets[c.index].1
            if off < s.data.count {
                result = s.data.withUnsafeBufferPointer { b in var lx = PDFLexer(b, at: off); return lx.next() }
            }
        }
        if let r = result { cache[num] = r }
        return result
    }

    /// The document catalog: the trailer's `Root` (a cross-reference stream's dictionary is the trailer of a file
    /// that has no `trailer`), else the last object whose `Type` is `Catalog` (a file whose trailer was lost).
    func catalog() -> [String: PDFObject]? {
        if let r = dict(trailer["Root"]) { return r }
        var found: [String: PDFObject]? = nil
        for num in (Array(offsets.keys) + Array(compressed.keys)).sorted() {
            if let d = object(num)?.dict, d["Type"]?.name == "Catalog" { found = d }
        }
        return found
    }

    /// `o` with references followed (at most 32 in a row).
    func resolve(_ o: PDFObject?) -> PDFObject? {
        var o = o, hops = 0
        while case .ref(let n, _)? = o {
            hops += 1
            if hops > 32 { return nil }
            o = object(n)
        }
        return o
    }

    func dict(_ o: PDFObject?) -> [String: PDFObject]? { resolve(o)?.dict }
    func number(_ o: PDFObject?) -> Double? { resolve(o)?.number }
    func array(_ o: PDFObject?) -> [PDFObject]? { resolve(o)?.array }

    /// The decoded data of stream `o` (its filters applied in order), counted against `budget`.
    /// - Throws: `PDFFailure` for a filter Slant does not decode (images' filters, `Crypt`), or when the file's
    ///   decoded data would pass its limit.
    func streamData(of o: PDFObject) throws -> [UInt8] {
        guard case .stream(let d, let r) = o else { return [] }
        var data = Array(bytes[r])
        // Encrypted streams decrypted first (not the cross-reference streams, nor one whose own crypt filter says so).
        if let security, let owner = streamOwners[r.lowerBound], d["Type"]?.name != "XRef",
           !(resolve(d["Filter"])?.name == "Crypt" || array(d["Filter"])?.contains(where: { resolve($0)?.name == "Crypt" }) == true) {
            data = security.decrypt(data, num: owner.num, gen: owner.gen)
        }
        var filters: [String] = []
        var parms: [PDFObject?] = []
        switch resolve(d["Filter"]) {
        case .name(let f)?: filters = [f]; parms = [resolve(d["DecodeParms"])]
        case .array(let fs)?:
            filters = fs.compactMap { resolve($0)?.name }
            let ps = array(d["DecodeParms"]) ?? []
            parms = filters.indices.map { $0 < ps.count ? resolve(ps[$0]) : nil }
        default: break
        }
        for (k, f) in filters.enumerated() {
            switch f {
            case "FlateDecode", "Fl":
                guard var res = Inflater.inflate(data[...], windowBits: 15, limit: budget)?.bytes else { throw PDFFailure("zlib could not start") }
                // A stream whose zlib header is missing or damaged: read as raw deflate.
                if res.isEmpty, data.count > 2, let raw = Inflater.inflate(data[2...], windowBits: -15, limit: budget) { res = raw.bytes }
                data = try PDFDocument.unpredict(res, parms[k]?.dict, document: self)
            case "LZWDecode", "LZW":
                let early = parms[k]?.dict?["EarlyChange"]?.number ?? 1
                data = try PDFDocument.unpredict(try PDFDocument.lzw(data, earlyChange: early != 0, limit: budget), parms[k]?.dict, document: self)
            case "ASCIIHexDecode", "AHx":
                data = PDFDocument.asciiHex(data)
            case "ASCII85Decode", "A85": data = PDFDocument.ascii85(data)
            case "RunLengthDecode", "RL": data = PDFDocument.runLength(data, limit: budget)
            case "Crypt": break
            default:
                throw PDFFailure("a stream is encoded with \(f), which Slant does not decode")
            }
            if data.count > budget { throw PDFFailure("its streams decode to more than the limit of \(budget) bytes") }
        }
        budget -= data.count
        return data
    }

    /// PNG and TIFF predictors (§7.4.4.4) undone; data without `Predictor` > 1 as it is.
    private static func unpredict(_ data: [UInt8], _ p: [String: PDFObject]?, document: PDFDocument) throws -> [UInt8] {
        guard let p, let pred = p["Predictor"]?.number, pred > 1 else { return data }
        func value(_ key: String, _ fallback: Double, _ hi: Double) -> Int {
            let v: Double = p[key]?.number ?? fallback
            return Int(min(max(v, 1), hi))
        }
        let colors = value("Colors", 1, 32), bpc = value("BitsPerComponent", 8, 16), columns = value("Columns", 1, 1_048_576)
        let bpp = max(1, colors * bpc / 8), rowBytes = (colors * bpc * columns + 7) / 8
        if pred == 2 {
            guard bpc == 8 else { return data }
            var out = data
            var r = 0
            while r < out.count {
                var j = r + bpp
                while j < min(r + rowBytes, out.count) { out[j] &+= out[j - bpp]; j += 1 }
                r += rowBytes
            }
            return out
        }
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var prev = [UInt8](repeating: 0, count: rowBytes)
        var i = 0
        while i < data.count {
            let type = data[i]; i += 1
            var row = Array(data[i..<min(i + rowBytes, data.count)])
            i += rowBytes
            if row.count < rowBytes { row += [UInt8](repeating: 0, count: rowBytes - row.count) }
            for j in 0..<rowBytes {
                let left = j >= bpp ? row[j - bpp] : 0, up = prev[j], ul = j >= bpp ? prev[j - bpp] : 0
                switch type {
                case 1: row[j] &+= left
                case 2: row[j] &+= up
                case 3: row[j] &+= UInt8((Int(left) + Int(up)) / 2)
                case 4:
                    let l = Int(left), u = Int(up), c = Int(ul)
                    let pa = abs(u - c), pb = abs(l - c), pc = abs(l + u - 2 * c)
                    let pick: UInt8 = pa <= pb && pa <= pc ? left : (pb <= pc ? up : ul)
                    row[j] &+= pick
                default: break
                }
            }
            out += row
            prev = row
        }
        return out
    }

    /// LZW (§7.4.4), as old PDF writers compressed content.
    static func lzw(_ data: [UInt8], earlyChange: Bool, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var table: [[UInt8]] = (0..<256).map { [UInt8($0)] } + [[], []]
        var bitPos = 0, codeLen = 9
        var prev: [UInt8]? = nil
        while bitPos + codeLen <= data.count * 8 {
            var code = 0
            for k in 0..<codeLen {
                let bit = (data[(bitPos + k) >> 3] >> (7 - UInt8((bitPos + k) & 7))) & 1
                code = code << 1 | Int(bit)
            }
            bitPos += codeLen
            if code == 256 { table.removeSubrange(258...); codeLen = 9; prev = nil; continue }
            if code == 257 { break }
            var entry: [UInt8]
            if code < table.count { entry = table[code] } else if code == table.count, let p = prev { entry = p + [p[0]] } else { break }
            out += entry
            if out.count > limit { throw PDFFailure("its streams decode to more than the limit of \(limit) bytes") }
            if let p = prev, table.count < 4096 { table.append(p + [entry[0]]) }
            prev = entry
            let next = table.count + (earlyChange ? 1 : 0)
            codeLen = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9
        }
        return out
    }

    /// Hexadecimal digits up to ">" (ASCIIHexDecode, and a hex string's body): other bytes passed over, an odd last
    /// digit followed by 0.
    static func asciiHex<C: Collection<UInt8>>(_ data: C) -> [UInt8] {
        var out: [UInt8] = [], high: UInt8? = nil
        for c in data {
            if c == 0x3E { break }
            guard let v = PDFLexer.hex(c) else { continue }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        if let h = high { out.append(h << 4) }
        return out
    }

    static func ascii85(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count / 5 * 4 + 4)
        // The group being read: its digits so far (base 85, most significant first) and how many.
        var value: UInt32 = 0, count = 0
        var i = 0
        if data.count >= 2, data[0] == 0x3C, data[1] == 0x7E { i = 2 }
        /// A group of `count` digits (2 to 5) gives `count` − 1 bytes: the missing digits count as 84 ("u").
        func flush() {
            var v = value
            for _ in count..<5 { v = v &* 85 &+ 84 }
            for k in 0..<(count - 1) { out.append(UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(k)))) }
        }
        while i < data.count {
            let c = data[i]; i += 1
            if c == 0x7E { break }
            if c == 0x7A, count == 0 { out += [0, 0, 0, 0]; continue }
            guard c >= 0x21, c <= 0x75 else { continue }
            value = value &* 85 &+ UInt32(c - 0x21)
            count += 1
            if count == 5 { flush(); value = 0; count = 0 }
        }
        if count > 1 { flush() }
        return out
    }

    static func runLength(_ data: [UInt8], limit: Int) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < data.count, out.count <= limit {
            let n = Int(data[i]); i += 1
            if n == 128 { break }
            if n < 128 { out += data[i..<min(i + n + 1, data.count)]; i += n + 1 } else if i < data.count {
                out += [UInt8](repeating: data[i], count: 257 - n); i += 1
            }
        }
        return out
    }
}
