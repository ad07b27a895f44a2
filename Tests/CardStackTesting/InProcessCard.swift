import CardSimulator
import CPSCard
import Foundation

extension TestCard {
    /// The card authenticated in this process, with no reader in between: the simulated card's
    /// model behind an in-process channel, the same driver, certificate checks, PIN and
    /// challenge as through pcscd (PIN 1234), the driver chosen from the card's ATR and answers as
    /// for a card in a reader, so a CPS4 gets the ChipDoc driver. For tests of what lies above the
    /// card, which then need no card stack; a card's removal and what pcscd does are tested
    /// through the stack.
    public func authenticatedInProcess(trust: CardTrust) throws -> AuthenticatedCard {
        try Self.authenticated(SimulatedCard(profile: profile()), trust: trust)
    }

    /// `card` authenticated in this process, as `authenticatedInProcess` does: for a test that
    /// keeps the simulated card to count what it performs (`privateKeyOperations`).
    public static func authenticated(_ card: SimulatedCard, trust: CardTrust) throws -> AuthenticatedCard {
        let (_, driver) = try CardIdentification.identify(atr: card.atr, reader: "in-process",
                                                          channel: InProcessCardChannel(card: card))
        return try CardAuthenticator(trust: trust).authenticate(driver) {
            var digits = Array("1234".utf8)
            return try PIN(wiping: &digits)
        }
    }
}
