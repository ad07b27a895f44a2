@testable import CardSimulator
import CardStackTesting
import Foundation
import SmartCard
import Testing
@_spi(SecretBytesAccess) import VaultCrypto

/// Both simulated CPS3 layouts answer what the field's two card middlewares send to real cards: OpenSC's
/// CRTs with `84` first and the ANS library's with `80` first, its decipher algorithm `1A`, PSO HASH with
/// the host's hash or in the IAS-ECC form where the card finishes it, and PSO CDS with the hash as its data.
@Suite("What OpenSC and the ANS library send, on each CPS3 layout")
struct MiddlewareCommandTests {
    static let cards: [TestCard] = [.physician1, .physicianField]

    /// A fresh card with its PIN verified.
    private func verifiedCard(_ test: TestCard) throws -> SimulatedCard {
        let card = try SimulatedCard(profile: test.profile())
        #expect(try send(card, "002000010431323334").status == .success)
        return card
    }

    /// Sends a command and fetches its whole answer with GET RESPONSE as a T=0 client does.
    private func send(_ card: SimulatedCard, _ hex: String) throws -> ResponseAPDU {
        try send(card, CommandAPDU(parsing: try #require([UInt8](hexString: hex))))
    }

    private func send(_ card: SimulatedCard, _ command: CommandAPDU) throws -> ResponseAPDU {
        try InProcessCardChannel(card: card).sendChained(command)
    }

    private func signatureCertificate(_ test: TestCard) throws -> X509Certificate {
        try test.profile().signatureCertificate
    }

    @Test("MSE SET for decipherment with 80 before 84 and algorithm 1A, as the ANS library sends it",
          arguments: cards, ["002241B80680011A840182", "002241B806840182800 11A".replacingOccurrences(of: " ", with: ""),
                             "002241B80680010A840182"])
    func decipherTemplate(_ test: TestCard, template: String) throws {
        let card = try verifiedCard(test)
        #expect(try send(card, "00A4040C0DE828BD080F8025000001FF0010").status == .success)
        #expect(try send(card, template).status == .success)
        let secret = try SecretBytes(randomCount: 32)
        let cryptogram = try test.profile().authenticationCertificate.publicKey.encryptPKCS1(secret)
        let plaintext = try send(card, CommandAPDU(ins: 0x2A, p1: 0x80, p2: 0x86, data: [0x81] + cryptogram, expectedLength: 256))
        #expect(plaintext.status == .success)
        #expect(plaintext.data == secret.withUnsafeBytes { Array($0) })
    }

    /// PSO HASH payloads for `message` in each form the card accepts.
    static func hashForms(_ message: [UInt8]) -> [(String, [UInt8])] {
        let wholeBlocks = message.count / 64 * 64
        let resumed = ResumableHash(.sha256).absorbing(Array(message.prefix(wholeBlocks)))?.resumptionBytes ?? []
        let last = Array(message.dropFirst(wholeBlocks))
        return [
            ("host hash 90 20", [0x90, 0x20] + Digest.sha256(message)),
            ("IAS form with state", [0x90, UInt8(resumed.count)] + resumed + [0x80, UInt8(last.count)] + last),
        ]
    }

    @Test("PSO HASH in each form, then PSO CDS, signs the SHA-256 of the message", arguments: cards, [40, 64, 100, 200])
    func hashThenSign(_ test: TestCard, length: Int) throws {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var forms = Self.hashForms(message)
        if length <= 64 {
            forms.append(("IAS form 90 00, nothing hashed by the host", [0x90, 0x00, 0x80, UInt8(length)] + message))
        }
        let digestInfo = Digest.sha256DigestInfo(message)
        for (name, payload) in forms {
            let card = try verifiedCard(test)
            #expect(try send(card, "00A4040C0DE828BD080F8025000001FF0010").status == .success)
            #expect(try send(card, "002241AA03800140").status == .success)
            #expect(try send(card, CommandAPDU(ins: 0x2A, p1: 0x90, p2: 0xA0, data: payload)).status == .success, "\(name)")
            #expect(try send(card, "002241B606800142840181").status == .success)
            let signature = try send(card, "002A9E9A00")
            #expect(signature.status == .success, "\(name)")
            #expect(try signatureCertificate(test).publicKey.isValidPKCS1Signature(signature.data, over: digestInfo), "\(name)")
        }
    }

    @Test("PSO CDS with the hash as its data, without PSO HASH, as the ANS library sends it", arguments: cards)
    func signHashInData(_ test: TestCard) throws {
        let card = try verifiedCard(test)
        let digest = Digest.sha256(Array("ordonnance".utf8))
        #expect(try send(card, "00A4040C0DE828BD080F8025000001FF0010").status == .success)
        #expect(try send(card, "002241B606800142840181").status == .success)
        let signature = try send(card, CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: digest, expectedLength: 256))
        #expect(signature.status == .success)
        #expect(try signatureCertificate(test).publicKey.isValidPKCS1Signature(
            signature.data, over: Digest.sha256DigestInfo(Array("ordonnance".utf8))))
    }

    @Test("malformed hashing and signing commands are refused", arguments: cards, [
        ("002A90A003900100", StatusWord.incorrectData),                  // host hash of one byte
        ("002A90A006900100800 1AA".replacingOccurrences(of: " ", with: ""), .incorrectData), // state of one byte
        ("002A90A0049000 8001".replacingOccurrences(of: " ", with: ""), .incorrectData), // 80 announces more than sent
    ])
    func hashRefused(_ test: TestCard, refused: (command: String, status: StatusWord)) throws {
        let (command, status) = refused
        let card = try verifiedCard(test)
        #expect(try send(card, "002241AA03800140").status == .success)
        #expect(try send(card, command).status == status)
    }

    @Test("PSO CDS with a hash of the wrong length is refused", arguments: cards)
    func signWrongLength(_ test: TestCard) throws {
        let card = try verifiedCard(test)
        #expect(try send(card, "002241B606800142840181").status == .success)
        #expect(try send(card, CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: [UInt8](repeating: 1, count: 31))).status == .wrongLength)
    }
}

/// The card's hash, resumed from a state, against published known answers (FIPS 180-4 examples).
@Suite struct ResumableHashTests {
    static let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)

    @Test(arguments: [
        (ResumableHash.Function.sha1, Array("abc".utf8), "A9993E364706816ABA3E25717850C26C9CD0D89D"),
        (.sha1, twoBlocks, "84983E441C3BD26EBAAE4AA1F95129E5E54670F1"),
        (.sha256, Array("abc".utf8), "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
        (.sha256, twoBlocks, "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1"),
    ])
    func knownAnswers(function: ResumableHash.Function, message: [UInt8], digest: String) throws {
        #expect(ResumableHash(function).finishing(message).hexString == digest)
        let long = [UInt8](repeating: 0x61, count: 128) + message
        let resumed = try #require(ResumableHash(function).absorbing(Array(long.prefix(128))))
        let again = try #require(ResumableHash(function, resumingFrom: resumed.resumptionBytes))
        #expect(again.finishing(message) == ResumableHash(function).finishing(long))
    }
}
