import Testing
@_spi(SecretBytesAccess) import VaultCrypto

@Suite struct AESGCMKeyTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name, key, nonce, aad, plaintext, ciphertext, tag: String
        var testDescription: String { name }
    }

    @Test(arguments: Vectors.table("aes-256-gcm", as: Case.self))
    func publishedVectorsSealAndOpen(_ vector: Case) throws {
        let key = try AESGCMKey(SecretBytes(copying: bytes(hex: vector.key)))
        let sealed = try key.seal(bytes(hex: vector.plaintext), nonce: bytes(hex: vector.nonce), authenticating: bytes(hex: vector.aad))
        #expect(hex(sealed) == vector.ciphertext + vector.tag)
        #expect(try key.open(sealed, nonce: bytes(hex: vector.nonce), authenticating: bytes(hex: vector.aad)) == bytes(hex: vector.plaintext))
    }

    @Test(arguments: Vectors.table("aes-256-gcm", as: Case.self))
    func publishedVectorsRejectAnyFlippedBit(_ vector: Case) throws {
        let key = try AESGCMKey(SecretBytes(copying: bytes(hex: vector.key)))
        let sealed = bytes(hex: vector.ciphertext + vector.tag)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x80
            #expect(throws: CryptoError.authenticationFailed) {
                try key.open(tampered, nonce: bytes(hex: vector.nonce), authenticating: bytes(hex: vector.aad))
            }
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try key.open(sealed, nonce: bytes(hex: vector.nonce), authenticating: bytes(hex: vector.aad) + [0])
        }
    }

    @Test func reusedContextMatchesFreshContexts() throws {
        let keyBytes = try SecretBytes(randomCount: 32)
        let reused = try AESGCMKey(keyBytes)
        for count in 0..<200 {
            let plaintext = try SecureRandom.bytes(count: count * 7)
            let nonce = try SecureRandom.bytes(count: 12)
            let aad = try SecureRandom.bytes(count: count % 40)
            let sealed = try reused.seal(plaintext, nonce: nonce, authenticating: aad)
            #expect(try AESGCMKey(keyBytes).seal(plaintext, nonce: nonce, authenticating: aad) == sealed)
            // Alternate directions on the kept context, including a failed open in between.
            #expect(throws: CryptoError.authenticationFailed) { try reused.open(sealed, nonce: nonce, authenticating: aad + [1]) }
            #expect(try reused.open(sealed, nonce: nonce, authenticating: aad) == plaintext)
        }
    }

    @Test func openSecretReturnsTheKeyBytes() throws {
        let key = try AESGCMKey(SecretBytes(randomCount: 32))
        let secret = try SecretBytes(randomCount: 32)
        let nonce = try SecureRandom.bytes(count: 12)
        let sealed = try secret.withUnsafeBytes { try key.seal($0, nonce: nonce, authenticating: [7]) }
        #expect(try key.openSecret(sealed, nonce: nonce, authenticating: [7]).constantTimeEquals(secret))
    }

    @Test(arguments: [0, 16, 31, 33])
    func keyOfWrongLengthThrows(count: Int) {
        #expect(throws: CryptoError.invalidLength(of: "An AES-256-GCM key", expected: 32, found: count)) {
            try AESGCMKey(SecretBytes(count: count))
        }
    }

    @Test(arguments: [0, 8, 11, 13, 16])
    func nonceOfWrongLengthThrows(count: Int) throws {
        let key = try AESGCMKey(SecretBytes(count: 32))
        let nonce = [UInt8](repeating: 0, count: count)
        let expected = CryptoError.invalidLength(of: "An AES-256-GCM nonce", expected: 12, found: count)
        #expect(throws: expected) { try key.seal([1], nonce: nonce, authenticating: []) }
        #expect(throws: expected) { try key.open([UInt8](repeating: 0, count: 17), nonce: nonce, authenticating: []) }
    }

    @Test(arguments: [0, 1, 15])
    func sealedShorterThanATagFails(count: Int) throws {
        let key = try AESGCMKey(SecretBytes(count: 32))
        #expect(throws: CryptoError.authenticationFailed) {
            try key.open([UInt8](repeating: 0, count: count), nonce: [UInt8](repeating: 0, count: 12), authenticating: [])
        }
    }

    @Test func authenticationFailureMessageCarriesNoDetail() {
        #expect(CryptoError.authenticationFailed.description.contains("nothing was decrypted"))
    }
}
