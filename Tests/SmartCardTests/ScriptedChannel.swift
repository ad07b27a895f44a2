import Synchronization
import SmartCard

/// A card channel that answers from a script and records every command it was sent.
final class ScriptedChannel: CardChannel {
    struct Transcript: Sendable {
        var responses: [[UInt8]]
        var sent: [[UInt8]] = []
    }

    struct ScriptExhausted: Error {}

    let transmissionProtocol: TransmissionProtocol
    private let transcript: Mutex<Transcript>

    init(_ transmissionProtocol: TransmissionProtocol, responses: [[UInt8]]) {
        self.transmissionProtocol = transmissionProtocol
        self.transcript = Mutex(Transcript(responses: responses))
    }

    /// The commands transmitted so far, in order.
    var sent: [[UInt8]] { transcript.withLock { $0.sent } }

    func transmit(_ command: [UInt8]) throws -> [UInt8] {
        try transcript.withLock { transcript in
            transcript.sent.append(command)
            guard !transcript.responses.isEmpty else { throw ScriptExhausted() }
            return transcript.responses.removeFirst()
        }
    }

    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] {
        try transmit(Array(command))
    }
}

/// A channel that repeats the same answer forever.
final class RepeatingChannel: CardChannel {
    let transmissionProtocol = TransmissionProtocol.t0
    let answer: [UInt8]
    private let count = Mutex(0)

    init(answer: [UInt8]) { self.answer = answer }

    var transmitted: Int { count.withLock { $0 } }

    func transmit(_ command: [UInt8]) throws -> [UInt8] {
        count.withLock { $0 += 1 }
        return answer
    }

    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] {
        try transmit(Array(command))
    }
}
