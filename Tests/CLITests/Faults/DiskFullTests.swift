import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot.FaultTests {
    /// A vault on a 4 MiB tmpfs filled with records until the disk is full.
    @Suite("Disk full")
    struct DiskFullTests {
        @Test("adding records until the disk is full: exit 60 naming the full disk, nothing half-written, earlier records intact, the audit verifies once space is freed",
              .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
        func fillTheDisk() throws {
            let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("faults-full-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let mounted = try Command.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mountPoint.path])
            try #require(mounted.status == 0, "mount: \(mounted.errorOutput)")
            defer {
                _ = try? Command.run("/bin/umount", ["--lazy", mountPoint.path])
                try? FileManager.default.removeItem(at: mountPoint)
            }
            let vault = try FaultVault(folder: mountPoint.appendingPathComponent("vault"))
            // Space to give back once the disk is full.
            let ballast = mountPoint.appendingPathComponent("ballast")
            try Data(count: 768 * 1024).write(to: ballast)

            let patient = try vault.createPatient(1)
            var expected: [String: Data] = [:]
            var refusal: CommandResult?
            for index in 0..<12 {
                let content = FaultVault.content(640 * 1024 + index, seed: UInt8(index))
                let added = try vault.run(.physician1, ["record", "add", patient, "--type", "application/octet-stream", "-"], input: content)
                guard added.status == 0 else {
                    refusal = added
                    break
                }
                expected[try #require(try vault.object(added)["recordID"] as? String)] = content
            }
            let full = try #require(refusal, "4 MiB never filled up")
            #expect(full.status == 60, "\(full.errorOutput)")
            #expect(full.errorOutput.contains("is full"), "\(full.errorOutput)")
            #expect(full.errorOutput.contains("free some space"), "\(full.errorOutput)")
            #expect(expected.count >= 2, "records went in before the disk filled up")

            try FileManager.default.removeItem(at: ballast)
            let content = FaultVault.content(100 * 1024, seed: 99)
            expected[try vault.addRecord(patient, content)] = content
            try vault.expectIntact(patient, expected)
        }
    }
}
