import ArgumentParser
import Foundation
import VaultAgent
import VaultCore

/// `cpsvault record`: add, get, list and trace records.
struct Records: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Add records, open them, list them and their history.",
        subcommands: [Add.self, Get.self, List.self, History.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a record, or a new version of one (a correction keeps the history).",
            discussion: """
            Examples:
              cpsvault record add 3F2A… --type text/plain consultation.txt
              cat scan.pdf | cpsvault record add 3F2A… --type application/pdf -
            """)
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Option(help: "The content type, a MIME type such as text/plain or application/fhir+json (at most 255 characters).") var type: String
        @Option(help: "Add a new version of this record instead of a new record.") var record: RecordID?
        @Argument(help: "The file to add, or - for standard input.") var file: String = "-"

        func run() throws {
            try ExitStatus.reporting {
                try ContentType.validate(type)  // before the PIN is asked
                let input = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                let summary = try options.perform(VaultRequest.AddRecord(patient: patient, recordID: record, contentType: type),
                                                  input: input)
                try Output.emit(summary, json: options.card.json) { "\(summary.recordID) version \(summary.version)" }
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a record's content to standard output or a file.",
            discussion: """
            With --output the file appears only once every segment has been authenticated, \
            owner-only; a tampered record leaves no file. An existing file is replaced only with \
            --force; a device or pipe such as /dev/stdout is written in place.

            Example: cpsvault record get 3F2A… 9B10… --output consultation.txt
            """)
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Argument(help: "The record id.") var record: RecordID
        @Option(help: "The version (default: the latest).") var version: Int?
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @Flag(help: "Replace the --output file if it exists.") var force = false

        func run() throws {
            try ExitStatus.reporting {
                guard let output else {
                    _ = try options.perform(VaultRequest.ReadRecord(patient: patient, recordID: record, version: version),
                                            output: .standardOutput)
                    return
                }
                try Output.writeFile(OutputFile(path: output, replacing: force, content: .record)) { handle in
                    _ = try options.perform(VaultRequest.ReadRecord(patient: patient, recordID: record, version: version),
                                            output: handle)
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a patient's records (latest versions).",
            discussion: """
            A record that fails authentication (modified, or moved from another patient) is left \
            out, named on standard error and audited; the others are listed. Opening it is exit 40.

            Example: cpsvault record list 3F2A… --json
            """)
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID

        func run() throws {
            try ExitStatus.reporting {
                let records = try options.perform(VaultRequest.ListRecords(patient: patient))
                try Output.emit(records, kind: "Record", json: options.card.json) { Records.table(records.items) }
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every version of a record.", discussion: "Example: cpsvault record history 3F2A… 9B10…")
        @OptionGroup var options: SessionOptions
        @Argument(help: "The patient id.") var patient: PatientID
        @Argument(help: "The record id.") var record: RecordID

        func run() throws {
            try ExitStatus.reporting {
                let versions = try options.perform(VaultRequest.RecordHistory(patient: patient, recordID: record))
                try Output.emit(versions, json: options.card.json) { Records.table(versions) }
            }
        }
    }

    static func table(_ rows: [RecordSummary]) -> TerminalText {
        TerminalText.lines(rows) { "\($0.recordID)  v\($0.version)  \($0.contentType)  \($0.size) bytes  \($0.author)  \($0.createdAt)" }
    }
}
