import Foundation

/// One record's predictions, with the record's id.
public struct ScoredRecord: Sendable {
    public var id: String
    public var predictions: [TaskPrediction]
}

/// Scores batches of records with a model, in parallel over `threads`, keeping input order.
///
/// Each thread has its own `FeatureScratch`; the model's weights are shared read-only.
public final class Scorer: @unchecked Sendable {
    public let model: SlantModel
    public let tasks: [Int]
    public let explain: Int
    public let threads: Int
    private let scratch: UnsafeMutablePointer<[FeatureScratch]>

    public init(model: SlantModel, tasks: [String] = [], explain: Int = 0, threads: Int = 1) throws {
        self.model = model
        if tasks.isEmpty { self.tasks = Array(model.tasks.indices) } else {
            self.tasks = try tasks.map { t in
                guard let i = model.taskIndex(t) else {
                    throw SlantError.usage("the model has no task \"\(t)\"; its tasks: \(model.tasks.map { $0.name }.joined(separator: ", "))")
                }
                return i
            }
        }
        self.explain = explain
        self.threads = max(1, threads)
        self.scratch = .allocate(capacity: self.threads)
        self.scratch.initialize(repeating: [], count: self.threads)
    }

    deinit { scratch.deinitialize(count: threads); scratch.deallocate() }

    /// Scores one record on the calling thread (scratch slot 0).
    public func score(_ r: Record) -> ScoredRecord { score(r, slot: 0) }

    private func score(_ r: Record, slot: Int) -> ScoredRecord {
        ScoredRecord(id: r.id, predictions: model.predict(r, tasks: tasks, scratch: &scratch[slot], explain: explain))
    }

    /// Parses and scores a batch of raw lines in parallel; the results are in the batch's order: a scored record,
    /// nil for a blank line, or the line's error.
    public func score(lines batch: [(bytes: [UInt8], line: Int)], reader: RecordReader) -> [Result<ScoredRecord?, SlantError>] {
        var out = [Result<ScoredRecord?, SlantError>](repeating: .success(nil), count: batch.count)
        let t = min(threads, max(1, batch.count))
        out.withUnsafeMutableBufferPointer { op in
            let base = op.baseAddress!
            DispatchQueue.concurrentPerform(iterations: t) { c in
                // Interleaved (c, c + t, ...), not contiguous halves: article lengths vary widely, and a thread
                // that drew the long ones would keep the others waiting at the end of the batch.
                for i in stride(from: c, to: batch.count, by: t) {
                    do {
                        if let r = try reader.parse(batch[i].bytes, line: batch[i].line) { base[i] = .success(score(r, slot: c)) }
                    } catch let e as SlantError { base[i] = .failure(e) } catch {
                        base[i] = .failure(.invalidInput(file: reader.path, line: batch[i].line, message: "\(error)"))
                    }
                }
            }
        }
        return out
    }

    /// Scores a batch; the result is in the batch's order.
    public func score(batch: [Record]) -> [ScoredRecord] {
        if threads == 1 || batch.count < 2 { return batch.map { score($0, slot: 0) } }
        var out = [ScoredRecord?](repeating: nil, count: batch.count)
        let t = min(threads, batch.count)
        out.withUnsafeMutableBufferPointer { op in
            let base = op.baseAddress!
            DispatchQueue.concurrentPerform(iterations: t) { c in
                for i in stride(from: c, to: batch.count, by: t) { base[i] = score(batch[i], slot: c) }
            }
        }
        return out.map { $0! }
    }
}
