import CPSCard
import Testing
import VaultCore

/// The standard policy against each obligation of docs/LAW.md: at least one allowed and one denied case
/// per obligation, each with its reason code.
@Suite("Policy.standard: the obligations of docs/LAW.md")
struct PolicyObligationTests {
    typealias F = Fixture

    @Test("L1110-4 al.1-2: secrecy, only those in the patient's care", arguments: [
        PolicyCase.allow("the designated physician reads", F.designatedPhysician, .readRecords,
                         code: "L1111-8-designated"),
        .deny("a physician outside the patient's care reads", F.strangerPhysician, .readRecords,
              code: "L1110-4-outside-care"),
        .deny("a physician outside the patient's care grants himself access", F.strangerPhysician, .grantAccess,
              code: "L1110-4-outside-care"),
        .deny("health centre staff, not a health professional, read despite the consent", F.centreStaff,
              .readRecords, F.patient { $0.structureSharingConsent = true }, code: "L1110-4-outside-care"),
    ])
    func secrecy(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.3: continuity of care, care teams entrusted as a whole", arguments: [
        PolicyCase.allow("a nurse of the granted team reads", F.teamNurse, .readRecords,
                         code: "L1110-4-al3-care-team"),
        .allow("a physician of the granted team adds a record", F.teamPhysician, .addRecord,
               code: "L1110-4-al3-care-team"),
        .allow("a physician of the granted team grants a colleague", F.teamPhysician, .grantAccess,
               code: "L1110-4-al3-care-team"),
        .allow("the designated nurse adds a record", F.designatedNurse, .addRecord, code: "L1111-8-designated"),
        .deny("a physician of a team granted nothing reads", F.otherTeamPhysician, .readRecords,
              code: "L1110-4-outside-care"),
        .deny("a team member reads once the team grant is revoked", F.teamNurse, .readRecords,
              F.patient { $0.grantedTeams = [] }, code: "L1110-4-outside-care"),
    ])
    func continuityOfCare(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.4: health centre sharing needs express consent", arguments: [
        PolicyCase.allow("a centre physician reads with the patient's consent", F.centrePhysician, .readRecords,
                         F.patient { $0.structureSharingConsent = true }, code: "L1110-4-al4-consent"),
        .allow("a centre physician records the withdrawal of consent", F.centrePhysician, .recordConsent,
               F.patient { $0.structureSharingConsent = true }, code: "L1110-4-al4-consent"),
        .deny("a centre physician reads without the patient's consent", F.centrePhysician, .readRecords,
              code: "L1110-4-al4-no-consent"),
        .deny("a physician outside the centre reads despite the consent", F.strangerPhysician, .readRecords,
              F.patient { $0.structureSharingConsent = true }, code: "L1110-4-outside-care"),
    ])
    func healthCentre(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.5: the patient may refuse any professional", arguments: [
        PolicyCase.deny("an opposed designated physician reads", F.designatedPhysician, .readRecords,
                        F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] },
                        code: "L1110-4-al5-opposition"),
        .deny("a nurse of an opposed team reads", F.teamNurse, .readRecords,
              F.patient { $0.opposedTeams = [F.cardiologyTeam] }, code: "L1110-4-al5-team-opposition"),
        .allow("another designated professional records the opposition", F.designatedNurse, .recordOpposition,
               code: "L1111-8-designated"),
        .allow("a professional not opposed still reads", F.designatedNurse, .readRecords,
               F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] },
               code: "L1111-8-designated"),
    ])
    func opposition(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.6: the card's identity decides every access", arguments: [
        PolicyCase.allow("a card-authenticated professional registers a patient", F.strangerPhysician,
                         .createPatient, nil, code: "L1110-4-al6-create"),
        .allow("a card-authenticated professional lists their patients", F.designatedNurse, .listPatients, nil,
               code: "L1110-4-al6-list"),
        .allow("the designated physician's card reads", F.designatedPhysician, .readRecords,
               code: "L1111-8-designated"),
        .deny("another physician's card reads the same patient", F.strangerPhysician, .readRecords,
              code: "L1110-4-outside-care"),
    ])
    func cardIdentity(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.7: every attempt gets a reason code for the audit", arguments: [
        PolicyCase.allow("an allowed read carries its reason", F.designatedPhysician, .readRecords,
                         code: "L1111-8-designated"),
        .deny("a refused read carries its reason", F.strangerPhysician, .readRecords,
              code: "L1110-4-outside-care"),
    ])
    func auditedAttempts(_ row: PolicyCase) {
        row.check()
        let reason = Policy.standard.decide(row.request).reason
        #expect(reason.explanation.hasPrefix("Article "))
    }

    @Test("L1110-4 al.5 and L1111-8: no key reaches whom the patient or the law excludes", arguments: [
        PolicyCase.allow("a professional outside the care receives a grant", F.strangerPhysician, .receivePatientKey,
                         code: "L1110-4-al3-key-recipient"),
        .deny("an opposed professional receives a grant", F.strangerPhysician, .receivePatientKey,
              F.patient { $0.opposedProfessionals = [F.strangerPhysician.nationalID] }, code: "L1110-4-al5-opposition"),
        .deny("a member of an opposed team receives a grant", F.teamNurse, .receivePatientKey,
              F.patient { $0.opposedTeams = [F.cardiologyTeam] }, code: "L1110-4-al5-team-opposition"),
        .deny("an administrator receives a patient key", F.admin, .receivePatientKey, code: "L1111-8-host-not-in-care"),
        .deny("a professional receives a key after the end of the hosting", F.designatedNurse, .receivePatientKey,
              F.patient { $0.hostingConsent = false }, code: "L1111-8-no-hosting-consent"),
        .deny("a professional receives the key of a shredded patient", F.designatedNurse, .receivePatientKey,
              F.patient { $0.shredded = true }, code: "L1111-8-shredded"),
    ])
    func keyRecipients(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 and L1111-8: an identity is shown only to those in the patient's care, while hosted", arguments: [
        PolicyCase.allow("a professional asks for their list of patients", F.strangerPhysician, .listPatients, nil,
                         code: "L1110-4-al6-list"),
        .allow("the designated physician sees the patient in a list", F.designatedPhysician, .listPatients,
               code: "L1111-8-designated"),
        .allow("a team nurse sees the patient in a list", F.teamNurse, .listPatients, code: "L1110-4-al3-care-team"),
        .deny("the designated physician sees the patient after the end of the hosting", F.designatedPhysician,
              .listPatients, F.patient { $0.hostingConsent = false }, code: "L1111-8-no-hosting-consent"),
        .deny("an opposed physician sees the patient in a list", F.designatedPhysician, .listPatients,
              F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] }, code: "L1110-4-al5-opposition"),
        .deny("a physician outside the care finds the patient", F.strangerPhysician, .listPatients,
              code: "L1110-4-outside-care"),
        .deny("an administrator lists patients", F.admin, .listPatients, nil, code: "L1111-8-host-not-in-care"),
        .deny("an administrator sees a patient's identity", F.admin, .listPatients, code: "L1111-8-host-not-in-care"),
    ])
    func identities(_ row: PolicyCase) { row.check() }

    @Test("L1111-8: the host's own work is the administrators' alone", arguments: [
        PolicyCase.allow("an administrator enrols a card holder", F.admin, .enrolProfessional, nil,
                         code: "L1111-8-host-administration"),
        .deny("a physician enrols a card holder", F.designatedPhysician, .enrolProfessional, nil, code: "L1111-8-admin-only"),
        .allow("an administrator removes a card holder", F.admin, .removeProfessional, nil, code: "L1111-8-host-administration"),
        .deny("a physician removes a card holder", F.designatedPhysician, .removeProfessional, nil, code: "L1111-8-admin-only"),
        .allow("an administrator manages care teams", F.admin, .manageCareTeams, nil, code: "L1111-8-host-administration"),
        .deny("a physician manages care teams", F.teamPhysician, .manageCareTeams, nil, code: "L1111-8-admin-only"),
        .allow("an administrator reads the audit log", F.admin, .readAuditLog, nil, code: "L1110-4-audit"),
        .allow("a professional reads the audit log", F.designatedNurse, .readAuditLog, nil, code: "L1110-4-audit"),
    ])
    func hostAdministration(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.7: every decision about a patient names an article", arguments: VaultAction.allCases)
    func everyDecisionNamesAnArticle(_ action: VaultAction) {
        let actors = [F.designatedPhysician, F.designatedNurse, F.teamNurse, F.centrePhysician, F.centreStaff,
                      F.strangerPhysician, F.admin]
        for actor in actors {
            let reason = Policy.standard.decide(AccessRequest(actor: actor, action: action, patient: F.patient)).reason
            #expect(reason.explanation.hasPrefix("Article "), "\(actor.nationalID) \(action): \(reason)")
        }
    }

    @Test("L1110-4 al.8: grave diagnosis, relatives informed by a physician only", arguments: [
        PolicyCase.allow("the designated physician informs relatives of a grave diagnosis", F.designatedPhysician,
                         .releaseToRelatives, F.patient { $0.graveDiagnosis = true },
                         code: "L1110-4-al8-relatives"),
        .allow("a physician of the granted team informs relatives", F.teamPhysician, .releaseToRelatives,
               F.patient { $0.graveDiagnosis = true }, code: "L1110-4-al8-relatives"),
        .deny("the designated nurse informs relatives", F.designatedNurse, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true }, code: "L1110-4-al8-physician-only"),
        .deny("no grave diagnosis is recorded", F.designatedPhysician, .releaseToRelatives,
              code: "L1110-4-al8-no-grave-diagnosis"),
        .deny("the patient objected", F.designatedPhysician, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true; $0.objectsToRelativesInformation = true },
              code: "L1110-4-al8-objection"),
        .deny("a physician outside the patient's care", F.strangerPhysician, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true }, code: "L1110-4-outside-care"),
        .deny("the patient has died: heirs, not relatives", F.designatedPhysician, .releaseToRelatives,
              F.patient { $0.graveDiagnosis = true; $0.deceased = true }, code: "L1110-4-al8-deceased"),
    ])
    func relatives(_ row: PolicyCase) { row.check() }

    @Test("L1110-4 al.9: heirs of a deceased patient, unless the patient objected", arguments: [
        PolicyCase.allow("the designated physician releases to the heirs", F.designatedPhysician, .heirAccess,
                         F.patient { $0.deceased = true }, code: "L1110-4-al9-heirs"),
        .deny("the patient is alive", F.designatedPhysician, .heirAccess, code: "L1110-4-al9-not-deceased"),
        .deny("the designated nurse releases to the heirs", F.designatedNurse, .heirAccess,
              F.patient { $0.deceased = true }, code: "L1110-4-al9-physician-only"),
        .deny("the patient objected before death", F.designatedPhysician, .heirAccess,
              F.patient { $0.deceased = true; $0.objectsToHeirAccess = true }, code: "L1110-4-al9-objection"),
        .deny("a physician outside the patient's care", F.strangerPhysician, .heirAccess,
              F.patient { $0.deceased = true }, code: "L1110-4-outside-care"),
    ])
    func heirs(_ row: PolicyCase) { row.check() }

    @Test("L1111-8: hosting consent, designated professionals, a host that never uses the data", arguments: [
        PolicyCase.deny("the designated physician reads before hosting consent", F.designatedPhysician,
                        .readRecords, F.patient { $0.hostingConsent = false }, code: "L1111-8-no-hosting-consent"),
        .allow("the designated physician records hosting consent", F.designatedPhysician, .recordConsent,
               F.patient { $0.hostingConsent = false }, code: "L1111-8-designated"),
        .deny("a physician outside the patient's care records hosting consent", F.strangerPhysician,
              .recordConsent, F.patient { $0.hostingConsent = false }, code: "L1110-4-outside-care"),
        .deny("an administrator reads", F.admin, .readRecords, code: "L1111-8-host-no-use"),
        .deny("an administrator adds a record", F.admin, .addRecord, code: "L1111-8-host-no-use"),
        .deny("an administrator grants access", F.admin, .grantAccess, code: "L1111-8-host-not-in-care"),
        .deny("an administrator registers a patient", F.admin, .createPatient, nil,
              code: "L1111-8-host-not-in-care"),
        .allow("an administrator rotates keys", F.admin, .administerKeys, nil, code: "L1111-8-host-keys"),
        .deny("a physician rotates keys", F.designatedPhysician, .administerKeys, nil,
              code: "L1111-8-admin-only"),
        .allow("an administrator runs the restitution export once the hosting has ended", F.admin, .restitutionExport,
               F.patient { $0.hostingConsent = false }, code: "L1111-8-restitution-host"),
        .allow("an administrator runs the restitution export the patient asked for", F.admin, .restitutionExport,
               F.patient { $0.restitutionRequested = true }, code: "L1111-8-restitution-host"),
        .deny("an administrator runs the restitution export of a live dossier nobody asked for", F.admin,
              .restitutionExport, code: "L1111-8-restitution-host-hosted"),
        .allow("the designated physician takes the data back", F.designatedPhysician, .restitutionExport,
               code: "L1111-8-restitution-physician"),
        .allow("the designated physician takes the data back after hosting consent is withdrawn",
               F.designatedPhysician, .restitutionExport, F.patient { $0.hostingConsent = false },
               code: "L1111-8-restitution-physician"),
        .deny("the designated nurse takes the data back", F.designatedNurse, .restitutionExport,
              code: "L1111-8-restitution-not-designated"),
        .deny("a team physician, not designated, takes the data back", F.teamPhysician, .restitutionExport,
              code: "L1111-8-restitution-not-designated"),
        .allow("an administrator shreds once hosting consent is withdrawn", F.admin, .shredPatient,
               F.patient { $0.hostingConsent = false }, code: "L1111-8-end-of-hosting"),
        .deny("an administrator shreds while the hosting goes on", F.admin, .shredPatient,
              code: "L1111-8-hosting-ongoing"),
        .deny("the designated physician shreds", F.designatedPhysician, .shredPatient,
              F.patient { $0.hostingConsent = false }, code: "L1111-8-admin-only"),
        .allow("the designated physician records the end of the hosting", F.designatedPhysician, .endHosting,
               code: "L1111-8-end-hosting"),
        .allow("the designated nurse records the end of the hosting", F.designatedNurse, .endHosting,
               code: "L1111-8-end-hosting"),
        .deny("a team physician, not designated, ends the hosting", F.teamPhysician, .endHosting,
              code: "L1111-8-end-hosting-not-designated"),
        .deny("an opposed designated physician ends the hosting", F.designatedPhysician, .endHosting,
              F.patient { $0.opposedProfessionals = [F.designatedPhysician.nationalID] }, code: "L1110-4-al5-opposition"),
        .deny("an administrator ends the hosting: the host does not end it alone", F.admin, .endHosting,
              code: "L1111-8-host-not-in-care"),
        .deny("the designated physician ends a hosting that has ended", F.designatedPhysician, .endHosting,
              F.patient { $0.hostingConsent = false }, code: "L1111-8-hosting-ended"),
    ])
    func hosting(_ row: PolicyCase) { row.check() }

    @Test("L1411-8: statistics by physicians, for their own patients", arguments: [
        PolicyCase.allow("the designated physician exports for statistics", F.designatedPhysician,
                         .statisticsExport, code: "L1411-8-statistics"),
        .allow("a physician of the granted team exports for statistics", F.teamPhysician, .statisticsExport,
               code: "L1411-8-statistics"),
        .deny("the designated nurse exports for statistics", F.designatedNurse, .statisticsExport,
              code: "L1411-8-physician-only"),
        .deny("a physician outside the patient's care exports for statistics", F.strangerPhysician,
              .statisticsExport, code: "L1110-4-outside-care"),
        .deny("an administrator exports for statistics", F.admin, .statisticsExport, code: "L1111-8-host-no-use"),
    ])
    func statistics(_ row: PolicyCase) { row.check() }
}
