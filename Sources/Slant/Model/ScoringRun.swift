/// Streams input files through a `Scorer` into a `PredictionWriter`: the whole of `slant-score` but for argument
/// parsing and where the bytes go.
///
/// Every input record yields an output line, a counted skip (`skipInvalid`) or the error that ends the run;
/// what was read before an error (a bad record, a file that cannot be opened, a truncated gzip stream) is still
/// scored and written before the error is thrown. Memory is bounded by one batch (`batchSize × threads`).
public struct ScoringRun {
    public let scorer: Scorer
    public let writer: PredictionWriter
    public var readerOptions: ReaderOptions
    public var skipInvalid = false
    /// Records per worker per batch.
    public var batchSize = 512
    /// Called after each batch with the records written so far and the input bytes consumed so far (lines of
    /// line-based input, including their newlines; bytes read from other uncompressed files, in blocks).
    public var progress: ((_ records: Int, _ bytes: Int) -> Void)? = nil
    /// Called with each web page of a web archive that was left out (`RecordReader.onPageLeftOut`), with its file.
    public var onPageLeftOut: ((_ file: String, _ uri: String?, _ record: Int, _ why: ArchiveLeftOut) -> Void)? = nil
    /// An earlier run's output that this run continues (`slant-score --output FILE --resume`): the input records
    /// it holds are skipped, in order, the last of them scored again and its line compared with the file's, and
    /// only the records after it are written. Nil for a fresh run. JSONL output only (no header line).
    public var resume: ResumedOutput? = nil

    public init(scorer: Scorer, writer: PredictionWriter, readerOptions: ReaderOptions) {
        self.scorer = scorer; self.writer = writer; self.readerOptions = readerOptions
    }

    /// Scores `inputs` (`-` for stdin) in order, handing each batch's bytes to `sink` (which must check its writes).
    /// - Returns: the records skipped with `skipInvalid`.
    /// - Throws: the first error that ended the run (after writing what came before it), or `sink`'s error.
    public func run(_ inputs: [String], sink: ([UInt8]) throws -> Void) throws -> SkipReport {
        try run(files: (inputs.isEmpty ? ["-"] : inputs).map { InputFile(path: $0) }, sink: sink)
    }

    /// `run(_:sink:)` over files with their plain-text records' ids (`InputFiles.expand`).
    public func run(files inputs: [InputFile], sink: ([UInt8]) throws -> Void) throws -> SkipReport {
        var skipped = SkipReport()
        try run(files: inputs, skipped: &skipped, sink: sink)
        return skipped
    }

    /// `run(files:sink:)`, the records skipped with `skipInvalid` counted in `skipped` as they are met, so that a
    /// run ended by an error can still say which records its output lacks.
    public func run(files inputs: [InputFile], skipped: inout SkipReport, sink: ([UInt8]) throws -> Void) throws {
        if resume == nil, let h = writer.header() { try sink(Array((h + "\n").utf8)) }
        // Each record's output line, formatted on the worker that scored it; room for a typical record's line
        // made once (growing from empty copied it about ten times).
        let w = writer
        let format = { (r: ScoredRecord) -> [UInt8] in
            var b: [UInt8] = []
            b.reserveCapacity(4096)
            w.append(r, to: &b)
            return b
        }
        // Resuming: how many of the earlier output's records the input has given so far.
        let resumed = resume?.ids ?? []
        var matched = 0
        /// Counts the record `id` as one the earlier output holds (called while `matched < resumed.count`: the
        /// caller skips it); throws when it is not the record the output names next, or when the last one,
        /// scored again by `rescore`, does not give the line on file.
        func skipResumed(_ id: String, rescore: () -> Result<[UInt8]?, SlantError>) throws {
            guard let r = resume else { return }
            guard id == resumed[matched] else {
                throw SlantError.io(path: r.path, message: "line \(matched + 1) holds the scores of record \"\(resumed[matched])\", but the input's record there is \"\(id)\": the file was written from other input (or with other --skip-invalid settings); resume with the same input, or score to a new file")
            }
            matched += 1
            guard matched == resumed.count else { return }
            switch rescore() {
            case .success(let bytes?):
                let line = bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
                if line != r.lastLine {
                    throw SlantError.io(path: r.path, message: "its last line differs from this run's scores of the same record (\"\(id)\"): it was written with another model or other options; resume with the same ones, or score to a new file")
                }
            case .success(nil):
                throw SlantError.io(path: r.path, message: "its last line holds the scores of record \"\(id)\", which this run does not score; resume with the same input and options, or score to a new file")
            case .failure(let e): throw e
            }
        }
        // Records of other formats than JSONL lines, read in order here; pages are read for their article, and
        // every record scored and formatted, on the worker threads.
        var batch: [(record: RecordReader.Pending, reader: RecordReader)] = []
        // Web archive records the reader already left out (no work for a worker: in the batch, they would load
        // one worker only, since requests and responses alternate), each with how many batch records precede it.
        var aside: [(before: Int, why: ArchiveLeftOut, uri: String?, record: Int, file: String)] = []
        var buffer: [UInt8] = []
        let perBatch = batchSize * scorer.threads
        /// Scores the batch and writes it; false when a record's error ends the run (`failure` says which).
        func flush() throws -> Bool {
            guard !batch.isEmpty || !aside.isEmpty else { return true }
            buffer.removeAll(keepingCapacity: true)
            defer { batch.removeAll(keepingCapacity: true); aside.removeAll(keepingCapacity: true) }
            var nextAside = 0
            func leftOut(_ why: ArchiveLeftOut, _ uri: String?, _ n: Int, _ file: String) {
                skipped.archives.add(why)
                if why.isPage { onPageLeftOut?(file, uri, n, why) }
            }
            func asideUpTo(_ k: Int) {
                while nextAside < aside.count, aside[nextAside].before <= k {
                    let a = aside[nextAside]
                    leftOut(a.why, a.uri, a.record, a.file)
                    nextAside += 1
                }
            }
            let results = scorer.score(pending: batch, then: format)
            for (k, result) in results.enumerated() {
                asideUpTo(k)
                switch result {
                case .success(.scored(let bytes)):
                    buffer.append(contentsOf: bytes); written += 1
                    if case .archived = batch[k].record { skipped.archives.pages += 1 }
                case .success(.leftOut(let why, let uri, let n)):
                    leftOut(why, uri, n, batch[k].reader.path)
                case .failure(let e):
                    if skipInvalid, case .invalidInput = e { skipped.add(e); continue }
                    try sink(buffer); failure = e
                    return false
                }
            }
            asideUpTo(results.count)
            try sink(buffer)
            progress?(written, consumed)
            return true
        }
        var failure: SlantError? = nil
        var written = 0, consumed = 0
        outer: for file in inputs.isEmpty ? [InputFile(path: "-")] : inputs {
            let reader: RecordReader
            do { reader = try RecordReader(path: file.path, options: readerOptions) } catch let e as SlantError {
                // A file that opens as no record at all (a damaged file of a ZIP archive, a file refused by its first
                // bytes) is one invalid record; one that cannot be opened, with `skipInvalid`, a file not read.
                guard skipInvalid else { failure = e; break outer }
                if case .invalidInput = e { skipped.add(e) } else { skipped.fault(e) }
                continue
            }
            reader.name = file.name
            if reader.isLineBased {
                // Lines are split off here; parsing, featurizing and scoring run on the worker threads.
                if try !flush() { break outer }
                var lines: [RawRecord] = []
                func flushLines() throws -> Bool {
                    buffer.removeAll(keepingCapacity: true)
                    defer { lines.removeAll(keepingCapacity: true) }
                    for l in lines { consumed += l.bytes.count + 1 }
                    for result in scorer.score(lines: lines, reader: reader, then: format) {
                        switch result {
                        case .success(let bytes?): buffer.append(contentsOf: bytes); written += 1
                        case .success(nil): continue
                        case .failure(let e):
                            if skipInvalid { skipped.add(e); continue }
                            try sink(buffer); failure = e
                            return false
                        }
                    }
                    try sink(buffer)
                    progress?(written, consumed)
                    return true
                }
                // With `skipInvalid`, a fault that ends this file's reading (a cut gzip stream, a line over the
                // limit) ends only this file: its lines before the fault are scored, and the run goes on.
                var fault: SlantError? = nil
                do {
                    while true {
                        let next: RawRecord?
                        do { next = try reader.nextRawLine() } catch let e as SlantError where skipInvalid { fault = e; break }
                        guard let l = next else { break }
                        if matched < resumed.count {
                            // Parsed here for its id (skipped records are not scored); a blank line gives no
                            // record, an invalid one what it gave before.
                            let parsed: Record?
                            do { parsed = try reader.parse(l.bytes, line: l.line, number: l.number) } catch let e as SlantError {
                                guard skipInvalid, case .invalidInput = e else { throw e }
                                skipped.add(e); continue
                            }
                            guard let r = parsed else { continue }
                            try skipResumed(r.id) { scorer.score(lines: [l], reader: reader, then: format)[0] }
                            continue
                        }
                        lines.append(l)
                        if lines.count >= perBatch, try !flushLines() { break outer }
                    }
                } catch let e as SlantError {
                    // A read error (a truncated gzip stream): what was read before it is still written.
                    if try flushLines() { failure = e }
                    break outer
                }
                if try !flushLines() { break outer }
                if let fault { skipped.fault(fault) }
                continue
            }
            // (Records read but not yet scored count as consumed: a batch is scored whole.)
            let before = consumed
            defer { consumed = before + reader.bytesRead }
            while true {
                let next: RecordReader.Pending?
                do { next = try reader.nextPending() } catch let e as SlantError {
                    guard skipInvalid else { failure = e; break outer }
                    if case .invalidInput = e { skipped.add(e); continue }
                    // A fault that ends this file's reading (a cut web archive or gzip stream): on to the next file.
                    skipped.fault(e); break
                }
                guard var r = next else { break }
                do {
                    var leftOutAlready = false
                    if case .leftOut = r { leftOutAlready = true }
                    if matched < resumed.count && !leftOutAlready {
                        // Made here for its id (a page read for its article: a page without one gave no line).
                        switch try reader.make(r) {
                        case .leftOut(let why, let uri, let n): r = .leftOut(why, uri: uri, record: n)
                        case .record(let made):
                            try skipResumed(made.id) {
                                switch scorer.score(pending: [(.record(made), reader)], then: format)[0] {
                                case .success(.scored(let bytes)): return .success(bytes)
                                case .success(.leftOut): return .success(nil)
                                case .failure(let e): return .failure(e)
                                }
                            }
                            if case .archived = r { skipped.archives.pages += 1 }
                            continue
                        }
                    }
                    if case .leftOut(let why, let uri, let n) = r {
                        aside.append((batch.count, why, uri, n, reader.path))
                        if aside.count >= 1 << 16, try !flush() { break outer }
                        continue
                    }
                    batch.append((r, reader))
                    consumed = before + reader.bytesRead
                    if batch.count >= perBatch, try !flush() { break outer }
                } catch let e as SlantError {
                    guard skipInvalid, case .invalidInput = e else { failure = e; break outer }
                    skipped.add(e)
                }
            }
        }
        _ = try flush()
        if let failure { throw failure }
        if matched < resumed.count, let r = resume {
            throw SlantError.io(path: r.path, message: "it holds the scores of \(resumed.count) records, but the input gives only \(matched) of them before it ends: it was written from other input; resume with the same input, or score to a new file")
        }
    }
}

extension RecordReader {
    /// Calls `body` with every record of the files, in order. With `skipInvalid`, invalid records are counted in
    /// `report` and reading goes on; otherwise the first one is thrown.
    public static func forEach(_ paths: [String], options: ReaderOptions, skipInvalid: Bool, report: inout SkipReport,
                               _ body: (Record) throws -> Void) throws {
        for p in paths {
            let reader: RecordReader
            do { reader = try RecordReader(path: p, options: options) } catch let e as SlantError {
                guard skipInvalid, case .invalidInput = e else { throw e }
                report.add(e)
                continue
            }
            while true {
                let record: Record?
                do { record = try reader.next() } catch let e as SlantError {
                    guard skipInvalid, case .invalidInput = e else { throw e }
                    report.add(e)
                    continue
                }
                guard let r = record else { break }
                try body(r)   // the body's own errors are never counted as skipped records
            }
        }
    }

    /// Reads every record of the files into memory (training and evaluation), as `forEach`.
    public static func readAll(_ paths: [String], options: ReaderOptions, skipInvalid: Bool, report: inout SkipReport) throws -> [Record] {
        var out: [Record] = []
        try forEach(paths, options: options, skipInvalid: skipInvalid, report: &report) { out.append($0) }
        return out
    }
}

extension TrainingFile {
    /// What a model records about its training files: path, SHA-256 (empty for streams such as stdin, FIFOs and
    /// process substitutions, which cannot be read twice) and how many of `records` came from each.
    public static func describe(_ paths: [String], _ records: [Record]) throws -> [TrainingFile] {
        var counts: [String: Int] = [:]
        for r in records { counts[r.file, default: 0] += 1 }
        return try paths.map { TrainingFile(path: $0, sha256: try SHA256.fileIfRegular($0) ?? "", records: counts[$0] ?? 0) }
    }
}
