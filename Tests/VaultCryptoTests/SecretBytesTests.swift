import Testing
import VaultCrypto

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
