import ArgumentParser
import VaultCore

extension Admin {
    /// `cpsvault admin shred`: crypto-shredding at the end of a patient's hosting.
    struct Shred: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Destroy a patient's keys and data once their hosting has ended (L1111-8).",
            discussion: """
            Allowed only after a professional the patient designated recorded the end of the \
            hosting (cpsvault patient end-hosting) and the data were given back. Every copy of the \
            patient's keys is destroyed, then their records, events and identity; only the opaque \
            id stays, with the audit log. This cannot be undone. Under the two-person rule a second \
            administrator's card approves it first.

            Example:
              cpsvault admin shred 3F2A9C0E4B1D7A6F8E5C2B0A9D8C7B6A --json
            """)

        @OptionGroup var options: SessionOptions
        @OptionGroup var approver: ApproverOptions

        @Argument(help: "The patient id.")
        var patient: PatientID

        func run() throws {
            try ExitStatus.reporting {
                let approval = try approver.approval(vault: options.vaultPath(), options: options)
                let report = try options.withSession { try $0.administration.shred(patient: patient, approval: approval) }
                approver.announce(approval)
                try Output.emit(report, json: options.card.json) {
                    "\(report.patientID) shredded: \(report.keyCopies) key copies destroyed, "
                        + "\(report.recordVersions) record versions and \(report.policyEvents) policy events deleted."
                }
            }
        }
    }
}
