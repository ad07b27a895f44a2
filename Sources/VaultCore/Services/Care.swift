/// The care of patients, as any enrolled professional does it: patients and their identities,
/// records, grants to professionals and care teams, consent, opposition, the end of hosting and
/// release to relatives and heirs. Each operation passes the session's gate, which decides it
/// for this professional and this patient; an administrator reaches the same operations and
/// the policy refuses what the law keeps from them.
public struct Care: SessionService {
    package let session: VaultSession
}

extension VaultSession {
    /// The care of patients, acting as this session's professional.
    public var care: Care { Care(session: self) }
}
