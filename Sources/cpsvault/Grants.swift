import ArgumentParser
import VaultAgent
import VaultCore

/// `cpsvault grant`: care-team access to a patient.
struct Grants: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Give or take away a professional's or a care team's access to a patient.",
        subcommands: [Add.self, Revoke.self, Team.self, RevokeTeam.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Grant an enrolled professional access to a patient.",
            discussion: "Example: cpsvault grant add 3F2A… --to 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "The professional's national id (RPPS or ADELI form, as on the card).") var to: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.Grant(.add, patient: patient, nationalID: to))
                try Output.emit(["granted": to], json: options.card.json) { "Granted to \(to); it reaches their card at their next session." }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a professional's access to a patient.", discussion: "Example: cpsvault grant revoke 3F2A… --from 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "The professional's national id.") var from: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.Grant(.remove, patient: patient, nationalID: from))
                try Output.emit(["revoked": from], json: options.card.json) { "Revoked for \(from)." }
            }
        }
    }

    struct Team: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Entrust a patient to an establishment care team (L1110-4 al.3).",
            discussion: "Every member gets the patient key at their next session. Example: cpsvault grant team 3F2A… --team 7C01…")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "The team id (`cpsvault team create` printed it).") var team: TeamID

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.TeamGrant(.add, patient: patient, team: team))
                try Output.emit(["grantedTeam": team], json: options.card.json) { "Granted to team \(team)." }
            }
        }
    }

    struct RevokeTeam: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-team", abstract: "Stop entrusting a patient to a care team; its members' keys are withdrawn.",
            discussion: "Example: cpsvault grant revoke-team 3F2A… --team 7C01…")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "The team id.") var team: TeamID

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.TeamGrant(.remove, patient: patient, team: team))
                try Output.emit(["revokedTeam": team], json: options.card.json) { "Revoked for team \(team); keys held through it are withdrawn." }
            }
        }
    }
}
