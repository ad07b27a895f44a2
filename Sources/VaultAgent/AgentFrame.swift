import Foundation

/// One frame of the cpsvault agent's protocol (docs/AGENT.md): a kind byte, the payload's length
/// as 4 bytes big-endian, then the payload.
///
/// A `message` carries one JSON value (an `AgentCall` or an `AgentReply`); `content` carries at
/// most 64 KiB of record content; `contentEnd` is empty and closes the content. No frame ever
/// carries a PIN.
public struct AgentFrame: Equatable, Sendable {
    public enum Kind: UInt8, Sendable, CustomStringConvertible {
        case message = 1
        case content = 2
        case contentEnd = 3

        public var description: String {
            switch self {
            case .message: "message"
            case .content: "content"
            case .contentEnd: "content end"
            }
        }
    }

    /// The kind byte and the 4-byte length.
    public static let headerSize = 5
    /// The largest content frame: one record segment.
    public static let contentLimit = 64 * 1024
    /// The largest message a command accepts: a call is small, a reply (an audit listing) may be large.
    public static let messageLimit = 256 * 1024 * 1024
    /// The largest call the agent accepts.
    public static let callLimit = 16 * 1024 * 1024

    public var kind: Kind
    public var payload: Data

    public init(_ kind: Kind, _ payload: Data = Data()) {
        self.kind = kind
        self.payload = payload
    }

    /// The frame's bytes on the wire.
    public var encoded: Data {
        var bytes = Data(capacity: Self.headerSize + payload.count)
        bytes.append(kind.rawValue)
        withUnsafeBytes(of: UInt32(payload.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(payload)
        return bytes
    }

    /// The kind and payload length a header announces, once they are known to be allowed: a
    /// known kind, content within `contentLimit`, an empty content end, a message within
    /// `messageLimit`. Checked before any of the payload is read.
    static func header(_ bytes: some Collection<UInt8>, messageLimit: Int) throws(AgentError) -> (kind: Kind, length: Int) {
        precondition(bytes.count == headerSize, "a frame header is \(headerSize) bytes")
        let first = bytes[bytes.startIndex]
        guard let kind = Kind(rawValue: first) else { throw .unknownFrameKind(first) }
        let length = bytes.dropFirst().reduce(0) { $0 << 8 | Int($1) }
        let limit = switch kind {
        case .message: messageLimit
        case .content: contentLimit
        case .contentEnd: 0
        }
        guard length <= limit else { throw .oversizedFrame(kind: kind, length: length, limit: limit) }
        return (kind, length)
    }
}

/// Cuts a stream of bytes into frames, refusing a frame as soon as its header shows it cannot be
/// valid. Bytes are appended as they arrive; `bytesNeeded` says how many the next frame still
/// lacks, so a reader can ask for exactly those and never read past a frame.
public struct AgentFrameDecoder: Sendable {
    private var buffer = Data()
    private let messageLimit: Int

    /// A decoder that accepts messages of at most `messageLimit` bytes.
    public init(messageLimit: Int = AgentFrame.messageLimit) {
        self.messageLimit = messageLimit
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Whether no byte of a frame is waiting.
    public var isEmpty: Bool { buffer.isEmpty }

    /// How many more bytes the next frame needs before `next()` returns it (at least 1).
    public func bytesNeeded() throws(AgentError) -> Int {
        guard buffer.count >= AgentFrame.headerSize else { return AgentFrame.headerSize - buffer.count }
        let (_, length) = try AgentFrame.header(buffer.prefix(AgentFrame.headerSize), messageLimit: messageLimit)
        return max(1, AgentFrame.headerSize + length - buffer.count)
    }

    /// The next complete frame, or nil when more bytes are needed. Throws for a header that
    /// cannot be valid, before its payload has arrived.
    public mutating func next() throws(AgentError) -> AgentFrame? {
        guard buffer.count >= AgentFrame.headerSize else { return nil }
        let (kind, length) = try AgentFrame.header(buffer.prefix(AgentFrame.headerSize), messageLimit: messageLimit)
        let end = buffer.startIndex + AgentFrame.headerSize + length
        guard buffer.endIndex >= end else { return nil }
        let frame = AgentFrame(kind, Data(buffer[(buffer.startIndex + AgentFrame.headerSize)..<end]))
        buffer = Data(buffer[end...])
        return frame
    }

    /// Checks that the stream ended between frames.
    public func finish() throws(AgentError) {
        guard !buffer.isEmpty else { return }
        throw .truncatedFrame(missing: try bytesNeeded())
    }
}
