import CardStackTesting
import CardSimulator
import Foundation
import Testing
import VaultCrypto

/// OpenSC, a card client nobody here wrote, must take the simulated card for a real CPS3: it
/// matches the card, lists its PKCS#15 objects, reads its certificates, and signs and deciphers
/// with the authentication key through its PKCS#11 module.
@Suite("OpenSC takes the simulated card for a CPS3", .tags(.cardStack), .serialized)
final class OpenSCInteropTests {
    let stack: CardStack
    let slot = TestSlot.openSC
    let work: URL
    static let module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
        try stack.insert(.physician1, into: slot)
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

    /// The hex PKCS#15 id of the authentication key, as pkcs15-tool prints it.
    private let authenticationKeyID = "E828BD080F8025000001FF001002"

    @Test("opensc-tool names the IAS-ECC driver, and its debug log the CPx card type")
    func driverMatch() throws {
        let result = try openSC("opensc-tool", ["--reader", readerIndex(), "-n"], debug: true)
        #expect(result.status == 0)
        #expect(result.output.contains("IAS-ECC"))
        #expect(result.errorOutput.contains("'IAS/ECC CPx' card matched"))
    }

    @Test("pkcs15-tool -D lists the PIN, both keys and both certificates")
    func dump() throws {
        let result = try openSC("pkcs15-tool", ["--reader", readerIndex(), "-D"])
        #expect(result.status == 0, "\(result.errorOutput)")
        for expected in ["PIN [PIN CPS]", "Private RSA Key [CPS_PRIV_AUT]", "Private RSA Key [CPS_PRIV_SIG]",
                         "X.509 Certificate [Certificat d'Authentification CPS]",
                         "X.509 Certificate [Certificat de Signature CPS]", "CPS3v3-", "ASIP SANTE"] {
            #expect(result.output.contains(expected), "missing \(expected) in:\n\(result.output)")
        }
    }

    @Test("pkcs15-tool --read-certificate returns each certificate byte for byte",
          arguments: [("02", "auth.crt.der"), ("01", "sign.crt.der")])
    func readCertificate(number: String, fileName: String) throws {
        let result = try openSC("pkcs15-tool", ["--reader", readerIndex(), "--read-certificate", "E828BD080F8025000001FF0010" + number])
        #expect(result.status == 0, "\(result.errorOutput)")
        let expected = try Data(contentsOf: TestCard.physician1.folder.appendingPathComponent(fileName))
        let read = try #require(try X509Certificate.loadPEMFile(writing: result.outputData, to: file("read-\(number).pem")).first)
        #expect(Data(read.derEncoded) == expected)
    }

    @Test("pkcs11-tool signs a SHA-256 DigestInfo with the authentication key, and openssl verifies it")
    func signThroughPKCS11() throws {
        let message = Data("ordonnance du 22 novembre".utf8)
        try message.write(to: URL(fileURLWithPath: file("message")))
        try Data(Digest.sha256DigestInfo(Array(message))).write(to: URL(fileURLWithPath: file("digestinfo")))
        let sign = try openSC("pkcs11-tool", [
            "--module", Self.module, "--slot-description", slot.readerName, "--login", "--pin", "1234",
            "--sign", "-m", "RSA-PKCS", "--id", authenticationKeyID,
            "-i", file("digestinfo"), "-o", file("signature"),
        ])
        #expect(sign.status == 0, "\(sign.errorOutput)")
        try publicKey()
        let verify = try Command.run("openssl", [
            "dgst", "-sha256", "-verify", file("public.pem"), "-signature", file("signature"), file("message"),
        ])
        #expect(verify.status == 0)
        #expect(verify.output.contains("Verified OK"))
    }

    @Test("pkcs11-tool deciphers with the authentication key what openssl encrypted to its certificate")
    func decryptThroughPKCS11() throws {
        let secret = try SecureRandom.bytes(count: 32)
        try Data(secret).write(to: URL(fileURLWithPath: file("secret")))
        try publicKey()
        let encrypt = try Command.run("openssl", [
            "pkeyutl", "-encrypt", "-pubin", "-inkey", file("public.pem"),
            "-pkeyopt", "rsa_padding_mode:pkcs1", "-in", file("secret"), "-out", file("cryptogram"),
        ])
        #expect(encrypt.status == 0, "\(encrypt.errorOutput)")
        let decrypt = try openSC("pkcs11-tool", [
            "--module", Self.module, "--slot-description", slot.readerName, "--login", "--pin", "1234",
            "--decrypt", "-m", "RSA-PKCS", "--id", authenticationKeyID,
            "-i", file("cryptogram"), "-o", file("deciphered"),
        ])
        #expect(decrypt.status == 0, "\(decrypt.errorOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file("deciphered"))) == Data(secret))
    }

    /// Writes the card's authentication public key to public.pem.
    private func publicKey() throws {
        let result = try Command.run("openssl", [
            "x509", "-in", TestCard.physician1.authenticationCertificate.path, "-pubkey", "-noout", "-out", file("public.pem"),
        ])
        #expect(result.status == 0)
    }
}

extension X509Certificate {
    /// Saves PEM output of a tool to `path` and loads the certificates in it.
    fileprivate static func loadPEMFile(writing data: Data, to path: String) throws -> [X509Certificate] {
        try data.write(to: URL(fileURLWithPath: path))
        return try loadPEMFile(path)
    }
}
