import Foundation
import SmartCard
import VaultCrypto
import VaultStore

/// What `cpsvault audit verify` found: how much of the log was checked and every problem.
public struct AuditReport: Sendable, Codable, Equatable {
    public var entries: Int64
    public var checkpoints: Int
    public var problems: [String]
    public var isIntact: Bool { problems.isEmpty }
}

/// Checks the audit log: sequence numbers without gaps, each entry's previous hash the hash of
/// the one before, each hash recomputed from the entry's fields, and each checkpoint's head
/// hash in the chain and its signature valid under the signing card's certificate. An edited,
/// deleted, inserted or reordered entry, or a forged checkpoint, is reported.
public enum AuditVerifier {
    public static func verify(_ vault: Vault, batchSize: Int = 1000) throws -> AuditReport {
        var problems: [String] = []
        var hashes: [Int64: [UInt8]] = [:]
        var expectedSequence: Int64 = 1
        var previousHash = [UInt8](repeating: 0, count: 32)
        while true {
            let batch = try vault.store.read { try $0.auditEntries(from: expectedSequence, limit: batchSize) }
            guard !batch.isEmpty else { break }
            for entry in batch {
                if entry.sequence != expectedSequence {
                    problems.append("entry \(expectedSequence) is missing (next is \(entry.sequence)): entries were deleted")
                }
                if entry.previousHash != previousHash {
                    problems.append("entry \(entry.sequence) does not follow the entry before it: entries were deleted, inserted or reordered")
                }
                let event = AuditEvent(actorFingerprint: entry.actorFingerprint, actorNationalID: entry.actorNationalID,
                                       storedAction: entry.action, patientID: entry.patientID,
                                       outcome: AuditEvent.Outcome(rawValue: entry.outcome) ?? .failed, reason: entry.reason)
                let recomputed = AuditHash.hash(sequence: entry.sequence, time: entry.time, previousHash: entry.previousHash, event: event)
                if recomputed != entry.hash || AuditEvent.Outcome(rawValue: entry.outcome) == nil {
                    problems.append("entry \(entry.sequence) was edited: its content no longer matches its hash")
                }
                hashes[entry.sequence] = entry.hash
                previousHash = entry.hash
                expectedSequence = entry.sequence + 1
            }
        }
        let checkpoints = try vault.store.read { try $0.auditCheckpoints() }
        let certificates = try vault.store.read { try $0.professionals() }
        for checkpoint in checkpoints {
            guard hashes[checkpoint.sequence] == checkpoint.headHash else {
                problems.append("checkpoint at entry \(checkpoint.sequence) does not match the chain: history was rewritten")
                continue
            }
            let signer = certificates.first { $0.fingerprint == checkpoint.signerFingerprint }
            let message = Digest.sha256DigestInfo(AuditHash.checkpointMessage(sequence: checkpoint.sequence, headHash: checkpoint.headHash))
            guard let signer, let certificate = try? X509Certificate(derEncoded: signer.certificate),
                  certificate.publicKey.isValidPKCS1Signature(checkpoint.signature, over: message) else {
                problems.append("checkpoint at entry \(checkpoint.sequence) has no valid signature of an enrolled card")
                continue
            }
        }
        return AuditReport(entries: expectedSequence - 1, checkpoints: checkpoints.count, problems: problems)
    }
}

extension VaultSession {
    /// Has the card sign the current head of the audit chain, so that rewriting history needs a
    /// card; a head this session has already signed (nothing audited since) is left as it is.
    public func signAuditCheckpoint() throws {
        guard let head = try vault.store.read({ try $0.lastAuditEntry() }),
              lastSignedSequence.withLock({ $0 }) != head.sequence else { return }
        let message = Digest.sha256DigestInfo(AuditHash.checkpointMessage(sequence: head.sequence, headHash: head.hash))
        let signature = try card.driver.signWithAuthenticationKey(digestInfo: message)
        try vault.store.write { writer in
            try writer.insert(AuditCheckpoint(sequence: head.sequence, headHash: head.hash, signerFingerprint: fingerprint,
                                              signature: signature, signedAt: Date()))
        }
        lastSignedSequence.withLock { $0 = head.sequence }
    }

    /// Runs `body`, then has the card sign the audit head, also after a failure so that refusals
    /// are covered (a card already gone just leaves it to the next checkpoint).
    public func signingAuditHead<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            try signAuditCheckpoint()
            return result
        } catch {
            try? signAuditCheckpoint()
            throw error
        }
    }
}
