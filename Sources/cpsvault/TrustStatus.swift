import ArgumentParser
import Foundation
import VaultCore

/// `cpsvault trust status`: the trust anchors, intermediates and CRLs in force.
struct TrustStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each trust anchor, intermediate and CRL, and warn of CRLs about to go stale.",
        discussion: """
        The CRLs are those the configuration lists in "crls" and those `cpsvault trust refresh` \
        installed in its "crlDirectory". A CRL that is stale, goes stale within a day, or that no \
        configured CA signed carries a warning; the command still exits 0.

        Examples:
          cpsvault trust status
          cpsvault trust status --json
        """)

    @OptionGroup var options: TrustOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try ExitStatus.reporting {
            let configuration = try options.load()
            let inventory = try TrustInventory(
                anchorFiles: configuration.trustAnchors, intermediateFiles: configuration.intermediates,
                revocationListFiles: configuration.crls, folder: configuration.revocationListFolder)
            try Output.emit(inventory, json: json) {
                let authorities = TerminalText.lines(inventory.authorities) { authority in
                    """
                    \(authority.role.rawValue) \(authority.subject)
                      issuer \(authority.issuer)
                      SHA-256 \(authority.fingerprint)
                      valid \(displayed(authority.notBefore)) to \(displayed(authority.notAfter))
                      file \(authority.file)
                    """
                }
                let crls = TerminalText.lines(inventory.revocationLists) { crl in
                    let next: TerminalText = crl.nextUpdate.map { "\(displayed($0))" } ?? "none"
                    let warning: TerminalText = crl.warning.map { "\n  warning: \($0)" } ?? ""
                    return """
                    crl issued by \(crl.issuer)
                      SHA-256 \(crl.fingerprint)
                      this update \(displayed(crl.thisUpdate)), next update \(next)
                      file \(crl.file)
                    """ + warning
                }
                let none: TerminalText = inventory.revocationLists.isEmpty
                    ? "no CRL: cards are refused (exit 33) until `cpsvault trust refresh` installs some" : ""
                return authorities + "\n" + crls + none
            }
        }
    }
}
