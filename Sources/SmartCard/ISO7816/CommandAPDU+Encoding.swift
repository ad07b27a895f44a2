extension CommandAPDU {
    /// The bytes to transmit: the short form when Nc <= 255 and Ne <= 256, else the extended form.
    ///
    /// Throws `SmartCardError.invalidCommand` when Nc exceeds 65535 or Ne is outside 1...65536.
    public func encoded() throws(SmartCardError) -> [UInt8] {
        guard data.count <= Self.maximumDataLength else {
            throw .invalidCommand(reason: "the data field has \(data.count) bytes, more than \(Self.maximumDataLength)")
        }
        if let expectedLength, !(1...Self.maximumExpectedLength).contains(expectedLength) {
            throw .invalidCommand(reason: "Ne is \(expectedLength), outside 1...\(Self.maximumExpectedLength)")
        }
        var bytes = [cla, ins, p1, p2]
        if isExtended {
            bytes.append(0x00)
            if !data.isEmpty {
                bytes += Self.twoBytes(data.count)
                bytes += data
            }
            if let expectedLength {
                bytes += Self.twoBytes(expectedLength)
            }
        } else {
            if !data.isEmpty {
                bytes.append(UInt8(data.count))
                bytes += data
            }
            if let expectedLength {
                bytes.append(UInt8(truncatingIfNeeded: expectedLength))
            }
        }
        return bytes
    }

    /// Parses a command APDU in any of the cases 1, 2S, 3S, 4S, 2E, 3E, 4E of ISO 7816-3 section 12.1.3.
    ///
    /// Throws `SmartCardError.malformedCommand` for fewer than 4 bytes or lengths that match no case.
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        guard bytes.count >= 4 else {
            throw .malformedCommand(reason: "\(bytes.count) bytes, fewer than the 4-byte header")
        }
        let body = Array(bytes.dropFirst(4))
        let (data, expectedLength) = try Self.parseBody(body)
        self.init(cla: bytes[0], ins: bytes[1], p1: bytes[2], p2: bytes[3], data: data, expectedLength: expectedLength)
    }

    /// Splits the bytes after the header into the data field and Ne, following the case rules.
    private static func parseBody(_ body: [UInt8]) throws(SmartCardError) -> (data: [UInt8], expectedLength: Int?) {
        guard let first = body.first else {
            return ([], nil)  // case 1
        }
        if body.count == 1 {
            return ([], first == 0 ? 256 : Int(first))  // case 2S
        }
        if first != 0 {
            let nc = Int(first)
            switch body.count {
            case 1 + nc:
                return (Array(body[1...]), nil)  // case 3S
            case 2 + nc:
                let le = body[body.count - 1]
                return (Array(body[1..<(1 + nc)]), le == 0 ? 256 : Int(le))  // case 4S
            default:
                throw .malformedCommand(
                    reason: "short Lc is \(nc) but \(body.count - 1) bytes follow it; expected \(nc) or \(nc + 1)")
            }
        }
        // Extended forms: the body starts with 00 and a two-byte length.
        guard body.count >= 3 else {
            throw .malformedCommand(reason: "an extended length field needs 3 bytes, \(body.count) present")
        }
        let length = Int(body[1]) << 8 | Int(body[2])
        if body.count == 3 {
            return ([], length == 0 ? 65536 : length)  // case 2E
        }
        guard length != 0 else {
            throw .malformedCommand(reason: "extended Lc is 0000 but \(body.count - 3) bytes follow it")
        }
        switch body.count {
        case 3 + length:
            return (Array(body[3...]), nil)  // case 3E
        case 5 + length:
            let le = Int(body[body.count - 2]) << 8 | Int(body[body.count - 1])
            return (Array(body[3..<(3 + length)]), le == 0 ? 65536 : le)  // case 4E
        default:
            throw .malformedCommand(
                reason: "extended Lc is \(length) but \(body.count - 3) bytes follow it; expected \(length) or \(length + 2)")
        }
    }

    private static func twoBytes(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
