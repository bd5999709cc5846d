import Foundation

/// What an earlier, interrupted `slant-score --output FILE` run left in FILE, so that `--resume` can go on where
/// it stopped: the ids of its complete JSONL lines, in order, and its last complete line.
///
/// A run over millions of articles that is killed, preempted or stopped by a full disk leaves complete lines and
/// perhaps one cut off. The resumed run cuts that partial line off, skips the input records whose ids the
/// complete lines name (in order: ids may repeat across files, since plain records are numbered per file),
/// scores the last of them again and compares the bytes with the line on file (so that a file written with
/// another model or other options is refused rather than continued), then appends the rest.
/// - Complexity: one pass over the file, a megabyte at a time; memory is the ids.
public struct ResumedOutput: Sendable, Equatable {
    /// The file.
    public var path: String
    /// The ids of the complete lines, in file order.
    public var ids: [String]
    /// The last complete line, without its newline.
    public var lastLine: [UInt8]
    /// Bytes of the complete lines, newlines included: where appending starts.
    public var length: Int
    /// Bytes after the last newline: a line the interrupted run cut off (0 when the file ends with a newline).
    public var cutOff: Int

    public init(path: String, ids: [String], lastLine: [UInt8], length: Int, cutOff: Int) {
        self.path = path; self.ids = ids; self.lastLine = lastLine; self.length = length; self.cutOff = cutOff
    }

    /// Reads `path`; nil when it does not exist. An empty file gives no ids.
    /// - Throws: `SlantError.io` when the file cannot be read, or when a complete line is not one `slant-score`
    ///   writes as JSONL (an object that opens with its record's `"id"` string and closes on the same line),
    ///   naming the line.
    public static func read(_ path: String) throws -> ResumedOutput? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)   // (a FIFO would block the open: it is refused below)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw SlantError.io(path: path, message: "cannot be read to resume it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw SlantError.io(path: path, message: "--resume needs a regular file to append to (not a pipe or device)")
        }
        var out = ResumedOutput(path: path, ids: [], lastLine: [], length: 0, cutOff: 0)
        var pending: [UInt8] = []      // the current line's bytes so far
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineNumber = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SlantError.io(path: path, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            var start = 0
            while start < n {
                guard let nl = chunk[start..<n].firstIndex(of: 0x0A) else {
                    pending.append(contentsOf: chunk[start..<n])
                    // A line that does not open as slant-score's do is refused now, not after reading it whole
                    // (a large file of something else, with no line break, would otherwise be read into memory).
                    if pending.count >= linePrefix.count, !pending.starts(with: linePrefix) {
                        _ = try id(of: pending, line: lineNumber + 1, path: path)
                    }
                    break
                }
                pending.append(contentsOf: chunk[start..<nl])
                lineNumber += 1
                out.ids.append(try id(of: pending, line: lineNumber, path: path))
                out.length += pending.count + 1
                swap(&out.lastLine, &pending)
                pending.removeAll(keepingCapacity: true)
                start = nl + 1
            }
        }
        out.cutOff = pending.count
        return out
    }

    /// The id a JSONL output line opens with (`{"id":"...",` as `PredictionWriter` writes it).
    static let linePrefix = Array("{\"id\":\"".utf8)

    static func id(of line: [UInt8], line number: Int, path: String) throws -> String {
        let prefix = linePrefix
        func bad(_ why: String) -> SlantError {
            .io(path: path, message: "line \(number): \(why); --resume continues only a file that slant-score wrote with --format jsonl")
        }
        guard line.count > prefix.count + 1, line.starts(with: prefix), line.last == 0x7D else {
            let shown = String(decoding: line.prefix(40), as: UTF8.self)
            throw bad("not a JSONL line of scores (it opens with \"\(shown)\(line.count > 40 ? "..." : "")\")")
        }
        // The id's closing quote: the first quote not escaped by a backslash.
        var i = prefix.count
        while i < line.count, line[i] != 0x22 { i += line[i] == 0x5C ? 2 : 1 }
        guard i < line.count else { throw bad("its id string does not end") }
        guard case .string(let s)? = try? JSONParser.parse(Array(line[(prefix.count - 1)...i])) else {
            throw bad("its id is not a valid JSON string")
        }
        return s
    }
}
