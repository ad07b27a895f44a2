import Foundation
import VaultCore

/// Opening one record with a warm session in a vault of a million records: `readRecord` from
/// the policy check to the last authenticated byte and its audit entry, for records picked at
/// random. The absolute targets are on the 99th and 99.9th percentiles and on the slowest open.
///
/// The vault is generated through the same `addRecord` path, in a folder on /dev/shm so that
/// generation does not wait on a million fsyncs, then moved to the temporary folder on disk
/// where the figure is measured.
struct RecordOpenLatencyFigure: Figure {
    static let recordCount = 1_000_000
    static let patientCount = 1000
    static let recordSize = 1024
    static let opens = 2000

    var name: String { "open-record-p99" }
    var title: String { "open a record, warm session, \(Self.recordCount / 1_000_000)M-record vault" }
    var baselineDescription: String? { nil }
    var requirements: [Requirement] { [.atMost(2), .secondaryAtMost("p99.9", 5), .secondaryAtMost("max", 50)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.recordCount) * scale), 1000)
        let memory = URL(fileURLWithPath: "/dev/shm")
        var generation = 0.0
        var records: [(patient: PatientID, record: RecordID)] = []
        let disk = FileManager.default.temporaryDirectory.appendingPathComponent("cpsvault-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: disk) }
        do {
            let fixture = try BenchVault(
                patients: Self.patientCount,
                folder: FileManager.default.fileExists(atPath: memory.path) ? memory : FileManager.default.temporaryDirectory)
            defer { fixture.remove() }
            let content = Data((0..<Self.recordSize).map { UInt8(truncatingIfNeeded: $0 &* 11) })
            generation = try Stopwatch.seconds {
                records.reserveCapacity(count)
                for index in 0..<count {
                    let patient = fixture.patients[index % fixture.patients.count]
                    let summary = try fixture.physician.care.addBenchRecord(content, patient: patient)
                    records.append((patient, summary.recordID))
                }
            }
            fixture.physician.end()
            try FileManager.default.copyItem(at: fixture.folder, to: disk)
        }
        let vault = try VaultLocation.file(path: disk.appendingPathComponent("vault.sqlite").path).open(trust: BenchCards.trust())
        let session = try VaultSession.open(vault, card: BenchCards.inProcess("physician-1"))
        defer { session.end() }
        var generator = SystemRandomNumberGenerator()
        let opens = max(Int(Double(Self.opens) * max(scale, 0.25)), 200)
        let sample = (0..<(opens + 100)).map { _ in records[Int.random(in: 0..<records.count, using: &generator)] }
        var latencies: [Double] = []
        for (index, pick) in sample.enumerated() {
            var bytes = 0
            let seconds = try Stopwatch.seconds {
                try session.care.readRecord(patient: pick.patient, recordID: pick.record) { bytes += $0.count }
            }
            guard bytes == Self.recordSize else { throw BenchError("a record opened to \(bytes) bytes") }
            if index >= 100 { latencies.append(seconds * 1000) }  // the first 100 warm the session and caches
        }
        return Outcome(
            measured: .cost(Stopwatch.percentile(0.99, of: latencies), "ms (p99)"),
            secondary: ["p99.9": (.cost(Stopwatch.percentile(0.999, of: latencies), "ms"), nil),
                        "max": (.cost(latencies.max() ?? 0, "ms"), nil)],
            notes: ["\(count) records of \(Self.recordSize) B over \(Self.patientCount) patients, generated in \(generation.formatted(digits: 0)) s",
                    "\(latencies.count) opens at random: p50 \(Stopwatch.percentile(0.5, of: latencies).formatted(digits: 3)) ms, p90 \(Stopwatch.percentile(0.9, of: latencies).formatted(digits: 3)) ms, max \((latencies.max() ?? 0).formatted(digits: 3)) ms"])
    }
}
