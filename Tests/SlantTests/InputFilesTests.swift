import XCTest
@testable import Slant

/// A command's inputs expanded to files: folders walked, lists of paths read (`InputFiles`).
final class InputFilesTests: XCTestCase {
    /// A folder gives the files under it that Slant reads, recursively, in byte order of their paths, each
    /// plain-text file named by its path inside the folder; hidden files and folders are left out, and files whose
    /// names say no format, or that cannot be reached, are counted per reason, never passed over in silence.
    func testAFolderIsWalkedInPathOrder() throws {
        let dir = temporaryDirectory()
        let fm = FileManager.default
        for sub in ["b", "a/z", ".git"] { try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        for f in ["b/2.txt", "b/10.TXT", "a/z/x.jsonl.gz", "a/y.csv", "top.tsv", "Z.ndjson", ".hidden.txt", ".git/c.txt",
                  "notes.md", "a/photo.jpg", "gz.gz", "x.json"] {
            write("{}", to: dir + "/" + f)
        }
        try fm.createSymbolicLink(atPath: dir + "/a/up", withDestinationPath: "..")   // a loop: each folder once
        try fm.createSymbolicLink(atPath: dir + "/gone.txt", withDestinationPath: dir + "/nowhere")
        XCTAssertEqual(mkfifo(dir + "/pipe.txt", 0o600), 0)   // never opened: it would wait for a writer
        let e = try InputFiles.expand([dir + "/"])
        let names = ["Z.ndjson", "a/y.csv", "a/z/x.jsonl.gz", "b/10.TXT", "b/2.txt", "top.tsv", "x.json"]
        XCTAssertEqual(e.files.map(\.name), names)
        XCTAssertEqual(e.files.map(\.path), names.map { dir + "/" + $0 })
        XCTAssertEqual(e.leftOut.map(\.why), [.notReadable, .notAFile, .unreachable])
        XCTAssertEqual(e.leftOut[0].count, 3)
        XCTAssertEqual(e.leftOut[0].examples, ["a/photo.jpg", "gz.gz", "notes.md"])
        XCTAssertEqual(e.leftOut[1].examples, ["pipe.txt"])
        XCTAssertEqual(e.leftOut[2].examples, ["gone.txt"])
        XCTAssertEqual(InputFiles.describe(e), [
            dir + "/: left out 3 files whose names say no format Slant reads (a/photo.jpg, gz.gz, notes.md)",
            dir + "/: left out 1 file that is no regular file (a pipe, socket or device) (pipe.txt)",
            dir + "/: left out 1 file that cannot be reached (a broken link?) (gone.txt)"])
        // More than five of a kind: five named, the rest counted.
        let many = temporaryDirectory("many")
        for k in 0..<7 { write("x", to: many + "/\(k).md") }
        write("{}", to: many + "/a.jsonl")
        XCTAssertEqual(InputFiles.describe(try InputFiles.expand([many])), [many + ": left out 7 files whose names say no format Slant reads (0.md, 1.md, 2.md, 3.md, 4.md, ...)"])
        // A file given as such is read whatever its name, and keeps its own name as its id.
        let f = try InputFiles.expand([dir + "/notes.md", "-"])
        XCTAssertEqual(f.files, [InputFile(path: dir + "/notes.md"), InputFile(path: "-")])
        XCTAssertTrue(f.leftOut.isEmpty)
        XCTAssertEqual(try InputFiles.expand([]).files, [InputFile(path: "-")])
    }

    /// A ZIP archive is read as the folder it unpacks to: its files that Slant reads, in the byte order of their
    /// names, each a path through the archive whose id is its name in it; folders, hidden files and macOS's
    /// `__MACOSX` copies passed over, other names and archives inside it counted; in a folder's walk, its files
    /// named by the archive's path too. A path through an archive opens that file of it (gzip and a byte-order
    /// mark read as from a file).
    func testAZipArchiveIsReadAsItsFolder() throws {
        let dir = temporaryDirectory()
        let gz = ZipArchive.deflateRaw(Array("{\"id\":\"g\",\"text\":\"gzip in a zip\"}\n".utf8), windowBits: 31)   // gzip
        XCTAssertEqual(Array(gz.prefix(2)), [0x1F, 0x8B])
        let members: [(name: String, bytes: [UInt8])] = [
            ("b/", []), ("b/2.txt", [0xEF, 0xBB, 0xBF] + Array("Title\nA text.".utf8)), ("a.jsonl", Array("{\"id\":\"r1\",\"text\":\"one\"}\n".utf8)),
            ("c/d.jsonl.gz", gz), (".DS_Store", [0]), ("__MACOSX/._a.jsonl", [0]), ("b/.hidden.txt", Array("x".utf8)),
            ("photo.jpg", [0xFF, 0xD8]), ("inner.zip", ZipArchive.make([("x.txt", Array("x".utf8))])), ("notes.md", Array("x".utf8)),
            ("./e.txt", Array("e".utf8)), ("../up.txt", Array("x".utf8)), ("/abs.txt", Array("x".utf8))]
        let archive = dir + "/Download.ZIP"
        writeBytes(ZipArchive.make(members, deflating: ["b/2.txt", "a.jsonl"]), to: archive)
        let e = try InputFiles.expand([archive])
        XCTAssertEqual(e.files.map(\.name), ["./e.txt", "a.jsonl", "b/2.txt", "c/d.jsonl.gz"])
        XCTAssertEqual(e.files.map(\.path), ["./e.txt", "a.jsonl", "b/2.txt", "c/d.jsonl.gz"].map { archive + "/" + $0 })
        XCTAssertEqual(InputFiles.describe(e), [
            archive + ": left out 2 files whose names say no format Slant reads (notes.md, photo.jpg)",
            archive + ": left out 1 file that is a ZIP archive inside the archive (unpack it to read it) (inner.zip)"])
        // Each file read through the archive, as the same file on disk would be.
        var o = ReaderOptions(); o.titleFirstLine = true
        let text = try RecordReader(path: e.files[2].path, options: o)
        text.name = e.files[2].name
        let t = try XCTUnwrap(try text.next())
        XCTAssertEqual([t.id, t.title, t.text, t.file], ["b/2.txt", "Title", "A text.", archive + "/b/2.txt"])
        XCTAssertNil(try text.next())
        var skipped = SkipReport()
        XCTAssertEqual(try RecordReader.readAll([e.files[1].path, e.files[3].path], options: ReaderOptions(), skipInvalid: false, report: &skipped).map(\.id), ["r1", "g"])
        XCTAssertEqual(try RecordReader(path: e.files[0].path).next()?.text, "e")
        // In a folder's walk (and a list of paths), its files named through the archive.
        try FileManager.default.createDirectory(atPath: dir + "/corpus/2024", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: archive, toPath: dir + "/corpus/2024/x.zip")
        write("t", to: dir + "/corpus/a.txt")
        let walked = try InputFiles.expand([dir + "/corpus"])
        XCTAssertEqual(walked.files.map(\.name), ["2024/x.zip/./e.txt", "2024/x.zip/a.jsonl", "2024/x.zip/b/2.txt", "2024/x.zip/c/d.jsonl.gz", "a.txt"])
        XCTAssertEqual(walked.files[2].path, dir + "/corpus/2024/x.zip/b/2.txt")
        // Output written onto the archive is told apart from it (it would be emptied before it is read).
        XCTAssertEqual(InputFiles.same(as: archive, among: e.files), archive)
        // Paths through an archive: the first leading part that is a file ending in .zip; none when the path exists.
        XCTAssertEqual(ZipInputs.split(archive + "/b/2.txt").map { [$0.archive, $0.member] }, [archive, "b/2.txt"])
        try FileManager.default.createDirectory(atPath: dir + "/dir.zip", withIntermediateDirectories: true)
        write("t", to: dir + "/dir.zip/real.txt")
        XCTAssertNil(ZipInputs.split(dir + "/dir.zip/real.txt"))
        XCTAssertNil(ZipInputs.split(dir + "/dir.zip/missing.txt"))
        XCTAssertNil(ZipInputs.split(dir + "/plain.txt"))
        // A file the archive lacks, a damaged archive, one with nothing to read, a member that fails its CRC-32.
        XCTAssertThrowsError(try RecordReader(path: archive + "/missing.txt")) { XCTAssertEqual("\($0)", archive + "/missing.txt: no such file in the ZIP archive " + archive) }
        writeBytes(Array(ZipArchive.make(members).prefix(40)), to: dir + "/cut.zip")
        XCTAssertThrowsError(try InputFiles.expand([dir + "/cut.zip"])) {
            XCTAssertEqual("\($0)", dir + "/cut.zip:1: a damaged ZIP archive: no ZIP end record (the file is cut short, or it is no ZIP archive)")
        }
        writeBytes(ZipArchive.make([("photo.jpg", [0xFF])]), to: dir + "/photos.zip")
        XCTAssertThrowsError(try InputFiles.expand([dir + "/photos.zip"])) { XCTAssertTrue("\($0)".hasPrefix(dir + "/photos.zip:1: the ZIP archive holds no file Slant reads (names ending in .jsonl"), "\($0)") }
        var bad = ZipArchive.make([("a.txt", Array("Ruiz said so.".utf8))])
        bad[bad.firstRange(of: Array("Ruiz".utf8))!.lowerBound] = UInt8(ascii: "L")
        writeBytes(bad, to: dir + "/bad.zip")
        XCTAssertThrowsError(try RecordReader(path: dir + "/bad.zip/a.txt")) {
            XCTAssertTrue("\($0)".hasPrefix(dir + "/bad.zip/a.txt:1: in the ZIP archive: a.txt is corrupt: its CRC-32 is"), "\($0)")
        }
        // Training and evaluation read it as one invalid record: an error, or with skipInvalid counted and passed.
        write("{\"id\":\"ok\",\"text\":\"t\"}", to: dir + "/ok.jsonl")
        let paths = [dir + "/bad.zip/a.txt", dir + "/ok.jsonl"]
        var report = SkipReport()
        XCTAssertThrowsError(try RecordReader.readAll(paths, options: ReaderOptions(), skipInvalid: false, report: &report))
        let read = try RecordReader.readAll(paths, options: ReaderOptions(), skipInvalid: true, report: &report)
        XCTAssertEqual(read.map(\.id), ["ok"])
        XCTAssertEqual(report.count, 1)
    }

    func testAFolderWithNothingToReadIsAnError() throws {
        let dir = temporaryDirectory()
        write("x", to: dir + "/notes.md")
        XCTAssertThrowsError(try InputFiles.expand([dir])) { e in
            XCTAssertTrue("\(e)".hasPrefix(dir + ": the folder holds no file Slant reads (names ending in .jsonl"), "\(e)")
        }
    }

    /// `--files-from`: one path per line after the arguments; blank lines and comments skipped; a listed text
    /// file's id is its path as listed; a bad list names its line.
    func testAListOfFiles() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        write("t", to: dir + "/sub/a.txt")
        write("t", to: dir + "/one.txt")
        write("{}", to: dir + "/first.jsonl")
        write("# the corpus\n\n\(dir)/one.txt\r\n  \(dir)/sub\n", to: dir + "/list")
        let e = try InputFiles.expand([dir + "/first.jsonl"], filesFrom: dir + "/list")
        XCTAssertEqual(e.files, [InputFile(path: dir + "/first.jsonl"), InputFile(path: dir + "/one.txt", name: dir + "/one.txt"),
                                 InputFile(path: dir + "/sub/a.txt", name: "a.txt")])
        write("\(dir)/one.txt\n\(dir)/two.txt\n", to: dir + "/gone")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/gone")) { XCTAssertEqual("\($0)", dir + "/gone:2: \(dir)/two.txt: No such file or directory") }
        write("\(dir)/one.txt\u{0}junk\n", to: dir + "/nul")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/nul")) { XCTAssertTrue("\($0)".hasPrefix(dir + "/nul:1: the path holds a zero byte"), "\($0)") }
        writeBytes([0x61, 0xFF, 0xFE, 0x0A], to: dir + "/bin")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/bin")) { XCTAssertEqual("\($0)", dir + "/bin:1: the path is not valid UTF-8") }
        // A data file given as the list: its record is quoted short, and named for what it is.
        write("{\"id\": \"1\", \"text\": \"\(String(repeating: "word ", count: 100))\"}\n", to: dir + "/data.jsonl")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/data.jsonl")) {
            XCTAssertTrue("\($0)".hasPrefix(dir + "/data.jsonl:1: {\"id\": \"1\", \"text\": \"word word"), "\($0)")
            XCTAssertTrue("\($0)".hasSuffix("(a JSONL record, not a path: data files go as arguments; --files-from lists them)"), "\($0)")
            XCTAssertLessThan("\($0)".count, 300, "\($0)")
        }
        write("# nothing\n\n", to: dir + "/none")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/none")) { XCTAssertEqual("\($0)", dir + "/none:2: lists no file") }
        write("\(dir)/one.txt\n-\n", to: dir + "/dash")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/dash")) { XCTAssertTrue("\($0)".hasPrefix(dir + "/dash:2: \"-\" (stdin)"), "\($0)") }
        write("\(dir)/one.txt\n\(String(repeating: "x", count: 70_000))\n", to: dir + "/long")
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/long")) { XCTAssertEqual("\($0)", dir + "/long:2: the line is too long for a path") }
        XCTAssertThrowsError(try InputFiles.expand([], filesFrom: dir + "/missing")) { XCTAssertTrue("\($0)".hasPrefix(dir + "/missing: "), "\($0)") }
    }

    /// A plain-text file read with a name takes it as its record's id.
    func testATextRecordTakesItsName() throws {
        let dir = temporaryDirectory()
        write("Title\nBody text.", to: dir + "/a.txt")
        let r = try RecordReader(path: dir + "/a.txt")
        XCTAssertEqual(try r.next()?.id, "a.txt")
        let named = try RecordReader(path: dir + "/a.txt")
        named.name = "2024/a.txt"
        XCTAssertEqual(try named.next()?.id, "2024/a.txt")
    }
}
