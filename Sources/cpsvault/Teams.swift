import ArgumentParser
import VaultAgent
import VaultCore

/// `cpsvault team`: establishment care teams, managed by administrators.
struct Teams: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Create care teams and manage their members (administrators).",
        discussion: """
        A patient entrusted to a team (`cpsvault grant team`) is deemed entrusted to every member \
        (L1110-4 al.3). Administrators hold no patient keys: a member added to a team gets the \
        keys of the team's patients when a professional holding them next opens a session.
        """,
        subcommands: [Create.self, Add.self, Remove.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a care team and print its id.", discussion: "Example: cpsvault team create \"Cardiologie, unité 3\"")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The team's name, as the establishment calls it.") var name: String

        func run() throws {
            try ExitStatus.reporting {
                let teamID = try options.perform(VaultRequest.CreateTeam(name: name))
                try Output.emit(["teamID": teamID], json: options.card.json) { "\(teamID)" }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an enrolled professional to a care team.", discussion: "Example: cpsvault team add 7C01… --member 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The team id.") var team: TeamID
        @Option(help: "The professional's national id (RPPS or ADELI form, as on the card).") var member: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.TeamMember(.add, team: team, nationalID: member))
                try Output.emit(["added": member], json: options.card.json) {
                    "Added \(member); the team's patient keys reach them at the next session of a professional holding them."
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a professional from a care team, withdrawing the keys they held through it.",
            discussion: "Example: cpsvault team remove 7C01… --member 0756012345")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The team id.") var team: TeamID
        @Option(help: "The professional's national id.") var member: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.TeamMember(.remove, team: team, nationalID: member))
                try Output.emit(["removed": member], json: options.card.json) {
                    "Removed \(member); their keys to the team's patients are withdrawn and those patients queued for a rekey."
                }
            }
        }
    }
}
