import XCTest
@testable import Slant

/// `FeatureSpec.stopWords` and `StopWords`: words the title and text namespaces leave out.
final class StopWordsTests: XCTestCase {
    /// `--stop-words` reads named lists and single words, lower-cased, each once, sorted; an empty item, or one
    /// the tokenizer does not read as one word, is a usage error that quotes it.
    func testParsingNamedListsAndWords() throws {
        XCTAssertEqual(try StopWords.parse("honorifics"), ["dr", "messrs", "mr", "mrs", "ms"])
        XCTAssertEqual(try StopWords.parse(" Sir , honorifics,mr"), ["dr", "messrs", "mr", "mrs", "ms", "sir"])
        let english = try StopWords.parse("english")
        XCTAssertEqual(english, StopWords.english)
        XCTAssertEqual(english, english.sorted())
        for w in ["the", "of", "we", "mr", "would", "not", "don't", "it's"] { XCTAssertTrue(english.contains(w), w) }
        // Every listed word is one word to the tokenizer (a contraction with any apostrophe reads as one).
        XCTAssertNoThrow(try { var f = FeatureSpec(); f.stopWords = english; try f.validate() }())
        XCTAssertEqual(StopWords.wordHash("don’t", Tokenizer()), StopWords.wordHash("don't", Tokenizer()))
        for w in ["trump", "tax", "said", "liberal", "illegal"] { XCTAssertFalse(english.contains(w), "\(w) is a content word") }
        for (bad, quoted) in [("mr,,mrs", "empty item"), ("new york", "'new york'"), ("...", "'...'"), ("", "empty item")] {
            XCTAssertThrowsError(try StopWords.parse(bad), bad) { XCTAssertTrue("\($0)".contains(quoted), "\($0)") }
        }
        var spec = FeatureSpec()
        spec.stopWords = ["Mr"]
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("'Mr'"), "\($0)") }
        spec.stopWords = ["mr", "two words"]
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("'two words'"), "\($0)") }
        spec.stopWords = ["mr", "mrs"]
        XCTAssertNoThrow(try spec.validate())
    }

    /// The membership filter answers exactly as a `Set` does, for the listed hashes and for others that share
    /// their filter bits.
    func testStopWordSetIsExact() {
        var rng = SplitMix64(seed: 3)
        let members = (0..<300).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
        let set = StopWordSet(members), reference = Set(members)
        XCTAssertFalse(set.isEmpty)
        for h in members { XCTAssertTrue(set.contains(h)) }
        var probes = (0..<20_000).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
        probes += members.map { $0 ^ 0x1000 } + members.map { $0 &+ 0x10000 }   // same low 12 bits: pass the filter
        for h in probes { XCTAssertEqual(set.contains(h), reference.contains(h), "\(h)") }
        XCTAssertTrue(StopWordSet([]).isEmpty)
        XCTAssertFalse(StopWordSet([]).contains(0))
    }

    /// Stop words leave the title and the text before n-grams are formed ("Mr. Smith said" gives "smith said"),
    /// also inside a negation scope; the other namespaces read them; the buffer the feature sets share is not
    /// changed; a text without any is passed through as it is.
    func testStopWordsLeaveTitleAndTextBeforeNgrams() {
        var spec = FeatureSpec()
        spec.bits = 16; spec.wordNgrams = 2; spec.namespaces = [.title, .text, .target]; spec.negation = true
        spec.stopWords = StopWords.honorifics
        let f = Featurizer(spec: spec)
        let r = Record(id: "a", text: "Mr. Smith said Mrs. Jones did not meet Dr. Lee.", title: "Mr. Smith speaks", target: "Mr. Smith")
        var s = FeatureScratch(), names: [Int32: String] = [:]
        _ = withUnsafeMutablePointer(to: &names) { f.featurize(r, scratch: &s, names: $0) }
        let all = Set(names.values)
        for want in ["text:smith said", "text:said jones", "title:smith speaks", "target:mr smith"] {
            XCTAssertTrue(all.contains(want), "\(want) in \(all.sorted())")
        }
        XCTAssertFalse(all.contains { ($0.hasPrefix("text:") || $0.hasPrefix("title:")) && ($0.contains("mr") || $0.contains("dr")) },
                       "\(all.sorted())")
        XCTAssertEqual(s.text.tokens.count, tokenBuffer(r.text).tokens.count, "the shared token buffer keeps every word")
        let plain = tokenBuffer("the council met on monday")
        XCTAssertEqual(f.droppingStopWords(plain).hashes, plain.hashes)
        XCTAssertEqual(f.droppingStopWords(tokenBuffer("Mr. Mrs. Dr.")).tokens.count, 0)
        // The hashes alone (the fast path's n-grams read nothing else): the same hashes, no tokens.
        let mixed = tokenBuffer("Mr. Smith met Dr. Jones and Mrs. Lee, not Mr Lee")
        let whole = f.droppingStopWords(mixed), lean = f.droppingStopWords(mixed, hashesOnly: true)
        XCTAssertEqual(whole.hashes.count, 7)
        XCTAssertEqual(lean.hashes, whole.hashes)
        XCTAssertTrue(lean.tokens.isEmpty && lean.negated.isEmpty && lean.rawHashes.isEmpty)
        XCTAssertEqual(f.droppingStopWords(tokenBuffer("Mr. Mrs. Dr."), hashesOnly: true).hashes, [])
        XCTAssertEqual(Featurizer(spec: FeatureSpec()).droppingStopWords(tokenBuffer("Mr. Smith")).tokens.count, 2, "no stop words: every word")
    }

    /// A model with stop words is written as format version 7 and reads back with them, scoring the same; it is
    /// refused with the reason when its header says version 6; a model without them keeps its older version.
    /// The head cannot tell texts apart that differ only in stop words, and the fast path equals the sparse
    /// vector's scores.
    func testModelsWithStopWordsAreFormatSeven() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.features.wordNgrams = 2; o.features.namespaces = [.title, .text]; o.features.negation = false
        o.features.stopWords = StopWords.honorifics
        o.epochs = 5
        let train = (0..<40).map { i in
            Record(id: "\(i)", text: i % 2 == 0 ? "Mr. Lee praised the deal." : "Aides attacked the deal, Ms. Cho said.",
                   title: i % 3 == 0 ? "Dr. Who" : nil, labels: ["leaning": .single(i % 2 == 0 ? "left" : "right")])
        }
        let m = try Trainer(options: o).train(train)
        var bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 7)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        XCTAssertEqual(back.featurizers[0].spec.stopWords, StopWords.honorifics)
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        let q1 = Record(id: "q", text: "Mr. Lee praised the deal.", title: "Mr. Lee"), q2 = Record(id: "q", text: "Lee praised the deal.", title: "Lee")
        let p1 = back.predict(q1, tasks: [0], scratch: &s1)[0]
        XCTAssertEqual(p1.scores, m.predict(q1, tasks: [0], scratch: &s2)[0].scores)
        XCTAssertEqual(p1.scores, back.predict(q2, tasks: [0], scratch: &s1)[0].scores, "honorifics change nothing")
        for r in train.prefix(10) + [q1, Record(id: "e", text: "")] {
            let fast = back.predict(r, tasks: [0], scratch: &s1)[0]
            let slow = back.predict(back.featurizers[0].featurize(r, scratch: &s1[0]), task: 0)
            for (a, b) in zip(fast.scores, slow.scores) { XCTAssertEqual(a, b, accuracy: 1e-5, "record \(r.id)") }
        }
        rewriteFormatVersion(&bytes, to: 6)
        XCTAssertThrowsError(try ModelFile.decode(bytes, path: "m.slant")) {
            XCTAssertTrue("\($0)".contains("leaves stop words out, which format version 6 cannot hold"), "\($0)")
        }
        o.features.stopWords = []
        XCTAssertLessThan(try ModelFile.encode(try Trainer(options: o).train(train))[8], 7)
    }
}
