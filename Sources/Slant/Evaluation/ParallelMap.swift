import Foundation

/// Maps `body` over `0..<count` on `threads` threads, results in index order. Thread `c` takes indices c, c + t,
/// c + 2t ... (interleaved: record lengths vary, and contiguous halves left one thread waiting) and owns its
/// `State` (per-thread scratch), created by `makeState`. Each slot of the result is written by one thread only.
func parallelMap<State, T>(_ count: Int, threads: Int, makeState: () -> State, _ body: (Int, inout State) -> T?) -> [T?] {
    var out = [T?](repeating: nil, count: count)
    let t = max(1, min(threads, count))
    out.withUnsafeMutableBufferPointer { op in
        let base = op.baseAddress!
        DispatchQueue.concurrentPerform(iterations: t) { c in
            var state = makeState()
            for i in stride(from: c, to: count, by: t) { base[i] = body(i, &state) }
        }
    }
    return out
}
