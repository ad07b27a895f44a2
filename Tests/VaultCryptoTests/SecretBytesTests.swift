import Testing
@_spi(SecretBytesAccess) import VaultCrypto

@Suite struct SecretBytesTests {
    @Test func wipingAfterCopyZeroesTheCallersArrayAndKeepsTheCopy() {
        var key: [UInt8] = [1, 2, 3, 4, 5]
        let secret = SecretBytes(wipingAfterCopy: &key)
        #expect(key == [0, 0, 0, 0, 0])
        #expect(secret.withUnsafeBytes { Array($0) } == [1, 2, 3, 4, 5])
    }

    @Test func countInitialiserIsZeroed() {
        let secret = SecretBytes(count: 32)
        #expect(secret.count == 32)
        #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
    }

    @Test func randomSecretsDiffer() throws {
        let first = try SecretBytes(randomCount: 32)
        let second = try SecretBytes(randomCount: 32)
        #expect(first.count == 32)
        #expect(!first.constantTimeEquals(second))
    }

    @Test(arguments: [
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([1, 2, 3], [1, 2], false),
        ([], [], true),
    ] as [([UInt8], [UInt8], Bool)])
    func constantTimeEquals(lhs: [UInt8], rhs: [UInt8], equal: Bool) {
        #expect(SecretBytes(copying: lhs).constantTimeEquals(SecretBytes(copying: rhs)) == equal)
    }

    @Test func copyingAcceptsAnyCollection() {
        let secret = SecretBytes(copying: (1...4).map { UInt8($0) }.reversed())
        #expect(secret.withUnsafeBytes { Array($0) } == [4, 3, 2, 1])
    }

    @Test func secureRandomReturnsTheRequestedCount() throws {
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
        let bytes = try SecureRandom.bytes(count: 64)
        #expect(bytes.count == 64)
        #expect(try SecureRandom.bytes(count: 64) != bytes)
    }
}

/// Taking apart, joining and padding secrets without an intermediate array.
@Suite("SecretBytes composition")
struct SecretBytesCompositionTests {
    static func bytes(_ secret: SecretBytes) -> [UInt8] { secret.withUnsafeBytes { Array($0) } }

    @Test("a split gives both parts; joining them gives the whole back")
    func splitAndJoin() {
        var whole: [UInt8] = Array(1...64)
        let secret = SecretBytes(wipingAfterCopy: &whole)
        let (first, second) = secret.split(at: 32)
        #expect(Self.bytes(first) == Array(1...32) && Self.bytes(second) == Array(33...64))
        #expect(SecretBytes(concatenating: [first, second]).constantTimeEquals(secret))
        #expect(Self.bytes(SecretBytes(concatenating: [])) == [])
    }

    @Test("a slice is the bytes in its range", arguments: [0..<0, 0..<3, 2..<5, 5..<5])
    func slice(_ range: Range<Int>) {
        var source: [UInt8] = [10, 11, 12, 13, 14]
        #expect(Self.bytes(SecretBytes(wipingAfterCopy: &source).slice(range)) == Array([10, 11, 12, 13, 14][range]))
    }

    @Test("padding fills up to the length, and leaves a secret that long already as it is", arguments: [
        (4, [0x31, 0x32, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xFF] as [UInt8]),
        (8, [0x31, 0x32, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xFF]),
        (2, [0x31, 0x32, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xFF]),
    ] as [(Int, [UInt8])])
    func padding(_ digits: Int, _ expected: [UInt8]) {
        var pin: [UInt8] = [0x31, 0x32, 0x33, 0x34]
        let padded = SecretBytes(wipingAfterCopy: &pin).padded(to: 8, with: 0xFF)
        #expect(Self.bytes(padded) == expected)
        var full: [UInt8] = expected
        #expect(Self.bytes(SecretBytes(wipingAfterCopy: &full).padded(to: digits, with: 0)) == expected)
    }
}
