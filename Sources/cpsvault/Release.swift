import ArgumentParser
import Foundation
import VaultCore

/// `cpsvault release`: records for relatives after a grave diagnosis, or for heirs after death.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release chosen records to a patient's relatives, or with --heir to their heirs (physicians).",
        discussion: """
        Relatives or the person of trust may be informed after a grave diagnosis or prognosis \
        (L1110-4 al.8); heirs may receive what they need after the patient's death (al.9). Only \
        a physician in the patient's care may release, never against the patient's recorded \
        objection. The records are written one after the other, in the order given; with \
        --output the file appears only once all of them have been authenticated, owner-only; an \
        existing file is replaced only with --force.

        Examples:
          cpsvault release 3F2A… --record 9B10… --record 4E77… --output for-family.txt
          cpsvault release 3F2A… --record 9B10… --heir --output for-heirs.txt
        """)
    @OptionGroup var options: SessionOptions
    @Argument(help: "The patient id.") var patient: PatientID
    @Option(name: .customLong("record"), help: "A record to release (repeat for several).") var records: [RecordID]
    @Flag(help: "Release to the heirs of a deceased patient instead of relatives.") var heir = false
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Replace the --output file if it exists.") var force = false

    func validate() throws {
        guard !records.isEmpty else { throw ValidationError("Name at least one record with --record.") }
    }

    func run() throws {
        try ExitStatus.reporting {
            guard let output else { return try release(to: .standardOutput) }
            try Output.writeFile(OutputFile(path: output, replacing: force, content: .release), release)
            try Output.emit(["released": records], json: options.card.json) {
                "Released \(records.count) records to \(output) for the patient's \(heir ? "heirs" : "relatives")."
            }
        }
    }

    private func release(to handle: FileHandle) throws {
        try options.withSession { session in
            if heir {
                try session.care.heirAccess(patient: patient, recordIDs: records, to: handle)
            } else {
                try session.care.releaseToRelatives(patient: patient, recordIDs: records, to: handle)
            }
        }
    }
}
