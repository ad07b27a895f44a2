import ArgumentParser
import VaultCore

/// `cpsvault grant`: care-team access to a patient.
struct Grants: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Give or take away a professional's access to a patient.",
        subcommands: [Add.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Grant an enrolled professional access to a patient.",
            discussion: "Example: cpsvault grant add 3F2A… --to 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: String
        @Option(help: "The professional's national id (RPPS or ADELI form, as on the card).") var to: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(.grant(patient: patient, to: to), as: Completed.self)
                try Output.emit(["granted": to], json: options.card.json) { "Granted to \(to); it reaches their card at their next session." }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a professional's access to a patient.", discussion: "Example: cpsvault grant revoke 3F2A… --from 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: String
        @Option(help: "The professional's national id.") var from: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(.revoke(patient: patient, from: from), as: Completed.self)
                try Output.emit(["revoked": from], json: options.card.json) { "Revoked for \(from)." }
            }
        }
    }
}
