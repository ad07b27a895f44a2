import ArgumentParser
import CPSCard
import Foundation
import VaultCore

/// `cpsvault audit`: verify and read the audit log.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the audit chain and its signed checkpoints, and show entries.",
        subcommands: [Verify.self, Show.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole chain and every checkpoint signature; no card needed.",
            discussion: "Exits 0 when intact, 40 with every problem listed otherwise.\n\nExample: cpsvault audit verify --vault vault.sqlite")
        @Option(name: [.customLong("vault"), .customLong("store")], help: "The vault: an SQLite file or a postgres:// URL.") var vault: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            try ExitStatus.reporting {
                let report = try AuditVerifier.verify(VaultLocation(vault).open(trust: CardTrust(anchors: [])))
                try Output.emit(report, json: json) {
                    report.isIntact ? "Audit log intact: \(report.entries) entries, \(report.checkpoints) signed checkpoints."
                        : "Audit log TAMPERED:\n" + TerminalText.lines(report.problems) { "  - \($0)" }
                }
                if !report.isIntact { throw ExitCode(ExitStatus.auditTampered.rawValue) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show audit entries, filtered by patient, actor, action or time.",
            discussion: "Example: cpsvault audit show --patient 3F2A… --action record --json")
        @OptionGroup var options: SessionOptions
        @Option(help: "Only this patient's entries.") var patient: String?
        @Option(help: "Only this actor's entries (national id).") var actor: String?
        @Option(help: "Only this action, or this family of actions (e.g. record).") var action: String?
        @Option(help: "Only entries since this ISO 8601 time.") var since: String?
        @Option(help: "Only entries until this ISO 8601 time.") var until: String?

        func run() throws {
            try ExitStatus.reporting {
                let parse = ISO8601DateFormatter()
                func date(_ text: String?) throws -> Date? {
                    guard let text else { return nil }
                    guard let date = parse.date(from: text) else { throw ValidationError("not an ISO 8601 time: \(TerminalText.escaped(text))") }
                    return date
                }
                let lines = try options.perform(.auditEntries(patientID: patient, actorNationalID: actor, action: action,
                                                              since: try date(since), until: try date(until)),
                                                as: [AuditLine].self)
                try Output.emit(lines, json: options.card.json) {
                    TerminalText.lines(lines) { "\($0.sequence)  \($0.time)  \($0.actor)  \($0.action)  \($0.patientID ?? "-")  \($0.outcome)  \($0.reason)" }
                }
            }
        }
    }
}
