/// What leaves the vault with a card present: the restitution of a patient's dossier and the
/// pseudonymised study and aggregate exports. Each export is decided per patient by the gate.
public struct Exports: SessionService {
    package let session: VaultSession
}

extension VaultSession {
    /// The exports, made by this session's card holder.
    public var exports: Exports { Exports(session: self) }
}
