/// Scores labeled records with a model and computes per-task reports.
public struct Evaluator {
    public let model: SlantModel
    public let tasks: [Int]
    public var threads = 1

    public init(model: SlantModel, tasks: [String] = [], threads: Int = 1) throws {
        self.model = model
        self.threads = threads
        let scorer = try Scorer(model: model, tasks: tasks)
        self.tasks = scorer.tasks
    }

    /// Checks that every gold label is one the model knows.
    /// - Throws: `SlantError.invalidInput` at the record's file and line.
    public func check(_ r: Record) throws {
        for t in tasks {
            let info = model.tasks[t]
            guard let gold = r.labels[info.name] else { continue }
            switch (info.kind, gold) {
            case (.single, .multi):
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "labels.\(info.name) is a list, but the model's task \(info.name) is single-label")
            case (.multi, .single):
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "labels.\(info.name) is a string, but the model's task \(info.name) is multi-label")
            default: break
            }
            for l in gold.all where !info.labels.contains(l) {
                throw SlantError.invalidInput(file: r.file, line: r.line,
                    message: "label \"\(l)\" of task \(info.name) is not one the model knows (\(info.labels.joined(separator: ", ")))")
            }
        }
    }

    /// The records that pass `check`; the others are counted in `report` (`--skip-invalid`).
    public func keepingValid(_ records: [Record], report: inout SkipReport) -> [Record] {
        records.filter { r in
            do { try check(r); return true } catch let e as SlantError { report.add(e); return false } catch { return false }
        }
    }

    /// Evaluates the records (checked with `check` first). Tasks with no gold labels in the data are left out.
    /// - Parameter bootstrap: resamples for 95% intervals of every headline metric (0: none).
    public func evaluate(_ records: [Record], bootstrap: Int = 0) throws -> [TaskReport] {
        for r in records { try check(r) }
        let scorer = try Scorer(model: model, tasks: tasks.map { model.tasks[$0].name }, threads: threads)
        let scored = scorer.score(batch: records)
        var reports: [TaskReport] = []
        for (ti, t) in tasks.enumerated() {
            let info = model.tasks[t]
            let labeled = zip(records, scored).filter { $0.0.labels[info.name] != nil }
            let gold = labeled.map { $0.0.labels[info.name]! }, predicted = labeled.map { $0.1.predictions[ti] }
            if var r = Metrics.report(task: info.name, kind: info.kind, labels: info.labels, gold: gold, predicted: predicted) {
                r.intervals = Bootstrap.intervals(n: gold.count, reps: bootstrap) { idx in
                    Metrics.report(task: info.name, kind: info.kind, labels: info.labels, gold: idx.map { gold[$0] }, predicted: idx.map { predicted[$0] })
                }
                reports.append(r)
            }
        }
        return reports
    }
}
