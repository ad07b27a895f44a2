#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of an SQLite vault, the database and its -wal and -shm companions, kept
/// readable and writable by their owner only; the folder holding them is never changed.
struct SQLiteVaultFiles {
    let path: String

    /// The database and its companions.
    var all: [String] { [path, path + "-wal", path + "-shm"] }

    /// Whether the database file exists.
    var exists: Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Creates the database file owner-only (0600) unless it exists; SQLite then gives the
    /// companions it creates the same mode.
    func createIfMissing() throws(VaultStoreError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
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
            if let mode = try Self.mode(file), mode & 0o077 != 0 {
                throw .exposed(path: file, mode: mode)
            }
        }
    }

    /// Restricts to 0600 any existing file open to group or others (companions SQLite just
    /// created under a loose umask), then checks that it held.
    func restrictToOwner() throws(VaultStoreError) {
        for file in all {
            if let mode = try Self.mode(file), mode & 0o077 != 0, chmod(file, 0o600) != 0 {
                throw .exposed(path: file, mode: mode)
            }
        }
        try checkOwnerOnly()
    }

    /// The permission bits of `file`, or nil if it does not exist.
    private static func mode(_ file: String) throws(VaultStoreError) -> UInt32? {
        var info = stat()
        guard stat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .cannotOpen(path: file, detail: systemError())
        }
        return UInt32(info.st_mode) & 0o7777
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
