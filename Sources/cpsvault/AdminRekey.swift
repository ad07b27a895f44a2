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
            when run again. Progress goes to standard error: a bar on a terminal, JSON lines otherwise.

            Examples:
              cpsvault admin rekey 3F2A9C0E4B1D7A6F8E5C2B0A9D8C7B6A
              cpsvault admin rekey --pending --json
            """)

        @OptionGroup var options: SessionOptions

        @Argument(help: "The patient id.")
        var patient: PatientID?

        @Flag(help: "Rekey every patient waiting for it (oppositions, team removals, consent withdrawals, interrupted rekeys).")
        var pending = false

        func validate() throws {
            guard (patient != nil) != pending else {
                throw ValidationError("Name one patient, or give --pending, not both.")
            }
        }

        func run() throws {
            try ExitStatus.reporting {
                let json = options.card.json
                let reports = try options.withSession { session in
                    if let patient { return [try session.administration.rekey(patient: patient) { Self.report($0, json: json) }] }
                    return try session.administration.rekeyPending { Self.report($0, json: json) }
                }
                try Output.emit(reports, json: options.card.json) {
                    reports.isEmpty ? "No rekey pending."
                        : TerminalText.lines(reports) { "\($0.patientID): patient key version \($0.keyVersion), "
                            + "\($0.resealedRecordVersions) record versions resealed\($0.resumed ? " (resumed)" : "")" }
                }
            }
        }

        /// One patient's resealing on standard error, as `ProgressReporter` shows it.
        static func report(_ step: RekeyStep, json: Bool) {
            let reporter = ProgressReporter(label: "rekey \(step.patientID)", json: json)
            switch step.step {
            case .started, .resumed: break
            case .resealed: reporter.report(done: step.resealed, total: step.toReseal, details: ["keyVersion": step.keyVersion])
            case .finished: reporter.report(done: step.resealed, total: step.resealed, details: ["keyVersion": step.keyVersion])
            }
        }
    }
}
