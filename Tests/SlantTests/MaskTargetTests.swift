import XCTest
@testable import Slant

/// `FeatureSpec.maskTarget`: the record's target read as one word in the text and context namespaces.
final class MaskTargetTests: XCTestCase {
    /// The tokens inside the spans, and the words of the target's name (with their possessive) elsewhere in the
    /// text, hash as `FeatureHash.maskedTarget`; other words, and the scratch's own tokens, are left as they are.
    func testTargetWordsAndSpansAreMasked() {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .context]; spec.maskTarget = true
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        let text = "Ana Ruiz met Villa. Critics of Ruiz's plan praised her, and Ruizton voters cheered."
        let r = Record(id: "r", text: text, target: "Ana Ruiz", spans: [Span(0, 8)])
        f.tokenizeAll(r, &s)
        let masked = f.maskingTarget(s.text, r, &s)
        let words = s.text.strings
        XCTAssertEqual(words.indices.filter { masked.hashes[$0] == FeatureHash.maskedTarget }.map { words[$0] }, ["ana", "ruiz", "ruiz's"],
                       "the span's words and the surname's other mention with its possessive; not another word that starts the same")
        XCTAssertFalse(s.text.hashes.contains(FeatureHash.maskedTarget), "the scratch's tokens keep the words")
        // No spans: the target's words alone; no target: nothing masked.
        let bare = Record(id: "b", text: text, target: "Villa")
        f.tokenizeAll(bare, &s)
        XCTAssertEqual(f.maskingTarget(s.text, bare, &s).hashes.filter { $0 == FeatureHash.maskedTarget }.count, 1)
        let none = Record(id: "n", text: text)
        f.tokenizeAll(none, &s)
        XCTAssertEqual(f.maskingTarget(s.text, none, &s).hashes, s.text.hashes)
        // With names masked too, both apply: the target's words read as the target, other names inside sentences as names.
        var both = spec
        both.maskNames = true
        let g = Featurizer(spec: both)
        let r2 = Record(id: "m", text: "Aides said Pelosi met Ruiz today.", target: "Ruiz")
        g.tokenizeAll(r2, &s)
        let named = g.maskingTarget(Featurizer.maskingNames(s.text, text: r2.text), r2, &s)
        XCTAssertEqual(named.hashes.map { $0 == FeatureHash.maskedTarget ? "T" : $0 == FeatureHash.maskedName ? "N" : "w" }, ["w", "w", "N", "w", "T", "w"])
        var names: [Int32: String] = [:]
        _ = withUnsafeMutablePointer(to: &names) { g.featurize(r2, scratch: &s, names: $0) }
        XCTAssertTrue(names.values.contains("text:[name]") && names.values.contains("text:[target]"), "\(names.values.sorted())")
    }

    /// A head trained with the target masked gives two sentences that differ only in the target's name the same
    /// probabilities (and the same as an invented name), where the plain head tells them apart; explanations show
    /// the masked word as [target]; the setting travels with the spec.
    func testScoresDoNotDependOnWhoTheTargetIs() throws {
        func model(mask: Bool) throws -> SlantModel {
            var o = TrainingOptions()
            o.features.bits = 12; o.features.negation = false
            o.features.namespaces = mask ? [.text, .context] : [.text, .target, .context]
            o.features.maskTarget = mask
            let names = ["Trump", "Obama"]
            let train = (0..<60).map { i -> Record in
                let name = names[i % 2]
                // Each name's own label mix: Trump mostly negative, Obama mostly positive, whatever the verb.
                let good = i % 2 == 1 ? i % 6 != 1 : i % 6 == 0
                let neutral = i % 10 >= 8
                let verb = neutral ? "met" : good ? "praised" : "attacked"
                return Record(id: "\(i)", text: "\(name) \(verb) the plan on day \(i % 5).", target: name, spans: [Span(0, name.count)],
                              labels: ["target_sentiment": .single(neutral ? "neutral" : good ? "positive" : "negative")])
            }
            return try Trainer(options: o).train(train)
        }
        func p(_ m: SlantModel, _ name: String) -> [Float] {
            var s: [FeatureScratch] = []
            return m.predict(Record(id: "q", text: "\(name) met the committee today.", target: name, spans: [Span(0, name.unicodeScalars.count)]),
                             tasks: [0], scratch: &s)[0].scores
        }
        let plain = try model(mask: false), masked = try model(mask: true)
        XCTAssertNotEqual(p(plain, "Trump"), p(plain, "Obama"), "the plain head learned who each name is")
        XCTAssertEqual(p(masked, "Trump"), p(masked, "Obama"))
        XCTAssertEqual(p(masked, "Trump"), p(masked, "Zorblatt"))
        XCTAssertTrue(masked.featurizers[0].spec.maskTarget)
        let back = try JSONDecoder().decode(FeatureSpec.self, from: JSONEncoder().encode(masked.featurizers[0].spec))
        XCTAssertTrue(back.maskTarget)
        var names: [Int32: String] = [:]
        var s = FeatureScratch()
        _ = withUnsafeMutablePointer(to: &names) {
            masked.featurizers[0].featurize(Record(id: "e", text: "Trump praised it.", target: "Trump"), scratch: &s, names: $0)
        }
        XCTAssertTrue(names.values.contains("text:[target]"), "\(names.values.sorted())")
        XCTAssertFalse(names.values.contains { $0.contains("trump") }, "\(names.values.sorted())")
        // The article analysis reads the head through the general path, one sentence per actor: an actor's label
        // does not depend on its name either.
        let analyzer = try ArticleAnalyzer(model: masked)
        var scratch: [FeatureScratch] = []
        func label(_ name: String) -> [Float] {
            let text = "\(name) met the committee today. Later \(name) praised the plan, and critics attacked \(name)."
            return analyzer.analyze(Record(id: "a", text: text), named: [Actor.parse(name)!], scratch: &scratch).first!.scores
        }
        XCTAssertEqual(label("Trump"), label("Obama"))
    }

    /// The target namespace, an interaction with it and per-target weights read the name the setting hides, and
    /// entity marks replace the same mentions: each is refused with the reason.
    func testConflictingSettingsAreRefused() {
        var spec = FeatureSpec()
        spec.maskTarget = true
        spec.namespaces = [.text, .target, .context]
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("drop target from --namespaces (got text,target,context)"), "\($0)") }
        spec.namespaces = [.text, .context]
        XCTAssertNoThrow(try spec.validate())
        spec.interactions = ["text*target"]
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("the interaction 'text*target' would read it"), "\($0)") }
        spec.interactions = ["text*context"]
        XCTAssertNoThrow(try spec.validate())
        spec.perTarget = true
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("--per-target keeps weights per target name"), "\($0)") }
        spec.perTarget = false
        spec.markEntities = true
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("choose one"), "\($0)") }
    }

    /// A model that masks its target is written as format version 9, reads back scoring the same, and is refused
    /// with the reason when its header says version 8; a model without it keeps its older version.
    func testMaskingModelsAreFormatNine() throws {
        var o = TrainingOptions()
        o.features.bits = 10; o.features.namespaces = [.text, .context]; o.features.maskTarget = true
        let train = (0..<30).map { i in
            Record(id: "\(i)", text: i % 2 == 0 ? "Aides said Pelosi praised the deal." : "Aides said Pelosi attacked the deal.", target: "Pelosi",
                   labels: ["target_sentiment": .single(i % 2 == 0 ? "positive" : "negative")])
        }
        let m = try Trainer(options: o).train(train)
        o.features.maskTarget = false
        o.features.namespaces = [.text, .target, .context]
        try assertFormatVersion(m, 9, kept: { $0.featurizers[0].spec.maskTarget }, query: Record(id: "q", text: "Aides said Ruiz attacked the deal.", target: "Ruiz"),
                                refusal: "masks the target", plain: try Trainer(options: o).train(train))
    }
}
