import ArgumentParser
import VaultCore

/// `cpsvault export restitution`: a patient's whole dossier given back (L1111-8).
struct ExportRestitution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restitution",
        abstract: "Export a patient's records, their history and the consent and access history (L1111-8).",
        discussion: """
        By an administrator of the hosting or a physician the patient designated. The content \
        is a tar archive (docs/EXPORTS.md).

        Example: cpsvault export restitution 3F2A… --to physician.pem --output dossier.cms --pin-fd 3 --json
        """)
    @OptionGroup var options: ExportOptions
    @Argument(help: "The patient id.") var patient: String
    @Flag(name: .customLong("then-shred"), help: "After a complete export, crypto-shred the patient (administrators; hosting consent withdrawn).")
    var thenShred = false

    func run() throws {
        try ExitStatus.reporting {
            try options.run { session, destination, progress in
                let summary = try session.exportRestitution(patient: patient, to: destination, progress: progress)
                if thenShred { try shredAfterRestitution(patient, in: session) }
                return summary
            }
        }
    }

    /// Where `--then-shred` hands over to the shredding of the patient once the export file is
    /// in place. Until the vault's shredding is available, the export stands and this says so.
    private func shredAfterRestitution(_ patient: String, in session: VaultSession) throws {
        throw ExportError.shredUnavailable
    }
}
