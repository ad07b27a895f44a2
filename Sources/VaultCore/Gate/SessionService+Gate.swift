import CPSCard
import VaultCrypto
import VaultStore

/// The gate every operation of a session passes: `admit` asks the vault's policy about one
/// `VaultAction` (on one patient, where there is one), records a refusal in the audit log before
/// throwing it, and hands back an `Admission`, the only thing a granted audit entry can be made
/// from. An operation that skipped the gate therefore cannot log what it did, and the test of the
/// public surface (`GateCoverageTests`) fails.
extension SessionService {
    /// Asks the policy whether this card holder may do `action` (on `patientID`), as the act
    /// `act`. A refusal is audited under `act` and thrown as `VaultError.accessDenied`; a patient
    /// that does not exist is audited as refused and thrown as `VaultError.noSuchPatient`. What
    /// the act then does is audited from the admission (`Admission.granted`), by the caller.
    package func admit(_ action: VaultAction, patient patientID: [UInt8]? = nil, as act: AuditAction) throws -> Admission {
        try admit(action, patient: patientID, as: act) { _ in }.admission
    }

    /// `admit(_:patient:as:)`, with what `read` reads on the snapshot the policy decided on: an
    /// act that needs more of the patient's rows (the key it seals with) reads them in the same
    /// snapshot, and on PostgreSQL in the same query, as the facts (`readingAccessFacts`).
    func admit<T>(_ action: VaultAction, patient patientID: [UInt8]?, as act: AuditAction,
                  alsoReading read: (any VaultReading) throws -> T) throws -> (admission: Admission, read: T) {
        let decision: AccessDecision, extra: T
        do {
            (decision, extra) = try vault.store.read { reader in
                let reader = try readingAccessFacts(reader, patientID: patientID)
                return (try self.decision(action, patientID: patientID, in: reader), try read(reader))
            }
        } catch VaultError.noSuchPatient {
            try vault.audit(event(act, patientID: nil, outcome: .refused, reason: "no such patient"))
            throw VaultError.noSuchPatient
        } catch VaultError.tampered(let what) {
            try vault.audit(event(act, patientID: patientID, outcome: .refused, reason: "tampered: \(what)"))
            throw VaultError.tampered(what)
        }
        switch decision {
        case .allowed(let reason):
            return (Admission(session: session, act: act, patientID: patientID, reason: reason), extra)
        case .denied(let reason):
            try vault.audit(event(act, patientID: patientID, outcome: .refused, reason: reason.code))
            throw VaultError.accessDenied(code: reason.code, reason: reason.explanation)
        }
    }

    /// `reader` with the access facts of `patientID` for this professional read up front, the
    /// binding entries of the patient and of this professional with them.
    func readingAccessFacts(_ reader: any VaultReading, patientID: [UInt8]?) throws -> any VaultReading {
        guard let patientID else { return reader }
        return try reader.readingAccessFacts(
            patientID: patientID, fingerprint: fingerprint,
            bindingKeys: [BindingKey.patient(patientID), BindingKey.professional(fingerprint)].map { $0.name.hexString })
    }

    /// Audits a refusal decided inside a transaction (a key the policy keeps from its recipient,
    /// a recipient a restitution may not go to), once that transaction is over, and throws it as
    /// `VaultError.accessDenied`.
    func auditRefusal(_ act: AuditAction, patient patientID: [UInt8]?, _ reason: AccessReason) throws -> Never {
        try vault.audit(event(act, patientID: patientID, outcome: .refused, reason: reason.code))
        throw VaultError.accessDenied(code: reason.code, reason: reason.explanation)
    }

    /// The admission of `action` as `act` when the policy allows it, else nil, without auditing:
    /// for work done on the professional's behalf (keys handed on at session opening) that is
    /// simply skipped when not allowed.
    func admission(_ action: VaultAction, patient patientID: [UInt8]?, as act: AuditAction) throws -> Admission? {
        guard case .allowed(let reason) = try decision(action, patientID: patientID) else { return nil }
        return Admission(session: session, act: act, patientID: patientID, reason: reason)
    }

    /// What the policy says about `action`, without auditing or throwing: for work done on the
    /// professional's behalf (keys handed on at session opening) that is simply skipped when
    /// not allowed, and for choosing what a listing shows.
    func decision(_ action: VaultAction, patientID: [UInt8]?) throws -> AccessDecision {
        try vault.store.read { try decision(action, patientID: patientID, in: readingAccessFacts($0, patientID: patientID)) }
    }

    /// `decision(_:patientID:)` on the snapshot of `reader`.
    func decision(_ action: VaultAction, patientID: [UInt8]?, in reader: any VaultReading) throws -> AccessDecision {
        let patient = try patientID.map { try facts(of: $0, in: reader) }
        return vault.policy.decide(AccessRequest(actor: try policyActor(in: reader), action: action, patient: patient))
    }

    /// What the policy says about `action` for another card holder, `enrolment`: for the keys
    /// handed to a grantee, which the policy decides for the one who would receive them.
    func decision(_ action: VaultAction, for enrolment: EnrolledProfessional, patientID: [UInt8],
                  in reader: any VaultReading) throws -> AccessDecision {
        let actor = try VaultActor(enrolment: enrolment, in: reader)
        return vault.policy.decide(AccessRequest(actor: actor, action: action, patient: try facts(of: patientID, in: reader)))
    }

    /// This professional as the policy sees them: the role the session opened with, the care
    /// teams as the log last stated them (an enrolment changed outside the log is
    /// `VaultError.tampered`).
    func policyActor(in reader: any VaultReading) throws -> VaultActor {
        let bound = try BoundEnrolment(fingerprint: fingerprint, in: reader)
        return VaultActor(nationalID: professional.nationalID, profession: professional.profession, role: VaultActor.Role(role),
                          teamIDs: Set(bound.teamIDs.map(TeamID.init(bytes:))), structureMember: role == .professional)
    }

    /// An audit event by this session's professional, for what the gate decides (or what no
    /// policy row decides: the session's own opening).
    func event(_ act: AuditAction, patientID: [UInt8]? = nil, outcome: AuditEvent.Outcome, reason: String = "") -> AuditEvent {
        AuditEvent(actorFingerprint: fingerprint, actorNationalID: professional.nationalID.rawValue,
                   action: act, patientID: patientID, outcome: outcome, reason: reason)
    }
}

extension VaultActor.Role {
    init(_ role: EnrolledProfessional.Role) {
        self = role == .admin ? .admin : .professional
    }
}

extension VaultActor {
    /// An enrolled card holder as the policy sees them, from their enrolment.
    ///
    /// The vault serves one maison or centre de santé (L1110-4 al.4): every card holder enrolled
    /// as a professional is taken to be one of its health professionals adhering to its health
    /// project, and administrators never are. A vault shared by several structures would need
    /// the membership recorded at enrolment instead.
    init(enrolment: EnrolledProfessional, in reader: any VaultReading) throws {
        let holder = try CPSCard.Professional(certificate: X509Certificate(derEncoded: enrolment.certificate), cardSerial: [])
        let bound = try BoundEnrolment(fingerprint: enrolment.fingerprint, in: reader)
        guard bound.enrolment == enrolment else { throw VaultError.changedMeanwhile("the enrolment of the recipient") }
        self.init(nationalID: holder.nationalID, profession: holder.profession, role: Role(enrolment.role),
                  teamIDs: Set(bound.teamIDs.map(TeamID.init(bytes:))), structureMember: enrolment.role == .professional)
    }
}
