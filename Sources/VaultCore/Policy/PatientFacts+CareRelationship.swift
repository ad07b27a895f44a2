extension PatientFacts {
    /// The patient designated this professional with a grant of their own (L1111-8).
    func designates(_ actor: VaultActor) -> Bool {
        designatedProfessionals.contains(actor.nationalID)
    }

    /// The professional belongs to a care team the patient's information is entrusted to
    /// (L1110-4 al.3).
    func entrustsTeam(of actor: VaultActor) -> Bool {
        !grantedTeams.isDisjoint(with: actor.teamIDs)
    }

    /// The professional is a health professional of the health centre and the patient's express
    /// consent to sharing within it stands (L1110-4 al.4). Establishment staff are not health
    /// professionals and are never covered.
    func sharesWithStructure(_ actor: VaultActor) -> Bool {
        actor.structureMember && actor.profession != .establishmentStaff && structureSharingConsent
    }

    /// The professional may read the patient's records through some care relationship.
    func isInCare(_ actor: VaultActor) -> Bool {
        designates(actor) || entrustsTeam(of: actor) || sharesWithStructure(actor)
    }
}
