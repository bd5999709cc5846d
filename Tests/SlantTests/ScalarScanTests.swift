import XCTest
@testable import Slant

/// The vectorised scans (`ScalarScan`, C kernels in `CKernels`: four and sixteen scalars a step) against the one-scalar loops they
/// replace in actor detection and the sentence splitter.
final class ScalarScanTests: XCTestCase {
    static func alnumReference(_ s: [Unicode.Scalar], _ from: Int, _ end: Int) -> Int {
        var j = from
        while j < end, case let v = s[j].value, (v | 0x20) &- 97 < 26 || v &- 48 < 10 { j += 1 }
        return Swift.max(from, Swift.min(j, end))
    }

    static func plainReference(_ s: [Unicode.Scalar], _ from: Int, _ end: Int) -> Int {
        var j = from
        while j < end, case let v = s[j].value, v >= 0x20 && v < 0x7F && v != 0x2E && v != 0x21 && v != 0x3F { j += 1 }
        return Swift.max(from, Swift.min(j, end))
    }

    func scans(_ s: [Unicode.Scalar], _ from: Int, _ end: Int) -> (alnum: Int, plain: Int) {
        s.withUnsafeBufferPointer { (ScalarScan.asciiAlnumEnd($0, from: from, to: end), ScalarScan.plainTextEnd($0, from: from, to: end)) }
    }

    /// Every scalar below 0x300 and a set of wider ones (curly quotes, the paragraph separator, the largest
    /// scalar, values whose low bits look like ASCII, values that narrow to a byte of plain text), in each lane of
    /// the first and second steps and in the scalar
    /// tail, inside a run that would otherwise continue: both scans stop exactly where the reference loops do.
    func testEveryScalarInEveryLaneAgreesWithTheLoops() {
        let wide: [UInt32] = [0x2019, 0x201C, 0x2026, 0x2029, 0x10FFFF, 0x10061, 0x1_0020, 0xFF41, 0x80, 0xFF, 0x7FFF_FFFF & 0x10FFFF,
                              0x7FFF, 0x8000, 0xFFFF, 0x1_0041, 0x1_7FFF, 0x3041, 0x0161]
        let values = Array(0..<0x300) + wide
        for v in values {
            guard let c = Unicode.Scalar(v) else { continue }
            for lane in 0..<37 {
                var s = [Unicode.Scalar](repeating: "k", count: 37)   // a letter: continues both runs
                s[lane] = c
                for from in [0, 1, 5, 8, 16, 21] where from <= lane {
                    for end in [lane, lane + 1, 37] where end >= from {
                        let got = scans(s, from, end)
                        XCTAssertEqual(got.alnum, Self.alnumReference(s, from, end), "alnum U+\(String(v, radix: 16)) lane \(lane) from \(from) end \(end)")
                        XCTAssertEqual(got.plain, Self.plainReference(s, from, end), "plain U+\(String(v, radix: 16)) lane \(lane) from \(from) end \(end)")
                    }
                }
            }
        }
    }

    /// Random texts mixing words, digits, spaces, terminators, control characters and non-ASCII scalars: every
    /// start and end agree with the reference loops, including starts near the end of the buffer (the kernels'
    /// eight-scalar loads must not read past it, and the answer is clamped to `end`).
    func testRandomTextsAgreeWithTheLoopsForEveryStartAndEnd() {
        let alphabet: [Unicode.Scalar] = Array("abcxyzABCXYZ0189 ,;:-'\".!?\n\t\u{0}é’“…\u{2029}ß€".unicodeScalars)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let n = Int(rng.next() % 40)
            let runny = rng.next() % 2 == 0   // long runs of letters, or fully mixed
            let s: [Unicode.Scalar] = (0..<n).map { _ in
                runny && rng.next() % 8 != 0 ? "q" : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            for from in 0...n {
                for end in from...n {
                    let got = scans(s, from, end)
                    XCTAssertEqual(got.alnum, Self.alnumReference(s, from, end))
                    XCTAssertEqual(got.plain, Self.plainReference(s, from, end))
                }
            }
        }
    }

    /// The scans inside their callers: a long name and a long sentence whose words end past an eight-scalar
    /// step are split and detected as before.
    func testLongWordsAndSentencesAcrossSteps() {
        let text = "Representatives of Internationalization Incorporated met Konstantinopoulos today. Konstantinopoulos spoke"
            + " at length about internationalisation; the Representatives listened!  Konstantinopoulos left."
        let s = Array(text.unicodeScalars)
        let sentences = SentenceSplitter.split(s)
        XCTAssertEqual(sentences.map { String(String.UnicodeScalarView(s[$0])) }, [
            "Representatives of Internationalization Incorporated met Konstantinopoulos today.",
            "Konstantinopoulos spoke at length about internationalisation; the Representatives listened!",
            "Konstantinopoulos left.",
        ])
        let actors = ActorDetector.detect(s, sentences: sentences)
        // The only name mentioned twice or more (three times); the long name and "Representatives" once each.
        XCTAssertEqual(actors.map(\.name), ["Konstantinopoulos"])
    }
}
