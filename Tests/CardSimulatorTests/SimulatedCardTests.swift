import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import SmartCard
import Testing
import VaultCrypto

/// The simulated card's command dispatcher, in process: every malformed or refused command gets
/// the status word a real card gives, and the T=0 conventions hold.
@Suite("Simulated CPS3 card commands")
struct SimulatedCardTests {
    let card: SimulatedCard

    init() throws {
        card = try SimulatedCard(profile: TestCard.physician1.profile())
    }

    private func status(_ hex: String) throws -> StatusWord {
        let response = try ResponseAPDU(parsing: card.process(try #require([UInt8](hexString: hex))))
        return response.status
    }

    @Test("refused and malformed commands get a real card's status words", arguments: [
        ("80CA000000", StatusWord.claNotSupported),                       // proprietary class
        ("00FF000000", .insNotSupported),                                 // unknown instruction
        ("00A4", .wrongLength),                                           // truncated header
        ("00A4000C033F", .wrongLength),                                   // Lc says 3, 1 byte follows
        ("00A4020C025FFF", .fileNotFound),                                // no such file
        ("00A4040C03A00000", .fileNotFound),                              // no such application
        ("00A404000DE828BD080F8025000001FF0010", .incorrectP1P2),         // PKCS#15 AID asks P2=04/0C
        ("00A40400088025000001FF0100", .success),                         // root AID with P2=00: nothing
        ("00B09C00C0", .wrongLe(exact: 12)),                              // EF.SN is 12 bytes
        ("00C0000010", .conditionsNotSatisfied),                          // nothing to get
        ("0020000200", .referencedDataNotFound),                          // no PIN 2
        ("0020000100", .verificationFailed(triesLeft: 3)),                // status without a try
        ("00CB3FFF0A4D08700 6BF81010 2A080".replacingOccurrences(of: " ", with: ""), .success),
        ("002241A406840183800102", .referencedDataNotFound),               // no key 83
        ("002241A40684018280017F", .incorrectData),                       // unknown algorithm
        ("0088000004 01020304".replacingOccurrences(of: " ", with: ""), .conditionsNotSatisfied), // no MSE
        ("002A8086 0281 00".replacingOccurrences(of: " ", with: ""), .conditionsNotSatisfied),
        ("00CB3FFF0A4D087006BF90020 2A080".replacingOccurrences(of: " ", with: ""), .referencedDataNotFound), // key from the MF
        ("00CB3FFF034D0170", .incorrectData),                             // malformed SDO request
    ])
    func statusWords(command: String, expected: StatusWord) throws {
        let answered = try status(command)
        if expected == .success {
            #expect(answered == .success || answered.bytesAvailable != nil)
        } else {
            #expect(answered == expected)
        }
    }

    @Test("SELECT with the FCP answers 61xx, and GET RESPONSE returns the FCP with its access rules")
    func selectThenGetResponse() throws {
        let selected = try ResponseAPDU(parsing: card.process([0x00, 0xA4, 0x09, 0x04, 0x04, 0x3F, 0x00, 0x2F, 0x01]))
        let length = try #require(selected.status.bytesAvailable)
        let fcpResponse = try ResponseAPDU(parsing: card.process([0x00, 0xC0, 0x00, 0x00, UInt8(length)]))
        #expect(fcpResponse.status == .success)
        let fcp = try FileControlParameters(parsing: fcpResponse.data)
        #expect(fcp.fileID == 0x2F01)
        #expect(fcp.size == 0x39)
        #expect(fcp.accessRules?.last == 0x00)
    }

    @Test("the PIN opens the keys until a reset, and a key is never usable before it")
    func pinAndReset() throws {
        let channel = InProcessCardChannel(card: card)
        let driver = try CPS3ContactDriver(channel: channel)
        let digestInfo = Digest.sha256DigestInfo(Array("challenge".utf8))
        #expect(throws: CPSCardError.cardRefused(operation: "INTERNAL AUTHENTICATE", status: .securityStatusNotSatisfied)) {
            try driver.signWithAuthenticationKey(digestInfo: digestInfo)
        }
        var digits = Array("1234".utf8)
        try driver.verify(PIN(wiping: &digits))
        let signature = try driver.signWithAuthenticationKey(digestInfo: digestInfo)
        let certificate = try driver.readCertificates().authentication
        #expect(certificate.publicKey.isValidPKCS1Signature(signature, over: digestInfo))
        card.reset()
        #expect(try driver.pinStatus() == .triesLeft(3))
    }

    @Test("PSO DECIPHER by command chaining returns what was encrypted to the certificate")
    func decipher() throws {
        let driver = try CPS3ContactDriver(channel: InProcessCardChannel(card: card))
        var digits = Array("1234".utf8)
        try driver.verify(PIN(wiping: &digits))
        let secret = try SecretBytes(randomCount: 32)
        let cryptogram = try driver.readCertificates().authentication.publicKey.encryptPKCS1(secret)
        let deciphered = try driver.decipherWithAuthenticationKey(cryptogram)
        #expect(deciphered.constantTimeEquals(secret))
    }

    @Test("the PIN blocks at zero and stays blocked for the right PIN")
    func pinBlocks() throws {
        for left in [2, 1] {
            #expect(try status("0020000104 30303030".replacingOccurrences(of: " ", with: "")) == .verificationFailed(triesLeft: left))
        }
        #expect(try status("002000010430303030") == .authenticationMethodBlocked)
        #expect(try status("002000010431323334") == .authenticationMethodBlocked)
        #expect(card.pinTriesLeft == 0)
    }
}
