import Foundation

/// What a command writes to an output file, as its messages name it.
public enum OutputContent: String, Sendable, Equatable {
    case export, record, release
    case revocationList = "CRL"
    case trustFile = "trust file"
    case auditWitness = "audit witness"
}

/// A file a command writes (`--output`): it appears under its name only once it is whole, owner
/// only (0600). It is written under a temporary name in the same folder (never through a
/// symbolic link), flushed to disk, then linked under its name and the folder flushed. An
/// existing file is left alone unless `replacing` (`--force`), and then the name itself is
/// replaced, never a file a symbolic link there points to; a folder, a block device or a socket is
/// refused. A character device or a pipe (`/dev/stdout`, `/dev/null`, a named pipe), and a name of
/// an open descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`), are written in place, as
/// their user means.
///
/// When writing throws (a refusal, a tampered record, a card pulled), the temporary file is
/// removed and nothing is left under the final name; the temporary files of earlier writes to
/// the same name whose process died (killed, power cut) are removed by the next write.
public struct OutputFile: Sendable {
    public var path: String
    /// Whether an existing file may be replaced.
    public var replacing: Bool
    public var content: OutputContent

    public init(path: String, replacing: Bool = false, content: OutputContent) {
        self.path = path
        self.replacing = replacing
        self.content = content
    }

    /// Runs `body` with a handle on the file, then puts the file in place.
    public func write<T>(_ body: (FileHandle) throws -> T) throws -> T {
        switch try target() {
        case .inPlace: return try writeInPlace(body)
        case .newFile: return try writeWhole(body)
        }
    }

    private enum Target { case inPlace, newFile }

    /// How the name is written, or the refusal of what is there.
    private func target() throws(ExportError) -> Target {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            if errno == ENOENT { return .newFile }
            throw .outputFailed(content: content, path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        let followed = stat(path, &info) == 0
        if followed, Self.namesADescriptor(path) || [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) {
            return .inPlace
        }
        switch link.st_mode & S_IFMT {
        case S_IFDIR: throw .outputRefused(content: content, path: path, kind: "a folder")
        case S_IFBLK: throw .outputRefused(content: content, path: path, kind: "a block device")
        case S_IFSOCK: throw .outputRefused(content: content, path: path, kind: "a socket")
        default:
            guard replacing else { throw .outputExists(content: content, path: path) }
            return .newFile
        }
    }

    /// Whether `path` names one of this process's open descriptors.
    private static func namesADescriptor(_ path: String) -> Bool {
        ["/dev/stdout", "/dev/stderr"].contains(path) || ["/dev/fd/", "/proc/self/fd/"].contains { path.hasPrefix($0) }
    }

    /// Writes straight to the device, pipe or descriptor named.
    private func writeInPlace<T>(_ body: (FileHandle) throws -> T) throws -> T {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportError.outputFailed(content: content, path: path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let result = try body(handle)
            try handle.synchronizeIfPossible()
            return result
        } catch let error as NSError where error.domain == NSCocoaErrorDomain {
            throw ExportError.outputFailed(content: content, path: path, reason: Self.reason(error))
        }
    }

    /// Writes a temporary file, then puts it under the final name.
    private func writeWhole<T>(_ body: (FileHandle) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).partial-"
        Self.removeAbandoned(in: folder, prefix: prefix)
        let partial = url.deletingLastPathComponent().appendingPathComponent("\(prefix)\(getpid())").path
        unlink(partial)
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ExportError.outputFailed(content: content, path: path,
                                           reason: "cannot create a file in \(folder) (check it exists and is writable)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            _ = fchmod(descriptor, 0o600)
            let result = try body(handle)
            try handle.synchronize()
            try place(partial)
            let directory = open(folder, O_RDONLY | O_CLOEXEC)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
            return result
        } catch let error as NSError where error.domain == NSCocoaErrorDomain {
            unlink(partial)
            throw ExportError.outputFailed(content: content, path: path, reason: Self.reason(error))
        } catch {
            unlink(partial)
            throw error
        }
    }

    /// Puts the whole temporary file under the final name: renamed over it when replacing (the
    /// name replaced, a link there not followed), else linked, which fails if a file appeared
    /// there meanwhile.
    private func place(_ partial: String) throws(ExportError) {
        if replacing {
            guard rename(partial, path) == 0 else {
                throw .outputFailed(content: content, path: path, reason: String(cString: strerror(errno)))
            }
            return
        }
        guard link(partial, path) == 0 else {
            if errno == EEXIST { throw .outputExists(content: content, path: path) }
            throw .outputFailed(content: content, path: path, reason: String(cString: strerror(errno)))
        }
        unlink(partial)
    }

    /// The operating system's reason for a failed write (a full disk, a full device).
    private static func reason(_ error: NSError) -> String {
        (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
            ?? error.localizedDescription
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

private extension FileHandle {
    /// Flushes to disk where the file can be (a device or a pipe cannot).
    func synchronizeIfPossible() throws {
        if fsync(fileDescriptor) != 0 && errno != EINVAL && errno != EROFS {
            throw NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                          userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno))])
        }
    }
}
