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
}
