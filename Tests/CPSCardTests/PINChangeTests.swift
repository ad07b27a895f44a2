import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import Testing

/// Changing the PIN on both generations, in process, under the rules of login.
@Suite("PIN change")
struct PINChangeTests {
    private func pin(_ digits: String) throws -> PIN {
        var bytes = Array(digits.utf8)
        return try PIN(wiping: &bytes)
    }

    private func driver(_ card: TestCard) throws -> (SimulatedCard, RecordingChannel, any CPSCardDriver) {
        let simulated = try SimulatedCard(profile: card.profile())
        let channel = RecordingChannel(card: simulated)
        let atr = simulated.atr
        return (simulated, channel, try CardIdentification.identify(atr: atr, reader: "R", channel: channel).1)
    }

    @Test("the new PIN replaces the old one", arguments: [TestCard.physician1, .physicianCPS4])
    func changes(card: TestCard) throws {
        let (simulated, _, driver) = try driver(card)
        let holder = try CardAuthenticator(trust: TestPKI.trust()).changePIN(driver) { (try pin("1234"), try pin("4711")) }
        #expect(!holder.surname.isEmpty)
        simulated.reset()
        #expect(try driver.pinStatus() == .triesLeft(3))
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) { try driver.verify(pin("1234")) }
        try driver.verify(pin("4711"))
    }

    @Test("the CPS3 sends old and new PIN in one CHANGE REFERENCE DATA 00 24 00 01, from secret storage")
    func cps3Command() throws {
        let (_, channel, driver) = try driver(.physician1)
        try driver.changePIN(from: pin("1234"), to: pin("4711"))
        #expect(channel.sensitiveSent == [[0x00, 0x24, 0x00, 0x01, 0x08, 0x31, 0x32, 0x33, 0x34, 0x34, 0x37, 0x31, 0x31]])
        #expect(!channel.sent.contains { $0.count > 1 && $0[1] == 0x24 })
    }

    @Test("every command carrying a PIN leaves the driver from secret storage, none as a plain array",
          arguments: [TestCard.physician1, .physicianField, .physicianCPS4])
    func pinNeverInAnArray(card: TestCard) throws {
        let (_, channel, driver) = try driver(card)
        try driver.verify(pin("1234"))
        try driver.changePIN(from: pin("1234"), to: pin("4711"))
        try driver.verify(pin("4711"))
        let digits: [[UInt8]] = [Array("1234".utf8), Array("4711".utf8)]
        #expect(!channel.sent.contains { command in digits.contains { command.contains(subsequence: $0) } })
        #expect(channel.sensitiveSent.filter { $0[1] == 0x20 }.count >= 2)
        #expect(channel.sensitiveSent.contains { $0[1] == 0x24 })
    }

    @Test("a new PIN the card's PIN object does not allow is refused before anything is sent")
    func newPINLength() throws {
        let (_, channel, driver) = try driver(.physician1)
        channel.clear()
        #expect(throws: CPSCardError.newPINLength(minimum: 4, maximum: 4)) {
            try driver.changePIN(from: pin("1234"), to: pin("123456"))
        }
        #expect(channel.sent.isEmpty)
    }

    @Test("with one try left nothing is asked, unless the last try is allowed", arguments: [TestCard.physician1, .physicianCPS4])
    func lastTry(card: TestCard) throws {
        let (_, _, driver) = try driver(card)
        for _ in 0..<2 { _ = try? driver.verify(pin("0000")) }
        var asked = false
        #expect(throws: CPSCardError.self) {
            _ = try CardAuthenticator(trust: TestPKI.trust()).changePIN(driver) {
                asked = true
                return (try pin("1234"), try pin("4711"))
            }
        }
        #expect(!asked)
        _ = try CardAuthenticator(trust: TestPKI.trust()).changePIN(driver, allowLastTry: true) { (try pin("1234"), try pin("4711")) }
        #expect(try driver.pinStatus() == .verified)
    }
}

extension Array where Element == UInt8 {
    /// Whether `subsequence` appears in these bytes, contiguously.
    func contains(subsequence: [UInt8]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<$0 + subsequence.count]) == subsequence }
    }
}
