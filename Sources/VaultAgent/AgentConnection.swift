import Foundation

/// Frames over a connected agent socket: each frame read through `AgentFrameDecoder`, exactly
/// the bytes it needs, so nothing past a frame is ever read.
extension AgentSocket {
    func send(_ frame: AgentFrame) throws(AgentError) {
        try send(frame.encoded)
    }

    func send(message: some Encodable) throws(AgentError) {
        try send(AgentMessage.frame(message))
    }

    /// The next frame, or nil when the peer closed the connection between frames.
    func receiveFrame(messageLimit: Int = AgentFrame.messageLimit) throws(AgentError) -> AgentFrame? {
        var decoder = AgentFrameDecoder(messageLimit: messageLimit)
        while true {
            if let frame = try decoder.next() { return frame }
            guard let bytes = try receive(exactly: try decoder.bytesNeeded()) else {
                if decoder.isEmpty { return nil }
                throw .connectionLost("the other end closed the connection in the middle of a message")
            }
            decoder.append(bytes)
        }
    }

    /// The next frame, which must be a message carrying a `Message`.
    func receiveMessage<Message: Decodable>(_ type: Message.Type,
                                            messageLimit: Int = AgentFrame.messageLimit) throws(AgentError) -> Message {
        guard let frame = try receiveFrame(messageLimit: messageLimit) else {
            throw .connectionLost("the connection closed before the answer")
        }
        return try AgentMessage.decode(Message.self, from: frame)
    }
}
