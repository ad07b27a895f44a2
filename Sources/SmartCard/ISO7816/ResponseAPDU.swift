/// A response APDU (ISO 7816-4 section 5.1): the response data followed by the status word.
public struct ResponseAPDU: Sendable, Hashable {
    /// The response data field, possibly empty.
    public var data: [UInt8]
    /// The trailing SW1-SW2.
    public var status: StatusWord

    /// Builds a response from its data and status word.
    public init(data: [UInt8] = [], status: StatusWord) {
        self.data = data
        self.status = status
    }

    /// Splits raw response bytes into data and the last two bytes as the status word.
    ///
    /// Throws `SmartCardError.malformedResponse` when fewer than 2 bytes are given.
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        guard bytes.count >= 2 else {
            throw .malformedResponse(reason: "\(bytes.count) bytes received, a response needs at least the 2 status bytes")
        }
        self.init(
            data: Array(bytes.dropLast(2)),
            status: StatusWord(bytes[bytes.count - 2], bytes[bytes.count - 1]))
    }

    /// The data followed by SW1 and SW2, as a card transmits them.
    public var encoded: [UInt8] { data + status.bytes }
}
