import Foundation

/// The one parallel-for of Slant: every multi-threaded loop (IDF fitting, featurizing, gradients, scoring,
/// the actor evaluation) goes through `Parallel.run`, `collect` or `map`.
public enum Parallel {
    /// A value handed to the worker threads of one `run` call.
    ///
    /// Why `@unchecked Sendable` is true here, and only here: `run` blocks until every worker has returned, so
    /// nothing captured outlives the call; the bodies given to it (see the three callers below and the
    /// Objective's gradient loop) write only memory that belongs to their own worker index (`slot[c]`, or the
    /// indices `i ≡ c mod t` of an output buffer) and read shared data that no thread writes during the call
    /// (model weights, input records, the parameter vector). No two workers ever touch the same writable byte.
    struct Handoff<T>: @unchecked Sendable { let value: T }

    /// Runs `body(c)` for every worker `c` in `0..<workers` concurrently and returns when all have finished.
    /// `body` must write only state owned by worker `c` (see `Handoff`).
    public static func run(_ workers: Int, _ body: (Int) -> Void) {
        guard workers > 1 else { if workers == 1 { body(0) }; return }
        withoutActuallyEscaping(body) { body in
            let h = Handoff(value: body)
            DispatchQueue.concurrentPerform(iterations: workers) { c in h.value(c) }
        }
    }

    /// One result per worker: `body(c)`, in worker order.
    public static func collect<T>(_ workers: Int, _ body: (Int) -> T) -> [T] {
        var out = [T?](repeating: nil, count: workers)
        out.withUnsafeMutableBufferPointer { op in
            let base = Handoff(value: op.baseAddress!)
            run(workers) { c in base.value[c] = body(c) }
        }
        return out.map { $0! }
    }

    /// `body(i, &state)` for every `i` in `0..<count`, on up to `threads` workers, results in index order.
    /// Worker `c` takes indices c, c + t, c + 2t ... (interleaved: record lengths vary, and contiguous halves
    /// left one worker waiting) and owns its `State` (per-thread scratch), made by `makeState` and handed to
    /// `finish` when the worker is done (to keep it for the next call: `makeState` and `finish` run on the
    /// workers, so what they share must be locked).
    public static func map<State, T>(_ count: Int, threads: Int, makeState: () -> State, finish: (consuming State) -> Void = { _ in },
                                     _ body: (Int, inout State) -> T) -> [T] {
        var out = [T?](repeating: nil, count: count)
        let t = max(1, min(threads, count))
        out.withUnsafeMutableBufferPointer { op in
            let base = Handoff(value: op.baseAddress!)
            run(t) { c in
                var state = makeState()
                for i in stride(from: c, to: count, by: t) { base.value[i] = body(i, &state) }
                finish(state)
            }
        }
        return out.map { $0! }
    }
}
