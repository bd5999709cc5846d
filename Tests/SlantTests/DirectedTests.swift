import XCTest
@testable import Slant

/// Directed sentiment: how a holder feels about a target. The record's holder, the marked text its head reads,
/// the scope that leaves the head out without a holder, and a head that tells "A praised B" from "B praised A".
final class DirectedTests: XCTestCase {
    func record(_ json: String) throws -> Record {
        try Record(json: try JSONParser.parse(json), file: "t.jsonl", line: 3)
    }

    func testRecordReadsTheHolderAndChecksItsSpans() throws {
        let r = try record(#"{"text":"Putin warned NATO.","holder":"Putin","holder_spans":[[0,5]],"target":"NATO","spans":[[13,17]]}"#)
        XCTAssertEqual(r.holder, "Putin")
        XCTAssertEqual(r.holderSpans, [Span(0, 5)])
        for (json, fragment) in [(#"{"text":"abc","holder":"a","holder_spans":[[1,9]]}"#, "holder span [1, 9] is outside the text"),
                                 (#"{"text":"abc","holder_spans":[[0,1]]}"#, "without a \"holder\""),
                                 (#"{"text":"abc","holder":7}"#, "\"holder\" must be a string"),
                                 (#"{"text":"abc","holder":"a","holder_spans":[[0]]}"#, "each holder span must be a pair")] {
            XCTAssertThrowsError(try record(json), json) { e in
                guard case SlantError.invalidInput(let file, let line, let message) = e else { return XCTFail("\(e)") }
                XCTAssertEqual(file, "t.jsonl"); XCTAssertEqual(line, 3)
                XCTAssertTrue(message.contains(fragment), message)
            }
        }
    }

    func testMarksReplaceMentionsFromSpansOrNames() throws {
        // Spans given: exactly those characters.
        let r = try record(#"{"text":"Putin warned NATO’s chief.","holder":"Vladimir Putin","holder_spans":[[0,5]],"target":"NATO","spans":[[13,17]]}"#)
        let m = EntityMarks.marked(r)
        XCTAssertEqual(m.text, " slantholder  warned  slanttarget ’s chief.")
        XCTAssertTrue(m.spans.isEmpty && m.holderSpans.isEmpty)
        // No spans: every mention of the names, a person's surname too.
        let n = EntityMarks.marked(Record(id: "1", text: "Ana Ruiz met Villa. Ruiz later praised Villa's men.", target: "Marco Villa"))
        XCTAssertEqual(n.text, "Ana Ruiz met  slanttarget . Ruiz later praised  slanttarget 's men.")
        var h = Record(id: "2", text: "Ana Ruiz met Villa. Ruiz later praised Villa's men.", target: "Marco Villa")
        h.holder = "Ana Ruiz"
        XCTAssertEqual(EntityMarks.marked(h).text, " slantholder  met  slanttarget .  slantholder  later praised  slanttarget 's men.")
        // Overlapping mentions: the first to start wins; nothing to mark: the record as it was.
        var o = Record(id: "3", text: "New York Times", target: "York", spans: [Span(4, 8)])
        o.holder = "New York"; o.holderSpans = [Span(0, 8)]
        XCTAssertEqual(EntityMarks.marked(o).text, " slantholder  Times")
        XCTAssertEqual(EntityMarks.marked(Record(id: "4", text: "Nothing here.")).text, "Nothing here.")
    }

    /// The byte-level marking gives the text the scalar-by-scalar definition gives, on texts with 1- to 4-byte
    /// scalars and spans that overlap, touch, repeat, start at 0, end at the text's end or run past it.
    func testMarksOverBytesMatchTheScalarDefinition() {
        func reference(_ text: String, _ marks: [(Range<Int>, String)]) -> String {
            let scalars = Array(text.unicodeScalars)
            var out = String.UnicodeScalarView()
            var at = 0
            for (range, word) in marks.sorted(by: { ($0.0.lowerBound, $0.1) < ($1.0.lowerBound, $1.1) })
            where range.lowerBound >= at && range.upperBound <= scalars.count {
                out.append(contentsOf: scalars[at..<range.lowerBound])
                out.append(contentsOf: " \(word) ".unicodeScalars)
                at = range.upperBound
            }
            out.append(contentsOf: scalars[at...])
            return String(out)
        }
        var g = SplitMix64(seed: 7)
        let pieces = ["a", "Ruiz", " ", "é", "’", "中", "😀", "\u{301}", ".", "Ω"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
            let n = text.unicodeScalars.count
            func spans() -> [Span] {
                (0..<Int.random(in: 0...3, using: &g)).map { _ in
                    let a = Int.random(in: 0...(n + 1), using: &g)
                    return Span(a, a + Int.random(in: 0...4, using: &g))
                }
            }
            var r = Record(id: "p", text: text, target: "t", spans: spans())
            r.holder = "h"; r.holderSpans = spans()
            if r.spans.isEmpty && r.holderSpans.isEmpty { continue }
            let marks = r.holderSpans.map { ($0.start..<$0.end, EntityMarks.holderWord) } + r.spans.map { ($0.start..<$0.end, EntityMarks.targetWord) }
            XCTAssertEqual(EntityMarks.marked(r).text, reference(text, marks), "\(Array(text.unicodeScalars)) \(marks)")
        }
    }

    /// The between namespace: the words strictly between the nearest holder and target marks, each crossed with
    /// the marks' order (frozen keys), at most 12; none without both marks; named with --explain; a mark in a
    /// negation scope is still found. Needs --mark-entities.
    func testBetweenNamespaceReadsTheWordsBetweenTheMarks() throws {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .between]; spec.markEntities = true; spec.bits = 18; spec.useIDF = false; spec.wordNgrams = 1
        spec.negation = false
        let f = Featurizer(spec: spec)
        func between(_ text: String, holder: String, target: String) -> (SparseVector, [String]) {
            var r = Record(id: "b", text: text, target: target)
            r.holder = holder
            var s = FeatureScratch()
            var names: [Int32: String] = [:]
            let v = withUnsafeMutablePointer(to: &names) { f.featurize(r, scratch: &s, names: $0) }
            let inside = names.filter { $0.value.hasPrefix("between:") }
            return (SparseVector(indices: inside.keys.sorted(), values: inside.keys.sorted().map { k in v.values[v.indices.firstIndex(of: k)!] }),
                    inside.values.sorted())
        }
        let (v1, n1) = between("Militias fear the governor, officials said.", holder: "Militias", target: "governor")
        XCTAssertEqual(n1, ["between:holder→target fear", "between:holder→target the"])
        XCTAssertEqual(v1.count, 2)
        // The other order: other features for the same words.
        let (v2, n2) = between("The governor fears the militias.", holder: "militias", target: "governor")
        XCTAssertEqual(n2, ["between:target→holder fears", "between:target→holder the"])
        let (v3, _) = between("The militias fear the governor.", holder: "militias", target: "governor")
        XCTAssertTrue(Set(v3.indices).isDisjoint(with: Set(v2.indices)) || v3.indices != v2.indices)
        // The nearest pair of marks, at most 12 words; nothing when a mark is missing.
        let (_, near) = between("Ana met Ben. Later Ana thanked Ben warmly.", holder: "Ana", target: "Ben")
        XCTAssertEqual(near, ["between:holder→target met"])
        let far = "Ana " + (1...20).map { "w\($0)" }.joined(separator: " ") + " Ben."
        XCTAssertEqual(between(far, holder: "Ana", target: "Ben").1.count, 12)
        XCTAssertEqual(between("Ana spoke alone.", holder: "Ana", target: "Ben").0.count, 0)
        // A mark after a negation word is still a mark (negation marking salts the tokens' hashes).
        var negSpec = spec
        negSpec.negation = true
        var r = Record(id: "n", text: "Ana did not praise Ben.", target: "Ben")
        r.holder = "Ana"
        var s = FeatureScratch()
        var names: [Int32: String] = [:]
        _ = withUnsafeMutablePointer(to: &names) { Featurizer(spec: negSpec).featurize(r, scratch: &s, names: $0) }
        XCTAssertEqual(names.values.filter { $0.hasPrefix("between:") }.count, 3, "did, not, praise: \(names.values.sorted())")
        // The namespace alone reads the text too.
        var only = spec
        only.namespaces = [.between]
        var alone = Record(id: "o", text: "Militias fear the governor.", target: "governor")
        alone.holder = "Militias"
        var s0 = FeatureScratch()
        XCTAssertEqual(Featurizer(spec: only).featurize(alone, scratch: &s0).count, 2)
        // Validation, and the model format that holds it.
        var bad = spec
        bad.markEntities = false
        XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue("\($0)".contains("add --mark-entities"), "\($0)") }
    }

    /// A model whose feature set reads the between namespace is written as format version 5, read back the
    /// same, and refused when its header says version 4 (a Slant that reads 4 would not know the namespace).
    func testBetweenModelsAreFormatFive() throws {
        var records: [Record] = []
        for i in 0..<40 {
            var r = Record(id: "\(i)", text: i % 2 == 0 ? "Ana praised Ben today." : "Ana attacked Ben today.", target: "Ben",
                           labels: ["directed_sentiment": .single(i % 2 == 0 ? "positive" : "negative")])
            r.holder = "Ana"
            records.append(r)
        }
        var o = TrainingOptions()
        o.features.namespaces = [.text, .between]; o.features.markEntities = true; o.features.bits = 10
        let m = try Trainer(options: o).train(records)
        var bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 5)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        var q = Record(id: "q", text: "Ana praised Ben today.", target: "Ben")
        q.holder = "Ana"
        XCTAssertEqual(back.predict(q, tasks: [0], scratch: &s1)[0].scores, m.predict(q, tasks: [0], scratch: &s2)[0].scores)
        // Version 4 with a valid checksum: refused for the namespace, with the reason.
        rewriteFormatVersion(&bytes, to: 4)
        XCTAssertThrowsError(try ModelFile.decode(bytes, path: "m.slant")) {
            XCTAssertTrue("\($0)".contains("reads the between namespace, which format version 4 cannot hold"), "\($0)")
        }
    }

    func testScopeNeedsAHolderWhenTheDataHasOne() {
        var rs: [Record] = []
        for i in 0..<20 { var r = Record(id: "\(i)", text: "A said B is fine.", target: "B"); r.holder = "A"; rs.append(r) }
        let s = HeadScope.inferred(from: rs)
        XCTAssertEqual(s.needs, [.target, .holder])
        XCTAssertEqual(s.granularity, .sentence)
        let reason = s.reasonNotApplicable(Record(id: "x", text: "A said B is fine.", target: "B"), claim: nil, forced: false)
        XCTAssertEqual(reason?.contains("needs a holder"), true, reason ?? "nil")
        var withHolder = Record(id: "y", text: "A said B is fine.", target: "B")
        withHolder.holder = "A"
        XCTAssertNil(s.reasonNotApplicable(withHolder, claim: nil, forced: false))
    }

    /// "Ana praised Ben" and "Ben praised Ana" hold the same words: only the marks tell who praised whom. With
    /// marks the head learns direction (holder praised target: positive; target praised holder: neutral), and
    /// scoring (the fast path, on unmarked input) agrees with training's marked features.
    func testMarkedHeadLearnsDirection() throws {
        let names = [("Ana Ruiz", "Ben Cole"), ("Carl Diaz", "Dora Eng"), ("Eva Fox", "Finn Gray"), ("Gus Hale", "Ida Jones")]
        var records: [Record] = []
        for i in 0..<80 {
            let (a, b) = names[i % 4]
            let (verb, label) = [("praised", "positive"), ("attacked", "negative")][i / 4 % 2]
            let holderFirst = i / 8 % 2 == 0
            var r = Record(id: "\(i)", text: holderFirst ? "\(a) \(verb) \(b) on Monday." : "\(b) \(verb) \(a) on Monday.", target: b,
                           labels: ["directed_sentiment": .single(holderFirst ? label : "neutral")])
            r.holder = a
            records.append(r)
        }
        func correct(mark: Bool) throws -> Int {
            var o = TrainingOptions()
            o.features.namespaces = [.text]; o.features.bits = 12; o.features.wordNgrams = 2
            o.features.markEntities = mark
            o.l2 = 0.01
            let m = try Trainer(options: o).train(records)
            var scratch: [FeatureScratch] = []
            var right = 0
            for (a, b) in [("Kim Lee", "Max Moss"), ("Nia Park", "Otto Quinn")] {
                for (verb, label) in [("praised", "positive"), ("attacked", "negative")] {
                    for holderFirst in [true, false] {
                        var q = Record(id: "q", text: holderFirst ? "\(a) \(verb) \(b) on Monday." : "\(b) \(verb) \(a) on Monday.", target: b)
                        q.holder = a
                        let fast = m.predict(q, tasks: [0], scratch: &scratch)[0]
                        let slow = m.predict(q, tasks: [0], scratch: &scratch, explain: 3)[0]
                        for (x, y) in zip(fast.scores, slow.scores) { XCTAssertEqual(x, y, accuracy: 1e-5) }   // same features, summed in another order
                        if fast.labels == [holderFirst ? label : "neutral"] { right += 1 }
                    }
                }
            }
            return right
        }
        XCTAssertEqual(try correct(mark: true), 8)
        XCTAssertLessThanOrEqual(try correct(mark: false), 6)
    }
}

/// `--context-sides`: a context word after the target mention is a feature apart from the same word before it.
final class ContextSideTests: XCTestCase {
    func testWordsAfterTheMentionHashApart() {
        // Tokens: they(0) fear(1) T(2) who(3) fears(4) them(5); the mark on T.
        let m: [Bool] = [false, false, true, false, false, false]
        var h: [UInt32] = [10, 11, 12, 13, 14, 15]
        m.withUnsafeBufferPointer { mb in h.withUnsafeMutableBufferPointer { Featurizer.sideHashes(mb, $0) } }
        XCTAssertEqual(Array(h[0...2]), [10, 11, 12], "before the mention and the mention itself keep their hashes")
        XCTAssertEqual(Array(h[3...]), [13, 14, 15].map(FeatureHash.afterTarget))
        // Between two mentions a word belongs to the nearer one (ties: after the earlier one).
        let m2: [Bool] = [true, false, false, false, false, true]
        var h2: [UInt32] = [1, 2, 3, 4, 5, 6]
        m2.withUnsafeBufferPointer { mb in h2.withUnsafeMutableBufferPointer { Featurizer.sideHashes(mb, $0) } }
        XCTAssertEqual(h2, [1, FeatureHash.afterTarget(2), FeatureHash.afterTarget(3), 4, 5, 6])
    }

    /// "them fears Ana" and "Ana fears them" share every word: only sides tell them apart.
    func testSidesLearnTheRoleAroundTheVerb() throws {
        var records: [Record] = []
        for i in 0..<60 {
            let name = ["Ana Ruiz", "Ben Cole", "Carl Diaz"][i % 3]
            let agent = i % 2 == 0
            let text = agent ? "\(name) fears them" : "them fears \(name)"
            let start = agent ? 0 : 11
            records.append(Record(id: "\(i)", text: text, target: name, spans: [Span(start, start + name.count)],
                                  labels: ["s": .single(agent ? "negative" : "positive")]))
        }
        func correct(_ sides: Bool) throws -> Int {
            var o = TrainingOptions()
            o.features.namespaces = [.context]; o.features.bits = 12; o.features.wordNgrams = 1
            o.features.contextSides = sides; o.features.contextDecay = false
            o.l2 = 0.01
            let m = try Trainer(options: o).train(records)
            var scratch: [FeatureScratch] = []
            var right = 0
            for (text, span, gold) in [("Dora Eng fears them", Span(0, 8), "negative"), ("them fears Dora Eng", Span(11, 19), "positive")] {
                if m.predict(Record(id: "q", text: text, target: "Dora Eng", spans: [span]), tasks: [0], scratch: &scratch)[0].labels == [gold] { right += 1 }
            }
            return right
        }
        XCTAssertEqual(try correct(true), 2)
        XCTAssertLessThanOrEqual(try correct(false), 1)
    }
}
