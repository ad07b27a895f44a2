import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// Escrow copies, and what the database and the trust files give without a card: nothing.
    @Suite("Escrow and keys without a card")
    struct VaultEscrowTests {
        @Test("a new patient's key is deposited, then settled under the vault key by the next administrator session")
        func depositThenSettle() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let patientID = patient.bytes
            let grantKey = try physician.patientKey(patientID).key
            physician.end()
            let deposited = try fixture.vault.store.read { try $0.escrowKeys(patientID: patientID) }
            #expect(deposited.count == 1 && deposited[0].isDeposit)

            let admin = try fixture.session(.admin1)
            let escrow = try fixture.vault.store.read { try $0.escrowKeys(patientID: patientID) }
            #expect(escrow.count == 1 && !escrow[0].isDeposit)
            let version = try #require(try admin.liveVaultKeyVersions().first { $0.version == escrow[0].vaultKeyVersion })
            #expect(try admin.openVaultKey(version).open(escrow[0]).constantTimeEquals(grantKey))
            #expect(throws: VaultError.self) { try admin.care.records(patient: patient) }
            let status = try admin.administration.administrationStatus()
            #expect(status.keyVersions.map(\.version) == [1])
            #expect(status.keyVersions[0].patientKeys == 1 && status.keyVersions[0].pendingDeposits == 0)
            #expect(status.keyVersions[0].administrators == ["3759999993/ADM0001"])
            #expect(status.administrators == ["3759999993/ADM0001"])
            #expect(throws: VaultError.accessDenied(code: "L1111-8-admin-only", reason: AccessReason.administratorsOnly.explanation)) {
                try fixture.session(.physician1).administration.administrationStatus()
            }
        }

        @Test("with the database and every trust file, but no card, no sealed or wrapped key opens")
        func nothingOpensWithoutACard() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            _ = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            physician.end()
            // Every private key file that is not a card's: the CA keys of the test PKI.
            let keys = try ["root.key.pem", "intermediate.key.pem", "rogue-root.key.pem"].map {
                try RSAPrivateKey(contentsOfPEMFile: TestPKI.file($0))
            }
            let (professionals, sealedVaultKeys, escrow, grants) = try fixture.vault.store.read { reader in
                (try reader.professionals(), try reader.sealedVaultKeys(version: 1),
                 try reader.patients().flatMap { try reader.escrowKeys(patientID: $0.patientID) },
                 try reader.patients().flatMap { try reader.grants(patientID: $0.patientID) })
            }
            for key in keys {
                for enrolment in professionals {
                    let sealed = SealedKey(ciphertext: enrolment.sealedWalletKey, check: enrolment.walletCheck)
                    #expect(throws: (any Error).self) {
                        try sealed.open(purpose: WalletSecret.purpose,
                                        context: KeyContext.wallet(vaultID: fixture.vault.vaultID, holder: enrolment.fingerprint),
                                        decipher: key.decryptPKCS1)
                    }
                }
                for sealedVaultKey in sealedVaultKeys {
                    #expect(throws: (any Error).self) {
                        try SealedKey(encoded: sealedVaultKey.sealedKey, purpose: "vault key").open(
                            purpose: "vault key",
                            context: KeyContext.vaultKey(vaultID: fixture.vault.vaultID, version: 1, holder: sealedVaultKey.holderFingerprint),
                            decipher: key.decryptPKCS1)
                    }
                }
            }
            // Symmetric copies need a key no file holds: a guess never opens them.
            let guess = try SecretBytes(randomCount: 32)
            let versions = try fixture.vault.store.read { try $0.vaultKeyVersions() }
            for copy in escrow where !copy.isDeposit {
                let version = try #require(versions.first { $0.version == copy.vaultKeyVersion })
                #expect(throws: (any Error).self) {
                    try OpenedVaultKey(version: version, key: guess, vaultID: fixture.vault.vaultID).open(copy)
                }
            }
            for grant in grants {
                #expect(throws: CryptoError.self) {
                    try KeyWrap.unwrap(grant.wrappedKey, with: guess, context: KeyContext.patientKey(
                        vaultID: fixture.vault.vaultID, patientID: grant.patientID, keyVersion: grant.keyVersion, holder: grant.fingerprint))
                }
            }
            #expect(!grants.isEmpty && !professionals.isEmpty && !sealedVaultKeys.isEmpty)
        }
    }
}
