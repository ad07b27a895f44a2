import CardStackTesting
@testable import CPSCard
import Foundation
import SmartCard
import Testing
import VaultCrypto

/// A certificate stored with a non-zero unused-bits octet in its signatureValue is read as the ANS
/// library reads it: the octet set back to 0, the repair recorded, and the chain then validates.
@Suite struct CertificateRepairTests {
    private func issued() throws -> [UInt8] {
        try TestPKI.ensureGenerated()
        return try [UInt8](Data(contentsOf: TestCard.physician1.folder.appendingPathComponent("auth.crt.der")))
    }

    private func stored(_ der: [UInt8], octet: UInt8) throws -> [UInt8] {
        try #require(CertificateSignatureBits.settingUnusedBitsOctet(of: der, to: octet)).certificate
    }

    @Test("a non-zero octet of 1 to 7 is set back to 0 and recorded", arguments: 1...7 as ClosedRange<UInt8>)
    func repaired(octet: UInt8) throws {
        let der = try issued()
        let (read, repair) = CertificateRepair.repairing(try stored(der, octet: octet), label: "Certificat d'Authentification CPS")
        #expect(read == der)
        #expect(repair == CertificateRepair(certificateLabel: "Certificat d'Authentification CPS", storedUnusedBits: octet))
        let certificate = try X509Certificate(derEncoded: read)
        #expect(throws: Never.self) { try TestPKI.trust().verifier().verify(certificate) }
    }

    @Test("without the repair, the last signature bits are lost and the chain does not validate")
    func unrepairedFails() throws {
        let der = try issued()
        try #require(der.last.map { $0 & 0x7F != 0 } == true, "this PKI's signature ends in seven zero bits")
        let certificate = try X509Certificate(derEncoded: stored(der, octet: 7))
        #expect(throws: (any Error).self) { try TestPKI.trust().verifier().verify(certificate) }
    }

    @Test("a DER certificate is left alone")
    func derUntouched() throws {
        let der = try issued()
        let (read, repair) = CertificateRepair.repairing(der, label: "x")
        #expect(read == der)
        #expect(repair == nil)
    }

    @Test("malformed neighbours are not repaired and the X.509 parser refuses them", arguments: [
        "unused-bits octet 08", "truncated", "not a SEQUENCE",
    ])
    func malformed(_ name: String) throws {
        let der = try issued()
        let bytes: [UInt8] = switch name {
        case "unused-bits octet 08": try stored(der, octet: 8)
        case "truncated": Array(der.dropLast(10))
        default: [0x31] + der.dropFirst()
        }
        let (read, repair) = CertificateRepair.repairing(bytes, label: "x")
        #expect(repair == nil)
        #expect(throws: CryptoError.self) { try X509Certificate(derEncoded: read) }
    }
}
