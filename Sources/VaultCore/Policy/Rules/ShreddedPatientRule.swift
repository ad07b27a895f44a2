/// Denies every action on a crypto-shredded patient: the keys are destroyed and nothing of the
/// patient may be read, added, exported, granted or shredded again.
public struct ShreddedPatientRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard let patient = request.patient, patient.shredded else { return .abstain }
        return .deny(.patientShredded)
    }
}

extension AccessReason {
    public static let patientShredded = AccessReason(
        code: "L1111-8-shredded",
        explanation: "Article L1111-8: this patient's hosting has ended and their data were destroyed; "
            + "nothing of theirs can be read or changed. Ask the holder of the restitution export.")
}
