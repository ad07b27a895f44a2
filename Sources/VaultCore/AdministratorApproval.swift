import CPSCard
import Foundation
import VaultCrypto
import VaultStore

/// A second administrator's consent to one key operation, under the vault's two-person rule:
/// made only from that administrator's authenticated card (PIN, challenge, chain), which must
/// open its own sealed copy of the current vault key. It names who approved, never a key.
///
/// It is made while the approving card is present, in another reader or before the operator's
/// card is inserted into the same one, and is valid for a few minutes.
public struct AdministratorApproval: Sendable {
    /// How long an approval stays valid.
    static let lifetime: TimeInterval = 600

    public let nationalID: String
    let fingerprint: [UInt8]
    let vaultID: [UInt8]
    let madeAt: Date

    /// Has `card`'s holder, an enrolled administrator, approve: the card unseals the current
    /// vault key (one PSO DECIPHER), which proves both the card and the PIN. Audited.
    public static func approve(_ vault: Vault, card: AuthenticatedCard) throws -> AdministratorApproval {
        let fingerprint = card.certificates.authentication.sha256Fingerprint
        let nationalID = card.professional.nationalID.rawValue
        let event = { (outcome: AuditEvent.Outcome, reason: String) in
            AuditEvent(actorFingerprint: fingerprint, actorNationalID: nationalID, action: .adminApprove,
                       outcome: outcome, reason: reason)
        }
        let (enrolment, sealed) = try vault.store.read { reader in
            let current = try reader.vaultKeyVersions().last { $0.retiredAt == nil }
            return (try reader.professional(fingerprint: fingerprint),
                    try current.flatMap { version in
                        try reader.sealedVaultKeys(version: version.version).first { $0.holderFingerprint == fingerprint }
                    })
        }
        guard let enrolment, enrolment.role == .admin, enrolment.removedAt == nil, let sealed else {
            try vault.audit(event(.refused, "not an administrator holding the vault key"))
            throw VaultError.notAnAdmin(nationalID: nationalID)
        }
        _ = try VaultKeySeal.open(sealed, vaultID: vault.vaultID, decipher: card.driver.decipherWithAuthenticationKey)
        try vault.audit(event(.granted, "vault key v\(sealed.version) opened"))
        return AdministratorApproval(nationalID: nationalID, fingerprint: fingerprint, vaultID: vault.vaultID, madeAt: Date())
    }
}

extension Vault {
    /// Whether the vault's two-person rule is on, as the audit log last stated the vault's
    /// settings: a rule turned off outside the vault is audited and `VaultError.tampered`.
    public var twoPersonRule: Bool {
        get throws {
            do {
                return try store.read { reader in
                    let metadata = try reader.metadata()
                    try BindingRecord.check(.vault, digest: BindingState.vaultDigest(metadata), in: reader)
                    return metadata?.twoPersonRule ?? false
                }
            } catch VaultError.tampered(let what) {
                try audit(AuditEvent(actorFingerprint: nil, actorNationalID: nil, action: .bindingState, outcome: .refused,
                                     reason: "tampered: \(what)"))
                throw VaultError.tampered(what)
            }
        }
    }
}

extension SessionService {
    /// Under the two-person rule, refuses the admitted act (audited) unless `approval` comes from
    /// another administrator, recently; without the rule any approval is ignored.
    func requireSecondAdministrator(_ approval: AdministratorApproval?, for admission: Admission) throws {
        guard try vault.twoPersonRule, let problem = problem(with: approval) else { return }
        try vault.audit(event(admission.act, patientID: admission.patientID, outcome: .refused, reason: "two-person rule: \(problem)"))
        throw VaultError.secondAdministratorNeeded(action: admission.act.rawValue, reason: problem)
    }
}

extension Administration {
    /// Checks an approval before anything is done with it, so that it is announced only once it
    /// is valid for this session: another administrator's, for this vault, recent. Throws
    /// `secondAdministratorNeeded` saying what is wrong with it.
    public func validate(_ approval: AdministratorApproval) throws {
        if let problem = problem(with: approval) {
            throw VaultError.secondAdministratorNeeded(action: "this operation", reason: problem)
        }
    }
}

extension SessionService {
    /// What keeps `approval` from standing as a second administrator's, or nil.
    func problem(with approval: AdministratorApproval?) -> String? {
        switch approval {
        case nil: "no second card approved it"
        case let approval? where approval.vaultID != vault.vaultID: "the approval was made for another vault"
        case let approval? where approval.fingerprint == fingerprint: "the approving card is the operator's own"
        case let approval? where Date().timeIntervalSince(approval.madeAt) > AdministratorApproval.lifetime:
            "the approval is older than \(Int(AdministratorApproval.lifetime / 60)) minutes"
        default: nil
        }
    }
}

extension Administration {
    /// Turns the two-person rule on or off. Turning it on takes one administrator, and at least
    /// two administrators holding the current vault key (else no key operation could ever be
    /// approved again); turning it off takes two, since the rule is what it protects.
    public func setTwoPersonRule(_ on: Bool, approval: AdministratorApproval? = nil) throws {
        let admission = try admit(.administerKeys, as: .adminTwoPerson)
        if !on { try requireSecondAdministrator(approval, for: admission) }
        let holders = try currentVaultKeyHolders()
        if on, holders < 2 {
            try vault.audit(admission.refused("two-person rule: \(holders) administrator holds the vault key"))
            throw VaultError.tooFewAdministrators(holding: holders)
        }
        try vault.store.write { writer in
            guard var metadata = try writer.metadata() else { throw VaultError.notInitialized(path: vault.path) }
            metadata.twoPersonRule = on
            try writer.setMetadata(metadata)
            try AuditLog.append(admission.granted((on ? "on" : "off") + approvalNote(approval)), to: writer)
        }
    }

    /// How many enrolled administrators hold the current vault key.
    private func currentVaultKeyHolders() throws -> Int {
        try vault.store.read { reader in
            guard let current = try reader.vaultKeyVersions().last(where: { $0.retiredAt == nil }) else { return 0 }
            let administrators = Set(try reader.professionals().filter { $0.role == .admin && $0.removedAt == nil }.map(\.fingerprint))
            return try reader.sealedVaultKeys(version: current.version)
                .filter { $0.holderKind == .adminCard && administrators.contains($0.holderFingerprint) }.count
        }
    }

    /// The audit reason suffix naming the approver, if any.
    func approvalNote(_ approval: AdministratorApproval?) -> String {
        approval.map { "; approved by \($0.nationalID)" } ?? ""
    }
}
