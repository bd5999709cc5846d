import CZlib

/// The members of a ZIP archive, as far as reading a Word document (`.docx`, `WordDocument`) needs: the central
/// directory's list of members and one member's bytes, stored or deflated, checked against its CRC-32.
///
/// The format is PKWARE's APPNOTE.TXT (sections 4.3.6–4.3.16): members, each behind a local header, then a central
/// directory of them and an end record that says where the directory is. The directory is read rather than the
/// local headers, since a member written as a stream (flag bit 3) gives its sizes only there. Not read, each
/// refused with its reason: ZIP64 (archives of 4 GiB or 65,535 members and more), encrypted members, and
/// compression methods other than stored (0) and deflate (8). Every offset and size is checked against the
/// archive's length, and a member's bytes against `limit` as they are inflated, whatever its header declares
/// (a "zip bomb" stops at the limit).
public enum ZipArchive {
    /// One member, as the central directory gives it.
    public struct Member: Equatable, Sendable {
        public var name: String
        public var method: UInt16
        public var flags: UInt16
        public var crc: UInt32
        public var compressedSize: Int
        public var size: Int
        public var localHeader: Int
    }

    /// Why an archive or a member could not be read.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// Whether `bytes` open as a ZIP archive does ("PK\u{3}\u{4}", or an empty archive's end record).
    public static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 && bytes[3] == 4 || bytes[2] == 5 && bytes[3] == 6)
    }

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// The members of the archive `bytes`, in the directory's order.
    /// - Throws: `Failure` when the end record or the directory is missing, cut short or points outside the archive.
    /// - Complexity: O(bytes' last 64 KiB + the directory).
    public static func members(_ bytes: [UInt8]) throws(Failure) -> [Member] {
        // The end record: 22 bytes and a comment of up to 65,535, so it is found from the end.
        guard bytes.count >= 22 else { throw Failure("the file is too short to be a ZIP archive (\(bytes.count) bytes)") }
        var e = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while e >= lowest, !(u32(bytes, e) == 0x0605_4B50 && e + 22 + Int(u16(bytes, e + 20)) <= bytes.count) { e -= 1 }
        guard e >= lowest else {
            throw Failure("no ZIP end record (the file is cut short, or it is no ZIP archive)")
        }
        let count = Int(u16(bytes, e + 10)), size = Int(u32(bytes, e + 12)), offset = Int(u32(bytes, e + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw Failure("a ZIP64 archive, which is not read")
        }
        guard offset + size <= e else { throw Failure("the ZIP directory (\(size) bytes at \(offset)) lies outside the file") }
        var out: [Member] = []
        out.reserveCapacity(count)
        var p = offset
        for k in 0..<count {
            guard p + 46 <= offset + size, u32(bytes, p) == 0x0201_4B50 else {
                throw Failure("ZIP directory entry \(k + 1) of \(count) is malformed")
            }
            let nameLength = Int(u16(bytes, p + 28)), extra = Int(u16(bytes, p + 30)), comment = Int(u16(bytes, p + 32))
            guard p + 46 + nameLength <= offset + size else { throw Failure("ZIP directory entry \(k + 1) of \(count) is cut short") }
            let m = Member(name: String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
                           method: u16(bytes, p + 10), flags: u16(bytes, p + 8), crc: u32(bytes, p + 16),
                           compressedSize: Int(u32(bytes, p + 20)), size: Int(u32(bytes, p + 24)), localHeader: Int(u32(bytes, p + 42)))
            out.append(m)
            p += 46 + nameLength + extra + comment
        }
        return out
    }

    /// The bytes of member `m` of the archive `bytes`, at most `limit` of them.
    /// - Throws: `Failure` for an encrypted member, another compression method, a header or data outside the
    ///   archive, corrupt deflate data, more than `limit` bytes, or bytes whose CRC-32 is not the directory's.
    /// - Complexity: O(the member's size).
    public static func read(_ m: Member, from bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        if m.flags & 1 != 0 { throw Failure("\(m.name) is encrypted") }
        guard m.method == 0 || m.method == 8 else {
            throw Failure("\(m.name) is compressed with method \(m.method); only stored (0) and deflate (8) are read")
        }
        let h = m.localHeader
        guard h + 30 <= bytes.count, u32(bytes, h) == 0x0403_4B50 else { throw Failure("\(m.name)'s local header is missing") }
        let start = h + 30 + Int(u16(bytes, h + 26)) + Int(u16(bytes, h + 28))
        guard start + m.compressedSize <= bytes.count else { throw Failure("\(m.name)'s data lies outside the file (cut short?)") }
        let data = bytes[start..<(start + m.compressedSize)]
        var out: [UInt8]
        if m.method == 0 {
            guard data.count <= limit else { throw Failure("\(m.name) is longer than the limit of \(limit) bytes") }
            out = Array(data)
        } else {
            out = try inflateRaw(data, limit: limit, name: m.name)
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard crc == m.crc else { throw Failure("\(m.name) is corrupt: its CRC-32 is \(hex(crc)), the directory says \(hex(m.crc))") }
        return out
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    /// Raw deflate data inflated, at most `limit` bytes.
    static func inflateRaw(_ data: ArraySlice<UInt8>, limit: Int, name: String) throws(Failure) -> [UInt8] {
        guard let (out, rc) = Inflater.inflate(data, windowBits: -15, limit: limit) else { throw Failure("the decompressor could not start") }
        if out.count > limit { throw Failure("\(name) is longer than the limit of \(limit) bytes when inflated") }
        guard rc == Z_STREAM_END else {
            throw Failure(rc == Z_OK || rc == Z_BUF_ERROR ? "\(name)'s compressed data ends early (the file is cut short?)"
                                                          : "\(name)'s compressed data is corrupt (zlib error \(rc))")
        }
        return out
    }

    /// An archive of `members`, stored uncompressed (method 0) but for those named in `deflating` (method 8), with
    /// a central directory and an end record: what the tests and the fuzzer's seeds build Word documents with.
    public static func make(_ members: [(name: String, bytes: [UInt8])], deflating: Set<String> = []) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        func le16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        for m in members {
            let name = Array(m.name.utf8), method = deflating.contains(m.name) ? 8 : 0
            let data = method == 8 ? deflateRaw(m.bytes) : m.bytes
            let crc = m.bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            let offset = UInt32(out.count)
            // Local header: signature, version, flags, method, time, date, CRC, sizes, name and extra lengths.
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(method, &out); le32(0, &out)
            le32(crc, &out); le32(UInt32(data.count), &out); le32(UInt32(m.bytes.count), &out); le16(name.count, &out); le16(0, &out)
            out += name + data
            // Directory entry: the same, with the versions, comment, disk, attributes and the local header's offset.
            le32(0x0201_4B50, &directory); le16(20, &directory); le16(20, &directory); le16(0, &directory); le16(method, &directory)
            le32(0, &directory); le32(crc, &directory); le32(UInt32(data.count), &directory); le32(UInt32(m.bytes.count), &directory)
            le16(name.count, &directory); le16(0, &directory); le16(0, &directory); le16(0, &directory); le16(0, &directory)
            le32(0, &directory); le32(offset, &directory)
            directory += name
        }
        let at = UInt32(out.count)
        out += directory
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(members.count, &out); le16(members.count, &out)
        le32(UInt32(directory.count), &out); le32(at, &out); le16(0, &out)
        return out
    }

    /// Raw deflate of `bytes` (zlib's level 6); with `windowBits` 15, in zlib's format (PDF's FlateDecode).
    static func deflateRaw(_ bytes: [UInt8], windowBits: Int32 = -15) -> [UInt8] {
        var zs = z_stream()
        guard deflateInit2_(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib's deflate could not start")
        }
        defer { deflateEnd(&zs) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(bytes.count))) + 16)
        var input = bytes
        input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                zs.next_in = i.baseAddress; zs.avail_in = UInt32(i.count)
                zs.next_out = o.baseAddress; zs.avail_out = UInt32(o.count)
                precondition(deflate(&zs, Z_FINISH) == Z_STREAM_END, "deflateBound is enough for one call")
            }
        }
        return Array(out[..<Int(zs.total_out)])
    }
}
