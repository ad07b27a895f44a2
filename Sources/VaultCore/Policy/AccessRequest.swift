/// One thing a card holder asks of the vault: who, what, and the recorded facts of the patient
/// concerned, or nil for actions that concern no patient (creating, listing, key administration).
public struct AccessRequest: Sendable, Hashable {
    public var actor: VaultActor
    public var action: VaultAction
    public var patient: PatientFacts?

    public init(actor: VaultActor, action: VaultAction, patient: PatientFacts?) {
        self.actor = actor
        self.action = action
        self.patient = patient
    }
}
