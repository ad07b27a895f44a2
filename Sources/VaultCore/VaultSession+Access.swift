import CPSCard
import VaultStore

extension VaultSession {
    /// This professional as the policy sees them.
    ///
    /// The vault serves one maison or centre de santé (L1110-4 al.4): every card holder enrolled
    /// as a professional is taken to be one of its health professionals adhering to its health
    /// project, and administrators never are. A vault shared by several structures would need
    /// the membership recorded at enrolment instead.
    func policyActor(in reader: any VaultReading) throws -> VaultActor {
        let teams = try reader.teams(fingerprint: fingerprint)
        return VaultActor(nationalID: professional.nationalID, profession: professional.profession,
                          role: role == .admin ? .admin : .professional,
                          teamIDs: Set(teams.map { CareTeamID($0.teamID) }), structureMember: role == .professional)
    }

    /// What the policy says about `action`, without auditing or throwing: for work done on the
    /// professional's behalf (keys handed on at session opening) that is simply skipped when
    /// not allowed.
    func decision(_ action: VaultAction, patientID: [UInt8]?) throws -> AccessDecision {
        try vault.store.read { try decision(action, patientID: patientID, in: $0) }
    }

    /// `decision(_:patientID:)` on the snapshot of `reader`, for work that reads or writes in
    /// the same transaction as its check.
    func decision(_ action: VaultAction, patientID: [UInt8]?, in reader: any VaultReading) throws -> AccessDecision {
        let patient = try patientID.map { try facts(of: $0, in: reader) }
        return Policy.standard.decide(AccessRequest(actor: try policyActor(in: reader), action: action, patient: patient))
    }

    /// Asks the policy; a refusal is audited and thrown, an allowed action is left to the caller
    /// to audit with what it did.
    func authorize(_ action: VaultAction, patientID: [UInt8]?) throws {
        guard case .denied(let reason) = try decision(action, patientID: patientID) else { return }
        try refuse(action, patientID: patientID, reason)
    }

    /// Audits the policy's refusal of `action` (in a transaction of its own) and throws it.
    func refuse(_ action: VaultAction, patientID: [UInt8]?, _ reason: AccessReason) throws -> Never {
        try vault.audit(event("\(action)", patientID: patientID, outcome: .refused, reason: reason.code))
        throw VaultError.accessDenied(code: reason.code, reason: reason.explanation)
    }

    /// Lets an administrator through; anyone else's attempt at `action` is audited as refused
    /// and thrown. For the actions outside any patient's care that only the host performs
    /// (enrolment, care teams).
    func requireAdministrator(for action: String) throws {
        guard role == .admin else {
            try vault.audit(event(action, outcome: .refused, reason: "not an administrator"))
            throw VaultError.notAnAdmin(nationalID: professional.nationalID.rawValue)
        }
    }

    /// What the store says about a patient, in the policy's terms.
    func facts(of patientID: [UInt8]) throws -> PatientFacts {
        try vault.store.read { try facts(of: patientID, in: $0) }
    }

    /// `facts(of:)` on the snapshot of `reader`.
    func facts(of patientID: [UInt8], in reader: any VaultReading) throws -> PatientFacts {
        guard let patient = try reader.patient(id: patientID) else { throw VaultError.noSuchPatient }
        // Only the professionals the patient's grants and oppositions name are looked up.
        func nationalIDs(_ fingerprints: [[UInt8]]) throws -> Set<NationalID> {
            Set(try Set(fingerprints).compactMap { try reader.professional(fingerprint: $0).flatMap { NationalID($0.nationalID) } })
        }
        let events = try reader.policyEvents(patientID: patientID)
        func latest(_ kinds: Set<String>) -> PolicyEvent? { events.last { kinds.contains($0.kind) } }
        let opposed = events.reduce(into: Set<[UInt8]>()) { set, event in
            guard let subject = event.subjectFingerprint else { return }
            if event.kind == PolicyEventKind.opposition { set.insert(subject) }
            if event.kind == PolicyEventKind.oppositionLifted { set.remove(subject) }
        }
        return PatientFacts(
            hostingConsent: latest([PolicyEventKind.hostingConsent, PolicyEventKind.hostingConsentWithdrawal])?.kind
                == PolicyEventKind.hostingConsent,
            shredded: patient.shreddedAt != nil,
            designatedProfessionals: try nationalIDs(try reader.grants(patientID: patientID).map(\.fingerprint)
                + reader.pendingGrants(patientID: patientID).map(\.fingerprint)),
            grantedTeams: Set(try reader.teamGrants(patientID: patientID).map { CareTeamID($0.teamID) }),
            structureSharingConsent: latest([PolicyEventKind.consent, PolicyEventKind.consentWithdrawal])?.kind
                == PolicyEventKind.consent,
            opposedProfessionals: try nationalIDs(Array(opposed)),
            opposedTeams: [],
            objectsToRelativesInformation: events.contains { $0.kind == PolicyEventKind.relativesObjection },
            objectsToHeirAccess: events.contains { $0.kind == PolicyEventKind.heirObjection },
            deceased: events.contains { $0.kind == PolicyEventKind.deceased },
            graveDiagnosis: events.contains { $0.kind == PolicyEventKind.graveDiagnosis })
    }
}

/// The kinds of policy event the store keeps, append-only, per patient.
enum PolicyEventKind {
    static let hostingConsent = "hostingConsent"
    static let hostingConsentWithdrawal = "hostingConsentWithdrawal"
    static let consent = "consent"
    static let consentWithdrawal = "consentWithdrawal"
    static let opposition = "opposition"
    static let oppositionLifted = "oppositionLifted"
    static let relativesObjection = "relativesObjection"
    static let heirObjection = "heirObjection"
    static let deceased = "deceased"
    static let graveDiagnosis = "graveDiagnosis"
}
