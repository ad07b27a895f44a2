import CPSCard
import VaultCore

/// The reader as the workstation sees it: what its card says without the PIN, and a session
/// opened with the PIN. The command that starts the server builds it from its card and vault
/// options, so the web app opens sessions exactly as the other commands do (trust, witness check,
/// refused cards audited).
public struct CardDoor: Sendable {
    /// What the card in the reader says about itself; throws when there is no card to ask.
    public var inspect: @Sendable () throws -> CardInspection
    /// Authenticates the card with `pin` (the last try only when `allowLastTry`) and opens a
    /// session that ends by itself when the card leaves the reader.
    public var open: @Sendable (_ pin: PIN, _ allowLastTry: Bool) throws -> VaultSession
    /// Called once a session has ended and its keys are wiped (the workstation's witness of the
    /// audit log is recorded there).
    public var closed: @Sendable (VaultSession) -> Void

    public init(inspect: @escaping @Sendable () throws -> CardInspection,
                open: @escaping @Sendable (PIN, Bool) throws -> VaultSession,
                closed: @escaping @Sendable (VaultSession) -> Void) {
        self.inspect = inspect
        self.open = open
        self.closed = closed
    }
}
