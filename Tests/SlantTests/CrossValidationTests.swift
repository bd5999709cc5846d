import XCTest
@testable import Slant

final class CrossValidationTests: XCTestCase {
    func testSHA1Vectors() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex(SHA1.digest(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(hex(SHA1.digest([])), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    func testFoldIsSHA1ModK() {
        // sha1("cvabc") read as an integer, mod 5, computed independently (Python: int(hashlib.sha1(b"cvabc").hexdigest(), 16) % 5).
        let d = SHA1.digest(Array("cvabc".utf8))
        var rem = 0
        for b in d { rem = (rem * 256 + Int(b)) % 5 }
        XCTAssertEqual(CrossValidation.fold(key: "abc", k: 5), rem)
        let r = Record(id: "x", text: "t", source: "cnn")
        XCTAssertEqual(CrossValidation.key(r, groupBy: "source"), "cnn")
        XCTAssertEqual(CrossValidation.key(r, groupBy: nil), "x")
    }

    func testCrossValidationReportsEveryRecordOnce() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        let records = toyRecords(300)
        let reports = try CrossValidation.run(records, k: 3, groupBy: nil, options: o)
        let stance = reports.first { $0.task == "stance" }!
        XCTAssertEqual(stance.n, 300)
        XCTAssertGreaterThan(stance.accuracy!, 0.85)
        XCTAssertEqual(reports.first { $0.task == "frames" }!.n, 300)
    }

    func testOneStandardErrorRulePrefersTheSimplestSettingWithinTheNoise() {
        typealias C = HyperparameterSearch.Candidate
        func outcome(_ c: C, _ scores: [Double]) -> HyperparameterSearch.Outcome { .init(candidate: c, cv: FoldStat(scores), dev: nil) }
        let complex = outcome(C(l2: 0.3, ngrams: 2, charNgrams: true), [0.70, 0.74, 0.66, 0.72, 0.68])    // mean 0.70, SE ≈ 0.014
        let simple = outcome(C(l2: 3, ngrams: 1, charNgrams: false), [0.69, 0.70, 0.68, 0.70, 0.68])      // mean 0.69: within one SE
        let poor = outcome(C(l2: 1, ngrams: 1, charNgrams: false), [0.60, 0.61, 0.59, 0.60, 0.60])
        XCTAssertEqual(HyperparameterSearch.choose([complex, simple, poor])?.candidate.description, simple.candidate.description)
        // Outside one SE the best wins.
        let far = outcome(C(l2: 3, ngrams: 1, charNgrams: false), [0.60, 0.62, 0.58, 0.61, 0.59])
        XCTAssertEqual(HyperparameterSearch.choose([complex, far])?.candidate.description, complex.candidate.description)
        XCTAssertEqual(FoldStat([1, 2, 3]).sd, 1, accuracy: 1e-12)
    }

    func testRepeatsUseDifferentFoldAssignments() {
        let keys = (0..<200).map { "r\($0)" }
        let a = keys.map { CrossValidation.fold(key: $0, k: 5, repeat: 0) }
        XCTAssertEqual(a, keys.map { CrossValidation.fold(key: $0, k: 5) }, "repeat 0 keeps the published rule")
        let b = keys.map { CrossValidation.fold(key: $0, k: 5, repeat: 1) }
        XCTAssertGreaterThan(zip(a, b).filter { $0 != $1 }.count, 100)
    }

    func testGroupingByTextKeepsAnArticleBodyInOneFold() {
        let body = "One article body that many headlines are paired with."
        let records = (0..<50).map { Record(id: "p\($0)", text: $0 % 2 == 0 ? body : "Body \($0 % 7)", title: "Headline \($0)") }
        let folds = Set(records.filter { $0.text == body }.map { CrossValidation.fold(key: CrossValidation.key($0, groupBy: "text"), k: 5) })
        XCTAssertEqual(folds.count, 1)
    }
}
