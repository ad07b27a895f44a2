import Foundation

/// Record content arriving from the client in frames, read as an upload request asks for it;
/// content that ends without its end frame throws, so the record is not written.
final class AgentUpload {
    private let connection: AgentSocket
    private var buffered = Data()
    private var ended = false

    init(connection: AgentSocket) {
        self.connection = connection
    }

    func read(upTo count: Int) throws -> Data {
        while buffered.isEmpty && !ended {
            // A message is no bigger than a content frame here: none is expected before the end.
            guard let frame = try connection.receiveFrame(messageLimit: AgentFrame.contentLimit) else {
                throw AgentError.connectionLost("the record content stopped before its end: nothing was written")
            }
            switch frame.kind {
            case .content: buffered = frame.payload
            case .contentEnd: ended = true
            case .message: throw AgentError.protocolViolation("a message in the middle of record content")
            }
        }
        let piece = buffered.prefix(count)
        buffered = buffered.dropFirst(piece.count)
        return Data(piece)
    }
}
