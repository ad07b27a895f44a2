import Foundation

/// The simulated cards currently in vpcd reader slots, by slot port: insert and pull cards while
/// the reader is in use, as a person at the desk would.
public final class CardRack: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [UInt16: VPCDLink] = [:]

    public init() {}

    /// Puts `card` into the slot on `port`; refused while another card is there.
    public func insert(_ card: SimulatedCard, port: UInt16) throws(SimulatorError) {
        lock.lock()
        defer { lock.unlock() }
        guard links[port] == nil else { throw .slotOccupied(port: port) }
        links[port] = try VPCDLink(card: card, port: port)
    }

    /// Pulls the card out of the slot on `port`.
    public func remove(port: UInt16) throws(SimulatorError) {
        let link = lock.withLock { links.removeValue(forKey: port) }
        guard let link else { throw .slotEmpty(port: port) }
        link.remove()
    }

    /// Pulls every card out.
    public func removeAll() {
        let all = lock.withLock {
            defer { links.removeAll() }
            return Array(links.values)
        }
        all.forEach { $0.remove() }
    }

    /// The label of the card in each occupied slot, by port.
    public var cards: [UInt16: String] {
        lock.withLock { links.mapValues(\.card.label) }
    }
}
