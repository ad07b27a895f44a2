import CPSCard
import VaultStore

extension VaultSession {
    /// What the store says about a patient, in the policy's terms.
    func facts(of patientID: [UInt8]) throws -> PatientFacts {
        try vault.store.read { try facts(of: patientID, in: $0) }
    }

    /// `facts(of:)` on the snapshot of `reader`; a patient the store does not hold is
    /// `VaultError.noSuchPatient`.
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
