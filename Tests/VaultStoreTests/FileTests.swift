import Foundation
import GRDB
import Testing
import VaultStore

@Suite("The database file")
struct FileTests {
    @Test func filesAreOwnerOnlyAndTheFolderIsUntouched() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try store.write { try $0.insert(Sample.patient(3)) }
        for file in [folder.database, folder.database + "-wal", folder.database + "-shm"] {
            #expect(try TemporaryFolder.mode(file) == 0o600, "\(file)")
        }
        #expect(try TemporaryFolder.mode(folder.path) == 0o755)
    }

    @Test func filesOpenToOthersAreRefused() throws {
        let folder = try TemporaryFolder()
        do { _ = try folder.store() }
        chmod(folder.database, 0o644)
        #expect(throws: VaultStoreError.exposed(path: folder.database, mode: 0o644)) {
            try SQLiteVaultStore.openExisting(path: folder.database)
        }
    }

    @Test func aReopenedVaultKeepsItsRows() throws {
        let folder = try TemporaryFolder()
        do { try folder.store().write { try $0.insert(Sample.patient(3)) } }
        let store = try SQLiteVaultStore.openExisting(path: folder.database)
        #expect(try store.read { try $0.patients() } == [Sample.patient(3)])
    }

    @Test func aMissingFileIsNotCreatedByOpenExisting() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: VaultStoreError.missing(path: folder.database)) {
            try SQLiteVaultStore.openExisting(path: folder.database)
        }
        #expect(error?.description.contains("There is no vault database at \(folder.database)") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.database))
    }

    @Test func aMissingFolderCannotBeOpened() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/absent/vault.sqlite"
        let error = #expect(throws: VaultStoreError.self) { try SQLiteVaultStore(path: path) }
        guard case .cannotOpen(path, _)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    @Test func anEmptyFileIsNotAVaultToOpenExisting() throws {
        let folder = try TemporaryFolder()
        try folder.write([], to: "vault.sqlite")
        let error = #expect(throws: VaultStoreError.empty(path: folder.database)) {
            try SQLiteVaultStore.openExisting(path: folder.database)
        }
        #expect(error?.description.contains("is empty: it holds no vault") == true)
        #expect(try TemporaryFolder.size(folder.database) == 0)
    }

    @Test("a folder others may write to is refused, at creation and at every open", arguments: [0o777, 0o775, 0o1777])
    func aFolderOthersMayWriteIsRefused(mode: Int) throws {
        let folder = try TemporaryFolder()
        do { _ = try folder.store() }
        chmod(folder.path, mode_t(mode))
        for open in [{ _ = try SQLiteVaultStore.openExisting(path: folder.database) },
                     { _ = try SQLiteVaultStore(path: folder.path + "/other.sqlite") }] as [() throws -> Void] {
            let error = #expect(throws: VaultStoreError.self) { try open() }
            guard case .unsafeFolder(folder.path, let reason)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                continue
            }
            #expect(reason.contains("lets other users create, rename or delete files"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/other.sqlite"))
    }

    @Test func aFolderGivenAsTheVaultSaysSo() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: VaultStoreError.notAFile(path: folder.path, kind: "a folder")) {
            try SQLiteVaultStore.openExisting(path: folder.path)
        }
        #expect(error?.description.contains("is a folder, not a vault file") == true)
    }

    @Test func aGarbageFileIsNotADatabase() throws {
        let folder = try TemporaryFolder()
        try folder.write(Array("Patient record, please keep.\n".utf8) + [UInt8](repeating: 0x5A, count: 8192),
                         to: "vault.sqlite")
        let error = #expect(throws: VaultStoreError.notADatabase(path: folder.database)) {
            try SQLiteVaultStore(path: folder.database)
        }
        #expect(error?.description.contains("restore the vault from a backup") == true)
    }

    @Test func anotherApplicationsDatabaseIsNotAVault() throws {
        let folder = try TemporaryFolder()
        do {
            let other = try DatabaseQueue(path: folder.database)
            try other.write { try $0.execute(sql: "CREATE TABLE note (text TEXT)") }
        }
        chmod(folder.database, 0o600)
        #expect(throws: VaultStoreError.notAVault(path: folder.database)) {
            try SQLiteVaultStore(path: folder.database)
        }
    }

    @Test func aTruncatedDatabaseGivesACorruptionError() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try folder.store()
            try store.write { w throws in
                try Sample.base(w)
                try w.insert(Sample.patient(3))
                try w.insert(Sample.recordVersion(record: 0x30, patient: 3, segments: 64))
                for index in 0..<64 {
                    try w.insert(RecordSegment(recordID: Sample.id(0x30), version: 1, index: index,
                                               ciphertext: [UInt8](repeating: 7, count: 65_536)))
                }
                for n in 10..<200 { try w.insert(Sample.patient(UInt8(n))) }
            }
        }
        let size = try #require(FileManager.default.attributesOfItem(atPath: folder.database)[.size] as? Int)
        #expect(truncate(folder.database, off_t(size / 2)) == 0)
        let error = #expect(throws: VaultStoreError.self) {
            let store = try SQLiteVaultStore.openExisting(path: folder.database)
            try store.read { r throws in
                _ = try r.patients()
                try r.forEachSegment(recordID: Sample.id(0x30), version: 1) { _ in }
            }
        }
        switch error {
        case .corrupt(folder.database, _)?, .notADatabase(folder.database)?: break
        default: Issue.record("unexpected \(String(describing: error))")
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = try TemporaryFolder()
        do { _ = try folder.store() }
        do {
            let raw = try DatabaseQueue(path: folder.database)
            try raw.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 7") }
        }
        let supported = SQLiteVaultStore.schemaVersion
        let error = #expect(throws: VaultStoreError.newerSchema(path: folder.database, found: 7, supported: supported)) {
            try SQLiteVaultStore(path: folder.database)
        }
        #expect(error?.description.contains("is newer than this cpsvault (schema 7 > \(supported)): upgrade cpsvault") == true)
    }
}
