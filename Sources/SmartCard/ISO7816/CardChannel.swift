/// The transmission protocol negotiated with a card (ISO 7816-3).
public enum TransmissionProtocol: Sendable, Hashable {
    /// Character protocol: case-4 commands go without Le and the response is fetched by GET RESPONSE.
    case t0
    /// Block protocol: commands go as built.
    case t1
}

/// The seam every card driver talks through: one raw command in, one raw response out.
///
/// Implemented by the PC/SC connection and by an in-process channel to the card simulator.
/// `transmit` does no 61xx/6Cxx handling; use `send(_:)` for that.
public protocol CardChannel: AnyObject, Sendable {
    /// The protocol the channel was opened with.
    var transmissionProtocol: TransmissionProtocol { get }

    /// Transmits raw command bytes and returns the raw response (data then SW1 SW2).
    /// Transport errors are thrown as the transport's own error type.
    func transmit(_ command: [UInt8]) throws -> [UInt8]
}
