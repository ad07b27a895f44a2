import Testing
import VaultCore

/// Which obligation wins when several apply to the same request.
@Suite("Policy.standard: precedence between obligations")
struct PolicyPrecedenceTests {
    typealias F = Fixture

    @Test("precedence", arguments: [
        PolicyCase.deny("opposition beats a direct grant", F.designatedPhysician, .readRecords,
                        F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] },
                        code: "L1110-4-al5-opposition"),
        .deny("opposition of a professional beats their team's grant", F.teamPhysician, .addRecord,
              F.patient { $0.opposedProfessionals = [F.teamPhysician.nationalID] }, code: "L1110-4-al5-opposition"),
        .deny("opposition of a team beats the same team's grant", F.teamPhysician, .readRecords,
              F.patient { $0.opposedTeams = [F.cardiologyTeam] }, code: "L1110-4-al5-team-opposition"),
        .deny("opposition beats the health centre consent", F.centrePhysician, .readRecords,
              F.patient { $0.structureSharingConsent = true; $0.opposedProfessionals = [F.centrePhysician.nationalID] },
              code: "L1110-4-al5-opposition"),
        .deny("opposition beats the designated physician's restitution", F.designatedPhysician, .restitutionExport,
              F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] },
              code: "L1110-4-al5-opposition"),
        .deny("opposition beats a grave-diagnosis release", F.designatedPhysician, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true; $0.opposedProfessionals = [F.designatedPhysician.nationalID] },
              code: "L1110-4-al5-opposition"),
        .deny("withdrawn consent denies a centre member", F.centrePhysician, .addRecord,
              F.patient { $0.structureSharingConsent = false }, code: "L1110-4-al4-no-consent"),
        .allow("a centre member the patient also designated keeps access after the centre consent is withdrawn",
               F.centrePhysician, .readRecords,
               F.patient { $0.designatedProfessionals.insert(F.centrePhysician.nationalID) },
               code: "L1111-8-designated"),
        .deny("a nurse cannot release to relatives even when designated", F.designatedNurse, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true }, code: "L1110-4-al8-physician-only"),
        .deny("an administrator cannot read even with a grant", F.admin, .readRecords,
              F.patient { $0.designatedProfessionals.insert(F.admin.nationalID) }, code: "L1111-8-host-no-use"),
        .deny("missing hosting consent beats a direct grant", F.designatedPhysician, .addRecord,
              F.patient { $0.hostingConsent = false }, code: "L1111-8-no-hosting-consent"),
        .deny("missing hosting consent beats a team grant", F.teamNurse, .readRecords,
              F.patient { $0.hostingConsent = false }, code: "L1111-8-no-hosting-consent"),
    ])
    func precedence(_ row: PolicyCase) { row.check() }

    @Test("shredded beats everything, for every action and every card holder", arguments: VaultAction.allCases)
    func shreddedBeatsEverything(_ action: VaultAction) {
        let shredded = F.patient {
            $0.shredded = true
            $0.hostingConsent = false
            $0.designatedProfessionals.insert(F.admin.nationalID)
        }
        for actor in [F.designatedPhysician, F.teamNurse, F.admin] {
            PolicyCase.deny("shredded patient", actor, action, shredded, code: "L1111-8-shredded").check()
        }
    }
}
