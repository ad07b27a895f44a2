/// A patient's id: 16 random bytes drawn when the patient is created, which say nothing about
/// them; the only name of a patient in the audit log and in every listing.
public typealias PatientID = OpaqueIdentifier<PatientTag>

/// The tag of `PatientID`.
public enum PatientTag: IdentifierTag {
    public static let kind = IdentifierKind.patient
}
