import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file or stdin as a stream of bytes, transparently decompressing gzip.
///
/// Gzip is detected by its magic bytes (`1f 8b`), never by the file name. Plain files are read with
/// `read(2)` in large blocks; gzip streams through zlib. Memory use is constant (one block).
public final class ByteReader {
    /// The path as given (`-` for stdin), used in error messages.
    public let path: String
    private var fd: Int32 = -1
    private var gz: gzFile? = nil
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// Whether the input was gzip-compressed.
    public private(set) var isGzip = false
    /// The bytes read from an uncompressed input so far, in blocks (a progress measure; 0 for gzip).
    public private(set) var bytesRead = 0
    /// The longest line (or whole input, for `readAll`) accepted, in bytes: a longer one is an error, not an
    /// unbounded allocation (a gzip bomb or `/dev/zero` would otherwise grow until the machine kills us).
    public var maxLineBytes = 64 << 20
    /// Bytes of the (decompressed) input before the buffer's first byte: `offset` is this plus `start`.
    private var discarded = 0
    /// How many bytes of the (decompressed) input have been consumed: where the next byte read stands.
    public var offset: Int { discarded + start }

    /// Thrown when a line is longer than `maxLineBytes`; callers that know the line number rewrap it.
    public struct LineTooLong: Error { public let limit: Int }

    /// Opens `path` (or stdin for `-`).
    /// - Throws: `SlantError.io` when the file cannot be opened.
    public init(path: String, blockSize: Int = 1 << 20) throws {
        self.path = path
        var capacity = blockSize
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 { throw SlantError.io(path: path, message: String(cString: strerror(errno))) }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd); fd = -1
                throw SlantError.io(path: path, message: "is a directory, expected a file")
            }
            // A small regular file gets a buffer its size (and one byte, to see its end in one read): zeroing a
            // block of 1 MiB cost more than reading a page-long article (the buffer grows when it fills).
            if (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= 0, Int(st.st_size) < blockSize {
                capacity = max(16 << 10, Int(st.st_size) + 1)
            }
        }
        self.buffer = [UInt8](repeating: 0, count: min(capacity, blockSize))
        // Peek at the first two bytes to detect gzip (a pipe may deliver them one read at a time).
        while end - start < 2, try fill() {}
        if end - start >= 2, buffer[start] == 0x1f, buffer[start + 1] == 0x8b {
            isGzip = true
            // Hand the bytes already read and the rest of the descriptor to zlib through a pipe-free path:
            // rewind when possible, otherwise feed the already-read prefix to an inflate stream.
            if path != "-", lseek(fd, 0, SEEK_SET) == 0 {
                start = 0; end = 0; eof = false
                gz = gzdopen(dup(fd), "rb")
                close(fd); fd = -1
                gzbuffer(gz, 1 << 17)
            } else {
                try startInflate()
            }
        }
        // A UTF-8 byte-order mark is not part of the data (it would end up in the first record or CSV column name).
        while end - start < 3, try fill() {}
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
    }

    /// Reads `bytes` already in memory (a file of a ZIP archive, `ZipInputs`), named `path` in messages; gzip is
    /// inflated as from a file, and a byte-order mark dropped.
    public init(bytes: [UInt8], path: String, blockSize: Int = 1 << 20) throws {
        self.path = path
        self.buffer = bytes
        self.end = bytes.count
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            isGzip = true
            try startInflate()          // the bytes become the compressed input, all of it there is
            rawEOF = true
            buffer = [UInt8](repeating: 0, count: blockSize)
        } else {
            bytesRead = bytes.count
            eof = true
        }
        while end - start < 3, try fill() {}
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
    }

    deinit { release() }

    /// Closes the input and frees the buffer: what is left unread is given up. A reader kept after its end (a
    /// page waiting to be read for its article) then holds no memory to speak of.
    public func release() {
        if let gz { gzclose(gz); self.gz = nil }
        if let zs = zstream { inflateEnd(zs); zs.deallocate(); zstream = nil }
        if fd > 0 { close(fd); fd = -1 }
        buffer = []; raw = []
        start = 0; end = 0; eof = true
    }

    // MARK: streaming inflate for non-seekable gzip input (stdin)
    private var zstream: UnsafeMutablePointer<z_stream>? = nil
    private var raw: [UInt8] = []
    private var rawStart = 0, rawEnd = 0, rawEOF = false
    /// Inside a gzip member (its end not reached yet): input ending here is a truncated stream.
    private var inMember = true

    private func startInflate() throws {
        raw = Array(buffer[start..<end]) + [UInt8](repeating: 0, count: max(0, buffer.count - (end - start)))
        rawStart = 0; rawEnd = end - start
        start = 0; end = 0
        let zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        if inflateInit2_(zs, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) != Z_OK {
            throw SlantError.io(path: path, message: "cannot initialise gzip decoder")
        }
        zstream = zs
    }

    private func inflateMore() throws {
        guard let zs = zstream else { return }
        while true {
            if rawStart == rawEnd && !rawEOF {
                let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 { throw SlantError.io(path: path, message: String(cString: strerror(errno))) }
                if n == 0 { rawEOF = true } else { rawStart = 0; rawEnd = n }
            }
            if rawStart == rawEnd && rawEOF {
                if inMember { throw SlantError.io(path: path, message: "truncated gzip data: the stream ends inside a compressed member") }
                eof = true; return
            }
            let produced: Int = try raw.withUnsafeMutableBytes { rawPtr in
                try buffer.withUnsafeMutableBytes { outPtr in
                    zs.pointee.next_in = rawPtr.baseAddress!.assumingMemoryBound(to: UInt8.self) + rawStart
                    zs.pointee.avail_in = UInt32(rawEnd - rawStart)
                    zs.pointee.next_out = outPtr.baseAddress!.assumingMemoryBound(to: UInt8.self) + end
                    zs.pointee.avail_out = UInt32(outPtr.count - end)
                    let before = Int(zs.pointee.avail_out)
                    let consumedBefore = rawStart
                    let rc = inflate(zs, Z_NO_FLUSH)
                    rawStart = rawEnd - Int(zs.pointee.avail_in)
                    if rawStart > consumedBefore { inMember = true }
                    if rc == Z_STREAM_END {
                        // Concatenated gzip members: reset and keep going.
                        inMember = false
                        inflateReset(zs)
                    } else if rc != Z_OK && rc != Z_BUF_ERROR {
                        throw SlantError.io(path: path, message: "corrupt gzip data (zlib error \(rc))")
                    }
                    return before - Int(zs.pointee.avail_out)
                }
            }
            end += produced
            if produced > 0 { return }
        }
    }

    /// Refills the buffer, keeping unread bytes. Returns false at end of input.
    @discardableResult
    private func fill() throws -> Bool {
        if eof { return false }
        if start > 0 {
            discarded += start
            let n = end - start
            if n > 0 {
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, n)
                }
            }
            start = 0; end = n
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        if zstream != nil { try inflateMore(); return end > start }
        let n: Int
        if let gz {
            n = Int(buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress! + end, UInt32($0.count - end)) })
            if n < 0 {
                var errnum: Int32 = 0
                let msg = Self.zlibMessage(gzerror(gz, &errnum))
                throw SlantError.io(path: path, message: "corrupt gzip data: \(msg)")
            }
        } else {
            n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + end, $0.count - end) }
            if n < 0 { throw SlantError.io(path: path, message: String(cString: strerror(errno))) }
            bytesRead += n
        }
        if n == 0 {
            if let gz {
                // zlib reports a stream cut short only through gzerror after the last read.
                var errnum: Int32 = 0
                let msg = Self.zlibMessage(gzerror(gz, &errnum))
                if errnum != Z_OK { throw SlantError.io(path: path, message: "truncated or corrupt gzip data: \(msg)") }
            }
            eof = true; return false
        }
        end += n
        return true
    }

    /// zlib's error message without the name it gave the stream ("<fd:7>: unexpected end of file" is "unexpected
    /// end of file"): the file's path is already in the error, and a descriptor number means nothing to a user.
    static func zlibMessage(_ raw: UnsafePointer<CChar>?) -> String {
        guard let raw else { return "unknown zlib error" }
        let msg = String(cString: raw)
        if msg.hasPrefix("<fd:"), let close = msg.firstIndex(of: ">") {
            var rest = msg[msg.index(after: close)...]
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            let trimmed = rest.drop { $0 == " " }
            return trimmed.isEmpty ? msg : String(trimmed)
        }
        return msg
    }

    /// Calls `body` with the next line (without its `\n` or `\r\n`), or returns false at end of input.
    /// The buffer passed to `body` is only valid during the call.
    /// - Complexity: O(line length), amortised; no allocation per line.
    @inline(__always)
    public func nextLine<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R? {
        var scanFrom = start
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { p in
                guard scanFrom < end else { return nil }
                let base = p.baseAddress! + scanFrom
                if let hit = memchr(base, 0x0A, end - scanFrom) {
                    return scanFrom + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
                }
                return nil
            }
            if let nl = found {
                if nl - start > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
                let lineStart = start
                start = nl + 1
                var lineEnd = nl
                return try buffer.withUnsafeBufferPointer { p in
                    if lineEnd > lineStart && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    return try body(UnsafeBufferPointer(rebasing: p[lineStart..<lineEnd]))
                }
            }
            let consumed = end - start
            if consumed > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
            if try !fill() {
                if start < end {
                    if end - start > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
                    let lineStart = start
                    var lineEnd = end
                    start = end
                    return try buffer.withUnsafeBufferPointer { p in
                        if lineEnd > lineStart && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                        return try body(UnsafeBufferPointer(rebasing: p[lineStart..<lineEnd]))
                    }
                }
                return nil
            }
            scanFrom = start + consumed
        }
    }

    /// The next byte, or nil at end of input.
    @inline(__always)
    public func nextByte() throws -> UInt8? {
        if start == end { if try !fill() { return nil } }
        let b = buffer[start]
        start += 1
        return b
    }

    /// Peeks at the next byte without consuming it.
    @inline(__always)
    public func peekByte() throws -> UInt8? {
        if start == end { if try !fill() { return nil } }
        return buffer[start]
    }

    /// Calls `body` with the bytes read but not yet consumed (reading more when there are none) and consumes as many
    /// as it says; nil at end of input. For scanners that look at every byte: a chunk at a time, not a call a byte.
    public func consume<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> (consumed: Int, result: R)) throws -> R? {
        if start == end, try !fill() { return nil }
        let (n, r) = try buffer.withUnsafeBufferPointer { p in try body(UnsafeBufferPointer(rebasing: p[start..<end])) }
        start += n
        return r
    }

    /// The next `count` bytes (fewer at the end of input), left unread.
    public func peek(_ count: Int) throws -> [UInt8] {
        while end - start < count, try fill() {}
        return Array(buffer[start..<min(end, start + count)])
    }

    /// Appends the next `count` bytes to `out` (fewer at the end of input) and returns how many were appended.
    /// - Complexity: O(count).
    @discardableResult
    public func readBytes(_ count: Int, into out: inout [UInt8]) throws -> Int {
        var left = count
        while left > 0 {
            if start == end, try !fill() { break }
            let n = min(left, end - start)
            out.append(contentsOf: buffer[start..<(start + n)])
            start += n; left -= n
        }
        return count - left
    }

    /// Passes over the next `count` bytes without keeping them (fewer at the end of input); returns how many.
    /// - Complexity: O(count) reading, O(1) memory.
    @discardableResult
    public func skip(_ count: Int) throws -> Int {
        var left = count
        while left > 0 {
            if start == end, try !fill() { break }
            let n = min(left, end - start)
            start += n; left -= n
        }
        return count - left
    }

    /// Reads everything that is left.
    public func readAll() throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            out.append(contentsOf: buffer[start..<end])
            start = end
            if out.count > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
            if try !fill() { break }
        }
        return out
    }
}
