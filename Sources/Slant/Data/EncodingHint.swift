/// What bytes that are not UTF-8 probably are, so that an input error can say how to convert the file.
///
/// Slant reads UTF-8 only (a UTF-8 byte-order mark is skipped). The other encodings text files come in are
/// told apart by their bytes: UTF-16 (what Windows tools call "Unicode") starts with the byte-order mark
/// FF FE or FE FF, or, without one, has a zero byte beside nearly every ASCII character; Latin-1 and
/// Windows-1252 (older Windows and Excel exports) are single bytes of 0x80 and above between ASCII text; binary
/// data (a wrong file, an archive) has control bytes that text does not (2% or more of them).
public enum EncodingHint {
    /// A sentence naming the likely encoding of `bytes` (a record, a line or a field that failed to decode as
    /// UTF-8, or that does not start as JSON) and the command that converts `path` to UTF-8; nil when the bytes
    /// look like none of them (e.g. valid UTF-8 that is not JSON).
    /// - Complexity: O(min(n, 4,096)).
    public static func describe(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> String? {
        let n = min(bytes.count, 4096)
        guard n > 0 else { return nil }
        let file = path == "-" ? "" : " " + shellQuoted(path)
        let output = path == "-" ? "" : " > " + shellQuoted(path + ".utf8")
        if n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return "the input is UTF-16 (it starts with a UTF-16 byte-order mark); Slant reads UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8\(file)\(output)"
        }
        var zerosEven = 0, zerosOdd = 0, high = 0, control = 0
        for i in 0..<n {
            let b = bytes[i]
            if b == 0 { if i % 2 == 0 { zerosEven += 1 } else { zerosOdd += 1 } }
            if b >= 0x80 { high += 1 }
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F { control += 1 }
        }
        // UTF-16 without a mark: a zero beside each ASCII character, on the odd bytes (little-endian) or the even.
        if 4 * max(zerosEven, zerosOdd) >= n {
            let order = zerosOdd >= zerosEven ? "UTF-16LE" : "UTF-16BE"
            return "the input looks like \(order) (a zero byte beside each character); Slant reads UTF-8: convert it first, e.g. iconv -f \(order) -t UTF-8\(file)\(output)"
        }
        // Control bytes other than tabs and line ends: no text encoding has many (random or compressed data
        // has one in eight).
        if 50 * control >= n {
            return "the input looks like binary data, not text (\(control) control bytes in its first \(n)); is it the file meant? Slant reads UTF-8 text: JSONL, CSV or TSV, plain text, or any of them gzip-compressed"
        }
        guard high > 0 else { return nil }
        // Cut where a character starts, so that a sequence split at the cut does not count as invalid.
        var end = n
        if n < bytes.count { while end > 0 && n - end < 3 && bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        if String(validating: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self) == nil {
            return "the input may be Latin-1 or Windows-1252 (bytes of 0x80 and above that are not UTF-8); Slant reads UTF-8: convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8\(file)\(output)"
        }
        return nil
    }

    /// The error message for a text that holds a zero byte (at offset `at` of `bytes`): no text file has one,
    /// and UTF-16 has one beside each ASCII character while being valid UTF-8 byte by byte, so a UTF-16 file
    /// without a byte-order mark would otherwise be read as letters with zeros between.
    static func zeroByte(at: Int, _ bytes: UnsafeBufferPointer<UInt8>, path: String, what: String) -> String {
        message("\(what) holds a zero byte (byte \(at)), which text does not", bytes, path: path)
    }

    /// `describe` for an array.
    public static func describe(_ bytes: [UInt8], path: String) -> String? {
        bytes.withUnsafeBufferPointer { describe($0, path: path) }
    }

    /// `message` with the hint for `bytes` after it, when there is one.
    static func message(_ message: String, _ bytes: UnsafeBufferPointer<UInt8>, path: String) -> String {
        describe(bytes, path: path).map { message + ": " + $0 } ?? message
    }

    /// A path as a POSIX shell reads it back: plain when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ s: String) -> String {
        let safe = s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2F || b == 0x2E || b == 0x2D || b == 0x5F
        }
        if safe && !s.isEmpty { return s }
        var out = "'"
        for c in s { if c == "'" { out += "'\\''" } else { out.append(c) } }
        return out + "'"
    }
}
