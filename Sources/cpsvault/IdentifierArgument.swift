import ArgumentParser
import Synchronization
import VaultCore

/// Patient, record and team ids as command-line values: parsed with the arguments, so that a
/// malformed one stops the command before any card, agent or vault is touched, with its kind's
/// message (`VaultError.malformedIdentifier`) and exit status 65 (`CPSVault.main`).
extension OpaqueIdentifier: ExpressibleByArgument {
    public init?(argument: String) {
        do {
            try self.init(parsing: argument)
        } catch {
            IdentifierArgument.note(error)
            return nil
        }
    }
}

/// The first identifier the command line got wrong. The argument parser only learns that a
/// value did not parse, so the identifier's own error is kept here for `CPSVault.main` to
/// report instead of the parser's generic one.
enum IdentifierArgument {
    private static let firstError = Mutex<VaultError?>(nil)

    static func note(_ error: VaultError) {
        firstError.withLock { $0 = $0 ?? error }
    }

    /// The error of the first malformed identifier met while parsing, if any.
    static var malformed: VaultError? {
        firstError.withLock { $0 }
    }
}
