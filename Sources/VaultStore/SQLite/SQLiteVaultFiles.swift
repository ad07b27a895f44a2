#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of an SQLite vault, the database and its -wal and -shm companions, kept
/// readable and writable by their owner only, in a folder no other user may write to (where
/// another user could rename the vault away or plant a companion); the folder is never changed.
struct SQLiteVaultFiles {
    let path: String

    /// The database and its companions.
    var all: [String] { [path, path + "-wal", path + "-shm"] }

    /// Whether the database file exists.
    var exists: Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Refuses a place where the vault would not be the user's alone: a folder given as the
    /// vault, a folder holding it that is missing, belongs to another user (root aside) or that
    /// group or others may write to, and a database or companion that belongs to another user.
    func checkPlace() throws(VaultStoreError) {
        if let info = try Self.status(path), info.st_mode & S_IFMT == S_IFDIR {
            throw .notAFile(path: path, kind: "a folder")
        }
        let folder = Self.folder(of: path)
        guard let info = try Self.status(folder) else {
            throw .cannotOpen(path: path, detail: "its folder \(folder) does not exist")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotOpen(path: path, detail: "\(folder) is not a folder")
        }
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            throw .unsafeFolder(path: folder, reason: "it belongs to user \(info.st_uid), who could rename or replace the vault")
        }
        guard UInt32(info.st_mode) & 0o022 == 0 else {
            throw .unsafeFolder(path: folder, reason: "its mode \(String(UInt32(info.st_mode) & 0o7777, radix: 8)) lets other users create, rename or delete files in it")
        }
        for file in all {
            if let info = try Self.status(file), info.st_uid != getuid() {
                throw .unsafeFolder(path: folder, reason: "\(file) belongs to user \(info.st_uid), not to you")
            }
        }
    }

    /// Refuses an existing database file that is empty: it holds no vault.
    func checkNotEmpty() throws(VaultStoreError) {
        if let info = try Self.status(path), info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 {
            throw .empty(path: path)
        }
    }

    /// Creates the database file owner-only (0600) unless it exists; SQLite then gives the
    /// companions it creates the same mode.
    func createIfMissing() throws(VaultStoreError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw .cannotOpen(path: path, detail: Self.systemError())
        }
        defer { close(descriptor) }
        if fchmod(descriptor, 0o600) != 0 {
            throw .cannotOpen(path: path, detail: Self.systemError())
        }
    }

    /// Refuses if any existing file is open to group or others.
    func checkOwnerOnly() throws(VaultStoreError) {
        for file in all {
            if let info = try Self.status(file), UInt32(info.st_mode) & 0o077 != 0 {
                throw .exposed(path: file, mode: UInt32(info.st_mode) & 0o7777)
            }
        }
    }

    /// Restricts to 0600 any existing file open to group or others (companions SQLite just
    /// created under a loose umask), then checks that it held.
    func restrictToOwner() throws(VaultStoreError) {
        for file in all {
            if let info = try Self.status(file), UInt32(info.st_mode) & 0o077 != 0, chmod(file, 0o600) != 0 {
                throw .exposed(path: file, mode: UInt32(info.st_mode) & 0o7777)
            }
        }
        try checkOwnerOnly()
    }

    /// The folder holding `file` (`.` for a bare name).
    private static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// What `stat` says of `file` (links followed), or nil if it does not exist.
    private static func status(_ file: String) throws(VaultStoreError) -> stat? {
        var info = stat()
        guard stat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .cannotOpen(path: file, detail: systemError())
        }
        return info
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
