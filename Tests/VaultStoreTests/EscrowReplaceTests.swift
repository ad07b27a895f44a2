import Testing
import VaultStore

@Suite("Replacing an escrow copy only if it is still stored")
struct EscrowReplaceTests {
    static let stored = Sample.escrowKey(patient: 3)
    static let rewrapped = EscrowKey(patientID: Sample.id(3), keyVersion: 1, vaultKeyVersion: 2, wrappedKey: Sample.blob(0x33, 61))

    /// A vault with key versions 1 and 2 and patient 3's escrow copy under version 1.
    static func store(_ folder: borrowing TemporaryFolder) throws -> SQLiteVaultStore {
        let store = try folder.store()
        try store.write { w in
            try Sample.base(w)
            try w.insert(Sample.vaultKeyVersion(2))
            try w.insert(Sample.patient(3))
            try w.insert(stored)
        }
        return store
    }

    @Test func anUnchangedCopyIsReplaced() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        #expect(try store.write { try $0.replaceEscrowKey(Self.stored, with: Self.rewrapped) })
        #expect(try store.read { try $0.escrowKeys(patientID: Sample.id(3)) } == [Self.rewrapped])
    }

    @Test func aCopyChangedMeanwhileIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let changed = EscrowKey(patientID: Sample.id(3), keyVersion: 1, vaultKeyVersion: 1, wrappedKey: Sample.blob(0x44, 61))
        try store.write { try $0.updateEscrowKey(changed) }
        #expect(try !store.write { try $0.replaceEscrowKey(Self.stored, with: Self.rewrapped) })
        #expect(try store.read { try $0.escrowKeys(patientID: Sample.id(3)) } == [changed])
    }

    @Test func aCopyDeletedMeanwhileStaysDeleted() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        try store.write { try $0.deleteKeys(patientID: Sample.id(3)) }
        #expect(try !store.write { try $0.replaceEscrowKey(Self.stored, with: Self.rewrapped) })
        #expect(try store.read { try $0.escrowKeys(patientID: Sample.id(3)) }.isEmpty)
    }
}
