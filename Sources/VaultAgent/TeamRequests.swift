import VaultCore

extension VaultRequest {
    /// `team create`: a new care team of the establishment; answers its id.
    public struct CreateTeam: AgentRequest {
        public static let name = "createTeam"
        public var teamName: String

        public init(name: String) {
            teamName = name
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> TeamID {
            try session.administration.createTeam(name: teamName)
        }
    }

    /// `team add` and `team remove`: a professional joins a care team, or leaves it.
    public struct TeamMember: AgentRequest {
        public static let name = "teamMember"
        public var change: Change
        public var team: TeamID
        public var nationalID: String

        public init(_ change: Change, team: TeamID, nationalID: String) {
            self.change = change
            self.team = team
            self.nationalID = nationalID
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            switch change {
            case .add: try session.administration.addTeamMember(team: team, nationalID: nationalID)
            case .remove: try session.administration.removeTeamMember(team: team, nationalID: nationalID)
            }
            return Completed()
        }
    }
}
