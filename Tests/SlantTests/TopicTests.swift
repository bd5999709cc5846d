import XCTest
@testable import Slant
import CZlib

/// The latent topic space: the randomized SVD, the topic features and their place in the model file.
final class TopicTests: XCTestCase {
    /// A dense `rows × cols` matrix of exact rank 4 with singular values 10, 6, 3 and 1, as sparse rows.
    func lowRank(rows: Int = 120, cols: Int = 64, seed: UInt64 = 3) -> (RandomizedSVD.Rows, [Float]) {
        var rng = SplitMix64(seed: seed)
        let sigma: [Float] = [10, 6, 3, 1]
        func orthonormal(_ n: Int) -> [[Float]] {
            var out: [[Float]] = []
            while out.count < sigma.count {
                var v = (0..<n).map { _ in RandomizedSVD.gaussian(&rng) }
                for u in out { let d = zip(u, v).map(*).reduce(0, +); for i in 0..<n { v[i] -= d * u[i] } }
                let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
                out.append(v.map { $0 / norm })
            }
            return out
        }
        let u = orthonormal(rows), v = orthonormal(cols)
        var x = RandomizedSVD.Rows(width: cols)
        for i in 0..<rows {
            var row = [Float](repeating: 0, count: cols)
            for k in sigma.indices { for j in 0..<cols { row[j] += sigma[k] * u[k][i] * v[k][j] } }
            x.append(columns: (0..<cols).map { Int32($0) }, values: row)
        }
        return (x, sigma)
    }

    func testRandomizedSVDRecoversTheSpectrumWithOrthonormalVectors() {
        let (x, sigma) = lowRank()
        let fit = RandomizedSVD.fit(x, rank: 4, seed: 9)
        XCTAssertEqual(fit.rank, 4)
        for k in 0..<4 { XCTAssertEqual(fit.sigma[k], sigma[k], accuracy: 1e-3 * sigma[0]) }
        // Vᵀ V = I.
        for a in 0..<4 {
            for b in 0..<4 {
                var d: Float = 0
                for j in 0..<x.width { d += fit.v[j * 4 + a] * fit.v[j * 4 + b] }
                XCTAssertEqual(d, a == b ? 1 : 0, accuracy: 1e-3)
            }
        }
        // A rank-4 matrix is reproduced by its projection onto the 4 vectors: ‖X V‖ = ‖X‖.
        var total: Float = 0, kept: Float = 0
        for i in 0..<x.count {
            var z = [Float](repeating: 0, count: 4)
            for p in x.rowStart[i]..<x.rowStart[i + 1] {
                total += x.values[p] * x.values[p]
                for c in 0..<4 { z[c] += x.values[p] * fit.v[Int(x.columns[p]) * 4 + c] }
            }
            kept += z.map { $0 * $0 }.reduce(0, +)
        }
        XCTAssertEqual(kept / total, 1, accuracy: 1e-3)
        // Deterministic for a seed; another seed finds the same spectrum.
        let again = RandomizedSVD.fit(x, rank: 4, seed: 9)
        XCTAssertEqual(again.v, fit.v)
        let other = RandomizedSVD.fit(x, rank: 2, seed: 10)
        XCTAssertEqual(other.sigma[0], 10, accuracy: 1e-2)
        XCTAssertEqual(other.sigma[1], 6, accuracy: 1e-2)
    }

    func testJacobiEigenAndTinyInputs() {
        let (values, vectors) = RandomizedSVD.symmetricEigen([2, 1, 1, 2], 2)
        XCTAssertEqual(values.sorted()[0], 1, accuracy: 1e-9)
        XCTAssertEqual(values.sorted()[1], 3, accuracy: 1e-9)
        XCTAssertEqual(abs(vectors[0]), 0.5.squareRoot(), accuracy: 1e-9)
        // Fewer rows than the rank asked for: the rank is cut, nothing traps.
        var x = RandomizedSVD.Rows(width: 10)
        x.append(columns: [0, 3], values: [1, 2])
        x.append(columns: [3, 7], values: [1, 1])
        let fit = RandomizedSVD.fit(x, rank: 5)
        XCTAssertEqual(fit.rank, 2)
        XCTAssertEqual(RandomizedSVD.fit(RandomizedSVD.Rows(width: 10), rank: 5).rank, 0)
    }

    /// Two vocabularies that never share a word but co-occur with the same "bridge" words end up close in topic
    /// space; a third, unrelated one does not.
    func testTopicFeaturesPlaceRelatedTextsTogether() throws {
        var spec = FeatureSpec()
        spec.bits = 14; spec.namespaces = [.text, .title, .pair]; spec.topics = 4; spec.topicBits = 10; spec.wordNgrams = 1
        let sport = ["goal", "match", "striker", "league", "coach"], health = ["vaccine", "doctor", "hospital", "virus", "patient"]
        var records: [Record] = []
        var rng = SplitMix64(seed: 5)
        for i in 0..<200 {
            let vocab = i % 2 == 0 ? sport : health
            let words = (0..<12).map { _ in vocab[Int(rng.next() % 5)] }
            records.append(Record(id: "\(i)", text: words.joined(separator: " "), labels: [:]))
        }
        let idf = Featurizer.fitIDF(spec: spec, records: records)
        let topics = TopicSpace.fit(Featurizer(spec: spec, idf: idf), records: records, seed: 1)
        XCTAssertEqual(topics.count, 1024 * 4)
        let f = Featurizer(spec: spec, idf: idf, topics: topics)
        var s = FeatureScratch()
        func topicVector(_ text: String) -> [Float] {
            let r = Record(id: "q", text: text, labels: [:])
            f.tokenizeAll(r, &s); f.beginCollect(&s); f.collect(.text, r, &s, explain: false); f.aggregate(slot: Namespace.text.slot, &s)
            var z: [Float] = []
            XCTAssertTrue(f.topicVector(s.tables[Namespace.text.slot], into: &z))
            return z
        }
        func cos(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map(*).reduce(0, +) }
        let a = topicVector("striker goal league"), b = topicVector("coach match goal"), c = topicVector("doctor virus hospital")
        XCTAssertGreaterThan(cos(a, b), 0.9)
        XCTAssertLessThan(abs(cos(a, c)), 0.3)
        // The features: one per topic, plus the title–text topic cosine with the pair namespace.
        var names: [Int32: String] = [:]
        _ = f.featurize(Record(id: "x", text: "striker goal", title: "league match", labels: [:]), scratch: &s, names: &names)
        XCTAssertEqual(names.values.filter { $0.hasPrefix("text:topic_") }.count, 4)
        XCTAssertTrue(names.values.contains("pair:title_topic_cos"), "\(names.values.sorted())")
        XCTAssertTrue(names.values.contains("pair:title_topic_cos_b19/20"), "\(names.values.sorted())")  // cosine near 1
    }

    /// The scorer keeps its scratch (and the topic vectors cached in it) from batch to batch: a record scores the
    /// same whether its body was seen before or not, in any order, on one thread or two.
    func testCachedTopicVectorsScoreLikeFreshOnes() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.epochs = 10; o.features.topics = 6; o.features.topicBits = 9
        let m = try Trainer(options: o).train(toyRecords(80))
        let bodies = toyRecords(6, seed: 21).map { $0.text }
        var batch: [Record] = []
        for (i, b) in bodies.enumerated() { for t in ["Headline one", "Another claim", "Third"] { batch.append(Record(id: "\(i)-\(t)", text: b, title: t)) } }
        let fresh = try batch.map { try Scorer(model: m).score($0).predictions.map { $0.scores } }
        // One scratch handed from one topic model to another does not carry the first one's vectors over.
        o.seed = 2
        let other = try Trainer(options: o).train(toyRecords(80))   // same IDF, other random projection
        var shared = [FeatureScratch](), alone = [FeatureScratch]()
        _ = m.predict(batch[0], tasks: [0, 1], scratch: &shared)
        XCTAssertEqual(other.predict(batch[0], tasks: [0, 1], scratch: &shared).map { $0.scores },
                       other.predict(batch[0], tasks: [0, 1], scratch: &alone).map { $0.scores })
        for threads in [1, 2] {
            let scorer = try Scorer(model: m, threads: threads)
            let first = scorer.score(batch: batch).map { $0.predictions.map { $0.scores } }
            let again = scorer.score(batch: batch.reversed()).reversed().map { $0.predictions.map { $0.scores } }
            XCTAssertEqual(first, fresh)
            XCTAssertEqual(again, fresh)
        }
    }

    func testModelsWithTopicsRoundTripAsVersion3AndOthersStayVersion2() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.epochs = 10
        let plain = try ModelFile.encode(try Trainer(options: o).train(toyRecords(60)))
        XCTAssertEqual(plain[8], 2)
        XCTAssertFalse(String(decoding: plain, as: UTF8.self).contains("topicBits"))
        o.features.topics = 6; o.features.topicBits = 9
        let m = try Trainer(options: o).train(toyRecords(60))
        XCTAssertEqual(m.featurizers[0].topics.count, 512 * 6)
        let bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 3)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        XCTAssertEqual(back.featurizers[0].topics, m.featurizers[0].topics)
        var s1 = [FeatureScratch](), s2 = [FeatureScratch]()
        for r in toyRecords(10, seed: 99) {
            let p = m.predict(r, tasks: [0, 1], scratch: &s1), q = back.predict(r, tasks: [0, 1], scratch: &s2)
            XCTAssertEqual(p.map { $0.scores }, q.map { $0.scores })
        }
        // The topic features are used: the same model without its topic matrix scores differently.
        let without = SlantModel(header: m.header, idf: m.featurizers.map { $0.idf }, heads: m.heads)
        let r = toyRecords(1, seed: 5)[0]
        XCTAssertNotEqual(m.predict(r, tasks: [1], scratch: &s1)[0].scores, without.predict(r, tasks: [1], scratch: &s2)[0].scores)
        // Same data, options and seed: the same bytes.
        XCTAssertEqual(try ModelFile.encode(try Trainer(options: o).train(toyRecords(60))), bytes)
        // Refusals: a topic model labelled version 2 (as an older writer would), and a topics array of the wrong size.
        var v2 = bytes
        v2[8] = 2
        let n = v2.count - 4
        let crc = v2.withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, n)) }
        for i in 0..<4 { v2[n + i] = UInt8((crc >> (8 * UInt32(i))) & 0xFF) }
        XCTAssertThrowsError(try ModelFile.decode(v2, path: "m.slant")) { e in XCTAssertTrue("\(e)".contains("format version 2 cannot hold"), "\(e)") }
        var header = m.header
        header.featureSets[0].topics = 5
        let bad = SlantModel(header: header, idf: m.featurizers.map { $0.idf }, topics: [FloatTable([Float](repeating: 0, count: 512 * 5))], heads: m.heads)
        var badBytes = try ModelFile.encode(bad)
        // Swap the header's topic count back to 6 without touching the array: sizes disagree.
        let text = String(decoding: badBytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"topics\":5"))
        if let r = badBytes.firstRange(of: Array("\"topics\":5".utf8)) { badBytes[r.upperBound - 1] = UInt8(ascii: "6") }
        let m2 = badBytes.count - 4
        let crc2 = badBytes.withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress, m2)) }
        for i in 0..<4 { badBytes[m2 + i] = UInt8((crc2 >> (8 * UInt32(i))) & 0xFF) }
        XCTAssertThrowsError(try ModelFile.decode(badBytes, path: "m.slant")) { e in XCTAssertTrue("\(e)".contains("topics.0 has 2560 entries"), "\(e)") }
        // Out-of-range settings are refused with the value quoted.
        var spec = FeatureSpec(); spec.topics = 300
        XCTAssertThrowsError(try spec.validate()) { e in XCTAssertTrue("\(e)".contains("got 300"), "\(e)") }
        spec.topics = 256; spec.topicBits = 20
        XCTAssertThrowsError(try spec.validate()) { e in XCTAssertTrue("\(e)".contains("1024 MiB matrix; at most 256 MiB"), "\(e)") }
        spec.topicBits = 14
        spec.topics = 8; spec.namespaces = [.title]
        XCTAssertThrowsError(try spec.validate()) { e in XCTAssertTrue("\(e)".contains("text namespace"), "\(e)") }
    }
}
