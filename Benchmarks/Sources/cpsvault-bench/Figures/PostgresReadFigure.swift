import Foundation
import VaultCore
import VaultStorePostgres

/// Reading from a vault on PostgreSQL by several workstations at once: records opened through
/// `VaultSession.readRecord` (policy check, patient key, segments, the audit entry of the read)
/// by 8 clients at once, against the same opens by one client, in alternating rounds. Readers
/// wait neither for writers nor for one another, so throughput should grow with the clients
/// until the machine's cores are busy.
struct PostgresReadFigure: Figure {
    /// Records in the vault at full scale, and opens per side.
    static let records = 2000
    static let opens = 4000
    static let clients = 8
    static let recordSize = 1024
    static let patientCount = 64

    var name: String { "read-postgres" }
    var title: String { "PostgreSQL record opens, \(Self.clients) clients against one" }
    var baselineDescription: String? { "the same opens by one client, same vault and server" }
    var requirements: [Requirement] { [.ratio(atLeast: 4)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.records) * scale), 10 * Self.clients)
        let opens = max(Int(Double(Self.opens) * scale), 20 * Self.clients)
        let location = try BenchPostgres.location(for: "vault")
        defer { BenchPostgres.drop(location) }
        let fixture = try BenchVault(patients: Self.patientCount, location: .server(location))
        defer { fixture.remove() }
        let content = Data((0..<Self.recordSize).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let records = try (0..<count).map { index in
            let patient = fixture.patients[index % fixture.patients.count]
            return (patient: patient, record: try fixture.physician.care.addBenchRecord(content, patient: patient).recordID)
        }
        // One session per client, opened before the clock starts, as on workstations already in use.
        let sessions = try BenchCards.physicianSessions(Self.clients, at: .server(location))
        defer { sessions.forEach { $0.end() } }
        /// Opens `share` records by `clients` clients at once, as one more round of `time`.
        func round(_ share: Int, clients: Int, from start: Int, into time: inout BusyTime) throws {
            try time.measure {
                try ConcurrentClients.run(clients) { client in
                    for index in stride(from: client, to: share, by: clients) {
                        let pick = records[(start + index * 7) % records.count]
                        var bytes = 0
                        try sessions[client].care.readRecord(patient: pick.patient, recordID: pick.record) { bytes += $0.count }
                        guard bytes == Self.recordSize else { throw BenchError("a record opened to \(bytes) bytes") }
                    }
                }
            }
        }
        let rounds = 4
        let share = opens / rounds
        var concurrent = BusyTime()
        var single = BusyTime()
        for index in 0..<rounds {
            try round(share, clients: Self.clients, from: index * share, into: &concurrent)
            try round(share, clients: 1, from: index * share, into: &single)
        }
        let total = share * rounds
        return Outcome(
            measured: .throughput(Double(total) / concurrent.seconds, "opens/s"),
            baseline: .throughput(Double(total) / single.seconds, "opens/s"),
            notes: ["\(count) records of \(Self.recordSize) B; \(total) opens per side in \(rounds) alternating rounds; "
                        + "\(Self.clients) clients \(concurrent.seconds.formatted(digits: 1)) s, one client \(single.seconds.formatted(digits: 1)) s",
                    BusyTime.note(operations: total, unit: "open", sides: [("\(Self.clients) clients", concurrent), ("one client", single)]),
                    "server: \(location.host):\(location.port)"])
    }
}
