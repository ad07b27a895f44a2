import CPCSCLite
import Synchronization

/// A connection to pcscd (system scope): lists readers, reads their state, waits for cards and
/// connects to them. Usable from any thread; released when the last reference, including those
/// held by its connections, goes away.
public final class PCSCContext: Sendable {
    private let handle: ContextHandle
    private let waits = Mutex(Waits())

    /// The `waitForCard` calls in progress, each blocked on a context of its own so that it does
    /// not hold up the other calls, and those that `cancel()` reached.
    private struct Waits {
        var nextID = 0
        var active: [Int: ContextHandle] = [:]
        var cancelled: Set<Int> = []
    }

    /// Connects to pcscd; throws `.serviceUnavailable` when it is not running.
    public init() throws(PCSCError) {
        handle = try ContextHandle()
    }

    /// The names of the readers pcscd knows now; empty when it has none.
    public func readerNames() throws(PCSCError) -> [String] {
        try handle.readerNames()
    }

    /// The current state of each of `readers` (of every reader when nil), without waiting;
    /// throws `.readerNotFound` for a name pcscd does not know.
    public func states(of readers: [String]? = nil) throws(PCSCError) -> [ReaderState] {
        let names = if let readers { readers } else { try handle.readerNames() }
        guard !names.isEmpty else { return [] }
        let watched = ReaderStateSet(readers: names, watchingReaderList: false)
        let returnCode = watched.update(on: handle, waitingAtMost: .zero)
        if returnCode == SCARD_E_UNKNOWN_READER {  // what pcsc-lite returns when it does not wait
            let known = try handle.readerNames()
            throw .readerNotFound(names.first { !known.contains($0) } ?? names.joined(separator: ", "))
        }
        if returnCode != SCARD_E_TIMEOUT {
            try check(returnCode, "SCardGetStatusChange")
        }
        return try watched.readings.map { reading throws(PCSCError) in
            if reading.isUnknown { throw .readerNotFound(reading.state.name) }
            return reading.state
        }
    }

    /// Waits until a card is present in `reader` (or in any reader when nil, including readers
    /// plugged in meanwhile) and returns that reader's state; nil timeout waits forever.
    /// Throws `.timeout` when the time passes, `.cancelled` when `cancel()` is called meanwhile.
    public func waitForCard(in reader: String? = nil, timeout: Duration? = nil) throws(PCSCError) -> ReaderState {
        try wait(in: reader, timeout: timeout) { $0.isCardPresent }
    }

    /// Waits until `reader` holds no card and returns its state; nil timeout waits forever.
    /// Throws `.timeout` when the time passes, `.cancelled` when `cancel()` is called meanwhile.
    public func waitForRemoval(from reader: String, timeout: Duration? = nil) throws(PCSCError) -> ReaderState {
        try wait(in: reader, timeout: timeout) { !$0.isCardPresent }
    }

    private func wait(in reader: String?, timeout: Duration?,
                      until satisfied: (ReaderState) -> Bool) throws(PCSCError) -> ReaderState {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        let context = try ContextHandle()
        let id = waits.withLock { waits in
            defer { waits.nextID += 1 }
            waits.active[waits.nextID] = context
            return waits.nextID
        }
        defer {
            waits.withLock { waits in
                waits.active[id] = nil
                waits.cancelled.remove(id)
            }
        }
        var readers = if let reader { [reader] } else { try context.readerNames() }
        var watched = ReaderStateSet(readers: readers, watchingReaderList: reader == nil)
        while true {
            if waits.withLock({ $0.cancelled.contains(id) }) { throw .cancelled }
            let returnCode = watched.update(
                on: context, waitingAtMost: deadline.map { $0 - .now } ?? ReaderStateSet.slice)
            let readerWentAway = returnCode == SCARD_E_UNKNOWN_READER || returnCode == SCARD_E_READER_UNAVAILABLE
            if returnCode != SCARD_E_TIMEOUT, !(reader == nil && readerWentAway) {
                try check(returnCode, "SCardGetStatusChange", reader: reader)
            }
            for reading in watched.readings {
                if reading.isUnknown, let reader { throw .readerNotFound(reader) }
                if satisfied(reading.state) { return reading.state }
            }
            if let deadline, deadline <= .now { throw .timeout }
            if reader == nil {
                let current = try context.readerNames()
                if current != readers || readerWentAway {
                    readers = current
                    watched = ReaderStateSet(readers: readers, watchingReaderList: true)
                }
            }
        }
    }

    /// Connects to the card in `reader`; throws `.noCard` when the reader is empty,
    /// `.sharingViolation` when another program holds the card in a conflicting mode.
    public func connect(
        to reader: String, mode: ShareMode = .shared, protocols: Set<CardProtocol> = [.t0, .t1]
    ) throws(PCSCError) -> CardConnection {
        try CardConnection(context: handle, reader: reader, mode: mode, protocols: protocols)
    }

    /// Makes every `waitForCard` in progress throw `.cancelled` promptly; waits that start
    /// afterwards are not affected.
    public func cancel() {
        waits.withLock { waits in
            for (id, context) in waits.active {
                waits.cancelled.insert(id)
                context.cancel()
            }
        }
    }
}
