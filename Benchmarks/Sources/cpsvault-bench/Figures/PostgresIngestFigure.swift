import Foundation
import VaultCore
import VaultStorePostgres

/// Ingest into a vault on PostgreSQL by several workstations at once: `clients` processes'
/// worth of clients, each with its own store (connection) and card session, adding records of
/// 1 KiB through `VaultSession.addRecord` (each one SERIALIZABLE transaction, retried on a
/// conflict), against as many clients doing raw INSERTs of the same sizes on the same server.
struct PostgresIngestFigure: Figure {
    /// Records at full scale, all clients together.
    static let count = 20_000
    static let clients = 8
    static let recordSize = 1024
    /// Patients the records are spread over.
    static let patientCount = 64

    var name: String { "ingest-postgres" }
    var title: String { "PostgreSQL ingest, \(Self.clients) concurrent clients" }
    var baselineDescription: String? { "raw INSERTs of the same rows from \(Self.clients) clients, same server" }
    var requirements: [Requirement] { [.ratio(atLeast: 0.5)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.count) * scale), 10 * Self.clients)
        let location = try BenchPostgres.location(for: "vault")
        let rawLocation = try BenchPostgres.location(for: "raw")
        defer {
            BenchPostgres.drop(location)
            BenchPostgres.drop(rawLocation)
        }
        let fixture = try BenchVault(patients: Self.patientCount, location: .server(location))
        defer { fixture.remove() }
        let raw = try RawPostgresInserts(location: rawLocation, clients: Self.clients)
        // One session per client, opened before the clock starts, as on workstations already in use.
        let sessions = try BenchCards.physicianSessions(Self.clients, at: .server(location))
        defer { sessions.forEach { $0.end() } }
        let patients = fixture.patients
        let content = Data((0..<Self.recordSize).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        // Alternating rounds, so that both see the same machine load and the same table growth.
        let rounds = 4
        var product = BusyTime()
        var baseline = BusyTime()
        for round in 0..<rounds {
            let share = count / rounds
            try product.measure {
                try ConcurrentClients.run(Self.clients) { client in
                    for index in stride(from: client, to: share, by: Self.clients) {
                        try sessions[client].care.addBenchRecord(content, patient: patients[(round * share + index) % patients.count])
                    }
                }
            }
            try baseline.measure {
                try raw.insert(count: share, ciphertextSize: Self.recordSize + 16)
            }
        }
        let total = count / rounds * rounds
        return Outcome(
            measured: .throughput(Double(total) / product.seconds, "records/s"),
            baseline: .throughput(Double(total) / baseline.seconds, "records/s"),
            notes: ["\(total) records from \(Self.clients) clients, 1 per transaction, in \(rounds) alternating rounds; product \(product.seconds.formatted(digits: 1)) s, baseline \(baseline.seconds.formatted(digits: 1)) s",
                    BusyTime.note(operations: total, unit: "record", sides: [("the product", product), ("the baseline", baseline)]),
                    "server: \(location.host):\(location.port)"])
    }
}
