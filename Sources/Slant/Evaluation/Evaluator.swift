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

    /// Evaluates the records (checked with `check` first). Tasks with no gold labels in the data are left out.
    public func evaluate(_ records: [Record]) throws -> [TaskReport] {
        for r in records { try check(r) }
        let scorer = try Scorer(model: model, tasks: tasks.map { model.tasks[$0].name }, threads: threads)
        let scored = scorer.score(batch: records)
        var reports: [TaskReport] = []
        for (ti, t) in tasks.enumerated() {
            let info = model.tasks[t]
            var gold: [Int] = [], pred: [Int] = [], conf: [Float] = []
            var gm: [[Bool]] = [], pm: [[Bool]] = []
            for (r, s) in zip(records, scored) {
                guard let g = r.labels[info.name] else { continue }
                let p = s.predictions[ti]
                if info.kind == .single {
                    gold.append(info.labels.firstIndex(of: g.all[0])!)
                    let k = info.labels.firstIndex(of: p.labels[0])!
                    pred.append(k); conf.append(p.scores[k])
                } else {
                    let gs = Set(g.all), ps = Set(p.labels)
                    gm.append(info.labels.map { gs.contains($0) }); pm.append(info.labels.map { ps.contains($0) })
                }
            }
            if info.kind == .single && !gold.isEmpty {
                reports.append(Metrics.singleLabel(task: info.name, labels: info.labels, gold: gold, predicted: pred, confidence: conf))
            } else if info.kind == .multi && !gm.isEmpty {
                reports.append(Metrics.multiLabel(task: info.name, labels: info.labels, gold: gm, predicted: pm))
            }
        }
        return reports
    }
}
