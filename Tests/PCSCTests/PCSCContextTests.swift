import Foundation
import CardStackTesting
import PCSC
import Testing

@Suite("PCSCContext through pcscd", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint))
struct PCSCContextTests {
    let stack: CardStack
    init() throws { stack = try CardStack() }

    @Test("readerNames lists the simulated vpcd readers, two slots per reader entry")
    func listsSimulatedReaders() throws {
        let readers = try stack.context.readerNames()
        #expect(readers.contains(TestSlot.alwaysEmpty.readerName))
        #expect(readers.contains(TestSlot.demo.readerName))
        #expect(readers.filter { $0.range(of: #"^CPS Reader [A-F] 00 0[01]$"#, options: .regularExpression) != nil }.count == 12)
    }

    @Test("states() reports an empty reader as having no card, no ATR, not held")
    func emptyReaderState() throws {
        let reader = TestSlot.alwaysEmpty.readerName
        let state = try #require(try stack.context.states(of: [reader]).first)
        #expect(state == ReaderState(name: reader, isCardPresent: false, atr: [], isExclusive: false, isMute: false))
        #expect(try stack.context.states().contains(state))
    }

    @Test("states(of:) throws readerNotFound for a name pcscd does not know")
    func statesOfUnknownReader() throws {
        #expect(throws: PCSCError.readerNotFound("No Such Reader 99 00 00")) {
            try stack.context.states(of: ["No Such Reader 99 00 00"])
        }
    }

    @Test("connect to an empty reader throws noCard naming it")
    func connectToEmptyReader() throws {
        let reader = TestSlot.alwaysEmpty.readerName
        #expect(throws: PCSCError.noCard(reader: reader)) {
            try stack.context.connect(to: reader)
        }
    }

    @Test("connect to an unknown reader throws readerNotFound naming it")
    func connectToUnknownReader() throws {
        #expect(throws: PCSCError.readerNotFound("No Such Reader 99 00 00")) {
            try stack.context.connect(to: "No Such Reader 99 00 00")
        }
    }

    @Test("waitForCard on an empty reader throws timeout once the time has passed")
    func waitTimesOut() throws {
        let reader = TestSlot.alwaysEmpty.readerName
        let start = ContinuousClock.now
        #expect(throws: PCSCError.timeout) {
            try stack.context.waitForCard(in: reader, timeout: .milliseconds(300))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(5))
    }

    @Test("waitForCard on an unknown reader throws readerNotFound")
    func waitOnUnknownReader() throws {
        #expect(throws: PCSCError.readerNotFound("No Such Reader 99 00 00")) {
            try stack.context.waitForCard(in: "No Such Reader 99 00 00", timeout: .seconds(5))
        }
    }

    @Test("cancel() from another thread ends a blocked waitForCard with cancelled")
    func cancelEndsWait() throws {
        let reader = TestSlot.alwaysEmpty.readerName
        let context = stack.context
        let outcome = Outcome<Result<ReaderState, PCSCError>>()
        Thread {
            outcome.finish(Result { () throws(PCSCError) in
                try context.waitForCard(in: reader, timeout: .seconds(30))
            })
        }.start()
        // cancel() only reaches waits already in progress: repeat it until the wait has ended.
        let deadline = Date(timeIntervalSinceNow: 10)
        var result: Result<ReaderState, PCSCError>?
        while result == nil, Date() < deadline {
            context.cancel()
            result = outcome.wait(upTo: 0.05)
        }
        let ended = try #require(result, "waitForCard was still blocked 10 s after cancel()")
        #expect(throws: PCSCError.cancelled) { try ended.get() }
    }
}
