import GRDB
import Testing
@testable import VaultStore

/// SQLite failures that are hard to provoke on a test machine, mapped from their result codes.
@Suite("SQLite errors become vault errors")
struct ErrorMappingTests {
    static let path = "/x/vault.sqlite"

    static let cases: [(ResultCode, VaultStoreError, String)] = [
        (.SQLITE_CORRUPT, .corrupt(path: path, detail: "m"),
         "The vault database /x/vault.sqlite is corrupt (m): restore it from a backup; nothing was written."),
        (.SQLITE_NOTADB, .notADatabase(path: path), "is not a vault database"),
        (.SQLITE_FULL, .diskFull(path: path), "The disk holding the vault database /x/vault.sqlite is full: free some space"),
        (.SQLITE_IOERR_WRITE, .io(path: path, detail: "m"), "check the disk, then retry"),
        (.SQLITE_READONLY, .readOnly(path: path, detail: "m"), "check the permissions of the file and its folder"),
        (.SQLITE_CANTOPEN, .cannotOpen(path: path, detail: "m"), "cannot be opened (m)"),
        (.SQLITE_BUSY, .busy(path: path), "stayed locked by another process"),
        (.SQLITE_CONSTRAINT_UNIQUE, .duplicate(what: "A patient with this identifier"),
         "A patient with this identifier already exists."),
        (.SQLITE_CONSTRAINT_FOREIGNKEY, .missingReference(what: "patient"), "store that first"),
        (.SQLITE_CONSTRAINT_TRIGGER, .refused(rule: "m"), "The vault refused the change because m"),
        (.SQLITE_MISUSE, .failed(path: path, detail: "m"), "failed (m)"),
    ]

    @Test(arguments: cases.indices)
    func mapsResultCode(_ index: Int) {
        let (code, expected, message) = Self.cases[index]
        let error = VaultStoreError(DatabaseError(resultCode: code, message: "m"), path: Self.path, table: Patient.table)
        #expect(error == expected)
        #expect(error.description.contains(message))
    }

    @Test func newerSchemaMessage() {
        #expect(VaultStoreError.newerSchema(path: Self.path, found: 7, supported: 3).description
                == "The vault database /x/vault.sqlite is newer than this cpsvault (schema 7 > 3): upgrade cpsvault; nothing was written.")
    }
}
