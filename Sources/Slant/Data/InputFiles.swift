import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One input file to read, with the id a plain-text file's record takes.
public struct InputFile: Sendable, Equatable {
    /// The path to open (`-` for stdin).
    public var path: String
    /// The id of the record a plain-text file makes; nil: the file's name (`RecordReader`).
    public var name: String?

    public init(path: String, name: String? = nil) { self.path = path; self.name = name }
}

/// The files a command's inputs name: a file as given, a folder as the files under it that Slant reads, and a
/// list of paths read from a file (`--files-from`), so that a corpus of a million articles, one file each, needs
/// neither a shell glob (whose argument list the system limits) nor a loop that starts a process per file.
///
/// A folder is walked recursively; hidden files and folders (a name starting with ".") are left out, and so are
/// files whose names say no format Slant reads (`readable`): each such file is counted, not silently passed over.
/// Its files come in the byte order of their paths, so that the output's order is the same on every machine,
/// and a plain-text file's record takes as its id its path inside the folder ("2024/03/article.txt"), unique
/// where file names repeat across subfolders.
public enum InputFiles {
    /// The file names a folder's walk reads, compared in lower case with any ".gz" removed: JSONL (`.jsonl`,
    /// `.ndjson`, `.json`), CSV/TSV (`.csv`, `.tsv`, `.tab`), plain text (`.txt`), saved web pages (`.html`,
    /// `.htm`, `.xhtml`), web archives (`.warc`), Word documents (`.docx`), OpenDocument texts (`.odt`), RTF
    /// documents (`.rtf`; a `.doc` only when named: most are Word 97-2003 files, which are not read), PDF files
    /// (`.pdf`) and ZIP archives of them (`.zip`, `ZipInputs`).
    public static let readable = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".tab", ".txt", ".html", ".htm", ".xhtml", ".warc", ".docx", ".rtf", ".odt", ".pdf", ".zip"]

    /// The file names a walk for labelled data reads (`slant-train`, `slant-eval`): JSONL, CSV and TSV, and ZIP
    /// archives of them.
    public static let labelled = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".tab", ".zip"]

    /// The file names a walk for `slant-score`'s JSONL output reads (`slant-report`).
    public static let jsonl = [".jsonl", ".ndjson", ".json"]

    /// Whether a folder's walk reads a file of this name, given the endings it reads.
    public static func isReadable(_ name: String, _ endings: [String] = readable) -> Bool {
        var n = name.lowercased()
        if n.hasSuffix(".gz") { n.removeLast(3) }
        return endings.contains { n.hasSuffix($0) && n.count > $0.count }
    }

    /// Why a folder's walk left a file out.
    public enum Skip: Sendable {
        /// Its name says no format Slant reads.
        case notReadable
        /// It is no regular file (a pipe, a socket, a device: reading one could wait for ever).
        case notAFile
        /// A link to nothing, or a file that cannot be looked at.
        case unreachable
        /// A ZIP archive inside a ZIP archive (only the outer one is read as a folder).
        case archiveInArchive
    }

    /// The expansion of a command's inputs.
    public struct Expansion: Sendable {
        /// The files to read, in order.
        public var files: [InputFile] = []
        /// Per folder and reason, the files its walk left out (at most five names each, and how many in all).
        public var leftOut: [(folder: String, why: Skip, count: Int, examples: [String])] = []

        /// Records the files of `folder` (or archive) left out, per reason: how many, and the first five in the byte
        /// order of their names.
        mutating func leave(_ groups: [(files: [String], why: Skip)], of folder: String) {
            for (files, why) in groups where !files.isEmpty {
                let sorted = files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                leftOut.append((folder, why, sorted.count, Array(sorted.prefix(5))))
            }
        }
    }

    /// Expands `inputs` (none: stdin) and the paths listed in `filesFrom` (one per line; `-`: stdin; blank lines
    /// and lines starting with "#" skipped), in that order; a folder's walk takes the files whose names end in
    /// one of `endings` (any case, gzip allowed).
    /// - Throws: `SlantError.io` for a list or folder that cannot be read or a folder with no file Slant reads,
    ///   `SlantError.invalidInput` for a bad line of the list, naming the file and line.
    public static func expand(_ inputs: [String], filesFrom: String? = nil, endings: [String] = readable) throws -> Expansion {
        var out = Expansion()
        var paths = inputs
        var listed: [(path: String, folder: Bool)] = []
        if let list = filesFrom {
            let reader = try ByteReader(path: list)
            reader.maxLineBytes = 1 << 16
            var line = 0
            while let l = try readLine(reader, list: list, line: line + 1) {
                line += 1
                let p = l.trimmingCharacters(in: .whitespaces)
                if p.isEmpty || p.hasPrefix("#") { continue }
                if p == "-" { throw SlantError.invalidInput(file: list, line: line, message: "\"-\" (stdin) cannot be listed in a file of paths") }
                if p.utf8.contains(0) { throw SlantError.invalidInput(file: list, line: line, message: "the path holds a zero byte (a binary file, not a list of paths?)") }
                // Checked here, where the list's line is known (a file that cannot be opened later says only its path).
                var st = stat()
                if stat(p, &st) != 0 {
                    let why = String(cString: strerror(errno))
                    let shown = p.count > 100 ? String(p.prefix(100)) + "..." : p
                    let hint = p.hasPrefix("{") ? " (a JSONL record, not a path: data files go as arguments; --files-from lists them)" : ""
                    throw SlantError.invalidInput(file: list, line: line, message: "\(shown): \(why)\(hint)")
                }
                listed.append((p, st.st_mode & S_IFMT == S_IFDIR))
            }
            if listed.isEmpty { throw SlantError.invalidInput(file: list, line: max(line, 1), message: "lists no file") }
        }
        if paths.isEmpty && listed.isEmpty { paths = ["-"] }
        for p in paths {
            var isDir: ObjCBool = false
            if p != "-", FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                try walk(p, endings: endings, into: &out)
            } else if p != "-", isArchive(p) {
                try unpack(p, prefix: nil, endings: endings, into: &out)
            } else {
                out.files.append(InputFile(path: p))
            }
        }
        // (Looked at once, when the list was read.) A listed plain-text file's id is its path as listed: a list
        // names files from many folders.
        for l in listed {
            if l.folder { try walk(l.path, endings: endings, into: &out) }
            else if isArchive(l.path) { try unpack(l.path, prefix: l.path, endings: endings, into: &out) }
            else { out.files.append(InputFile(path: l.path, name: l.path)) }
        }
        return out
    }

    /// Whether `path` names a ZIP archive to read as a folder: a regular file whose name ends in ".zip".
    static func isArchive(_ path: String) -> Bool {
        var st = stat()
        return path.lowercased().hasSuffix(".zip") && stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// The files of the ZIP archive at `archive` that a walk takes, as a folder's (`ZipInputs`): each a path through
    /// the archive, in the byte order of the members' names, its id the member's name (after `prefix` and "/": the
    /// archive's path inside a walked folder, or as listed). Folders, hidden files, macOS's `__MACOSX` copies and
    /// names that lead outside the archive ("/…", "../…") are passed over ("./" is no folder); files of names Slant
    /// does not read and archives inside it are counted as left out.
    /// - Throws: `SlantError` for an archive that cannot be read or holds no file Slant reads.
    static func unpack(_ archive: String, prefix: String?, endings: [String], into out: inout Expansion) throws {
        var found: [String] = [], left: [String] = [], nested: [String] = []
        for name in Set(try ZipInputs.members(archive)) {
            let parts = name.split(separator: "/").filter { $0 != "." }
            if name.hasPrefix("/") || parts.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) { continue }
            if name.lowercased().hasSuffix(".zip") { nested.append(name) }
            else if isReadable(name, endings) { found.append(name) } else { left.append(name) }
        }
        guard !found.isEmpty else {
            throw SlantError.invalidInput(file: archive, line: 1, message: "the ZIP archive holds no file Slant reads (names ending in \(endings.filter { $0 != ".zip" }.joined(separator: ", ")), gzip allowed)")
        }
        found.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let lead = prefix.map { $0 + "/" } ?? ""
        out.files += found.map { InputFile(path: archive + "/" + $0, name: lead + $0) }
        out.leave([(left, .notReadable), (nested, .archiveInArchive)], of: archive)
    }

    private static func readLine(_ r: ByteReader, list: String, line: Int) throws -> String? {
        do {
            guard let s = try r.nextLine({ String(validating: $0, as: UTF8.self) }) else { return nil }
            guard let s else { throw SlantError.invalidInput(file: list, line: line, message: "the path is not valid UTF-8") }
            return s   // (`nextLine` drops "\r\n" as it drops "\n")
        } catch is ByteReader.LineTooLong {
            throw SlantError.invalidInput(file: list, line: line, message: "the line is too long for a path")
        }
    }

    private static func walk(_ folder: String, endings: [String], into out: inout Expansion) throws {
        let base = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        var found: [String] = []
        var left: [String] = [], broken: [String] = [], special: [String] = []
        var pending = [""]   // folders to list, relative to `base`
        // Each folder once, by device and inode: a link back up the tree would otherwise never end the walk.
        var visited = Set<[UInt64]>()
        var st = stat()
        if stat(base, &st) == 0 { visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]) }
        while let rel = pending.popLast() {
            let dir = rel.isEmpty ? base : base + "/" + rel
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
                throw SlantError.io(path: dir, message: "cannot list the folder: \((error as NSError).localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let r = rel.isEmpty ? name : rel + "/" + name
                guard stat(base + "/" + r, &st) == 0 else { broken.append(r); continue }   // a dangling link
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    if visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted { pending.append(r) }
                case S_IFREG: if isReadable(name, endings) { found.append(r) } else { left.append(r) }
                default: special.append(r)
                }
            }
        }
        guard !found.isEmpty else {
            throw SlantError.io(path: folder, message: "the folder holds no file Slant reads (names ending in \(endings.joined(separator: ", ")), gzip allowed)")
        }
        // Byte order of the UTF-8 paths: the same on every machine and locale; a ZIP archive in its place, as the
        // files in it.
        found.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for r in found {
            if r.lowercased().hasSuffix(".zip") { try unpack(base + "/" + r, prefix: r, endings: endings, into: &out) }
            else { out.files.append(InputFile(path: base + "/" + r, name: r)) }
        }
        out.leave([(left, .notReadable), (special, .notAFile), (broken, .unreachable)], of: folder)
    }

    /// The first of `files` that is the file descriptor `fd` writes to (standard output redirected into the corpus
    /// being read: `slant-score corpus/ > corpus/scores.jsonl`, or `>>` onto the input, would read its own output
    /// back), nil when none is or `fd` is no regular file.
    public static func writtenTo(_ fd: Int32, among files: [InputFile]) -> String? {
        var out = stat()
        guard fstat(fd, &out) == 0, out.st_mode & S_IFMT == S_IFREG else { return nil }
        return first(of: files, sameAs: out)
    }

    /// The first of `files` that is the file at `path` (`slant-score --output` naming one of its inputs, whose
    /// opening would empty it), nil when none is or `path` does not exist yet.
    public static func same(as path: String, among files: [InputFile]) -> String? {
        var out = stat()
        guard stat(path, &out) == 0 else { return nil }
        return first(of: files, sameAs: out)
    }

    /// The first of `files` (not stdin) whose device and inode are `out`'s.
    static func first(of files: [InputFile], sameAs out: stat) -> String? {
        var st = stat()
        return files.first {
            $0.path != "-" && stat(ZipInputs.split($0.path)?.archive ?? $0.path, &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino
        }.map { ZipInputs.split($0.path)?.archive ?? $0.path }
    }

    /// One stderr line per folder and reason its walk left files out: "FOLDER: left out 3 files whose names say
    /// no format Slant reads (notes.md, photo.jpg, ...)".
    public static func describe(_ e: Expansion) -> [String] {
        e.leftOut.map { f in
            let one = f.count == 1
            let why: String
            switch f.why {
            case .notReadable: why = one ? "whose name says no format Slant reads" : "whose names say no format Slant reads"
            case .notAFile: why = one ? "that is no regular file (a pipe, socket or device)" : "that are no regular files (pipes, sockets or devices)"
            case .unreachable: why = one ? "that cannot be reached (a broken link?)" : "that cannot be reached (broken links?)"
            case .archiveInArchive: why = one ? "that is a ZIP archive inside the archive (unpack it to read it)" : "that are ZIP archives inside the archive (unpack them to read them)"
            }
            return "\(f.folder): left out \(f.count) file\(one ? "" : "s") \(why) (\(f.examples.joined(separator: ", "))\(f.count > f.examples.count ? ", ..." : ""))"
        }
    }
}
