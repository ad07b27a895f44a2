extension StatusWord {
    /// The ISO 7816-4 meaning of this status word in plain English; unknown values say so with their class.
    public var meaning: String {
        if let text = Self.fixedMeanings[rawValue] {
            return text
        }
        switch sw1 {
        case 0x61:
            return "\(bytesAvailable ?? 0) more response bytes available (GET RESPONSE)"
        case 0x6C:
            return "wrong Le field: the exact length is \(exactLength ?? 0)"
        case 0x63 where verificationTriesLeft != nil:
            return "verification failed, \(verificationTriesLeft ?? 0) tries left"
        case 0x62, 0x63:
            return "warning, unknown qualification"
        case 0x64, 0x65, 0x66:
            return "execution error, unknown qualification"
        case 0x67...0x6F:
            return "checking error, unknown qualification"
        default:
            return "status word not defined by ISO 7816-4"
        }
    }

    private static let fixedMeanings: [UInt16: String] = [
        0x9000: "normal processing",
        0x6200: "warning: no information given, non-volatile memory unchanged",
        0x6281: "warning: part of the returned data may be corrupted",
        0x6282: "warning: end of file or record reached before reading Ne bytes",
        0x6283: "warning: selected file deactivated",
        0x6284: "warning: file control information not formatted as ISO 7816-4 requires",
        0x6285: "warning: selected file in termination state",
        0x6300: "warning: no information given, non-volatile memory changed",
        0x6381: "warning: file filled up by the last write",
        0x6400: "execution error: non-volatile memory unchanged",
        0x6401: "execution error: immediate response required by the card",
        0x6500: "execution error: no information given, non-volatile memory changed",
        0x6581: "execution error: memory failure",
        0x6700: "wrong length",
        0x6800: "functions in CLA not supported",
        0x6881: "logical channel not supported",
        0x6882: "secure messaging not supported",
        0x6883: "last command of the chain expected",
        0x6884: "command chaining not supported",
        0x6900: "command not allowed",
        0x6981: "command incompatible with file structure",
        0x6982: "security status not satisfied",
        0x6983: "authentication method blocked",
        0x6984: "reference data not usable",
        0x6985: "conditions of use not satisfied",
        0x6986: "command not allowed (no current EF)",
        0x6987: "expected secure messaging data objects missing",
        0x6988: "incorrect secure messaging data objects",
        0x6A00: "wrong parameters P1-P2",
        0x6A80: "incorrect parameters in the command data field",
        0x6A81: "function not supported",
        0x6A82: "file or application not found",
        0x6A83: "record not found",
        0x6A84: "not enough memory space in the file",
        0x6A85: "Nc inconsistent with TLV structure",
        0x6A86: "incorrect parameters P1-P2",
        0x6A87: "Nc inconsistent with parameters P1-P2",
        0x6A88: "referenced data or reference data not found",
        0x6A89: "file already exists",
        0x6A8A: "DF name already exists",
        0x6B00: "wrong parameters P1-P2",
        0x6D00: "instruction code not supported or invalid",
        0x6E00: "class not supported",
        0x6F00: "no precise diagnosis",
    ]
}
