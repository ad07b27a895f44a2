/// Separates the host from the carers (L1111-8): administrators alone administer keys, enrol and
/// remove card holders, manage care teams, shred and run the host's restitution exports, and
/// never read, add or export records, see identities, hold patient keys nor act in the patient's
/// care; professionals never do the host's work. A professional's restitution export is left to
/// ``RestitutionRule``.
///
/// Shredding is allowed only once the patient's hosting consent is no longer recorded: the host
/// keeps the data at the disposal of those who entrusted them until the hosting ends, and only
/// then keeps no copy (L1111-8). For the same reason the host gives a live dossier back only on
/// the patient's recorded request: before that, a restitution by the host would be a use of the
/// data it merely keeps.
public struct AdministrationRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        switch (request.actor.role, request.action) {
        case (.admin, .administerKeys):
            .allow(.keyAdministration)
        case (.admin, .enrolProfessional), (.admin, .removeProfessional), (.admin, .manageCareTeams):
            .allow(.hostAdministration)
        case (.admin, .readAuditLog):
            .allow(.auditReading)
        case (.admin, .restitutionExport):
            request.patient.map { !$0.hostingConsent || $0.restitutionRequested } == true
                ? .allow(.restitutionByHost) : .deny(.restitutionWhileHosted)
        case (.admin, .shredPatient):
            request.patient?.hostingConsent == false ? .allow(.endOfHostingShred) : .deny(.hostingOngoing)
        case (.admin, .readRecords), (.admin, .addRecord), (.admin, .statisticsExport):
            .deny(.hostMayNotUseData)
        case (.admin, _):
            .deny(.hostNotInCare)
        case (.professional, let action) where action.isAdministration:
            .deny(.administratorsOnly)
        case (.professional, _):
            .abstain
        }
    }
}

extension AccessReason {
    public static let keyAdministration = AccessReason(
        code: "L1111-8-host-keys",
        explanation: "Article L1111-8: an administrator of the hosting may administer the vault's keys.")

    public static let hostAdministration = AccessReason(
        code: "L1111-8-host-administration",
        explanation: "Article L1111-8: an administrator of the hosting enrols and removes card holders and manages "
            + "care teams.")

    public static let restitutionByHost = AccessReason(
        code: "L1111-8-restitution-host",
        explanation: "Article L1111-8: the host gives the data back to those who entrusted them.")

    public static let restitutionWhileHosted = AccessReason(
        code: "L1111-8-restitution-host-hosted",
        explanation: "Article L1111-8: while the patient's hosting goes on and no request of theirs to have their "
            + "data back is recorded, the host keeps the dossier and may not hand it out; a professional the patient "
            + "designated records the request (cpsvault patient event PATIENT --restitution-request) or the end of "
            + "the hosting first.")

    public static let endOfHostingShred = AccessReason(
        code: "L1111-8-end-of-hosting",
        explanation: "Article L1111-8: the hosting has ended, so the host keeps no copy; the patient may be shredded.")

    public static let hostingOngoing = AccessReason(
        code: "L1111-8-hosting-ongoing",
        explanation: "Article L1111-8: the patient's hosting consent still stands, so the host must keep their data "
            + "available; a professional the patient designated records the end of the hosting "
            + "(cpsvault patient end-hosting), after the restitution export.")

    public static let hostMayNotUseData = AccessReason(
        code: "L1111-8-host-no-use",
        explanation: "Article L1111-8: the host may not use the hosted data for any purpose; administrators never "
            + "read, add or export records. Use a professional's card designated by the patient.")

    public static let hostNotInCare = AccessReason(
        code: "L1111-8-host-not-in-care",
        explanation: "Article L1111-8: only the patient and the professionals they designate act on their data; "
            + "administrators only administer keys, restitute and shred. Use a professional's card.")

    public static let administratorsOnly = AccessReason(
        code: "L1111-8-admin-only",
        explanation: "Article L1111-8: key administration, enrolment, care teams and shredding belong to the host's "
            + "administrators; "
            + "use an enrolled administrator card.")
}
