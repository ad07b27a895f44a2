import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Entrusts a patient to an establishment care team (L1110-4 al.3): the information is
    /// deemed entrusted to the whole team, so each current member gets the patient key as a
    /// pending grant, which reaches their card at their next session. Members added later get
    /// theirs through `syncTeamGrants`. Members the policy keeps the key from (the patient
    /// opposed them) get nothing, and each one left out is audited as a refusal.
    public func grantTeam(patient: PatientID, team: TeamID) throws {
        let patientID = patient.bytes
        let admission = try admit(.grantAccess, patient: patientID, as: .teamGrant)
        let teamID = try existingTeam(team)
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            let already = try writer.teamGrants(patientID: patientID).contains { $0.teamID == teamID }
            if !already {
                try writer.insert(TeamGrant(patientID: patientID, teamID: teamID, grantedBy: fingerprint, grantedAt: now))
            }
            let handed = try handKeyToMembers(of: [teamID], key: key, patientID: patientID, in: writer, at: now)
            try AuditLog.append(admission.granted("\(already ? "already granted to" : "to") team \(team); key sealed to "
                                                  + "\(handed.reached) members" + handed.withheldNote), to: writer)
            for reason in handed.refusals {
                try AuditLog.append(event(.grantReceive, patientID: patientID, outcome: .refused, reason: reason.code), to: writer)
            }
        }
    }

    /// Stops entrusting a patient to a care team: the team grant goes, the members' keys are
    /// withdrawn (except from members still in another team entrusted with the patient, and the
    /// professional who created the patient), and a rekey of the patient is queued so that
    /// copies they kept stop opening new records.
    public func revokeTeam(patient: PatientID, team: TeamID) throws {
        let patientID = patient.bytes
        let admission = try admit(.revokeAccess, patient: patientID, as: .teamRevoke)
        let teamID = try existingTeam(team)
        let now = Date()
        try vault.store.write { writer in
            guard try writer.teamGrants(patientID: patientID).contains(where: { $0.teamID == teamID }) else {
                try AuditLog.append(admission.granted("team \(team) was not granted"), to: writer)
                return
            }
            try writer.deleteTeamGrant(patientID: patientID, teamID: teamID)
            let members = Set(try writer.members(teamID: teamID).map(\.fingerprint))
            let withdrawn = try withdrawTeamKeys(patientID: patientID, from: members, in: writer)
            if withdrawn { try queueRekey(patientID: patientID, reason: "care team revoked", in: writer, at: now) }
            try AuditLog.append(admission.granted("from team \(team)\(withdrawn ? "; keys withdrawn, rekey queued" : "")"), to: writer)
        }
    }

    /// Hands the patient keys this professional holds to the members of the care teams those
    /// patients are entrusted to who do not have them yet (members added since the team was
    /// granted, whom an administrator cannot give keys to). Runs when a session opens. Patients
    /// this professional may not grant access to are skipped without a refusal, as are members
    /// the policy keeps the key from or whose enrolment was removed. Each patient's new pending grants are
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
            guard !teamIDs.isEmpty, let admission = try admission(.grantAccess, patient: patientID, as: .teamGrantSync),
                  let key = try currentPatientKey(patientID) else { continue }
            let now = Date()
            made += try vault.store.write { writer in
                let handed = try handKeyToMembers(of: teamIDs, key: key, patientID: patientID, in: writer, at: now)
                if handed.reached > 0 {
                    try AuditLog.append(admission.granted("key sealed to \(handed.reached) new team members"), to: writer)
                }
                return handed.reached
            }
        }
        return made
    }

    /// What handing the key to a team's members did: how many got it, and why the others the
    /// policy kept it from were refused.
    struct TeamHandover {
        var reached = 0
        var refusals: [AccessReason] = []

        /// The audit note on members left out, without naming them.
        var withheldNote: String {
            refusals.isEmpty ? "" : "; withheld from \(refusals.count) members the policy excludes"
        }
    }

    /// Seals the patient key to every enrolled member of `teamIDs` who lacks it and whom the
    /// policy lets receive it.
    private func handKeyToMembers(of teamIDs: [[UInt8]], key: (key: SecretBytes, version: Int), patientID: [UInt8],
                                  in writer: any VaultWriting, at time: Date) throws -> TeamHandover {
        let enrolments = Dictionary(try writer.professionals().filter { $0.removedAt == nil }.map { ($0.fingerprint, $0) }) { first, _ in first }
        var members = Set<[UInt8]>()
        for teamID in teamIDs { members.formUnion(try writer.members(teamID: teamID).map(\.fingerprint)) }
        var handover = TeamHandover()
        for member in members.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let enrolment = enrolments[member], enrolment.role == .professional else { continue }
            switch try pendingGrant(of: key, patientID: patientID, to: enrolment, in: writer, at: time) {
            case .sealed(let pending):
                try writer.insert(pending)
                handover.reached += 1
            case .refused(let reason):
                handover.refusals.append(reason)
            case .held:
                break
            }
        }
        return handover
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
