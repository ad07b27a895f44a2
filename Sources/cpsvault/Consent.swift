import ArgumentParser
import VaultAgent
import VaultCore

/// `cpsvault consent`: the patient's consent to sharing within the health centre.
struct Consent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record or withdraw a patient's consent to sharing with the health centre's professionals.",
        discussion: """
        In a maison or centre de santé, the patient's information reaches the structure's other \
        professionals only with their express consent, valid until withdrawn in the same forms \
        (L1110-4 al.4).
        """,
        subcommands: [Record.self, Withdraw.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the patient's express consent; the structure's professionals get the patient key.",
            discussion: "Example: cpsvault consent record 3F2A… --statement \"consent form signed 2026-11-22\"")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "How the consent was collected (kept sealed).") var statement: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.StructureConsent(.add, patient: patient, statement: statement))
                try Output.emit(["consent": "recorded"], json: options.card.json) { "Consent recorded." }
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the withdrawal of the consent; the keys handed on under it are withdrawn.",
            discussion: "Example: cpsvault consent withdraw 3F2A… --statement \"withdrawal form signed 2026-11-30\"")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "How the withdrawal was collected (kept sealed).") var statement: String

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.StructureConsent(.remove, patient: patient, statement: statement))
                try Output.emit(["consent": "withdrawn"], json: options.card.json) { "Consent withdrawn; a rekey is queued." }
            }
        }
    }
}
