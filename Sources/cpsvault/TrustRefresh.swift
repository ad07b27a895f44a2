import ArgumentParser
import CPSCard
import Foundation
import VaultCore
import VaultCrypto

/// `cpsvault trust refresh`: the CRLs of the configured CAs fetched from their distribution points.
struct TrustRefresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Fetch the CRLs named by the configured CA certificates and install those that verify.",
        discussion: """
        For each trust anchor and intermediate, the CRLs at the HTTP addresses of its CRL \
        distribution points are fetched, each within --timeout seconds. A CRL is installed only \
        if a configured CA certificate of its issuer's name signed it and it is current; it then \
        replaces that authority's CRL in the configuration's "crlDirectory" (default \
        ~/.local/share/cpsvault/crls, created owner-only) in one step. When a fetch fails, the CRL \
        installed before is kept and the line says so. One line per CA is printed as it is done.

        Exit statuses for scripts and timers: 0 every CRL refreshed; 70 some could not be (those \
        installed before are kept: see the lines); 71 none could be; 78 no CA certificate configured.

        Examples:
          cpsvault trust refresh
          cpsvault trust refresh --timeout 30
        """)

    @OptionGroup var options: TrustOptions

    @Option(help: "The longest a fetch may take, in seconds.")
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
    }

    func run() throws {
        try ExitStatus.reporting {
            let configuration = try options.load()
            let authorities = try (configuration.trustAnchors + configuration.intermediates).flatMap(X509Certificate.loadPEMFile)
            let refresh = RevocationListRefresh(
                authorities: authorities, folder: configuration.revocationListFolder,
                download: RevocationListDownload(timeout: .milliseconds(Int(timeout * 1000))))
            let result = try refresh.run { outcome in
                print(Self.line(outcome).description)
            }
            switch result {
            case .allRefreshed: break
            case .someKept:
                Output.note("some CRLs could not be refreshed: the ones installed before were kept (see the lines above).")
                throw ExitCode(ExitStatus.trustPartlyRefreshed.rawValue)
            case .noneRefreshed:
                Output.note("no CRL could be refreshed: the ones installed before were kept (see the lines above).")
                throw ExitCode(ExitStatus.trustNotRefreshed.rawValue)
            }
        }
    }

    /// The progress line of one CA.
    private static func line(_ outcome: RevocationListRefresh.AuthorityOutcome) -> TerminalText {
        let name: TerminalText = "\(outcome.certificate.subject.commonName ?? outcome.certificate.subject.description)"
        guard !outcome.points.isEmpty else {
            let why: TerminalText = outcome.certificate.crlDistributionPoints.contains(where: RevocationListDownload.canFetch)
                ? "its distribution points were fetched above" : "names no HTTP CRL distribution point"
            return name + ": " + why
        }
        let points = outcome.points.map { point -> TerminalText in
            if let installed = point.installed {
                return "\(point.url): installed the CRL of '\(installed.issuer)' (next update \(displayed(installed.nextUpdate)))"
            }
            return "\(point.url): not refreshed (\(point.failure ?? "")); the CRL installed before, if any, is kept"
        }
        return name + ": " + points.joined(separator: "; ")
    }
}
