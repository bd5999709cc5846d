import XCTest
@testable import Slant

/// The scoring fast path (features straight into logits) and the pieces it is built from.
final class FastPathTests: XCTestCase {
    func testTermTableSumsWeightsInFirstSeenOrder() {
        var t = TermTable()
        let terms: [UInt32] = [7, 3, 7, 9, 3, 7]
        let weights: [Float] = [1, 2, 0.5, 1, 1, 1]
        let orders: [UInt8] = [1, 2, 2, 1, 2, 1]
        terms.withUnsafeBufferPointer { tp in weights.withUnsafeBufferPointer { wp in orders.withUnsafeBufferPointer { op in
            t.aggregate(tp, weights: wp, orders: op)
        } } }
        XCTAssertEqual(t.entries.map { $0.term }, [7, 3, 9])
        XCTAssertEqual(t.entries.map { $0.value }, [2.5, 3, 1])
        XCTAssertEqual(t.entries.map { Int($0.first) }, [0, 1, 3])
        XCTAssertEqual(t.entries.map { $0.orders }, [0b11, 0b10, 0b01])
        XCTAssertEqual(t.find(3), 1)
        XCTAssertNil(t.find(4))
        // A second record replaces the first entirely (the O(1) reset), with unit weights when none are given.
        [UInt32](repeating: 5, count: 3).withUnsafeBufferPointer { t.aggregate($0, weights: nil, orders: nil) }
        XCTAssertEqual(t.entries.map { $0.term }, [5])
        XCTAssertEqual(t.entries.map { $0.value }, [3])
        XCTAssertNil(t.find(7))
    }

    func testTermTableHandlesManyDistinctTerms() {
        var t = TermTable()
        let once: [UInt32] = (0..<5000).map { (i: Int) -> UInt32 in UInt32(truncatingIfNeeded: i &* 2654435761) }
        let terms = once + once
        terms.withUnsafeBufferPointer { t.aggregate($0, weights: nil, orders: nil) }
        XCTAssertEqual(t.count, 5000)
        XCTAssertTrue(t.entries.allSatisfy { $0.value == 2 })
        XCTAssertEqual(t.find(terms[4321]), 4321)
    }

    func testTokenizerHashesEqualRecomputedHashes() {
        var b = TokenBuffer()
        Tokenizer().tokenize("Ünïcode, #tags and https://x.org/y — 日本 don’t 👍🏽 3.5", into: &b)
        let fused = b.hashes
        XCTAssertEqual(fused.count, b.tokens.count)
        b.hashTokens()
        XCTAssertEqual(fused, b.hashes)
        XCTAssertEqual(fused.first, Murmur3.hash("ünïcode"))
    }

    func testFloatTableCopiesAndAlignsLargeTables() {
        let a: [Float] = [1, 2, 3]
        let t = FloatTable(a)
        XCTAssertEqual(t.array, a)
        XCTAssertEqual(t[2], 3)
        XCTAssertEqual(t, FloatTable([1, 2, 3]))
        XCTAssertNotEqual(t, FloatTable([1, 2, 4]))
        let big = FloatTable(count: 1 << 20) { $0.initialize(repeating: 0.5) }
        XCTAssertEqual(Int(bitPattern: big.pointer) % (2 << 20), 0, "tables of 1 MiB or more are 2 MiB-aligned")
        XCTAssertEqual(big[(1 << 20) - 1], 0.5)
    }

    /// Every kind of feature (n-grams, context, pair, cues, negation, chars, interactions, lexicon) through
    /// both paths: the fast path must give the probabilities of featurize → sparse vector → head.
    func testFastPathMatchesSparseVectorPath() throws {
        var o = TrainingOptions()
        o.features.bits = 14
        o.features.charNgramMin = 2; o.features.charNgramMax = 4
        o.features.namespaces = [.text, .title, .target, .context, .pair, .chars, .lexicon]
        o.features.interactions = ["target*text"]
        o.features.lexicon = ["praised": 2.1, "condemned": -2.6, "good": 1.9]
        o.epochs = 5
        var records = toyRecords(80)
        for i in records.indices where i % 3 == 0 { records[i].target = "minister" }
        let m = try Trainer(options: o).train(records)
        var scratch: [FeatureScratch] = []
        let probe = records + [Record(id: "x", text: "The minister was not praised, never good. Hailed? No.", title: "Minister hailed", target: "minister"),
                               Record(id: "e", text: "")]
        for r in probe {
            let fast = m.predict(r, tasks: Array(m.tasks.indices), scratch: &scratch)
            for (t, p) in fast.enumerated() {
                let v = m.featurizers[m.tasks[t].featureSet].featurize(r, scratch: &scratch[0])
                let slow = m.predict(v, task: t)
                XCTAssertEqual(p.labels, slow.labels, "record \(r.id) task \(p.task)")
                for (a, b) in zip(p.scores, slow.scores) { XCTAssertEqual(a, b, accuracy: 1e-5, "record \(r.id) task \(p.task)") }
            }
        }
    }

    /// With names masked, the fast path still equals the sparse vector's scores (both read the masked hashes),
    /// whether the text prefix goes through the general pipeline or not.
    func testFastPathMatchesSparseVectorPathWithMaskedNames() throws {
        var o = TrainingOptions()
        o.features.bits = 12; o.features.wordNgrams = 2; o.features.namespaces = [.title, .text, .target, .context]
        o.features.maskNames = true
        o.epochs = 5
        var records = toyRecords(60)
        for i in records.indices where i % 2 == 0 { records[i].text = "Officials said Ana Ruiz " + records[i].text }
        let m = try Trainer(options: o).train(records)
        var scratch: [FeatureScratch] = []
        for r in records.prefix(20) + [Record(id: "x", text: "Critics said Ruiz failed. Ruiz left.", title: "Ruiz Out", target: "Ruiz")] {
            let fast = m.predict(r, tasks: [0], scratch: &scratch)[0]
            let slow = m.predict(m.featurizers[0].featurize(r, scratch: &scratch[0]), task: 0)
            XCTAssertEqual(fast.labels, slow.labels, "record \(r.id)")
            for (a, b) in zip(fast.scores, slow.scores) { XCTAssertEqual(a, b, accuracy: 1e-5, "record \(r.id)") }
        }
    }

    /// Feature sets that collect the same text terms (leaning's and frames' unigrams in the default model) count
    /// them once and hand them over (`Featurizer.sharedTextKey`): scoring both heads together gives exactly the
    /// probabilities of scoring each alone; a set with other text terms (bigrams, masked names, other stop words)
    /// or with pair features (which search their text table) takes no hand-over.
    func testSharedTextTermsGiveTheSameProbabilities() throws {
        var o = TrainingOptions()
        o.epochs = 5
        o.features.bits = 12; o.features.wordNgrams = 1; o.features.negation = false; o.features.namespaces = [.title, .text]
        var frames = o.features
        frames.bits = 10; frames.namespaces = [.text]
        o.taskFeatures["frames"] = frames
        let records = toyRecords(60)
        for (stanceSpec, shares) in [(o.features, true), ({ var f = o.features; f.wordNgrams = 2; return f }(), false),
                                     ({ var f = o.features; f.namespaces = [.title, .text, .pair]; return f }(), false),
                                     ({ var f = o.features; f.maskNames = true; return f }(), false),
                                     ({ var f = o.features; f.stopWords = ["the"]; return f }(), false)] {
            var opts = o
            opts.features = stanceSpec
            let m = try Trainer(options: opts).train(records)
            let a = m.featurizers[m.tasks[0].featureSet], b = m.featurizers[m.tasks[1].featureSet]
            XCTAssertEqual(a.sharedTextKey.flatMap { k in b.sharedTextKey.map { k == $0 } } ?? false, shares)
            var together: [FeatureScratch] = [], alone: [FeatureScratch] = []
            for r in records.prefix(30) + [Record(id: "e", text: ""), Record(id: "t", text: "praised praised plan", title: "Plan")] {
                let both = m.predict(r, tasks: [0, 1], scratch: &together)
                for t in 0..<2 {
                    let one = m.predict(r, tasks: [t], scratch: &alone)[0]
                    XCTAssertEqual(both[t].scores, one.scores, "record \(r.id) task \(one.task)")
                    XCTAssertEqual(both[t].labels, one.labels)
                }
            }
            // Nothing is left set for the next featurization (the actor analysis reuses these scratches).
            XCTAssertFalse(together.contains { $0.textTermsGiven || $0.keepTextTerms })
        }
    }

    /// Character n-grams match their definition (the hash of every run of `n` scalars of `<word>`, orders in
    /// turn, words in order) for ASCII, accented, CJK, emoji and one-letter tokens and several ranges, with and
    /// without names (`--explain`), which name exactly those runs.
    func testCharNgramsMatchTheirDefinition() {
        let texts = ["The minister's plan", "Ünal said: naïve café – 東京 🙂 a I", "", "x", "#Hashtag @user https://example.com/a?b=c 3.5"]
        for (lo, hi) in [(1, 1), (2, 5), (3, 6), (2, 2)] {
            var spec = FeatureSpec()
            spec.bits = 12; spec.charNgramMin = lo; spec.charNgramMax = hi; spec.namespaces = [.chars]
            let f = Featurizer(spec: spec)
            for t in texts {
                let r = Record(id: "c", text: t)
                var fast = FeatureScratch(), named = FeatureScratch()
                f.tokenizeAll(r, &fast); f.tokenizeAll(r, &named)
                f.beginCollect(&fast); f.beginCollect(&named)
                f.collect(.chars, r, &fast, explain: false)
                f.collect(.chars, r, &named, explain: true)
                var expected: [UInt32] = [], names: [String] = []
                for i in 0..<fast.text.tokens.count {
                    let word = Array(("<" + fast.text.string(i) + ">").unicodeScalars)
                    for n in lo...hi where n <= word.count {
                        for a in 0...(word.count - n) {
                            let piece = String(String.UnicodeScalarView(word[a..<(a + n)]))
                            expected.append(Array(piece.utf8).withUnsafeBytes { FeatureHash.charNgram($0, n: n) })
                            names.append("chars:" + piece)
                        }
                    }
                }
                XCTAssertEqual(fast.terms, expected, "\(t) \(lo)-\(hi)")
                XCTAssertEqual(named.terms, expected, "\(t) \(lo)-\(hi)")
                XCTAssertEqual(named.names, names, "\(t) \(lo)-\(hi)")
                if !t.isEmpty { XCTAssertFalse(fast.terms.isEmpty) }
            }
        }
    }

    /// The weighted unigram path of the context window (scoring) gives the terms and weights of the general
    /// weighted path that names them (`--explain`).
    func testWeightedUnigramsEqualTheGeneralPath() {
        var spec = FeatureSpec()
        spec.bits = 12; spec.wordNgrams = 1; spec.namespaces = [.text, .target, .context]
        let f = Featurizer(spec: spec)
        let texts = ["The minister praised the plan, and the minister was hailed.", "minister", "No minister here at all today or tomorrow minister again"]
        for t in texts {
            let r = Record(id: "c", text: t, target: "minister")
            var fast = FeatureScratch(), named = FeatureScratch()
            f.tokenizeAll(r, &fast); f.tokenizeAll(r, &named)
            f.beginCollect(&fast); f.beginCollect(&named)
            f.collect(.context, r, &fast, explain: false)
            f.collect(.context, r, &named, explain: true)
            XCTAssertEqual(fast.terms, named.terms, t)
            XCTAssertEqual(fast.weights, named.weights, t)
            XCTAssertEqual(fast.orders, named.orders, t)
            // The first text has words around the target (the others: the target alone, or negated mentions).
            if t.hasPrefix("The") { XCTAssertEqual(fast.terms.count, 8, t) }
        }
    }

    /// `ScoreEmitter`'s one-pass block emission writes exactly what emitting the entries one by one does.
    func testBlockEmissionEqualsOneByOne() {
        var entries: [TermEntry] = []
        var rng = SplitMix64(seed: 7)
        for i in 0..<1000 {
            let v: Float = i % 7 == 0 ? 0 : Float(Int(rng.next() % 2001) - 1000) / 37
            entries.append(TermEntry(term: UInt32(truncatingIfNeeded: rng.next()), value: v, idf: 1, first: Int32(i), orders: 1))
        }
        var logits = [Float](repeating: 0, count: 3)
        logits.withUnsafeMutableBufferPointer { out in
            let heads = UnsafeBufferPointer<HeadView>(start: nil, count: 0)
            var block = ScoreEmitter(heads: heads, logits: out.baseAddress!, pending: [42])
            var single = ScoreEmitter(heads: heads, logits: out.baseAddress!, pending: [42])
            entries.withUnsafeBufferPointer { en in
                for perTarget: UInt32? in [nil, 0xBEEF] {
                    block.emit(entries: en, seed: 0x1234_5678, weight: 0.75, mask: 0x3FFF, perTarget: perTarget)
                    for k in 0..<en.count {
                        let h = Murmur3.feature(en[k].term, namespace: 0x1234_5678)
                        let v = en[k].value * 0.75
                        single.emit(h & 0x3FFF, h >> 31 == 1 ? -v : v)
                        if let t = perTarget {
                            let c = FeatureHash.perTarget(h, t)
                            single.emit(c & 0x3FFF, c >> 31 == 1 ? -v : v)
                        }
                    }
                }
                block.emit(entries: UnsafeBufferPointer(rebasing: en[0..<0]), seed: 1, weight: 1, mask: 0xFF, perTarget: 3)
            }
            XCTAssertEqual(block.pending, single.pending)
            XCTAssertEqual(block.pending.count, 3001)
        }
    }

    /// `flush` with 4 to 16 labels (sums in a vector register, each row read as a whole vector) gives the bits of
    /// the one-label-at-a-time definition, for every label count, with features in the table's last row (which
    /// is read label by label) and in the others, duplicates and negative values among them.
    func testFlushOfManyLabelsEqualsTheScalarDefinition() {
        var rng = SplitMix64(seed: 11)
        for labels in 1...18 {
            let buckets = 64
            let weights = (0..<(buckets * labels)).map { _ in Float(Int(rng.next() % 20001) - 10000) / 977 }
            var pending: [UInt64] = []
            for k in 0..<300 {
                let bucket = k % 10 == 0 ? UInt32(buckets - 1) : UInt32(rng.next() % UInt64(buckets))
                pending.append(ScoreEmitter.pack(bucket, Float(Int(rng.next() % 2001) - 1000) / 313))
            }
            let start = (0..<labels).map { Float($0) / 7 - 0.5 }
            var expected = start
            for p in pending {
                let row = Int(p >> 32) * labels, v = Float(bitPattern: UInt32(truncatingIfNeeded: p))
                for k in 0..<labels { expected[k] += v * weights[row + k] }
            }
            var got = start
            weights.withUnsafeBufferPointer { w in
                got.withUnsafeMutableBufferPointer { out in
                    var head = HeadView(weights: w.baseAddress!, labels: labels, mask: buckets - 1, offset: 0)
                    withUnsafePointer(to: &head) { h in
                        var e = ScoreEmitter(heads: UnsafeBufferPointer(start: h, count: 1), logits: out.baseAddress!, pending: pending)
                        e.flush()
                        XCTAssertTrue(e.pending.isEmpty)
                    }
                }
            }
            XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), "\(labels) labels")
        }
    }

    /// A sublinear count from the table is the bits of `1 + log` of it, and counts off the table (large, or not
    /// whole) are still weighed by `log`.
    func testSublinearCountsEqualTheirDefinition() {
        for n in 2..<64 { XCTAssertEqual(Featurizer.sublinearCounts[n].bitPattern, (1 + log(Float(n))).bitPattern, "\(n)") }
        var entries = [2, 1, 3, 63, 64, 1000, 2.5, 0.5].map { TermEntry(term: 1, value: Float($0), idf: 1, first: 0, orders: 1) }
        entries.withUnsafeMutableBufferPointer { Featurizer.weigh($0, sublinear: true, useIDF: false, normalize: false) }
        let expected: [Float] = [1 + log(2), 1, 1 + log(3), 1 + log(63), 1 + log(64), 1 + log(1000), 1 + log(2.5), 0.5]
        XCTAssertEqual(entries.map(\.value.bitPattern), expected.map(\.bitPattern))
    }

    /// One tokenization shared by feature sets with and without negation marking, and by the explain path, gives
    /// exactly the predictions of each set tokenizing the text itself.
    func testSharedTokensGiveTheSamePredictions() {
        var marked = FeatureSpec(), plain = FeatureSpec()
        marked.bits = 12; marked.negation = true; marked.namespaces = [.text, .title, .pair]
        plain.bits = 12; plain.negation = false; plain.namespaces = [.text]; plain.charNgramMin = 2; plain.charNgramMax = 3
        plain.namespaces.append(.chars)
        var state: UInt64 = 7
        func head(_ labels: Int) -> LinearHead {
            let w = (0..<(labels << 12)).map { _ -> Float in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int(state >> 40) % 2001 - 1000) / 300
            }
            return LinearHead(kind: .single, labels: labels, bits: 12, weights: w, bias: [Float](repeating: 0, count: labels))
        }
        var a = TaskInfo(name: "a", kind: .single, labels: ["x", "y", "z"], bits: 12)
        a.featureSet = 0
        var b = TaskInfo(name: "b", kind: .single, labels: ["p", "q"], bits: 12)
        b.featureSet = 1
        let model = SlantModel(header: ModelHeader(featureSets: [marked, plain], tasks: [a, b], training: TrainingInfo()),
                               idf: [[], []], heads: [head(3), head(2)])
        let r = Record(id: "r", text: "The plan is not good, critics said; it never worked. Supporters didn't agree.", title: "Not good")
        var text = TokenBuffer()
        Tokenizer().tokenize(r.text, into: &text)
        for explain in [0, 3] {
            var own: [FeatureScratch] = [], shared: [FeatureScratch] = []
            let p = model.predict(r, tasks: [0, 1], scratch: &own, explain: explain)
            for _ in 0..<2 {
                let q = model.predict(r, tasks: [0, 1], scratch: &shared, explain: explain, text: text)
                XCTAssertEqual(p.map { $0.scores }, q.map { $0.scores }, "explain \(explain)")
            }
            // The shared buffer itself is left unmarked for the next reader.
            XCTAssertTrue(text.negated.isEmpty)
        }
    }
    /// A text scored once against several targets (`textLogits`, then `probabilities(after:)` per target) gives
    /// bit for bit the probabilities of scoring each (text, target) record whole, with every kind of feature
    /// after the text-only prefix (chars too), and with per-target copies, where the prefix is empty.
    func testTextPrefixThenRestIsBitIdentical() throws {
        for perTarget in [false, true] {
            var o = TrainingOptions()
            o.features.bits = 14
            o.features.charNgramMin = 2; o.features.charNgramMax = 4
            o.features.namespaces = [.text, .chars, .target, .context, .pair, .lexicon]
            o.features.interactions = ["target*text"]
            o.features.lexicon = ["praised": 2.1, "condemned": -2.6, "good": 1.9]
            o.features.perTarget = perTarget
            o.epochs = 3
            var records = toyRecords(60)
            for i in records.indices { records[i].target = i % 2 == 0 ? "minister" : "critics" }
            let m = try Trainer(options: o).train(records)
            let f = m.featurizers[m.tasks[0].featureSet]
            XCTAssertEqual(f.prefixSlots, perTarget ? [] : [Namespace.text.slot, Namespace.chars.slot])
            let text = "The minister was not praised by critics, never good. Critics condemned the minister's plan."
            var whole: [FeatureScratch] = [FeatureScratch()], split = FeatureScratch()
            let targets: [(String, [Span])] = [("minister", [Span(4, 12)]), ("critics", [Span(33, 40)]), ("Critics", [Span(54, 61)]), ("nobody", [])]
            let first = Record(id: "t", text: text, target: targets[0].0, spans: targets[0].1)
            let prefix = m.textLogits(first, task: 0, scratch: &split)
            for (t, spans) in targets {
                let r = Record(id: "t", text: text, target: t, spans: spans)
                let a = m.probabilities(r, task: 0, scratch: &whole[0])
                let b = m.probabilities(r, task: 0, scratch: &split, after: prefix)
                XCTAssertEqual(a.map { $0.bitPattern }, b.map { $0.bitPattern }, "target \(t), perTarget \(perTarget)")
                XCTAssertEqual(a, m.predict(r, tasks: [0], scratch: &whole)[0].scores)
                // The target handed over as tokens (the actor analysis's per-article cache) changes nothing.
                var tokens = TokenBuffer()
                Tokenizer().tokenize(t, into: &tokens)
                split.pretokenize(target: tokens)
                let c = m.probabilities(r, task: 0, scratch: &split, after: prefix)
                XCTAssertEqual(a.map { $0.bitPattern }, c.map { $0.bitPattern }, "pretokenized target \(t), perTarget \(perTarget)")
                XCTAssertFalse(split.targetGiven, "the next featurization consumes the tokens")
            }
            // The text's lexicon sums are kept for its targets and forgotten with the text: a different text
            // scored whole in the same scratch, then split again, still agrees.
            let other = Record(id: "u", text: "Critics praised nothing.", target: "critics", spans: [Span(0, 7)])
            _ = m.probabilities(other, task: 0, scratch: &split)
            let again = m.textLogits(other, task: 0, scratch: &split)
            XCTAssertEqual(m.probabilities(other, task: 0, scratch: &whole[0]).map { $0.bitPattern },
                           m.probabilities(other, task: 0, scratch: &split, after: again).map { $0.bitPattern })
            // Written into the previous text's logits (the analysis reuses one buffer per article): the same bits.
            var reused = prefix
            m.textLogits(other, task: 0, scratch: &split, into: &reused)
            XCTAssertEqual(reused.map { $0.bitPattern }, again.map { $0.bitPattern })
            var empty: [Float] = []
            m.textLogits(other, task: 0, scratch: &split, into: &empty)
            XCTAssertEqual(empty.map { $0.bitPattern }, again.map { $0.bitPattern })
        }
    }

    /// Without spans, a target's words (3 bytes or more) mark their possessives too, with either apostrophe
    /// ("Ruiz" finds "Ruiz's" and "Ruiz’s"), but not longer words that start the same ("Ruizes").
    func testTargetWordsMarkTheirPossessives() {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .target, .context]
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        let r = Record(id: "r", text: "Under Ruiz's leadership and Ruiz’s plan, RUIZ won; the Ruizes and Ruiz' aides did not.", target: "Ruiz")
        f.tokenizeAll(r, &s)
        XCTAssertNotNil(f.contextWeights(r, &s))
        let marked = s.text.tokens.indices.filter { s.marked[$0] }.map { s.text.string($0) }
        XCTAssertEqual(marked, ["ruiz's", "ruiz's", "ruiz", "ruiz"])
    }

    /// The lean target part (`Featurizer.scoreTargetPart`, the article analysis's per-pair path) gives bit for bit
    /// what `probabilities(after:)` through `extract(.rest)` gives, for both orders of the target and context
    /// namespaces, namespace weights other than 1, multi-word and repeated targets, a target not in the text and
    /// no spans; the general path run in between in the same scratch changes nothing; and feature sets the lean
    /// path cannot score say so.
    func testLeanTargetPartIsBitIdentical() throws {
        for (order, sides) in [([Namespace.text, .target, .context, .lexicon], false), ([.text, .context, .lexicon, .target], false),
                               ([.text, .target, .context, .lexicon], true), ([.text, .target, .context, .lexicon, .roles], false),
                               ([.text, .context, .lexicon], false), ([.context, .text, .lexicon], true)] {
            var o = TrainingOptions()
            o.features.contextSides = sides
            // Without a target namespace: the target masked (`maskTarget`), so the text is per target too.
            o.features.maskTarget = !order.contains(.target)
            if order.contains(.roles) {
                // The roles namespace: "praised by critics" (agent), "condemned the minister's" (theme).
                o.features.verbFrames = ["praise": VerbFrame(writerTheme: 0.7, writerAgent: 0.4, effectTheme: 0.6, agency: 1, power: 1, forms: ["praise", "praised"]),
                                         "condemn": VerbFrame(writerTheme: -0.6, writerAgent: -0.1, effectTheme: -0.7, effectAgent: 0.1, agency: 1, power: 1, forms: ["condemned"])]
            }
            o.features.bits = 14
            o.features.namespaces = order
            o.features.wordNgrams = 1
            o.features.negation = true
            o.features.contextDecay = true
            o.features.namespaceWeights = ["target": 0.5, "context": 1.5, "lexicon": 0.75, "roles": 1.25]
            o.features.lexicon = ["praised": 2.1, "condemned": -2.6, "good": 1.9, "plan": 0.4]
            o.epochs = 3
            var records = toyRecords(60)
            for i in records.indices { records[i].target = i % 2 == 0 ? "minister" : "critics" }
            let m = try Trainer(options: o).train(records)
            let f = m.featurizers[m.tasks[0].featureSet]
            XCTAssertTrue(f.leanTargetPart, "\(order)")
            XCTAssertEqual(f.leanTextPart, !o.features.maskTarget, "\(order)")
            let text = "The prime minister was not praised by critics, never good. Critics condemned the minister's plan, minister minister."
            var whole = FeatureScratch(), split = FeatureScratch()
            let targets: [(String, [Span])] = [("minister", [Span(10, 18)]), ("prime minister", [Span(4, 18)]), ("critics", [Span(38, 45)]),
                                               ("Critics", [Span(59, 66)]), ("minister", [Span(81, 89), Span(98, 106), Span(107, 115)]),
                                               ("nobody", []), ("minister minister", []), ("plan", [Span(200, 210)])]
            let prefix = m.textLogits(Record(id: "t", text: text, target: "x"), task: 0, scratch: &split)
            for round in 0..<2 {
                for (t, spans) in targets {
                    let r = Record(id: "t", text: text, target: t, spans: spans)
                    let a = m.probabilities(r, task: 0, scratch: &whole)
                    var tokens = TokenBuffer()
                    Tokenizer().tokenize(t, into: &tokens)
                    let part = try XCTUnwrap(m.targetPart(task: 0, target: tokens, scratch: &split))
                    let b = m.probabilities(task: 0, scratch: &split, after: prefix, target: part, spans: spans)
                    XCTAssertEqual(a.map { $0.bitPattern }, b.map { $0.bitPattern }, "target \(t) \(spans), \(order), round \(round)")
                    if round == 1 {
                        // The general path in the same scratch, between two lean calls.
                        let c = m.probabilities(r, task: 0, scratch: &split, after: prefix)
                        XCTAssertEqual(a.map { $0.bitPattern }, c.map { $0.bitPattern })
                    }
                }
            }
        }
        for change in 0..<4 {
            var spec = FeatureSpec()
            spec.namespaces = [.text, .target, .context]
            switch change {
            case 0: spec.namespaces.append(.pair)
            case 1: spec.perTarget = true
            case 2: spec.wordNgrams = 2
            default: spec.namespaces = [.target, .text]
            }
            XCTAssertFalse(Featurizer(spec: spec).leanTargetPart, "change \(change)")
        }
    }

    /// The eight-bytes-at-a-time scan for the bytes that end a JSON string's plain run agrees with a byte loop
    /// from every start, on random bytes that are mostly plain (and on every single byte value).
    func testByteScanFindsTheFirstSpecialByte() {
        var rng = SplitMix64(seed: 11)
        func naive(_ a: [UInt8], _ from: Int) -> Int {
            for i in from..<a.count where a[i] < 0x20 || a[i] == 0x22 || a[i] == 0x5C { return i }
            return a.count
        }
        for round in 0..<400 {
            let n = Int(rng.next() % 70)
            let a: [UInt8] = (0..<n).map { _ in
                let r = rng.next()
                return r % 13 == 0 ? [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C][Int(r / 13 % 6)] : UInt8(0x20 + (r >> 8) % 0xE0)
            }
            a.withUnsafeBufferPointer { p in
                for from in 0...n { XCTAssertEqual(ByteScan.firstSpecial(p, from: from), naive(a, from), "round \(round) from \(from)") }
            }
        }
        for v in 0...255 {
            let a = [UInt8](repeating: 0x41, count: 11) + [UInt8(v)] + [UInt8](repeating: 0x22, count: 3)
            a.withUnsafeBufferPointer { XCTAssertEqual(ByteScan.firstSpecial($0, from: 0), v < 0x20 || v == 0x22 || v == 0x5C ? 11 : 12, "byte \(v)") }
        }
    }

    /// A byte string's first occurrence, as a naive search finds it: small alphabets (many false starts), needles
    /// at either end, longer than the text, empty; and the text and slice forms.
    func testByteScanFindsTheFirstOccurrence() {
        var rng = SplitMix64(seed: 12)
        func naive(_ a: [UInt8], _ b: [UInt8]) -> Int? {
            guard b.count <= a.count else { return nil }
            for i in 0...(a.count - b.count) where Array(a[i..<(i + b.count)]) == b { return i }
            return nil
        }
        for round in 0..<2000 {
            // (Spaces and line breaks too: the search anchors on the needle's first other byte.)
            let alphabet: [UInt8] = [0x61, 0x62, 0x20, 0x0A]
            let a = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % 4)] }
            let b = (0..<Int(1 + rng.next() % 4)).map { _ in alphabet[Int(rng.next() % 4)] }
            a.withUnsafeBytes { XCTAssertEqual(ByteScan.find($0, b), naive(a, b), "round \(round): \(a) \(b)") }
        }
        XCTAssertEqual([UInt8]("abc".utf8).withUnsafeBytes { ByteScan.find($0, []) }, 0)
        XCTAssertNil([UInt8]().withUnsafeBytes { ByteScan.find($0, [1]) })
        XCTAssertTrue(ByteScan.contains("x\nEnd of Document", "End of Document"))
        XCTAssertFalse(ByteScan.contains("End of Documen", "End of Document"))
        XCTAssertTrue(ByteScan.contains("Section:\u{A0}A", "\u{A0}A"))
        XCTAssertFalse(ByteScan.contains("", "Section:\u{A0}A"))   // (Foundation's `contains` traps on this one)
        let bytes = Array("%PDF-1.7 ... %%EOF".utf8)
        XCTAssertTrue(ByteScan.contains(bytes, 0..<8, Array("%PDF-".utf8)))
        XCTAssertFalse(ByteScan.contains(bytes, 1..<bytes.count, Array("%PDF-".utf8)))
        XCTAssertTrue(ByteScan.contains(bytes, (bytes.count - 5)..<bytes.count, Array("%%EOF".utf8)))
    }

    /// Zero-filled room for plain values, across the 64 KiB copy size.
    func testAppendZerosAppendsZeros() {
        var bytes: [UInt8] = [7]
        bytes.appendZeros(200_000)
        XCTAssertEqual(bytes.count, 200_001)
        XCTAssertEqual(bytes[0], 7)
        XCTAssertTrue(bytes.dropFirst().allSatisfy { $0 == 0 })
        var floats: [Float] = [1.5]
        floats.appendZeros(40_000)
        XCTAssertEqual(floats.count, 40_001)
        XCTAssertTrue(floats.dropFirst().allSatisfy { $0 == 0 && $0.sign == .plus })
        var entries: [TermEntry] = []
        entries.appendZeros(3)
        XCTAssertEqual(entries.map { $0.term }, [0, 0, 0])
        floats.appendZeros(0)
        XCTAssertEqual(floats.count, 40_001)
    }

    /// Context weights from each mark's window equal the definition: for every unmarked token, the larger of
    /// the weights at its distances from the nearest marked token before and after it (within the window).
    func testContextWeightsEqualTheTwoSweepDefinition() {
        var rng = SplitMix64(seed: 5)
        for decay in [true, false] {
            for window in [0, 1, 3, 6] {
                var spec = FeatureSpec()
                spec.namespaces = [.text, .context]
                spec.contextWindow = window
                spec.contextDecay = decay
                let f = Featurizer(spec: spec)
                var s = FeatureScratch()
                for _ in 0..<40 {
                    let n = 1 + Int(rng.next() % 40)
                    let text = (0..<n).map { "w\($0 % 10)" }.joined(separator: " ")
                    let starts = (0..<Int(rng.next() % 4)).map { _ in Int(rng.next() % UInt64(text.count)) }
                    let r = Record(id: "x", text: text, spans: starts.map { Span($0, $0 + 1 + Int(rng.next() % 6)) })
                    f.tokenizeAll(r, &s)
                    guard let w = f.contextWeights(r, &s) else { continue }
                    let m = s.marked
                    func weight(_ d: Int) -> Float { decay ? 1 - Float(d - 1) / Float(window) : 1 }
                    for i in 0..<m.count {
                        var want: Float = 0
                        if !m[i] {
                            if let l = (0..<i).last(where: { m[$0] }), i - l <= window { want = max(want, weight(i - l)) }
                            if let r = ((i + 1)..<m.count).first(where: { m[$0] }), r - i <= window { want = max(want, weight(r - i)) }
                        }
                        XCTAssertEqual(w[i].bitPattern, want.bitPattern, "token \(i) of \(m.count), window \(window), decay \(decay)")
                    }
                }
            }
        }
    }
    /// The detector's name table: growth past its first size, overwrites and misses agree with a `Dictionary`.
    func testIndexMap64AgreesWithDictionary() {
        var m = IndexMap64(capacity: 4)
        var d: [UInt64: Int] = [:]
        var x: UInt64 = 99
        for i in 0..<5000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let k = i % 7 == 0 ? UInt64(i % 50) : x >> (i % 3 == 0 ? 40 : 0)   // small keys repeat: overwrites
            m[k] = i; d[k] = i
        }
        XCTAssertEqual(m.count, d.count)
        for (k, v) in d { XCTAssertEqual(m[k], v) }
        XCTAssertNil(m[0xDEAD_BEEF_0000_0001])
    }

    /// The lexicon's filtered look-up answers exactly as the table does, for members and for misses.
    func testHashMap32FilterKeepsEveryMember() {
        let pairs = (0..<7500).map { (UInt32(truncatingIfNeeded: $0 &* 2654435761), Float($0)) }
        let m = HashMap32(pairs)
        for (k, v) in pairs { XCTAssertEqual(m[k], v) }
        var misses = 0
        for k in stride(from: UInt32(1), to: 200_000, by: 7) where m[k] == nil { misses += 1 }
        XCTAssertGreaterThan(misses, 0)
        let member = Set(pairs.map { $0.0 })
        XCTAssertEqual(misses, stride(from: UInt32(1), to: 200_000, by: 7).filter { !member.contains($0) }.count)
    }
}
