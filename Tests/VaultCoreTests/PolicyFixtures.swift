import CPSCard
import Testing
import VaultCore

/// The people and patient every policy table is written against.
enum Fixture {
    static let cardiologyTeam = TeamID(bytes: [UInt8](repeating: 0x01, count: 16))
    static let surgeryTeam = TeamID(bytes: [UInt8](repeating: 0x02, count: 16))

    /// A physician the patient designated.
    static let designatedPhysician = actor("810000000001", .physician)
    /// A nurse the patient designated.
    static let designatedNurse = actor("810000000002", .nurse)
    /// A physician of the cardiology team, which the patient's information is entrusted to.
    static let teamPhysician = actor("810000000003", .physician, teams: [cardiologyTeam])
    /// A nurse of the cardiology team.
    static let teamNurse = actor("810000000004", .nurse, teams: [cardiologyTeam])
    /// A physician of the surgery team, which was granted nothing.
    static let otherTeamPhysician = actor("810000000005", .physician, teams: [surgeryTeam])
    /// A physician of the health centre the vault serves.
    static let centrePhysician = actor("810000000006", .physician, structureMember: true)
    /// A staff member of the health centre (CPE holder), not a health professional.
    static let centreStaff = actor("3123456789/ACC01", .establishmentStaff, structureMember: true)
    /// A physician with no relationship to the patient.
    static let strangerPhysician = actor("810000000007", .physician)
    /// An administrator of the hosting.
    static let admin = actor("810000000008", .physician, role: .admin)

    /// A hosted patient who designated the physician and the nurse and entrusted the cardiology
    /// team; no consent for the health centre, no opposition, objection, diagnosis or death.
    static let patient = PatientFacts(
        hostingConsent: true, shredded: false,
        designatedProfessionals: [designatedPhysician.nationalID, designatedNurse.nationalID],
        grantedTeams: [cardiologyTeam],
        structureSharingConsent: false,
        opposedProfessionals: [], opposedTeams: [],
        objectsToRelativesInformation: false, objectsToHeirAccess: false,
        deceased: false, graveDiagnosis: false, restitutionRequested: false)

    /// The patient with some facts changed.
    static func patient(_ change: (inout PatientFacts) -> Void) -> PatientFacts {
        var facts = patient
        change(&facts)
        return facts
    }

    private static func actor(_ nationalID: String, _ profession: ProfessionCode, role: VaultActor.Role = .professional,
                              teams: Set<TeamID> = [], structureMember: Bool = false) -> VaultActor {
        guard let id = NationalID(nationalID) else { preconditionFailure("bad fixture identifier \(nationalID)") }
        return VaultActor(nationalID: id, profession: profession, role: role, teamIDs: teams,
                          structureMember: structureMember)
    }
}

/// One row of a policy table: a request and the decision and reason code it must get.
struct PolicyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let request: AccessRequest
    let allowed: Bool
    let code: String

    static func allow(_ name: String, _ actor: VaultActor, _ action: VaultAction,
                      _ patient: PatientFacts? = Fixture.patient, code: String) -> PolicyCase {
        PolicyCase(name: name, request: AccessRequest(actor: actor, action: action, patient: patient),
                   allowed: true, code: code)
    }

    static func deny(_ name: String, _ actor: VaultActor, _ action: VaultAction,
                     _ patient: PatientFacts? = Fixture.patient, code: String) -> PolicyCase {
        PolicyCase(name: name, request: AccessRequest(actor: actor, action: action, patient: patient),
                   allowed: false, code: code)
    }

    var testDescription: String { "\(allowed ? "allowed" : "denied"): \(name)" }

    /// Checks the standard policy's decision and reason code against this row.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let decision = Policy.standard.decide(request)
        #expect(decision.isAllowed == allowed, "\(decision.reason)", sourceLocation: sourceLocation)
        #expect(decision.reason.code == code, sourceLocation: sourceLocation)
    }
}
