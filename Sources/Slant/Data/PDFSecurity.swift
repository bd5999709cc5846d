#if canImport(Glibc)
import Glibc
#endif

/// PDF's standard security handler (ISO 32000-1 §7.6.3), as far as reading a file that opens without a password
/// needs: most encrypted PDFs carry only an owner password (printing or copying restricted), and their text is
/// encrypted with a key made from the empty user password. Revisions 2–4 (RC4 of 40–128 bits, and AES-128 with
/// `AESV2`); revision 5–6 (AES-256) and files that need a user password are refused with the reason.
///
/// The file key is Algorithm 2 of §7.6.3.3 (MD5 of the padded password, `O`, `P`, the file's first `ID` and, when
/// metadata is left clear, four 0xFF bytes; 50 more rounds from revision 3), checked against `U` (Algorithms 4 and 5)
/// so that a file needing a password is told apart from a damaged one; each stream's key is Algorithm 1 (MD5 of the
/// file key, the object's number and generation, and "sAlT" for AES).
struct PDFSecurity {
    enum Cipher { case rc4, aes, identity }
    let key: [UInt8]
    let cipher: Cipher

    /// The padding of §7.6.3.3: what an empty password becomes.
    static let padding: [UInt8] = [0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
                                   0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A]

    /// The handler of encryption dictionary `e` with the file's first `ID`.
    /// - Throws: `PDFFailure` for another handler, an unknown revision, or a file that needs a password.
    init(_ e: [String: PDFObject], id: [UInt8], doc: PDFDocument) throws {
        let advice = "decrypt it first (qpdf --password=PASSWORD --decrypt in.pdf out.pdf) or extract its text (pdftotext in.pdf out.txt)"
        guard doc.resolve(e["Filter"])?.name == "Standard" else {
            throw PDFFailure("an encrypted PDF whose security handler (\(doc.resolve(e["Filter"])?.name ?? "none")) Slant does not read: \(advice)")
        }
        let v = Int(doc.number(e["V"]) ?? 0), r = Int(doc.number(e["R"]) ?? 0)
        guard (2...4).contains(r), (1...4).contains(v) else {
            throw PDFFailure("an encrypted PDF (revision \(r)\(r >= 5 ? ", AES-256" : "")), which Slant does not decrypt: \(advice)")
        }
        guard case .string(let o)? = doc.resolve(e["O"]), case .string(let u)? = doc.resolve(e["U"]), o.count >= 32, u.count >= 16,
              let p = doc.number(e["P"]) else {
            throw PDFFailure("an encrypted PDF whose encryption dictionary is damaged (O, U or P missing)")
        }
        var cipher = Cipher.rc4
        var bits = v == 1 ? 40 : Int(doc.number(e["Length"]) ?? 40)
        if v == 4 {
            // Crypt filters: the one streams use (StmF), its method (V2: RC4, AESV2: AES-128, None).
            let name = doc.resolve(e["StmF"])?.name ?? "Identity"
            let filter = doc.dict(doc.dict(e["CF"])?[name])
            switch name == "Identity" ? "None" : doc.resolve(filter?["CFM"])?.name ?? "None" {
            case "V2": cipher = .rc4
            case "AESV2": cipher = .aes
            case "None": cipher = .identity
            case let m: throw PDFFailure("an encrypted PDF whose crypt filter (\(m)) Slant does not decrypt: \(advice)")
            }
            bits = Int(doc.number(filter?["Length"]) ?? 128)
            if bits <= 16 { bits *= 8 }     // (some writers give the length in bytes)
        }
        let n = max(5, min(16, bits / 8))
        var input = PDFSecurity.padding + Array(o.prefix(32))
        let pv = UInt32(bitPattern: Int32(truncatingIfNeeded: Int64(p)))
        input += [UInt8(pv & 0xFF), UInt8(pv >> 8 & 0xFF), UInt8(pv >> 16 & 0xFF), UInt8(pv >> 24)]
        input += id
        if r >= 4, case .bool(false)? = doc.resolve(e["EncryptMetadata"]) { input += [0xFF, 0xFF, 0xFF, 0xFF] }
        var hash = MD5.digest(input)
        if r >= 3 { for _ in 0..<50 { hash = MD5.digest(Array(hash.prefix(n))) } }
        let key = Array(hash.prefix(n))
        // The empty user password's U (Algorithm 4, or 5 from revision 3: its first 16 bytes count).
        let expected: [UInt8]
        if r == 2 {
            expected = RC4.apply(key, PDFSecurity.padding)
        } else {
            var x = RC4.apply(key, MD5.digest(PDFSecurity.padding + id))
            for i in 1...19 { x = RC4.apply(key.map { $0 ^ UInt8(i) }, x) }
            expected = x
        }
        guard Array(expected.prefix(16)) == Array(u.prefix(16)) else {
            throw PDFFailure("an encrypted PDF that needs a password to open: \(advice)")
        }
        self.key = key
        self.cipher = cipher
    }

    /// The data of the stream of object `num` (generation `gen`), decrypted.
    func decrypt(_ data: [UInt8], num: Int, gen: Int) -> [UInt8] {
        if cipher == .identity { return data }
        var k = key + [UInt8(num & 0xFF), UInt8(num >> 8 & 0xFF), UInt8(num >> 16 & 0xFF), UInt8(gen & 0xFF), UInt8(gen >> 8 & 0xFF)]
        if cipher == .aes { k += [0x73, 0x41, 0x6C, 0x54] }
        let objectKey = Array(MD5.digest(k).prefix(min(key.count + 5, 16)))
        return cipher == .aes ? AES128.decryptCBC(objectKey, data) : RC4.apply(objectKey, data)
    }
}

/// MD5 (RFC 1321), for the keys of PDF's standard security handler: not for anything that needs a secure hash.
enum MD5 {
    static let s: [UInt32] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                              5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21,
                              6, 10, 15, 21, 6, 10, 15, 21]
    /// floor(2^32 × |sin(i + 1)|).
    static let k: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64((abs(sin(Double($0 + 1))) * 4294967296.0).rounded(.down))) }

    static func digest(_ message: [UInt8]) -> [UInt8] {
        var m = message
        let bitLength = UInt64(message.count) &* 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in 0..<8 { m.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
        var a0: UInt32 = 0x6745_2301, b0: UInt32 = 0xEFCD_AB89, c0: UInt32 = 0x98BA_DCFE, d0: UInt32 = 0x1032_5476
        var w = [UInt32](repeating: 0, count: 16)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for j in 0..<16 {
                let b = chunk + 4 * j
                w[j] = UInt32(m[b]) | UInt32(m[b + 1]) << 8 | UInt32(m[b + 2]) << 16 | UInt32(m[b + 3]) << 24
            }
            var a = a0, b = b0, c = c0, d = d0
            for i in 0..<64 {
                var f: UInt32, g: Int
                switch i {
                case 0..<16: f = (b & c) | (~b & d); g = i
                case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
                case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
                default: f = c ^ (b | ~d); g = (7 * i) % 16
                }
                f = f &+ a &+ k[i] &+ w[g]
                a = d; d = c; c = b
                b = b &+ (f << s[i] | f >> (32 - s[i]))
            }
            a0 = a0 &+ a; b0 = b0 &+ b; c0 = c0 &+ c; d0 = d0 &+ d
        }
        return [a0, b0, c0, d0].flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
    }
}

/// RC4, as PDF's standard security handler of revisions 2–4 uses it (its own inverse).
enum RC4 {
    static func apply(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        guard !key.isEmpty else { return data }
        var s = (0...255).map { UInt8($0) }
        var j = 0
        for i in 0..<256 {
            j = (j + Int(s[i]) + Int(key[i % key.count])) & 0xFF
            s.swapAt(i, j)
        }
        var out = data
        var i = 0
        j = 0
        for n in out.indices {
            i = (i + 1) & 0xFF
            j = (j + Int(s[i])) & 0xFF
            s.swapAt(i, j)
            out[n] ^= s[(Int(s[i]) + Int(s[j])) & 0xFF]
        }
        return out
    }
}

/// AES-128 decryption (FIPS-197) in CBC mode with the initialisation vector as the data's first 16 bytes and
/// PKCS #5 padding, as PDF's `AESV2` crypt filter writes streams.
enum AES128 {
    static let sbox: [UInt8] = {
        // The S-box from its definition: the multiplicative inverse in GF(2^8), then the affine map.
        var box = [UInt8](repeating: 0, count: 256)
        var p: UInt8 = 1, q: UInt8 = 1
        repeat {
            p = p ^ (p << 1) ^ (p & 0x80 != 0 ? 0x1B : 0)
            q ^= q << 1; q ^= q << 2; q ^= q << 4
            if q & 0x80 != 0 { q ^= 0x09 }
            let r = q ^ (q << 1 | q >> 7) ^ (q << 2 | q >> 6) ^ (q << 3 | q >> 5) ^ (q << 4 | q >> 4)
            box[Int(p)] = r ^ 0x63
        } while p != 1
        box[0] = 0x63
        return box
    }()
    static let inverse: [UInt8] = {
        var inv = [UInt8](repeating: 0, count: 256)
        for (i, v) in sbox.enumerated() { inv[Int(v)] = UInt8(i) }
        return inv
    }()

    @inline(__always) static func xtime(_ x: UInt8) -> UInt8 { (x << 1) ^ (x & 0x80 != 0 ? 0x1B : 0) }
    static func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, r: UInt8 = 0
        while b != 0 { if b & 1 != 0 { r ^= a }; a = xtime(a); b >>= 1 }
        return r
    }

    /// The 11 round keys of `key` (16 bytes).
    static func expand(_ key: [UInt8]) -> [UInt8] {
        var w = key
        var rcon: UInt8 = 1
        while w.count < 176 {
            var t = Array(w[(w.count - 4)...])
            if w.count % 16 == 0 {
                t = [sbox[Int(t[1])] ^ rcon, sbox[Int(t[2])], sbox[Int(t[3])], sbox[Int(t[0])]]
                rcon = xtime(rcon)
            }
            for k in 0..<4 { w.append(w[w.count - 16] ^ t[k]) }
        }
        return w
    }

    /// One 16-byte block decrypted with round keys `w`.
    static func decryptBlock(_ block: ArraySlice<UInt8>, _ w: [UInt8]) -> [UInt8] {
        var s = Array(block)
        for k in 0..<16 { s[k] ^= w[160 + k] }
        for round in stride(from: 9, through: 0, by: -1) {
            // InvShiftRows (state column-major: byte r + 4c), InvSubBytes.
            var t = s
            for c in 0..<4 { for r in 0..<4 { t[r + 4 * ((c + r) % 4)] = s[r + 4 * c] } }
            for k in 0..<16 { s[k] = inverse[Int(t[k])] ^ w[16 * round + k] }
            if round > 0 {
                for c in 0..<4 {
                    let a0 = s[4 * c], a1 = s[4 * c + 1], a2 = s[4 * c + 2], a3 = s[4 * c + 3]
                    s[4 * c] = mul(a0, 14) ^ mul(a1, 11) ^ mul(a2, 13) ^ mul(a3, 9)
                    s[4 * c + 1] = mul(a0, 9) ^ mul(a1, 14) ^ mul(a2, 11) ^ mul(a3, 13)
                    s[4 * c + 2] = mul(a0, 13) ^ mul(a1, 9) ^ mul(a2, 14) ^ mul(a3, 11)
                    s[4 * c + 3] = mul(a0, 11) ^ mul(a1, 13) ^ mul(a2, 9) ^ mul(a3, 14)
                }
            }
        }
        return s
    }

    /// `data` (IV, then whole blocks) decrypted; a last block's padding removed when it is valid. Data shorter than
    /// two blocks is empty.
    static func decryptCBC(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        guard key.count == 16, data.count >= 32 else { return [] }
        let w = expand(key)
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var prev = Array(data[0..<16])
        var i = 16
        while i + 16 <= data.count {
            let block = data[i..<(i + 16)]
            let plain = decryptBlock(block, w)
            for k in 0..<16 { out.append(plain[k] ^ prev[k]) }
            prev = Array(block)
            i += 16
        }
        if let pad = out.last, pad >= 1, pad <= 16, out.count >= Int(pad), out.suffix(Int(pad)).allSatisfy({ $0 == pad }) {
            out.removeLast(Int(pad))
        }
        return out
    }
}
