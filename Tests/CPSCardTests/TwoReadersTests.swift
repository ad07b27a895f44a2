import CardStackTesting
import CPSCard
import Foundation
import PCSC
import Testing

/// Two cards in two readers at once, each authenticated on its own.
@Suite("Two cards in two readers", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
struct TwoReadersTests {
    @Test("a physician and a nurse authenticate at the same time in two readers")
    func twoCardsAtOnce() async throws {
        let stack = try CardStack()
        let slots = [TestSlot.pairFirst, TestSlot.pairSecond]
        let cards = [TestCard.physician1, .nurse]
        for (card, slot) in zip(cards, slots) { try stack.insert(card, into: slot) }
        defer { slots.forEach(stack.empty) }
        let trust = try TestPKI.trust()
        let professions = try await withThrowingTaskGroup(of: ProfessionCode.self) { group in
            for slot in slots {
                group.addTask {
                    let context = try PCSCContext()
                    let state = try #require(try context.states(of: [slot.readerName]).first)
                    let opened = try OpenedCard.open(state, context: context)
                    return try CardAuthenticator(trust: trust).authenticate(opened.driver) {
                        var digits = Array("1234".utf8)
                        return try PIN(wiping: &digits)
                    }.professional.profession
                }
            }
            return try await group.reduce(into: Set<ProfessionCode>()) { $0.insert($1) }
        }
        #expect(professions == [.physician, .nurse])
    }
}
