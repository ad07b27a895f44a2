import CPCSCLite
import Foundation
import Synchronization

/// Watches every reader on a thread of its own with `SCardGetStatusChange` (the
/// "\\?PnP?\Notification" pseudo-reader included, for readers appearing and disappearing) and
/// reports changes as an `AsyncStream`. `stop()` cancels the wait and ends the stream.
public final class ReaderMonitor: Sendable {
    /// For a single consumer: first `readerAdded` (and `cardInserted`) for what is present at
    /// start, then each change; finishes after `stop()` or when pcscd goes away.
    public let events: AsyncStream<ReaderEvent>
    private let watch: Watch

    /// Connects to pcscd with a context of its own and starts watching.
    public init() throws(PCSCError) {
        let (events, continuation) = AsyncStream.makeStream(of: ReaderEvent.self)
        let watch = Watch(context: try ContextHandle())
        self.events = events
        self.watch = watch
        let thread = Thread { watch.run(reporting: continuation) }
        thread.name = "PCSC reader monitor"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stops watching; the stream finishes within a second. Calling it again does nothing.
    public func stop() {
        watch.stop()
    }
}

/// The monitor thread's loop and the flag that ends it.
private final class Watch: Sendable {
    private let context: ContextHandle
    private let stopped = Mutex(false)

    init(context: ContextHandle) {
        self.context = context
    }

    func stop() {
        stopped.withLock { $0 = true }
        context.cancel()
    }

    /// Reports every change until stopped or until pcscd fails, then finishes the stream.
    func run(reporting continuation: AsyncStream<ReaderEvent>.Continuation) {
        defer { continuation.finish() }
        var known: [String: ReaderStateSet.Reading] = [:]
        var names: [String]? = nil
        var watched = ReaderStateSet(readers: [], watchingReaderList: true)
        while !stopped.withLock({ $0 }) {
            guard let current = try? context.readerNames() else { return }
            if current != names {
                names = current
                watched = ReaderStateSet(readers: current, watchingReaderList: true)
                for (name, last) in known where !current.contains(name) {
                    known[name] = nil
                    ReaderEvent.departure(of: last).forEach { continuation.yield($0) }
                }
            }
            switch watched.update(on: context, waitingAtMost: ReaderStateSet.slice) {
            case SCARD_S_SUCCESS, SCARD_E_TIMEOUT:
                for reading in watched.readings where !reading.isUnknown {
                    ReaderEvent.changes(from: known[reading.state.name], to: reading)
                        .forEach { continuation.yield($0) }
                    known[reading.state.name] = reading
                }
            case SCARD_E_CANCELLED:
                continue
            case SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE:
                names = nil  // a reader went away mid-call: list them again
            default:
                return  // pcscd stopped or the context is gone
            }
        }
    }
}
