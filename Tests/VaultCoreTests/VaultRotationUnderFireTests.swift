import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
@_spi(SecretBytesAccess) import VaultCrypto
import VaultStore

extension VaultCardStackTests {
    /// `cpsvault admin rotate` on a 100k-patient vault, killed with SIGKILL at random points and
    /// run again, while another process reads and writes: no patient key is lost. A stress run,
    /// which `Scripts/faults` runs (CPSVAULT_STRESS=1); the suite's own kill tests are in CLITests.
    @Suite("Rotation killed and resumed",
           .enabled(if: ProcessInfo.processInfo.environment["CPSVAULT_STRESS"] == "1", "a stress run: Scripts/faults runs it"))
    struct VaultRotationUnderFireTests {
        static let patientCount = 100_000
        /// 20 in the suite; `Scripts/faults --trials N` runs more.
        static let killTrials = ProcessInfo.processInfo.environment["CPSVAULT_KILL_TRIALS"].flatMap(Int.init) ?? 20

        /// Writes `count` patients whose keys are escrowed under `vaultKey`, in a few large
        /// transactions; returns each patient's key, by patient id.
        static func seed(_ count: Int, under vaultKey: OpenedVaultKey, store: any VaultStore) throws -> [[UInt8]: [UInt8]] {
            var keys: [[UInt8]: [UInt8]] = [:]
            for start in stride(from: 0, to: count, by: 10_000) {
                try store.write { writer in
                    for _ in start..<min(start + 10_000, count) {
                        let patientID = try SecureRandom.bytes(count: 16)
                        let key = try SecretBytes(randomCount: 32)
                        try writer.insert(Patient(patientID: patientID, blindIndex: try SecureRandom.bytes(count: 32),
                                                  identity: try SecureRandom.bytes(count: 96), currentKeyVersion: 1, createdAt: Date()))
                        try writer.insert(vaultKey.escrowCopy(of: key, patientID: patientID, keyVersion: 1))
                        keys[patientID] = key.withUnsafeBytes { Array($0) }
                    }
                }
            }
            return keys
        }

        /// Starts `cpsvault admin rotate` with admin-1's card, the PIN on descriptor 3.
        static func rotation(_ fixture: VaultFixture, configuration: URL) throws -> RunningCommand {
            try RunningCommand(Command.product("cpsvault"), [
                "admin", "rotate", "--vault", fixture.vault.path, "--reader", fixture.administrator.readerName,
                "--config", configuration.path, "--pin-fd", "3", "--json"], inputOnDescriptor3: Data("1234\n".utf8))
        }

        /// The `rewrapped` count of a JSON progress line, or nil for any other line.
        static func rewrapped(_ line: String) -> Int? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event"] as? String == "progress" else { return nil }
            return object["done"] as? Int
        }

        @Test("killed 20 times at random points then run again, the rotation leaves every key on the new version; another process reads and writes meanwhile")
        func killAndResume() throws {
            let fixture = try VaultFixture(cardStack: true)
            let made = try VaultTests.VaultKeyLifecycleTests.patients(2, in: fixture)
            let configuration = try TestPKI.configurationFile()
            var keys: [[UInt8]: [UInt8]] = [:]
            do {
                let admin = try VaultSession.open(fixture.vault, card: VaultTests.VaultKeyLifecycleTests.administrator(fixture))
                defer { admin.end() }
                keys = try Self.seed(Self.patientCount, under: admin.openVaultKey(admin.liveVaultKeyVersions()[0]), store: fixture.vault.store)
            }

            var generator = SystemRandomNumberGenerator()
            for _ in 0..<Self.killTrials {
                let rotation = try Self.rotation(fixture, configuration: configuration)
                // Killed after 0 to 8 progress reports: while authenticating, creating the version, or between batches.
                var reports = Int.random(in: 0...8, using: &generator)
                while reports > 0, let line = rotation.nextErrorLine() {
                    if Self.rewrapped(line) != nil { reports -= 1 }
                }
                rotation.kill()
            }
            let finishing = try Self.rotation(fixture, configuration: configuration).wait()
            #expect(finishing.status == 0, "\(finishing.output)")

            // A whole rotation, while this process (another one) writes and reads a record.
            let physician = try fixture.session(.physician1)
            let rotation = try Self.rotation(fixture, configuration: configuration)
            var before = 0
            while let line = rotation.nextErrorLine() {
                if let done = Self.rewrapped(line), done > 0 { before = done; break }
            }
            let written = try physician.care.addRecord(patient: made[0].patient, contentType: "text/plain", from: fixture.file("Written during a rotation"))
            #expect(try fixture.read(physician, patient: made[0].patient, record: written.recordID) == Data("Written during a rotation".utf8))
            var after = before
            while let line = rotation.nextErrorLine() { after = Self.rewrapped(line) ?? after }
            let finished = rotation.wait()
            #expect(finished.status == 0, "\(finished.output)")
            #expect(before > 0 && after > before, "the rotation went on after the other process wrote: \(before) then \(after)")

            let admin = try VaultSession.open(fixture.vault, card: VaultTests.VaultKeyLifecycleTests.administrator(fixture))
            defer { admin.end() }
            let newest = try #require(try admin.liveVaultKeyVersions().last)
            #expect(newest.version >= 3)
            let vaultKey = try admin.openVaultKey(newest)
            let counts = try fixture.vault.store.read { try $0.escrowKeyCounts() }
            #expect(counts == [newest.version: Self.patientCount + made.count])
            var checked = 0
            for escrow in try fixture.vault.store.read({ try $0.escrowKeys(vaultKeyVersion: newest.version, limit: Int.max) }) {
                guard let expected = keys[escrow.patientID] else { continue }
                #expect(try vaultKey.open(escrow).constantTimeEquals(SecretBytes(copying: expected)))
                checked += 1
            }
            #expect(checked == Self.patientCount)
            let reader = try fixture.session(.physician1)
            for (patient, record) in made {
                #expect(try fixture.read(reader, patient: patient, record: record).starts(with: Data("Note ".utf8)))
            }
        }
    }
}
