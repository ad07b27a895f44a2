import ArgumentParser
import VaultAgent
import VaultCore

/// `cpsvault oppose`: the patient's refusal that their information reach a professional.
struct Oppose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the patient's refusal that their information reach a professional (L1110-4 al.5).",
        discussion: """
        The professional's keys to the patient are withdrawn, the policy refuses them from now on \
        whatever grant or team they have, and the patient is queued for a rekey.

        Example: cpsvault oppose 3F2A… --against 810003456782 --statement "refusal stated 2026-11-22"
        """)
    @OptionGroup var options: SessionOptions
    @Argument(help: "The patient id.") var patient: PatientID
    @Option(help: "The national id of the professional the patient refuses.") var against: String
    @Option(help: "How the refusal was expressed (kept sealed).") var statement: String

    func run() throws {
        try ExitStatus.reporting {
            _ = try options.perform(VaultRequest.Oppose(patient: patient, against: against, statement: statement))
            try Output.emit(["opposed": against], json: options.card.json) { "Opposition against \(against) recorded; a rekey is queued." }
        }
    }
}
