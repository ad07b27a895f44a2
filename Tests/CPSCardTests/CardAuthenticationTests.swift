import CardStackTesting
import CPSCard
import Foundation
import PCSC
import Testing
import VaultCrypto

/// Authentication of each test card through the real pcscd, vpcd and the simulated card.
@Suite("Card authentication through pcscd", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
struct CardAuthenticationTests {
    let stack: CardStack
    let slot = TestSlot.card

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
    }

    private func open() throws -> OpenedCard {
        let state = try #require(try stack.context.states(of: [slot.readerName]).first)
        return try OpenedCard.open(state, context: stack.context)
    }

    private func pin(_ digits: String) throws -> PIN {
        var bytes = Array(digits.utf8)
        return try PIN(wiping: &bytes)
    }

    private func authenticate(_ card: TestCard, pin digits: String = "1234", allowLastTry: Bool = false) throws -> AuthenticatedCard {
        try stack.insert(card, into: slot)
        defer { stack.empty(slot) }
        let opened = try open()
        return try CardAuthenticator(trust: TestPKI.trust()).authenticate(opened.driver, allowLastTry: allowLastTry) {
            try pin(digits)
        }
    }

    @Test("a physician's card authenticates and names its holder from the certificate")
    func physicianAuthenticates() throws {
        let authenticated = try authenticate(.physician1)
        let professional = authenticated.professional
        #expect(professional.nationalID.kind == .rpps)
        #expect(professional.nationalID.rawValue.count == 12)
        #expect(professional.profession == .physician)
        #expect(!professional.surname.isEmpty)
        #expect(professional.cardSerial.hasPrefix("8025000001"))
        let der = try X509Certificate.loadPEMFile(TestCard.physician1.authenticationCertificate.path)[0]
        #expect(professional.certificateFingerprint == der.sha256Fingerprint.hexString)
    }

    @Test("professions and identifier kinds come out of each card's certificate",
          arguments: [(TestCard.nurse, ProfessionCode.nurse, NationalID.Kind.adeli),
                      (.pharmacist, .pharmacist, .rpps), (.midwife, .midwife, .rpps),
                      (.admin1, .establishmentStaff, .establishmentStaff)])
    func professions(card: TestCard, profession: ProfessionCode, kind: NationalID.Kind) throws {
        let professional = try authenticate(card).professional
        #expect(professional.profession == profession)
        #expect(professional.nationalID.kind == kind)
    }

    @Test("each broken card is refused with its own reason, before any PIN is asked",
          arguments: [TestCard.expired, .revoked, .untrusted, .noKeyUsage])
    func brokenCardsRefused(card: TestCard) throws {
        var asked = false
        try stack.insert(card, into: slot)
        defer { stack.empty(slot) }
        let opened = try open()
        do {
            _ = try CardAuthenticator(trust: TestPKI.trust()).authenticate(opened.driver) {
                asked = true
                return try pin("1234")
            }
            Issue.record("\(card) was accepted")
        } catch CPSCardError.certificateRejected(let rejection) {
            switch (card, rejection) {
            case (.expired, .expired), (.revoked, .revoked), (.untrusted, .untrustedIssuer), (.noKeyUsage, .missingKeyUsage):
                break
            default:
                Issue.record("\(card) refused for the wrong reason: \(rejection)")
            }
        }
        #expect(!asked)
    }

    @Test("a wrong PIN is refused with the tries left, then the right one restores them")
    func wrongPIN() throws {
        let card = try stack.insert(.physician2, into: slot)
        defer { stack.empty(slot) }
        let opened = try open()
        let authenticator = try CardAuthenticator(trust: TestPKI.trust())
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) {
            try authenticator.authenticate(opened.driver) { try pin("0000") }
        }
        #expect(card.pinTriesLeft == 2)
        #expect(try opened.driver.pinStatus() == .triesLeft(2))
        _ = try authenticator.authenticate(opened.driver) { try pin("1234") }
        #expect(card.pinTriesLeft == 3)
    }

    @Test("with one try left the PIN is not sent unless allowed; a blocked card is refused without sending it")
    func lastTryAndBlocked() throws {
        let card = try stack.insert(.physician2, into: slot)
        defer { stack.empty(slot) }
        let opened = try open()
        let authenticator = try CardAuthenticator(trust: TestPKI.trust())
        for left in [2, 1] {
            #expect(throws: CPSCardError.wrongPIN(triesLeft: left)) {
                try authenticator.authenticate(opened.driver, allowLastTry: true) { try pin("9999") }
            }
        }
        #expect(throws: CPSCardError.self) {
            try authenticator.authenticate(opened.driver) { try pin("1234") }
        }
        #expect(card.pinTriesLeft == 1)
        #expect(throws: CPSCardError.self) {
            try authenticator.authenticate(opened.driver, allowLastTry: true) { try pin("9999") }
        }
        #expect(card.pinTriesLeft == 0)
        var asked = false
        do {
            _ = try authenticator.authenticate(opened.driver, allowLastTry: true) {
                asked = true
                return try pin("1234")
            }
            Issue.record("a blocked card authenticated")
        } catch CPSCardError.pinBlocked {
        }
        #expect(!asked)
    }

    @Test("a PIN counter kept in a file survives the card being pulled and reinserted")
    func persistentCounter() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try stack.insert(.pharmacist, into: slot, pinCounterFile: file)
        let authenticator = try CardAuthenticator(trust: TestPKI.trust())
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 2)) {
            try authenticator.authenticate(open().driver) { try pin("4321") }
        }
        try stack.remove(from: slot)
        let again = try stack.insert(.pharmacist, into: slot, pinCounterFile: file)
        defer { stack.empty(slot) }
        #expect(again.pinTriesLeft == 2)
        #expect(try open().driver.pinStatus() == .triesLeft(2))
    }

    @Test("a card pulled between two APDUs fails the next one as removed")
    func pulledBetweenAPDUs() throws {
        try stack.insert(.physician1, into: slot)
        let opened = try open()
        #expect(try opened.driver.pinStatus() == .triesLeft(3))
        try stack.remove(from: slot)
        #expect(throws: PCSCError.cardRemoved(reader: slot.readerName)) {
            try opened.driver.pinStatus()
        }
    }
}
