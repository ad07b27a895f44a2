import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import SmartCard
import Testing
import VaultCrypto

/// The CPS4 driver against a simulated CPS4 in process: the ChipDoc command set on logical
/// channel 1, the directory found through PKCS#15, the keys as the vault uses them.
@Suite("CPS4 driver (ChipDoc)")
struct CPS4DriverTests {
    let card: SimulatedCard
    let channel: RecordingChannel

    init() throws {
        card = try SimulatedCard(profile: TestCard.physicianCPS4.profile())
        channel = RecordingChannel(card: card)
    }

    private func pin(_ digits: String) throws -> PIN {
        var bytes = Array(digits.utf8)
        return try PIN(wiping: &bytes)
    }

    private func certificate(_ name: String) throws -> X509Certificate {
        try X509Certificate.loadPEMFile(TestCard.physicianCPS4.folder.appendingPathComponent(name).path)[0]
    }

    @Test("the directory is found through EF.DIR and the ODF, every command on logical channel 1")
    func directory() throws {
        let driver = try CPS4Driver(channel: channel)
        let certificates = try driver.readCertificates()
        #expect(certificates.authentication.derEncoded == (try certificate("auth.crt.pem")).derEncoded)
        #expect(certificates.signature?.derEncoded == (try certificate("sign.crt.pem")).derEncoded)
        #expect(try driver.readSerialNumber().hexString == (try TestCard.physicianCPS4.profile()).serialNumber.hexString)
        #expect(try driver.pinStatus() == .triesLeft(3))
        let sent = channel.sent
        #expect(sent.first == [0x01, 0xA4, 0x04, 0x0C, 0x08] + CPS4Layout.appletAID)
        #expect(sent.allSatisfy { $0[0] & ~0x10 == 0x01 })
        #expect(sent.contains([0x01, 0xA4, 0x08, 0x00, 0x02, 0x2F, 0x00]))   // EF.DIR by path, FCI wanted (T=0: no Le)
        #expect(sent.contains([0x01, 0x20, 0x00, CPS4Layout.pinReference]))   // tries, without data
    }

    @Test("the whole authentication works: the challenge is signed by PSO DECIPHER over a host-padded block")
    func authentication() throws {
        let driver = try CPS4Driver(channel: channel)
        let authenticated = try CardAuthenticator(trust: TestPKI.trust()).authenticate(driver) { try pin("1234") }
        #expect(authenticated.professional.profession == .physician)
        let sent = channel.sent
        #expect(!sent.contains { $0[1] == 0x88 }, "INTERNAL AUTHENTICATE sent")
        #expect(sent.contains([0x01, 0x22, 0x41, 0xB8, 0x03, 0x83, 0x01, 0x20]))
        let chained = try #require(sent.first { $0.starts(with: [0x11, 0x2A, 0x80, 0x86]) })
        #expect(chained[4] == 0xFF && chained[5...7] == [0x00, 0x01, 0xFF], "first part: 255 bytes of 00 01 FF…")
        #expect(sent.contains { $0.starts(with: [0x01, 0x2A, 0x80, 0x86, 0x01]) })
        let verify = try #require(channel.sensitiveSent.first { $0.starts(with: [0x01, 0x20, 0x00, CPS4Layout.pinReference]) })
        #expect(Array(verify[4...]) == [0x08, 0x31, 0x32, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xFF], "PIN padded as the AODF says")
    }

    @Test("deciphering returns what was encrypted to the certificate, the padding removed on the host")
    func decipher() throws {
        let driver = try CPS4Driver(channel: channel)
        try driver.verify(pin("1234"))
        let secret = try SecretBytes(randomCount: 32)
        let cryptogram = try driver.readCertificates().authentication.publicKey.encryptPKCS1(secret)
        #expect(try driver.decipherWithAuthenticationKey(cryptogram).constantTimeEquals(secret))
    }

    @Test("the signature key signs a SHA-256 hash through MSE SET 81 B6 and PSO CDS")
    func signatureKey() throws {
        let driver = try CPS4Driver(channel: channel)
        try driver.verify(pin("1234"))
        let digest = Digest.sha256(Array("export de restitution".utf8))
        let signature = try driver.signWithSignatureKey(sha256: digest)
        let certificate = try #require(try driver.readCertificates().signature)
        #expect(certificate.publicKey.isValidPKCS1Signature(signature, over: Digest.sha256DigestInfo(Array("export de restitution".utf8))))
        #expect(channel.sent.contains([0x01, 0x22, 0x81, 0xB6, 0x04, 0x91, 0x02, 0x28, 0xA1]))
        #expect(channel.sent.contains([0x01, 0x2A, 0x9E, 0x9A, 0x20] + digest))
    }

    @Test("keys are refused before the PIN, and a wrong PIN says the tries left")
    func keysNeedThePIN() throws {
        let driver = try CPS4Driver(channel: channel)
        #expect(throws: CPSCardError.cardRefused(operation: "PSO DECIPHER (authentication)", status: .securityStatusNotSatisfied)) {
            try driver.signWithAuthenticationKey(digestInfo: Digest.sha256DigestInfo([1, 2, 3]))
        }
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) { try driver.verify(pin("9999")) }
        #expect(try driver.pinStatus() == .triesLeft(2))
    }

    @Test("the PIN changes with VERIFY then CHANGE REFERENCE DATA 24 01, and the old one stops working")
    func changePIN() throws {
        let driver = try CPS4Driver(channel: channel)
        try driver.changePIN(from: pin("1234"), to: pin("86420"))
        let change = try #require(channel.sensitiveSent.first { $0.starts(with: [0x01, 0x24, 0x01, CPS4Layout.pinReference]) })
        #expect(Array(change[4...]) == [0x08, 0x38, 0x36, 0x34, 0x32, 0x30, 0xFF, 0xFF, 0xFF])
        card.reset()
        #expect(try driver.pinStatus() == .triesLeft(3))
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) { try driver.verify(pin("1234")) }
        try driver.verify(pin("86420"))
        #expect(try driver.pinStatus() == .verified)
    }

    @Test("a wrong old PIN spends a try and changes nothing")
    func changePINWithWrongOldPIN() throws {
        let driver = try CPS4Driver(channel: channel)
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) { try driver.changePIN(from: pin("4321"), to: pin("5678")) }
        #expect(!channel.sent.contains { $0[1] == 0x24 })
        try driver.verify(pin("1234"))
    }

    @Test("after a reset closed channel 1, the driver selects the applet again and carries on")
    func channelReopened() throws {
        let driver = try CPS4Driver(channel: channel)
        card.reset()
        channel.clear()
        #expect(try driver.pinStatus() == .triesLeft(3))
        #expect(channel.sent.count == 3)   // the query (68 81), SELECT of the applet, the query again
    }
}

/// How a card is identified and its driver chosen, in process: by ATR, or by probing.
@Suite("Card identification")
struct CardIdentificationTests {
    @Test("a known ATR picks the generation's driver", arguments: [
        (TestCard.physician1, "3BAC00402A001225006480000310009000", CardGeneration.cps3, CardCommandSet.iasECC),
        (.physicianCPS4, "3BDC18FF00001225006480000401009000", .cps4, .chipDoc),
        (.physicianCPS4, "3B9B188001001225006480040100009044", .cps4, .chipDoc),
    ])
    func byATR(card: TestCard, atr: String, generation: CardGeneration, commandSet: CardCommandSet) throws {
        let channel = InProcessCardChannel(card: try SimulatedCard(profile: card.profile()))
        let (identification, _) = try CardIdentification.identify(atr: try #require([UInt8](hexString: atr)), reader: "R", channel: channel)
        #expect(identification.generation == generation)
        #expect(identification.commandSet == commandSet)
        #expect(identification.interface == .contact)
        #expect(identification.knownATR != nil)
    }

    @Test("an unknown ATR is probed: IAS-ECC first, then ChipDoc, with no PIN sent", arguments: [
        (TestCard.physician1, CardCommandSet.iasECC), (.physicianCPS4, .chipDoc),
    ])
    func byProbing(card: TestCard, commandSet: CardCommandSet) throws {
        let channel = RecordingChannel(card: try SimulatedCard(profile: card.profile()))
        let (identification, driver) = try CardIdentification.identify(atr: [0x3B, 0x00], reader: "R", channel: channel)
        #expect(identification.commandSet == commandSet)
        #expect(identification.knownATR == nil)
        #expect(identification.profile.contains("probing"))
        _ = try driver.readCertificates()
        #expect(!channel.sent.contains { $0[1] == 0x20 || $0[1] == 0x24 })
    }

    @Test("a CPS4 of another batch, whose T=0 ATR falls under the CPS3 mask, is found to speak ChipDoc")
    func cps4UnderTheCPS3Mask() throws {
        let atr = try #require([UInt8](hexString: "3BDC18FF00001225006480000402009000"))
        #expect(KnownATR.matching(atr)?.generation == .cps3)
        let channel = InProcessCardChannel(card: try SimulatedCard(profile: TestCard.physicianCPS4.profile()))
        let (identification, _) = try CardIdentification.identify(atr: atr, reader: "R", channel: channel)
        #expect(identification.commandSet == .chipDoc)
        #expect(identification.generation == .cps4)
        #expect(identification.knownATR == nil)
    }

    @Test("a card with a CPS3 ATR that answers neither way gets the CPS3 driver's error")
    func cps3ThatFails() throws {
        let atr = try #require([UInt8](hexString: "3BAC00402A001225006480000310009000"))
        #expect(throws: CPSCardError.cardRefused(operation: "SELECT 3F002F00", status: .insNotSupported)) {
            _ = try CardIdentification.identify(atr: atr, reader: "R", channel: MuteCardChannel(status: .insNotSupported))
        }
    }

    @Test("a card that answers neither way is refused naming its ATR and each failed step")
    func unrecognised() throws {
        do {
            _ = try CardIdentification.identify(atr: [0x3B, 0x00], reader: "R", channel: MuteCardChannel(status: .insNotSupported))
            Issue.record("a mute card was accepted")
        } catch let error as CPSCardError {
            guard case .cardNotRecognised(_, let atr, let attempts) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(atr == [0x3B, 0x00])
            #expect(attempts.count == 2)
            #expect(attempts[0].contains("IAS-ECC") && attempts[0].contains("SELECT 3F002F00"))
            #expect(attempts[1].contains("ChipDoc") && attempts[1].contains("SELECT of the ChipDoc applet"))
            #expect(error.description.contains("3B00"))
        }
    }

    @Test("a CPS3 on its contactless interface is refused before any command")
    func contactless() throws {
        let channel = RecordingChannel(card: try SimulatedCard(profile: TestCard.physician1.profile()))
        let atr = try #require([UInt8](hexString: "3B8F80010031B86404B0ECC1739401808290000E"))
        #expect(throws: CPSCardError.contactlessInterface(reader: "R")) {
            _ = try CardIdentification.identify(atr: atr, reader: "R", channel: channel)
        }
        #expect(channel.sent.isEmpty)
    }
}
