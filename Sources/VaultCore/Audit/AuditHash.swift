import Foundation
import VaultCrypto
import VaultStore

/// The hashes of the audit log (docs/FORMAT.md): an entry's hash over a domain label and every
/// field of the entry, each length-prefixed, and the messages a checkpoint signs.
///
/// Format version 2 hashes the entry alone, so that writers append without waiting for one
/// another; its place in the log is its leaf in the Merkle tree, which signed tree heads cover.
/// Format version 1, which entries written before the tree keep, also hashed the previous entry's
/// hash and the sequence, chaining every entry to the one before.
enum AuditHash {
    /// The hash of an entry of format version 2.
    static func hash(time: Date, event: AuditEvent) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit entry v2")
        append(time: time, event: event, to: &encoder)
        return Digest.sha256(encoder.bytes)
    }

    /// The hash of an entry of format version 1, chained to `previousHash`.
    static func chainedHash(sequence: Int64, time: Date, previousHash: [UInt8], event: AuditEvent) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit entry v1")
        encoder.append(previousHash)
        encoder.append(String(sequence))
        append(time: time, event: event, to: &encoder)
        return Digest.sha256(encoder.bytes)
    }

    /// The hash `entry`'s fields give under its own format version, `event` being those fields:
    /// chained when it carries a previous hash (version 1), on its own otherwise (version 2).
    static func hash(of entry: AuditEntry, event: AuditEvent) -> [UInt8] {
        guard let previousHash = entry.previousHash else { return hash(time: entry.time, event: event) }
        return chainedHash(sequence: entry.sequence, time: entry.time, previousHash: previousHash, event: event)
    }

    /// The fields both versions hash, in order: time, actor, act, patient, outcome, reason.
    private static func append(time: Date, event: AuditEvent, to encoder: inout ContextEncoder) {
        encoder.append(String(Int64((time.timeIntervalSince1970 * 1000).rounded())))
        encoder.append(event.actorFingerprint ?? [])
        encoder.append(event.actorNationalID ?? "")
        encoder.append(event.action)
        encoder.append(event.patientID ?? [])
        encoder.append(event.outcome.rawValue)
        encoder.append(event.reason)
    }

    /// What a checkpoint of version 1 signed: the chain head at a sequence number. Kept for
    /// the checkpoints written before the tree.
    static func checkpointMessage(sequence: Int64, headHash: [UInt8]) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit checkpoint v1")
        encoder.append(String(sequence))
        encoder.append(headHash)
        return encoder.bytes
    }

    /// What a signed tree head covers (a checkpoint of version 2): the size of the integrated
    /// log, the root of its Merkle tree (`MerkleTree`) and the hash of its last leaf's entry.
    static func treeHeadMessage(size: Int64, root: [UInt8], headHash: [UInt8]) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault audit checkpoint v2")
        encoder.append(String(size))
        encoder.append(root)
        encoder.append(headHash)
        return encoder.bytes
    }
}
