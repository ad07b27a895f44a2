import ArgumentParser
import CPSCard

/// `cpsvault card login`: authenticates the card holder and prints the proven identity.
struct CardLogin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Authenticate the card holder: certificate, PIN, and a challenge signed by the card.",
        discussion: """
        The PIN is typed at the terminal without echo, or read from a file descriptor with \
        --pin-fd for scripts. It is sent once and never retried. With one try left it is not \
        sent unless --force-last-try is given at a terminal; a script never spends the last try.

        Examples:
          cpsvault card login
          cpsvault card login --pin-fd 3 --json 3<<<1234
        """)

    @OptionGroup var options: CardOptions

    @Option(name: .customLong("pin-fd"), help: "Read the PIN from this open file descriptor instead of the terminal.")
    var pinFileDescriptor: Int32?

    @Flag(help: "Send the PIN even when only one try is left (terminal only).")
    var forceLastTry = false

    func validate() throws {
        if forceLastTry && pinFileDescriptor != nil {
            throw ValidationError("--force-last-try needs the PIN typed at a terminal: a script never spends the last try")
        }
    }

    func run() throws {
        try ExitStatus.reporting {
            let authenticated = try options.openCard().authenticate(trust: options.trust(), pinFileDescriptor: pinFileDescriptor,
                                                                    allowLastTry: forceLastTry)
            let professional = authenticated.professional
            try Output.emit(professional, json: options.json) {
                """
                Authenticated: \(professional.givenName) \(professional.surname)
                Profession:    \(professional.profession.label) (code \(professional.profession.rawValue))
                National id:   \(professional.nationalID) (\(professional.nationalID.kind.rawValue) \(professional.nationalID.number))
                Card serial:   \(professional.cardSerial)
                Certificate:   SHA-256 \(professional.certificateFingerprint)
                """
            }
        }
    }
}
