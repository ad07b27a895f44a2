import CPSCard
import Foundation
import VaultCrypto
import VaultStore

/// The vault's tamper-evident log: every action and every refusal, each entry's hash chained to
/// the one before (docs/DESIGN.md, Audit).
enum AuditLog {
    /// Appends `event` in the caller's transaction.
    @discardableResult
    static func append(_ event: AuditEvent, to writer: any VaultWriting, at time: Date = Date()) throws -> AuditEntry {
        // Milliseconds: what the store keeps, so that the hash can be recomputed from it.
        let time = Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
        return try writer.appendAudit(
            time: time, actorFingerprint: event.actorFingerprint, actorNationalID: event.actorNationalID,
            action: event.action, patientID: event.patientID, outcome: event.outcome.rawValue, reason: event.reason
        ) { sequence, previousHash in
            AuditHash.hash(sequence: sequence, time: time, previousHash: previousHash, event: event)
        }
    }
}

extension Vault {
    /// Records `event` in a transaction of its own: for refusals and failures, which must be
    /// logged even though the action they concern writes nothing.
    func audit(_ event: AuditEvent) throws {
        try store.write { try AuditLog.append(event, to: $0) }
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
