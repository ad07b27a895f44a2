import ArgumentParser
import VaultAgent
import VaultCore

/// `cpsvault admin`: the key lifecycle, for administrators; no admin command shows a record.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer the vault's keys (administrator cards only).",
        subcommands: [Status.self, Rotate.self, Retire.self, RemoveAdministrator.self, RecoveryCertificate.self, Recover.self,
                      TwoPersonRule.self, Rekey.self, Shred.self])

    /// `cpsvault admin status`: vault key versions and what depends on them.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show vault key versions, the patient keys on each, pending deposits and rekeys, administrators.",
            discussion: "Example: cpsvault admin status --json")

        @OptionGroup var options: SessionOptions

        func run() throws {
            try ExitStatus.reporting {
                let status = try options.perform(VaultRequest.AdminStatus())
                try Output.emit(status, json: options.card.json) { Status.text(status) }
            }
        }

        static func text(_ status: AdministrationStatus) -> TerminalText {
            var lines: [TerminalText] = ["Vault \(status.vaultID)", "Administrators: \(status.administrators.joined(separator: ", "))",
                         "Recovery certificate: \(status.recoveryCertificate ?? "none")",
                         "Two-person rule: \(status.twoPersonRule ? "on" : "off")", "Pending rekeys: \(status.pendingRekeys)"]
            for version in status.keyVersions {
                lines.append("Vault key v\(version.version)\(version.retiredAt == nil ? "" : " (retired)"): "
                             + "\(version.patientKeys) patient keys, \(version.pendingDeposits) deposits to settle, "
                             + "sealed to \(version.administrators.joined(separator: ", "))"
                             + (version.recoverable ? " and the recovery certificate" : ", no recovery certificate"))
            }
            return lines.joined(separator: "\n")
        }
    }
}
