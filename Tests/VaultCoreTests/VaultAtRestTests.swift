import CardStackTesting
import Foundation
import GRDB
import Testing
import VaultCore
import VaultCrypto

extension VaultTests {
    /// What an attacker holding the database gets: no plaintext, and no way to make the vault
    /// release wrong data.
    @Suite("Vault at rest and under tampering")
    struct VaultAtRestTests {
        /// A vault with one patient and records, the database written out of the WAL.
        private func populated() throws -> (VaultFixture, VaultSession, PatientID, [RecordSummary]) {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "formulaire signé")
            let small = try physician.care.addRecord(patient: patient, contentType: "text/plain",
                                                from: fixture.file("Diagnostic confidentiel: hypertension"))
            var large = Data()
            for index in 0..<3000 { large.append(Data("ligne \(index) du compte rendu opératoire\n".utf8)) }
            let big = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file(large))
            return (fixture, physician, patient, [small, big])
        }

        @Test("names, INS, address and record texts appear nowhere in the database, its WAL or the folder")
        func nothingInTheClear() throws {
            let (fixture, physician, _, _) = try populated()
            physician.end()
            let secrets = ["Durand", "Camille", "284037512345640", "rue des Lilas", "Diagnostic confidentiel",
                           "compte rendu opératoire", "formulaire signé", "text/plain"]
            let vaultFiles = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path)
                .filter { $0.hasPrefix("vault.sqlite") }
            #expect(vaultFiles.contains("vault.sqlite"))
            for name in vaultFiles {
                let bytes = try Data(contentsOf: fixture.folder.appendingPathComponent(name))
                for secret in secrets {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(name)")
                }
            }
            for name in vaultFiles {
                let mode = try FileManager.default.attributesOfItem(atPath: fixture.folder.appendingPathComponent(name).path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) is \(String(mode ?? 0, radix: 8))")
            }
        }

        @Test("a flipped byte in any segment, a dropped or swapped segment: detected, never wrong plaintext",
              arguments: ["flip first segment", "flip last segment", "drop last segment", "swap segments", "flip header"])
        func tamperedRecord(attack: String) throws {
            let (fixture, physician, patient, records) = try populated()
            let big = records[1]
            let recordID = big.recordID.bytes
            let database = try DatabaseQueue(path: fixture.vault.path)
            try database.write { db in
                for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \"\(trigger)\"")
                }
                let segments = try Row.fetchAll(db, sql: "SELECT * FROM record_segment WHERE record_id = ? ORDER BY idx", arguments: [Data(recordID)])
                #expect(segments.count >= 2)
                func flip(_ index: Int) throws {
                    var bytes: Data = segments[index]["ciphertext"]
                    bytes[bytes.startIndex + bytes.count / 2] ^= 0x01
                    try db.execute(sql: "UPDATE record_segment SET ciphertext = ? WHERE record_id = ? AND idx = ?",
                                   arguments: [bytes, Data(recordID), index])
                }
                switch attack {
                case "flip first segment": try flip(0)
                case "flip last segment": try flip(segments.count - 1)
                case "drop last segment":
                    try db.execute(sql: "DELETE FROM record_segment WHERE record_id = ? AND idx = ?",
                                   arguments: [Data(recordID), segments.count - 1])
                    try db.execute(sql: "UPDATE record_version SET segment_count = segment_count - 1 WHERE record_id = ?",
                                   arguments: [Data(recordID)])
                case "swap segments":
                    let first: Data = segments[0]["ciphertext"], second: Data = segments[1]["ciphertext"]
                    try db.execute(sql: "UPDATE record_segment SET ciphertext = ? WHERE record_id = ? AND idx = 0", arguments: [second, Data(recordID)])
                    try db.execute(sql: "UPDATE record_segment SET ciphertext = ? WHERE record_id = ? AND idx = 1", arguments: [first, Data(recordID)])
                default:
                    var header: Data = try #require(try Row.fetchOne(db, sql: "SELECT header FROM record_version WHERE record_id = ?", arguments: [Data(recordID)]))["header"]
                    header[header.startIndex + 20] ^= 0x80
                    try db.execute(sql: "UPDATE record_version SET header = ? WHERE record_id = ?", arguments: [header, Data(recordID)])
                }
            }
            let url = fixture.folder.appendingPathComponent("out")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            #expect(throws: VaultError.recordTampered(recordID: big.recordID)) {
                try physician.care.readRecord(patient: patient, recordID: big.recordID, to: handle)
            }
            try handle.close()
            let released = try Data(contentsOf: url)
            var original = Data()
            for index in 0..<3000 { original.append(Data("ligne \(index) du compte rendu opératoire\n".utf8)) }
            #expect(original.starts(with: released), "released bytes that are not the record's")
            #expect(try fixture.read(physician, patient: patient, record: records[0].recordID) == Data("Diagnostic confidentiel: hypertension".utf8))
        }

        @Test("a 50 MiB record is sealed and opened segment by segment and comes back byte for byte")
        func largeRecord() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "formulaire signé")
            let size = 50 * 1024 * 1024
            let source = fixture.folder.appendingPathComponent("large.bin")
            FileManager.default.createFile(atPath: source.path, contents: nil)
            let writer = try FileHandle(forWritingTo: source)
            var block = [UInt8](repeating: 0, count: 1 << 20)
            for index in 0..<50 {
                for offset in stride(from: 0, to: block.count, by: 4096) { block[offset] = UInt8(truncatingIfNeeded: index &+ offset >> 12) }
                try writer.write(contentsOf: block)
            }
            try writer.close()
            let added = try physician.care.addRecord(patient: patient, contentType: "application/octet-stream",
                                                from: FileHandle(forReadingFrom: source))
            #expect(added.size == Int64(size))
            let copy = fixture.folder.appendingPathComponent("copy.bin")
            FileManager.default.createFile(atPath: copy.path, contents: nil)
            let output = try FileHandle(forWritingTo: copy)
            try physician.care.readRecord(patient: patient, recordID: added.recordID, to: output)
            try output.close()
            #expect(FileManager.default.contentsEqual(atPath: source.path, andPath: copy.path))
        }

        @Test("two patients' wrapped keys swapped: neither opens, each is reported as tampered, a listing leaves both out")
        func swappedKeys() throws {
            let (fixture, physician, first, _) = try populated()
            var other = VaultFixture.identity
            other.ins = "190057512345622"
            other.familyName = "Martin"
            let second = try physician.care.createPatient(other, hostingConsent: "formulaire signé")
            let database = try DatabaseQueue(path: fixture.vault.path)
            try database.write { db in
                let keys = try Row.fetchAll(db, sql: "SELECT patient_id, wrapped_key FROM key_grant")
                #expect(keys.count == 2)
                let a: Data = keys[0]["wrapped_key"], b: Data = keys[1]["wrapped_key"]
                try db.execute(sql: "UPDATE key_grant SET wrapped_key = ? WHERE patient_id = ?", arguments: [b, keys[0]["patient_id"] as Data])
                try db.execute(sql: "UPDATE key_grant SET wrapped_key = ? WHERE patient_id = ?", arguments: [a, keys[1]["patient_id"] as Data])
            }
            func swapped(_ patient: PatientID) -> VaultError {
                .tampered("the key grant of patient \(patient) does not open with your wallet")
            }
            #expect(throws: swapped(first)) { try physician.care.records(patient: first) }
            #expect(throws: swapped(second)) { try physician.care.patient(ins: other.ins) }
            let listing = try physician.care.patients()
            #expect(listing.isEmpty && Set(listing.tampered) == [first, second])
        }

        @Test("an edited, deleted or reordered audit entry is found by audit verify", arguments: ["edit", "delete", "reorder"])
        func tamperedAudit(attack: String) throws {
            let (fixture, physician, _, _) = try populated()
            physician.end()
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
            let database = try DatabaseQueue(path: fixture.vault.path)
            try database.write { db in
                for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \"\(trigger)\"")
                }
                switch attack {
                case "edit": try db.execute(sql: "UPDATE audit_entry SET outcome = 'granted', reason = '' WHERE sequence = 3")
                case "delete": try db.execute(sql: "DELETE FROM audit_entry WHERE sequence = 3")
                default:
                    try db.execute(sql: "UPDATE audit_entry SET leaf_index = 1000000 WHERE leaf_index = 2")
                    try db.execute(sql: "UPDATE audit_entry SET leaf_index = 2 WHERE leaf_index = 3")
                    try db.execute(sql: "UPDATE audit_entry SET leaf_index = 3 WHERE leaf_index = 1000000")
                }
            }
            let report = try AuditVerifier.verify(fixture.vault)
            #expect(!report.isIntact)
        }
    }
}
