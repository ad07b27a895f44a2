/// A record's id: 16 random bytes drawn when the record is added, shared by all its versions.
public typealias RecordID = OpaqueIdentifier<RecordTag>

/// The tag of `RecordID`.
public enum RecordTag: IdentifierTag {
    public static let kind = IdentifierKind.record
}
