import CPSCard
import Foundation
import VaultCrypto
import VaultStore

/// The vault's tamper-evident log: every action and every refusal, each entry hashed on its own
/// and integrated into the log's Merkle tree, whose heads the cards sign (docs/DESIGN.md, Audit).
package enum AuditLog {
    /// How many entries one integration takes at most.
    static let integrationBatch = 10_000

    /// Appends `event` in the caller's transaction. On a store with one writer at a time the
    /// entry is integrated in the same transaction; otherwise it waits for the next integration.
    @discardableResult
    package static func append(_ event: AuditEvent, to writer: any VaultWriting, at time: Date = Date()) throws -> AuditEntry {
        // Milliseconds: what the store keeps, so that the hash can be recomputed from it.
        let time = Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
        let entry = try writer.appendAudit(
            time: time, actorFingerprint: event.actorFingerprint, actorNationalID: event.actorNationalID,
            action: event.action, patientID: event.patientID, outcome: event.outcome.rawValue, reason: event.reason,
            hash: AuditHash.hash(time: time, event: event))
        if writer.integratesAuditOnAppend { try integrate(in: writer) }
        return entry
    }

    /// The integrator's batch in the caller's transaction: the entries without a leaf, taken in
    /// sequence order, become the tree's next leaves, and the tree's compact range is extended
    /// with them. Returns nil when another transaction is integrating (it takes these entries).
    @discardableResult
    static func integrate(in writer: any VaultWriting) throws -> AuditTreeState? {
        try writer.integrateAudit(limit: integrationBatch) { tree, entries in
            let range = try MerkleTree.CompactRange(stored: tree)
            return range.appending(entries.lazy.map { MerkleTree.leafHash($0.hash) }).stored
        }
    }
}

extension Vault {
    /// Records `event` in a transaction of its own: for refusals and failures, which must be
    /// logged even though the action they concern writes nothing, and for an act audited once
    /// its writes, in transactions of their own, have committed.
    package func audit(_ event: AuditEvent) throws {
        try store.write { try AuditLog.append(event, to: $0) }
    }

    /// Integrates every audit entry waiting for its leaf, a batch per transaction, unless
    /// another transaction is integrating meanwhile (it takes them then). Returns the tree.
    @discardableResult
    public func integrateAudit() throws -> AuditTreeState {
        while true {
            let before = try store.read { try $0.auditTree() }
            guard let after = try store.write({ try AuditLog.integrate(in: $0) }),
                  after.size - before.size >= AuditLog.integrationBatch else { return try store.read { try $0.auditTree() } }
        }
    }
}

extension Vault {
    /// Authenticates the card behind `driver` against the vault's trust: certificate chain, the
    /// PIN from `pin` once (never the last try unless `allowLastTry`), a challenge signed by the
    /// card. The one place a card is authenticated for this vault (a session's, a second
    /// administrator's approval, a recovery's), so the one place a refused card is recorded: L1110-4
    /// al.7 makes the attempt itself an offence, so it is logged with whatever identity the card
    /// showed, then the card's error is thrown.
    public func authenticate(_ driver: some CPSCardDriver, allowLastTry: Bool = false,
                             pin: () throws -> PIN) throws -> AuthenticatedCard {
        do {
            return try CardAuthenticator(trust: trust).authenticate(driver, allowLastTry: allowLastTry, pin: pin)
        } catch let error as CPSCardError {
            let certificate = try? driver.readCertificates().authentication
            try? audit(AuditEvent(actorFingerprint: certificate?.sha256Fingerprint, actorNationalID: certificate?.subject.commonName,
                                  action: .sessionAuthenticate, outcome: .refused, reason: "\(error)"))
            throw error
        }
    }
}
