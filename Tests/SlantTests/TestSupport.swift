import Foundation
import XCTest
@testable import Slant

/// A fresh temporary folder per test, removed when the test run ends (set `SLANT_KEEP_TEST_FILES=1` to keep them
/// for a look after a failure).
func temporaryDirectory(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let dir = NSTemporaryDirectory() + "slant-tests-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    TemporaryFolders.shared.add(dir)
    return dir
}

/// The folders `temporaryDirectory` made, removed when the test bundle finishes (each run of the suite had left
/// 21 behind in /tmp).
final class TemporaryFolders: NSObject, XCTestObservation, @unchecked Sendable {
    nonisolated(unsafe) static let shared: TemporaryFolders = {
        let folders = TemporaryFolders()
        XCTestObservationCenter.shared.addTestObserver(folders)
        return folders
    }()
    private let lock = NSLock()
    private var folders: [String] = []

    func add(_ folder: String) {
        lock.lock(); defer { lock.unlock() }
        folders.append(folder)
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        guard ProcessInfo.processInfo.environment["SLANT_KEEP_TEST_FILES"] == nil else { return }
        lock.lock(); defer { lock.unlock() }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        folders.removeAll()
    }
}

func write(_ text: String, to path: String) {
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func writeBytes(_ bytes: [UInt8], to path: String) {
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Reads every record of a file, or the first error.
func readRecords(_ path: String, options: ReaderOptions = ReaderOptions()) throws -> [Record] {
    let r = try RecordReader(path: path, options: options)
    var out: [Record] = []
    while let rec = try r.next() { out.append(rec) }
    return out
}

/// Asserts that reading `path` fails with an invalid-input error at `line` whose message contains `fragment`.
func assertInvalid(_ path: String, line: Int, contains fragment: String, options: ReaderOptions = ReaderOptions(),
                   file: StaticString = #filePath, sourceLine: UInt = #line) {
    do {
        _ = try readRecords(path, options: options)
        XCTFail("expected an error containing \"\(fragment)\"", file: file, line: sourceLine)
    } catch let SlantError.invalidInput(f, l, message) {
        XCTAssertEqual(f, path, file: file, line: sourceLine)
        XCTAssertEqual(l, line, "message: \(message)", file: file, line: sourceLine)
        XCTAssertTrue(message.contains(fragment), "\"\(message)\" does not contain \"\(fragment)\"", file: file, line: sourceLine)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: sourceLine)
    }
}

/// A small labeled corpus with a learnable signal: positive and negative words, a topic per record.
func toyRecords(_ n: Int, seed: UInt64 = 7) -> [Record] {
    var rng = SplitMix64(seed: seed)
    let pos = ["praised", "welcomed", "hailed", "celebrated", "applauded"]
    let neg = ["condemned", "attacked", "slammed", "criticised", "denounced"]
    let filler = ["the", "minister", "plan", "on", "monday", "after", "a", "vote", "in", "parliament", "city", "council"]
    let frames = ["economy", "health", "crime"]
    return (0..<n).map { i in
        let positive = rng.next() % 2 == 0
        var words: [String] = []
        for _ in 0..<8 { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
        words.insert((positive ? pos : neg)[Int(rng.next() % 5)], at: Int(rng.next() % 8))
        let frame = frames[i % 3]
        words.append(frame)
        var multi = [frame]
        if i % 4 == 0 { multi.append("politics"); words.append("election") }
        return Record(id: "r\(i)", text: words.joined(separator: " "), title: "Headline \(i % 5)",
                      labels: ["stance": .single(positive ? "favor" : "against"), "frames": .multi(multi)],
                      file: "toy", line: i + 1)
    }
}

/// Random texts of words drawn from `vocabulary` (seeded, the same every run): `count` texts of 5 to
/// 4 + `maxWords` words, glued without a space once in `glueOdds` texts, as Unicode scalars.
func randomTexts(_ vocabulary: [String], count: Int, maxWords: Int, glueOdds: Int, seed: UInt64) -> [[Unicode.Scalar]] {
    var state = seed
    func next(_ k: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(k)) }
    return (0..<count).map { _ in
        let words = (0..<(5 + next(maxWords))).map { _ in vocabulary[next(vocabulary.count)] }
        return Array(words.joined(separator: next(glueOdds) == 0 ? "" : " ").unicodeScalars)
    }
}

/// `text` tokenized into a fresh buffer.
func tokenBuffer(_ text: String) -> TokenBuffer {
    var b = TokenBuffer()
    Tokenizer().tokenize(text, into: &b)
    return b
}

/// Rewrites a model file's format version to `version`, with the checksum that version uses, so that a test can
/// check the loader's refusal of a header the version cannot hold (and not merely of a bad checksum).
func rewriteFormatVersion(_ bytes: inout [UInt8], to version: UInt32) {
    bytes[8] = UInt8(version)
    let sum = bytes.withUnsafeBytes { ModelFile.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 4)]), version: version) }
    for k in 0..<4 { bytes[bytes.count - 4 + k] = UInt8((sum >> (8 * UInt32(k))) & 0xFF) }
}

/// Opens the download `path` keeping `keep`, and checks its first record: id "file#1", its title, its source and the
/// kept fields. Returns the reader, for the records after it, the file's name and the first record.
@discardableResult
func assertFirstArticle(_ path: String, keep: [String], title: String?, source: String?, kept: [JSONValue],
                        file: StaticString = #filePath, line: UInt = #line) throws -> (reader: RecordReader, name: String, first: Record) {
    var o = ReaderOptions(); o.keep = keep
    let r = try RecordReader(path: path, options: o)
    let name = (path as NSString).lastPathComponent
    let first = try XCTUnwrap(try r.next(), file: file, line: line)
    XCTAssertEqual(first.id, name + "#1", file: file, line: line)
    XCTAssertEqual(first.title, title, file: file, line: line)
    XCTAssertEqual(first.source, source, file: file, line: line)
    XCTAssertEqual(first.kept, kept, file: file, line: line)
    return (r, name, first)
}

/// A model `m` whose setting needs format `version`: it is written as that version, reads back with `kept` true and
/// scoring `query` the same, and is refused with `refusal` (followed by ", which format version N cannot hold")
/// when its header claims the version before; `plain`, the same model without the setting, is written older.
func assertFormatVersion(_ m: SlantModel, _ version: UInt8, kept: (SlantModel) -> Bool, query: Record, refusal: String,
                         plain: SlantModel, file: StaticString = #filePath, line: UInt = #line) throws {
    var bytes = try ModelFile.encode(m)
    XCTAssertEqual(bytes[8], version, file: file, line: line)
    let back = try ModelFile.decode(bytes, path: "m.slant")
    XCTAssertTrue(kept(back), file: file, line: line)
    var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
    XCTAssertEqual(back.predict(query, tasks: [0], scratch: &s1)[0].scores, m.predict(query, tasks: [0], scratch: &s2)[0].scores, file: file, line: line)
    rewriteFormatVersion(&bytes, to: UInt32(version) - 1)
    XCTAssertThrowsError(try ModelFile.decode(bytes, path: "m.slant"), file: file, line: line) {
        XCTAssertTrue("\($0)".contains("\(refusal), which format version \(version - 1) cannot hold"), "\($0)", file: file, line: line)
    }
    XCTAssertLessThan(try ModelFile.encode(plain)[8], version, file: file, line: line)
}
