extension CardChannel {
    /// Sends one command and returns the complete response: on T=0 a case-4 command goes without its
    /// Le field; 61xx is followed by GET RESPONSE (00 C0 00 00 xx, CLA taken from the command without the
    /// chaining bit) and the pieces concatenated; 6Cxx makes it resend once with Le = xx.
    ///
    /// At most `maximumGetResponseRounds` GET RESPONSE commands are sent before throwing
    /// `SmartCardError.tooManyResponseParts`; a response shorter than 2 bytes throws
    /// `SmartCardError.malformedResponse`; transport errors pass through unchanged.
    public func send(_ command: CommandAPDU) throws -> ResponseAPDU {
        var response = try exchange(command)
        var data = response.data
        var rounds = 0
        while let available = response.status.bytesAvailable {
            guard rounds < maximumGetResponseRounds else {
                throw SmartCardError.tooManyResponseParts(limit: maximumGetResponseRounds)
            }
            rounds += 1
            let getResponse = CommandAPDU(
                cla: command.cla & ~Self.chainingBit, ins: 0xC0, p1: 0x00, p2: 0x00, expectedLength: available)
            response = try exchange(getResponse)
            data += response.data
        }
        return ResponseAPDU(data: data, status: response.status)
    }

    /// Sends a command whose data is longer than one short APDU by ISO command chaining (CLA | 0x10 on
    /// every part but the last, parts of at most `chunkSize` bytes) and returns the last response, with
    /// GET RESPONSE handling as in `send(_:)`.
    ///
    /// Intermediate parts carry no Le; a non-9000 status on one of them stops the chain and is returned.
    /// Throws `SmartCardError.invalidCommand` when `chunkSize` is outside 1...255.
    public func sendChained(_ command: CommandAPDU, chunkSize: Int = 255) throws -> ResponseAPDU {
        guard (1...255).contains(chunkSize) else {
            throw SmartCardError.invalidCommand(reason: "chunk size \(chunkSize) is outside 1...255")
        }
        var remaining = command.data[...]
        while remaining.count > chunkSize {
            let part = CommandAPDU(
                cla: command.cla | Self.chainingBit, ins: command.ins, p1: command.p1, p2: command.p2,
                data: Array(remaining.prefix(chunkSize)))
            remaining = remaining.dropFirst(chunkSize)
            let response = try send(part)
            guard response.status.isSuccess else {
                return response
            }
        }
        var last = command
        last.data = Array(remaining)
        return try send(last)
    }

    /// The number of GET RESPONSE commands `send(_:)` issues for one command before giving up:
    /// enough for the largest extended response (65536 bytes) in 256-byte pieces.
    public var maximumGetResponseRounds: Int { 256 }

    /// Transmits one command as the protocol requires and resends it once if the card answers 6Cxx.
    private func exchange(_ command: CommandAPDU) throws -> ResponseAPDU {
        let response = try transmitOnce(command)
        guard let exact = response.status.exactLength else {
            return response
        }
        var corrected = command
        corrected.expectedLength = exact
        return try transmitOnce(corrected)
    }

    private func transmitOnce(_ command: CommandAPDU) throws -> ResponseAPDU {
        var onTheWire = command
        if transmissionProtocol == .t0, !command.data.isEmpty {
            onTheWire.expectedLength = nil
        }
        return try ResponseAPDU(parsing: transmit(onTheWire.encoded()))
    }

    private static var chainingBit: UInt8 { 0x10 }
}
