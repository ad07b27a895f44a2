import ArgumentParser
import CPSCard
import Foundation
import VaultAgent
import VaultCore
import VaultCrypto

/// Options of every command that opens the vault with a card: the card options, the vault,
/// and how the PIN is given.
struct SessionOptions: ParsableArguments {
    @OptionGroup var card: CardOptions

    @Option(name: [.customLong("vault"), .customLong("store")], help: ArgumentHelp(
        "The vault: an SQLite file, or a postgres://USER@HOST:PORT/DATABASE URL (default: $CPSVAULT_VAULT, else the configuration's \"vault\", else ~/.local/share/cpsvault/vault.sqlite).",
        discussion: "A PostgreSQL URL may add ?schema=NAME (default cpsvault) and sslmode=disable|prefer|require; its password, if the server asks for one, comes from ~/.pgpass or the file named by PGPASSFILE, never from the URL."))
    var vault: String?

    @Option(name: .customLong("pin-fd"), help: "Read the PIN from this open file descriptor instead of the terminal.")
    var pinFileDescriptor: Int32?

    @Option(help: ArgumentHelp(
        "Run the command in the session of the cpsvault agent at this socket, without a PIN (default: $CPSVAULT_AGENT when set).",
        discussion: "With --agent an agent that does not answer is an error; with $CPSVAULT_AGENT the command then opens its own session."))
    var agent: String?

    /// Where the vault is: a file path or a PostgreSQL URL (`VaultLocation`).
    func vaultPath() throws -> String {
        if let vault { return vault }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CPSVAULT_VAULT"] { return fromEnvironment }
        if let configured = try Configuration.load(explicitPath: card.config).vault { return configured }
        return "\(NSHomeDirectory())/.local/share/cpsvault/vault.sqlite"
    }

    /// Authenticates the card in the chosen reader (certificate, PIN once, challenge).
    func authenticate() throws -> (card: AuthenticatedCard, reader: String) {
        let opened = try card.openCard()
        return (try opened.authenticate(trust: card.trust(), pinFileDescriptor: pinFileDescriptor), opened.reader)
    }

    /// Runs a command's vault work: in the session of the cpsvault agent when one answers for
    /// this vault (no PIN asked), else in a session of its own, opened with the card and ended
    /// when the work is done. Record content comes from `input` and goes to `output`.
    func perform<Request: AgentRequest>(_ request: Request, input: FileHandle? = nil,
                                        output: FileHandle? = nil) throws -> Request.Response {
        // Decrypted content passes through this process even when the agent holds the session.
        try ProcessHardening.apply()
        let vault = try vaultPath()
        if let agent = AgentClient.named(explicitly: agent),
           let response = try agent.perform(request, vault: vault, input: input, output: output) {
            return response
        }
        let (session, _) = try openSession(vault: vault)
        defer {
            session.end()
            try? session.vault.recordWitness(in: WitnessFolder.url)
        }
        return try request.execute(in: session, streams: .files(input: input, output: output))
    }

    /// Opens the vault and a session bound to the card in the chosen reader. A card refused on
    /// the way is recorded in the vault's audit log (L1110-4 al.7: the attempt itself counts).
    /// The process is hardened first (`ProcessHardening`), before the PIN is read.
    func openSession(vault path: String) throws -> (session: VaultSession, reader: String) {
        try ProcessHardening.apply()
        let vault = try VaultLocation(path).open(trust: card.trust())
        // A vault whose log no longer holds what this workstation saw signed went back: refused.
        try vault.checkWitness(in: WitnessFolder.url)
        let opened = try card.openCard()
        let authenticated = try opened.authenticate(for: vault, pinFileDescriptor: pinFileDescriptor)
        return (try VaultSession.open(vault, card: authenticated, reader: opened.reader), opened.reader)
    }
}

extension SessionOptions {
    /// Runs `body` in a session of this command's own, never the agent's: for the commands the
    /// agent does not carry (README, "The cpsvault agent"). The card signs the audit head
    /// afterwards, as for requests.
    func withSession<T>(_ body: (VaultSession) throws -> T) throws -> T {
        let (session, _) = try openSession(vault: vaultPath())
        defer {
            session.end()
            try? session.vault.recordWitness(in: WitnessFolder.url)
        }
        return try session.auditTrail.signingAuditHead { try body(session) }
    }
}
