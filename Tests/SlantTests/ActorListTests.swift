import XCTest
import Foundation
@testable import Slant

/// Watch lists of actors (`slant-score --actor-file`): the file format and its errors, and that actors prepared
/// once for a run (`NamedActors`) are found exactly as when prepared per record.
final class ActorListTests: XCTestCase {
    func testListLinesCommentsAndAliases() throws {
        let lines = ["# Senators", "", "  Ted Cruz  ", "Iran|Iranian|Tehran", "the cartels|cartels", "   # indented comment"]
        let actors = try ActorList.parse(lines, file: "list.txt")
        XCTAssertEqual(actors.map { $0.name }, ["Ted Cruz", "Iran", "the cartels"])
        XCTAssertEqual(actors[0].aliases, Actor.parse("Ted Cruz")!.aliases, "one name: its other forms, as --actor gives them")
        XCTAssertEqual(Set(actors[1].aliases), ["Iran", "Iranian", "Tehran"])
    }

    func testListErrorsNameTheFileAndLine() {
        func error(_ lines: [String], already: [Actor] = []) -> String {
            do { _ = try ActorList.parse(lines, file: "list.txt", already: already); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(error(["Ted Cruz", "|"]), "list.txt:2: an actor's name and aliases separated by |, got \"|\"")
        XCTAssertEqual(error(["Ted Cruz", "# x", "ted cruz|Cruz"]),
                       "list.txt:3: \"ted cruz\" is listed twice (first on line 1); list each actor once, with all its aliases")
        XCTAssertEqual(error(["Iran"], already: [Actor.parse("Iran")!]), "list.txt:1: \"Iran\" is already named with --actor; list each actor once")
        XCTAssertEqual(error(["# nothing", ""]), "list.txt:2: no actor listed (one per line: NAME|ALIAS|...)")
        XCTAssertEqual(error([]), "list.txt:1: no actor listed (one per line: NAME|ALIAS|...)", "an empty file")
    }

    func testListFilesPlainGzipAndBroken() throws {
        let dir = temporaryDirectory()
        let plain = dir + "/list.txt"
        try Data("Ted Cruz\r\nIran|Iranian\n".utf8).write(to: URL(fileURLWithPath: plain))
        XCTAssertEqual(try ActorList.read(plain).map { $0.name }, ["Ted Cruz", "Iran"], "CRLF line ends")
        let gz = dir + "/list.txt.gz"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(plain)' > '\(gz)'"]
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(try ActorList.read(gz).map { $0.name }, ["Ted Cruz", "Iran"])
        let bad = dir + "/bad.txt"
        try Data([0x54, 0x65, 0x64, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try ActorList.read(bad)) { XCTAssertEqual("\($0)", "\(bad):2: not valid UTF-8") }
        XCTAssertThrowsError(try ActorList.read(dir + "/missing.txt")) { XCTAssertTrue("\($0)".contains("missing.txt: "), "\($0)") }
    }

    /// The same mentions, and the same names as written, whether the actors are prepared once or per record:
    /// with shared surnames, a name given in lower case that the text capitalises, names that overlap in the
    /// text ("gun law", "law enforcement"), and more first words than a scan of keys would handle well.
    func testPreparedActorsFindWhatUnpreparedFind() {
        var actors = ["Bill Clinton", "Hillary Clinton", "esteban santiago", "gun law", "law enforcement", "Iran|Iranian",
                      "the cartels|cartels", "US"].map { Actor.parse($0)! }
        actors += (0..<300).map { Actor.parse("Name\($0) Person\($0)")! }
        let prepared = NamedActors(actors)
        let texts = [
            "Bill Clinton spoke. Hillary Clinton answered, and Clinton left. Clinton returned. Esteban Santiago was charged.",
            "The gun law enforcement debate: gun law and law enforcement. Iranian officials met the cartels in the US; us too.",
            "esteban santiago, in lower case here, and Esteban Santiago. Name17 Person17 met Person250 and Name299 Person299.",
            "",
        ]
        for text in texts {
            let s = Array(text.unicodeScalars)
            let written = Actor.asWritten(actors, in: s)
            XCTAssertEqual(prepared.asWritten(in: s), written, text)
            XCTAssertEqual(written, actors.map { $0.asWritten(in: s) }, "one search for all, as one per actor: \(text)")
            XCTAssertEqual(prepared.mentions(in: s),
                           MentionFinder.resolveShared(MentionFinder.find(actors, in: s), actors: actors, text: s), text)
        }
        let s = Array(texts[0].unicodeScalars)
        XCTAssertTrue(Actor.asWritten(actors, in: s)[2].aliases.contains("Santiago"), "written capitalised every time: its surname")
        let m = prepared.mentions(in: Array(texts[2].unicodeScalars))
        XCTAssertEqual(Set(m.map { actors[$0.actor].name }), ["esteban santiago", "Name17 Person17", "Name299 Person299"])
    }

    /// One search finds each name as if it were searched alone, even where two names overlap in the text.
    func testIndependentSearchOfOverlappingNames() {
        let actors = [Actor(name: "gun law", aliases: ["gun law"]), Actor(name: "law enforcement", aliases: ["law enforcement"])]
        let s = Array("the gun law enforcement bill".unicodeScalars)
        XCTAssertEqual(MentionFinder.find(actors, in: s, capitals: nil, independent: true).map { $0.actor }, [0, 1])
        XCTAssertEqual(MentionFinder.find(actors, in: s).map { $0.actor }, [1], "a shared search: the longer name takes the words")
        // So a name given in lower case keeps its lower-case use hidden by another name's match: not always
        // capitalised, not rewritten (a shared search would have found "Esteban Santiago" only, and added "Santiago").
        let named = ["esteban santiago", "santiago de compostela"].map { Actor.parse($0)! }
        let text = Array("Esteban Santiago was charged. On the esteban santiago de compostela route.".unicodeScalars)
        XCTAssertEqual(Actor.asWritten(named, in: text), named.map { $0.asWritten(in: text) })
        XCTAssertFalse(Actor.asWritten(named, in: text)[0].aliases.contains("Santiago"))
    }
}
