import PCSC
import Synchronization

/// Calls a handler once when the card in a reader leaves it: the card pulled out, the reader
/// unplugged, or pcscd stopped. A session bound to a card uses it to end itself and wipe its
/// keys as soon as the card is gone (pcscd notices within about half a second).
public final class CardRemovalWatch: Sendable {
    private let monitor: ReaderMonitor
    private let reader: String
    private let fired = Mutex(false)
    private let handler: @Sendable () -> Void

    /// Starts watching `reader`; if its card is already gone, `onRemoval` runs at once.
    public init(reader: String, onRemoval: @escaping @Sendable () -> Void) throws {
        handler = onRemoval
        self.reader = reader
        monitor = try ReaderMonitor(readers: [reader])
        let events = monitor.events
        Task { [weak self] in
            for await event in events {
                switch event {
                case .cardRemoved(reader), .readerRemoved(reader):
                    self?.fire()
                    return
                default:
                    continue
                }
            }
            self?.fire()
        }
        // Started after the monitor, so a removal is seen by one or the other.
        let present = try? PCSCContext().states(of: [reader]).first?.isCardPresent
        if present != true { fire() }
    }

    deinit {
        monitor.stop()
    }

    /// Whether the card is still in the reader, asked of pcscd now rather than waited for (the
    /// monitor's event may come up to half a second later); when it is gone, the handler runs
    /// first. For a check just before an act that must not outlive the card.
    public func confirmPresence() -> Bool {
        guard !fired.withLock({ $0 }) else { return false }
        guard (try? PCSCContext().states(of: [reader]).first?.isCardPresent) == true else {
            fire()
            return false
        }
        return true
    }

    /// Stops watching without calling the handler.
    public func cancel() {
        fired.withLock { $0 = true }
        monitor.stop()
    }

    private func fire() {
        let first = fired.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        monitor.stop()
        handler()
    }
}
