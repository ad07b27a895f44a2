import Foundation
import VaultCrypto

/// The hash that chains audit entries: SHA-256 over a domain label, the previous entry's hash
/// and every field of the entry, each length-prefixed, so that editing, deleting or reordering
/// any entry changes every hash after it.
enum AuditHash {
    static func hash(sequence: Int64, time: Date, previousHash: [UInt8], event: AuditEvent) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit entry v1")
        encoder.append(previousHash)
        encoder.append(String(sequence))
        encoder.append(String(Int64((time.timeIntervalSince1970 * 1000).rounded())))
        encoder.append(event.actorFingerprint ?? [])
        encoder.append(event.actorNationalID ?? "")
        encoder.append(event.action)
        encoder.append(event.patientID ?? [])
        encoder.append(event.outcome.rawValue)
        encoder.append(event.reason)
        return Digest.sha256(encoder.bytes)
    }

    /// What a checkpoint's signature covers: the chain head at a sequence number.
    static func checkpointMessage(sequence: Int64, headHash: [UInt8]) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit checkpoint v1")
        encoder.append(String(sequence))
        encoder.append(headHash)
        return encoder.bytes
    }

    /// What a signed tree head covers (a checkpoint of version 2): the size of the log, the root
    /// of its Merkle tree (`MerkleTree`) and the chain head at that size.
    static func treeHeadMessage(size: Int64, root: [UInt8], headHash: [UInt8]) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit checkpoint v2")
        encoder.append(String(size))
        encoder.append(root)
        encoder.append(headHash)
        return encoder.bytes
    }
}
