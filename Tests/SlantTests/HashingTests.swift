import XCTest
@testable import Slant

/// Pinned values: if any of these change, every model file ever written becomes wrong.
final class HashingTests: XCTestCase {
    /// The tokenizer's Murmur3 (`hash(slack:count:)`, one masked load for the tail) equals the byte-by-byte
    /// definition for every length and any bytes after the end.
    func testMurmurWithSlackEqualsTheDefinition() {
        var rng = SplitMix64(seed: 21)
        for n in 0..<40 {
            for _ in 0..<20 {
                let bytes = (0..<(n + 4)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let seed = UInt32(truncatingIfNeeded: rng.next())
                bytes.withUnsafeBytes { b in
                    XCTAssertEqual(Murmur3.hash(slack: b.baseAddress!, count: n, seed: seed),
                                   Murmur3.hash(UnsafeRawBufferPointer(rebasing: b[0..<n]), seed: seed), "length \(n)")
                }
            }
        }
    }

    func testMurmur3ReferenceVectors() {
        XCTAssertEqual(Murmur3.hash("", seed: 0), 0)
        XCTAssertEqual(Murmur3.hash("", seed: 1), 0x514E_28B7)
        XCTAssertEqual(Murmur3.hash("hello", seed: 0), 0x248B_FA47)
        XCTAssertEqual(Murmur3.hash("The quick brown fox jumps over the lazy dog", seed: 0), 0x2E4F_F723)
    }

    func testNamespaceSeedsArePinned() {
        XCTAssertEqual(Namespace.text.seed, Murmur3.hash("text"))
        XCTAssertNotEqual(Namespace.text.seed, Namespace.title.seed)
    }

    func testNgramHashesArePinnedAndOrderSensitive() {
        let a = Murmur3.hash("senate"), b = Murmur3.hash("votes")
        let ab = [a, b].withUnsafeBufferPointer { Murmur3.hash(words: $0, seed: 2) }
        let ba = [b, a].withUnsafeBufferPointer { Murmur3.hash(words: $0, seed: 2) }
        XCTAssertNotEqual(ab, ba)
        // The word-sequence hash equals murmur3 of the little-endian bytes.
        var bytes: [UInt8] = []
        for w in [a, b] { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }
        XCTAssertEqual(ab, bytes.withUnsafeBytes { Murmur3.hash($0, seed: 2) })
    }

    func testFeaturesAreStableAcrossRuns() {
        var spec = FeatureSpec()
        spec.bits = 18
        spec.useIDF = false
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        let v1 = f.featurize(Record(id: "1", text: "Hello world"), scratch: &s)
        let v2 = Featurizer(spec: spec).featurize(Record(id: "1", text: "Hello world"), scratch: &s)
        XCTAssertEqual(v1, v2)
        // unigrams "hello", "world" and the bigram: 3 features, each |value| = 1/sqrt(3).
        XCTAssertEqual(v1.count, 3)
        for v in v1.values { XCTAssertEqual(abs(v), 1 / Float(3).squareRoot(), accuracy: 1e-6) }
        XCTAssertEqual(v1.indices, v1.indices.sorted())
    }

    func testUnseenTermsGetNoIDFAndDoNotDiluteKnownOnes() throws {
        var spec = FeatureSpec()
        spec.bits = 18
        spec.wordNgrams = 1
        spec.namespaces = [.text]
        spec.negation = false
        let train = [Record(id: "a", text: "taxes rose"), Record(id: "b", text: "taxes fell"), Record(id: "c", text: "rain fell")]
        let kept = Featurizer.fitIDF(spec: spec, records: train)
        XCTAssertTrue(kept.allSatisfy { $0 > 1 }, "by default an unseen bucket keeps the largest IDF")
        XCTAssertEqual(kept.max()!, log(Float(4)) + 1, accuracy: 1e-6)
        spec.dropUnseen = true
        let idf = Featurizer.fitIDF(spec: spec, records: train)
        let seen = idf.filter { $0 > 0 }
        XCTAssertEqual(seen.count, 4, "one bucket per training word (taxes, rose, fell, rain) in 2^18")
        XCTAssertEqual(idf.count - seen.count, (1 << 18) - 4, "every other bucket is unseen and weighs 0")
        // ln((1 + 3) / (1 + 1)) + 1 for a word in one of three documents (the largest), as scikit-learn's smooth IDF.
        XCTAssertEqual(seen.max()!, log(Float(4) / 2) + 1, accuracy: 1e-6)
        let f = Featurizer(spec: spec, idf: idf)
        var s = FeatureScratch()
        let known = f.featurize(Record(id: "1", text: "taxes rose"), scratch: &s)
        let padded = f.featurize(Record(id: "2", text: "taxes rose zyzzyva quixotic flummox"), scratch: &s)
        let nonzero = zip(padded.indices, padded.values).filter { $0.1 != 0 }
        XCTAssertEqual(nonzero.map { $0.0 }, known.indices, "the new words carry nothing")
        XCTAssertEqual(nonzero.map { $0.1 }, known.values, "and leave the known words' values as they were")
        let diluted = Featurizer(spec: spec, idf: kept).featurize(Record(id: "2", text: "taxes rose zyzzyva quixotic flummox"), scratch: &s)
        XCTAssertLessThan(diluted.values.map(abs).min()!, known.values.map(abs).min()!, "without it the new words take a share of the norm")
        let back = try JSONDecoder().decode(FeatureSpec.self, from: JSONEncoder().encode(spec))
        XCTAssertTrue(back.dropUnseen, "the setting travels with the model's header")
    }

    func testSHA256Vectors() {
        var a = SHA256(); a.update(Array("abc".utf8))
        XCTAssertEqual(a.finalizeHex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var e = SHA256()
        XCTAssertEqual(e.finalizeHex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var l = SHA256(); l.update(Array(String(repeating: "a", count: 1000).utf8))
        XCTAssertEqual(l.finalizeHex(), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

final class HashTableTests: XCTestCase {
    func testScratchSetMatchesSwiftSet() {
        var rng = SplitMix64(seed: 11)
        var s = ScratchSet()
        for round in 0..<5 {
            s.reset(capacity: 10 + round * 300)
            var reference = Set<UInt32>()
            for _ in 0..<(20 + round * 400) {
                let k = UInt32(truncatingIfNeeded: rng.next() % 700)
                XCTAssertEqual(s.insert(k), reference.insert(k).inserted)
            }
            XCTAssertEqual(s.count, reference.count)
            for k in UInt32(0)..<800 { XCTAssertEqual(s.contains(k), reference.contains(k)) }
        }
    }

    /// A small record after a large one uses only the start of the grown table, and grows within it.
    func testScratchSetAfterALargerRecord() {
        var rng = SplitMix64(seed: 12)
        var s = ScratchSet()
        for (capacity, inserts) in [(2000, 3000), (4, 100), (10, 10), (1, 5000), (3, 2)] {
            s.reset(capacity: capacity)
            var reference = Set<UInt32>()
            for _ in 0..<inserts {
                let k = UInt32(truncatingIfNeeded: rng.next() % 9000)
                XCTAssertEqual(s.insert(k), reference.insert(k).inserted)
            }
            XCTAssertEqual(s.count, reference.count)
            for k in UInt32(0)..<9100 where k % 7 == 0 || reference.contains(k) { XCTAssertEqual(s.contains(k), reference.contains(k)) }
        }
        var t = TermTable()
        for n in [4000, 3, 200] {
            let terms: [UInt32] = (0..<n).map { UInt32(truncatingIfNeeded: $0 &* 2654435761) }
            (terms + terms.prefix(2)).withUnsafeBufferPointer { t.aggregate($0, weights: nil, orders: nil) }
            XCTAssertEqual(t.count, n)
            XCTAssertEqual(t.entries.prefix(2).map { $0.value }, [2, 2])
            XCTAssertEqual(t.find(terms[n - 1]), n - 1)
            XCTAssertNil(t.find(12345))
        }
    }

    func testHashMap32() {
        let pairs: [(UInt32, Int)] = (0..<500).map { (Murmur3.hash("w\($0)"), $0) }
        let m = HashMap32(pairs)
        for (k, v) in pairs { XCTAssertEqual(m[k], v) }
        XCTAssertNil(m[Murmur3.hash("absent")])
        XCTAssertNil(HashMap32<Int>([])[1])
    }
}

final class RadixSortTests: XCTestCase {
    func testMatchesStandardSort() {
        var rng = SplitMix64(seed: 5)
        var scratch: [UInt64] = [], counts: [Int] = []
        for n in [0, 1, 5, 127, 128, 1000, 5000] {
            for spread in [UInt64(3), 1 << 20, 1 << 32] {
                var keys = (0..<n).map { UInt64(rng.next() % spread) << 32 | UInt64($0) }
                let expected = keys.sorted()
                RadixSort.sortByHigh32(&keys, scratch: &scratch, counts: &counts)
                XCTAssertEqual(keys, expected, "n \(n) spread \(spread)")
            }
        }
    }
}

final class ScratchSetGrowthTests: XCTestCase {
    /// More keys than the capacity asked for: the set grows instead of probing forever.
    func testGrowsPastItsCapacity() {
        var s = ScratchSet()
        s.reset(capacity: 4)
        for k in UInt32(0)..<10_000 { XCTAssertTrue(s.insert(k &* 2_654_435_761)) }
        XCTAssertEqual(s.count, 10_000)
        for k in UInt32(0)..<10_000 { XCTAssertTrue(s.contains(k &* 2_654_435_761)) }
        s.reset(capacity: 1)
        XCTAssertFalse(s.contains(0))
        XCTAssertEqual(s.count, 0)
    }
}
