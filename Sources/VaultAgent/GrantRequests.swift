import VaultCore

extension VaultRequest {
    /// `grant add` and `grant revoke`: the patient's key given to a professional, or withdrawn.
    public struct Grant: AgentRequest {
        public enum Change: String, Codable, Sendable {
            case add, revoke
        }

        public static let name = "grant"
        public var change: Change
        public var patient: String
        public var nationalID: String

        public init(_ change: Change, patient: String, nationalID: String) {
            self.change = change
            self.patient = patient
            self.nationalID = nationalID
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            switch change {
            case .add: try session.grant(patient: patient, to: nationalID)
            case .revoke: try session.revoke(patient: patient, from: nationalID)
            }
            return Completed()
        }
    }
}
