import Foundation

/// Durable ingest into the SQLite vault: records added through `VaultSession.addRecord` (policy
/// check, patient key, sealing, the record rows and the audit entry, committed with
/// `synchronous=FULL`), against raw GRDB inserts of the same ciphertext sizes with the same
/// number of records per transaction.
struct SQLiteIngestFigure: Figure {
    /// Records at full scale.
    static let count = 100_000
    /// Plaintext bytes per record.
    static let recordSize = 1024
    /// Patients the records are spread over.
    static let patientCount = 100

    var name: String { "ingest-sqlite" }
    var title: String { "durable ingest of \(Self.count / 1000)k records of \(Self.recordSize / 1024) KiB into SQLite" }
    var baselineDescription: String? { "raw GRDB inserts of the same ciphertext sizes, same batching" }
    var requirements: [Requirement] { [.ratio(atLeast: 0.7)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.count) * scale), 100)
        let fixture = try BenchVault(patients: Self.patientCount)
        defer { fixture.remove() }
        let content = Data((0..<Self.recordSize).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let raw = try RawSQLiteInserts(path: fixture.folder.appendingPathComponent("raw.sqlite").path)
        // Alternating rounds, so that both see the same machine load and the same file growth.
        let rounds = 10
        var productSeconds = 0.0
        var baselineSeconds = 0.0
        for round in 0..<rounds {
            let share = count / rounds + (round < count % rounds ? 1 : 0)
            productSeconds += try Stopwatch.seconds {
                for index in 0..<share {
                    try fixture.physician.care.addBenchRecord(content, patient: fixture.patients[(round + index * rounds) % fixture.patients.count])
                }
            }
            baselineSeconds += try Stopwatch.seconds {
                try raw.insert(count: share, ciphertextSize: Self.recordSize + 16, batch: 1)
            }
        }
        return Outcome(
            measured: .throughput(Double(count) / productSeconds, "records/s"),
            baseline: .throughput(Double(count) / baselineSeconds, "records/s"),
            notes: ["\(count) records, 1 per transaction, in \(rounds) alternating rounds; product \(productSeconds.formatted(digits: 1)) s, baseline \(baselineSeconds.formatted(digits: 1)) s"])
    }
}
