import Testing
@testable import VaultStore

@Suite("Durable commits")
struct DurabilityTests {
    /// GRDB's pool lowers synchronous to NORMAL on its writer when it turns WAL on; the store
    /// sets FULL again, for a new vault and for one opened again.
    @Test func theWriterSyncsEveryCommit() throws {
        let folder = try TemporaryFolder()
        do { #expect(try folder.store().synchronousSetting() == SQLiteVaultStore.synchronousFull) }
        #expect(try SQLiteVaultStore.openExisting(path: folder.database).synchronousSetting() == SQLiteVaultStore.synchronousFull)
    }
}
