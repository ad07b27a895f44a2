import ArgumentParser
import VaultAgent
import VaultCore

extension Admin {
    /// `cpsvault admin rotate`: a new vault key version, every escrow copy rewrapped under it.
    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rotate the vault key: a new version, then every escrow copy rewrapped, resumably.",
            discussion: """
            The new version is sealed to every enrolled administrator card and to the recovery \
            certificate; escrow copies then move to it in batches, each one transaction. If the \
            command is interrupted (even killed), run it again: it carries on where it stopped. \
            The vault stays readable and writable meanwhile. Progress goes to standard error: a \
            bar on a terminal, JSON lines otherwise. Retire the old version afterwards with \
            `cpsvault admin retire`.

            Example: cpsvault admin rotate --pin-fd 3 3<pin --json
            """)

        @OptionGroup var options: SessionOptions
        @OptionGroup var approver: ApproverOptions

        func run() throws {
            try ExitStatus.reporting {
                let approval = try approver.approval(vault: options.vaultPath(), options: options)
                let reporter = ProgressReporter(label: "rotate", json: options.card.json)
                let summary = try options.withSession { session in
                    try session.administration.rotateVaultKey(approval: approval) { progress in
                        reporter.report(done: progress.rewrapped, total: progress.rewrapped + progress.remaining, details: progress)
                    }
                }
                approver.announce(approval)
                try Output.emit(summary, json: options.card.json) {
                    "Vault key v\(summary.targetVersion)\(summary.resumed ? " (rotation resumed)" : ""): "
                        + "\(summary.rewrapped) escrow copies rewrapped."
                        + (summary.retirable.isEmpty ? "" : " Retire the old versions with `cpsvault admin retire --below \(summary.targetVersion)`.")
                }
            }
        }
    }

    /// `cpsvault admin retire --below N`: destroys old vault key versions nothing depends on.
    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Destroy the vault key versions below N, once no patient key depends on them.",
            discussion: """
            Refused while a patient key still depends on one of them (finish the rotation first) \
            and for the current version. Their sealed copies and deposit keys are deleted and the \
            database files purged of them.

            Example: cpsvault admin retire --below 2 --pin-fd 3 3<pin
            """)

        @OptionGroup var options: SessionOptions

        @Option(help: "Retire every version below this one.")
        var below: Int

        func run() throws {
            try ExitStatus.reporting {
                let retired = try options.perform(VaultRequest.RetireVaultKeys(below: below))
                try Output.emit(["retired": retired], json: options.card.json) {
                    retired.isEmpty ? "No vault key version below v\(below) was live." : "Retired vault key " + retired.map { "v\($0)" }.joined(separator: ", ") + "."
                }
            }
        }
    }
}
