import CPSCard
import VaultStore

extension SessionService {
    /// What the store says about a patient, in the policy's terms.
    func facts(of patientID: [UInt8]) throws -> PatientFacts {
        try vault.store.read { try facts(of: patientID, in: $0) }
    }

    /// `facts(of:)` on the snapshot of `reader`; a patient the store does not hold is
    /// `VaultError.noSuchPatient`. The rows read are those the audit log last stated for the
    /// patient and for each professional they name, or the facts are `VaultError.tampered`.
    func facts(of patientID: [UInt8], in reader: any VaultReading) throws -> PatientFacts {
        let key = BindingKey.patient(patientID)
        guard let patient = try reader.patient(id: patientID) else {
            // A patient the log knows of, whose row is gone, was deleted outside the vault.
            try BindingRecord.check(key, digest: BindingState.empty(keyName: key.name), in: reader)
            throw VaultError.noSuchPatient
        }
        // In the order recorded, by the time each carries (which the log binds), not the order of the rows.
        let events = try reader.policyEvents(patientID: patientID).sorted { $0.recordedAt < $1.recordedAt }
        let grants = try reader.grants(patientID: patientID), pending = try reader.pendingGrants(patientID: patientID)
        let teamGrants = try reader.teamGrants(patientID: patientID)
        try BindingRecord.check(key, digest: BindingState.patientDigest(key, patient: patient, grants: grants, pendingGrants: pending,
                                                                       teamGrants: teamGrants, events: events), in: reader)
        // Only the professionals the patient's grants and oppositions name are looked up, each
        // enrolment checked against the log as it is read.
        func nationalIDs(_ fingerprints: [[UInt8]]) throws -> Set<NationalID> {
            Set(try Set(fingerprints).compactMap { try BoundEnrolment(fingerprint: $0, in: reader).enrolment.flatMap { NationalID($0.nationalID) } })
        }
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
            designatedProfessionals: try nationalIDs(grants.map { $0.fingerprint } + pending.map { $0.fingerprint }),
            grantedTeams: Set(teamGrants.map { TeamID(bytes: $0.teamID) }),
            structureSharingConsent: latest([PolicyEventKind.consent, PolicyEventKind.consentWithdrawal])?.kind
                == PolicyEventKind.consent,
            opposedProfessionals: try nationalIDs(Array(opposed)),
            opposedTeams: [],
            objectsToRelativesInformation: events.contains { $0.kind == PolicyEventKind.relativesObjection },
            objectsToHeirAccess: events.contains { $0.kind == PolicyEventKind.heirObjection },
            deceased: events.contains { $0.kind == PolicyEventKind.deceased },
            graveDiagnosis: events.contains { $0.kind == PolicyEventKind.graveDiagnosis },
            restitutionRequested: events.contains { $0.kind == PolicyEventKind.restitutionRequest })
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
    static let restitutionRequest = "restitutionRequest"
}
