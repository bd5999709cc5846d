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
        if let h = writer.header() { try sink(Array((h + "\n").utf8)) }
        var batch: [Record] = []
        var buffer: [UInt8] = []
        let perBatch = batchSize * scorer.threads
        func flush() throws {
            guard !batch.isEmpty else { return }
            buffer.removeAll(keepingCapacity: true)
            for r in scorer.score(batch: batch) { writer.append(r, to: &buffer) }
            try sink(buffer)
            written += batch.count
            progress?(written, consumed)
            batch.removeAll(keepingCapacity: true)
        }
        var failure: SlantError? = nil
        var written = 0, consumed = 0
        outer: for file in inputs.isEmpty ? [InputFile(path: "-")] : inputs {
            let reader: RecordReader
            do { reader = try RecordReader(path: file.path, options: readerOptions) } catch let e as SlantError { failure = e; break outer }
            reader.name = file.name
            if let report = onPageLeftOut { reader.onPageLeftOut = { report(file.path, $0, $1, $2) } }
            if reader.isLineBased {
                // Lines are split off here; parsing, featurizing and scoring run on the worker threads.
                try flush()
                var lines: [(bytes: [UInt8], line: Int)] = []
                func flushLines() throws -> Bool {
                    buffer.removeAll(keepingCapacity: true)
                    defer { lines.removeAll(keepingCapacity: true) }
                    for l in lines { consumed += l.bytes.count + 1 }
                    // Each record's output line is formatted on the worker that scored it.
                    let w = writer
                    // Room for a typical record's line made once (growing from empty copied it about ten times).
                    for result in scorer.score(lines: lines, reader: reader, then: { r -> [UInt8] in
                        var b: [UInt8] = []
                        b.reserveCapacity(4096)
                        w.append(r, to: &b)
                        return b
                    }) {
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
                do {
                    while let l = try reader.nextRawLine() {
                        lines.append(l)
                        if lines.count >= perBatch, try !flushLines() { break outer }
                    }
                } catch let e as SlantError {
                    // A read error (a truncated gzip stream): what was read before it is still written.
                    if try flushLines() { failure = e }
                    break outer
                }
                if try !flushLines() { break outer }
                continue
            }
            // (Records read but not yet scored count as consumed: a batch is scored whole.)
            let before = consumed
            defer { consumed = before + reader.bytesRead; skipped.archives.merge(reader.archiveTally) }
            while true {
                do {
                    guard let r = try reader.next() else { break }
                    batch.append(r)
                    consumed = before + reader.bytesRead
                    if batch.count >= perBatch { try flush() }
                } catch let e as SlantError {
                    guard skipInvalid, case .invalidInput = e else { failure = e; break outer }
                    skipped.add(e)
                }
            }
        }
        try flush()
        if let failure { throw failure }
        return skipped
    }
}

extension RecordReader {
    /// Calls `body` with every record of the files, in order. With `skipInvalid`, invalid records are counted in
    /// `report` and reading goes on; otherwise the first one is thrown.
    public static func forEach(_ paths: [String], options: ReaderOptions, skipInvalid: Bool, report: inout SkipReport,
                               _ body: (Record) throws -> Void) throws {
        for p in paths {
            let reader = try RecordReader(path: p, options: options)
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
