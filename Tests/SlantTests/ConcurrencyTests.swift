import Dispatch
import Synchronization
import XCTest
@testable import Slant

/// Issue 10: a `Scorer` is `Sendable` for real: concurrent calls from several threads, each itself
/// multi-threaded, give exactly the predictions of one sequential call (they shared scratch slots before).
final class ConcurrencyTests: XCTestCase {
    func testConcurrentScorerCallsMatchSequentialOnes() throws {
        var o = TrainingOptions()
        o.features.bits = 12
        o.epochs = 10
        let model = try Trainer(options: o).train(toyRecords(120))
        let scorer = try Scorer(model: model, threads: 2)
        let records = toyRecords(300, seed: 99)
        let reference = scorer.score(batch: records).map { $0.predictions.map { $0.scores } }
        let results = Mutex<[[[[Float]]]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let r = scorer.score(batch: records).map { $0.predictions.map { $0.scores } }
            results.withLock { $0.append(r) }
        }
        let all = results.withLock { $0 }
        XCTAssertEqual(all.count, 4)
        for r in all { XCTAssertEqual(r, reference) }
    }
}
