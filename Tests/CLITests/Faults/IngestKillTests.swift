import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot.FaultTests {
    /// `cpsvault record add` of a large record streamed on standard input, killed with SIGKILL
    /// after a random amount of it was written into the pipe.
    @Suite("Ingest killed")
    struct IngestKillTests {
        static let recordSize = 24 * 1024 * 1024 + 12_345
        static let piece = 64 * 1024

        @Test("killed at random points of a 24 MiB record: no partial version is visible, every committed record opens byte-equal, the audit verifies")
        func killDuringIngest() throws {
            let vault = try FaultVault()
            let patient = try vault.createPatient(1)
            let earlier = FaultVault.content(100 * 1024, seed: 1)
            var expected = [try vault.addRecord(patient, earlier): earlier]
            let large = FaultVault.content(Self.recordSize, seed: 2)

            var generator = SystemRandomNumberGenerator()
            let trials = SimulatorProcessSlot.FaultTests.trials(3)
            for trial in 0..<trials {
                // The last trial writes everything and closes the pipe before the kill: the
                // record is then committed whole or not at all.
                let point = trial == trials - 1 ? large.count : Int.random(in: 0..<large.count, using: &generator)
                let ingest = try vault.start(.physician1, ["record", "add", patient, "--type", "application/octet-stream", "-"],
                                             feedingStandardInput: true)
                var written = 0
                while written < point {
                    let end = min(point, written + Self.piece)
                    guard ingest.feed(large[written..<end]) else { break }
                    written = end
                }
                if written == large.count { ingest.closeStandardInput() }
                ingest.kill()

                for (record, listed) in try vault.records(patient) where expected[record] == nil {
                    #expect(written == large.count, "a record appeared though only \(written) of \(large.count) bytes were written")
                    #expect(listed.size == large.count)
                    expected[record] = large
                }
            }
            let finished = try vault.start(.physician1, ["record", "add", patient, "--type", "application/octet-stream", "-"],
                                           feedingStandardInput: true)
            #expect(finished.feed(large))
            let result = finished.wait()
            #expect(result.status == 0, "\(result.errorOutput)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            expected[try #require(summary["recordID"] as? String)] = large

            try vault.expectIntact(patient, expected)
        }
    }
}
