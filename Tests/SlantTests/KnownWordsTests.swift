import XCTest
import Foundation
@testable import Slant

/// `KnownWords`: what a feature set's heads can read.
final class KnownWordsTests: XCTestCase {
    func tokens(_ text: String) -> TokenBuffer { tokenBuffer(text) }

    /// The words kept are those in the most documents (a document counts a word once), ties broken by hash so
    /// that the order of the records does not matter; the median share and the threshold follow.
    func testFitKeepsTheWordsOfMostDocuments() throws {
        let records = (0..<30).map { i in
            Record(id: "r\(i)", text: "the council met and the mayor spoke " + String(repeating: "rare\(i) ", count: 5) + "word\(i % 3)")
        }
        let k = try XCTUnwrap(KnownWords.fit(records, size: 16))
        XCTAssertEqual(k.words.count, 16)
        XCTAssertEqual(k.words, k.words.sorted())
        // The six words of every record, the three of ten records each, then seven of the words of one record.
        for w in ["the", "council", "met", "and", "mayor", "spoke", "word0", "word1", "word2"] {
            XCTAssertEqual(k.count(tokens(w)).known, 1, w)
        }
        XCTAssertEqual(k.count(tokens("unseen")).known, 0)
        XCTAssertEqual(try XCTUnwrap(KnownWords.fit(records.reversed(), size: 16)), k)
        // A record has 13 words ("the" twice, its rare word 5 times): 8 known, or all 13 for the 7 records
        // whose rare word is among the 16 kept; the median share is 8/13.
        XCTAssertEqual(k.median, 8.0 / 13, accuracy: 1e-6)
        XCTAssertEqual(k.threshold, KnownWords.fraction * k.median)
        XCTAssertNil(KnownWords.fit(records), "fewer distinct words than the set keeps: no known words")
        XCTAssertNil(KnownWords.fit([Record(id: "x", text: "12 34 !!")], size: 1), "no words, nothing to know")
    }

    /// Only `size` words are kept, the one in every document among them.
    func testFitKeepsAtMostSizeWords() throws {
        var records: [Record] = []
        for i in 0..<(KnownWords.size + 100) { records.append(Record(id: "a\(i)", text: "common w\(i)")) }
        let k = try XCTUnwrap(KnownWords.fit(records))
        XCTAssertEqual(k.words.count, KnownWords.size)
        XCTAssertEqual(k.count(tokens("common")).known, 1)
    }

    /// A text is read unless its first tokens are enough to judge (`minWords` tokens, or `minBytes` bytes of
    /// them) and their share of known words is below the threshold. Every token counts (numbers, ideographs,
    /// emoji are never known words); punctuation is no token.
    func testReasonNotRead() {
        let k = KnownWords(words: tokens("the council met and mayor spoke").hashes.sorted(), median: 0.8, threshold: 0.4)
        let english = String(repeating: "the council met and the mayor spoke today ", count: 5)
        XCTAssertNil(k.reasonNotRead(tokens(english)))
        let foreign = String(repeating: "el consejo se reunió y la alcaldesa habló hoy ", count: 5)
        let reason = k.reasonNotRead(tokens(foreign))
        XCTAssertEqual(reason, "cannot read the text: the model recognises 0% of its words and needs 40% (the text is unreadable, or not in the language the model learned from)")
        XCTAssertNil(k.reasonNotRead(tokens("el consejo se reunió")), "fewer than minWords words: read")
        XCTAssertEqual(k.shareNotRead(tokens(String(repeating: "123 456 !!! ", count: 30))), 0, "numbers alone: not read")
        XCTAssertEqual(k.shareNotRead(tokens(String(repeating: "政府公布新一轮经济刺激计划", count: 3))), 0, "39 ideographs: not read")
        XCTAssertEqual(k.shareNotRead(tokens(String(repeating: "🔥 👍 ", count: 15))), 0, "30 emoji: not read")
        // Few tokens: judged only when they hold `minBytes` bytes (a string of code, base64).
        let hex = String(repeating: "0123456789abcdef", count: 13)   // one token of 208 bytes
        XCTAssertEqual(k.count(tokens(hex)).words, 1)
        XCTAssertEqual(k.shareNotRead(tokens(hex)), 0, "one long token: not read")
        XCTAssertNil(k.reasonNotRead(tokens(String(hex.prefix(KnownWords.minBytes - 1)))), "one token under minBytes: read")
        XCTAssertEqual(k.shareNotRead(tokens("รัฐบาลประกาศมาตรการเศรษฐกิจใหม่")), 0, "a Thai headline, one token per letter (31): not read")
        // Each counts once: 10 known words and 10 numbers, half known.
        XCTAssertEqual(k.count(tokens(String(repeating: "council 2016 ", count: 10))).known, 10)
        XCTAssertEqual(k.count(tokens(String(repeating: "council 2016 ", count: 10))).words, 20)
        // Exactly at the threshold is read; just below is not.
        let mixed = (0..<10).map { _ in "council" }.joined(separator: " ") + " " + (0..<15).map { "x\($0)" }.joined(separator: " ")
        XCTAssertNil(k.reasonNotRead(tokens(mixed)), "10 of 25 = 40%")
        let fewer = (0..<9).map { _ in "council" }.joined(separator: " ") + " " + (0..<16).map { "x\($0)" }.joined(separator: " ")
        XCTAssertNotNil(k.reasonNotRead(tokens(fewer)), "9 of 25 = 36%")
        XCTAssertEqual(k.shareNotRead(tokens(fewer)) ?? -1, 0.36, accuracy: 1e-6, "the share behind the reason")
        XCTAssertNil(k.shareNotRead(tokens(mixed)))
    }

    /// A trained model keeps known words per feature set, they survive the file, and inconsistent ones are
    /// refused at load.
    func testModelsKeepTheirKnownWords() throws {
        var o = TrainingOptions()
        o.features.bits = 10
        o.epochs = 5
        // Toy data has too few words for known words; add records of many distinct words.
        var records = toyRecords(40)
        for i in 0..<12 {
            var r = records[i]
            r.text += " " + (0..<200).map { "w\($0 + i * 200)" }.joined(separator: " ")
            records[i] = r
        }
        XCTAssertNil(try Trainer(options: o).train(toyRecords(40)).header.known)
        let m = try Trainer(options: o).train(records)
        let known = try XCTUnwrap(m.header.known)
        XCTAssertEqual(known.count, m.header.featureSets.count)
        XCTAssertNotNil(known[0])
        let back = try ModelFile.decode(try ModelFile.encode(m), path: "m")
        XCTAssertEqual(back.header.known, m.header.known)
        var h = m.header
        h.known![0]!.words = Array(h.known![0]!.words.reversed())
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(SlantModel(header: h, idf: m.featurizers.map { $0.idf }, heads: m.heads)), path: "m")) {
            XCTAssertTrue("\($0)".contains("known words of feature set 0: words are not ascending and distinct"), "\($0)")
        }
        h = m.header
        h.known![0]!.threshold = 1.5
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(SlantModel(header: h, idf: m.featurizers.map { $0.idf }, heads: m.heads)), path: "m")) {
            XCTAssertTrue("\($0)".contains("threshold is 1.5"), "\($0)")
        }
        h = m.header
        h.known!.append(nil)
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(SlantModel(header: h, idf: m.featurizers.map { $0.idf }, heads: m.heads)), path: "m")) {
            XCTAssertTrue("\($0)".contains("known words are given for 2 feature sets; the model has 1"), "\($0)")
        }
        // Cross-validation's throwaway models skip them.
        o.knownWords = false
        XCTAssertNil(try Trainer(options: o).train(records).header.known)
    }

    /// On the shared datasets, with the default model: every English article's share of known words (by the
    /// feature set the model reads with) is well above the threshold, and the unreadable examples' shares well
    /// below it. These margins are what `KnownWords.fraction` was chosen by.
    func testDefaultModelSeparatesArticlesFromUnreadableText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
        guard FileManager.default.fileExists(atPath: data) else { throw XCTSkip("../shared/datasets is absent") }
        let model = try ModelFile.read(root.appendingPathComponent("models/default.slant").path)
        let known = try XCTUnwrap(model.header.known, "the default model has no known words")
        let reader = try XCTUnwrap(known.compactMap { $0 }.max { $0.documents < $1.documents })
        XCTAssertEqual(known[model.tasks[model.taskIndex("leaning")!].featureSet], reader, "the model reads with leaning's words")
        func ratio(_ text: String) -> Float? {
            let c = reader.count(tokens(text), limit: KnownWords.sample)
            return KnownWords.judged(words: c.words, bytes: c.bytes) ? Float(c.known) / Float(c.words) / reader.threshold : nil
        }
        var articles: [(ratio: Float, id: String)] = []
        var markup: (share: Float, id: String) = (0, "")
        for file in ["allsides/dev.jsonl.gz", "allsides/extra.jsonl.gz", "semeval2023-frames/train.jsonl", "persent/dev.jsonl", "seesaw/dev.jsonl.gz"] {
            for r in try readRecords(data + "/" + file) {
                if let v = ratio(r.text) { articles.append((v, file + " " + r.id)) }
                let m = Markup.share(r.text)
                if m > markup.share { markup = (m, file + " " + r.id) }
            }
        }
        print("markup: the articles' highest share \(markup)")
        XCTAssertLessThan(markup.share, Markup.threshold / 2, "an article's markup too close to the threshold: \(markup)")
        XCTAssertGreaterThan(articles.count, 5000)
        let lowest = articles.min { $0.ratio < $1.ratio }!
        let sorted = articles.map { $0.ratio }.sorted()
        print("known words: threshold \(reader.threshold), median \(reader.median); articles' share/threshold lowest \(lowest), fourth lowest \(sorted[3])")
        XCTAssertGreaterThan(lowest.ratio, 1.2, "an article too close to the threshold: \(lowest)")
        let examples = root.appendingPathComponent("datasets/examples/unreadable")
        for name in ["random", "shuffled", "es", "de", "fr", "zh", "ja", "th"] {
            let v = try XCTUnwrap(ratio(try String(contentsOf: examples.appendingPathComponent(name + ".txt"), encoding: .utf8)))
            print("known words: \(name) share/threshold \(v)")
            XCTAssertLessThan(v, 0.8, "\(name) too close to the threshold")
        }
    }
}
