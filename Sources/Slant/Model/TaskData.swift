import Foundation

/// The tasks of the training data and each task's rows: discovery, featurizing, labels and weights.
extension Trainer {
    /// The tasks in `records`, with labels in sorted order.
    /// - Throws: when a task mixes single labels and label lists, or a requested task has no labels.
    public static func discoverTasks(_ records: [Record], only: [String] = []) throws -> [TaskDescription] {
        var kinds: [String: HeadKind] = [:]
        var counts: [String: [String: Int]] = [:]
        var rows: [String: Int] = [:]
        for r in records {
            for (task, v) in r.labels {
                if !only.isEmpty && !only.contains(task) { continue }
                rows[task, default: 0] += 1
                let k: HeadKind
                if case .multi = v { k = .multi } else { k = .single }
                if let prev = kinds[task], prev != k {
                    throw SlantError.invalidInput(file: r.file, line: r.line,
                        message: "labels.\(task) is a \(k == .multi ? "list" : "string") here but a \(prev == .multi ? "list" : "string") in earlier records; a task is either single-label or multi-label")
                }
                kinds[task] = k
                for l in v.all { counts[task, default: [:]][l, default: 0] += 1 }
                if counts[task] == nil { counts[task] = [:] }
            }
        }
        for t in only where kinds[t] == nil {
            let known = kinds.keys.sorted().joined(separator: ", ")
            throw SlantError.usage("task \"\(t)\" has no labels in the training data; tasks found: \(known.isEmpty ? "none" : known)")
        }
        let tasks = kinds.keys.sorted().map { t in
            let labels = counts[t, default: [:]].keys.sorted()
            return TaskDescription(name: t, kind: kinds[t]!, labels: labels, counts: labels.map { counts[t]![$0]! }, rows: rows[t] ?? 0)
        }
        for t in tasks { if let why = t.unlearnable { throw SlantError.usage(why) } }
        return tasks
    }

    /// Featurizes records into a CSR matrix, in parallel over `threads`, in input order.
    public static func featurize(_ records: [Record], featurizer: Featurizer, threads: Int) -> CSRMatrix {
        let t = max(1, min(threads, records.count))
        let parts = Parallel.collect(t) { c -> CSRMatrix in
            var scratch = FeatureScratch()
            var m = CSRMatrix()
            let lo = records.count * c / t, hi = records.count * (c + 1) / t
            for i in lo..<hi { m.append(featurizer.featurize(records[i], scratch: &scratch)) }
            return m
        }
        var all = CSRMatrix()
        for p in parts { for r in 0..<p.rows { all.append(p.row(r)) } }
        return all
    }

    /// - Parameter rowWeight: a weight per row of `rows` (`GroupBalance`), or nil; balanced class weights are
    ///   then computed from the weighted counts.
    static func headData(_ task: TaskDescription, rows: [Int], records: [Record], x: CSRMatrix,
                         weighting: ClassWeighting, rowWeight: [Float]? = nil) throws -> HeadData {
        var d = HeadData(x: x.subset(rows), kind: task.kind, labels: task.labels.count)
        if let w = rowWeight { precondition(w.count == rows.count); d.rowWeight = w }
        let index = Dictionary(uniqueKeysWithValues: task.labels.enumerated().map { ($1, $0) })
        let K = task.labels.count
        // Class counts are sums of row weights (1 each without `rowWeight`).
        @inline(__always) func weight(_ i: Int) -> Double { rowWeight.map { Double($0[i]) } ?? 1 }
        if task.kind == .single {
            d.y = try rows.map { r -> Int32 in
                guard case .single(let l)? = records[r].labels[task.name] else {
                    throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                                                  message: "labels.\(task.name) must be a string for a single-label task")
                }
                guard let i = index[l] else {
                    throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                        message: "label \"\(l)\" of task \(task.name) does not occur in the training data; known: \(task.labels.joined(separator: ", "))")
                }
                return Int32(i)
            }
            if weighting == .balanced {
                var c = [Double](repeating: 0, count: K)
                for (i, y) in d.y.enumerated() { c[Int(y)] += weight(i) }
                d.classWeight = Trainer.balanced(c, total: c.reduce(0, +))
            }
        } else {
            d.yMulti = [UInt8](repeating: 0, count: rows.count * K)
            for (i, r) in rows.enumerated() {
                for l in records[r].labels[task.name]?.all ?? [] {
                    guard let k = index[l] else {
                        throw SlantError.invalidInput(file: records[r].file, line: records[r].line,
                            message: "label \"\(l)\" of task \(task.name) does not occur in the training data; known: \(task.labels.joined(separator: ", "))")
                    }
                    d.yMulti[i * K + k] = 1
                }
            }
            if weighting == .balanced {
                let total = rowWeight.map { $0.reduce(0.0) { $0 + Double($1) } } ?? Double(rows.count)
                var c = [Double](repeating: 0, count: K)
                for i in 0..<rows.count { for k in 0..<K where d.yMulti[i * K + k] != 0 { c[k] += weight(i) } }
                (d.positiveWeight, d.negativeWeight) = Trainer.balancedBinary(c, total: total)
            }
        }
        return d
    }

    /// Balanced class weights (scikit-learn's "balanced"): `total / (K · count)` per class, 1 for a class with no
    /// rows. Computed in `Double` and rounded once; for integer counts below 2^24 that is the same `Float` as
    /// dividing in `Float` (a quotient rounded to double and then to single precision is correctly rounded).
    static func balanced(_ counts: [Double], total: Double) -> [Float] {
        counts.map { $0 > 0 ? Float(total / (Double(counts.count) * $0)) : 1 }
    }

    /// Balanced weights of each label's positive and negative examples for one-vs-rest sigmoids:
    /// `total / (2 · positives)` and `total / (2 · negatives)`, 1 where there are none.
    static func balancedBinary(_ positives: [Double], total: Double) -> (positive: [Float], negative: [Float]) {
        (positives.map { $0 > 0 ? Float(total / (2 * $0)) : 1 },
         positives.map { total - $0 > 0 ? Float(total / (2 * (total - $0))) : 1 })
    }

    /// The head's bucket bits: enough for its distinct features, within the spec's bits and the size cap.
    static func headBits(_ x: CSRMatrix, labels: Int, spec: FeatureSpec, maxMiB: Double) -> Int {
        var used = [Bool](repeating: false, count: spec.buckets)
        var distinct = 0
        x.indices.withUnsafeBufferPointer { idx in
            for i in idx where !used[Int(i)] { used[Int(i)] = true; distinct += 1 }
        }
        // At least 2^10 buckets, but never more than the feature set has (a head of 2^10 over a 2^8 feature set
        // was written and then refused on loading).
        let floor = min(10, spec.bits)
        var b = floor
        while b < spec.bits && (1 << b) < 2 * distinct { b += 1 }
        while b > floor && Double((1 << b) * labels * 4) > maxMiB * 1_048_576 { b -= 1 }
        return b
    }
}
