import FuzzSupport
import SmartCard

/// Command and response APDU decoding: any bytes either throw `SmartCardError` or decode to an
/// APDU that encodes and decodes back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPDU(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzEntry.bytes(data, size)
    if let command = try? CommandAPDU(parsing: bytes) {
        _ = command.description
        guard let encoded = try? command.encoded() else {
            preconditionFailure("a decoded command does not encode: \(command)")
        }
        precondition((try? CommandAPDU(parsing: encoded)) == command, "a command does not survive encoding")
    }
    if let response = try? ResponseAPDU(parsing: bytes) {
        precondition(response.encoded == bytes, "a response does not encode back to its bytes")
        _ = response.status.description
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) {
        let conversation = try CardConversation.record(profile: CardConversation.profile())
        // Extended forms (cases 2E, 3E, 4E) and the short edge cases the card session never sends.
        let edges: [[UInt8]] = [
            [0x00, 0xB0, 0x00, 0x00], [0x00, 0xB0, 0x00, 0x00, 0x00],
            [0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x00],
            [0x00, 0x2A, 0x80, 0x86, 0x00, 0x00, 0x02, 0x81, 0x00],
            [0x00, 0x2A, 0x80, 0x86, 0x00, 0x00, 0x02, 0x81, 0x00, 0x00, 0x00],
        ]
        return conversation.commands + conversation.responses + edges
    }
    return 0
}
