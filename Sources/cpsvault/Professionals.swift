import ArgumentParser
import CPSCard
import PCSC
import VaultCore
import VaultCrypto

/// `cpsvault professional`: enrolment by an administrator.
struct Professionals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "professional", abstract: "Enrol professionals (administrators only).",
        subcommands: [Enrol.self])

    /// `cpsvault professional enrol`: enrols the holder of a certificate.
    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol the holder of an authentication certificate.",
            discussion: """
            The certificate is validated against the trust anchors like a card's. The new \
            professional's wallet is sealed to it, so only their card opens it.

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
                let trust = try options.card.trust()
                let certificate = try loadCertificate()
                _ = try trust.verifier().verify(certificate)
                let professional = try Professional(certificate: certificate, cardSerial: [])
                let nationalID = professional.nationalID.rawValue
                // An administrator gets the vault key: under the two-person rule, a second card approves, in this process.
                if admin, let approval = try approver.approval(vault: options.vaultPath(), options: options) {
                    try options.withSession { try $0.enrol(certificate, nationalID: nationalID, asAdministrator: true, approval: approval) }
                } else {
                    _ = try options.perform(.enrol(certificate: certificate.derEncoded, nationalID: nationalID, administrator: admin),
                                            as: Completed.self)
                }
                try Output.emit(["enrolled": professional.nationalID.rawValue], json: options.card.json) {
                    "Enrolled \(professional.givenName) \(professional.surname), \(professional.profession.label) (\(professional.nationalID))."
                }
            }
        }
    }
}
