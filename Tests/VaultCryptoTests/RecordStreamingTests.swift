import Foundation
import Testing
import VaultCrypto

@Suite(.serialized) struct RecordStreamingTests {
    /// The resident set size of this process in bytes, from /proc/self/statm.
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return (Int(statm[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func fiftyMebibyteRecordStreamsThroughFlatMemory() throws {
        let key = try SecretBytes(randomCount: 32)
        let context = RecordContext(
            vaultID: try SecureRandom.bytes(count: 16), patientID: try SecureRandom.bytes(count: 16),
            recordID: try SecureRandom.bytes(count: 16), recordVersion: 1, keyVersion: 1, contentType: "application/pdf")
        let total = 50 * 1024 * 1024 + 1234
        let size = RecordHeader.segmentSize
        let segmentCount = (total + size - 1) / size
        let sealer = try RecordSealer(patientKey: key, context: context)
        let opener = try RecordOpener(patientKey: key, context: context, header: RecordHeader(parsing: sealer.header.encoded))

        // One reused plaintext buffer, refilled per segment; each sealed segment is opened and dropped at once.
        var plaintext = [UInt8](repeating: 0, count: size)
        var opened = 0
        let before = try Self.residentBytes()
        for index in 0..<segmentCount {
            let count = min(size, total - index * size)
            plaintext.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: index)) }
            let isFinal = index == segmentCount - 1
            let sealed = try plaintext.withUnsafeBytes {
                try sealer.sealSegment(UnsafeRawBufferPointer(rebasing: $0[..<count]), isFinal: isFinal)
            }
            let recovered = try opener.openSegment(sealed, index: UInt32(index), isFinal: isFinal)
            guard recovered.count == count, recovered == Array(plaintext[..<count]) else {
                Issue.record("segment \(index) did not round-trip")
                return
            }
            opened += recovered.count
        }
        let growth = try Self.residentBytes() - before
        #expect(opened == total)
        // Holding the record would take over 100 MiB (plaintext and ciphertext); streaming stays near a few segments.
        #expect(growth < 24 * 1024 * 1024, "resident memory grew by \(growth) bytes")
    }
}
