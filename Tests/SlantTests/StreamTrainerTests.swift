import XCTest
@testable import Slant

/// Out-of-core training (issue 11): one chunk gives in-memory AdaGrad's model bit for bit; several chunks
/// train as well; streams that cannot be read again and other optimisers are refused.
final class StreamTrainerTests: XCTestCase {
    func file(_ n: Int) -> String {
        let dir = temporaryDirectory()
        let p = dir + "/train.jsonl"
        let lines = toyRecords(n).map { r -> String in
            guard case .single(let s)? = r.labels["stance"] else { return "" }
            return "{\"id\": \"\(r.id)\", \"text\": \"\(r.text)\", \"title\": \"\(r.title ?? "")\", \"labels\": {\"stance\": \"\(s)\"}}"
        }
        write(lines.joined(separator: "\n") + "\n", to: p)
        return p
    }

    func options() -> TrainingOptions {
        var o = TrainingOptions()
        o.features.bits = 10
        o.optimizer = .adagrad
        o.epochs = 4
        return o
    }

    func testOneChunkEqualsInMemoryAdaGradBitForBit() throws {
        let p = file(400)
        let inMemory = try Trainer(options: options()).train(try readRecords(p))
        var st = StreamTrainer(options: options(), readerOptions: ReaderOptions())
        st.chunkRecords = 1_000
        var report = SkipReport()
        let streamed = try st.train([p], report: &report)
        XCTAssertEqual(streamed.featurizers.map { $0.idf }, inMemory.featurizers.map { $0.idf })
        XCTAssertEqual(streamed.heads.map { $0.weights }, inMemory.heads.map { $0.weights })
        XCTAssertEqual(streamed.heads.map { $0.bias }, inMemory.heads.map { $0.bias })
        XCTAssertEqual(streamed.header.training.files.first?.records, 400)
    }

    func testSeveralChunksTrainWellAndDiffer() throws {
        let p = file(600)
        var st = StreamTrainer(options: options(), readerOptions: ReaderOptions())
        st.chunkRecords = 64
        var report = SkipReport()
        let streamed = try st.train([p], report: &report)
        let inMemory = try Trainer(options: options()).train(try readRecords(p))
        XCTAssertNotEqual(streamed.heads.map { $0.weights }, inMemory.heads.map { $0.weights }, "shuffled within chunks, not globally")
        let test = toyRecords(200, seed: 77)
        let reports = try Evaluator(model: streamed, tasks: ["stance"]).evaluate(test)
        XCTAssertGreaterThan(reports[0].accuracy!, 0.9)
    }

    func testStreamsThatCannotBeReadAgainAndOtherOptimisersAreRefused() {
        var st = StreamTrainer(options: options(), readerOptions: ReaderOptions())
        var report = SkipReport()
        XCTAssertThrowsError(try st.train(["-"], report: &report)) { XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)") }
        st.options.optimizer = .lbfgs
        XCTAssertThrowsError(try st.train([file(10)], report: &report)) { XCTAssertTrue("\($0)".contains("AdaGrad only"), "\($0)") }
    }
}
