import Foundation
import Testing
import VaultCrypto

@Suite struct X509CertificateTests {
    @Test func cardCertificateFieldsAreParsed() throws {
        let certificate = try TestPKI.authenticationCertificate(of: "physician-1")
        #expect(certificate.subject.commonName == "810002345671")
        #expect(certificate.subject.title == "Médecin")
        #expect(certificate.subject.surname == "Lefèvre")
        #expect(certificate.subject.givenName == "Hélène")
        #expect(certificate.subject.country == "FR")
        #expect(certificate.subject.organization == nil)
        #expect(certificate.subject.description == "CN=810002345671,GN=Hélène,SN=Lefèvre,title=Médecin,C=FR")
        #expect(certificate.issuer.commonName == "TEST AC IGC-SANTE FORT PERSONNES")
        #expect(certificate.issuer.organizationalUnits == ["IGC-SANTE TEST"])
        #expect(certificate.keyUsage == [.digitalSignature, .keyEncipherment])
        #expect(!certificate.isCertificateAuthority)
        #expect(certificate.notBefore < Date() && Date() < certificate.notAfter)
        #expect(!certificate.serialNumber.isEmpty && certificate.serialNumber.first != 0)
        #expect(certificate.sha256Fingerprint == Digest.sha256(certificate.derEncoded))
        #expect(certificate.publicKey.modulusByteCount == 256)
    }

    @Test func establishmentCardCarriesTheEstablishmentAndASlashInItsId() throws {
        let subject = try TestPKI.authenticationCertificate(of: "admin-1").subject
        #expect(subject.commonName == "3759999993/ADM0001")
        #expect(subject.title == "Personnel d'établissement")
        #expect(subject.organization == "TEST CENTRE HOSPITALIER DE SAINT-AUBIN")
    }

    @Test func signatureCertificateHasOnlyNonRepudiation() throws {
        let certificate = try TestPKI.certificate("cards/physician-1/sign.crt.pem")
        #expect(certificate.keyUsage == .nonRepudiation)
    }

    @Test func rootIsACertificateAuthority() throws {
        let root = try TestPKI.root()
        #expect(root.isCertificateAuthority)
        #expect(root.keyUsage == [.keyCertSign, .cRLSign])
        #expect(root.subject == root.issuer)
        #expect(root.subject.description == "CN=TEST AC RACINE IGC-SANTE FORT,OU=IGC-SANTE TEST,O=TEST ASIP-SANTE,C=FR")
    }

    @Test func pemAndDERFilesGiveTheSameCertificate() throws {
        let pem = try TestPKI.certificate("cards/nurse/auth.crt.pem")
        let der = try TestPKI.certificate("cards/nurse/auth.crt.der")
        #expect(pem == der)
        #expect(Set([pem, der]).count == 1)
        #expect(try X509Certificate(derEncoded: der.derEncoded) == der)
    }

    @Test func everyCertificateOfAPEMBundleIsRead() throws {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID()).pem").path
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let parts = try ["intermediate.crt.pem", "cards/nurse/auth.key.pem", "root.crt.pem"]
            .map { try String(contentsOfFile: TestPKI.path($0), encoding: .utf8) }
        try parts.joined().write(toFile: bundle, atomically: true, encoding: .utf8)
        #expect(try X509Certificate.loadPEMFile(bundle) == [TestPKI.intermediate(), TestPKI.root()])
    }

    @Test(arguments: [
        ("empty", []),
        ("not DER", Array("hello".utf8)),
        ("trailing byte", nil),
        ("truncated", nil),
    ] as [(String, [UInt8]?)])
    func malformedDERThrows(label: String, bytes: [UInt8]?) throws {
        let valid = try TestPKI.root().derEncoded
        let input = bytes ?? (label == "trailing byte" ? valid + [0] : Array(valid.dropLast(10)))
        #expect(throws: CryptoError.self) { try X509Certificate(derEncoded: input) }
    }

    @Test func missingFileIsReportedAsMissing() throws {
        let path = try TestPKI.path("no-such.crt.pem")
        #expect(throws: CryptoError.fileNotFound(path: path)) { try X509Certificate.loadPEMFile(path) }
    }

    @Test func pemFileWithoutCertificateThrows() throws {
        let path = try TestPKI.path("cards/nurse/auth.key.pem")
        let error = #expect(throws: CryptoError.self) { try X509Certificate.loadPEMFile(path) }
        #expect(error?.description.contains(path) == true)
    }

    @Test(arguments: [
        ([("C", "FR", 0), ("O", "x+y", 1), ("CN", "a,b", 2)], "CN=a\\,b,O=x\\+y,C=FR"),
        ([("C", "FR", 0), ("CN", " lead", 1), ("SN", "trail ", 1)], "CN=\\ lead+SN=trail\\ ,C=FR"),
        ([("CN", "#1;\"<>\\", 0)], "CN=\\#1\\;\\\"\\<\\>\\\\"),
    ] as [([(String, String, Int)], String)])
    func descriptionFollowsRFC2253(attributes: [(String, String, Int)], expected: String) {
        let name = DistinguishedName(attributes: attributes.map { .init(type: $0.0, value: $0.1, relativeNameIndex: $0.2) })
        #expect(name.description == expected)
    }
}
