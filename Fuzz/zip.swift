import Foundation
#if canImport(Glibc)
import Glibc
#endif

// libFuzzer target: ZIP archives read as the folders they unpack to (`ZipInputs`, `InputFiles`, `ZipArchive`, and
// `RecordReader` on each listed file: text, JSONL, gzip, Word, PDF and web pages inside). The input is written as
// an archive under a fresh name (the archive read last is kept by path and file identity) and expanded as a
// command's argument; each file it lists is read to its end. Reading may refuse the input, never crash; every
// listed file is a path through the archive that names no file outside it. Built into one module with the
// library sources by Fuzz/run.sh.
nonisolated(unsafe) private var folder: String = {
    var t = Array("/tmp/slant-fuzz-zip-XXXXXX".utf8CString)
    guard let p = mkdtemp(&t) else { fatalError("mkdtemp") }
    atexit { _ = rmdir(folder) }
    return String(cString: p)
}()
nonisolated(unsafe) private var runs = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runs += 1
    let path = folder + "/\(runs % 1000)-in.zip"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { fatalError("cannot write \(path)") }
    defer { unlink(path) }
    guard let expansion = try? InputFiles.expand([path]) else { return 0 }
    var options = ReaderOptions()
    options.maxRecordBytes = 1 << 16
    for file in expansion.files {
        precondition(file.path.hasPrefix(path + "/"), "a listed file is inside the archive: \(file.path)")
        let member = String(file.path.dropFirst(path.count + 1))
        precondition(!member.hasPrefix("/") && !member.split(separator: "/").contains(".."), "no path outside the archive: \(member)")
        guard let reader = try? RecordReader(path: file.path, options: options) else { continue }
        reader.name = file.name
        var n = 0
        while n < 10_000 {
            guard (try? reader.next()) != nil else { break }
            n += 1
        }
    }
    return 0
}
