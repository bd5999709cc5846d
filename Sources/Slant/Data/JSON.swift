/// A parsed JSON value. Slant parses its inputs with its own byte-level parser so that errors can say exactly
/// what is wrong (and where), and so that scoring does not pay for Foundation's bridging.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON type name used in error messages (`"labels" must be an object, got string`).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// An error found while parsing JSON: the byte offset (0-based, within the line) and the problem.
public struct JSONParseError: Error, Equatable {
    public let offset: Int
    public let message: String
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes. Strings are validated as UTF-8.
///
/// - Complexity: O(n) in the input length.
public struct JSONParser {
    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var scratch: [UInt8] = []

    /// Parses exactly one JSON value filling `bytes` (surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = JSONParser(p: bytes)
        parser.skipWS()
        let v = try parser.value()
        parser.skipWS()
        if parser.i != bytes.count { throw parser.fail("unexpected text after the JSON value") }
        return v
    }

    /// Parses a JSON value from an array of bytes.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse($0) }
    }

    /// Parses a JSON value from a string.
    public static func parse(_ s: String) throws -> JSONValue { try parse(Array(s.utf8)) }

    private init(p: UnsafeBufferPointer<UInt8>) { self.p = p }

    private func fail(_ message: String) -> JSONParseError { JSONParseError(offset: i, message: message) }

    @inline(__always) private mutating func skipWS() {
        while i < p.count {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func value() throws -> JSONValue {
        guard i < p.count else { throw fail("unexpected end of JSON") }
        switch p[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default:
            throw fail("unexpected character '\(Self.show(p[i]))' where a JSON value should start")
        }
    }

    /// The byte a one-letter JSON escape stands for (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`: what
    /// follows the backslash), nil for `u` and for letters JSON does not define.
    @inline(__always)
    static func unescaped(_ e: UInt8) -> UInt8? {
        switch e {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    static func show(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7f ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { throw fail("invalid literal") }
        for k in 0..<n where p[i + k] != word.utf8Start[k] { throw fail("invalid literal") }
        i += n
    }

    private mutating func enter() throws {
        depth += 1
        if depth > 512 { throw fail("JSON nested too deeply (over 512 levels)") }
    }

    private mutating func object() throws -> JSONValue {
        try enter(); defer { depth -= 1 }
        i += 1
        var dict: [String: JSONValue] = [:]
        skipWS()
        if i < p.count && p[i] == UInt8(ascii: "}") { i += 1; return .object(dict) }
        while true {
            skipWS()
            guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw fail("expected a string key in object") }
            let key = try string()
            skipWS()
            guard i < p.count, p[i] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipWS()
            let v = try value()
            if dict[key] != nil { throw fail("duplicate key \"\(key)\"") }
            dict[key] = v
            skipWS()
            guard i < p.count else { throw fail("unterminated object") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return .object(dict) }
            throw fail("expected ',' or '}' in object")
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter(); defer { depth -= 1 }
        i += 1
        var out: [JSONValue] = []
        skipWS()
        if i < p.count && p[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
        while true {
            skipWS()
            out.append(try value())
            skipWS()
            guard i < p.count else { throw fail("unterminated array") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            throw fail("expected ',' or ']' in array")
        }
    }

    private mutating func number() throws -> Double {
        let s = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int { let b = i; while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }; return i - b }
        guard i < p.count else { throw fail("invalid number") }
        if p[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { throw fail("invalid number") }
        if i < p.count, p[i] == UInt8(ascii: ".") { i += 1; if digits() == 0 { throw fail("invalid number") } }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { throw fail("invalid number") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self)
        guard let d = Double(text) else { throw fail("invalid number") }
        return d
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= p.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]; i += 1
            v <<= 4
            switch c {
            case 0x30...0x39: v |= UInt32(c - 0x30)
            case 0x61...0x66: v |= UInt32(c - 0x61 + 10)
            case 0x41...0x46: v |= UInt32(c - 0x41 + 10)
            default: i -= 1; throw fail("invalid \\u escape")
            }
        }
        return v
    }

    private mutating func appendScalar(_ v: UInt32) {
        var c = v
        if c < 0x80 { scratch.append(UInt8(c)); return }
        if c > 0x10FFFF { c = 0xFFFD }
        for b in String(Unicode.Scalar(c) ?? "\u{FFFD}").utf8 { scratch.append(b) }
    }

    private mutating func string() throws -> String {
        i += 1
        let s = i
        // Fast path: no escapes (the plain run found eight bytes at a time).
        i = ByteScan.firstSpecial(p, from: i)
        if i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: p[s..<i])
                i += 1
                return try validated(raw, at: s)
            }
            if c < 0x20 { throw fail("control character in string (must be escaped)") }
        }
        scratch.removeAll(keepingCapacity: true)
        // Room made once for the rest of the input, up to a megabyte (an unescaped string is never longer than its
        // source): an article's text with escapes had grown the buffer from empty, copying it, about eight times.
        // (Not the whole of a large document read at once: its strings are short.)
        scratch.reserveCapacity(min(p.count - s, 1 << 20))
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<i]))
        while i < p.count {
            // Copy the run up to the next quote, backslash or control byte in one go.
            let run = i
            i = ByteScan.firstSpecial(p, from: i)
            if i > run { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
            guard i < p.count else { break }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                let bytes = scratch
                return try bytes.withUnsafeBufferPointer { try validated($0, at: s) }
            }
            if c < 0x20 { throw fail("control character in string (must be escaped)") }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < p.count else { break }
                let e = p[i]; i += 1
                if let b = JSONParser.unescaped(e) { scratch.append(b); continue }
                switch e {
                case UInt8(ascii: "u"):
                    var v = try hex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        if i + 6 <= p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            let lo = try hex4()
                            if lo >= 0xDC00 && lo < 0xE000 {
                                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                            } else { appendScalar(0xFFFD); v = lo }
                        } else { v = 0xFFFD }
                    } else if v >= 0xDC00 && v < 0xE000 { v = 0xFFFD }
                    appendScalar(v)
                default: i -= 1; throw fail("invalid escape '\\\(Self.show(e))' in string")
                }
                continue
            }
            scratch.append(c); i += 1
        }
        throw fail("unterminated string")
    }

    private func validated(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) throws -> String {
        if let s = String(validating: raw, as: UTF8.self) { return s }
        // Find the first bad byte for the message.
        var bad = 0
        var it = raw.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let sc): consumed += UTF8.width(sc)
            case .emptyInput: break loop
            case .error: bad = consumed; break loop
            }
        }
        throw JSONParseError(offset: start + bad, message: "invalid UTF-8 in string (byte 0x\(String(raw[min(bad, raw.count - 1)], radix: 16)))")
    }
}

extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes in one copy (appending a `String`'s `utf8` view went through the generic
    /// sequence path: the writer appends a few hundred literal keys per article).
    @inline(__always)
    mutating func appendLiteral(_ s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// Writes JSON text without Foundation: used for the scorer's output, which is on the hot path.
public enum JSONWriter {
    /// Appends any JSON value (a kept input field) to `out`: numbers as the shortest text that reads back the same.
    public static func appendValue(_ v: JSONValue, to out: inout [UInt8]) {
        switch v {
        case .null: out.appendLiteral("null")
        case .bool(let b): out.appendLiteral(b ? "true" : "false")
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { appendInt(Int(d), to: &out) } else { out.append(contentsOf: "\(d)".utf8) }
        case .string(let s): appendString(s, to: &out)
        case .array(let a):
            out.append(0x5B)
            for (i, x) in a.enumerated() { if i > 0 { out.append(0x2C) }; appendValue(x, to: &out) }
            out.append(0x5D)
        case .object(let o):
            out.append(0x7B)
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(0x2C) }
                appendString(k, to: &out); out.append(0x3A); appendValue(o[k]!, to: &out)
            }
            out.append(0x7D)
        }
    }

    /// A kept value as a cell of CSV or the table: a string as it is, null as nothing, anything else as JSON.
    public static func plain(_ v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        default: var b: [UInt8] = []; appendValue(v, to: &b); return String(decoding: b, as: UTF8.self)
        }
    }

    /// Appends `s` as a JSON string literal (with quotes) to `out`.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        // A native string's bytes are read in place (a mutable copy for `withUTF8` retained it per string).
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            var s = s
            s.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.append(0x22)
    }

    /// The bytes of a JSON string's contents, escaped, appended to `out`.
    private static func appendEscaped(_ buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Runs of bytes that need no escape are found eight bytes at a time and copied whole.
        var start = 0
        while true {
            let i = ByteScan.firstSpecial(buf, from: start)
            if i == buf.count { break }
            let c = buf[i]
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
            start = i + 1
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(c >> 4)]); out.append(hex[Int(c & 15)])
            }
        }
        if start < buf.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...])) }
    }

    /// Appends a number with up to `digits` decimals, trailing zeros removed (`0.25`, `1`, `-0.003`).
    public static func appendNumber(_ x: Double, digits: Int = 4, to out: inout [UInt8]) {
        appendWritten(capacity: maxNumberBytes, to: &out) { $0.number(x, digits: digits) }
    }

    /// The most bytes `write(_:digits:at:)` writes: a sign, 16 integer digits, the point and 20 decimals; or a
    /// sign and Swift's shortest description of a number too large for that (at most 24 bytes).
    @inline(__always) static var maxNumberBytes: Int { 48 }

    /// Writes `x` as `appendNumber` appends it at `p` (room for `maxNumberBytes`); returns the bytes written.
    static func write(_ x: Double, digits: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        guard x.isFinite else { p[0] = 0x6E; p[1] = 0x75; p[2] = 0x6C; p[3] = 0x6C; return 4 }   // null
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(x) * scale).rounded()
        if r == 0 { p[0] = 0x30; return 1 }
        var n = 0
        if x < 0 { p[0] = UInt8(ascii: "-"); n = 1 }
        if r >= 9.0e15 || digits > 20 {
            // (The magnitude's description: the sign is written already.)
            for c in String(x.magnitude).utf8 { p[n] = c; n += 1 }
            return n
        }
        let intPart = UInt64(r / scale)
        var frac = UInt64(r - Double(intPart) * scale)
        var k = 0   // decimals written, trailing zeros removed
        if frac > 0 {
            k = digits
            while frac % 10 == 0 { frac /= 10; k -= 1 }
        }
        n += writeDigits(intPart, count: decimalDigits(intPart), at: p + n)
        if k > 0 { p[n] = 0x2E; n += 1 + writeDigits(frac, count: k, at: p + n + 1) }
        return n
    }

    /// Appends an integer in decimal.
    public static func appendInt(_ n: Int, to out: inout [UInt8]) {
        appendWritten(capacity: 20, to: &out) { $0.int(n) }
    }

    /// Writes `n` in decimal at `p` (room for 20 bytes); returns the bytes written.
    static func write(_ n: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        let sign = n < 0 ? 1 : 0
        if n < 0 { p[0] = UInt8(ascii: "-") }
        return sign + writeDigits(n.magnitude, count: decimalDigits(UInt64(n.magnitude)), at: p + sign)
    }

    /// The number of decimal digits of `v` (1 for 0).
    @inline(__always) static func decimalDigits(_ v: UInt64) -> Int {
        var digits = 1, t = v / 10
        while t > 0 { digits += 1; t /= 10 }
        return digits
    }

    /// Writes the last `count` decimal digits of `v` at `p`, leading zeros included; returns `count`.
    @inline(__always) static func writeDigits<T: UnsignedInteger>(_ v: T, count: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var v = v
        for j in stride(from: count - 1, through: 0, by: -1) { p[j] = UInt8(48 + v % 10); v /= 10 }
        return count
    }

    /// Appends what `body` writes into a buffer of `capacity` bytes on the stack, in one append: the fixed
    /// parts of an output object (keys, numbers, punctuation) cost one append, not one each. `body` must
    /// write at most `capacity` bytes (checked).
    static func appendWritten(capacity: Int, to out: inout [UInt8], _ body: (inout ByteWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { b in
            var w = ByteWriter(base: b.baseAddress!, capacity: capacity)
            body(&w)
            out.append(contentsOf: UnsafeBufferPointer(start: b.baseAddress, count: w.count))
        }
    }

    /// Writes bytes through a pointer into a buffer of known size (`appendWritten`).
    struct ByteWriter {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        @inline(__always) mutating func byte(_ b: UInt8) {
            precondition(count < capacity, "ByteWriter: capacity \(capacity) exceeded")
            base[count] = b; count += 1
        }
        @inline(__always) mutating func literal(_ s: StaticString) { bytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        @inline(__always) mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
            precondition(count + b.count <= capacity, "ByteWriter: capacity \(capacity) exceeded")
            if let a = b.baseAddress { (base + count).update(from: a, count: b.count) }
            count += b.count
        }
        @inline(__always) mutating func number(_ x: Double, digits: Int = 4) {
            precondition(count + JSONWriter.maxNumberBytes <= capacity, "ByteWriter: capacity \(capacity) exceeded")
            count += JSONWriter.write(x, digits: digits, at: base + count)
        }
        @inline(__always) mutating func int(_ n: Int) {
            precondition(count + 20 <= capacity, "ByteWriter: capacity \(capacity) exceeded")
            count += JSONWriter.write(n, at: base + count)
        }
    }

    /// `"key":` as bytes, made once for keys written many times (label names in score objects).
    public static func key(_ k: String) -> [UInt8] {
        var out: [UInt8] = []
        appendString(k, to: &out)
        out.append(0x3A)
        return out
    }
}
