import XCTest
@testable import Slant

/// `VerbFrames` (reading verb lexicons) and the `roles` namespace (`Featurizer.roleSums`): the target mention
/// as the agent or theme of a nearby verb. The lexicons here are made up for the tests.
final class VerbRolesTests: XCTestCase {
    /// A connotation-frames file: writer's perspective toward theme and agent, effect on theme and agent.
    static let connotation = """
    verb\twriter_perspective(t)\twriter_perspective(a)\tagent_theme_perspective(t)\teffect(t)\teffect(a)\tvalue(t)
    rescue\t0.8\t0.9\t0.7\t0.9\t0.2\t0.5
    arrest\t-0.6\t0.3\t-0.5\t-0.8\t0.1\t0.0
    fear\t0.1\t-0.4\t-0.7\t0.0\t-0.5\t0.3
    have\t0.3\t0.3\t0.4\t0.1\t0.2\t0.4
    criticize\t-0.5\t-0.2\t-0.9\t-0.4\t0.0\t0.0
    """
    /// A power-and-agency file (CSV, CRLF, a phrasal verb and empty cells, as the real one has).
    static let powerAgency = "verb,agency,power\r\nrescue,agency_pos,power_agent\r\nfear,agency_neg,power_theme\r\nagonize over,agency_neg,\r\nstop,agency_pos,\r\n"

    func write(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "slant-verbroles-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func frames() throws -> [String: VerbFrame] {
        try VerbFrames.load(paths: [try write(Self.connotation, "cf.txt"), try write(Self.powerAgency, "pa.csv")])
    }

    /// Regular and irregular forms, with the spelling rules; `-ize` verbs also in `-ise`.
    func testForms() {
        XCTAssertEqual(VerbFrames.forms("criticize"), ["criticise", "criticised", "criticises", "criticising", "criticize", "criticized", "criticizes", "criticizing"])
        XCTAssertEqual(VerbFrames.forms("stop"), ["stop", "stopped", "stopping", "stops"])
        XCTAssertEqual(VerbFrames.forms("carry"), ["carried", "carries", "carry", "carrying"])
        XCTAssertEqual(VerbFrames.forms("hope"), ["hope", "hoped", "hopes", "hoping"])
        XCTAssertEqual(VerbFrames.forms("watch"), ["watch", "watched", "watches", "watching"])
        XCTAssertEqual(VerbFrames.forms("die"), ["die", "died", "dies", "dying"])
        XCTAssertTrue(VerbFrames.forms("take").contains("took") && VerbFrames.forms("take").contains("taken"))
        XCTAssertTrue(VerbFrames.forms("flee").contains("fled"))
        XCTAssertFalse(VerbFrames.forms("attack").contains("attackked"), "two-syllable verbs do not double")
        XCTAssertFalse(VerbFrames.forms("play").contains("plaies"))
    }

    /// Both formats merge by verb; values kept to two decimals; phrasal verbs and auxiliaries are left out;
    /// a form two verbs share goes to the verb it is the lemma of.
    func testLoadingMergesBothLexicons() throws {
        let f = try frames()
        XCTAssertEqual(Set(f.keys), ["rescue", "arrest", "fear", "criticize", "stop"])
        let rescue = try XCTUnwrap(f["rescue"])
        XCTAssertEqual(rescue.writerTheme, 0.8); XCTAssertEqual(rescue.writerAgent, 0.9)
        XCTAssertEqual(rescue.effectTheme, 0.9); XCTAssertEqual(rescue.effectAgent, 0.2)
        XCTAssertEqual(rescue.agency, 1); XCTAssertEqual(rescue.power, 1)
        XCTAssertEqual(f["fear"]?.agency, -1); XCTAssertEqual(f["fear"]?.power, -1)
        XCTAssertEqual(f["arrest"]?.agency, 0, "not in the power-agency file")
        XCTAssertEqual(f["stop"]?.writerTheme, 0, "not in the connotation file")
        XCTAssertTrue(f["arrest"]!.forms.contains("arrested"))
        let lied = try VerbFrames.load(paths: [try write("verb,agency,power\nlie,agency_neg,\nlay,agency_pos,power_agent\n", "lay.csv")])
        XCTAssertTrue(lied["lay"]!.forms.contains("lay")); XCTAssertFalse(lied["lie"]!.forms.contains("lay"))
        let precise = try VerbFrames.load(paths: [try write("verb\twriter_perspective(t)\twriter_perspective(a)\teffect(t)\teffect(a)\nx\t0.366666666667\t-0.1234\t0\t1\n", "p.txt")])
        XCTAssertEqual(precise["x"]?.writerTheme, 0.37); XCTAssertEqual(precise["x"]?.writerAgent, -0.12)
    }

    /// Bad lexicons are refused with the file, the line and the problem, quoting at most 40 printable characters.
    func testBadLexiconsNameFileLineAndProblem() throws {
        let cases: [(String, String)] = [
            ("word\tscore\nfoo\t1\n", ":1: not a verb lexicon"),
            ("verb\twriter_perspective(t)\twriter_perspective(a)\teffect(t)\teffect(a)\nrescue\t0.5\tnan\t0\t0\n", ":2: writer_perspective(a) must be a number from -1 to 1, got 'nan'"),
            ("verb\twriter_perspective(t)\twriter_perspective(a)\teffect(t)\teffect(a)\nrescue\t0.5\t2\t0\t0\n", ":2: writer_perspective(a) must be a number from -1 to 1"),
            ("verb\twriter_perspective(t)\twriter_perspective(a)\teffect(t)\teffect(a)\nrescue\t0.5\n", ":2: writer_perspective(a) must be a number from -1 to 1, got ''"),
            ("verb,agency,power\nrescue,agency_maybe,\n", ":2: agency must be agency_pos, agency_neg, agency_equal or empty, got 'agency_maybe'"),
            ("verb,agency,power\nres$cue,agency_pos,\n", ":2: expected a verb"),
            ("verb,agency,power\n", ":1: no verb entries"),
            ("", ":1: no verb entries: the file is empty"),
            ("verb,agency,power\n" + String(repeating: "a", count: 5_000) + ",agency_pos,\n", ":2: expected a verb (letters, at most 40) in the first column, got 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' (5000 characters)"),
            ("\u{01}\u{02}verb\u{7F},x\n", ":1: not a verb lexicon: expected a header"),
        ]
        for (k, (text, want)) in cases.enumerated() {
            let path = try write(text, "bad\(k)")
            XCTAssertThrowsError(try VerbFrames.load(paths: [path])) {
                XCTAssertTrue("\($0)".contains(path + want), "\($0) should contain \(want)")
                XCTAssertFalse("\($0)".unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "no control characters: \($0)")
            }
        }
    }

    /// The role sums of `target`'s mentions in `text`, by indicator name.
    func roles(_ text: String, _ target: String, frames: [String: VerbFrame]) -> [String: Float] {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .target, .context, .roles]; spec.verbFrames = frames
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        let r = Record(id: "r", text: text, target: target)
        f.tokenizeAll(r, &s)
        guard f.contextWeights(r, &s) != nil else { return [:] }
        let sums = s.marked.withUnsafeBufferPointer { f.roleSums(s.text, marked: $0) }
        var out: [String: Float] = [:]
        for (k, v) in sums.enumerated() where v != 0 { out[String(RoleIndicators.all[k].name.dropFirst("roles:".count))] = v }
        return out
    }

    /// Agent after the mention, theme before it; a passive participle after *be* makes the mention before it
    /// the theme, and *by* after a verb makes the mention after it the agent; the search stops at a clause
    /// boundary, another mention and four words; auxiliaries are not role verbs.
    func testAgentAndThemeAroundTheVerb() throws {
        let f = try frames()
        func near(_ a: [String: Float], _ b: [String: Float], _ what: String) {
            XCTAssertEqual(Set(a.keys), Set(b.keys), what)
            for (k, v) in a { XCTAssertEqual(v, b[k] ?? .nan, accuracy: 1e-6, "\(what): \(k)") }
        }
        near(roles("Ruiz rescued the hostages.", "Ruiz", frames: f),
             ["agent": 1, "writer_pos": 0.9, "effect_pos": 0.2, "powerful": 1, "agency_pos": 1], "agent")
        near(roles("The police arrested Villa on Monday.", "Villa", frames: f),
             ["theme": 1, "writer_neg": 0.6, "effect_neg": 0.8], "theme")
        near(roles("Villa was arrested on Monday.", "Villa", frames: f),
             ["theme": 1, "writer_neg": 0.6, "effect_neg": 0.8], "passive: the mention before is the theme")
        near(roles("Villa was quickly arrested.", "Villa", frames: f),
             ["theme": 1, "writer_neg": 0.6, "effect_neg": 0.8], "passive with an adverb")
        near(roles("The hostages were rescued by Ruiz.", "Ruiz", frames: f),
             ["agent": 1, "writer_pos": 0.9, "effect_pos": 0.2, "powerful": 1, "agency_pos": 1], "by-agent")
        near(roles("The cartels fear Ruiz.", "Ruiz", frames: f),
             ["theme": 1, "writer_pos": 0.1, "powerful": 1], "the theme of fear holds the power")
        near(roles("The cartels fear Ruiz.", "cartels", frames: f),
             ["agent": 1, "writer_neg": 0.4, "effect_neg": 0.5, "powerless": 1, "agency_neg": 1], "the agent of fear")
        near(roles("Ruiz has criticised them.", "Ruiz", frames: f),
             ["agent": 1, "writer_neg": 0.2], "an auxiliary is skipped, -ise spelling")
        XCTAssertEqual(roles("Ruiz, they said, rescued nobody.", "Ruiz", frames: f), [:], "a clause boundary stops the search")
        XCTAssertEqual(roles("Ruiz met many of the people rescued.", "Ruiz", frames: f), [:], "beyond four words")
        XCTAssertEqual(roles("Under Ruiz's leadership the towns grew.", "Ruiz", frames: f), [:], "no frame verb near")
        XCTAssertEqual(roles("Ruiz is rescuing Ruiz.", "Ruiz", frames: f)["agent"], 1, "each mention its own role: agent of one, theme of the other")
        XCTAssertEqual(roles("Ruiz is rescuing them.", "Ruiz", frames: f)["agent"], 1, "a progressive is active")
        near(roles("Villa arrested and Ruiz rescued.", "Villa", frames: f),
             ["agent": 1, "writer_pos": 0.3, "effect_pos": 0.1], "a verb right after the mention is active")
    }

    /// The frames round-trip through the model file (format version 8) and score the same; a file that claims
    /// version 7 with roles is refused with the reason; the lean per-pair path equals the general path bit for
    /// bit; a roles namespace without frames is a usage error.
    func testModelsWithRolesAreFormatEight() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.features.wordNgrams = 1; o.features.namespaces = [.text, .target, .context, .roles]
        o.features.verbFrames = try frames()
        o.epochs = 5
        let texts = ["Ruiz rescued the hostages.", "The police arrested Ruiz.", "Ruiz was arrested again.", "The hostages were rescued by Ruiz."]
        let train = (0..<40).map { i in
            Record(id: "\(i)", text: texts[i % 4], target: "Ruiz", labels: ["target_sentiment": .single(i % 4 == 0 || i % 4 == 3 ? "positive" : "negative")])
        }
        let m = try Trainer(options: o).train(train)
        var bytes = try ModelFile.encode(m)
        XCTAssertEqual(bytes[8], 8)
        let back = try ModelFile.decode(bytes, path: "m.slant")
        XCTAssertEqual(back.featurizers[0].spec.verbFrames, o.features.verbFrames)
        var s1: [FeatureScratch] = [], s2: [FeatureScratch] = []
        for t in texts + ["Nobody rescued anyone."] {
            let r = Record(id: "q", text: t, target: "Ruiz")
            XCTAssertEqual(back.predict(r, tasks: [0], scratch: &s1)[0].scores, m.predict(r, tasks: [0], scratch: &s2)[0].scores, t)
            // The lean per-pair path (the article analysis's) against the general one.
            var whole = FeatureScratch(), split = FeatureScratch()
            let f = back.featurizers[0]
            XCTAssertTrue(f.leanTargetPart)
            let prefix = back.textLogits(r, task: 0, scratch: &split)
            let part = try XCTUnwrap(back.targetPart(task: 0, target: tokenBuffer("Ruiz"), scratch: &split))
            XCTAssertEqual(back.probabilities(r, task: 0, scratch: &whole).map { $0.bitPattern },
                           back.probabilities(task: 0, scratch: &split, after: prefix, target: part, spans: []).map { $0.bitPattern }, t)
        }
        XCTAssertNotEqual(m.predict(Record(id: "a", text: texts[0], target: "Ruiz"), tasks: [0], scratch: &s2)[0].labels,
                          m.predict(Record(id: "b", text: texts[1], target: "Ruiz"), tasks: [0], scratch: &s2)[0].labels,
                          "agent of rescue and theme of arrest are told apart")
        rewriteFormatVersion(&bytes, to: 7)
        XCTAssertThrowsError(try ModelFile.decode(bytes, path: "m.slant")) {
            XCTAssertTrue("\($0)".contains("reads verb roles, which format version 7 cannot hold"), "\($0)")
        }
        var spec = FeatureSpec()
        spec.namespaces = [.text, .roles]
        XCTAssertThrowsError(try spec.validate()) { XCTAssertTrue("\($0)".contains("--verb-frames"), "\($0)") }
        o.features.verbFrames = [:]; o.features.namespaces = [.text, .target, .context]
        XCTAssertLessThan(try ModelFile.encode(try Trainer(options: o).train(train))[8], 8)
    }
}
