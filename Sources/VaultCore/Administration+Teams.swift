import Foundation
import SmartCard
import VaultCrypto
import VaultStore

extension Administration {
    /// Creates an establishment care team (L1110-4 al.3), to which patients can then be
    /// entrusted as a whole with `grantTeam`. Administrators only (`manageCareTeams`). Returns the team's opaque id.
    public func createTeam(name: String) throws -> TeamID {
        let admission = try admit(.manageCareTeams, as: .teamCreate)
        let teamID = try SecureRandom.bytes(count: 16)
        try vault.store.write { writer in
            try writer.insert(Team(teamID: teamID, name: name, createdAt: Date()))
            try AuditLog.append(admission.granted("team \(teamID.hexString)"), to: writer)
        }
        return TeamID(bytes: teamID)
    }

    /// Adds an enrolled professional to a care team. Administrators only. Administrators never
    /// hold patient keys, so the membership alone is recorded: the keys of the patients
    /// entrusted to the team reach the new member through `syncTeamGrants`, at the next session
    /// of a professional holding them.
    public func addTeamMember(team: TeamID, nationalID: String) throws {
        let admission = try admit(.manageCareTeams, as: .teamMemberAdd)
        let teamID = try existingTeam(team)
        let enrolments = try vault.store.read { try $0.professionals() }
            .filter { $0.nationalID == nationalID && $0.removedAt == nil }
        guard !enrolments.isEmpty else { throw VaultError.notEnrolled(nationalID: nationalID) }
        try vault.store.write { writer in
            let members = Set(try writer.members(teamID: teamID).map(\.fingerprint))
            let added = enrolments.filter { !members.contains($0.fingerprint) }
            for enrolment in added {
                try writer.insert(TeamMember(teamID: teamID, fingerprint: enrolment.fingerprint, addedAt: Date()))
            }
            try AuditLog.append(admission.granted("\(added.isEmpty ? "already a member: " : "")\(nationalID) to team \(team)"),
                                to: writer)
        }
    }

    /// Removes a professional from a care team. Administrators only. Their keys to the patients
    /// entrusted to the team are withdrawn (unless another team of theirs is still entrusted
    /// with the patient, or the key is their own from creating the patient), and each of those
    /// patients is queued for a rekey so that a copy they kept stops opening new records.
    public func removeTeamMember(team: TeamID, nationalID: String) throws {
        let admission = try admit(.manageCareTeams, as: .teamMemberRemove)
        let teamID = try existingTeam(team)
        let now = Date()
        try vault.store.write { writer in
            let enrolled = Set(try writer.professionals().filter { $0.nationalID == nationalID }.map(\.fingerprint))
            let leaving = Set(try writer.members(teamID: teamID).map(\.fingerprint)).intersection(enrolled)
            for member in leaving {
                try writer.deleteTeamMember(teamID: teamID, fingerprint: member)
            }
            var rekeyed = 0
            for patient in try writer.patients() {
                guard try writer.teamGrants(patientID: patient.patientID).contains(where: { $0.teamID == teamID }),
                      try withdrawTeamKeys(patientID: patient.patientID, from: leaving, in: writer) else { continue }
                try queueRekey(patientID: patient.patientID, reason: "care team member removed", in: writer, at: now)
                rekeyed += 1
            }
            try AuditLog.append(admission.granted(leaving.isEmpty ? "not a member: \(nationalID) of team \(team)"
                                          : "\(nationalID) from team \(team); keys withdrawn, \(rekeyed) rekeys queued"),
                                to: writer)
        }
    }
}

extension SessionService {
    /// The bytes of a stored team's id.
    func existingTeam(_ team: TeamID) throws -> [UInt8] {
        let teamID = team.bytes
        guard try vault.store.read({ try $0.teams() }).contains(where: { $0.teamID == teamID }) else { throw VaultError.noSuchTeam }
        return teamID
    }

    /// Withdraws the patient's keys from those of `fingerprints` who hold them only through a
    /// care team no longer entrusted to them: a holder still in another team entrusted with the
    /// patient keeps them, and so does the one whose key is their own (the professional who
    /// created the patient, who granted it to themselves). Returns whether any key went.
    func withdrawTeamKeys(patientID: [UInt8], from fingerprints: Set<[UInt8]>, in writer: any VaultWriting) throws -> Bool {
        let stillEntrusted = Set(try writer.teamGrants(patientID: patientID).map(\.teamID))
        var withdrawn = Set<[UInt8]>()
        for holder in fingerprints {
            let ownKey = try writer.grants(patientID: patientID).contains { $0.fingerprint == holder && $0.grantedBy == holder }
            let otherTeam = try writer.teams(fingerprint: holder).contains { stillEntrusted.contains($0.teamID) }
            if !ownKey && !otherTeam { withdrawn.insert(holder) }
        }
        let held = try writer.grants(patientID: patientID).map(\.fingerprint) + writer.pendingGrants(patientID: patientID).map(\.fingerprint)
        try withdrawKeys(patientID: patientID, from: withdrawn, in: writer)
        return held.contains(where: withdrawn.contains)
    }
}

