import Foundation
import Testing
import VaultCrypto

@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func sha256KnownAnswers(input: String, expectedHex: String) {
        #expect(hex(Digest.sha256(Array(input.utf8))) == expectedHex)
    }

    @Test func sha256DigestInfoIsTheDERPrefixFollowedByTheHash() {
        let data = Array("challenge".utf8)
        let digestInfo = Digest.sha256DigestInfo(data)
        #expect(digestInfo.count == 51)
        #expect(hex(digestInfo.prefix(19)) == "3031300d060960864801650304020105000420")
        #expect(Array(digestInfo.suffix(32)) == Digest.sha256(data))
    }

    @Test func sha256AcceptsNonContiguousCollections() {
        let bytes = Array("abc".utf8)
        #expect(Digest.sha256(bytes.lazy.map { $0 }) == Digest.sha256(bytes))
    }
}

/// Lower-case hexadecimal, for comparing against published vectors.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
