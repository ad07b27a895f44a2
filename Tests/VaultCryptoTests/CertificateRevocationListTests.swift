import Foundation
import Testing
import VaultCrypto

@Suite struct CertificateRevocationListTests {
    @Test func intermediateCRLListsTheRevokedCardOnly() throws {
        let crl = try CertificateRevocationList.loadFile(TestPKI.path("intermediate.crl.pem"))
        #expect(crl.issuer == (try TestPKI.intermediate().subject))
        let revoked = try #require(crl.revocationDate(of: TestPKI.authenticationCertificate(of: "revoked")))
        #expect(revoked <= crl.thisUpdate)
        #expect(crl.revocationDate(of: try TestPKI.certificate("cards/revoked/sign.crt.pem")) != nil)
        #expect(crl.revocationDate(of: try TestPKI.authenticationCertificate(of: "physician-1")) == nil)
    }

    @Test func nextUpdateIsAYearAfterThisUpdate() throws {
        let crl = try CertificateRevocationList.loadFile(TestPKI.path("root.crl.pem"))
        let nextUpdate = try #require(crl.nextUpdate)
        #expect(abs(nextUpdate.timeIntervalSince(crl.thisUpdate) - 365 * 86_400) < 60)
    }

    @Test func signatureIsCheckedAgainstTheIssuer() throws {
        let crl = try CertificateRevocationList.loadFile(TestPKI.path("intermediate.crl.pem"))
        #expect(crl.isSigned(by: try TestPKI.intermediate()))
        #expect(!crl.isSigned(by: try TestPKI.root()))
        #expect(!crl.isSigned(by: try TestPKI.rogueRoot()))
    }

    @Test func certificateFileIsNotACRL() throws {
        let path = try TestPKI.path("root.crt.pem")
        #expect(throws: CryptoError.self) { try CertificateRevocationList.loadFile(path) }
        #expect(throws: CryptoError.self) { try CertificateRevocationList(derEncoded: TestPKI.root().derEncoded) }
    }
}
