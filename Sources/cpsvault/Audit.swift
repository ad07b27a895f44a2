import ArgumentParser
import CPSCard
import Foundation
import VaultAgent
import VaultCore

/// `cpsvault audit`: verify and read the audit log.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the audit log and its signed checkpoints, prove an entry is in it, and show entries.",
        subcommands: [Verify.self, Show.self, Prove.self, Checkpoint.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole chain and every checkpoint signature; no card needed.",
            discussion: """
            Exits 0 when intact, 40 with every problem listed otherwise. What this workstation \
            verified last is kept outside the database (\(WitnessFolder.description)): a log \
            that no longer holds it (a database restored from an older copy, or cut back) is \
            reported as tampering. With --since-last only the entries after it are read.

            Example: cpsvault audit verify --vault vault.sqlite --since-last
            """)
        @Option(name: [.customLong("vault"), .customLong("store")], help: "The vault: an SQLite file or a postgres:// URL.") var vault: String
        @Flag(help: "Read only the entries after the newest checkpoint this workstation verified before.") var sinceLast = false
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            try ExitStatus.reporting {
                let report = try AuditVerifier.verify(VaultLocation(vault).open(trust: CardTrust(anchors: [])),
                                                      witnessFolder: WitnessFolder.url, incremental: sinceLast)
                try Output.emit(report, json: json) {
                    report.isIntact
                        ? "Audit log intact: \(report.entries) entries (\(report.checkedEntries) read), \(report.checkpoints) signed "
                            + "checkpoints read, \(report.unsignedEntries) entries not yet under a signed checkpoint "
                            + "(\(report.unintegratedEntries) not yet in the tree); root \(report.root)."
                        : "Audit log TAMPERED:\n" + TerminalText.lines(report.problems) { "  - \($0)" }
                }
                if !report.isIntact { throw ExitCode(ExitStatus.auditTampered.rawValue) }
            }
        }
    }

    /// `cpsvault audit prove SEQUENCE`: an entry's inclusion proof against a signed tree head.
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the inclusion proof of an audit entry against the newest signed tree head; no card needed.",
            discussion: """
            The proof (RFC 9162 hashing, docs/FORMAT.md) lets anyone check with a short script that \
            the entry is in the log a card signed. Make a signed tree head with `cpsvault audit checkpoint`.

            Example: cpsvault audit prove 42 --vault vault.sqlite --json
            """)
        @Option(name: [.customLong("vault"), .customLong("store")], help: "The vault: an SQLite file or a postgres:// URL.") var vault: String
        @Argument(help: "The entry's sequence number, as `cpsvault audit show` lists it.") var sequence: Int64
        @Flag(help: "Print the proof as JSON.") var json = false

        func run() throws {
            try ExitStatus.reporting {
                let proof = try AuditVerifier.prove(VaultLocation(vault).open(trust: CardTrust(anchors: [])), sequence: sequence)
                try Output.emit(proof, json: json) {
                    (["entry \(proof.sequence), leaf \(proof.leafIndex): \(proof.entryHash)", "tree size \(proof.treeSize), root \(proof.root)",
                      "signed by \(proof.signer)"] + proof.path.enumerated().map { "path \($0.offset): \($0.element)" })
                        .joined(separator: "\n")
                }
            }
        }
    }

    /// `cpsvault audit checkpoint`: the card signs a tree head over the whole log.
    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Have the card sign a tree head (size, Merkle root, chain head) over the whole audit log.",
            discussion: "Inclusion proofs (`cpsvault audit prove`) are checked against it.\n\nExample: cpsvault audit checkpoint --pin-fd 3 3<pin")
        @OptionGroup var options: SessionOptions

        func run() throws {
            try ExitStatus.reporting {
                let size = try options.withSession { try $0.auditTrail.signTreeHead() }
                try Output.emit(["treeSize": size], json: options.card.json) { "Signed tree head over \(size) entries." }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show audit entries, filtered by patient, actor, action or time.",
            discussion: "Example: cpsvault audit show --patient 3F2A… --action record --json")
        @OptionGroup var options: SessionOptions
        @Option(help: "Only this patient's entries.") var patient: PatientID?
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
                let lines = try options.perform(VaultRequest.ShowAudit(patientID: patient, actorNationalID: actor, action: action,
                                                                       since: try date(since), until: try date(until)))
                try Output.emit(lines, json: options.card.json) {
                    TerminalText.lines(lines) { "\($0.sequence)  \($0.time)  \($0.actor)  \($0.action)  \($0.patientID?.description ?? "-")  \($0.outcome)  \($0.reason)" }
                }
            }
        }
    }
}
