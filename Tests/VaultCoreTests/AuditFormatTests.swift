import Foundation
import Testing
@testable import VaultCore
import VaultCrypto

/// The audit log's hashing as docs/FORMAT.md specifies it, against its golden vector: a change
/// that alters these bytes is a new format version.
@Suite("Audit log format, version 1")
struct AuditFormatTests {
    static let first = AuditEvent(actorFingerprint: Array(0..<32), actorNationalID: "810002345671", action: .recordRead,
                                  patientID: [UInt8](hexString: "00112233445566778899AABBCCDDEEFF"), outcome: .granted,
                                  reason: "record 00 version 1")
    static let second = AuditEvent(actorFingerprint: nil, actorNationalID: nil, action: .sessionAuthenticate,
                                   outcome: .refused, reason: "PIN blocked")

    @Test("two chained entries and a checkpoint hash to the documented bytes")
    func goldenVector() {
        let firstHash = AuditHash.hash(sequence: 1, time: Date(timeIntervalSince1970: 1_764_892_800), previousHash: Array(repeating: 0, count: 32),
                                       event: Self.first)
        #expect(firstHash.hexString.lowercased() == "82a3875e3723e150566394466c4824d7665bf91d2cb60d05f417912c5d804786")
        let secondHash = AuditHash.hash(sequence: 2, time: Date(timeIntervalSince1970: 1_764_892_801), previousHash: firstHash,
                                        event: Self.second)
        #expect(secondHash.hexString.lowercased() == "19a002291720f6000b8a049f9f38a0a0c7439d08b28b108cdaa483492f88feee")
        let message = AuditHash.checkpointMessage(sequence: 2, headHash: secondHash)
        #expect(Digest.sha256(message).hexString.lowercased() == "cf72f685a3ee761755b51a8aabde9089e29dc9a935ffaa3fdcd2af6caa7967cb")
    }

    @Test("every act's name is stable, dotted and unique")
    func vocabulary() {
        let names = AuditAction.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.contains(".") && $0 == $0.trimmingCharacters(in: .whitespaces) })
        #expect(AuditAction.recordRead.rawValue == "record.read" && AuditAction.exportRestitution.rawValue == "export.restitution")
    }
}
