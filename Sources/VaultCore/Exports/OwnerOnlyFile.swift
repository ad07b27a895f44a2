import Foundation

/// A file that appears under its name only once it is whole: written owner-only (0600) under a
/// temporary name in the same folder, flushed to disk, then renamed, and the folder flushed.
/// When writing throws (a refusal, a tampered record, a card pulled), the temporary file is
/// removed and nothing is left under the final name; the temporary files of earlier writes to
/// the same name whose process died (killed, power cut) are removed by the next write.
public enum OwnerOnlyFile {
    /// Runs `body` with a handle on the temporary file, then puts the file in place.
    public static func write<T>(at path: String, _ body: (FileHandle) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).partial-"
        removeAbandoned(in: folder, prefix: prefix)
        let partial = url.deletingLastPathComponent().appendingPathComponent("\(prefix)\(getpid())").path
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ExportError.outputFailed(path: path, reason: "cannot create a file in \(folder) (check it exists and is writable)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            defer { try? handle.close() }
            let result = try body(handle)
            try handle.synchronize()
            guard rename(partial, path) == 0 else {
                throw ExportError.outputFailed(path: path, reason: String(cString: strerror(errno)))
            }
            let directory = open(folder, O_RDONLY)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
            return result
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Removes the files `prefix` + process id in `folder` whose process no longer runs.
    private static func removeAbandoned(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
