import Testing
@testable import VaultCrypto

@Suite("Nonce reserve")
struct NonceReserveTests {
    /// Across several draws from the generator, every nonce handed out has the asked length and
    /// none comes twice.
    @Test func noNonceComesTwiceAcrossDraws() throws {
        var reserve = NonceReserve(nonceByteCount: 8, noncesPerDraw: 16)
        let nonces = try (0..<100).map { _ in try reserve.next() }
        #expect(nonces.allSatisfy { $0.count == 8 })
        #expect(Set(nonces).count == nonces.count)
    }

    /// Sealers of the same content under the same key and context get different nonce prefixes,
    /// hence different ciphertexts.
    @Test func recordSealersDrawDistinctPrefixes() throws {
        let key = try SecretBytes(randomCount: 32)
        let context = RecordContext(vaultID: Array(repeating: 1, count: 16), patientID: Array(repeating: 2, count: 16),
                                    recordID: Array(repeating: 3, count: 16), recordVersion: 1, keyVersion: 1,
                                    contentType: "text/plain")
        let prefixes = try (0..<1100).map { _ in try RecordSealer(patientKey: key, context: context).header.noncePrefix }
        #expect(Set(prefixes).count == prefixes.count)
    }
}
