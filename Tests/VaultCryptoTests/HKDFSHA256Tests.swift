import Testing
@_spi(SecretBytesAccess) import VaultCrypto

@Suite struct HKDFSHA256Tests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name, ikm, salt, info, okm: String
        let length: Int
        var testDescription: String { name }
    }

    @Test(arguments: Vectors.table("hkdf-sha256", as: Case.self))
    func rfc5869(_ vector: Case) throws {
        let derived = try HKDFSHA256.deriveKey(
            from: SecretBytes(copying: bytes(hex: vector.ikm)), salt: bytes(hex: vector.salt),
            info: bytes(hex: vector.info), outputByteCount: vector.length)
        #expect(derived.withUnsafeBytes { hex($0) } == vector.okm)
    }

    @Test(arguments: [0, -1, HKDFSHA256.maximumOutputByteCount + 1])
    func outputLengthOutOfRangeThrows(count: Int) {
        #expect(throws: CryptoError.invalidOutputLength(operation: "HKDF-SHA256", requested: count, maximum: 8160)) {
            try HKDFSHA256.deriveKey(from: SecretBytes(count: 32), salt: [], info: [], outputByteCount: count)
        }
    }

    @Test func maximumOutputLengthIsProduced() throws {
        let derived = try HKDFSHA256.deriveKey(from: SecretBytes(count: 32), salt: [], info: [], outputByteCount: 8160)
        #expect(derived.count == 8160)
    }
}
