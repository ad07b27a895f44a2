import CardStackTesting
import CPSCard
import Foundation
import PCSC
import VaultCore
import VaultCrypto

/// A fresh vault in a temporary folder, with test cards inserted into the vault's two slots
/// and authenticated through the real card stack.
final class VaultFixture: @unchecked Sendable {
    let stack: CardStack
    let folder: URL
    let vault: Vault
    let trust: CardTrust
    let administrator = TestSlot.vaultFirst
    let professional = TestSlot.vaultSecond

    /// Creates a vault administered by admin-1, with physician-1 and the nurse enrolled.
    init() throws {
        stack = try CardStack()
        stack.empty(administrator)
        stack.empty(professional)
        trust = try TestPKI.trust()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let admin = try Self.authenticate(.admin1, in: administrator, stack: stack, trust: trust)
        vault = try Vault.create(at: folder.appendingPathComponent("vault.sqlite").path, administrator: admin,
                                 recoveryCertificate: nil)
        let session = try VaultSession.open(vault, card: admin)
        for card in [TestCard.physician1, .nurse, .physician2] {
            let certificate = try X509Certificate.loadPEMFile(card.authenticationCertificate.path)[0]
            try session.enrol(certificate, nationalID: Professional(certificate: certificate, cardSerial: []).nationalID.rawValue)
        }
        session.end()
        stack.empty(administrator)
    }

    deinit {
        stack.empty(administrator)
        stack.empty(professional)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Inserts `card` in the professional slot (pulling out whatever is there) and opens a session with it.
    func session(_ card: TestCard, watchingReader: Bool = false) throws -> VaultSession {
        stack.empty(professional)
        let authenticated = try Self.authenticate(card, in: professional, stack: stack, trust: trust)
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
    func read(_ session: VaultSession, patient: String, record: String, version: Int? = nil) throws -> Data {
        try capture { try session.readRecord(patient: patient, recordID: record, version: version, to: $0) }
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

    /// Opens a session with admin-1's card in the administrator slot (pulling out whatever is there).
    func administratorSession() throws -> VaultSession {
        stack.empty(administrator)
        return try VaultSession.open(vault, card: Self.authenticate(.admin1, in: administrator, stack: stack, trust: trust))
    }

    static let identity = PatientIdentity(familyName: "Durand", givenNames: "Camille", birthDate: "1984-03-12", sex: "F",
                                          ins: "284037512345678", address: "12 rue des Lilas, 75011 Paris")
}
