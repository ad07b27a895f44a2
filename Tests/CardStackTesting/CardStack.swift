import CardSimulator
import Foundation
import PCSC
import Testing

extension Tag {
    /// Needs the card stack: pcscd with the simulated readers (Scripts/cardstack start).
    @Tag public static var cardStack: Self
    /// A regression test of what the vault promises a careless user or a local attacker
    /// cannot do (docs/SECURITY.md, which says how to run them together).
    @Tag public static var hardening: Self
}

/// The running card stack as tests use it: pcscd with the simulated readers, and simulated
/// cards this process inserts into its own slots and pulls out again.
public final class CardStack: Sendable {
    public let context: PCSCContext
    private static let rack = CardRack()

    /// Connects to pcscd; fails with how to start the stack when it is not running.
    public init() throws {
        do {
            context = try PCSCContext()
            let readers = try context.readerNames()
            guard readers.contains(TestSlot.alwaysEmpty.readerName) else {
                throw TestStackError("pcscd does not list the simulated readers (\(readers))")
            }
        } catch {
            throw TestStackError("The card-stack tests need pcscd with the simulated readers: start them with Scripts/cardstack start (\(error)).")
        }
    }

    /// Inserts a test card into `slot` and returns once pcscd sees it.
    @discardableResult
    public func insert(_ card: TestCard, into slot: TestSlot, pinCounterFile: URL? = nil) throws -> SimulatedCard {
        let simulated = try SimulatedCard(profile: card.profile(), pinCounterFile: pinCounterFile)
        try insert(simulated, into: slot)
        return simulated
    }

    /// Inserts a simulated card made by the test into `slot` and returns once pcscd sees it.
    public func insert(_ simulated: SimulatedCard, into slot: TestSlot) throws {
        try Self.rack.insert(simulated, port: slot.port)
        _ = try context.waitForCard(in: slot.readerName, timeout: .seconds(10))
    }

    /// Pulls the card out of `slot` and returns once pcscd sees it gone.
    public func remove(from slot: TestSlot) throws {
        try Self.rack.remove(port: slot.port)
        _ = try context.waitForRemoval(from: slot.readerName, timeout: .seconds(10))
    }

    /// Pulls the card out of `slot` if there is one, without waiting: for cleaning up after a test.
    public func empty(_ slot: TestSlot) {
        try? Self.rack.remove(port: slot.port)
        _ = try? context.waitForRemoval(from: slot.readerName, timeout: .seconds(10))
    }
}

extension CardStack {
    /// Whether the suites that need the card stack run: when pcscd with the simulated readers
    /// answers, and always when CPSVAULT_REQUIRE_CARDSTACK=1 (Scripts/test sets it, so that a
    /// stack that failed to start fails the run instead of skipping half of it). Otherwise they
    /// are skipped, saying how to start the stack.
    public static var shouldRun: Bool {
        ProcessInfo.processInfo.environment["CPSVAULT_REQUIRE_CARDSTACK"] == "1" || (try? CardStack()) != nil
    }

    /// Why a card-stack suite was skipped, and how to run it.
    public static let startHint: Comment = "needs the card stack: start it with Scripts/cardstack start (Scripts/test does)"
}
