import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// ZIP archives read as the folders they unpack to: a `.zip` among a command's inputs (or in a folder it walks)
/// stands for the files in it that Slant reads, each named by a path through the archive
/// ("downloads.zip/2024/article.docx"), so that a news database's bulk download (Nexis Uni's "separate files"),
/// or any archive of articles, needs no unpacking first.
///
/// Such a path is what `InputFiles.expand` lists and what `RecordReader` opens: the archive is read once and kept
/// (the last one only), and each member is inflated when its turn comes, at most `limit` bytes (a "zip bomb"
/// stops there). A path inside an archive is tried only when no file of that name exists.
public enum ZipInputs {
    /// The archive and member that `path` names ("a/downloads.zip/2024/x.txt": "a/downloads.zip" and
    /// "2024/x.txt"), when no file `path` exists and a leading part of it, ending in ".zip" (any case), is a
    /// regular file; nil otherwise.
    public static func split(_ path: String) -> (archive: String, member: String)? {
        let b = Array(path.utf8)
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
        var st = stat()
        var checked = false
        // Each ".zip/" in turn, the first whose leading part is a file (a folder may be named "x.zip" too).
        var i = 0
        while i + 5 < b.count {
            if b[i] == 0x2E, lower(b[i + 1]) == 0x7A, lower(b[i + 2]) == 0x69, lower(b[i + 3]) == 0x70, b[i + 4] == 0x2F {
                if !checked {
                    if stat(path, &st) == 0 { return nil }
                    checked = true
                }
                let archive = String(decoding: b[..<(i + 4)], as: UTF8.self)
                if stat(archive, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                    return (archive, String(decoding: b[(i + 5)...], as: UTF8.self))
                }
            }
            i += 1
        }
        return nil
    }

    /// The archive at `path` (for `split` and `members`; the last one read is kept).
    private final class Archive: @unchecked Sendable {
        let path: String
        let identity: [Int]
        let bytes: [UInt8]
        /// Members by name: the last of a name repeated, as unpacking would leave it.
        let byName: [String: ZipArchive.Member]
        let members: [ZipArchive.Member]
        init(path: String, identity: [Int], bytes: [UInt8], members: [ZipArchive.Member]) {
            self.path = path; self.identity = identity; self.bytes = bytes; self.members = members
            var d: [String: ZipArchive.Member] = [:]
            for m in members { d[m.name] = m }
            byName = d
        }
    }
    nonisolated(unsafe) private static var last: Archive? = nil
    private static let lock = NSLock()

    /// The archive at `path`, read (or the one kept, when the file is unchanged).
    /// - Throws: `SlantError.io` when it cannot be read, `.invalidInput` (line 1) when it is no readable archive.
    private static func archive(_ path: String) throws -> Archive {
        lock.lock(); defer { lock.unlock() }
        var st = stat()
        guard stat(path, &st) == 0 else { throw SlantError.io(path: path, message: String(cString: strerror(errno))) }
        let identity = [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
        if let a = last, a.path == path, a.identity == identity { return a }
        last = nil
        // ZIP (without its 64-bit extension, which is not read) addresses at most 4 GiB.
        guard Int(st.st_size) <= 1 << 32 else {
            throw SlantError.invalidInput(file: path, line: 1, message: "a ZIP archive larger than 4 GiB (ZIP64), which is not read: unpack it first")
        }
        let reader = try ByteReader(path: path)
        reader.maxLineBytes = Int(st.st_size) + 1
        let bytes: [UInt8]
        do { bytes = try reader.readAll() } catch let e as SlantError { throw e } catch {
            throw SlantError.io(path: path, message: "\(error)")
        }
        let members: [ZipArchive.Member]
        do { members = try ZipArchive.members(bytes) } catch {
            throw SlantError.invalidInput(file: path, line: 1, message: "a damaged ZIP archive: \(error.description)")
        }
        let a = Archive(path: path, identity: identity, bytes: bytes, members: members)
        last = a
        return a
    }

    /// The names of the members of the archive at `path`, in the archive's order, folders ("…/") left out.
    /// - Throws: as `read`.
    public static func members(_ path: String) throws -> [String] {
        try archive(path).members.map(\.name).filter { !$0.hasSuffix("/") }
    }

    /// The bytes of `member` of the archive at `archive`, at most `limit` of them; errors name the member's path.
    /// - Throws: `SlantError.invalidInput` (line 1) for a member that is encrypted, compressed with a method other
    ///   than deflate, corrupt or longer than `limit`; `SlantError.io` for one the archive lacks, or when the
    ///   archive cannot be read.
    public static func read(archive path: String, member: String, limit: Int) throws -> [UInt8] {
        let a = try archive(path)
        let shown = path + "/" + member
        guard let m = a.byName[member] else {
            throw SlantError.io(path: shown, message: "no such file in the ZIP archive \(path)")
        }
        do { return try ZipArchive.read(m, from: a.bytes, limit: limit) } catch {
            throw SlantError.invalidInput(file: shown, line: 1, message: "in the ZIP archive: \(error.description)")
        }
    }
}
