import ArgumentParser
import CPSCard
import SmartCard

/// `cpsvault card status`: what the card says without its PIN.
struct CardStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the card, its holder and PIN tries left, without the PIN.",
        discussion: """
        The card is named by its generation (CPS3, CPS4), the interface it answers through \
        (contact, contactless) and the driver profile chosen for it: the command set, and whether \
        its ATR is a known one or the command set was found by probing the card.

        The holder comes from the card's authentication certificate, which is validated against \
        the trust anchors; a certificate that would be refused is shown with the reason.

        Examples:
          cpsvault card status
          cpsvault card status --reader 0 --json
        """)

    @OptionGroup var options: CardOptions

    struct Report: Encodable {
        var reader: String
        var atr: String
        var cardType: String
        var generation: CardGeneration
        var interface: CardInterface
        var profile: String
        var commandSet: CardCommandSet
        var atrKnown: Bool
        var serial: String
        var holder: Professional?
        var certificateSubject: String
        var certificateValid: Bool
        var certificateProblem: String?
        var pinTriesLeft: Int?
        var pinBlocked: Bool
        var pinVerified: Bool
        /// Certificate encodings the card stores that were read as the field's card clients read them.
        var certificateRepairs: [String]
    }

    func run() throws {
        try ExitStatus.reporting {
            let trust = try options.trust()
            let card = try options.openCard()
            let inspection = try card.withTransaction {
                try CardAuthenticator(trust: trust).inspect(card.driver)
            }
            var tries: Int?
            if case .triesLeft(let left) = inspection.pin { tries = left }
            let identification = card.identification
            let report = Report(
                reader: card.reader, atr: card.atr.hexString,
                cardType: "\(identification.generation.rawValue) (\(identification.interface.rawValue))",
                generation: identification.generation, interface: identification.interface,
                profile: identification.profile, commandSet: identification.commandSet,
                atrKnown: identification.knownATR != nil,
                serial: inspection.serial.hexString, holder: inspection.holder,
                certificateSubject: inspection.certificate.subject.description,
                certificateValid: inspection.rejection == nil,
                certificateProblem: inspection.rejection?.description,
                pinTriesLeft: tries, pinBlocked: inspection.pin == .blocked, pinVerified: inspection.pin == .verified,
                certificateRepairs: inspection.repairs.map(\.description))
            try Output.emit(report, json: options.json) { report.text }
        }
    }
}

extension CardStatus.Report {
    var text: TerminalText {
        let pin: String = pinBlocked ? "blocked" : pinVerified ? "verified"
            : pinTriesLeft.map { "\($0) tries left" } ?? "tries left not counted by the middleware (not the last one)"
        let holderLine = holder.map { "\($0.givenName) \($0.surname), \($0.profession.label), \($0.nationalID.kind.rawValue) \($0.nationalID.number)" }
            ?? certificateSubject
        let repairs = certificateRepairs.map { "\nEncoding:     \(TerminalText.escaped($0))" }.joined()
        let lines: TerminalText = """
        Reader:       \(reader)
        Card:         \(generation.rawValue), \(interface.rawValue) interface, serial \(serial)
        Driver:       \(profile)
        ATR:          \(atr)
        Holder:       \(holderLine)
        Certificate:  \(certificateValid ? "valid" : "REFUSED: \(certificateProblem ?? "")")
        PIN:          \(pin)
        """
        return TerminalText(stringLiteral: lines.description + repairs)
    }
}
