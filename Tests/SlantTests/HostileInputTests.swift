import XCTest
@testable import Slant

/// Issue 10's findings, one regression test each (the end-to-end ones are in CLITests).
final class HostileInputTests: XCTestCase {
    func testOverlongLinesStopWithTheLineAndTheLimit() throws {
        let dir = temporaryDirectory()
        let p = dir + "/big.jsonl"
        write("{\"text\": \"ok\"}\n{\"text\": \"" + String(repeating: "x", count: 5000) + "\"}\n", to: p)
        var o = ReaderOptions()
        o.maxRecordBytes = 1000
        XCTAssertThrowsError(try readRecords(p, options: o)) { e in
            XCTAssertEqual("\(e)", "\(p): line 2 is longer than the limit of 1000 bytes (--max-record-bytes); stopping")
        }
        // The same file under the default limit reads.
        XCTAssertEqual(try readRecords(p).count, 2)
        // A plain-text article and a CSV row are records too.
        let t = dir + "/a.txt"
        write(String(repeating: "word ", count: 400), to: t)
        XCTAssertThrowsError(try readRecords(t, options: o)) { XCTAssertTrue("\($0)".contains("--max-record-bytes"), "\($0)") }
        let c = dir + "/a.csv"
        write("text\n\"" + String(repeating: "y", count: 3000) + "\"\n", to: c)
        XCTAssertThrowsError(try readRecords(c, options: o)) { XCTAssertTrue("\($0)".contains("longer than the limit of 1000"), "\($0)") }
    }

    func testByteOrderMarksAreDropped() throws {
        let dir = temporaryDirectory()
        let j = dir + "/bom.jsonl"
        writeBytes([0xEF, 0xBB, 0xBF] + Array("{\"id\": \"a\", \"text\": \"hello\"}\n".utf8), to: j)
        XCTAssertEqual(try readRecords(j).map { $0.id }, ["a"])
        let c = dir + "/bom.csv"
        writeBytes([0xEF, 0xBB, 0xBF] + Array("text,id\nhello,b\n".utf8), to: c)
        XCTAssertEqual(try readRecords(c).map { $0.id }, ["b"])
    }

    func testLargeNumericIdsAreRefusedNotCollided() throws {
        let dir = temporaryDirectory()
        let p = dir + "/ids.jsonl"
        write("{\"id\": 12345, \"text\": \"a\"}\n{\"id\": 9007199254740993, \"text\": \"b\"}\n", to: p)
        assertInvalid(p, line: 2, contains: "a numeric \"id\" must be an integer of magnitude below 2^53")
        write("{\"id\": 12345, \"text\": \"a\"}\n", to: p)
        XCTAssertEqual(try readRecords(p).map { $0.id }, ["12345"])
    }

    func testCRLFTitleAndCROnlyCSV() throws {
        let dir = temporaryDirectory()
        let t = dir + "/crlf.txt"
        write("The title\r\nThe body line one.\r\nLine two.\r\n", to: t)
        var o = ReaderOptions()
        o.titleFirstLine = true
        let r = try readRecords(t, options: o)
        XCTAssertEqual(r[0].title, "The title")
        XCTAssertTrue(r[0].text.hasPrefix("The body line one."), r[0].text)
        let c = dir + "/cr.csv"
        write("text,id\rfirst,1\rsecond,2\r", to: c)
        XCTAssertEqual(try readRecords(c).map { $0.id }, ["1", "2"])
    }

    func testTruncatedAndTinyGzipAreErrors() throws {
        let dir = temporaryDirectory()
        let p = dir + "/five.jsonl.gz"
        writeBytes([0x1f, 0x8b, 0x08, 0x00, 0x00], to: p)
        XCTAssertThrowsError(try readRecords(p)) { XCTAssertTrue("\($0)".contains("gzip"), "\($0)") }
    }

    func testContextSpansSweepMatchesTheDefinition() {
        var spec = FeatureSpec()
        spec.namespaces = [.text, .context]
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        let text = (0..<200).map { "w\($0)" }.joined(separator: " ")
        // Overlapping, nested and unsorted spans.
        let spans = [Span(50, 60), Span(10, 30), Span(12, 14), Span(500, 520), Span(25, 40), Span(700, 701)]
        let r = Record(id: "x", text: text, spans: spans)
        f.tokenizeAll(r, &s)
        _ = f.contextWeights(r, &s)
        let marked = s.marked
        for (i, t) in s.text.tokens.enumerated() {
            let o = Int(t.scalarOffset)
            XCTAssertEqual(marked[i], spans.contains { o >= $0.start && o < $0.end }, "token \(i) at \(o)")
        }
        XCTAssertTrue(marked.contains(true))
        // 100,000 spans are handled (the old loop was tokens × spans).
        let many = Record(id: "y", text: text, spans: (0..<100_000).map { Span($0 % 700, $0 % 700 + 1) })
        f.tokenizeAll(many, &s)
        _ = f.contextWeights(many, &s)
        // The spans cover scalars 0..<700: exactly the tokens that start there are marked.
        for (i, t) in s.text.tokens.enumerated() {
            XCTAssertEqual(s.marked[i], Int(t.scalarOffset) < 700, "token \(i) at \(t.scalarOffset)")
        }
        XCTAssertEqual(s.marked.filter { $0 }.count, s.text.tokens.filter { $0.scalarOffset < 700 }.count)
        XCTAssertGreaterThan(s.marked.filter { $0 }.count, 100)
    }

    func testNonFiniteConfidenceDoesNotTrapCalibration() {
        let e = Metrics.expectedCalibrationError(confidence: [.nan, .infinity, 0.9, -1], correct: [true, false, true, false])
        XCTAssertTrue(e.isFinite)
    }

    func testModelsWithNonFiniteValuesOrBadTargetsAreRefused() throws {
        var o = TrainingOptions()
        o.features.bits = 10
        o.epochs = 5
        let m = try Trainer(options: o).train(toyRecords(40))
        // An infinite IDF value with a valid checksum.
        var idf = m.featurizers[0].idf.withUnsafeBufferPointer { Array($0) }
        idf[3] = .infinity
        let badIDF = SlantModel(header: m.header, idf: [idf], heads: m.heads)
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(badIDF), path: "m")) { XCTAssertTrue("\($0)".contains("idf.0 holds a non-finite"), "\($0)") }
        for t in [Float(0), .nan] {
            var h = m.header
            h.tasks[0].temperature = t
            let bad = SlantModel(header: h, idf: m.featurizers.map { $0.idf }, heads: m.heads)
            XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(bad), path: "m")) { XCTAssertTrue("\($0)".contains("temperature"), "\($0)") }
        }
        let dir = temporaryDirectory()
        XCTAssertThrowsError(try ModelFile.read(dir)) { XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)") }
        // Writing: a device node is refused, a symbolic link is followed, stale temporaries of dead writers go.
        XCTAssertThrowsError(try ModelFile.write(m, to: "/dev/null")) { XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)") }
        let real = dir + "/real.slant", link = dir + "/link.slant"
        try ModelFile.write(m, to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        write("stale", to: real + ".tmp.999999999")
        try ModelFile.write(m, to: link)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), real)
        XCTAssertNotNil(try ModelFile.read(link))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["link.slant", "real.slant"])
    }

    /// Labels no classifier can learn from are refused before training, in memory and streamed: a single-label
    /// task with one label (it would answer that label for everything with probability 1), a multi-label task
    /// of empty lists. A multi-label label in every record is a warning (an example may be that small).
    func testLabelsNothingCanBeLearnedFromAreRefused() throws {
        var o = TrainingOptions()
        o.features.bits = 10
        let one = (0..<6).map { Record(id: "r\($0)", text: "the council met \($0)", labels: ["t": .single("x")]) }
        XCTAssertThrowsError(try Trainer(options: o).train(one)) {
            XCTAssertEqual("\($0)", "task \"t\" has one label in the training data (\"x\", 6 records): a single-label task needs at least two to tell apart; add records of another label, or give the labels as lists (a multi-label task) to learn this one against its absence")
        }
        let empty = (0..<4).map { Record(id: "r\($0)", text: "the council met \($0)", labels: ["f": .multi([])]) }
        XCTAssertThrowsError(try Trainer(options: o).train(empty)) {
            XCTAssertEqual("\($0)", "task \"f\" has no labels in the training data: each of its 4 records' lists is empty")
        }
        // Another task beside a good one is refused too, by name; --task leaving it out trains.
        var mixed = one
        for i in mixed.indices { mixed[i].labels["s"] = .single(i % 2 == 0 ? "a" : "b") }
        XCTAssertThrowsError(try Trainer(options: o).train(mixed)) { XCTAssertTrue("\($0)".hasPrefix("task \"t\" has one label"), "\($0)") }
        o.tasks = ["s"]
        XCTAssertEqual(try Trainer(options: o).train(mixed).tasks.map { $0.name }, ["s"])
        o.tasks = []
        // Always present: trained, with a note.
        let always = (0..<4).map { Record(id: "r\($0)", text: "the council met \($0)", labels: ["f": .multi($0 % 2 == 0 ? ["a"] : ["a", "b"])]) }
        var notes: [String] = []
        var trainer = Trainer(options: o)
        trainer.progress = { if case let .note(task, message) = $0 { notes.append(task + ": " + message) } }
        _ = try trainer.train(always)
        XCTAssertEqual(notes, ["f: label \"a\" in every record: never absent, so always predicted"])
        // Streamed: the same refusal.
        let dir = temporaryDirectory()
        write(one.map { "{\"text\": \"\($0.text)\", \"labels\": {\"t\": \"x\"}}" }.joined(separator: "\n") + "\n", to: dir + "/one.jsonl")
        o.optimizer = .adagrad
        var st = StreamTrainer(options: o, readerOptions: ReaderOptions())
        var report = SkipReport()
        XCTAssertThrowsError(try st.train([dir + "/one.jsonl"], report: &report)) { XCTAssertTrue("\($0)".hasPrefix("task \"t\" has one label"), "\($0)") }
    }
}
