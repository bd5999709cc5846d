// libFuzzer target: slant-report's reader of scored lines and the aggregation behind it (actor merging, date
// periods), as `CorpusReport.add` sees one line; every 256th input also makes the tables and the page, then
// starts a fresh report (so each run stays fast). Built into one module with the library sources by Fuzz/run.sh.
func freshReport() -> CorpusReport {
    var o = ReportOptions()
    o.by = "source"; o.time = "date"; o.every = .week; o.track = 64; o.bootstrap = 20
    return CorpusReport(options: o)
}
nonisolated(unsafe) var fuzzReport = freshReport()
nonisolated(unsafe) var fuzzRuns = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReportLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? fuzzReport.add(line: UnsafeBufferPointer(start: data, count: size), file: "fuzz", lineNumber: 1)
    fuzzRuns += 1
    if fuzzRuns % 256 == 0 {
        let r = fuzzReport.result(inputs: ["fuzz"])
        _ = ReportTables.json(r)
        _ = ReportPage.render(r, title: "fuzz", generated: "")
        fuzzReport = freshReport()
    }
    return 0
}
