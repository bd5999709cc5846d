import Foundation

/// Class offsets for a single-label head, fitted after training on a labelled sample whose labels are read the
/// way the head should decide (`slant-train --prior-data TASK=FILE`): e.g. articles whose leaning annotators
/// judged by reading them, for a head trained on the outlet's rating of each article. The offsets
/// (`Calibration.fitOffsets`: balanced likelihood, mean 0) are added to the head's intercepts, so the model
/// file's format, its scoring and its speed are unchanged; `TaskInfo.priorOffsets` records them, the file and
/// its SHA-256. A trained model can be adapted this way without its training data (`slant-train --from MODEL`):
/// the new offsets are fitted on the head as it is, earlier offsets included, and recorded after them.
public enum PriorOffsets {
    /// What the model records about the offsets of one head.
    public struct Info: Codable, Equatable, Sendable {
        /// The sample (path as given, SHA-256, records read).
        public var file: TrainingFile
        /// Records used (distinct title, text and label).
        public var used: Int
        /// The offset added to each label's logit, in the order of the task's labels (before the temperature).
        public var offsets: [Float]
        /// What a fit records: the sample, the records it used, the offsets it added.
        public init(file: TrainingFile, used: Int, offsets: [Float]) { self.file = file; self.used = used; self.offsets = offsets }
    }

    /// The fewest records of each label a sample must have: below it the offsets follow a handful of articles.
    public static let minimumPerLabel = 10

    /// The distinct labelled records of `records` for `task`: records without the task's label are passed over
    /// (counted), and records with the same title, text and label count once (a file of article–entity pairs
    /// repeats each article once per entity). A label the head does not know is an error naming the record.
    /// - Returns: the records kept, with each one's label index, and how many were passed over and repeated.
    public static func sample(_ records: [Record], task: TaskInfo) throws
        -> (records: [Record], gold: [Int], unlabelled: Int, repeated: Int) {
        var seen = Set<String>()
        var kept: [Record] = [], gold: [Int] = []
        var unlabelled = 0, repeated = 0
        for r in records {
            guard let value = r.labels[task.name] else { unlabelled += 1; continue }
            guard case let .single(label) = value else {
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "--prior-data: the label of \(task.name) is a list; \(task.name) is a single-label task (labels \(task.labels.joined(separator: ", ")))")
            }
            guard let y = task.labels.firstIndex(of: label) else {
                throw SlantError.invalidInput(file: r.file, line: r.line, message: "--prior-data: label \"\(label)\" of \(task.name) is not one the head knows: \(task.labels.joined(separator: ", "))")
            }
            let key = (r.title ?? "") + "\u{0}" + r.text + "\u{0}" + label
            if !seen.insert(key).inserted { repeated += 1; continue }
            kept.append(r); gold.append(y)
        }
        return (kept, gold, unlabelled, repeated)
    }

    /// Fits the offsets of `taskName` on `records` (read from `file`) and returns the model with them added to
    /// the head's intercepts and recorded in its header, and the offsets' summary for the training log.
    ///
    /// A record whose text the model cannot read (`KnownWords`: the scorer leaves every head out for it) is passed
    /// over and counted in `unread`: the offsets are for the texts the head answers.
    public static func apply(to model: SlantModel, task taskName: String, records: [Record], file: TrainingFile) throws
        -> (model: SlantModel, info: Info, unlabelled: Int, repeated: Int, unread: Int) {
        guard let t = model.taskIndex(taskName) else {
            throw SlantError.usage("--prior-data names task \"\(taskName)\", which the model does not have; tasks: \(model.tasks.map { $0.name }.joined(separator: ", "))")
        }
        let task = model.tasks[t]
        guard task.kind == .single, task.twoStage == nil else {
            throw SlantError.usage("--prior-data \(taskName): class offsets need a plain single-label head; \(taskName) is \(task.twoStage != nil ? "a two-stage head" : "multi-label")")
        }
        var s = try sample(records, task: task)
        var unread = 0
        if let reader = model.readingWords {
            var buf = TokenBuffer()
            var kept: [Record] = [], gold: [Int] = []
            for (r, y) in zip(s.records, s.gold) {
                Tokenizer().tokenize(r.text, into: &buf)
                if reader.shareNotRead(buf) != nil { unread += 1; continue }
                kept.append(r); gold.append(y)
            }
            s.records = kept; s.gold = gold
        }
        let K = task.labels.count
        var counts = [Int](repeating: 0, count: K)
        for y in s.gold { counts[y] += 1 }
        if let k = counts.indices.first(where: { counts[$0] < minimumPerLabel }) {
            throw SlantError.usage("--prior-data \(taskName)=\(file.path): label \"\(task.labels[k])\" has \(counts[k]) distinct records, at least \(minimumPerLabel) of each label are needed (\(zip(task.labels, counts).map { "\($0) \($1)" }.joined(separator: ", ")))")
        }
        var scratch: [FeatureScratch] = []
        var logProbs: [Double] = []
        logProbs.reserveCapacity(s.records.count * K)
        for r in s.records {
            let p = model.predict(r, tasks: [t], scratch: &scratch)[0].scores
            for k in 0..<K { logProbs.append(Foundation.log(max(Double(p[k]), 1e-12))) }
        }
        let b = Calibration.fitOffsets(logProbs: logProbs, gold: s.gold, labels: K)
        // The head divides its logits by the temperature before the softmax: b·T there is b after it.
        let offsets = b.map { Float($0 * Double(task.temperature)) }
        let old = model.heads[t]
        var heads = model.heads
        heads[t] = LinearHead(kind: old.kind, labels: old.labels, bits: old.bits, weights: old.weights,
                              bias: zip(old.bias, offsets).map { $0 + $1 }, split: old.split)
        let info = Info(file: file, used: s.records.count, offsets: offsets)
        var header = model.header
        // A model adapted again (`slant-train --from`) keeps the earlier fits: the bias holds their sum.
        header.tasks[t].priorOffsets = (header.tasks[t].priorOffsets ?? []) + [info]
        return (model.replacing(header: header, heads: heads), info, s.unlabelled, s.repeated, unread)
    }
}
