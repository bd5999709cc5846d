import XCTest
@testable import Slant

final class TokenizerTests: XCTestCase {
    func tokens(_ s: String) -> [String] {
        var b = TokenBuffer()
        Tokenizer().tokenize(s, into: &b)
        return b.strings
    }

    func testWordsAreCaseFoldedAndPunctuationSeparates() {
        XCTAssertEqual(tokens("The Senate, on Tuesday; REJECTED it!"), ["the", "senate", "on", "tuesday", "rejected", "it"])
    }

    func testApostrophesInsideWordsAreKept() {
        XCTAssertEqual(tokens("Don't say it's 'fine' — they’re O’Brien's"), ["don't", "say", "it's", "fine", "they're", "o'brien's"])
    }

    func testNumbersKeepInnerSeparators() {
        XCTAssertEqual(tokens("1,000 people; 3.5% rise in 2024."), ["1,000", "people", "3.5", "rise", "in", "2024"])
    }

    func testURLsHandlesAndHashtags() {
        XCTAssertEqual(tokens("See https://Example.com/a?b=1. @SenSanders #Climate_Change"),
                       ["see", "https://example.com/a?b=1", "@sensanders", "#climate_change"])
        XCTAssertEqual(tokens("visit www.bbc.co.uk, now"), ["visit", "www.bbc.co.uk", "now"])
        var b = TokenBuffer()
        Tokenizer().tokenize("a @x #y http://z.org", into: &b)
        XCTAssertEqual(b.tokens.map { $0.kind }, [.word, .handle, .hashtag, .url])
    }

    func testAccentsAreWordCharactersAndFolded() {
        XCTAssertEqual(tokens("Élysée Palace: Ça va, Müller?"), ["élysée", "palace", "ça", "va", "müller"])
        // Combining marks stay inside the word.
        XCTAssertEqual(tokens("cafe\u{301} noir"), ["cafe\u{301}", "noir"])
    }

    func testCJKIdeographsAreSeparateTokens() {
        XCTAssertEqual(tokens("日本の首相。"), ["日", "本", "の", "首", "相"])
        XCTAssertEqual(tokens("Apple发布"), ["apple", "发", "布"])
    }

    func testEmojiAreTokens() {
        XCTAssertEqual(tokens("great 👍🏽 news 🎉!"), ["great", "👍", "news", "🎉"])
    }

    func testRightToLeftScripts() {
        XCTAssertEqual(tokens("الحكومة الجديدة"), ["الحكومة", "الجديدة"])
        XCTAssertEqual(tokens("שלום עולם"), ["שלום", "עולם"])
    }

    func testEmptyAndWhitespaceOnly() {
        XCTAssertEqual(tokens(""), [])
        XCTAssertEqual(tokens("  \n\t ... !!"), [])
    }

    func testInvalidUTF8DoesNotCrash() {
        let bytes: [UInt8] = [0x61, 0x62, 0xFF, 0x63, 0xC3, 0x28, 0xE2, 0x82, 0x20, 0x64, 0xF0, 0x9F]
        var b = TokenBuffer()
        bytes.withUnsafeBufferPointer { Tokenizer().tokenize(bytes: $0, into: &b) }
        XCTAssertEqual(b.strings, ["ab", "c", "d"])
        // Through String's own repair of invalid bytes too.
        XCTAssertEqual(tokens(String(decoding: bytes, as: UTF8.self)), ["ab", "c", "d"])
    }

    func testScalarOffsetsMapSpans() {
        var b = TokenBuffer()
        Tokenizer().tokenize("Ünïcode and Merkel said", into: &b)
        XCTAssertEqual(b.tokens.map { $0.scalarOffset }, [0, 8, 12, 19])
        Tokenizer().tokenize("日本 x", into: &b)
        XCTAssertEqual(b.tokens.map { $0.scalarOffset }, [0, 1, 3])
    }

    func testClauseBoundariesAreMarked() {
        var b = TokenBuffer()
        Tokenizer().tokenize("not good. fine", into: &b)
        XCTAssertEqual(b.tokens.map { $0.afterBoundary }, [false, false, true])
    }
}
