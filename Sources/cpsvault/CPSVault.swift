import ArgumentParser

/// `cpsvault`: the patient-record vault opened with a CPS card.
@main
struct CPSVault: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpsvault",
        abstract: "A vault for patient health records, opened with a CPS card.",
        discussion: """
        Every access needs a CPS-family card (CPS, CPE, CPA) in a PC/SC reader: its certificate \
        is validated against the configured trust anchors, its PIN verified, and it signs a fresh \
        challenge.

        Configuration: --config FILE, else $CPSVAULT_CONFIG, else ~/.config/cpsvault/config.json, \
        a JSON object with "trustAnchors", "intermediates" and "crls" (lists of PEM or DER files), \
        and "crlDirectory", the folder `cpsvault trust refresh` keeps CRLs in.

        \(ExitStatus.table)
        """,
        subcommands: [Readers.self, Card.self, Init.self, Professionals.self, Teams.self, Patients.self, Records.self, Grants.self,
                      Consent.self, Oppose.self, Release.self, Audit.self, Admin.self, Agent.self,
                      Export.self, Trust.self, Serve.self])

    /// Parses and runs the command as the argument parser does, except that a malformed patient,
    /// record or team id exits 65 with its own message (`IdentifierArgument`).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard let malformed = IdentifierArgument.malformed else { exit(withError: error) }
            Output.note("\(malformed)")
            exit(withError: ExitCode(ExitStatus.badInput.rawValue))
        }
    }
}

/// `cpsvault card`: the card commands.
struct Card: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect the card, authenticate its holder, change its PIN.",
        subcommands: [CardStatus.self, CardLogin.self, CardChangePIN.self])
}
