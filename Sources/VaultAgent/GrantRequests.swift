import VaultCore

extension VaultRequest {
    /// `grant add` and `grant revoke`: the patient's key given to a professional, or withdrawn.
    public struct Grant: AgentRequest {
        public static let name = "grant"
        public var change: Change
        public var patient: PatientID
        public var nationalID: String

        public init(_ change: Change, patient: PatientID, nationalID: String) {
            self.change = change
            self.patient = patient
            self.nationalID = nationalID
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            switch change {
            case .add: try session.care.grant(patient: patient, to: nationalID)
            case .remove: try session.care.revoke(patient: patient, from: nationalID)
            }
            return Completed()
        }
    }

    /// `grant team` and `grant revoke-team`: the patient entrusted to an establishment's care
    /// team, or no longer.
    public struct TeamGrant: AgentRequest {
        public static let name = "teamGrant"
        public var change: Change
        public var patient: PatientID
        public var team: TeamID

        public init(_ change: Change, patient: PatientID, team: TeamID) {
            self.change = change
            self.patient = patient
            self.team = team
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            switch change {
            case .add: try session.care.grantTeam(patient: patient, team: team)
            case .remove: try session.care.revokeTeam(patient: patient, team: team)
            }
            return Completed()
        }
    }
}
