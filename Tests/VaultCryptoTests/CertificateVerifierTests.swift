import Foundation
import Testing
import VaultCrypto

@Suite struct CertificateVerifierTests {
    let verifier: CertificateVerifier

    /// The checks a card session makes on an authentication certificate.
    init() throws {
        verifier = CertificateVerifier(
            trustAnchors: [try TestPKI.root()],
            intermediates: [try TestPKI.intermediate()],
            policies: [
                ValidityPolicy(),
                RevocationPolicy(crls: try TestPKI.crls()),
                KeyUsagePolicy(requiring: [.digitalSignature, .keyEncipherment]),
            ])
    }

    @Test(arguments: ["physician-1", "physician-2", "nurse", "pharmacist", "midwife", "admin-1", "admin-2"])
    func validCardIsAccepted(card: String) throws {
        let leaf = try TestPKI.authenticationCertificate(of: card)
        let chain = try verifier.verify(leaf)
        #expect(chain.certificates == [leaf, try TestPKI.intermediate(), try TestPKI.root()])
        #expect(chain.leaf == leaf)
        #expect(chain.anchor == (try TestPKI.root()))
    }

    @Test func intermediateMayComeWithTheLeaf() throws {
        let verifier = CertificateVerifier(trustAnchors: [try TestPKI.root()], policies: [ValidityPolicy()])
        let leaf = try TestPKI.authenticationCertificate(of: "nurse")
        #expect(throws: CertificateRejection.untrustedIssuer(subject: leaf.subject.description)) { try verifier.verify(leaf) }
        #expect(try verifier.verify(leaf, untrustedIntermediates: [TestPKI.intermediate()]).certificates.count == 3)
    }

    @Test(arguments: ["expired", "revoked", "untrusted", "no-key-usage"])
    func brokenCardIsRejectedForItsOwnReason(card: String) throws {
        let leaf = try TestPKI.authenticationCertificate(of: card)
        let subject = leaf.subject.description
        let expected: CertificateRejection = switch card {
        case "expired": .expired(subject: subject, notAfter: leaf.notAfter)
        case "revoked":
            .revoked(subject: subject, serial: leaf.serialNumber.map { String(format: "%02X", $0) }.joined(),
                     on: try #require(try TestPKI.crls()[1].revocationDate(of: leaf)))
        case "untrusted": .untrustedIssuer(subject: subject)
        default: .missingKeyUsage(subject: subject, required: "digitalSignature, keyEncipherment")
        }
        #expect(throws: expected) { try verifier.verify(leaf) }
    }

    @Test func untrustedCardStaysUntrustedWhenItsRootIsOffered() throws {
        let leaf = try TestPKI.authenticationCertificate(of: "untrusted")
        #expect(throws: CertificateRejection.untrustedIssuer(subject: leaf.subject.description)) {
            try verifier.verify(leaf, untrustedIntermediates: [TestPKI.rogueRoot()])
        }
    }

    @Test func tamperedCertificateHasAnInvalidSignature() throws {
        var der = try TestPKI.authenticationCertificate(of: "physician-1").derEncoded
        der[der.count - 1] ^= 0x01
        let tampered = try X509Certificate(derEncoded: der)
        #expect(throws: CertificateRejection.invalidSignature(subject: tampered.subject.description)) {
            try verifier.verify(tampered)
        }
    }

    @Test func staleCRLLeavesRevocationUnknown() throws {
        let leaf = try TestPKI.authenticationCertificate(of: "physician-1")
        let nextUpdate = try #require(try TestPKI.crls()[1].nextUpdate)
        let error = #expect(throws: CertificateRejection.self) {
            try verifier.verify(leaf, at: nextUpdate.addingTimeInterval(86_400))
        }
        guard case .revocationUnknown(let issuer, let reason) = error else {
            Issue.record("expected revocationUnknown, got \(String(describing: error))")
            return
        }
        #expect(issuer == (try TestPKI.intermediate().subject.description))
        #expect(reason.contains("stale"))
        #expect(error?.description.contains("cpsvault trust refresh") == true)
    }

    @Test func missingCRLLeavesRevocationUnknown() throws {
        let verifier = CertificateVerifier(
            trustAnchors: [try TestPKI.root()], intermediates: [try TestPKI.intermediate()],
            policies: [RevocationPolicy(crls: [try CertificateRevocationList.loadFile(TestPKI.path("root.crl.pem"))])])
        let error = #expect(throws: CertificateRejection.self) {
            try verifier.verify(TestPKI.authenticationCertificate(of: "physician-1"))
        }
        #expect(error == .revocationUnknown(issuer: try TestPKI.intermediate().subject.description,
                                            reason: "no CRL from this authority is installed"))
    }

    @Test func certificateNotYetValidIsRejected() throws {
        let leaf = try TestPKI.authenticationCertificate(of: "physician-1")
        #expect(throws: CertificateRejection.notYetValid(subject: leaf.subject.description, notBefore: leaf.notBefore)) {
            try verifier.verify(leaf, at: leaf.notBefore.addingTimeInterval(-60))
        }
    }

    @Test func signatureCertificateLacksAuthenticationUsages() throws {
        let leaf = try TestPKI.certificate("cards/physician-1/sign.crt.der")
        #expect(throws: CertificateRejection.missingKeyUsage(subject: leaf.subject.description,
                                                            required: "digitalSignature, keyEncipherment")) {
            try verifier.verify(leaf)
        }
    }

    @Test func descriptionsNameTheCertificateAndWhatToDo() throws {
        let leaf = try TestPKI.authenticationCertificate(of: "expired")
        let description = CertificateRejection.expired(subject: leaf.subject.description, notAfter: leaf.notAfter).description
        #expect(description.contains("CN=810006789015"))
        #expect(description.contains("renewed card"))
    }
}
