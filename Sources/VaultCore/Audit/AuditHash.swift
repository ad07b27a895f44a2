import Foundation
import VaultCrypto

/// The hash that chains audit entries: SHA-256 over a domain label, the previous entry's hash
/// and every field of the entry, each length-prefixed, so that editing, deleting or reordering
/// any entry changes every hash after it.
enum AuditHash {
    private static let label = Array("cpsvault audit entry v1".utf8)

    static func hash(sequence: Int64, time: Date, previousHash: [UInt8], event: AuditEvent) -> [UInt8] {
        var bytes = label
        func field(_ value: [UInt8]) {
            let count = UInt32(value.count)
            bytes += [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
            bytes += value
        }
        field(previousHash)
        field(Array(String(sequence).utf8))
        field(Array(String(Int64((time.timeIntervalSince1970 * 1000).rounded())).utf8))
        field(event.actorFingerprint ?? [])
        field(Array((event.actorNationalID ?? "").utf8))
        field(Array(event.action.utf8))
        field(event.patientID ?? [])
        field(Array(event.outcome.rawValue.utf8))
        field(Array(event.reason.utf8))
        return Digest.sha256(bytes)
    }

    /// What a checkpoint's signature covers: the chain head at a sequence number.
    static func checkpointMessage(sequence: Int64, headHash: [UInt8]) -> [UInt8] {
        Array("cpsvault audit checkpoint v1".utf8) + Array(String(sequence).utf8) + [0] + headHash
    }
}
