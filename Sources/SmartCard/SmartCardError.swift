/// The one error type of the SmartCard module: malformed bytes from a card or a file, commands
/// that cannot be encoded, and cards that do not follow the response protocol.
///
/// Each description says what happened and what to do about it; none of them contains the data
/// field of a command, so a PIN never reaches a log through an error.
public enum SmartCardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A command APDU given as bytes does not follow any ISO 7816-3 case.
    case malformedCommand(reason: String)
    /// A command cannot be encoded: its fields are out of the ranges ISO 7816-4 allows.
    case invalidCommand(reason: String)
    /// The card (or the reader) returned bytes that are not a response APDU.
    case malformedResponse(reason: String)
    /// The card kept announcing more response bytes (61xx) past the number of rounds allowed.
    case tooManyResponseParts(limit: Int)
    /// A BER-TLV structure is truncated, oversized or otherwise not decodable.
    case malformedTLV(reason: String)
    /// File control parameters (FCP template 62) are missing a tag or carry a malformed value.
    case malformedFileControlParameters(reason: String)
    /// A PKCS#15 / ISO 7816-15 structure (EF.DIR, ODF, TokenInfo, AODF, PrKDF, CDF) is malformed.
    case malformedPKCS15(structure: String, reason: String)

    public var description: String {
        switch self {
        case .malformedCommand(let reason):
            return "Malformed command APDU: \(reason). Build the command with CommandAPDU's fields "
                + "or check the bytes against ISO 7816-3 cases 1 to 4."
        case .invalidCommand(let reason):
            return "Command cannot be encoded: \(reason). Fix the command's fields; nothing was sent to the card."
        case .malformedResponse(let reason):
            return "Malformed response from the card: \(reason). Remove and reinsert the card; "
                + "if it persists the card or the reader is faulty."
        case .tooManyResponseParts(let limit):
            return "The card announced more response data after \(limit) GET RESPONSE rounds; "
                + "the exchange was abandoned. Remove and reinsert the card; if it persists the card is faulty."
        case .malformedTLV(let reason):
            return "Malformed BER-TLV data: \(reason). The card or file content is corrupt or not the "
                + "structure expected; do not rely on it."
        case .malformedFileControlParameters(let reason):
            return "Malformed file control parameters: \(reason). The card's answer to SELECT is not an "
                + "ISO 7816-4 FCP template; check that the right file was selected."
        case .malformedPKCS15(let structure, let reason):
            return "Malformed PKCS#15 \(structure): \(reason). The card's PKCS#15 application is corrupt "
                + "or not supported; the card cannot be used until it is reissued or the file is fixed."
        }
    }
}
