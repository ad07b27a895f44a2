import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot.FaultTests {
    /// Several `cpsvault record add` processes at once on one vault, sharing one card through
    /// pcscd (shared mode, one transaction per card exchange).
    @Suite("Concurrent writers")
    struct ConcurrentWriterTests {
        @Test("writers on two patients, new records and new versions of one record: each succeeds or fails with a retryable message; nothing is lost; the audit verifies")
        func concurrentWriters() throws {
            let vault = try FaultVault()
            let first = try vault.createPatient(1), second = try vault.createPatient(2)
            let original = FaultVault.content(10_000, seed: 200)
            let shared = try vault.addRecord(first, original)
            try vault.insert(.physician1)

            // New records for both patients, and new versions of `shared`, all at once.
            var writers: [(command: RunningCommand, content: Data, patient: String, version: Bool)] = []
            let count = SimulatorProcessSlot.FaultTests.trials(3) * 2
            for index in 0..<count {
                let patient = index % 2 == 0 ? first : second
                let version = index % 4 == 0
                let content = FaultVault.content(300 * 1024 + index, seed: UInt8(index))
                let command = ["record", "add", patient, "--type", "application/octet-stream", "-"] + (version ? ["--record", shared] : [])
                writers.append((try vault.start(.physician1, command, feedingStandardInput: true), content, patient, version))
            }
            // Each fed from a thread of its own, so that all of them stream at once.
            let fed = DispatchGroup()
            for writer in writers {
                fed.enter()
                Thread {
                    writer.command.feed(writer.content)
                    writer.command.closeStandardInput()
                    fed.leave()
                }.start()
            }
            fed.wait()
            var expected: [String: [String: Data]] = [first: [shared: original], second: [:]]
            var versions: [Int: Data] = [1: original]
            for writer in writers {
                let (status, _, output, errors) = writer.command.wait()
                guard status == 0 else {
                    // Only a busy database is an acceptable failure, and it says to retry.
                    #expect(status == 60 && errors.contains("retry"), "exit \(status): \(errors)")
                    continue
                }
                let summary = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                let record = try #require(summary["recordID"] as? String)
                if writer.version {
                    #expect(record == shared)
                    let version = try #require(summary["version"] as? Int)
                    #expect(versions[version] == nil, "version \(version) given twice")
                    versions[version] = writer.content
                } else {
                    expected[writer.patient]?[record] = writer.content
                }
            }
            // Versions numbered 1, 2, … without a gap; the latest is the highest.
            #expect(Set(versions.keys) == Set(1...versions.count))
            expected[first]?[shared] = versions[versions.count]
            let history = try vault.require(vault.run(.physician1, ["record", "history", first, shared]))
            let listed = try #require(try JSONSerialization.jsonObject(with: history.outputData) as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["version"] as? Int }) == Set(versions.keys))
            for (patient, records) in expected { try vault.expectIntact(patient, records) }
        }
    }
}
