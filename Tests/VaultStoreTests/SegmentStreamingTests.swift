import Foundation
import Testing
import VaultStore

@Suite("Record segments")
struct SegmentStreamingTests {
    /// The resident set size of this process, from /proc/self/statm.
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test(arguments: Backend.all) func fiftyMebibytesStreamInOrderWithFlatMemory(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let count = 800, size = 65_536
        let record = Sample.id(0x30)
        try store.write { w throws in
            try Sample.base(w)
            try w.insert(Sample.patient(3))
            try w.insert(Sample.recordVersion(record: 0x30, patient: 3, segments: count))
            for index in 0..<count {
                let fill = UInt8(truncatingIfNeeded: index)
                try w.insert(RecordSegment(recordID: record, version: 1, index: index,
                                           ciphertext: [UInt8](repeating: fill, count: size)))
            }
        }
        var delivered = 0
        var baseline = 0
        var peakGrowth = 0
        try store.read { r throws in
            try r.forEachSegment(recordID: record, version: 1) { segment in
                #expect(segment.index == delivered)
                #expect(segment.ciphertext.count == size)
                #expect(segment.ciphertext.first == UInt8(truncatingIfNeeded: delivered))
                let resident = try Self.residentBytes()
                if delivered == 0 { baseline = resident }
                peakGrowth = max(peakGrowth, resident - baseline)
                delivered += 1
            }
        }
        #expect(delivered == count)
        // Holding every segment would add 50 MiB; streaming keeps growth to a few segments.
        #expect(peakGrowth < 16 << 20, "resident memory grew by \(peakGrowth >> 20) MiB")
    }
}
