import CardStackTesting
import CPSCard
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// The vault key's life: rotation, retirement, administrators joining and leaving, the
    /// recovery certificate, offline recovery and the two-person rule.
    @Suite("Vault key lifecycle")
    struct VaultKeyLifecycleTests {
        struct Interrupted: Error {}

        /// `count` patients made by physician-1, each with one record; returns their ids and the record ids.
        static func patients(_ count: Int, in fixture: VaultFixture) throws -> [(patient: PatientID, record: RecordID)] {
            let physician = try fixture.session(.physician1)
            defer { physician.end() }
            return try (0..<count).map { index in
                var identity = VaultFixture.identity
                identity.ins = try INS.completing("28403751\(String(format: "%05d", index))").description
                let patient = try physician.care.createPatient(identity, hostingConsent: "signed form")
                let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note \(index)"))
                return (patient, record.recordID)
            }
        }

        static func administrator(_ fixture: VaultFixture, _ card: TestCard = .admin1) throws -> AuthenticatedCard {
            return try fixture.card(card, in: fixture.administrator)
        }

        /// The database file and its write-ahead log, as bytes.
        static func files(of fixture: VaultFixture) throws -> Data {
            let path = fixture.vault.path
            return try [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
                .reduce(into: Data()) { $0.append(try Data(contentsOf: URL(fileURLWithPath: $1))) }
        }

        @Test("a rotation moves every escrow copy to a new version, records still open, and retiring destroys the old one")
        func rotateThenRetire() throws {
            let fixture = try VaultFixture()
            let made = try Self.patients(3, in: fixture)
            let admin = try VaultSession.open(fixture.vault, card: Self.administrator(fixture))
            defer { admin.end() }
            let oldSealed = try fixture.vault.store.read { try $0.sealedVaultKeys(version: 1) }
            let oldDepositKey = try #require(try fixture.vault.store.read { try $0.vaultKeyVersions() }[0].wrappedDepositPrivateKey)

            var reports: [RotationProgress] = []
            let summary = try admin.administration.rotateVaultKey { reports.append($0) }
            #expect(summary == RotationSummary(targetVersion: 2, resumed: false, rewrapped: 3, retirable: [1]))
            #expect(reports.first?.remaining == 3 && reports.last?.remaining == 0 && reports.last?.rewrapped == 3)
            let status = try admin.administration.administrationStatus()
            #expect(status.keyVersions.map(\.patientKeys) == [0, 3])
            #expect(status.keyVersions[1].administrators == ["3759999993/ADM0001"])

            let v2 = try admin.openVaultKey(try #require(try admin.liveVaultKeyVersions().last))
            let physician = try fixture.session(.physician1)
            for (patient, record) in made {
                let patientID = patient.bytes
                let escrow = try fixture.vault.store.read { try $0.escrowKeys(patientID: patientID) }
                #expect(escrow.map(\.vaultKeyVersion) == [2])
                #expect(try v2.open(escrow[0]).constantTimeEquals(physician.patientKey(patientID).key))
                #expect(try fixture.read(physician, patient: patient, record: record).starts(with: Data("Note ".utf8)))
            }
            physician.end()

            #expect(try admin.administration.retireVaultKeys(below: 2) == [1])
            let versions = try fixture.vault.store.read { try $0.vaultKeyVersions() }
            #expect(versions[0].retiredAt != nil && versions[0].wrappedDepositPrivateKey == nil && versions[0].wrappedIndexKey == nil)
            #expect(try fixture.vault.store.read { try $0.sealedVaultKeys(version: 1) }.isEmpty)
            let files = try Self.files(of: fixture)
            for sealed in oldSealed { #expect(files.range(of: Data(sealed.sealedKey)) == nil) }
            #expect(files.range(of: Data(oldDepositKey)) == nil)
            #expect(try admin.administration.administrationStatus().keyVersions[0].retiredAt != nil)
        }

        @Test("retiring is refused while a patient key depends on an old version, and for the current one; an interrupted rotation resumes")
        func retireRefusedThenResume() throws {
            let fixture = try VaultFixture()
            _ = try Self.patients(1, in: fixture)
            let admin = try VaultSession.open(fixture.vault, card: Self.administrator(fixture))
            defer { admin.end() }
            #expect(throws: VaultError.currentVaultKey(version: 1)) { try admin.administration.retireVaultKeys(below: 2) }
            #expect(throws: Interrupted.self) { try admin.administration.rotateVaultKey { _ in throw Interrupted() } }
            #expect(throws: VaultError.vaultKeyInUse(version: 1, patientKeys: 1)) { try admin.administration.retireVaultKeys(below: 2) }
            #expect(throws: VaultError.currentVaultKey(version: 2)) { try admin.administration.retireVaultKeys(below: 3) }
            #expect(try fixture.vault.store.read { try $0.sealedVaultKeys(version: 1) }.count == 1)

            let resumed = try admin.administration.rotateVaultKey()
            #expect(resumed == RotationSummary(targetVersion: 2, resumed: true, rewrapped: 1, retirable: [1]))
            #expect(try admin.administration.retireVaultKeys(below: 2) == [1])
            #expect(try admin.administration.rotateVaultKey().targetVersion == 3)
        }

        @Test("under the two-person rule one card alone is refused, and a second administrator's approval lets the rotation through")
        func twoPersonRule() throws {
            let fixture = try VaultFixture()
            let adminCard = try Self.administrator(fixture)
            let admin = try VaultSession.open(fixture.vault, card: adminCard)
            defer { admin.end() }
            let secondCertificate = try X509Certificate.loadPEMFile(TestCard.admin2.authenticationCertificate.path)[0]
            try admin.administration.enrol(secondCertificate, asAdministrator: true)
            try admin.administration.setTwoPersonRule(true)

            #expect(throws: VaultError.secondAdministratorNeeded(action: "admin.rotate", reason: "no second card approved it")) {
                try admin.administration.rotateVaultKey()
            }
            let own = try AdministratorApproval.approve(fixture.vault, card: adminCard)
            #expect(throws: VaultError.secondAdministratorNeeded(action: "admin.rotate", reason: "the approving card is the operator's own")) {
                try admin.administration.rotateVaultKey(approval: own)
            }
            #expect(try fixture.vault.store.read { try $0.vaultKeyVersions() }.count == 1)

            let second = try fixture.card(.admin2, in: fixture.professional)
            let approval = try AdministratorApproval.approve(fixture.vault, card: second)
            #expect(try admin.administration.rotateVaultKey(approval: approval).targetVersion == 2)
            #expect(throws: VaultError.self) { try admin.administration.setTwoPersonRule(false) }
            #expect(try fixture.vault.twoPersonRule)
            try admin.administration.setTwoPersonRule(false, approval: approval)
            #expect(try !fixture.vault.twoPersonRule)

            let entries = try admin.auditTrail.auditEntries(AuditQuery(action: "admin.rotate"))
            #expect(entries.filter { $0.outcome == "refused" }.count == 2)
            #expect(entries.contains { $0.outcome == "granted" && $0.reason.contains("approved by 3759999993/ADM0002") })
            #expect(try admin.auditTrail.auditEntries(AuditQuery(action: "admin.approve")).count == 2)
        }

        @Test("the offline recovery key makes a new administrator when every card is lost; a wrong key is refused")
        func recovery() throws {
            let fixture = try VaultFixture()
            let made = try Self.patients(1, in: fixture)
            let admin = try VaultSession.open(fixture.vault, card: Self.administrator(fixture))
            let recoveryCertificate = try X509Certificate.loadPEMFile(TestPKI.file("recovery.crt.pem"))[0]
            try admin.administration.replaceRecoveryCertificate(with: recoveryCertificate)
            #expect(try admin.administration.administrationStatus().keyVersions[0].recoverable)
            admin.end()

            let newCard = try fixture.card(.admin2, in: fixture.professional)
            #expect(throws: VaultError.wrongRecoveryKey) {
                try fixture.vault.recover(with: RSAPrivateKey(contentsOfPEMFile: TestCard.admin1.folder.appendingPathComponent("auth.key.pem").path),
                                          administrators: [newCard])
            }
            let recovered = try fixture.vault.recover(with: RSAPrivateKey(contentsOfPEMFile: TestPKI.file("recovery.key.pem")),
                                                      administrators: [newCard])
            #expect(recovered == ["3759999993/ADM0002"])

            let successor = try VaultSession.open(fixture.vault, card: newCard)
            defer { successor.end() }
            #expect(successor.role == .admin)
            let summary = try successor.administration.rotateVaultKey()
            #expect(summary.rewrapped == 1 && summary.targetVersion == 2)
            let v2 = try successor.liveVaultKeyVersions().last!
            #expect(try fixture.vault.store.read { try $0.sealedVaultKeys(version: 2) }
                        .contains { $0.holderKind == .recoveryCertificate })
            // The blind-index key came through the escrow: an INS lookup by a professional this administrator enrols works.
            let pharmacist = try X509Certificate.loadPEMFile(TestCard.pharmacist.authenticationCertificate.path)[0]
            try successor.administration.enrol(pharmacist)
            let patientID = made[0].patient.bytes
            #expect(try fixture.vault.store.read { try $0.patient(id: patientID) }?.blindIndex
                        == WalletSecret(walletKey: SecretBytes(randomCount: 32), indexKey: #require(try successor.openVaultKey(v2).indexKey()))
                            .blindIndex(of: try INS.completing("2840375100000").description))
        }

        @Test("removing an administrator destroys their copies of the vault key; the last one cannot be removed")
        func removeAdministrator() throws {
            let fixture = try VaultFixture()
            let admin = try VaultSession.open(fixture.vault, card: Self.administrator(fixture))
            defer { admin.end() }
            #expect(throws: VaultError.lastAdministrator(nationalID: "3759999993/ADM0001")) {
                try admin.administration.removeProfessional(nationalID: "3759999993/ADM0001")
            }
            let second = try X509Certificate.loadPEMFile(TestCard.admin2.authenticationCertificate.path)[0]
            try admin.administration.enrol(second, asAdministrator: true)
            #expect(try fixture.vault.store.read { try $0.sealedVaultKeys(version: 1) }.count == 2)
            try admin.administration.removeProfessional(nationalID: "3759999993/ADM0002")
            #expect(try fixture.vault.store.read { try $0.sealedVaultKeys(version: 1) }.map(\.holderFingerprint)
                        == [adminFingerprint(fixture)])
            #expect(throws: VaultError.notEnrolled(nationalID: "3759999993/ADM0002")) { try fixture.session(.admin2) }
        }

        private func adminFingerprint(_ fixture: VaultFixture) throws -> [UInt8] {
            try X509Certificate.loadPEMFile(TestCard.admin1.authenticationCertificate.path)[0].sha256Fingerprint
        }
    }
}
