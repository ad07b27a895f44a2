import ArgumentParser
import CPSCard

/// `cpsvault card change-pin`: replaces the card's PIN, under the same rules as login.
struct CardChangePIN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-pin",
        abstract: "Change the card's PIN: the old PIN once, then the new one.",
        discussion: """
        The card's certificate is validated and its tries counted before any PIN is asked. The \
        old and the new PIN are typed at the terminal without echo (the new one twice), or read \
        from two file descriptors with --pin-fd and --new-pin-fd for scripts. The old PIN is \
        sent once and never retried; with one try left nothing is sent unless --force-last-try \
        is given at a terminal. The new PIN's length must be one the card's PIN object allows.

        Examples:
          cpsvault card change-pin
          cpsvault card change-pin --pin-fd 3 --new-pin-fd 4 3<<<1234 4<<<5678
        """)

    @OptionGroup var options: CardOptions

    @Option(name: .customLong("pin-fd"), help: "Read the current PIN from this open file descriptor instead of the terminal.")
    var pinFileDescriptor: Int32?

    @Option(name: .customLong("new-pin-fd"), help: "Read the new PIN from this open file descriptor instead of the terminal.")
    var newPINFileDescriptor: Int32?

    @Flag(help: "Send the PIN even when only one try is left (terminal only).")
    var forceLastTry = false

    func validate() throws {
        if (pinFileDescriptor == nil) != (newPINFileDescriptor == nil) {
            throw ValidationError("--pin-fd and --new-pin-fd go together: a script gives both PINs, a person types both")
        }
        if forceLastTry && pinFileDescriptor != nil {
            throw ValidationError("--force-last-try needs the PIN typed at a terminal: a script never spends the last try")
        }
    }

    func run() throws {
        try ExitStatus.reporting {
            let card = try options.openCard()
            let trust = try options.trust()
            let professional = try card.withTransaction {
                try CardAuthenticator(trust: trust).changePIN(card.driver, allowLastTry: forceLastTry) {
                    try readPINs(reader: card.reader)
                }
            }
            try Output.emit(ChangedPIN(cardSerial: professional.cardSerial), json: options.json) {
                "PIN changed on card \(professional.cardSerial) (\(professional.givenName) \(professional.surname))."
            }
        }
    }

    /// The old and the new PIN, from the descriptors or typed at the terminal (the new one twice).
    private func readPINs(reader: String) throws -> (old: PIN, new: PIN) {
        if let pinFileDescriptor, let newPINFileDescriptor {
            return (try PIN.read(fromFileDescriptor: pinFileDescriptor), try PIN.read(fromFileDescriptor: newPINFileDescriptor))
        }
        let old = try PIN.prompt("Current PIN for the card in \(reader): ")
        let new = try PIN.prompt("New PIN: ")
        guard try PIN.prompt("New PIN again: ").matches(new) else { throw CPSCardError.newPINMismatch }
        return (old, new)
    }
}

/// What `card change-pin --json` prints.
private struct ChangedPIN: Encodable {
    var changed = true
    var cardSerial: String
}
