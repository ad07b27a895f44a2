import Foundation
import GRDB
import SmartCard
import VaultCore
import VaultCrypto
import VaultFixtures

/// `cpsvault audit verify` on a log of a million entries with a checkpoint every 1 000 (what the
/// agent's schedule signs at most): in full (every entry's hash recomputed, the chain, the Merkle
/// tree and every checkpoint's signature), then with `--since-last` after 1 000 new entries and
/// their checkpoint. Baseline: reading every entry straight from SQLite and
/// hashing its fields once, the least a full verification must do.
struct AuditVerifyFigure: Figure {
    static let entryCount = 1_000_000
    static let newEntries = 1000
    /// Entries between two checkpoints, written in one transaction.
    static let batch = 1000

    var name: String { "audit-verify" }
    var title: String { "audit verify, \(Self.entryCount / 1_000_000)M entries in full, then --since-last after \(Self.newEntries) new" }
    var baselineDescription: String? { "every entry read from SQLite and its fields hashed once (SHA-256)" }
    var requirements: [Requirement] { [.atMost(10), .secondaryAtMost("since-last", 0.1)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.entryCount) * scale), 10 * Self.batch)
        let fixture = try BenchVault(patients: 1)
        defer { fixture.remove() }
        /// Made-up reads of records `indexes` by the physician, in one transaction.
        func auditReads(_ indexes: Range<Int>) throws {
            try fixture.vault.auditRecordReads(indexes, by: fixture.physician, patient: fixture.patients[0])
        }
        let generation = try Stopwatch.seconds {
            for start in stride(from: 0, to: count, by: Self.batch) {
                try auditReads(start..<min(start + Self.batch, count))
                try fixture.physician.auditTrail.signAuditCheckpoint()
            }
        }
        let witness = fixture.folder.appendingPathComponent("witness")

        let (full, fullSeconds) = try Stopwatch.timed { try AuditVerifier.verify(fixture.vault, witnessFolder: witness) }
        guard full.isIntact, full.checkedEntries >= Int64(count) else { throw BenchError("the full verification failed: \(full.problems)") }
        let raw = try Self.readAndHash(fixture.vault.path)
        guard raw.entries == full.entries else { throw BenchError("the baseline read \(raw.entries) entries of \(full.entries)") }

        try auditReads(count..<(count + Self.newEntries))
        try fixture.physician.auditTrail.signAuditCheckpoint()
        let (incremental, incrementalSeconds) = try Stopwatch.timed {
            try AuditVerifier.verify(fixture.vault, witnessFolder: witness, incremental: true)
        }
        guard incremental.isIntact, incremental.checkedEntries <= Int64(Self.newEntries) + 10 else {
            throw BenchError("the incremental verification read \(incremental.checkedEntries) entries: \(incremental.problems)")
        }
        return Outcome(
            measured: .cost(fullSeconds, "s"),
            baseline: .cost(raw.seconds, "s"),
            secondary: ["since-last": (.cost(incrementalSeconds, "s"), nil)],
            notes: ["\(full.entries) entries generated in \(generation.formatted(digits: 0)) s, \(full.checkpoints) checkpoints",
                    "--since-last read \(incremental.checkedEntries) entries in \((incrementalSeconds * 1000).formatted(digits: 1)) ms; "
                        + "both runs found \(incremental.unsignedEntries) entries unsigned"])
    }

    /// Reads every audit entry straight from the SQLite file, in leaf order, and hashes its fields once.
    private static func readAndHash(_ path: String) throws -> (entries: Int64, seconds: Double) {
        let database = try DatabaseQueue(path: path)
        var entries: Int64 = 0
        let seconds = try Stopwatch.seconds {
            try database.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT sequence, time, actor_fingerprint, actor_national_id, action, patient_id, outcome, reason, previous_hash
                    FROM audit_entry ORDER BY leaf_index
                    """)
                var fields: [UInt8] = []
                while let row = try rows.next() {
                    fields.removeAll(keepingCapacity: true)
                    withUnsafeBytes(of: (row[0] as Int64).bigEndian) { fields += $0 }
                    withUnsafeBytes(of: (row[1] as Int64).bigEndian) { fields += $0 }
                    fields += (row[2] as Data?) ?? Data()
                    fields += ((row[3] as String?) ?? "").utf8
                    fields += (row[4] as String).utf8
                    fields += (row[5] as Data?) ?? Data()
                    fields += (row[6] as String).utf8
                    fields += (row[7] as String).utf8
                    fields += (row[8] as Data?) ?? Data()
                    _ = Digest.sha256(fields)
                    entries += 1
                }
            }
        }
        return (entries, seconds)
    }
}
