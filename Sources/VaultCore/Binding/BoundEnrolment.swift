import VaultStore

/// A card holder's enrolment and care teams as the policy relies on them: read, then checked
/// against what the audit log last stated for them, so that a promoted role, an undone removal or
/// a care team joined outside the vault is `VaultError.tampered` and never decides anything.
struct BoundEnrolment {
    /// The enrolment row, nil for a card never enrolled.
    let enrolment: EnrolledProfessional?
    /// The ids of the care teams the card belongs to.
    let teamIDs: [[UInt8]]

    init(fingerprint: [UInt8], in reader: any VaultReading) throws {
        enrolment = try reader.professional(fingerprint: fingerprint)
        teamIDs = try reader.teams(fingerprint: fingerprint).map { $0.teamID }
        let key = BindingKey.professional(fingerprint)
        try BindingRecord.check(key, digest: BindingState.professionalDigest(key, enrolment: enrolment, teams: teamIDs), in: reader)
    }
}
