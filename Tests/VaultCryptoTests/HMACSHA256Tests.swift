import Testing
import VaultCrypto

@Suite struct HMACSHA256Tests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name, key, data, mac: String
        var testDescription: String { name }
    }

    @Test(arguments: Vectors.table("hmac-sha256", as: Case.self))
    func rfc4231(_ vector: Case) {
        let code = HMACSHA256.authenticationCode(for: bytes(hex: vector.data), key: SecretBytes(copying: bytes(hex: vector.key)))
        #expect(code.count == HMACSHA256.byteCount)
        // Test case 5 publishes only the first 128 bits.
        #expect(hex(code).hasPrefix(vector.mac))
    }

    @Test func emptyKeyIsTheZeroByteKey() {
        let message = Array("message".utf8)
        #expect(HMACSHA256.authenticationCode(for: message, key: SecretBytes(count: 0))
            == HMACSHA256.authenticationCode(for: message, key: SecretBytes(count: 1)))
    }

    @Test func acceptsEmptyAndNonContiguousMessages() {
        let key = SecretBytes(copying: [1, 2, 3])
        let message = Array("abc".utf8)
        #expect(HMACSHA256.authenticationCode(for: message.lazy.map { $0 }, key: key) == HMACSHA256.authenticationCode(for: message, key: key))
        #expect(HMACSHA256.authenticationCode(for: [], key: key).count == 32)
    }
}
