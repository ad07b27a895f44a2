/// Every request the agent carries, by its name on the wire. A request type that is not listed
/// here cannot be sent to the agent.
public enum AgentVocabulary {
    public static let requests: [any AgentRequest.Type] = [
        VaultRequest.CreatePatient.self, VaultRequest.ListPatients.self, VaultRequest.FindPatient.self,
        VaultRequest.AddRecord.self, VaultRequest.ReadRecord.self, VaultRequest.ListRecords.self,
        VaultRequest.RecordHistory.self,
        VaultRequest.Grant.self, VaultRequest.TeamGrant.self,
        VaultRequest.Oppose.self, VaultRequest.StructureConsent.self, VaultRequest.RecordPatientEvent.self,
        VaultRequest.EndHosting.self,
        VaultRequest.CreateTeam.self, VaultRequest.TeamMember.self,
        VaultRequest.Enrol.self, VaultRequest.RemoveProfessional.self, VaultRequest.AdminStatus.self,
        VaultRequest.RetireVaultKeys.self, VaultRequest.ReplaceRecoveryCertificate.self, VaultRequest.ShowAudit.self,
    ]

    private static let byName: [String: any AgentRequest.Type] =
        Dictionary(uniqueKeysWithValues: requests.map { ($0.name, $0) })

    /// The request type called `name`, or nil when the vocabulary has none.
    static func request(named name: String) -> (any AgentRequest.Type)? {
        byName[name]
    }
}

/// The requests of the vault's commands, named after them; each is one entry of `AgentVocabulary`.
public enum VaultRequest {
    /// Whether a request adds something (a grant, a team member, a consent) or takes it back.
    public enum Change: String, Codable, Sendable {
        case add, remove
    }
}
