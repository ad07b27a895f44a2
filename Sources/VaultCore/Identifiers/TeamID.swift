/// A care team's id: 16 random bytes drawn when the team is created.
public typealias TeamID = OpaqueIdentifier<TeamTag>

/// The tag of `TeamID`.
public enum TeamTag: IdentifierTag {
    public static let kind = IdentifierKind.team
}
