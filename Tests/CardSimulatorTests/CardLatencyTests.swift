import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import Testing
import VaultCrypto

/// The simulated card's latency profiles and its count of private-key operations: what each
/// exchange costs under a profile, the profile file's `latency`, and which commands count.
@Suite("Simulated card latency and operation counts")
struct CardLatencyTests {
    @Test("an exchange costs its fixed time, its bytes and its operation", arguments: [
        (CardLatency.none, 300, CardOperation.decipher, Duration.zero),
        (.cps3, 10, nil, .milliseconds(85) + .microseconds(11_000)),
        (.cps3, 520, .decipher, .milliseconds(85) + .microseconds(572_000) + .milliseconds(450)),
        (.cps3, 20, .verify, .milliseconds(85) + .microseconds(22_000) + .milliseconds(40)),
        (.cps4, 520, .computeDigitalSignature, .milliseconds(10) + .microseconds(44_200) + .milliseconds(150)),
    ] as [(CardLatency, Int, CardOperation?, Duration)])
    func exchangeCost(latency: CardLatency, bytes: Int, operation: CardOperation?, expected: Duration) {
        #expect(latency.duration(exchanging: bytes, performing: operation) == expected)
    }

    /// physician-1's profile file copied beside its keys with `latency` set to `value`.
    private func profile(latency value: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: TestCard.physician1.folder, to: folder)
        let url = folder.appendingPathComponent("profile.json")
        var fields = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        fields["latency"] = value
        try JSONSerialization.data(withJSONObject: fields).write(to: url)
        return url
    }

    @Test("a profile file names its latency; an unknown name is refused, naming the known ones")
    func profileLatency() throws {
        #expect(try TestCard.physician1.profile().latency == .none)
        let cps3 = try profile(latency: "cps3")
        defer { try? FileManager.default.removeItem(at: cps3.deletingLastPathComponent()) }
        #expect(try CardProfile(contentsOf: cps3).latency == .cps3)
        let unknown = try profile(latency: "fast")
        defer { try? FileManager.default.removeItem(at: unknown.deletingLastPathComponent()) }
        #expect {
            try CardProfile(contentsOf: unknown)
        } throws: { error in
            "\(error)".contains("latency must be one of none, cps3, cps4")
        }
    }

    @Test("a card counts the private-key operations it performed, not those it refused", arguments: [TestCard.physician1, .physicianCPS4])
    func privateKeyOperations(_ testCard: TestCard) throws {
        let card = try SimulatedCard(profile: testCard.profile())
        let channel = InProcessCardChannel(card: card)
        let driver: any CPSCardDriver = testCard == .physicianCPS4 ? try CPS4Driver(channel: channel) : try CPS3ContactDriver(channel: channel)
        let digestInfo = Digest.sha256DigestInfo(Array("challenge".utf8))
        #expect(throws: (any Error).self) { try driver.signWithAuthenticationKey(digestInfo: digestInfo) }
        #expect(card.privateKeyOperations == 0, "refused before the PIN")
        var digits = Array("1234".utf8)
        try driver.verify(PIN(wiping: &digits))
        #expect(card.privateKeyOperations == 0, "VERIFY uses no private key")
        _ = try driver.signWithAuthenticationKey(digestInfo: digestInfo)
        let cryptogram = try driver.readCertificates().authentication.publicKey.encryptPKCS1(SecretBytes(randomCount: 32))
        _ = try driver.decipherWithAuthenticationKey(cryptogram)
        _ = try driver.signWithSignatureKey(sha256: Digest.sha256(Array("document".utf8)))
        #expect(card.privateKeyOperations == 3)
    }
}
