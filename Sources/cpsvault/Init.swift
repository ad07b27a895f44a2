import ArgumentParser
import CPSCard
import Foundation
import VaultCore
import VaultCrypto

/// `cpsvault init`: creates a vault with the inserted card's holder as first administrator.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a vault; the inserted card's holder becomes its first administrator.",
        discussion: """
        The vault key is sealed to the administrator's card, and to an offline recovery \
        certificate when one is given: without one, losing every administrator card loses the \
        escrow. Keep the recovery key offline.

        Examples:
          cpsvault init --vault /var/lib/cpsvault/vault.sqlite --recovery-certificate recovery.pem
          cpsvault init --pin-fd 3 3<<<"$PIN"
        """)

    @OptionGroup var options: SessionOptions

    @Option(help: "A certificate whose offline private key can recover the vault key if every admin card is lost.")
    var recoveryCertificate: String?

    func run() throws {
        try ExitStatus.reporting {
            let recovery = try recoveryCertificate.map { path -> X509Certificate in
                guard let certificate = try X509Certificate.loadPEMFile(path).first else {
                    throw CryptoError.invalidCertificate(source: path, reason: "no certificate in the file")
                }
                return certificate
            }
            let path = try options.vaultPath()
            try VaultLocation(path).checkCreatable()  // before the PIN is asked
            let (card, _) = try options.authenticate()
            _ = try VaultLocation(path).create(administrator: card, recoveryCertificate: recovery, trust: options.card.trust())
            if recovery == nil {
                Output.note("no recovery certificate: if every administrator card is lost, the escrow copies cannot be opened. Add one with --recovery-certificate when you can.")
            }
            try Output.emit(["vault": path, "administrator": card.professional.nationalID.rawValue], json: options.card.json) {
                "Vault created at \(path); administrator \(card.professional.givenName) \(card.professional.surname) (\(card.professional.nationalID))."
            }
        }
    }
}
