import Foundation

/// Fitting one head and choosing what to keep: early stopping on dev, multi-label thresholds, out-of-fold
/// predictions.
extension Trainer {
    /// The dev metric used for early stopping: the task's official metric where Slant knows it (FNC-1 relative
    /// score for `headline_stance`, F_avg when the labels include favor and against), else macro-F1
    /// (single-label) or micro-F1 (multi-label).
    static func devMetric(head: LinearHead, data: HeadData, task: TaskDescription, thresholds: [Float]? = nil) -> (name: String, value: Double) {
        var gold: [Int] = [], pred: [Int] = []
        var gm: [[Bool]] = [], pm: [[Bool]] = []
        let K = data.labels
        for r in 0..<data.rows {
            let p = head.probabilities(data.x.row(r))
            if data.kind == .single {
                gold.append(Int(data.y[r]))
                pred.append(p.indices.max { p[$0] < p[$1] }!)
            } else {
                gm.append((0..<K).map { data.yMulti[r * K + $0] != 0 })
                pm.append((0..<K).map { p[$0] >= (thresholds?[$0] ?? 0.5) })
            }
        }
        if data.kind == .single {
            let r = Metrics.singleLabel(task: task.name, labels: task.labels, gold: gold, predicted: pred)
            if let f = r.fncRelativeScore { return ("fnc_relative_score", f) }
            if let f = r.fAvg { return ("f_avg", f) }
            return ("macro_f1", r.macroF1)
        }
        return ("micro_f1", Metrics.multiLabel(task: task.name, labels: task.labels, gold: gm, predicted: pm).microF1 ?? 0)
    }

    /// Multi-label decision thresholds from held-out probabilities: one shared threshold maximising micro-F1;
    /// with `.perLabel`, replaced by a label's own F1-maximising threshold for labels with at least 50 positive
    /// examples (`LabelThresholds` says why shared is the default).
    static func tuneThresholds(probs: [[Float]], data: HeadData, rule: LabelThresholds = .shared) -> [Float] {
        let K = data.labels
        let grid = (1..<20).map { Float($0) * 0.05 }
        func counts(_ k: Int, _ th: Float) -> (tp: Int, fp: Int, fn: Int) {
            var tp = 0, fp = 0, fn = 0
            for r in 0..<data.rows {
                let g = data.yMulti[r * K + k] != 0, p = probs[r][k] >= th
                if g && p { tp += 1 } else if p { fp += 1 } else if g { fn += 1 }
            }
            return (tp, fp, fn)
        }
        func f1(_ c: (tp: Int, fp: Int, fn: Int)) -> Double { c.tp == 0 ? 0 : 2.0 * Double(c.tp) / Double(2 * c.tp + c.fp + c.fn) }
        var shared: Float = 0.5, bestMicro = -1.0
        for th in grid {
            var tp = 0, fp = 0, fn = 0
            for k in 0..<K { let c = counts(k, th); tp += c.tp; fp += c.fp; fn += c.fn }
            let f = f1((tp, fp, fn))
            if f > bestMicro + 1e-12 { bestMicro = f; shared = th }
        }
        if rule == .shared { return [Float](repeating: shared, count: K) }
        return (0..<K).map { k in
            let positives = (0..<data.rows).filter { data.yMulti[$0 * K + k] != 0 }.count
            guard positives >= 50 else { return shared }
            var best = shared, bestF = f1(counts(k, shared))
            for th in grid { let f = f1(counts(k, th)); if f > bestF + 1e-12 { bestF = f; best = th } }
            return best
        }
    }

    /// Fits one head on `data`, with early stopping on `devData` when given.
    /// - Returns: the head and the iteration kept (-1: the last one).
    func fitHead(_ task: TaskDescription, data: HeadData, devData: HeadData?, bits: Int, report: Bool) -> (head: LinearHead, kept: Int) {
        let l2 = options.l2   // per-task overrides are applied by trainTask
        let objective = Objective(data: data, bits: bits, l2: l2, threads: options.threads)
        var params = [Float](repeating: 0, count: objective.dimension)
        let K = task.labels.count
        func head(_ p: [Float]) -> LinearHead {
            LinearHead(kind: task.kind, labels: K, bits: bits, weights: Array(p[0..<(p.count - K)]), bias: Array(p[(p.count - K)...]), split: data.split)
        }
        var best: (iteration: Int, metric: Double, params: [Float])? = nil
        var sinceBest = 0
        var lastTime = Date()
        let evalEvery = options.optimizer == .lbfgs ? 5 : 1
        let maxIter = options.epochs ?? (options.optimizer == .lbfgs ? 100 : 10)
        let callback: (Int, Double, [Float]) -> Bool = { iter, loss, p in
            let now = Date()
            let rps = Double(data.rows) / max(1e-9, now.timeIntervalSince(lastTime))
            lastTime = now
            var metric: Double? = nil
            if let devData, iter % evalEvery == 0 || iter == maxIter {
                let m = Trainer.devMetric(head: head(p), data: devData, task: task).value
                metric = m
                if best == nil || m > best!.metric + 1e-9 { best = (iter, m, p); sinceBest = 0 } else { sinceBest += 1 }
            }
            if report {
                self.progress(.iteration(task: task.name, iteration: iter, of: maxIter, loss: loss, devMetric: metric, rowsPerSecond: rps))
            }
            return sinceBest < self.options.patience
        }
        switch options.optimizer {
        case .lbfgs:
            LBFGS(maxIterations: maxIter).minimize(&params, { objective.evaluate($0, gradient: &$1) }, callback: callback)
        case .adagrad:
            AdaGrad(learningRate: options.learningRate, epochs: maxIter, seed: options.seed)
                .train(data, bits: bits, l2: l2, params: &params, callback: callback)
        }
        // Keep the final weights unless dev says an earlier iteration was better.
        if let devData, let b = best {
            let finalMetric = Trainer.devMetric(head: head(params), data: devData, task: task).value
            if b.metric > finalMetric + 1e-9 { return (head(b.params), b.iteration) }
        }
        return (head(params), -1)
    }

    /// Out-of-fold probabilities on the training rows (`folds`-fold, rows assigned by a seeded shuffle).
    func outOfFold(_ task: TaskDescription, data: HeadData, bits: Int, folds: Int) -> [[Float]] {
        var order = Array(0..<data.rows)
        var rng = SplitMix64(seed: options.seed &+ 0xF01D)
        rng.shuffle(&order)
        var fold = [Int](repeating: 0, count: data.rows)
        for (i, r) in order.enumerated() { fold[r] = i % folds }
        var probs = [[Float]](repeating: [], count: data.rows)
        for f in 0..<folds {
            let trainRows = (0..<data.rows).filter { fold[$0] != f }
            let testRows = (0..<data.rows).filter { fold[$0] == f }
            let h = fitHead(task, data: data.subset(trainRows), devData: nil, bits: bits, report: false).head
            for r in testRows { probs[r] = h.probabilities(data.x.row(r)) }
        }
        return probs
    }
}
