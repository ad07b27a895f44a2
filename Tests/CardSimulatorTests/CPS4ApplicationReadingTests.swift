import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import SmartCard
import Testing
import VaultCrypto

/// The CPS4 driver reads its PKCS#15 application with the same code, and the same tolerance, as the
/// CPS3 driver: what real cards store differently from strict DER is read on either generation.
@Suite("The CPS4 driver reads the PKCS#15 application as the CPS3 driver does")
struct CPS4ApplicationReadingTests {
    /// The authentication certificate's file, as the ChipDoc SELECT names it (the path after 3F00).
    static let authenticationCertificatePath: [UInt8] = [0x50, 0x15, 0xC0, 0x01]

    @Test("a certificate stored with a non-zero unused-bits octet is read as issued, and the repair is reported")
    func certificateRepair() throws {
        let profile = try TestCard.physicianCPS4.profile()
        let stored = try #require(CertificateSignatureBits.settingUnusedBitsOctet(
            of: profile.authenticationCertificate.derEncoded, to: 0x07)).certificate
        let channel = FileReplacingChannel(card: try SimulatedCard(profile: profile),
                                           path: Self.authenticationCertificatePath, content: stored)
        let certificates = try CPS4Driver(channel: channel).readCertificates()
        #expect(channel.bytesServed == stored.count)
        #expect(certificates.authentication == profile.authenticationCertificate)
        #expect(certificates.signature == profile.signatureCertificate)
        #expect(certificates.repairs.map(\.storedUnusedBits) == [0x07])
    }
}
