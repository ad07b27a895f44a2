import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import SmartCard
import Testing
import VaultCrypto

/// The CPS3 driver works end to end on both simulated layouts, and the field layout holds what public
/// traces show of real cards.
@Suite("The CPS3 driver on each simulated layout")
struct CPS3LayoutTests {
    static let cards: [TestCard] = [.physician1, .physicianField]

    private func read(_ card: SimulatedCard, _ path: [UInt8]) throws -> [UInt8] {
        let channel = InProcessCardChannel(card: card)
        let selected = try channel.send(CommandAPDU(ins: 0xA4, p1: 0x09, p2: 0x04, data: path, expectedLength: 256))
        let size = try #require(try FileControlParameters(parsing: selected.data).size)
        var content: [UInt8] = []
        while content.count < size {
            let part = try channel.send(CommandAPDU(
                ins: 0xB0, p1: UInt8(content.count >> 8), p2: UInt8(content.count & 0xFF),
                expectedLength: min(0xE7, size - content.count)))
            content += part.data
        }
        return content
    }

    @Test("certificates, PIN, both keys and decipherment through the driver", arguments: cards)
    func driverEndToEnd(_ test: TestCard) throws {
        let profile = try test.profile()
        let driver = try CPS3ContactDriver(channel: InProcessCardChannel(card: SimulatedCard(profile: profile)))
        let certificates = try driver.readCertificates()
        #expect(certificates.authentication == profile.authenticationCertificate)
        #expect(certificates.signature == profile.signatureCertificate)
        #expect(certificates.repairs.map(\.storedUnusedBits)
                == (profile.layout == .field ? [CPS3FieldLayout.certificateUnusedBits, CPS3FieldLayout.certificateUnusedBits] : []))
        var digits = Array("1234".utf8)
        try driver.verify(PIN(wiping: &digits))
        let digestInfo = Digest.sha256DigestInfo(Array("challenge".utf8))
        let signature = try driver.signWithAuthenticationKey(digestInfo: digestInfo)
        #expect(certificates.authentication.publicKey.isValidPKCS1Signature(signature, over: digestInfo))
        let digest = Digest.sha256(Array("restitution".utf8))
        let nonRepudiation = try driver.signWithSignatureKey(sha256: digest)
        #expect(try #require(certificates.signature).publicKey.isValidPKCS1Signature(
            nonRepudiation, over: Digest.sha256DigestInfo(Array("restitution".utf8))))
        let secret = try SecretBytes(randomCount: 32)
        #expect(try driver.decipherWithAuthenticationKey(certificates.authentication.publicKey.encryptPKCS1(secret))
            .constantTimeEquals(secret))
    }

    @Test("the driver reads a card whose FCPs come as an FCI 6F with an empty 88, proprietary tags and padding",
          arguments: cards)
    func fciAnswers(_ test: TestCard) throws {
        let channel = FCIAnsweringChannel(card: try SimulatedCard(profile: test.profile()))
        let driver = try CPS3ContactDriver(channel: channel)
        #expect(try driver.readCertificates().authentication == test.profile().authenticationCertificate)
        #expect(try driver.readSerialNumber().count == 10)
        #expect(channel.rewritten > 0)
    }

    @Test("the driver reads an EF.DIR kept as a record file, one application template per record", arguments: cards)
    func recordDirectory(_ test: TestCard) throws {
        let card = try SimulatedCard(profile: test.profile())
        let templates = try ApplicationTemplate.parseDirectory(read(card, [0x3F, 0x00, 0x2F, 0x00]))
        let channel = RecordDirectoryChannel(card: card, records: templates.map(\.encoded))
        let driver = try CPS3ContactDriver(channel: channel)
        #expect(try driver.readCertificates().authentication == test.profile().authenticationCertificate)
        #expect(channel.recordsRead == templates.count + 1)
    }

    /// The key path forms the driver must follow, each naming the contact application's DF.
    static let keyPaths: [(String, BERTLV)] = [
        ("empty, the real CPS3 value", BERTLV(tag: 0x30, children: [BERTLV(tag: 0x04, value: [])])),
        ("OpenSC pathExtended [1] { aid, empty path }", BERTLV(tag: 0x30, children: [BERTLV(tag: 0xA1, children: [
            BERTLV(tag: 0x4F, value: CPS3Layout.pkcs15AID), BERTLV(tag: 0x04, value: []),
        ])])),
        ("aid [APPLICATION 15], empty path", BERTLV(tag: 0x30, children: [
            BERTLV(tag: 0x4F, value: CPS3Layout.pkcs15AID), BERTLV(tag: 0x04, value: []),
        ])),
        ("the DF's path from the MF", BERTLV(tag: 0x30, children: [BERTLV(tag: 0x04, value: [0x3F, 0x00, 0x00, 0x01])])),
    ]

    @Test("both keys work whichever form their PrKDF path takes", arguments: keyPaths)
    func keyPathForms(_ name: String, path: BERTLV) throws {
        let profile = try TestCard.physicianField.profile()
        let card = try SimulatedCard(profile: profile)
        let prkdfPath: [UInt8] = [0x3F, 0x00, 0x00, 0x01, 0x70, 0x02]
        let prkdf = try Self.replacingKeyPaths(in: read(card, prkdfPath), with: path)
        let channel = FileReplacingChannel(card: card, path: prkdfPath, content: prkdf)
        let driver = try CPS3ContactDriver(channel: channel)
        #expect(channel.bytesServed == prkdf.count)
        var digits = Array("1234".utf8)
        try driver.verify(PIN(wiping: &digits))
        let digestInfo = Digest.sha256DigestInfo(Array(name.utf8))
        #expect(profile.authenticationCertificate.publicKey.isValidPKCS1Signature(
            try driver.signWithAuthenticationKey(digestInfo: digestInfo), over: digestInfo))
        #expect(profile.signatureCertificate.publicKey.isValidPKCS1Signature(
            try driver.signWithSignatureKey(sha256: Digest.sha256(Array(name.utf8))), over: digestInfo))
    }

    /// The PrKDF entries of `prkdf` with their key path replaced by `path`.
    private static func replacingKeyPaths(in prkdf: [UInt8], with path: BERTLV) throws -> [UInt8] {
        try BERTLV.parseAll(prkdf, skippingPadding: true).flatMap { entry in
            var fields = try entry.children()
            var rsa = try fields[2].children()[0].children()
            rsa[0] = path
            fields[2] = BERTLV(tag: 0xA1, children: [BERTLV(tag: 0x30, children: rsa)])
            return BERTLV(tag: entry.tag, children: fields).encoded
        }
    }

    @Test("the field layout: EF.DIR of two records, 7001/7002/7005 padded, the real PrKDF entry shape")
    func fieldFiles() throws {
        let card = try SimulatedCard(profile: TestCard.physicianField.profile())
        let directory = try read(card, [0x3F, 0x00, 0x2F, 0x00])
        #expect(directory.count == 0x65)
        let templates = try ApplicationTemplate.parseDirectory(directory)
        #expect(templates.map(\.aid) == [CPS3Layout.pkcs15AID, CPS3FieldLayout.contactlessAID])
        #expect(templates.map(\.discretionaryAID) == [CPS3Layout.pkcs15AID, CPS3Layout.pkcs15AID])
        let odf = try ObjectDirectory(parsing: read(card, [0x3F, 0x00, 0x00, 0x01, 0x50, 0x31]))
        #expect(odf.entries.map(\.path.path) == [[0x70, 0x02], [0x70, 0x05], [0x70, 0x01]])
        let prkdf = try read(card, [0x3F, 0x00, 0x00, 0x01, 0x70, 0x02])
        #expect(prkdf.last == 0x00)
        let keys = try PrivateKeyObject.parseDirectory(prkdf)
        #expect(keys.map(\.keyReference) == [0x81, 0x82])
        #expect(keys.allSatisfy { $0.path.isApplicationDF && $0.objectFlags.rawValue == 0x07 })
        #expect(prkdf.firstRange(of: [0xA1, 0x0A, 0x30, 0x08, 0x30, 0x02, 0x04, 0x00, 0x02, 0x02, 0x08, 0x00]) != nil)
        let aodf = try read(card, [0x3F, 0x00, 0x00, 0x01, 0x70, 0x01])
        #expect(aodf.firstRange(of: [0x03, 0x01, CPS3FieldLayout.flagsOctet]) != nil)
        #expect(try PINObject.parseDirectory(aodf).map(\.objectFlags) == [[]])
        let cdf = try read(card, [0x3F, 0x00, 0x00, 0x01, 0x70, 0x05])
        #expect(cdf.last == 0xFF)
        #expect(try CertificateObject.parseDirectory(cdf).count == 2)
    }
}
