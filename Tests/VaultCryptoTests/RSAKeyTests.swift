import Foundation
import Testing
import VaultCrypto

@Suite struct RSAKeyTests {
    let key: RSAPrivateKey
    let certificate: X509Certificate

    init() throws {
        key = try TestPKI.authenticationKey(of: "physician-1")
        certificate = try TestPKI.authenticationCertificate(of: "physician-1")
    }

    @Test func keyMatchesItsCertificate() {
        #expect(key.modulusByteCount == 256)
        #expect(key.publicKey == certificate.publicKey)
    }

    @Test func signatureVerifiesWithTheCertificateKey() throws {
        let digestInfo = Digest.sha256DigestInfo(Array("challenge 42".utf8))
        let signature = try key.signPKCS1(encodedDigestInfo: digestInfo)
        #expect(signature.count == 256)
        #expect(certificate.publicKey.isValidPKCS1Signature(signature, over: digestInfo))
    }

    @Test func tamperedSignatureOrMessageIsRejected() throws {
        let digestInfo = Digest.sha256DigestInfo(Array("challenge 42".utf8))
        var signature = try key.signPKCS1(encodedDigestInfo: digestInfo)
        #expect(!certificate.publicKey.isValidPKCS1Signature(signature, over: Digest.sha256DigestInfo(Array("challenge 43".utf8))))
        signature[100] ^= 0x01
        #expect(!certificate.publicKey.isValidPKCS1Signature(signature, over: digestInfo))
        #expect(!certificate.publicKey.isValidPKCS1Signature([], over: digestInfo))
    }

    @Test func signatureFromAnotherCardIsRejected() throws {
        let digestInfo = Digest.sha256DigestInfo(Array("challenge".utf8))
        let otherSignature = try TestPKI.authenticationKey(of: "nurse").signPKCS1(encodedDigestInfo: digestInfo)
        #expect(!certificate.publicKey.isValidPKCS1Signature(otherSignature, over: digestInfo))
    }

    @Test func signingInputLongerThanThePaddingAllowsThrows() {
        #expect(throws: CryptoError.inputTooLong(operation: "PKCS#1 v1.5 signing", count: 246, maximum: 245)) {
            try key.signPKCS1(encodedDigestInfo: [UInt8](repeating: 1, count: 246))
        }
    }

    @Test func encryptionRoundTripsWithRandomPadding() throws {
        let secret = try SecretBytes(randomCount: 32)
        let first = try certificate.publicKey.encryptPKCS1(secret)
        let second = try certificate.publicKey.encryptPKCS1(secret)
        #expect(first.count == 256)
        #expect(first != second)
        #expect(try key.decryptPKCS1(first).constantTimeEquals(secret))
        #expect(try key.decryptPKCS1(second).constantTimeEquals(secret))
    }

    @Test func encryptingMoreThanThePaddingAllowsThrows() {
        #expect(throws: CryptoError.inputTooLong(operation: "PKCS#1 v1.5 encryption", count: 246, maximum: 245)) {
            try certificate.publicKey.encryptPKCS1(SecretBytes(count: 246))
        }
    }

    @Test(arguments: [
        ("zero, which deciphers to a block without the type-2 header", [UInt8](repeating: 0, count: 256)),
        ("too short", [UInt8](repeating: 0x42, count: 255)),
        ("empty", []),
        ("larger than the modulus", [UInt8](repeating: 0xFF, count: 256)),
    ])
    func decryptingGarbageThrowsOneUninformativeError(label: String, cryptogram: [UInt8]) {
        #expect(throws: CryptoError.decryptionFailed) { try key.decryptPKCS1(cryptogram) }
    }

    /// PKCS#1 v1.5 cannot always tell a wrong key (about one cryptogram in 65,536 unpads by
    /// chance), so what must hold is that the secret never comes out.
    @Test func decryptingForAnotherKeyNeverGivesTheSecret() throws {
        let secret = try SecretBytes(randomCount: 32)
        let cryptogram = try TestPKI.authenticationCertificate(of: "nurse").publicKey.encryptPKCS1(secret)
        do {
            let wrong = try key.decryptPKCS1(cryptogram)
            #expect(!wrong.constantTimeEquals(secret))
        } catch {
            #expect(error == .decryptionFailed)
        }
    }

    @Test func publicKeyRoundTripsThroughSubjectPublicKeyInfo() throws {
        let decoded = try RSAPublicKey(subjectPublicKeyInfo: certificate.publicKey.subjectPublicKeyInfo)
        #expect(decoded == certificate.publicKey)
        #expect(decoded.modulusByteCount == 256)
    }

    @Test func malformedSubjectPublicKeyInfoThrows() {
        #expect(throws: CryptoError.self) { try RSAPublicKey(subjectPublicKeyInfo: [0x30, 0x03, 0x02, 0x01, 0x00]) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(subjectPublicKeyInfo: certificate.publicKey.subjectPublicKeyInfo + [0]) }
    }

    @Test func missingKeyFileIsNamed() throws {
        let path = try TestPKI.path("cards/nobody/auth.key.pem")
        #expect(throws: CryptoError.fileNotFound(path: path)) { try RSAPrivateKey(contentsOfPEMFile: path) }
    }

    @Test func fileWithoutAKeyIsRefusedWithItsName() throws {
        let path = try TestPKI.path("cards/physician-1/auth.crt.pem")
        let error = #expect(throws: CryptoError.self) { try RSAPrivateKey(contentsOfPEMFile: path) }
        guard case .invalidPrivateKey(let source, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(source == "'\(path)'")
        #expect(error?.description.contains(path) == true)
    }

    @Test func garbagePEMIsRefused() {
        #expect(throws: CryptoError.self) {
            try RSAPrivateKey(pemEncoded: Array("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".utf8))
        }
    }
}

@Suite("Generated RSA keys")
struct GeneratedRSAKeyTests {
    @Test("a generated key survives its DER encoding and deciphers what its public key sealed")
    func generateEncodeDecode() throws {
        let key = try RSAPrivateKey.generate(bits: 2048)
        let restored = try RSAPrivateKey(derEncoded: key.derEncoded())
        #expect(restored.publicKey == key.publicKey)
        let secret = try SecretBytes(randomCount: 32)
        #expect(try restored.decryptPKCS1(key.publicKey.encryptPKCS1(secret)).constantTimeEquals(secret))
        #expect(throws: CryptoError.self) { try RSAPrivateKey.generate(bits: 1024) }
        #expect(throws: CryptoError.self) { try RSAPrivateKey(derEncoded: SecretBytes(copying: [0x30, 0x03, 0x02, 0x01, 0x00])) }
    }
}
