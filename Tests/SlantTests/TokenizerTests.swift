import XCTest
@testable import Slant

final class TokenizerTests: XCTestCase {
    func tokens(_ s: String) -> [String] {
        var b = TokenBuffer()
        Tokenizer().tokenize(s, into: &b)
        return b.strings
    }

    /// The tokenizer's eight-bytes-at-a-time word test agrees with the byte rule (ASCII letters, ASCII digits)
    /// for every byte value in every position, and tokenizing agrees with a one-byte-at-a-time reference built
    /// from the same rules on random text mixing long words, digits, punctuation and non-ASCII letters.
    func testEightByteWordScanAgreesWithTheByteRule() {
        func rule(_ b: UInt8) -> (word: Bool, letter: Bool) {
            let letter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            return (letter || (b >= 0x30 && b <= 0x39), letter)
        }
        var rng = SplitMix64(seed: 3)
        for v in 0..<256 {
            for pos in 0..<8 {
                var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes[pos] = UInt8(v)
                let x = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let (word, letter) = Tokenizer.wordBytes(x)
                for k in 0..<8 {
                    let r = rule(bytes[k])
                    XCTAssertEqual((word >> (8 * UInt64(k) + 7)) & 1 == 1, r.word, "byte \(bytes[k]) at \(k)")
                    XCTAssertEqual((letter >> (8 * UInt64(k) + 7)) & 1 == 1, r.letter, "byte \(bytes[k]) at \(k)")
                }
            }
        }
        // Whole ASCII texts (word lengths around the chunk size, separated by spaces and punctuation, the end of
        // the text anywhere in a chunk): the words and where they start, against splitting by the byte rule.
        let pieces = ["a", "Ab", "abcdefg", "ABCDEFGH", "abcdefghi", "Internationalisation", "x9", "2024", "A1b2C3d4e5",
                      ", ", ".", "  ", "-", "\n", "(", ")", ";"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(rng.next() % 30) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            var fast = TokenBuffer()
            Tokenizer().tokenize(text, into: &fast)
            var words: [String] = [], starts: [Int32] = []
            var current = "", start = 0
            for (i, b) in Array(text.utf8).enumerated() {
                if rule(b).word { if current.isEmpty { start = i }; current.append(Character(Unicode.Scalar(rule(b).letter ? b | 0x20 : b))) } else if !current.isEmpty {
                    words.append(current); starts.append(Int32(start)); current = ""
                }
            }
            if !current.isEmpty { words.append(current); starts.append(Int32(start)) }
            XCTAssertEqual(fast.strings, words, text)
            XCTAssertEqual(fast.tokens.map { $0.scalarOffset }, starts, text)
        }
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

    /// The Latin ligatures of PDF text fold to their letters, at any place in a word and in capitalised words,
    /// and their tokens hash as the words written out do; offsets stay the input's scalars.
    func testLigaturesFoldToTheirLetters() {
        XCTAssertEqual(tokens("The \u{FB01}nancial con\u{FB02}ict was di\u{FB03}cult, ba\u{FB04}ing and O\u{FB00}; Schi\u{FB00}'s \u{FB05}\u{FB06}"),
                       ["the", "financial", "conflict", "was", "difficult", "baffling", "and", "off", "schiff's", "stst"])
        var a = TokenBuffer(), b = TokenBuffer()
        Tokenizer().tokenize("o\u{FB03}cers \u{FB01}red", into: &a)
        Tokenizer().tokenize("officers fired", into: &b)
        XCTAssertEqual(a.hashes, b.hashes)
        XCTAssertEqual(a.tokens.map(\.scalarOffset), [0, 7])
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
