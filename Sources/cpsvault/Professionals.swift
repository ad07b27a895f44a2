import ArgumentParser
import CPSCard
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

            Example:
              cpsvault professional enrol --certificate nurse-auth.pem --pin-fd 3 3<<<"$ADMIN_PIN"
            """)

        @OptionGroup var options: SessionOptions

        @Option(help: "The professional's authentication certificate (PEM or DER), e.g. exported with pkcs15-tool.")
        var certificate: String

        @Flag(help: "Enrol them as an administrator.")
        var admin = false

        func run() throws {
            try ExitStatus.reporting {
                let trust = try options.card.trust()
                guard let certificate = try X509Certificate.loadPEMFile(certificate).first else {
                    throw CryptoError.invalidCertificate(source: self.certificate, reason: "no certificate in the file")
                }
                _ = try trust.verifier().verify(certificate)
                let professional = try Professional(certificate: certificate, cardSerial: [])
                _ = try options.perform(.enrol(certificate: certificate.derEncoded, nationalID: professional.nationalID.rawValue,
                                               administrator: admin), as: Completed.self)
                try Output.emit(["enrolled": professional.nationalID.rawValue], json: options.card.json) {
                    "Enrolled \(professional.givenName) \(professional.surname), \(professional.profession.label) (\(professional.nationalID))."
                }
            }
        }
    }
}
