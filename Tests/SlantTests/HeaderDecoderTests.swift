import XCTest
import Foundation
@testable import Slant

/// The model header's own JSON decoder reads what Foundation's `JSONDecoder` reads, bit for bit, and refuses
/// what it refuses.
final class HeaderDecoderTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The header bytes of a model file.
    func header(_ file: [UInt8]) -> [UInt8] {
        let n = Int(file[12]) | Int(file[13]) << 8 | Int(file[14]) << 16 | Int(file[15]) << 24
        return Array(file[16..<(16 + n)])
    }

    func ours<T: Decodable>(_ type: T.Type, _ json: [UInt8]) throws -> T {
        try json.withUnsafeBytes { try HeaderDecoder.decode(type, from: $0) }
    }

    /// Both decoders' results, encoded again with sorted keys: equal bytes mean equal values (every `Float` is
    /// written in its shortest form, which reads back to the same bits).
    func assertSameAsFoundation(_ file: [UInt8], _ what: String) throws {
        let json = header(file)
        let a = try JSONDecoder().decode(ModelFile.StoredHeader.self, from: Data(json))
        let b = try ours(ModelFile.StoredHeader.self, json)
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        XCTAssertEqual(try e.encode(a), try e.encode(b), what)
    }

    func testReadsTheDefaultModelsHeaderAsFoundationDoes() throws {
        let file = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("models/default.slant")))
        try assertSameAsFoundation(file, "models/default.slant")
        // The lexicon string (a tab and a line break escaped per word) and the known words' base64 (each "/"
        // written "\/") came through whole.
        let json = header(file)
        XCTAssertGreaterThan(String(decoding: json, as: UTF8.self).components(separatedBy: "\\/").count, 1_000)
        let stored = try ours(ModelFile.StoredHeader.self, json)
        let lexicon = try XCTUnwrap(stored.model.featureSets.first { !$0.lexicon.isEmpty }?.lexicon)
        XCTAssertEqual(lexicon.count, 7_240)
        XCTAssertEqual(lexicon["gr8"], 2.7)
    }

    func testReadsSmallModelsAsFoundationDoes() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        o.epochs = 5
        // With a lexicon whose words need escapes, and the actor settings.
        o.features.lexicon = ["good": 1.9, "bad": -2.5, "\"quoted\"": 0.3, ":\\": -1, "café": 0.25, "x/y": 0.1]
        o.features.namespaces.append(.lexicon)
        let m = try Trainer(options: o).train(toyRecords(40))
        var header = m.header
        var a = ActorSettings()
        a.task = header.tasks[0].name
        a.low = -0.123456789
        header.actors = a
        let file = try ModelFile.encode(SlantModel(header: header, idf: m.featurizers.map { $0.idf }, heads: m.heads))
        try assertSameAsFoundation(file, "a small model with a lexicon")
        let read = try ModelFile.decode(file, path: "m.slant")
        XCTAssertEqual(read.header.featureSets[0].lexicon, o.features.lexicon)
        XCTAssertEqual(read.header.actors?.low, Float(-0.123456789))
    }

    /// Strings with every escape, and numbers at a `Float`'s edges, decode as Foundation decodes them.
    func testStringsAndNumbersAsFoundation() throws {
        let strings = #"["plain", "tab\tline\nquote\" backslash\\ slash\/ \b\f\r", "\u00e9\u4e2d\ud83d\ude00", "", "é中😀 raw"]"#
        XCTAssertEqual(try ours([String].self, Array(strings.utf8)), try JSONDecoder().decode([String].self, from: Data(strings.utf8)))
        let numbers = "[0, -0.0, 1e-45, 1.4e-45, 3.4028235e38, 0.1, 16777217, 1.17549435e-38, 0.3333333432674408, -2.5E+3, 9.99999e-39]"
        let a = try ours([Float].self, Array(numbers.utf8)), b = try JSONDecoder().decode([Float].self, from: Data(numbers.utf8))
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
        XCTAssertEqual(try ours([Double].self, Array(numbers.utf8)).map(\.bitPattern), try JSONDecoder().decode([Double].self, from: Data(numbers.utf8)).map(\.bitPattern))
        XCTAssertEqual(try ours([Int].self, Array("[0, -7, 9223372036854775807]".utf8)), [0, -7, Int.max])
        XCTAssertEqual(try ours([String: Int?].self, Array(#"{"a": 1, "b": null}"#.utf8)), ["a": 1, "b": nil])
    }

    /// What Foundation refuses, this refuses too.
    func testMalformedJSONIsRefused() {
        let bad = [
            "", "{", "[1 2]", "{\"a\" 1}", "\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud800\"",
            "\"\\udc00\"", "\"raw \u{1} control\"", "01", "1.", "-", "1e", "tru", "nul", "[1] 2", "{1: 2}",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        for text in bad {
            XCTAssertThrowsError(try ours(HeaderJSONProbe.self, Array(text.utf8)), text)
            XCTAssertThrowsError(try JSONDecoder().decode(HeaderJSONProbe.self, from: Data(text.utf8)), text)
        }
        XCTAssertThrowsError(try ours(HeaderJSONProbe.self, [0x22, 0xFF, 0x22]), "invalid UTF-8")
        // Trailing commas, which Foundation lets through, are not JSON (and no Slant writes them).
        for text in ["[1,]", "{\"a\":1,}"] { XCTAssertThrowsError(try ours(HeaderJSONProbe.self, Array(text.utf8)), text) }
        // Wrong kinds and missing keys.
        XCTAssertThrowsError(try ours([Int].self, Array("[1.5]".utf8)))
        XCTAssertThrowsError(try ours([Float].self, Array("[1e39]".utf8)), "too large for a Float")
        XCTAssertThrowsError(try ours([String].self, Array("[1]".utf8)))
        XCTAssertThrowsError(try ours(ModelFile.StoredHeader.self, Array(#"{"arrays": []}"#.utf8)))
    }

    /// A model file whose header is not valid JSON, with a checksum that agrees, is refused with the reason.
    func testAModelWithABadHeaderIsRefused() throws {
        var o = TrainingOptions()
        o.features.bits = 10
        o.epochs = 2
        var file = try ModelFile.encode(try Trainer(options: o).train(toyRecords(20)))
        XCTAssertEqual(file[16], UInt8(ascii: "{"))
        file[16] = UInt8(ascii: "[")
        let version = UInt32(file[8]) | UInt32(file[9]) << 8 | UInt32(file[10]) << 16 | UInt32(file[11]) << 24
        let n = file.count - 4
        let sum = file.withUnsafeBytes { ModelFile.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]), version: version) }
        for k in 0..<4 { file[n + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt32(k))) }
        XCTAssertThrowsError(try ModelFile.decode(file, path: "m.slant")) { e in
            guard case let SlantError.invalidModel(_, reason) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(reason.contains("the header is not a valid Slant model header"), reason)
        }
    }
}

/// Any JSON value, decoded through every container kind (for the malformed-input cases).
private struct HeaderJSONProbe: Decodable {
    init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: AnyKey.self) {
            for k in c.allKeys { _ = try c.decode(HeaderJSONProbe.self, forKey: k) }
        } else if var c = try? decoder.unkeyedContainer() {
            while !c.isAtEnd { _ = try c.decode(HeaderJSONProbe.self) }
        } else {
            let c = try decoder.singleValueContainer()
            if !c.decodeNil(), (try? c.decode(String.self)) == nil, (try? c.decode(Double.self)) == nil { _ = try c.decode(Bool.self) }
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
