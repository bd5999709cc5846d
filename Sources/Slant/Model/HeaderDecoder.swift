/// Decodes a model file's JSON header (`ModelFile.StoredHeader`) without Foundation's `JSONDecoder`.
///
/// Why: loading the default model spent 41 M of its 108 M start-up instructions in `JSONDecoder`, 17 M of them
/// unescaping one string, the VADER lexicon's `word<TAB>valence` lines (every tab and line break is an escape,
/// which sends Foundation's scanner down its slow path), and the known words' base64 (every "/" written "\/").
/// This reads the same JSON into a small tree, unescaping a string in runs between escapes, and serves the
/// `Decodable` types through the standard `Decoder` protocol, so the header types keep their one `init(from:)`.
///
/// What it accepts is what Foundation's decoder accepts for these types: numbers are kept as their text and
/// converted by the type asked for (`Float("0.1")`, as Foundation converts a number to `Float`, never through
/// `Double`, so every stored `Float` reads back to the same bits), `null` is nil, a missing key is
/// `DecodingError.keyNotFound`, a wrong kind `DecodingError.typeMismatch`; integers must be written as integers.
/// Malformed JSON throws `DecodingError.dataCorrupted` with the byte offset.
enum HeaderDecoder {
    /// Decodes `T` from the UTF-8 JSON `bytes`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        var parser = HeaderJSONParser(bytes.bindMemory(to: UInt8.self))
        let value = try parser.document()
        return try T(from: HeaderValueDecoder(value: value, codingPath: []))
    }
}

/// A parsed JSON value; numbers keep their text.
enum HeaderJSON {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([HeaderJSON])
    case object([String: HeaderJSON])

    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A strict recursive-descent JSON parser over UTF-8 bytes (RFC 8259; no comments, no trailing commas).
struct HeaderJSONParser {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Nesting depth (`members`).
    var depth = 0

    init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    func fail(_ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "invalid JSON at byte \(i): \(message)"))
    }

    mutating func document() throws -> HeaderJSON {
        let v = try value()
        skipSpace()
        guard i == p.count else { throw fail("unexpected data after the value") }
        return v
    }

    @inline(__always) mutating func skipSpace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

    mutating func value() throws -> HeaderJSON {
        skipSpace()
        guard i < p.count else { throw fail("unexpected end of input") }
        switch p[i] {
        case UInt8(ascii: "{"):
            var object: [String: HeaderJSON] = [:]
            try members(close: UInt8(ascii: "}")) {
                guard $0.i < $0.p.count, $0.p[$0.i] == UInt8(ascii: "\"") else { throw $0.fail("expected a key") }
                let key = try $0.string()
                $0.skipSpace()
                guard $0.i < $0.p.count, $0.p[$0.i] == UInt8(ascii: ":") else { throw $0.fail("expected ':'") }
                $0.i += 1
                object[key] = try $0.value()
            }
            return .object(object)
        case UInt8(ascii: "["):
            var array: [HeaderJSON] = []
            try members(close: UInt8(ascii: "]")) { array.append(try $0.value()) }
            return .array(array)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true"); return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false"); return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null"); return .null
        default:
            return .number(try number())
        }
    }

    /// The members of an object or array whose opening bracket is at `i`, each read by `member` (after the
    /// white space before it), separated by commas, up to `close`; nesting bounded so that a hostile header
    /// cannot overflow the stack.
    mutating func members(close: UInt8, _ member: (inout HeaderJSONParser) throws -> Void) throws {
        depth += 1
        guard depth <= 512 else { throw fail("nested too deeply") }
        defer { depth -= 1 }
        i += 1
        skipSpace()
        if i < p.count, p[i] == close { i += 1; return }
        while true {
            skipSpace()
            try member(&self)
            skipSpace()
            guard i < p.count else { throw fail("unexpected end of input") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == close { i += 1; return }
            throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'")
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count, (0..<n).allSatisfy({ p[i + $0] == word.utf8Start[$0] }) else { throw fail("unknown literal") }
        i += n
    }

    /// A number's text, checked against JSON's grammar.
    mutating func number() throws -> String {
        let start = i
        if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int { let s = i; while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }; return i - s }
        guard i < p.count else { throw fail("expected a value") }
        if p[i] == 0x30 { i += 1 } else { guard digits() > 0 else { throw fail("expected a value") } }
        if i < p.count, p[i] == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw fail("expected digits after '.'") } }
        if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
    }

    /// A string at `i` (its opening quote), unescaped: runs without escapes are copied whole, and a string
    /// without escapes (most of them) is made from the input directly.
    mutating func string() throws -> String {
        i += 1
        let start = i
        var out: [UInt8] = [], escaped = false
        while true {
            let run = i
            while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\") {
                guard p[i] >= 0x20 else { throw fail("a control character in a string") }
                i += 1
            }
            guard i < p.count else { throw fail("an unterminated string") }
            if p[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                if !escaped { return try utf8(UnsafeBufferPointer(rebasing: p[start..<i])) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                return try out.withUnsafeBufferPointer { try utf8($0) }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
            escaped = true
            i += 1
            guard i < p.count else { throw fail("an unterminated escape") }
            let e = p[i]
            i += 1
            if let b = JSONParser.unescaped(e) { out.append(b); continue }
            guard e == UInt8(ascii: "u") else { throw fail("an invalid escape") }
            var scalar = try hex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                // A high surrogate must be followed by an escaped low one.
                guard i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { throw fail("an unpaired surrogate") }
                i += 2
                let low = try hex4()
                guard low >= 0xDC00 && low < 0xE000 else { throw fail("an unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw fail("an unpaired surrogate")
            }
            guard let s = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
            UTF8.encode(s) { out.append($0) }
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= p.count else { throw fail("a short \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("a bad hex digit in a \\u escape")
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    func utf8(_ b: UnsafeBufferPointer<UInt8>) throws -> String {
        guard let s = String(validating: b, as: UTF8.self) else { throw fail("a string that is not UTF-8") }
        return s
    }
}

/// The `Decoder` over a `HeaderJSON` value.
struct HeaderValueDecoder: Decoder {
    let value: HeaderJSON
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else { throw HeaderPrimitive.mismatch([String: Any].self, codingPath, value) }
        return KeyedDecodingContainer(HeaderKeyedContainer<Key>(object: o, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else { throw HeaderPrimitive.mismatch([Any].self, codingPath, value) }
        return HeaderUnkeyedContainer(array: a, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { HeaderSingleValue(value: value, codingPath: codingPath) }
}

/// Conversions from a value to the primitive types, shared by the three containers.
enum HeaderPrimitive {
    static func mismatch(_ type: Any.Type, _ path: [any CodingKey], _ found: HeaderJSON) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(found.kind)"))
    }

    static func bool(_ v: HeaderJSON, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let b) = v else { throw mismatch(Bool.self, path, v) }
        return b
    }

    static func string(_ v: HeaderJSON, _ path: [any CodingKey]) throws -> String {
        guard case .string(let s) = v else { throw mismatch(String.self, path, v) }
        return s
    }

    static func float<T: BinaryFloatingPoint & LosslessStringConvertible>(_ v: HeaderJSON, _ type: T.Type, _ path: [any CodingKey]) throws -> T {
        guard case .number(let text) = v else { throw mismatch(type, path, v) }
        guard let x = T(text), x.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the number \(text) does not fit in \(type)"))
        }
        return x
    }

    static func integer<T: FixedWidthInteger>(_ v: HeaderJSON, _ type: T.Type, _ path: [any CodingKey]) throws -> T {
        guard case .number(let text) = v else { throw mismatch(type, path, v) }
        guard let x = T(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the number \(text) does not fit in \(type)"))
        }
        return x
    }

    static func decode<T: Decodable>(_ type: T.Type, _ v: HeaderJSON, _ path: [any CodingKey]) throws -> T {
        // The primitive types directly (their `init(from:)` would come back through a single-value container).
        switch type {
        case is String.Type: return try string(v, path) as! T
        case is Float.Type: return try float(v, Float.self, path) as! T
        case is Double.Type: return try float(v, Double.self, path) as! T
        case is Int.Type: return try integer(v, Int.self, path) as! T
        case is Bool.Type: return try bool(v, path) as! T
        default: return try T(from: HeaderValueDecoder(value: v, codingPath: path))
        }
    }
}

/// A coding key for array indices and `super`.
struct HeaderIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
}

struct HeaderKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: HeaderJSON]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func value(_ key: Key) throws -> HeaderJSON {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for the key \"\(key.stringValue)\""))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try HeaderPrimitive.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try HeaderPrimitive.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try HeaderPrimitive.float(value(key), type, codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try HeaderPrimitive.float(value(key), type, codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try HeaderPrimitive.integer(value(key), type, codingPath + [key]) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try HeaderPrimitive.decode(type, value(key), codingPath + [key]) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try HeaderValueDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try HeaderValueDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder {
        HeaderValueDecoder(value: object["super"] ?? .null, codingPath: codingPath + [HeaderIndexKey(stringValue: "super")])
    }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        HeaderValueDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct HeaderUnkeyedContainer: UnkeyedDecodingContainer {
    let array: [HeaderJSON]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(array: [HeaderJSON], codingPath: [any CodingKey]) { self.array = array; self.codingPath = codingPath }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    mutating func next(_ type: Any.Type) throws -> (HeaderJSON, [any CodingKey]) {
        let path = codingPath + [HeaderIndexKey(intValue: currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "the array has no more values"))
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = array[currentIndex] { currentIndex += 1; return true }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, p) = try next(type); return try HeaderPrimitive.bool(v, p) }
    mutating func decode(_ type: String.Type) throws -> String { let (v, p) = try next(type); return try HeaderPrimitive.string(v, p) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (v, p) = try next(type); return try HeaderPrimitive.float(v, type, p) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (v, p) = try next(type); return try HeaderPrimitive.float(v, type, p) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, p) = try next(type); return try HeaderPrimitive.integer(v, type, p) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { let (v, p) = try next(type); return try HeaderPrimitive.decode(type, v, p) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, p) = try next([String: Any].self)
        return try HeaderValueDecoder(value: v, codingPath: p).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, p) = try next([Any].self)
        return try HeaderValueDecoder(value: v, codingPath: p).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (v, p) = try next(Any.self)
        return HeaderValueDecoder(value: v, codingPath: p)
    }
}

struct HeaderSingleValue: SingleValueDecodingContainer {
    let value: HeaderJSON
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { if case .null = value { return true }; return false }
    func decode(_ type: Bool.Type) throws -> Bool { try HeaderPrimitive.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try HeaderPrimitive.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try HeaderPrimitive.float(value, type, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try HeaderPrimitive.float(value, type, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try HeaderPrimitive.integer(value, type, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try HeaderPrimitive.decode(type, value, codingPath) }
}
