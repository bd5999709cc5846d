import XCTest
import Foundation
@testable import Slant

final class ModelFileTests: XCTestCase {
    func smallModel() throws -> SlantModel {
        var o = TrainingOptions()
        o.features.bits = 12
        o.epochs = 10
        return try Trainer(options: o).train(toyRecords(60))
    }

    func testRoundTripKeepsEverything() throws {
        let m = try smallModel()
        let dir = temporaryDirectory()
        let p = dir + "/m.slant"
        try ModelFile.write(m, to: p)
        let back = try ModelFile.read(p)
        XCTAssertEqual(back.header, m.header)
        XCTAssertEqual(back.featurizers.map { $0.idf }, m.featurizers.map { $0.idf })
        XCTAssertEqual(back.heads.map { $0.weights }, m.heads.map { $0.weights })
        XCTAssertEqual(back.heads.map { $0.bias }, m.heads.map { $0.bias })
        XCTAssertEqual(try ModelFile.encode(back), try ModelFile.encode(m))
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["m.slant"])
    }

    /// A model read from a file uses its arrays in place, as views into the read-only mapping: no copy, and
    /// several processes scoring with one model share its pages. The mapping lives as long as any table of
    /// the model: a head kept after the model is gone still reads the file's values, and so does a model whose
    /// file was replaced by renaming a new one over it (what `ModelFile.write` does), since the old file stays
    /// mapped. Bytes decoded from memory are copied as before.
    func testMappedArraysAreViewsThatOutliveTheModelAndSurviveAReplacedFile() throws {
        let m = try smallModel()
        let p = temporaryDirectory() + "/m.slant"
        try ModelFile.write(m, to: p)
        var head: LinearHead? = nil
        var idf: FloatTable? = nil
        do {
            let back = try ModelFile.read(p)
            head = back.heads[0]
            idf = back.featurizers[0].idf
            XCTAssertNotNil(back.heads[0].weights.storage.owner, "weights should be a view into the mapped file")
            XCTAssertNotNil(back.featurizers[0].idf.storage.owner)
        }
        // The model is gone; its tables are not. Replace the file with a model of other weights.
        var o = TrainingOptions()
        o.features.bits = 12
        o.epochs = 3
        let other = try Trainer(options: o).train(toyRecords(40, seed: 99))
        XCTAssertNotEqual(other.heads[0].weights, m.heads[0].weights)
        try ModelFile.write(other, to: p)
        XCTAssertEqual(head?.weights, m.heads[0].weights)
        XCTAssertEqual(idf, m.featurizers[0].idf)
        XCTAssertEqual(try ModelFile.read(p).heads[0].weights, other.heads[0].weights)
        let decoded = try ModelFile.decode(try ModelFile.encode(m), path: "m.slant")
        XCTAssertNil(decoded.heads[0].weights.storage.owner, "decoded bytes are copied")
        XCTAssertEqual(decoded.heads[0].weights, m.heads[0].weights)
    }

    /// A lexicon is written compactly (format version 4: one string of `word<TAB>valence` lines),
    /// read back equal, non-ASCII words and all; a lexicon whose words hold a newline keeps the JSON object of
    /// earlier versions; and a version 3 file, with the lexicon as an object, still loads the same model.
    func testLexiconIsWrittenCompactlyAndVersion3StillReads() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        o.features.namespaces = [.text, .lexicon]
        o.features.lexicon = ["good": 1.9, "bad": -2.5, "naïve": -0.3, "þ": 1.1, "zz": 0.05]
        o.epochs = 3
        let m = try Trainer(options: o).train(toyRecords(40))
        let bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 4)
        let headerLength = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
        let json = String(decoding: bytes[16..<(16 + headerLength)], as: UTF8.self)
        XCTAssertTrue(json.contains("\"lexiconTable\""), json)
        XCTAssertFalse(json.contains("\"lexicon\":{"), json)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        XCTAssertEqual(back.header, m.header)
        XCTAssertEqual(back.featurizers[0].spec.lexicon, o.features.lexicon)

        // The same model as version 3 wrote it: the lexicon as a JSON object, the arrays unchanged.
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[16..<(16 + headerLength)])) as? [String: Any])
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        var sets = try XCTUnwrap(model["featureSets"] as? [[String: Any]])
        sets[0]["lexiconTable"] = nil
        sets[0]["lexicon"] = o.features.lexicon.mapValues { Double($0) }
        model["featureSets"] = sets; object["model"] = model
        let header = [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        var old: [UInt8] = Array("SLANTMDL".utf8) + [3, 0, 0, 0]
        for k in 0..<4 { old.append(UInt8((header.count >> (8 * k)) & 0xFF)) }
        old += header
        while old.count % 16 != 0 { old.append(0) }
        old += bytes[((16 + headerLength + 15) & ~15)..<(bytes.count - 4)]
        let crc = old.withUnsafeBytes { ModelFile.checksum($0, version: 3) }
        for k in 0..<4 { old.append(UInt8((crc >> (8 * UInt32(k))) & 0xFF)) }
        let v3 = try ModelFile.decode(old, path: "old.slant")
        XCTAssertEqual(v3.header, m.header)
        XCTAssertEqual(v3.featurizers[0].spec.lexicon, o.features.lexicon)
        let r = Record(id: "x", text: "A good plan, not bad at all.")
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        XCTAssertEqual(v3.predict(r, tasks: [0], scratch: &s1)[0].scores, m.predict(r, tasks: [0], scratch: &s2)[0].scores)

        // A word with a newline: the object form, and no reason for version 4.
        var spec = m.header.featureSets[0]
        spec.lexicon["two\nlines"] = 0.5
        XCTAssertNil(spec.compactLexicon)
        let again = try JSONDecoder().decode(FeatureSpec.self, from: try JSONEncoder().encode(spec))
        XCTAssertEqual(again.lexicon, spec.lexicon)
        // Valences read back to the same bits; a bad line is refused.
        var many = FeatureSpec()
        for i in 0..<500 { many.lexicon["w\(i)"] = Float(bitPattern: 0x3DCC_CCCD &+ UInt32(i * 7919)) * (i % 2 == 0 ? 1 : -1) }
        XCTAssertEqual(FeatureSpec.parseCompactLexicon(try XCTUnwrap(many.compactLexicon)).map { $0.mapValues { $0.bitPattern } },
                       many.lexicon.mapValues { $0.bitPattern })
        XCTAssertNil(FeatureSpec.parseCompactLexicon("good\t1.5\nbad"))
        XCTAssertNil(FeatureSpec.parseCompactLexicon("good\tnan"))
    }

    /// Version 4's word checksum: every single flipped bit of a model file is refused as corrupt, and so is a
    /// swap of two words (the lanes are not symmetric); the checksum depends on every byte of a tail shorter than
    /// a word, and on the length (a zero byte appended).
    func testVersion4ChecksumCatchesFlipsSwapsAndTails() throws {
        var o = TrainingOptions()
        o.features.bits = 8
        o.features.namespaces = [.text, .lexicon]
        o.features.lexicon = ["good": 1.9, "bad": -2.5]
        o.epochs = 2
        let good = try ModelFile.encode(try Trainer(options: o).train(toyRecords(20)))
        XCTAssertEqual(good[8], 4)
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 {
            var bad = good
            let bit = Int(rng.next() % UInt64(8 * (good.count - 4)))
            bad[bit / 8] ^= UInt8(1 << (bit % 8))
            XCTAssertThrowsError(try ModelFile.decode(bad, path: "m.slant"), "bit \(bit)")
        }
        var swapped = good
        let at = ((good.count - 4) / 2) & ~7
        for k in 0..<8 { swapped.swapAt(at + k, at + 8 + k) }
        if swapped != good { assertRefused(swapped, "checksum mismatch") }
        for n in 1...40 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            let base = bytes.withUnsafeBytes { ModelFile.wordChecksum($0) }
            for i in 0..<n {
                var b = bytes
                b[i] ^= 0x10
                XCTAssertNotEqual(b.withUnsafeBytes { ModelFile.wordChecksum($0) }, base, "length \(n), byte \(i)")
            }
            XCTAssertNotEqual((bytes + [0]).withUnsafeBytes { ModelFile.wordChecksum($0) }, base, "length \(n)")
        }
    }

    func assertRefused(_ bytes: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ModelFile.decode(bytes, path: "m.slant"), file: file, line: line) { e in
            guard case let SlantError.invalidModel(path, reason) = e else { return XCTFail("\(e)", file: file, line: line) }
            XCTAssertEqual(path, "m.slant", file: file, line: line)
            XCTAssertTrue(reason.contains(fragment), "\"\(reason)\" lacks \"\(fragment)\"", file: file, line: line)
        }
    }

    func testRefusals() throws {
        let good = try ModelFile.encode(try smallModel())
        assertRefused(Array("{\"not\": \"a model\"}".utf8), "not a Slant model")
        assertRefused([], "not a Slant model")
        assertRefused(Array(good[0..<12]), "truncated")
        assertRefused(Array(good[0..<(good.count / 2)]), "truncated")
        assertRefused(Array(good.dropLast(1)), "truncated")
        var flipped = good
        flipped[good.count - 40] ^= 0x01
        assertRefused(flipped, "checksum mismatch")
        var newer = good
        newer[8] = 10
        assertRefused(newer, "format version 10 is newer")
        var older = good
        older[8] = 1
        assertRefused(older, "format version 1 is older")
        assertRefused(good + [0, 0, 0, 0], "header and arrays disagree")
    }

    /// Every actor setting the scorer indexes with is checked at load, each refusal naming the field: a
    /// consistent header loads; each inconsistent one is refused with its reason (one case per field).
    func testInconsistentActorHeadersAreRefused() throws {
        let m = try smallModel()
        let task = m.header.tasks[0]
        var good = ActorSettings()
        good.task = task.name
        good.weights = (0..<task.labels.count).map { _ in [Float](repeating: 0.1, count: ActorFeatures.count + 1) }
        good.featureMean = [Float](repeating: 0, count: ActorFeatures.count)
        good.featureScale = [Float](repeating: 1, count: ActorFeatures.count)
        func encoded(_ edit: (inout ActorSettings) -> Void) throws -> [UInt8] {
            var a = good
            edit(&a)
            var header = m.header
            header.actors = a
            return try ModelFile.encode(SlantModel(header: header, idf: m.featurizers.map { $0.idf }, heads: m.heads))
        }
        XCTAssertEqual(try ModelFile.decode(try encoded { _ in }, path: "m.slant").header.actors, good)
        assertRefused(try encoded { $0.weights!.append($0.weights![0]) }, "actors.weights has \(task.labels.count + 1) rows")
        assertRefused(try encoded { $0.weights!.removeLast() }, "actors.weights has \(task.labels.count - 1) rows")
        assertRefused(try encoded { $0.weights![0].removeLast() }, "actors.weights rows need \(ActorFeatures.count + 1) values")
        assertRefused(try encoded { $0.featureMean = [0, 0, 0] }, "actors.featureMean has 3 values")
        assertRefused(try encoded { $0.featureScale!.append(1) }, "actors.featureScale has \(ActorFeatures.count + 1) values")
        assertRefused(try encoded { $0.featureScale![2] = 0 }, "actors.featureScale holds a value ≤ 0")
        assertRefused(try encoded { $0.task = "nope" }, "actors.task \"nope\" is not a task")
        assertRefused(try encoded { $0.limit = -1 }, "actors.limit is -1")
        assertRefused(try encoded { $0.minMentions = 5000 }, "actors.minMentions is 5000")
        assertRefused(try encoded { $0.evidence = Int.max }, "actors.evidence is \(Int.max)")
        assertRefused(try encoded { $0.low = 0.5; $0.high = -0.5 }, "low must not exceed high")
        assertRefused(try encoded { $0.maxSentences = -2 }, "actors.maxSentences is -2")
    }

    func testHeaderArraysDisagreement() throws {
        // A well-formed file whose header claims more labels than the weights hold.
        let m = try smallModel()
        var header = m.header
        header.tasks[0].labels.append("extra")
        let bad = SlantModel(header: header, idf: m.featurizers.map { $0.idf }, heads: m.heads)
        assertRefused(try ModelFile.encode(bad), "header and arrays disagree")
    }

    func testTrainingIsDeterministic() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        o.epochs = 15
        o.threads = 2
        let a = try ModelFile.encode(try Trainer(options: o).train(toyRecords(80)))
        let b = try ModelFile.encode(try Trainer(options: o).train(toyRecords(80)))
        XCTAssertEqual(a, b)
        o.optimizer = .adagrad
        o.epochs = 3
        let c = try ModelFile.encode(try Trainer(options: o).train(toyRecords(80)))
        let d = try ModelFile.encode(try Trainer(options: o).train(toyRecords(80)))
        XCTAssertEqual(c, d)
        XCTAssertNotEqual(a, c)
    }
}

final class FeatureSetTests: XCTestCase {
    /// Tasks with their own settings get their own feature set; each set featurizes only its tasks' records.
    func testPerTaskFeatureSets() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        var chars = o.features
        chars.charNgramMin = 2; chars.charNgramMax = 4; chars.namespaces.append(.chars)
        o.taskFeatures["stance"] = chars
        let m = try Trainer(options: o).train(toyRecords(120))
        XCTAssertEqual(m.header.featureSets.count, 2)
        XCTAssertEqual(m.tasks.map { $0.name }, ["frames", "stance"])
        XCTAssertEqual(m.tasks.map { $0.featureSet }, [0, 1])
        XCTAssertEqual(m.header.featureSets[1].charNgramMax, 4)
        let back = try ModelFile.decode(try ModelFile.encode(m), path: "m")
        XCTAssertEqual(back.header, m.header)
        let r = Record(id: "1", text: "The minister praised the plan")
        var scratch: [FeatureScratch] = []
        let p = back.predict(r, tasks: [0, 1], scratch: &scratch, explain: 3)
        XCTAssertEqual(p.map { $0.task }, ["frames", "stance"])
        XCTAssertEqual(p[1].labels, ["favor"])
        XCTAssertTrue(p[1].explanation.contains { $0.feature.hasPrefix("text:") || $0.feature.hasPrefix("chars:") })
        o.taskFeatures["nope"] = chars
        XCTAssertThrowsError(try Trainer(options: o).train(toyRecords(20)))
    }

    func testLexiconAndInteractions() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        o.features.lexicon = ["praised": 2.5, "slammed": -2.7]
        o.features.namespaces.append(.lexicon)
        o.features.interactions = ["title*text"]
        let f = Featurizer(spec: o.features)
        var s = FeatureScratch()
        var names: [Int32: String] = [:]
        _ = f.featurize(Record(id: "1", text: "they never praised it", title: "Vote"), scratch: &s, names: &names)
        let all = Set(names.values)
        XCTAssertTrue(all.contains("text:never NOT_praised"), "\(all.sorted())")
        XCTAssertTrue(all.contains("lexicon:text_neg"), "negated praise counts as negative: \(all.sorted())")
        XCTAssertFalse(all.contains("lexicon:text_pos"))
        XCTAssertTrue(all.contains("title*text:vote × they"))
        XCTAssertThrowsError(try { var bad = o.features; bad.interactions = ["title*pair"]; try bad.validate() }())
    }
}

final class FeatureFamilyTests: XCTestCase {
    func names(_ spec: FeatureSpec, _ r: Record) -> Set<String> {
        var s = FeatureScratch()
        var n: [Int32: String] = [:]
        _ = Featurizer(spec: spec).featurize(r, scratch: &s, names: &n)
        return Set(n.values)
    }

    /// Context words are those within the window of the mention; with decay, nearer words weigh more.
    func testContextWindowAndDecay() {
        var spec = FeatureSpec()
        spec.bits = 16; spec.useIDF = false; spec.normalize = false; spec.sublinearTF = false
        spec.namespaces = [.context]; spec.contextWindow = 2; spec.wordNgrams = 1; spec.negation = false
        let r = Record(id: "1", text: "far away words then Merkel said yes quietly today", target: "Merkel", spans: [Span(20, 26)])
        XCTAssertEqual(names(spec, r), ["context:words", "context:then", "context:said", "context:yes"])
        var s = FeatureScratch()
        spec.contextDecay = true
        let decayed = Featurizer(spec: spec).featurize(r, scratch: &s)
        XCTAssertEqual(Set(decayed.values.map { abs($0) }), [1, 0.5])
        spec.contextDecay = false
        let flat = Featurizer(spec: spec).featurize(r, scratch: &s)
        XCTAssertEqual(Set(flat.values.map { abs($0) }), [1])
        // Without spans, the target's words are found in the text.
        let noSpans = Record(id: "2", text: "then Merkel said", target: "Angela Merkel")
        XCTAssertEqual(names(spec, noSpans), ["context:then", "context:said"])
    }

    /// Cue groups count refuting / hedging words and cross them with title–text similarity.
    func testCueFeatures() {
        var spec = FeatureSpec()
        spec.bits = 16; spec.useIDF = false
        spec.namespaces = [.title, .text, .pair]
        let r = Record(id: "1", text: "Officials denied the report, calling the claim a hoax", title: "Officials confirm the report")
        let n = names(spec, r)
        XCTAssertTrue(n.contains("pair:cue_refute_text"), "\(n.sorted())")
        XCTAssertTrue(n.contains("pair:cue_hedge_text"))
        XCTAssertTrue(n.contains("pair:cue_support_title"))
        XCTAssertTrue(n.contains { $0.hasPrefix("pair:cue_refute_text_sim") })
        spec.cues = false
        XCTAssertFalse(names(spec, r).contains { $0.contains("cue_") })
    }
    /// The block-wise non-finite check finds the first bad value wherever it is (first, inside and across the
    /// 4,096-float blocks, last), lets -0 through where negatives are refused, and passes clean tables.
    func testFirstNonFiniteFindsTheFirstBadValue() {
        let n = 10_000
        for at in [0, 1, 4095, 4096, 4097, 8191, 9999] {
            for bad: Float in [.nan, .infinity, -.infinity, -1e-30] {
                var a = [Float](repeating: 0.5, count: n)
                a[at] = bad
                if at + 7 < n { a[at + 7] = .nan }   // a later one is not the answer
                let negativeOnly = bad.isFinite
                let hit = ModelFile.firstNonFinite(FloatTable(a), allowNegative: false)
                XCTAssertEqual(hit?.index, at, "bad \(bad) at \(at)")
                let allowing = ModelFile.firstNonFinite(FloatTable(a), allowNegative: true)
                XCTAssertEqual(allowing?.index, negativeOnly ? (at + 7 < n ? at + 7 : nil) : at, "allowing negatives, bad \(bad) at \(at)")
            }
        }
        var clean = [Float](repeating: -0.0, count: n)
        clean[5000] = 3
        XCTAssertNil(ModelFile.firstNonFinite(FloatTable(clean), allowNegative: false), "-0 is not negative")
        XCTAssertNil(ModelFile.firstNonFinite(FloatTable([]), allowNegative: false))
    }
}
