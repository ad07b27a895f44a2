import CardStackTesting
import CardSimulator
import Foundation
import Testing
import VaultCrypto

/// OpenSC, a card client nobody here wrote, must take the simulated card for a real CPS3: it
/// matches the card, lists its PKCS#15 objects, reads its certificates, and signs and deciphers
/// with the authentication key through its PKCS#11 module, on each layout the simulator has.
@Suite("OpenSC takes the simulated card for a CPS3", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
final class OpenSCInteropTests {
    let stack: CardStack
    let slot = TestSlot.openSC
    let work: URL
    static let module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
        work = FileManager.default.temporaryDirectory.appendingPathComponent("opensc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // OpenSC's PKCS#11 module gives each reader 4 of 16 virtual slots by default: too few for
        // the stack's ten reader slots.
        try Data("app default { pkcs11 { max_virtual_slots = 64; } }\n".utf8)
            .write(to: work.appendingPathComponent("opensc.conf"))
    }

    deinit {
        stack.empty(slot)
        try? FileManager.default.removeItem(at: work)
    }

    /// One card of each layout: the canonical one, and the one laid out as real CPS3 cards are.
    static let cards: [TestCard] = [.physician1, .physicianField]

    /// Inserts `card` for one test; the test empties the slot when it ends.
    private func insert(_ card: TestCard) throws -> CardProfile {
        try stack.insert(card, into: slot)
        return try card.profile()
    }

    /// The PIN label each layout writes in its AODF.
    private func pinLabel(_ profile: CardProfile) -> String {
        profile.layout == .field ? "Code porteur de la carte CPX" : "PIN CPS"
    }

    /// The reader's index as OpenSC numbers readers (pcscd's order).
    func readerIndex() throws -> String {
        let index = try #require(try stack.context.readerNames().firstIndex(of: slot.readerName))
        return String(index)
    }

    private func file(_ name: String) -> String { work.appendingPathComponent(name).path }

    /// Runs an OpenSC tool with the test configuration.
    func openSC(_ tool: String, _ arguments: [String], debug: Bool = false) throws -> CommandResult {
        var environment = ["OPENSC_CONF": file("opensc.conf")]
        if debug { environment["OPENSC_DEBUG"] = "3" }
        return try Command.run(tool, arguments, environment: environment)
    }

    /// The contact PKCS#15 application: a card of the field layout also has the contactless one in
    /// EF.DIR, which OpenSC binds by default, so pkcs15-tool is told which application to read.
    private let contactApplication = ["--aid", "E828BD080F8025000001FF0010"]

    /// The PKCS#11 slot of the reader whose token has the PIN: OpenSC makes one token per PKCS#15
    /// application, and on a field-layout card the first is the contactless one, without keys.
    private func pinSlot() throws -> String {
        let list = try openSC("pkcs11-tool", ["--module", Self.module, "-L"])
        let slots = list.output.components(separatedBy: "Slot ").dropFirst()
        let block = try #require(slots.first { $0.contains(slot.readerName) && $0.contains("login required") },
                                 "no slot with a PIN token in:\n\(list.output)")
        let id = try #require(block.split(separator: "(").dropFirst().first?.split(separator: ")").first)
        return String(try #require(UInt(id.dropFirst(2), radix: 16)))
    }

    /// The hex PKCS#15 id of the authentication key, as pkcs15-tool prints it.
    private let authenticationKeyID = "E828BD080F8025000001FF001002"

    @Test("opensc-tool names the IAS-ECC driver, and its debug log the CPx card type", arguments: cards)
    func driverMatch(_ card: TestCard) throws {
        _ = try insert(card)
        defer { stack.empty(slot) }
        let result = try openSC("opensc-tool", ["--reader", readerIndex(), "-n"], debug: true)
        #expect(result.status == 0)
        #expect(result.output.contains("IAS-ECC"))
        #expect(result.errorOutput.contains("'IAS/ECC CPx' card matched"))
    }

    /// What the dump of a real CPS3 in OpenSC issue #2267 shows of its keys, which the field layout reproduces.
    private static let realDumpLines = [
        "Object Flags   : [0x07], private, modifiable", "Path           : e828bd080f8025000001ff0010::",
        "Key ref        : 130 (0x82)", "Access Rules   : pso_decrypt:01; int_auth:01;",
    ]

    @Test("pkcs15-tool -D lists the PIN, both keys and both certificates; the field layout as a real card's dump",
          arguments: cards)
    func dump(_ card: TestCard) throws {
        let profile = try insert(card)
        defer { stack.empty(slot) }
        let result = try openSC("pkcs15-tool", ["--reader", readerIndex(), "-D"] + contactApplication)
        #expect(result.status == 0, "\(result.errorOutput)")
        for expected in ["PIN [\(pinLabel(profile))]", "Private RSA Key [CPS_PRIV_AUT]", "Private RSA Key [CPS_PRIV_SIG]",
                         "X.509 Certificate [Certificat d'Authentification CPS]",
                         "X.509 Certificate [Certificat de Signature CPS]", "CPS3v3-", "ASIP SANTE"]
            + (profile.layout == .field ? Self.realDumpLines : []) {
            #expect(result.output.contains(expected), "missing \(expected) in:\n\(result.output)")
        }
    }

    @Test("pkcs15-tool --read-certificate returns each certificate byte for byte as the card stores it",
          arguments: cards, [("02", "auth.crt.der"), ("01", "sign.crt.der")])
    func readCertificate(_ card: TestCard, certificate: (number: String, fileName: String)) throws {
        let profile = try insert(card)
        defer { stack.empty(slot) }
        let (number, fileName) = certificate
        let result = try openSC(
            "pkcs15-tool", ["--reader", readerIndex(), "--read-certificate", "E828BD080F8025000001FF0010" + number] + contactApplication)
        #expect(result.status == 0, "\(result.errorOutput)")
        let issued = try [UInt8](Data(contentsOf: card.folder.appendingPathComponent(fileName)))
        let expected = profile.layout == .field ? CPS3FieldLayout.storedCertificate(issued) : issued
        // The PEM body as printed, not a parsed certificate: a parser would re-encode the signature bits.
        let body = result.output.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let read = try #require(Data(base64Encoded: body))
        #expect([UInt8](read) == expected)
    }

    @Test("pkcs11-tool signs a SHA-256 DigestInfo with the authentication key, and openssl verifies it", arguments: cards)
    func signThroughPKCS11(_ card: TestCard) throws {
        _ = try insert(card)
        defer { stack.empty(slot) }
        let message = Data("ordonnance du 22 novembre".utf8)
        try message.write(to: URL(fileURLWithPath: file("message")))
        try Data(Digest.sha256DigestInfo(Array(message))).write(to: URL(fileURLWithPath: file("digestinfo")))
        let sign = try openSC("pkcs11-tool", [
            "--module", Self.module, "--slot", try pinSlot(), "--login", "--pin", "1234",
            "--sign", "-m", "RSA-PKCS", "--id", authenticationKeyID,
            "-i", file("digestinfo"), "-o", file("signature"),
        ])
        #expect(sign.status == 0, "\(sign.errorOutput)")
        try publicKey(card)
        let verify = try Command.run("openssl", [
            "dgst", "-sha256", "-verify", file("public.pem"), "-signature", file("signature"), file("message"),
        ])
        #expect(verify.status == 0)
        #expect(verify.output.contains("Verified OK"))
    }

    @Test("pkcs11-tool deciphers with the authentication key what openssl encrypted to its certificate", arguments: cards)
    func decryptThroughPKCS11(_ card: TestCard) throws {
        _ = try insert(card)
        defer { stack.empty(slot) }
        let secret = try SecureRandom.bytes(count: 32)
        try Data(secret).write(to: URL(fileURLWithPath: file("secret")))
        try publicKey(card)
        let encrypt = try Command.run("openssl", [
            "pkeyutl", "-encrypt", "-pubin", "-inkey", file("public.pem"),
            "-pkeyopt", "rsa_padding_mode:pkcs1", "-in", file("secret"), "-out", file("cryptogram"),
        ])
        #expect(encrypt.status == 0, "\(encrypt.errorOutput)")
        let decrypt = try openSC("pkcs11-tool", [
            "--module", Self.module, "--slot", try pinSlot(), "--login", "--pin", "1234",
            "--decrypt", "-m", "RSA-PKCS", "--id", authenticationKeyID,
            "-i", file("cryptogram"), "-o", file("deciphered"),
        ])
        #expect(decrypt.status == 0, "\(decrypt.errorOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file("deciphered"))) == Data(secret))
    }

    /// Writes the card's authentication public key to public.pem.
    private func publicKey(_ card: TestCard) throws {
        let result = try Command.run("openssl", [
            "x509", "-in", card.authenticationCertificate.path, "-pubkey", "-noout", "-out", file("public.pem"),
        ])
        #expect(result.status == 0)
    }
}
