import Foundation

/// How a message frame carries a value: JSON with sorted keys (so one value has one encoding),
/// dates as ISO 8601 text.
public enum AgentMessage {
    /// `value` as a message frame.
    public static func frame(_ value: some Encodable) throws(AgentError) -> AgentFrame {
        do {
            return AgentFrame(.message, try encoder.encode(value))
        } catch {
            throw .protocolViolation("a message could not be encoded (\(error))")
        }
    }

    /// The value a message frame carries. A frame of record content, or JSON that is not a
    /// `Message`, is refused; an `AgentError` raised while decoding (an unknown version or
    /// request) is passed on as it is.
    public static func decode<Message: Decodable>(_ type: Message.Type, from frame: AgentFrame) throws(AgentError) -> Message {
        guard frame.kind == .message else { throw .protocolViolation("record content where a message was expected") }
        do {
            return try decoder.decode(Message.self, from: frame.payload)
        } catch let error as AgentError {
            throw error
        } catch {
            throw .protocolViolation("a message could not be decoded (\(error))")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
