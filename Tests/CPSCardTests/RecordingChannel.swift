import CardSimulator
import SmartCard
import Synchronization

/// A channel to a simulated card in process that records every command sent through it, to
/// check what a driver sends and in which class; commands sent as sensitive (from the driver's
/// secret storage) are recorded apart.
final class RecordingChannel: CardChannel {
    let card: SimulatedCard
    private let commands = Mutex<[[UInt8]]>([])
    private let sensitiveCommands = Mutex<[[UInt8]]>([])

    init(card: SimulatedCard) {
        self.card = card
    }

    var transmissionProtocol: TransmissionProtocol { .t0 }

    /// The raw commands sent so far, in order.
    var sent: [[UInt8]] { commands.withLock { $0 } }

    /// Forgets the commands sent so far.
    func clear() { commands.withLock { $0.removeAll() } }

    /// The commands sent as sensitive, in order.
    var sensitiveSent: [[UInt8]] { sensitiveCommands.withLock { $0 } }

    func transmit(_ command: [UInt8]) throws -> [UInt8] {
        commands.withLock { $0.append(command) }
        return card.process(command)
    }

    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] {
        sensitiveCommands.withLock { $0.append(Array(command)) }
        return card.process(Array(command))
    }
}

/// A card that answers every command with the same status word, as a card of another kind.
final class MuteCardChannel: CardChannel {
    let transmissionProtocol = TransmissionProtocol.t0
    let status: StatusWord

    init(status: StatusWord) { self.status = status }

    func transmit(_ command: [UInt8]) throws -> [UInt8] { status.bytes }

    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] { status.bytes }
}
