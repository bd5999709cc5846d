import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files written whole or not at all: model files and HTML reports.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file in the same folder, flushes it to disk, then renames it into place,
    /// so a reader sees the old file or the new one, never a part. An existing target must be a regular file
    /// (never replace /dev/null or a directory); a symbolic link is followed, so the file it points to is
    /// replaced and the link stays. Temporaries left by writers that were killed are removed first.
    /// - Throws: `SlantError.io` naming the path and the reason (a full disk, a missing folder ...).
    public static func write(_ bytes: [UInt8], to requested: String, what: String) throws {
        var path = requested
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) {
            path = String(cString: resolved); free(resolved)
        }
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw SlantError.io(path: requested, message: "cannot write \(what) here: it exists and is not a regular file (a directory, device or pipe)")
        }
        removeStaleTemporaries(of: path)
        let tmp = path + ".tmp.\(getpid())"
        guard let f = fopen(tmp, "wb") else {
            throw SlantError.io(path: requested, message: "cannot write \(what): \(String(cString: strerror(errno)))")
        }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress!, 1, $0.count, f) }
        let flushed = fflush(f) == 0 && fsync(fileno(f)) == 0
        let closed = fclose(f) == 0
        guard n == bytes.count, flushed, closed else {
            let msg = String(cString: strerror(errno))
            unlink(tmp)
            throw SlantError.io(path: requested, message: "writing \(what) failed: \(msg)")
        }
        if rename(tmp, path) != 0 {
            let msg = String(cString: strerror(errno))
            unlink(tmp)
            throw SlantError.io(path: requested, message: "cannot move \(what) into place: \(msg)")
        }
    }

    /// Removes `PATH.tmp.<pid>` files left by writers that were killed (their process no longer exists).
    static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".tmp."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
        }
    }

}
