#if canImport(Glibc)
import Glibc
#endif

/// PDF's standard security handler (ISO 32000-1 §7.6.3), as far as reading a file that opens without a password
/// needs: most encrypted PDFs carry only an owner password (printing or copying restricted), and their text is
/// encrypted with a key made from the empty user password. Revisions 2–4 (RC4 of 40–128 bits, and AES-128 with
/// `AESV2`) and 5–6 (AES-256, `AESV3`: Acrobat X's and qpdf's default); files that need a user password are refused
/// with the reason.
///
/// Revisions 2–4: the file key is Algorithm 2 of ISO 32000-1 §7.6.3.3 (MD5 of the padded password, `O`, `P`, the
/// file's first `ID` and, when metadata is left clear, four 0xFF bytes; 50 more rounds from revision 3), checked
/// against `U` (Algorithms 4 and 5) so that a file needing a password is told apart from a damaged one; each
/// stream's key is Algorithm 1 (MD5 of the file key, the object's number and generation, and "sAlT" for AES).
/// Revisions 5–6 (ISO 32000-2 §7.6.4.3.3–4): the password's hash with `U`'s validation salt must equal `U`'s first
/// 32 bytes; its hash with the key salt decrypts `UE` (AES-256, no chaining value) into the file key, which every
/// stream uses as it is. The hash is SHA-256 of password and salt (revision 5), then, from revision 6, Algorithm
/// 2.B's rounds: AES-128 encryption of the hash repeated 64 times, and SHA-256, -384 or -512 of the result, chosen
/// by its first 16 bytes, at least 64 rounds.
struct PDFSecurity {
    enum Cipher { case rc4, aes, aes256, identity }
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
        if v == 5 && (r == 5 || r == 6) {
            let (key, cipher) = try PDFSecurity.aes256Key(e, revision: r, doc: doc, advice: advice)
            self.init(key: key, cipher: cipher)
            return
        }
        guard (2...4).contains(r), (1...4).contains(v) else {
            throw PDFFailure("an encrypted PDF (version \(v), revision \(r)), which Slant does not decrypt: \(advice)")
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
        self.init(key: key, cipher: cipher)
    }

    private init(key: [UInt8], cipher: Cipher) { self.key = key; self.cipher = cipher }

    /// Revisions 5 and 6 (AES-256): the file key from `UE`, once `U` shows that the empty password opens the file.
    private static func aes256Key(_ e: [String: PDFObject], revision r: Int, doc: PDFDocument, advice: String) throws -> ([UInt8], Cipher) {
        guard case .string(let u)? = doc.resolve(e["U"]), case .string(let ue)? = doc.resolve(e["UE"]), u.count >= 48, ue.count >= 32 else {
            throw PDFFailure("an encrypted PDF whose encryption dictionary is damaged (U or UE missing or too short)")
        }
        let name = doc.resolve(e["StmF"])?.name ?? "Identity"
        let cipher: Cipher
        switch name == "Identity" ? "None" : doc.resolve(doc.dict(doc.dict(e["CF"])?[name])?["CFM"])?.name ?? "None" {
        case "AESV3": cipher = .aes256
        case "None": cipher = .identity
        case let m: throw PDFFailure("an encrypted PDF whose crypt filter (\(m)) Slant does not decrypt: \(advice)")
        }
        guard PDFSecurity.hash(password: [], salt: Array(u[32..<40]), revision: r) == Array(u[0..<32]) else {
            throw PDFFailure("an encrypted PDF that needs a password to open: \(advice)")
        }
        let intermediate = PDFSecurity.hash(password: [], salt: Array(u[40..<48]), revision: r)
        return (AES.decryptCBC(intermediate, [UInt8](repeating: 0, count: 16) + Array(ue.prefix(32)), padded: false), cipher)
    }

    /// The hash of a password (UTF-8, at most 127 bytes) with an 8-byte salt, for revision 5 (SHA-256) or 6
    /// (Algorithm 2.B of ISO 32000-2 §7.6.4.3.4); for the user password (no `U` data mixed in).
    static func hash(password: [UInt8], salt: [UInt8], revision: Int) -> [UInt8] {
        var k = SHA2.sha256(password + salt)
        guard revision >= 6 else { return k }
        var round = 0
        var e: [UInt8] = []
        // At least 64 rounds; then until the last byte of E is at most the round's number − 32.
        while round < 64 || Int(e.last ?? 0) > round - 32 {
            var k1: [UInt8] = []
            k1.reserveCapacity(64 * (password.count + k.count))
            for _ in 0..<64 { k1 += password; k1 += k }
            e = AES.encryptCBC(Array(k[0..<16]), iv: Array(k[16..<32]), k1)
            // E's first 16 bytes as a number, modulo 3 (256 ≡ 1 mod 3: the sum of the bytes).
            switch e[0..<16].reduce(0, { $0 + Int($1) }) % 3 {
            case 0: k = SHA2.sha256(e)
            case 1: k = SHA2.sha512(e, outputBytes: 48)
            default: k = SHA2.sha512(e, outputBytes: 64)
            }
            round += 1
        }
        return Array(k[0..<32])
    }

    /// The data of the stream of object `num` (generation `gen`), decrypted.
    func decrypt(_ data: [UInt8], num: Int, gen: Int) -> [UInt8] {
        if cipher == .identity { return data }
        if cipher == .aes256 { return AES.decryptCBC(key, data) }
        var k = key + [UInt8(num & 0xFF), UInt8(num >> 8 & 0xFF), UInt8(num >> 16 & 0xFF), UInt8(gen & 0xFF), UInt8(gen >> 8 & 0xFF)]
        if cipher == .aes { k += [0x73, 0x41, 0x6C, 0x54] }
        let objectKey = Array(MD5.digest(k).prefix(min(key.count + 5, 16)))
        return cipher == .aes ? AES.decryptCBC(objectKey, data) : RC4.apply(objectKey, data)
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

/// AES (FIPS-197) with 128- or 256-bit keys in CBC mode, as PDF's crypt filters use it: streams are decrypted
/// (`AESV2`, `AESV3`: the initialisation vector is the data's first 16 bytes, PKCS #5 padding), and revision 6's
/// password hash encrypts (no padding). Not constant-time: it reads files, it keeps no secrets.
enum AES {
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

    /// The round keys of `key` (16 or 32 bytes): 11 or 15 of 16 bytes.
    static func expand(_ key: [UInt8]) -> [UInt8] {
        let nk = key.count / 4, total = 16 * (nk + 7)
        var w = key
        var rcon: UInt8 = 1
        while w.count < total {
            var t = Array(w[(w.count - 4)...])
            if w.count % key.count == 0 {
                t = [sbox[Int(t[1])] ^ rcon, sbox[Int(t[2])], sbox[Int(t[3])], sbox[Int(t[0])]]
                rcon = xtime(rcon)
            } else if nk > 6 && w.count % key.count == 16 {
                t = t.map { sbox[Int($0)] }
            }
            for k in 0..<4 { w.append(w[w.count - key.count] ^ t[k]) }
        }
        return w
    }

    /// One 16-byte block decrypted with round keys `w` (`expand`'s).
    static func decryptBlock(_ block: ArraySlice<UInt8>, _ w: [UInt8]) -> [UInt8] {
        let rounds = w.count / 16 - 1
        var s = Array(block)
        for k in 0..<16 { s[k] ^= w[16 * rounds + k] }
        for round in stride(from: rounds - 1, through: 0, by: -1) {
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

    /// One 16-byte block `s` encrypted in place with round keys `w` (`expand`'s).
    static func encryptBlock(_ s: inout [UInt8], _ w: [UInt8]) {
        let rounds = w.count / 16 - 1
        for k in 0..<16 { s[k] ^= w[k] }
        var t = s
        for round in 1...rounds {
            // SubBytes and ShiftRows (row r moves r places left), then MixColumns but in the last round.
            for c in 0..<4 { for r in 0..<4 { t[r + 4 * c] = sbox[Int(s[r + 4 * ((c + r) % 4)])] } }
            if round < rounds {
                for c in 0..<4 {
                    let a0 = t[4 * c], a1 = t[4 * c + 1], a2 = t[4 * c + 2], a3 = t[4 * c + 3], all = a0 ^ a1 ^ a2 ^ a3
                    t[4 * c] = a0 ^ all ^ xtime(a0 ^ a1)
                    t[4 * c + 1] = a1 ^ all ^ xtime(a1 ^ a2)
                    t[4 * c + 2] = a2 ^ all ^ xtime(a2 ^ a3)
                    t[4 * c + 3] = a3 ^ all ^ xtime(a3 ^ a0)
                }
            }
            for k in 0..<16 { s[k] = t[k] ^ w[16 * round + k] }
        }
    }

    /// `data` (whole blocks) encrypted in CBC mode from `iv`, without padding; a last partial block is left out.
    static func encryptCBC(_ key: [UInt8], iv: [UInt8], _ data: [UInt8]) -> [UInt8] {
        let w = expand(key)
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var block = iv
        var i = 0
        while i + 16 <= data.count {
            for k in 0..<16 { block[k] ^= data[i + k] }
            encryptBlock(&block, w)
            out += block
            i += 16
        }
        return out
    }

    /// `data` (IV, then whole blocks) decrypted with a 16- or 32-byte key; when `padded`, a last block's padding
    /// removed when it is valid. Data shorter than two blocks is empty.
    static func decryptCBC(_ key: [UInt8], _ data: [UInt8], padded: Bool = true) -> [UInt8] {
        guard key.count == 16 || key.count == 32, data.count >= 32 else { return [] }
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
        if padded, let pad = out.last, pad >= 1, pad <= 16, out.count >= Int(pad), out.suffix(Int(pad)).allSatisfy({ $0 == pad }) {
            out.removeLast(Int(pad))
        }
        return out
    }
}

/// SHA-256 and SHA-512 (with SHA-384, its truncation from other initial values) of FIPS 180-4, for the AES-256
/// password hash of PDF's standard security handler.
enum SHA2 {
    static let k256: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
        0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
        0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
        0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]
    static let k512: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
        0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
        0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
        0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec, 0x6c44198c4a475817]

    /// `message` padded to whole blocks of `block` bytes, its length in bits in the last `lengthBytes`, big-endian.
    static func padded(_ message: [UInt8], block: Int, lengthBytes: Int) -> [UInt8] {
        var m = message
        m.append(0x80)
        while m.count % block != block - lengthBytes { m.append(0) }
        let bits = UInt64(message.count) &* 8
        m += [UInt8](repeating: 0, count: lengthBytes - 8)
        for i in (0..<8).reversed() { m.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
        return m
    }

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        digest(message, initial: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19] as [UInt32],
               k: k256, rotations: (sigma0: (7, 18, 3), sigma1: (17, 19, 10), sum0: (2, 13, 22), sum1: (6, 11, 25)))
    }

    /// SHA-512 (`outputBytes` 64) or SHA-384 (48: other initial values, the first 48 bytes).
    static func sha512(_ message: [UInt8], outputBytes: Int) -> [UInt8] {
        let initial: [UInt64] = outputBytes == 48
            ? [0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
               0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4]
            : [0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
               0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179]
        let out = digest(message, initial: initial, k: k512,
                         rotations: (sigma0: (1, 8, 7), sigma1: (19, 61, 6), sum0: (28, 34, 39), sum1: (14, 18, 41)))
        return Array(out.prefix(outputBytes))
    }

    /// The shift amounts of a SHA-2 function (FIPS 180-4 §4.1.2–3): σ0 and σ1 of the message schedule (two
    /// rotations and a shift), Σ0 and Σ1 of the rounds (three rotations).
    typealias Rotations = (sigma0: (Int, Int, Int), sigma1: (Int, Int, Int), sum0: (Int, Int, Int), sum1: (Int, Int, Int))

    /// SHA-256 (32-bit words, 64 rounds) or SHA-512 (64-bit words, 80 rounds): `message` padded to blocks of 16
    /// words, each block's schedule of `k.count` words, the rounds, the hash values added; the words big-endian.
    private static func digest<W: FixedWidthInteger & UnsignedInteger>(_ message: [UInt8], initial: [W], k: [W], rotations r: Rotations) -> [UInt8] {
        let bytes = W.bitWidth / 8, block = 16 * bytes
        var h = initial
        let m = padded(message, block: block, lengthBytes: 2 * bytes)
        var w = [W](repeating: 0, count: k.count)
        @inline(__always) func rotr(_ x: W, _ n: Int) -> W { x >> n | x << (W.bitWidth - n) }
        for start in stride(from: 0, to: m.count, by: block) {
            for t in 0..<16 {
                var v: W = 0
                for i in 0..<bytes { v = v << 8 | W(m[start + bytes * t + i]) }
                w[t] = v
            }
            for t in 16..<k.count {
                let s0 = rotr(w[t - 15], r.sigma0.0) ^ rotr(w[t - 15], r.sigma0.1) ^ (w[t - 15] >> r.sigma0.2)
                let s1 = rotr(w[t - 2], r.sigma1.0) ^ rotr(w[t - 2], r.sigma1.1) ^ (w[t - 2] >> r.sigma1.2)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
            for t in 0..<k.count {
                let t1 = hh &+ (rotr(e, r.sum1.0) ^ rotr(e, r.sum1.1) ^ rotr(e, r.sum1.2)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                let t2 = (rotr(a, r.sum0.0) ^ rotr(a, r.sum0.1) ^ rotr(a, r.sum0.2)) &+ ((a & b) ^ (a & c) ^ (b & c))
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] &+= v }
        }
        return h.flatMap { v in (0..<bytes).map { UInt8(truncatingIfNeeded: v >> (W.bitWidth - 8 - 8 * $0)) } }
    }
}
