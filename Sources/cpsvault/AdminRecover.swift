import ArgumentParser
import Foundation
import VaultCore
import VaultCrypto

extension Admin {
    /// `cpsvault admin recover`: the offline recovery key makes new administrators.
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recover the vault key with the offline recovery key when every administrator card is lost.",
            discussion: """
            The recovery key opens the vault key through the copy sealed to the recovery \
            certificate, and the card in --reader becomes an administrator holding it (with the \
            two-person rule, the card in --approver-reader too). Then remove the lost cards \
            (`cpsvault professional remove`) and rotate the vault key.

            Example: cpsvault admin recover --recovery-key /media/offline/recovery.key.pem --pin-fd 3 3<pin
            """)

        @OptionGroup var options: SessionOptions
        @OptionGroup var approver: ApproverOptions

        @Option(help: "The recovery certificate's private key (PEM, unencrypted, kept offline).")
        var recoveryKey: String

        func run() throws {
            try ExitStatus.reporting {
                let vault = try VaultLocation(options.vaultPath()).open(trust: options.card.trust())
                let key = try RSAPrivateKey(contentsOfPEMFile: recoveryKey)
                let first = try options.card.openCard().authenticate(for: vault, pinFileDescriptor: options.pinFileDescriptor)
                let cards = try [first] + (approver.secondCard(for: vault).map { [$0] } ?? [])
                let administrators = try vault.recover(with: key, administrators: cards)
                try Output.emit(["administrators": administrators], json: options.card.json) {
                    "Recovered: \(administrators.joined(separator: ", ")) now hold the vault key. "
                        + "Remove the lost administrator cards (cpsvault professional remove) and rotate (cpsvault admin rotate)."
                }
            }
        }
    }
}
