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

    /// Transmits a command that carries a secret (a PIN block) from the caller's buffer, which
    /// the caller wipes: the channel hands the bytes to the transport without copying them into
    /// memory of its own, and returns the raw response as `transmit(_:)` does.
    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8]
}

/// A channel whose card other programs may share, and that can reserve it for a run of commands.
///
/// A driver's multi-command operations (SELECT then GET RESPONSE, a file read in chunks, MSE
/// SET then the operation) run inside `withTransaction` so that no other program's commands,
/// which would change the card's selection or security environment, come between them.
/// Transactions nest.
public protocol SharedCardChannel: CardChannel {
    /// Runs `body` with the card reserved for this channel.
    func withTransaction<R>(_ body: () throws -> R) throws -> R
}

extension CardChannel {
    /// Runs `body` with the card reserved when the channel is shared, or directly otherwise.
    public func exclusively<R>(_ body: () throws -> R) throws -> R {
        if let shared = self as? any SharedCardChannel {
            return try shared.withTransaction(body)
        }
        return try body()
    }
}
