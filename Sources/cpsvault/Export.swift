import ArgumentParser
import Foundation
import VaultCore
import VaultCrypto

/// `cpsvault export`: restitution (L1111-8), statistical extract and aggregates (L1411-8).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a dossier for restitution, or pseudonymised and aggregated data for a study.",
        discussion: """
        Every export is CMS SignedData signed by the card, inside CMS EnvelopedData encrypted to \
        the --to certificates; `openssl cms -decrypt` then `openssl cms -verify` open it \
        (docs/EXPORTS.md). The file appears under its name only when complete; an existing \
        file is replaced only with --force. Progress goes to standard error: a bar on a \
        terminal, else a line per step (JSON lines with --json); the summary goes to standard \
        output (one JSON object with --json).
        """,
        subcommands: [ExportRestitution.self, ExportStudy.self, ExportAggregate.self])
}

/// Options every export takes: the session, the recipients and the output file.
struct ExportOptions: ParsableArguments {
    @OptionGroup var session: SessionOptions

    @Option(name: .customLong("to"), help: "A recipient's certificate (PEM or DER); repeat for several recipients.")
    var recipients: [String] = []

    @Option(help: "The file to write; it appears only once the export is complete.")
    var output: String

    @Flag(help: "Replace the --output file if it exists.")
    var force = false

    func validate() throws {
        guard !recipients.isEmpty else { throw ValidationError("Name at least one recipient certificate with --to CERT.pem.") }
    }

    /// The recipients' certificates, the intermediates of the configuration, and the file.
    func destination() throws -> ExportDestination {
        let certificates = try recipients.flatMap { try X509Certificate.loadPEMFile($0) }
        let intermediates = try Configuration.load(explicitPath: session.card.config).intermediates
            .flatMap { try X509Certificate.loadPEMFile($0) }
        return ExportDestination(recipients: certificates, intermediates: intermediates, path: output, replacing: force)
    }

    /// Runs an export in a session of its own, reporting progress on standard error, then
    /// prints the summary.
    func run(_ export: (VaultSession, ExportDestination, (ExportProgress) -> Void) throws -> ExportSummary) throws {
        let destination = try destination()
        let json = session.card.json
        let summary = try session.withSession { vaultSession in
            try export(vaultSession, destination) { progress in
                ProgressReporter(label: progress.export, json: json)
                    .report(done: progress.patientsDone, total: progress.patientsTotal, details: progress)
            }
        }
        let leftOut = summary.leftOut.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        try Output.emit(summary, json: json) {
            "\(summary.export): \(summary.patients) patients, \(summary.items) items, \(summary.contentBytes) bytes signed by "
                + "\(summary.signer) and encrypted to \(summary.recipients.count) recipients in \(summary.output)"
                + (leftOut.isEmpty ? "" : "; left out: \(leftOut)")
                + (summary.suppressedCells.map { "; \($0) cells suppressed" } ?? "")
        }
    }
}

/// Options of the study exports: the patients and the study definition.
struct StudyOptions: ParsableArguments {
    @Argument(help: "The patients' ids.") var patients: [PatientID]
    @Option(help: "The study definition file (JSON; docs/EXPORTS.md).") var study: String
    @Option(help: "csv or jsonl.") var format: StudyFormat = .csv

    func definition() throws -> StudyDefinition {
        guard let data = FileManager.default.contents(atPath: study) else {
            throw ExportError.invalidStudy("\(study) cannot be read")
        }
        return try StudyDefinition(json: data)
    }
}

extension StudyFormat: ExpressibleByArgument {}
