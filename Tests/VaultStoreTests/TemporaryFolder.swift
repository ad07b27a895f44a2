import Foundation
@testable import VaultStore

/// A fresh folder (mode 0755) removed at the end of the test, holding at most one vault.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() throws {
        path = try Self.make()
    }

    private static func make() throws -> String {
        let template = FileManager.default.temporaryDirectory.path + "/cpsvault-store-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else { throw CocoaError(.fileWriteUnknown) }
        let path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Where the vault database goes.
    var database: String { path + "/vault.sqlite" }

    /// A new vault in this folder.
    func store() throws -> SQLiteVaultStore {
        try SQLiteVaultStore(path: database)
    }

    /// Writes `bytes` to `name` in this folder, owner-only.
    func write(_ bytes: [UInt8], to name: String) throws {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    }

    /// The permission bits of `file`.
    static func mode(_ file: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? -1
    }

    /// The size of `file` in bytes.
    static func size(_ file: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? -1
    }
}
