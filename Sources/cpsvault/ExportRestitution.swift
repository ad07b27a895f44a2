import ArgumentParser
import Foundation
import VaultCore
import VaultCrypto

/// `cpsvault export restitution`: a patient's whole dossier given back (L1111-8).
struct ExportRestitution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restitution",
        abstract: "Export a patient's records, their history and the consent and access history (L1111-8).",
        discussion: """
        By a physician the patient designated, or by an administrator of the hosting once the \
        hosting has ended or the patient's request is recorded (`cpsvault patient event \
        PATIENT --restitution-request`); under the two-person rule an administrator needs a \
        second card (--approver-reader). Every --to certificate must be a designated \
        professional's or one the configuration names in "restitutionRecipients", and validate \
        against the trust anchors. The content is a tar archive (docs/EXPORTS.md).

        Example: cpsvault export restitution 3F2A… --to physician.pem --output dossier.cms --pin-fd 3 --json
        """)
    @OptionGroup var options: ExportOptions
    @OptionGroup var approver: ApproverOptions
    @Argument(help: "The patient id.") var patient: PatientID
    @Flag(name: .customLong("then-shred"), help: "After a complete export, crypto-shred the patient (administrators; hosting consent withdrawn).")
    var thenShred = false

    func run() throws {
        try ExitStatus.reporting {
            // The host's restitution and shredding: under the two-person rule, a second card approves before the session opens.
            let approval = thenShred || approver.approverReader != nil
                ? try approver.approval(vault: options.session.vaultPath(), options: options.session) : nil
            let named = try Configuration.load(explicitPath: options.session.card.config).restitutionRecipients
                .flatMap { try X509Certificate.loadPEMFile($0) }
            try options.run { session, destination, progress in
                let summary = try session.exports.exportRestitution(patient: patient, to: destination, namedRecipients: named,
                                                            approval: approval, progress: progress)
                if thenShred {
                    _ = try session.administration.shred(patient: patient, approval: approval)
                    Output.note("the export is complete; patient \(patient) is now crypto-shredded.")
                }
                return summary
            }
        }
    }
}
