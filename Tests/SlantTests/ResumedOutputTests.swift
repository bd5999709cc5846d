import Foundation
import XCTest
@testable import Slant

/// `ResumedOutput`: what `slant-score --resume` reads of an interrupted run's output.
final class ResumedOutputTests: XCTestCase {
    var dir = ""
    override func setUp() {
        dir = NSTemporaryDirectory() + "slant-resume-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func file(_ text: String) -> String {
        let p = dir + "/out.jsonl"
        XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)))
        return p
    }

    func testIdsInOrderTheLastLineAndACutOffLine() throws {
        // Ids as the writer escapes them (quotes, backslashes, non-ASCII), repeated across files as plain
        // records' line numbers are.
        let lines = [#"{"id":"1","leaning":{"label":"left"}}"#, #"{"id":"a \"quoted\" \\ id","x":1}"#,
                     #"{"id":"Zürich \u00e9","x":2}"#, #"{"id":"1","x":3}"#]
        let p = file(lines.joined(separator: "\n") + "\n" + #"{"id":"5","lea"#)
        let r = try XCTUnwrap(ResumedOutput.read(p))
        XCTAssertEqual(r.ids, ["1", "a \"quoted\" \\ id", "Zürich é", "1"])
        XCTAssertEqual(r.lastLine, Array(lines[3].utf8))
        XCTAssertEqual(r.length, lines.map { $0.utf8.count + 1 }.reduce(0, +))
        XCTAssertEqual(r.cutOff, #"{"id":"5","lea"#.utf8.count)
        // Ending on a newline: nothing cut off.
        let whole = try XCTUnwrap(ResumedOutput.read(file(lines[0] + "\n")))
        XCTAssertEqual(whole.ids, ["1"])
        XCTAssertEqual(whole.cutOff, 0)
    }

    func testLinesLongerThanAReadAreWhole() throws {
        // A line of 3 MB spans several of the reader's 1 MB reads.
        let long = #"{"id":"big","text":""# + String(repeating: "x", count: 3 << 20) + #""}"#
        let r = try XCTUnwrap(ResumedOutput.read(file(#"{"id":"a"}"# + "\n" + long + "\n")))
        XCTAssertEqual(r.ids, ["a", "big"])
        XCTAssertEqual(r.lastLine.count, long.utf8.count)
        XCTAssertEqual(r.cutOff, 0)
    }

    func testMissingEmptyAndForeignFiles() throws {
        XCTAssertNil(try ResumedOutput.read(dir + "/none.jsonl"))
        XCTAssertEqual(try XCTUnwrap(ResumedOutput.read(file(""))).ids, [])
        // Only a cut-off line: no ids, all of it cut off.
        let partial = try XCTUnwrap(ResumedOutput.read(file(#"{"id":"x","#)))
        XCTAssertEqual(partial.ids, [])
        XCTAssertEqual(partial.cutOff, 10)
        for (text, why) in [("id,leaning\n1,left\n", "line 1: not a JSONL line of scores (it opens with \"id,leaning\")"),
                            (#"{"id":"a"}"# + "\n" + #"{"text":"b"}"# + "\n", "line 2: not a JSONL line of scores"),
                            (#"{"id":"a\"}"# + "\n", "line 1: its id string does not end"),
                            (#"{"id":"a\q"}"# + "\n", "line 1: its id is not a valid JSON string")] {
            XCTAssertThrowsError(try ResumedOutput.read(file(text)), text) { e in
                XCTAssertTrue("\(e)".contains(why), "\(e)")
                XCTAssertTrue("\(e)".contains("--format jsonl"), "\(e)")
            }
        }
        // Something else without a line break is refused from its first bytes.
        XCTAssertThrowsError(try ResumedOutput.read(file(String(repeating: "z", count: 3 << 20)))) { e in
            XCTAssertTrue("\(e)".contains("line 1: not a JSONL line of scores (it opens with \"zzz"), "\(e)")
        }
        XCTAssertThrowsError(try ResumedOutput.read(dir)) { e in XCTAssertTrue("\(e)".contains("regular file"), "\(e)") }
    }
}
