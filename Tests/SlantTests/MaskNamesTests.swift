import XCTest
@testable import Slant

/// `FeatureSpec.maskNames`: capitalised words inside a sentence read as one word.
final class MaskNamesTests: XCTestCase {
    /// Names are the words that start with a capital letter in the text, except a sentence's first word.
    func testNamesAreCapitalisedWordsInsideSentences() {
        let text = "Senators met. Then Ana Ruiz spoke, and Élodie left! Why? “Really” said FBI agents in 2024… Next"
        let b = tokenBuffer(text)
        let names = Featurizer.nameTokens(b, text: text)
        XCTAssertEqual(b.strings.indices.filter { names[$0] }.map { b.strings[$0] }, ["ana", "ruiz", "élodie", "fbi"],
                       "not the first word, nor after . ! ? … (through quotes); commas do not end sentences; Latin-1 capitals count")
        let m = Featurizer.maskingNames(b, text: text)
        XCTAssertEqual(b.strings.indices.filter { m.hashes[$0] == FeatureHash.maskedName }.count, 4)
        XCTAssertFalse(b.hashes.contains(FeatureHash.maskedName), "the shared token buffer keeps the words")
        let t2 = "Yesterday the Senate passed it. Republicans said Donald Trump was wrong, and Democrats agreed."
        let b2 = tokenBuffer(t2)
        XCTAssertEqual(b2.strings.indices.filter { Featurizer.nameTokens(b2, text: t2)[$0] }.map { b2.strings[$0] }, ["senate", "donald", "trump", "democrats"])
        XCTAssertEqual(Featurizer.maskingNames(tokenBuffer(""), text: "").hashes, [])
        XCTAssertEqual(Featurizer.maskingNames(tokenBuffer("Obama"), text: "Obama").hashes, tokenBuffer("Obama").hashes, "a lone first word stays")
        XCTAssertEqual(Featurizer.nameTokens(b2, text: "short"), [Bool](repeating: false, count: b2.tokens.count), "offsets outside the text: no names")
    }

    /// With the setting, two texts that differ only in the names inside their sentences get the same features;
    /// without it they differ. The first word of a sentence is read as written. The setting travels with the
    /// spec, and IDF is fitted on the masked words.
    func testFeaturesIgnoreWhichNamesAppear() throws {
        var spec = FeatureSpec()
        spec.bits = 16; spec.wordNgrams = 2; spec.namespaces = [.title, .text]; spec.negation = false
        let a = Record(id: "a", text: "Aides said Pelosi would block the bill. Critics called it reckless.", title: "Budget talks stall")
        let b = Record(id: "b", text: "Aides said McConnell would block the bill. Critics called it reckless.", title: "Budget talks stall")
        let c = Record(id: "c", text: "Aides said Pelosi would block the bill. Voters called it reckless.", title: "Budget talks stall")
        var s = FeatureScratch()
        let plain = Featurizer(spec: spec)
        XCTAssertNotEqual(plain.featurize(a, scratch: &s).indices, plain.featurize(b, scratch: &s).indices)
        spec.maskNames = true
        let f = Featurizer(spec: spec, idf: Featurizer.fitIDF(spec: spec, records: [a, b, c]))
        let va = f.featurize(a, scratch: &s), vb = f.featurize(b, scratch: &s), vc = f.featurize(c, scratch: &s)
        XCTAssertEqual(va.indices, vb.indices)
        XCTAssertEqual(va.values, vb.values)
        XCTAssertNotEqual(va.indices, vc.indices, "a sentence's first word is not a name to mask")
        // The fast scoring path agrees with the sparse vector (title and text through the same masking).
        var o = TrainingOptions()
        o.features = spec
        let train = (0..<30).map { i in
            Record(id: "\(i)", text: i % 2 == 0 ? "Aides said Pelosi praised the deal." : "Aides said Pelosi attacked the deal.", title: "Talks",
                   labels: ["leaning": .single(i % 2 == 0 ? "left" : "right")])
        }
        let model = try Trainer(options: o).train(train)
        XCTAssertTrue(model.featurizers[0].spec.maskNames)
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        let q1 = Record(id: "q", text: "Aides said Pelosi praised the deal."), q2 = Record(id: "q", text: "Aides said Obama praised the deal.")
        XCTAssertEqual(model.predict(q1, tasks: [0], scratch: &s1)[0].scores, model.predict(q2, tasks: [0], scratch: &s2)[0].scores,
                       "the head cannot tell the names apart")
        let back = try JSONDecoder().decode(FeatureSpec.self, from: JSONEncoder().encode(spec))
        XCTAssertTrue(back.maskNames)
        // Explanations name a masked word as what the head read.
        var names: [Int32: String] = [:]
        _ = withUnsafeMutablePointer(to: &names) { f.featurize(a, scratch: &s, names: $0) }
        XCTAssertTrue(names.values.contains("text:said [name]"), "\(names.values.sorted())")
        XCTAssertFalse(names.values.contains { $0.contains("pelosi") }, "\(names.values.sorted())")
    }

    /// A model that masks names is written as format version 6, reads back scoring the same, and is refused
    /// with the reason when its header says version 5 (a Slant that reads 5 would score the names unmasked).
    func testMaskingModelsAreFormatSix() throws {
        var o = TrainingOptions()
        o.features.bits = 10; o.features.maskNames = true
        let train = (0..<30).map { i in
            Record(id: "\(i)", text: i % 2 == 0 ? "Aides said Pelosi praised the deal." : "Aides said Pelosi attacked the deal.",
                   labels: ["leaning": .single(i % 2 == 0 ? "left" : "right")])
        }
        let m = try Trainer(options: o).train(train)
        o.features.maskNames = false
        try assertFormatVersion(m, 6, kept: { $0.featurizers[0].spec.maskNames }, query: Record(id: "q", text: "Aides said Ruiz attacked the deal."),
                                refusal: "masks names", plain: try Trainer(options: o).train(train))
    }
}
