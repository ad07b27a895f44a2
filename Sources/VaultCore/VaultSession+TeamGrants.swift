import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Entrusts a patient to an establishment care team (L1110-4 al.3): the information is
    /// deemed entrusted to the whole team, so each current member gets the patient key as a
    /// pending grant, which reaches their card at their next session. Members added later get
    /// theirs through `syncTeamGrants`. Members the patient opposed get nothing.
    public func grantTeam(patient: String, team: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.grantAccess, patientID: patientID)
        let teamID = try existingTeam(team)
        let key = try patientKey(patientID)
        let opposed = try facts(of: patientID).opposedProfessionals
        let now = Date()
        try vault.store.write { writer in
            let already = try writer.teamGrants(patientID: patientID).contains { $0.teamID == teamID }
            if !already {
                try writer.insert(TeamGrant(patientID: patientID, teamID: teamID, grantedBy: fingerprint, grantedAt: now))
            }
            let reached = try handKeyToMembers(of: [teamID], key: key, patientID: patientID, sparing: opposed, in: writer, at: now)
            try AuditLog.append(event("team.grant", patientID: patientID, outcome: .granted,
                                      reason: "\(already ? "already granted to" : "to") team \(team); key sealed to \(reached) members"),
                                to: writer)
        }
    }

    /// Stops entrusting a patient to a care team: the team grant goes, the members' keys are
    /// withdrawn (except from members still in another team entrusted with the patient, and the
    /// professional who created the patient), and a rekey of the patient is queued so that
    /// copies they kept stop opening new records.
    public func revokeTeam(patient: String, team: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.revokeAccess, patientID: patientID)
        let teamID = try existingTeam(team)
        let now = Date()
        try vault.store.write { writer in
            guard try writer.teamGrants(patientID: patientID).contains(where: { $0.teamID == teamID }) else {
                try AuditLog.append(event("team.revoke", patientID: patientID, outcome: .granted,
                                          reason: "team \(team) was not granted"), to: writer)
                return
            }
            try writer.deleteTeamGrant(patientID: patientID, teamID: teamID)
            let members = Set(try writer.members(teamID: teamID).map(\.fingerprint))
            let withdrawn = try withdrawTeamKeys(patientID: patientID, from: members, in: writer)
            if withdrawn { try queueRekey(patientID: patientID, reason: "care team revoked", in: writer, at: now) }
            try AuditLog.append(event("team.revoke", patientID: patientID, outcome: .granted,
                                      reason: "from team \(team)\(withdrawn ? "; keys withdrawn, rekey queued" : "")"), to: writer)
        }
    }

    /// Hands the patient keys this professional holds to the members of the care teams those
    /// patients are entrusted to who do not have them yet (members added since the team was
    /// granted, whom an administrator cannot give keys to). Runs when a session opens. Patients
    /// this professional may not grant access to are skipped without a refusal, as are members
    /// the patient opposed or whose enrolment was removed. Each patient's new pending grants are
    /// written and audited in one transaction. Returns how many pending grants were made.
    @discardableResult
    public func syncTeamGrants() throws -> Int {
        let (held, teamsExist) = try vault.store.read { reader in
            (Set(try reader.grants(fingerprint: fingerprint).map(\.patientID)), !(try reader.teams().isEmpty))
        }
        guard teamsExist, role == .professional else { return 0 }
        var made = 0
        for patientID in held.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let teamIDs = try vault.store.read { try $0.teamGrants(patientID: patientID) }.map(\.teamID)
            guard !teamIDs.isEmpty, try decision(.grantAccess, patientID: patientID).isAllowed,
                  let key = try currentPatientKey(patientID) else { continue }
            let opposed = try facts(of: patientID).opposedProfessionals
            let now = Date()
            made += try vault.store.write { writer in
                let reached = try handKeyToMembers(of: teamIDs, key: key, patientID: patientID, sparing: opposed, in: writer, at: now)
                if reached > 0 {
                    try AuditLog.append(event("team.grant.sync", patientID: patientID, outcome: .granted,
                                              reason: "key sealed to \(reached) new team members"), to: writer)
                }
                return reached
            }
        }
        return made
    }

    /// Seals the patient key to every enrolled member of `teamIDs` who lacks it, except those
    /// the patient opposed; returns how many pending grants were written.
    private func handKeyToMembers(of teamIDs: [[UInt8]], key: (key: SecretBytes, version: Int), patientID: [UInt8],
                                  sparing opposed: Set<NationalID>, in writer: any VaultWriting, at time: Date) throws -> Int {
        let enrolments = Dictionary(try writer.professionals().filter { $0.removedAt == nil }.map { ($0.fingerprint, $0) }) { first, _ in first }
        var members = Set<[UInt8]>()
        for teamID in teamIDs { members.formUnion(try writer.members(teamID: teamID).map(\.fingerprint)) }
        var reached = 0
        for member in members.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let enrolment = enrolments[member], enrolment.role == .professional,
                  !(NationalID(enrolment.nationalID).map(opposed.contains) ?? false),
                  let pending = try pendingGrant(of: key, patientID: patientID, to: enrolment, in: writer, at: time) else { continue }
            try writer.insert(pending)
            reached += 1
        }
        return reached
    }

    /// This professional's current key to the patient, or nil when they hold only an older
    /// version (the patient was rekeyed and their new grant has not reached them).
    private func currentPatientKey(_ patientID: [UInt8]) throws -> (key: SecretBytes, version: Int)? {
        do {
            return try patientKey(patientID)
        } catch VaultError.noSuchPatient {
            return nil
        }
    }
}
