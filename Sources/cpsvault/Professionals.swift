import ArgumentParser
import CPSCard
import PCSC
import VaultAgent
import VaultCore
import VaultCrypto

/// `cpsvault professional`: enrolment by an administrator.
struct Professionals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "professional", abstract: "Enrol and remove card holders (administrators only).",
        subcommands: [Enrol.self, Remove.self])

    /// `cpsvault professional enrol`: enrols the holder of a certificate.
    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol the holder of an authentication certificate.",
            discussion: """
            The vault validates the certificate against the trust anchors like a card's and reads \
            the holder's identity from it. The new professional's wallet is sealed to it, so only \
            their card opens it. A holder whose enrolment was removed can be enrolled again.

            Examples:
              cpsvault professional enrol --certificate nurse-auth.pem --pin-fd 3 3<<<"$ADMIN_PIN"
              cpsvault professional enrol --from-reader 1 --reader 0      # the nurse's card in reader 1
            """)

        @OptionGroup var options: SessionOptions
        @OptionGroup var approver: ApproverOptions

        @Option(help: "The professional's authentication certificate (PEM or DER), e.g. exported with pkcs15-tool.")
        var certificate: String?

        @Option(help: "Read the certificate from the card in this reader instead (no PIN needed).")
        var fromReader: String?

        @Flag(help: "Enrol them as an administrator.")
        var admin = false

        func validate() throws {
            guard (certificate == nil) != (fromReader == nil) else {
                throw ValidationError("give either --certificate FILE or --from-reader READER")
            }
        }

        /// The certificate from the file, or read from the card in the other reader.
        private func loadCertificate() throws -> X509Certificate {
            if let fromReader {
                let context = try PCSCContext()
                return try OpenedCard.open(ReaderChoice.resolve(fromReader, in: context), context: context)
                    .driver.readCertificates().authentication
            }
            let path = certificate ?? ""
            guard let loaded = try X509Certificate.loadPEMFile(path).first else {
                throw CryptoError.invalidCertificate(source: path, reason: "no certificate in the file")
            }
            return loaded
        }

        func run() throws {
            try ExitStatus.reporting {
                let certificate = try loadCertificate()
                let professional = try Professional(certificate: certificate, cardSerial: [])
                // An administrator gets the vault key: under the two-person rule, a second card approves, in this process.
                if admin, let approval = try approver.approval(vault: options.vaultPath(), options: options) {
                    _ = try options.withSession { try $0.administration.enrol(certificate, asAdministrator: true, approval: approval) }
                    approver.announce(approval)
                } else {
                    _ = try options.perform(VaultRequest.Enrol(certificate: certificate, administrator: admin))
                }
                try Output.emit(["enrolled": professional.nationalID.rawValue], json: options.card.json) {
                    "Enrolled \(professional.givenName) \(professional.surname), \(professional.profession.label) (\(professional.nationalID))."
                }
            }
        }
    }

    /// `cpsvault professional remove NATIONAL_ID`: ends a card holder's enrolment.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a card holder's enrolment (offboarding).",
            discussion: """
            A professional's patient keys are withdrawn, their care team memberships end and \
            each patient they held is queued for a rekey (run `cpsvault admin rekey --pending`). \
            An administrator's copies of the vault key are destroyed; rotate the vault key \
            afterwards. Either can be enrolled again later with `cpsvault professional enrol`.

            Example: cpsvault professional remove 810003456782 --pin-fd 3 3<pin
            """)

        @OptionGroup var options: SessionOptions

        @Argument(help: "The card holder's national id (RPPS, ADELI or the administrator's id).")
        var nationalID: String

        func run() throws {
            try ExitStatus.reporting {
                let removal = try options.perform(VaultRequest.RemoveProfessional(nationalID: nationalID))
                try Output.emit(["removed": nationalID, "role": removal.wasAdministrator ? "administrator" : "professional"],
                                json: options.card.json) {
                    removal.wasAdministrator ? "Removed administrator \(nationalID). Rotate the vault key now: cpsvault admin rotate"
                        : "Removed \(nationalID): their keys were withdrawn; run `cpsvault admin rekey --pending`."
                }
            }
        }
    }
}
