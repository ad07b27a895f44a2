import ArgumentParser
import CPSCard
import Foundation
import VaultCore

/// Options of every command that opens the vault with a card: the card options, the vault,
/// and how the PIN is given.
struct SessionOptions: ParsableArguments {
    @OptionGroup var card: CardOptions

    @Option(help: "The vault database (default: $CPSVAULT_VAULT, else the configuration's \"vault\", else ~/.local/share/cpsvault/vault.sqlite).")
    var vault: String?

    @Option(name: .customLong("pin-fd"), help: "Read the PIN from this open file descriptor instead of the terminal.")
    var pinFileDescriptor: Int32?

    /// The vault's path.
    func vaultPath() throws -> String {
        if let vault { return vault }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CPSVAULT_VAULT"] { return fromEnvironment }
        if let configured = try Configuration.load(explicitPath: card.config).vault { return configured }
        return "\(NSHomeDirectory())/.local/share/cpsvault/vault.sqlite"
    }

    /// Authenticates the card in the chosen reader (certificate, PIN once, challenge).
    func authenticate() throws -> (card: AuthenticatedCard, reader: String) {
        let trust = try card.trust()
        let opened = try card.openCard()
        let authenticated = try opened.connection.withTransaction {
            try CardAuthenticator(trust: trust).authenticate(opened.driver) {
                if let pinFileDescriptor { return try PIN.read(fromFileDescriptor: pinFileDescriptor) }
                return try PIN.prompt("PIN for the card in \(opened.reader): ")
            }
        }
        return (authenticated, opened.reader)
    }

    /// Opens the vault and a session bound to the card; the audit head is signed by the card
    /// when `body` is done. A card refused on the way is recorded in the vault's audit log.
    func withSession<T>(_ body: (VaultSession) throws -> T) throws -> T {
        let vault = try Vault.open(at: vaultPath())
        let authenticated: AuthenticatedCard, reader: String
        do {
            (authenticated, reader) = try authenticate()
        } catch let error as CPSCardError {
            let certificate = try? card.openCard().driver.readCertificates().authentication
            try? vault.recordRefusedCard(certificate: certificate, nationalID: certificate?.subject.commonName,
                                        reason: "\(error)")
            throw error
        }
        let session = try VaultSession.open(vault, card: authenticated, reader: reader)
        defer { session.end() }
        do {
            let result = try body(session)
            try session.signAuditCheckpoint()
            return result
        } catch {
            try? session.signAuditCheckpoint()
            throw error
        }
    }
}
