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

    /// Per task: the gold labels, this evaluator's predictions and the records' sources, on the records labeled for it.
    func pairs(_ records: [Record]) throws -> [(info: TaskInfo, gold: [LabelValue], predicted: [TaskPrediction], sources: [String?])] {
        let scorer = try Scorer(model: model, tasks: tasks.map { model.tasks[$0].name }, threads: threads)
        let scored = scorer.score(batch: records)
        return tasks.enumerated().map { ti, t in
            let info = model.tasks[t]
            let labeled = zip(records, scored).filter { $0.0.labels[info.name] != nil }
            return (info, labeled.map { $0.0.labels[info.name]! }, labeled.map { $0.1.predictions[ti] }, labeled.map { $0.0.source })
        }
    }

    /// Evaluates the records (checked with `check` first). Tasks with no gold labels in the data are left out.
    /// - Parameters:
    ///   - bootstrap: resamples for 95% intervals of every headline metric, and for the paired comparisons (0: none).
    ///   - compare: other models (name, model) to compare with, task by task, on the same records by a paired
    ///     bootstrap (tasks the other model lacks, or whose labels differ, are not compared).
    ///   - bySource: also group each single-label task's records by their source (`TaskReport.bySource`).
    public func evaluate(_ records: [Record], bootstrap: Int = 0, compare: [(name: String, model: SlantModel)] = [], bySource: Bool = false) throws -> [TaskReport] {
        for r in records { try check(r) }
        let mine = try pairs(records)
        var others: [(String, [String: (TaskInfo, [TaskPrediction])])] = []
        for (name, m) in compare {
            let names = tasks.map { model.tasks[$0].name }.filter { m.taskIndex($0) != nil }
            let e = try Evaluator(model: m, tasks: names, threads: threads)
            var byTask: [String: (TaskInfo, [TaskPrediction])] = [:]
            for p in try e.pairs(records) { byTask[p.info.name] = (p.info, p.predicted) }
            others.append((name, byTask))
        }
        var reports: [TaskReport] = []
        for (info, gold, predicted, sources) in mine {
            func report(_ preds: [TaskPrediction], _ idx: [Int]) -> TaskReport? {
                Metrics.report(task: info.name, kind: info.kind, labels: info.labels, gold: idx.map { gold[$0] }, predicted: idx.map { preds[$0] })
            }
            guard var r = Metrics.report(task: info.name, kind: info.kind, labels: info.labels, gold: gold, predicted: predicted) else { continue }
            r.intervals = Bootstrap.intervals(n: gold.count, reps: bootstrap) { report(predicted, $0) }
            if bySource { r.bySource = LabelGroup.bySource(kind: info.kind, labels: info.labels, gold: gold, predicted: predicted, sources: sources) }
            for (name, byTask) in others {
                guard let (otherInfo, otherPreds) = byTask[info.name], otherInfo.labels == info.labels, otherInfo.kind == info.kind else { continue }
                r.comparisons.append(Bootstrap.paired(n: gold.count, reps: max(bootstrap, 1000), model: name,
                                                      a: { report(predicted, $0) }, b: { report(otherPreds, $0) }))
            }
            reports.append(r)
        }
        return reports
    }
}
