import ArgumentParser
import VaultCore

/// `cpsvault trust import`: CA certificates added to the configuration's trust files.
struct TrustImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the CA certificates of a PEM, DER or PKCS#7 bundle to the configuration's trust files.",
        discussion: """
        Self-signed roots go to the first file of "trustAnchors", other CA certificates to the \
        first file of "intermediates" (created when missing, rewritten in one step as PEM). Each \
        certificate added is shown with its SHA-256 fingerprint: compare it with the one the \
        certification authority publishes. A bundle holding a certificate that is not a CA's is \
        refused and nothing is written (exit 65).

        Examples:
          cpsvault trust import igc-sante-ac.p7b
          cpsvault trust import --config /etc/cpsvault/config.json ACI-EL-ORG.pem
        """)

    @OptionGroup var options: TrustOptions

    @Argument(help: "The bundle: PEM certificates, one DER certificate, or PKCS#7 (.p7b, .p7c) in PEM or DER.")
    var file: String

    func run() throws {
        try ExitStatus.reporting {
            let configuration = try options.load()
            let bundle = try TrustBundleImport(bundle: file)
            let added = try bundle.apply(anchorFile: configuration.trustAnchors.first,
                                         intermediateFile: configuration.intermediates.first)
            print(TerminalText.lines(bundle.additions) { certificate, role in
                let file = role == .anchor ? configuration.trustAnchors.first : configuration.intermediates.first
                let state: TerminalText = added.contains(certificate) ? "added to \(file ?? "")" : "already in \(file ?? "")"
                return "\(role.rawValue) \(certificate.subject) SHA-256 \(certificate.sha256Fingerprint.hexString): " + state
            }.description)
        }
    }
}
