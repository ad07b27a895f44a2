import CPSCard
import VaultStore

/// What every service of a session stands on: the card-bound session it acts for. The gate
/// (`admit`), the audit events and the keys are reached through it, so a service holds no
/// state of its own and ends when its session ends. Package-wide so that VaultFixtures acts
/// through the same gate; only VaultCore's services conform.
package protocol SessionService: Sendable {
    /// The card-bound session this service acts for.
    var session: VaultSession { get }
}

extension SessionService {
    /// The session's vault.
    package var vault: Vault { session.vault }
    var professional: CPSCard.Professional { session.professional }
    var role: EnrolledProfessional.Role { session.role }
    var card: AuthenticatedCard { session.card }
    var fingerprint: [UInt8] { session.fingerprint }
    var isOpen: Bool { session.isOpen }

    func requireCard() throws { try session.requireCard() }

    func withWallet<T>(_ body: (WalletSecret) throws -> T) throws -> T { try session.withWallet(body) }

    func abortingWhenCardLeaves<T>(_ admission: Admission, _ body: () throws -> T) throws -> T {
        try session.abortingWhenCardLeaves(admission, body)
    }
}

extension VaultSession: SessionService {
    package var session: VaultSession { self }
}
