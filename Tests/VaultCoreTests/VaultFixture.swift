import CardStackTesting
import CPSCard
import Foundation
import PCSC
@testable import VaultCore
import VaultCrypto

/// A fresh vault in a temporary folder, administered by admin-1, with physician-1, the nurse and
/// physician-2 enrolled. Its sessions authenticate the test cards in this process (the same
/// driver, certificate checks, PIN and challenge, no reader), or, for a fixture made with
/// `cardStack: true`, through the real card stack, inserted into the vault's two slots.
final class VaultFixture: @unchecked Sendable {
    /// The card stack, for a fixture that uses it; nil for one whose cards are in this process.
    let cardStack: CardStack?
    let folder: URL
    let vault: Vault
    let trust: CardTrust
    let administrator = TestSlot.vaultFirst
    let professional = TestSlot.vaultSecond

    /// The card stack of a fixture made with `cardStack: true`.
    var stack: CardStack {
        get throws {
            guard let cardStack else { throw TestStackError("this fixture's cards are in-process: make it with cardStack: true") }
            return cardStack
        }
    }

    /// Where the vault is kept: a file in `folder`, or a schema of its own on the PostgreSQL test server.
    let backing: VaultBacking

    init(cardStack useStack: Bool = false, backend: VaultBackend = .sqlite) throws {
        cardStack = useStack ? try CardStack() : nil
        cardStack?.empty(administrator)
        cardStack?.empty(professional)
        trust = try TestPKI.trust()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let adminCard = try Self.card(.admin1, in: administrator, stack: cardStack, trust: trust)
        backing = try VaultBacking(backend, in: folder)
        vault = try backing.create(administrator: adminCard, trust: trust)
        let session = try VaultSession.open(vault, card: adminCard)
        for card in [TestCard.physician1, .nurse, .physician2] {
            try session.administration.enrol(try X509Certificate.loadPEMFile(card.authenticationCertificate.path)[0])
        }
        session.end()
        cardStack?.empty(administrator)
    }

    deinit {
        backing.discard()
        cardStack?.empty(administrator)
        cardStack?.empty(professional)
        try? FileManager.default.removeItem(at: folder)
    }

    /// `card`, authenticated: in this process, or inserted into `slot` of the card stack.
    func card(_ card: TestCard, in slot: TestSlot) throws -> AuthenticatedCard {
        try Self.card(card, in: slot, stack: cardStack, trust: trust)
    }

    private static func card(_ card: TestCard, in slot: TestSlot, stack: CardStack?, trust: CardTrust) throws -> AuthenticatedCard {
        guard let stack else { return try card.authenticatedInProcess(trust: trust) }
        return try authenticate(card, in: slot, stack: stack, trust: trust)
    }

    /// Opens a session with `card` (in the professional slot, pulling out whatever is there, for
    /// a card-stack fixture, which can also watch the reader so the session ends on removal).
    func session(_ card: TestCard, watchingReader: Bool = false) throws -> VaultSession {
        cardStack?.empty(professional)
        let authenticated = try self.card(card, in: professional)
        return try VaultSession.open(vault, card: authenticated, reader: watchingReader ? professional.readerName : nil)
    }

    static func authenticate(_ card: TestCard, in slot: TestSlot, stack: CardStack, trust: CardTrust) throws -> AuthenticatedCard {
        try stack.insert(card, into: slot)
        let state = try stack.context.states(of: [slot.readerName])[0]
        let opened = try OpenedCard.open(state, context: stack.context)
        return try CardAuthenticator(trust: trust).authenticate(opened.driver) {
            var digits = Array("1234".utf8)
            return try PIN(wiping: &digits)
        }
    }

    /// A file holding `text`, for adding as a record.
    func file(_ text: String) throws -> FileHandle {
        try file(Data(text.utf8))
    }

    func file(_ data: Data) throws -> FileHandle {
        let url = folder.appendingPathComponent(UUID().uuidString)
        try data.write(to: url)
        return try FileHandle(forReadingFrom: url)
    }

    /// Reads a record into memory through a temporary file.
    func read(_ session: VaultSession, patient: PatientID, record: RecordID, version: Int? = nil) throws -> Data {
        try capture { try session.care.readRecord(patient: patient, recordID: record, version: version, to: $0) }
    }

    /// What `body` writes to a file handle, through a temporary file.
    func capture(_ body: (FileHandle) throws -> Void) throws -> Data {
        let url = folder.appendingPathComponent(UUID().uuidString)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try body(handle)
        try handle.close()
        return try Data(contentsOf: url)
    }

    /// Opens a session with admin-1's card (in the administrator slot, pulling out whatever is
    /// there, for a card-stack fixture).
    func administratorSession(_ card: TestCard = .admin1) throws -> VaultSession {
        cardStack?.empty(administrator)
        return try VaultSession.open(vault, card: self.card(card, in: administrator))
    }

    /// Enrols `cards` besides the fixture's own three, by an administrator's session.
    func enrol(_ cards: [TestCard]) throws {
        let session = try administratorSession()
        defer { session.end() }
        for card in cards {
            try session.administration.enrol(try X509Certificate.loadPEMFile(card.authenticationCertificate.path)[0])
        }
    }

    static let identity = PatientIdentity(familyName: "Durand", givenNames: "Camille", birthDate: "1984-03-12", sex: "F",
                                          ins: "284037512345640", address: "12 rue des Lilas, 75011 Paris")

    /// A second patient, for tests that need two.
    static let secondIdentity = PatientIdentity(familyName: "Martin", givenNames: "Louis", birthDate: "1975-02-03", sex: "M",
                                                ins: "175027512345729", address: "3 place du Marché, 69001 Lyon")
}
