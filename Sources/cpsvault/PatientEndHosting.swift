import ArgumentParser
import VaultAgent
import VaultCore

extension Patients {
    /// `cpsvault patient end-hosting`: the end of the patient's hosting (L1111-8).
    struct EndHosting: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end-hosting",
            abstract: "Record that the patient's hosting ends (L1111-8); then only restitution and shredding remain.",
            discussion: """
            For a professional the patient designated. The statement (how the decision was \
            expressed) is kept sealed; the record is permanent.

            Example:
              cpsvault patient end-hosting 3F2A9C0E4B1D7A6F8E5C2B0A9D8C7B6A --statement "letter of 2026-11-22"
            """)

        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "How the end of the hosting was decided (kept sealed).") var statement: String = ""

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.EndHosting(patient: patient, statement: statement))
                try Output.emit(["recorded": "end-hosting"], json: options.card.json) { "Recorded: the hosting has ended." }
            }
        }
    }
}
