import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// `VaultSession.rekey`: a new patient key, every record version resealed under it, the old
    /// key's copies gone, through the real card stack.
    @Suite("Rekeying a patient")
    struct VaultRekeyTests {
        static let nurse = "0756012345"
        static let physician2 = "810003456782"

        /// A patient of physician-1 with three record versions (one of four segments), granted to
        /// the nurse (pending) and to physician-2, who opens it, keeps the key, and is then opposed.
        struct Scenario {
            let fixture: VaultFixture
            let patient: PatientID
            let patientID: [UInt8]
            /// Record id, version, content.
            let records: [(RecordID, Int, Data)]
            let keptKey: SecretBytes
        }

        static func scenario() throws -> Scenario {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let big = Data((0..<(3 * 65_536 + 100)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
            let note = Data("Consultation du 3 mars".utf8), corrected = Data("Consultation du 3 mars, corrigée".utf8)
            let first = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file(note))
            let scan = try physician.care.addRecord(patient: patient, contentType: "application/octet-stream", from: fixture.file(big))
            _ = try physician.care.addRecord(patient: patient, recordID: first.recordID, contentType: "text/plain", from: fixture.file(corrected))
            try physician.care.grant(patient: patient, to: nurse)
            try physician.care.grant(patient: patient, to: physician2)
            physician.end()
            let patientID = patient.bytes
            let opposed = try fixture.session(.physician2)
            let keptKey = try opposed.patientKey(patientID).key
            opposed.end()
            try fixture.session(.physician1).care.recordOpposition(patient: patient, against: physician2, statement: "refus exprimé")
            return Scenario(fixture: fixture, patient: patient, patientID: patientID,
                            records: [(first.recordID, 1, note), (scan.recordID, 1, big), (first.recordID, 2, corrected)],
                            keptKey: keptKey)
        }

        /// Every stored byte string of the patient that a rekey must not leave behind.
        static func keyMaterial(_ vault: Vault, _ patientID: [UInt8]) throws -> [[UInt8]] {
            try vault.store.read { reader in
                var found = try reader.escrowKeys(patientID: patientID).map(\.wrappedKey)
                    + reader.grants(patientID: patientID).map(\.wrappedKey)
                    + reader.pendingGrants(patientID: patientID).map(\.sealedKey)
                for version in try reader.recordVersions(patientID: patientID) {
                    try reader.forEachSegment(recordID: version.recordID, version: version.version) { found.append($0.ciphertext) }
                }
                return found
            }
        }

        /// Whether `needle` (a 32-byte slice of it) appears in the database file or its WAL.
        static func onDisk(_ needle: [UInt8], _ vault: Vault) throws -> Bool {
            let slice = Data(needle[needle.count / 2 - 16 ..< needle.count / 2 + 16])
            return try [vault.path, vault.path + "-wal"].contains { file in
                guard FileManager.default.fileExists(atPath: file) else { return false }
                return try Data(contentsOf: URL(fileURLWithPath: file)).range(of: slice) != nil
            }
        }

        @Test("every record version is resealed and opens byte for byte; the old key's copies are gone, on disk too")
        func rekeyReseals() throws {
            let scenario = try Self.scenario()
            let fixture = scenario.fixture
            let before = try Self.keyMaterial(fixture.vault, scenario.patientID)
            #expect(try before.allSatisfy { try Self.onDisk($0, fixture.vault) }, "the search finds what is stored")
            let admin = try fixture.administratorSession()
            #expect(try admin.administration.administrationStatus().pendingRekeys == 1)
            var steps: [RekeyStep.Kind] = []
            let reports = try admin.administration.rekeyPending { steps.append($0.step) }
            #expect(reports.count == 1)
            #expect(reports.first?.keyVersion == 2 && reports.first?.resealedRecordVersions == 3 && reports.first?.resumed == false)
            #expect(reports.first?.keyHolders == 2)
            #expect(steps == [.started, .resealed, .resealed, .resealed, .finished])

            let (versions, escrow, grants, pending, queued) = try fixture.vault.store.read { reader in
                (try reader.recordVersions(patientID: scenario.patientID), try reader.escrowKeys(patientID: scenario.patientID),
                 try reader.grants(patientID: scenario.patientID), try reader.pendingGrants(patientID: scenario.patientID),
                 try reader.pendingRekeys())
            }
            #expect(versions.count == 3 && versions.allSatisfy { $0.keyVersion == 2 })
            #expect(escrow.map(\.keyVersion) == [2])
            #expect((grants.map(\.keyVersion) + pending.map(\.keyVersion)).allSatisfy { $0 == 2 })
            #expect(queued.isEmpty)
            for material in before {
                #expect(try !Self.onDisk(material, fixture.vault), "an old key copy or ciphertext is still on disk")
            }

            let physician = try fixture.session(.physician1)
            for (record, version, content) in scenario.records {
                #expect(try fixture.read(physician, patient: scenario.patient, record: record, version: version) == content)
            }
            #expect(try physician.care.patients().map(\.identity) == [VaultFixture.identity])
            // The consent and objection history was resealed too: the restitution carries the opposition's statement.
            let afterRekey = try ExportFixture.destination(fixture, "after-rekey.cms")
            _ = try physician.exports.exportRestitution(patient: scenario.patient, to: afterRekey, namedRecipients: afterRekey.recipients)
            let archive = try ExportFixture.open(fixture.folder.appendingPathComponent("after-rekey.cms").path)
            #expect(archive.range(of: Data("refus exprimé".utf8)) != nil)
            physician.end()
            let nurse = try fixture.session(.nurse)
            #expect(try fixture.read(nurse, patient: scenario.patient, record: scenario.records[1].0) == scenario.records[1].2)
            nurse.end()

            // The opposed physician's kept key opens neither the resealed records nor the identity.
            for row in versions {
                for keyVersion in [1, 2] {
                    #expect(throws: CryptoError.self) {
                        let context = RecordContext(vaultID: fixture.vault.vaultID, patientID: scenario.patientID, recordID: row.recordID,
                                                    recordVersion: UInt32(row.version), keyVersion: UInt32(keyVersion),
                                                    contentType: "text/plain")
                        _ = try RecordOpener(patientKey: scenario.keptKey, context: context, header: RecordHeader(parsing: row.header))
                    }
                }
            }
            let identity = try #require(try fixture.vault.store.read { try $0.patient(id: scenario.patientID) }).identity
            #expect(throws: CryptoError.self) {
                try SealedBlob.open(identity, key: scenario.keptKey, context: physician.identityContext(scenario.patientID, keyVersion: 2))
            }
            let opposed = try fixture.session(.physician2)
            #expect(throws: VaultError.self) { try fixture.read(opposed, patient: scenario.patient, record: scenario.records[0].0) }
            opposed.end()

            let log = try admin.auditTrail.auditEntries(AuditQuery(patientID: scenario.patient, action: "admin.rekey"))
            #expect(log.count == 5 && log.allSatisfy { $0.outcome == "granted" })
            #expect(!log.contains { $0.reason.contains("Consultation") || $0.reason.contains("Durand") })
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
        }

        @Test("while a rekey runs, older record versions still open and new records are sealed under the new key")
        func readingAndWritingDuringARekey() throws {
            let scenario = try Self.scenario()
            let fixture = scenario.fixture
            let physician = try fixture.session(.physician1)
            let admin = try fixture.administratorSession()
            var readDuring: [Data] = []
            var addedDuring: RecordSummary?
            var failures: [String] = []
            _ = try admin.administration.rekey(patient: scenario.patient) { step in
                do {
                    switch step.step {
                    case .started:
                        // The key has moved, nothing is resealed yet: the records are all on version 1.
                        readDuring.append(try fixture.read(physician, patient: scenario.patient, record: scenario.records[1].0))
                        addedDuring = try physician.care.addRecord(patient: scenario.patient, contentType: "text/plain",
                                                              from: fixture.file("Écrit pendant le changement de clé"))
                    case .resealed where step.resealed == 1:
                        readDuring.append(try fixture.read(physician, patient: scenario.patient, record: scenario.records[0].0, version: 1))
                        readDuring.append(try fixture.read(physician, patient: scenario.patient, record: scenario.records[0].0, version: 2))
                        #expect(try physician.care.records(patient: scenario.patient).count == 3)
                    default: break
                    }
                } catch {
                    failures.append("\(step.step): \(error)")
                }
            }
            #expect(failures.isEmpty, "\(failures)")
            #expect(readDuring == [scenario.records[1].2, scenario.records[0].2, scenario.records[2].2])
            let added = try #require(addedDuring)
            let row = try #require(try fixture.vault.store.read { try $0.recordVersion(recordID: added.recordID.bytes, version: 1) })
            #expect(row.keyVersion == 2)
            #expect(try fixture.read(physician, patient: scenario.patient, record: added.recordID) == Data("Écrit pendant le changement de clé".utf8))
            #expect(try fixture.vault.store.read { try $0.recordVersions(patientID: scenario.patientID) }.allSatisfy { $0.keyVersion == 2 })
        }

        @Test("an opposition while a rekey runs queues another behind it; a professional cannot rekey")
        func oppositionDuringARekey() throws {
            let scenario = try Self.scenario()
            let fixture = scenario.fixture
            let physician = try fixture.session(.physician1)
            let admin = try fixture.administratorSession()
            _ = try admin.administration.rekey(patient: scenario.patient) { step in
                if step.step == .started {
                    _ = try? physician.care.recordOpposition(patient: scenario.patient, against: Self.nurse, statement: "refus")
                }
            }
            #expect(try fixture.vault.store.read { try $0.pendingRekeys() }.map(\.reason) == ["opposition"])
            let second = try admin.administration.rekeyPending()
            #expect(second.map(\.keyVersion) == [3] && second.first?.keyHolders == 1)
            #expect(try fixture.vault.store.read { try $0.pendingRekeys() }.isEmpty)
            #expect(throws: VaultError.accessDenied(code: "L1111-8-admin-only", reason: AccessReason.administratorsOnly.explanation)) {
                try physician.administration.rekey(patient: scenario.patient)
            }
        }
    }
}
