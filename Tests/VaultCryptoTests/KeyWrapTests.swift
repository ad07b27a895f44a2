import Testing
@_spi(SecretBytesAccess) @testable import VaultCrypto

@Suite struct KeyWrapTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name, wrappingKey, key, nonce, context, wrapped: String
        var testDescription: String { name }
    }

    @Test(arguments: Vectors.table("key-wrap-v1", as: Case.self))
    func goldenVectorIsStable(_ vector: Case) throws {
        #expect(hex(GoldenFixtures.wrapContext) == vector.context)
        let wrapped = try KeyWrap.wrap(
            SecretBytes(copying: bytes(hex: vector.key)), with: SecretBytes(copying: bytes(hex: vector.wrappingKey)),
            context: bytes(hex: vector.context), nonce: bytes(hex: vector.nonce))
        #expect(hex(wrapped) == vector.wrapped)
        let unwrapped = try KeyWrap.unwrap(bytes(hex: vector.wrapped), with: SecretBytes(copying: bytes(hex: vector.wrappingKey)),
                                           context: bytes(hex: vector.context))
        #expect(unwrapped.withUnsafeBytes { hex($0) } == vector.key)
    }

    @Test func wrapsTo61BytesWithAFreshNonceEachTime() throws {
        let key = try SecretBytes(randomCount: 32)
        let first = try KeyWrap.wrap(key, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        let second = try KeyWrap.wrap(key, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        #expect(first.count == 61 && KeyWrap.wrappedByteCount(keyByteCount: 32) == 61)
        #expect(first[0] == 1)
        #expect(first != second)
        #expect(try KeyWrap.unwrap(first, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext).constantTimeEquals(key))
    }

    @Test func wrongWrappingKeyOrContextFails() throws {
        let wrapped = try KeyWrap.wrap(GoldenFixtures.wrappedKey, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        #expect(throws: CryptoError.authenticationFailed) {
            try KeyWrap.unwrap(wrapped, with: SecretBytes(randomCount: 32), context: GoldenFixtures.wrapContext)
        }
        var otherHolder = ContextEncoder(label: "cpsvault grant v1")
        otherHolder.append([UInt8](repeating: 0x11, count: 16))
        otherHolder.append([UInt8](repeating: 0x22, count: 16))
        otherHolder.append(UInt32(2))
        otherHolder.append("8009999999")
        for context in [otherHolder.bytes, [], GoldenFixtures.wrapContext + [0]] {
            #expect(throws: CryptoError.authenticationFailed) {
                try KeyWrap.unwrap(wrapped, with: GoldenFixtures.wrappingKey, context: context)
            }
        }
    }

    @Test func everyFlippedByteFails() throws {
        let wrapped = try KeyWrap.wrap(GoldenFixtures.wrappedKey, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        for index in wrapped.indices {
            var tampered = wrapped
            tampered[index] ^= 0x01
            let expected: CryptoError = index == 0
                ? .unsupportedFormatVersion(format: "wrapped key", version: 0) : .authenticationFailed
            #expect(throws: expected, "byte \(index)") {
                try KeyWrap.unwrap(tampered, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
            }
        }
    }

    @Test(arguments: [0, 1, 28, 60])
    func truncatedBlobFails(count: Int) throws {
        let wrapped = try KeyWrap.wrap(GoldenFixtures.wrappedKey, with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        #expect(throws: CryptoError.authenticationFailed) {
            try KeyWrap.unwrap(Array(wrapped.prefix(count)), with: GoldenFixtures.wrappingKey, context: GoldenFixtures.wrapContext)
        }
    }

    @Test func contextEncodingIsLengthPrefixed() {
        var split = ContextEncoder(label: "l")
        split.append([1, 2])
        split.append([3])
        var joined = ContextEncoder(label: "l")
        joined.append([1])
        joined.append([2, 3])
        #expect(split.bytes != joined.bytes)
        #expect(split.bytes == [0, 0, 0, 1, 0x6c, 0, 0, 0, 2, 1, 2, 0, 0, 0, 1, 3])
    }
}
