import CPCSCLite
import Foundation
import Synchronization

/// Watches every reader, or the ones named, on a thread of its own with `SCardGetStatusChange`
/// (the "\\?PnP?\Notification" pseudo-reader included, for readers appearing and disappearing)
/// and reports changes as an `AsyncStream`. `stop()` cancels the wait and ends the stream.
///
/// pcsc-lite takes at most 16 reader states in one call, the pseudo-reader counted: a monitor of
/// every reader on a machine with more than 15 fails (its stream finishes), one of a few named
/// readers does not.
public final class ReaderMonitor: Sendable {
    /// For a single consumer: first `readerAdded` (and `cardInserted`) for what is present at
    /// start, then each change; finishes after `stop()` or when pcscd goes away.
    public let events: AsyncStream<ReaderEvent>
    private let watch: Watch

    /// Connects to pcscd with a context of its own and starts watching every reader, or only
    /// those named in `readers` (a reader named but not connected is reported when it appears).
    public init(readers: Set<String>? = nil) throws(PCSCError) {
        let (events, continuation) = AsyncStream.makeStream(of: ReaderEvent.self)
        let watch = Watch(context: try ContextHandle(), readers: readers)
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
    /// The readers watched; nil for every reader.
    private let readers: Set<String>?
    private let stopped = Mutex(false)

    init(context: ContextHandle, readers: Set<String>?) {
        self.context = context
        self.readers = readers
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
            guard let connected = try? context.readerNames() else { return }
            let current = readers.map { watched in connected.filter(watched.contains) } ?? connected
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
