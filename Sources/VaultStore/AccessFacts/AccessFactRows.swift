/// The rows that decide one professional's access to one patient, read together on one snapshot:
/// the patient and their policy events, grants, pending grants and team grants; the enrolment
/// and care teams of the professional and of every professional those rows name (grantees,
/// pending grantees, subjects of policy events); and the newest binding entry
/// (`VaultReading.latestBinding(key:)`) of each key asked for.
package struct AccessFactRows {
    package var patient: Patient?
    package var policyEvents: [PolicyEvent] = []
    package var grants: [Grant] = []
    package var pendingGrants: [PendingGrant] = []
    package var teamGrants: [TeamGrant] = []
    /// The enrolled ones among the professionals covered; a fingerprint absent here is not enrolled.
    package var professionals: [[UInt8]: Professional] = [:]
    /// The care teams of each professional covered who belongs to one, in insertion order.
    package var teams: [[UInt8]: [Team]] = [:]
    /// The newest binding entry of each key asked for that has one.
    package var bindings: [String: AuditEntry] = [:]

    package init() {}

    /// The professionals these rows cover: `fingerprint` and every one the patient's rows name.
    package func coveredProfessionals(besides fingerprint: [UInt8]) -> Set<[UInt8]> {
        Set([fingerprint] + grants.map { $0.fingerprint } + pendingGrants.map { $0.fingerprint }
            + policyEvents.compactMap { $0.subjectFingerprint })
    }
}
