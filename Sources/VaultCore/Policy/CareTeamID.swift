/// The opaque identifier of an establishment's care team, the unit a patient's information is
/// deemed entrusted to (L1110-4 al.3) and that a patient may oppose as a whole (al.5).
public struct CareTeamID: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}
