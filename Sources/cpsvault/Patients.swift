import ArgumentParser
import Foundation
import VaultAgent
import VaultCore

/// `cpsvault patient`: create and list patients.
struct Patients: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient", abstract: "Create patients, find and list those you may open, record what the law attaches to them.",
        subcommands: [Create.self, List.self, Find.self, Event.self, EndHosting.self])

    /// `cpsvault patient create`: identity read from a JSON file or standard input, never argv.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a patient, with the hosting consent of L1111-8.",
            discussion: """
            The identity is a JSON object read from a file or standard input (never from \
            arguments, which other users can see): familyName, givenNames (1 to 200 characters \
            each), birthDate (YYYY-MM-DD, not in the future), sex (F, M or U), ins (15 \
            characters with its control key; 2A or 2B for a birth in Corsica), address. Each key \
            once, no other key; a malformed identity exits 65 naming the field.

            Example:
              cpsvault patient create --hosting-consent "signed form, 2026-11-22" identity.json
            """)

        @OptionGroup var options: SessionOptions

        @Option(help: "How the patient's express consent to hosting was collected.")
        var hostingConsent: String

        @Argument(help: "The identity JSON file, or - for standard input.")
        var identity: String = "-"

        /// The identity file's bytes, at most one more than an identity may have, so that a huge
        /// input is refused for its size without being read whole.
        static func read(_ file: String) throws -> Data {
            let handle = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            return try handle.read(upToCount: PatientIdentity.maximumJSONBytes + 1) ?? Data()
        }

        func run() throws {
            try ExitStatus.reporting {
                let parsed = try PatientIdentity(json: try Self.read(identity))
                let patientID = try options.perform(VaultRequest.CreatePatient(identity: parsed, hostingConsent: hostingConsent))
                try Output.emit(["patientID": patientID], json: options.card.json) { "\(patientID)" }
            }
        }
    }

    /// `cpsvault patient list`: the patients the card holder may open.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the patients you may open.",
            discussion: """
            A patient whose key grant or identity fails authentication (the vault was tampered \
            with) is left out, named on standard error and audited; the others are listed.

            Example: cpsvault patient list --json
            """)

        @OptionGroup var options: SessionOptions

        func run() throws {
            try ExitStatus.reporting {
                let patients = try options.perform(VaultRequest.ListPatients())
                try Output.emit(patients, kind: "Patient", json: options.card.json) {
                    TerminalText.lines(patients) { "\($0.patientID)  \($0.identity.familyName) \($0.identity.givenNames)  \($0.identity.birthDate)" }
                }
            }
        }
    }

    /// `cpsvault patient find`: by INS, read from standard input (never an argument).
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find a patient you may open by INS, given on standard input.",
            discussion: "Example: cpsvault patient find --json <<<\"284037512345640\"")

        @OptionGroup var options: SessionOptions

        func run() throws {
            try ExitStatus.reporting {
                let ins = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let patient = try options.perform(VaultRequest.FindPatient(ins: ins))
                try Output.emit(patient, json: options.card.json) {
                    "\(patient.patientID)  \(patient.identity.familyName) \(patient.identity.givenNames)  \(patient.identity.birthDate)"
                }
            }
        }
    }

    /// `cpsvault patient event`: a grave diagnosis, a death or one of the patient's objections.
    struct Event: ParsableCommand {
        /// The events, as flags.
        enum Kind: String, EnumerableFlag {
            case graveDiagnosis, relativesObjection, heirObjection, deceased, restitutionRequest

            var event: PatientEvent {
                switch self {
                case .graveDiagnosis: .graveDiagnosis
                case .relativesObjection: .relativesObjection
                case .heirObjection: .heirObjection
                case .deceased: .deceased
                case .restitutionRequest: .restitutionRequest
                }
            }

            static func help(for value: Self) -> ArgumentHelp? {
                switch value {
                case .graveDiagnosis: "A grave diagnosis or prognosis: relatives may be informed (L1110-4 al.8)."
                case .relativesObjection: "The patient objects to their relatives being informed (al.8)."
                case .heirObjection: "The patient objects to their information reaching their heirs (al.9)."
                case .deceased: "The patient's death: heirs may receive what they need (al.9)."
                case .restitutionRequest: "The patient asks for their data back: the host may restitute them (L1111-8)."
                }
            }
        }

        static let configuration = CommandConfiguration(
            abstract: "Record a grave diagnosis, the patient's death, their objection to relatives or heirs being informed, or their request for their data.",
            discussion: """
            Events are kept for good (append-only), sealed with the statement.

            Examples:
              cpsvault patient event 3F2A… --grave-diagnosis --statement "announced 2026-11-22"
              cpsvault patient event 3F2A… --heir-objection --statement "written wish, 2026-10-10"
            """)

        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Flag var kind: Kind
        @Option(help: "How it was established or expressed (kept sealed).") var statement: String = ""

        func run() throws {
            try ExitStatus.reporting {
                _ = try options.perform(VaultRequest.RecordPatientEvent(kind.event, patient: patient, statement: statement))
                try Output.emit(["recorded": kind.rawValue], json: options.card.json) { "Recorded." }
            }
        }
    }
}
