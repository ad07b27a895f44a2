import CardStackTesting
import Foundation
import CPSCard
import Testing

/// The watch that ends a card-bound session when the card leaves the reader.
@Suite("Card removal watch", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
struct CardRemovalWatchTests {
    let stack: CardStack
    let slot = TestSlot.removalWatch

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
    }

    @Test("pulling the card out calls the handler once", .timeLimit(.minutes(1)))
    func removalFires() async throws {
        try stack.insert(.physician1, into: slot)
        let (removals, continuation) = AsyncStream.makeStream(of: Void.self)
        let watch = try CardRemovalWatch(reader: slot.readerName) { continuation.yield() }
        try stack.remove(from: slot)
        var iterator = removals.makeAsyncIterator()
        await iterator.next()
        continuation.finish()
        #expect(await iterator.next() == nil)
        _ = watch
    }

    @Test("a card already gone fires at once; a cancelled watch never fires")
    func alreadyGoneAndCancelled() throws {
        let fired = Flag()
        _ = try CardRemovalWatch(reader: TestSlot.alwaysEmpty.readerName) { fired.set() }
        #expect(fired.value)
        try stack.insert(.nurse, into: slot)
        let cancelledFired = Flag()
        let watch = try CardRemovalWatch(reader: slot.readerName) { cancelledFired.set() }
        watch.cancel()
        try stack.remove(from: slot)
        #expect(!cancelledFired.value)
    }
}

/// A flag set from another thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}
