import CZlib

/// zlib's inflate over a whole buffer held in memory, stopped at a limit: what a web archive's compressed payloads
/// (`WebArchiveReader`) and a ZIP archive's members (`ZipArchive`) are read with. (Streams read as they come, gzip
/// files and stdin, are `ByteReader`'s.)
enum Inflater {
    /// `data` inflated with zlib's `windowBits` (15 + 16: gzip, 15: zlib, −15: raw deflate), stopping once more than
    /// `limit` bytes came out: the bytes and zlib's last return code (`Z_STREAM_END` when the stream ended); nil
    /// when zlib could not start.
    /// - Complexity: O(the bytes out, at most `limit` + 64 KiB).
    static func inflate(_ data: ArraySlice<UInt8>, windowBits: Int32, limit: Int) -> (bytes: [UInt8], rc: Int32)? {
        var zs = z_stream()
        guard inflateInit2_(&zs, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&zs) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var rc: Int32 = Z_OK
        data.withUnsafeBufferPointer { inp in
            // (zlib only reads its input; its header declares it writable.)
            zs.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
            zs.avail_in = UInt32(inp.count)
            while true {
                rc = chunk.withUnsafeMutableBufferPointer { c in
                    zs.next_out = c.baseAddress
                    zs.avail_out = UInt32(c.count)
                    return CZlib.inflate(&zs, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(zs.avail_out)
                out.append(contentsOf: chunk[..<produced])
                if out.count > limit || rc != Z_OK || (produced == 0 && zs.avail_in == 0) { break }
            }
        }
        return (out, rc)
    }
}
