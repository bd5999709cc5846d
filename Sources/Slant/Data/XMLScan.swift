/// The few steps of reading XML that Slant's document readers share (`WordDocument`, `OpenDocument`): a tag's name,
/// its end, an attribute's value, and markup to pass over. Not a general XML parser: elements are found by their
/// qualified names as the writers spell them ("w:p", "text:p"), and text is decoded by
/// `WordDocument.appendDecoded`.
enum XMLScan {
    /// The range of the tag name starting at `s`.
    static func name(_ b: UnsafeBufferPointer<UInt8>, from s: Int) -> (Int, Int) {
        var e = s
        while e < b.count, b[e] != 0x20, b[e] != 0x09, b[e] != 0x0A, b[e] != 0x0D, b[e] != 0x2F, b[e] != 0x3E { e += 1 }
        return (s, e)
    }

    /// Whether b[r] spells `lit`.
    static func equals(_ b: UnsafeBufferPointer<UInt8>, _ r: (Int, Int), _ lit: StaticString) -> Bool {
        guard r.1 - r.0 == lit.utf8CodeUnitCount else { return false }
        let p = lit.utf8Start
        for k in 0..<(r.1 - r.0) where b[r.0 + k] != p[k] { return false }
        return true
    }

    /// The end of the tag opened at `s` (index of its ">", quoted values passed over), and whether it closes itself.
    static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> (Int, Bool) {
        var e = s, quote: UInt8 = 0
        while e < b.count {
            let c = b[e]
            if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { break }
            e += 1
        }
        return (e, e > s && e < b.count && b[e - 1] == 0x2F)
    }

    /// The value of attribute `key` (`key="value"` or with single quotes) inside the tag b[s..<e], as written.
    static func attribute(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ key: StaticString) -> String? {
        let k = key.utf8Start, kn = key.utf8CodeUnitCount
        var j = s
        while j + kn + 2 < e {
            var match = b[j - 1] == 0x20 || b[j - 1] == 0x09 || b[j - 1] == 0x0A || b[j - 1] == 0x0D
            if match { for t in 0..<kn where b[j + t] != k[t] { match = false; break } }
            if match, b[j + kn] == 0x3D, b[j + kn + 1] == 0x22 || b[j + kn + 1] == 0x27 {
                let q = b[j + kn + 1]
                var v = j + kn + 2
                while v < e, b[v] != q { v += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[(j + kn + 2)..<v]), as: UTF8.self)
            }
            j += 1
        }
        return nil
    }

    /// Where reading goes on after markup that is no element at `i` ("<"): a comment, a processing instruction or a
    /// declaration; nil when an element opens there.
    static func pastMarkup(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = b.count
        if i + 3 < n, b[i + 1] == 0x21, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
            var j = i + 4
            while j + 2 < n, !(b[j] == 0x2D && b[j + 1] == 0x2D && b[j + 2] == 0x3E) { j += 1 }
            return j + 3
        }
        if i + 1 < n, b[i + 1] == 0x3F || b[i + 1] == 0x21 { return tagEnd(b, i + 1).0 + 1 }
        return nil
    }
}
