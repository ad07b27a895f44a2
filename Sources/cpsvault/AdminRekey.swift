import ArgumentParser
import Foundation
import VaultCore

extension Admin {
    /// `cpsvault admin rekey`: a new key for a patient, or for every patient waiting for one.
    struct Rekey: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a patient a new key: reseal their records, hand it to their holders, destroy the old one.",
            discussion: """
            The old key is opened from its escrow copy with your administrator card; every record \
            version is resealed under the new key, which reaches the professionals holding the \
            patient at their next session. Interrupted, the command carries on where it stopped \
            when run again. Progress goes to standard error, as JSON lines when it is not a terminal.

            Examples:
              cpsvault admin rekey 3F2A9C0E4B1D7A6F8E5C2B0A9D8C7B6A
              cpsvault admin rekey --pending --json
            """)

        @OptionGroup var options: SessionOptions

        @Argument(help: "The patient id.")
        var patient: String?

        @Flag(help: "Rekey every patient waiting for it (oppositions, team removals, consent withdrawals, interrupted rekeys).")
        var pending = false

        func validate() throws {
            guard (patient != nil) != pending else {
                throw ValidationError("Name one patient, or give --pending, not both.")
            }
        }

        func run() throws {
            try ExitStatus.reporting {
                let progress = RekeyProgress()
                let reports = try options.withSession { session in
                    if let patient { return [try session.rekey(patient: patient, progress: progress.report)] }
                    return try session.rekeyPending(progress: progress.report)
                }
                try Output.emit(reports, json: options.card.json) {
                    reports.isEmpty ? "No rekey pending."
                        : reports.map { "\($0.patientID): patient key version \($0.keyVersion), "
                            + "\($0.resealedRecordVersions) record versions resealed\($0.resumed ? " (resumed)" : "")" }
                            .joined(separator: "\n")
                }
            }
        }
    }

    /// Rekey steps on standard error: a JSON object per line for a program, a sentence for a person.
    struct RekeyProgress {
        let asJSON = isatty(FileHandle.standardError.fileDescriptor) == 0

        func report(_ step: RekeyStep) {
            let line: String
            if asJSON {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                line = (try? encoder.encode(step)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            } else {
                switch step.step {
                case .started, .resumed: line = "\(step.patientID): \(step.step.rawValue) on patient key version \(step.keyVersion)"
                case .resealed: line = "\(step.patientID): \(step.resealed)/\(step.toReseal) record versions resealed"
                case .finished: line = "\(step.patientID): finished, older key versions destroyed"
                }
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
