/// EF.ATR/INFO (`3F00/2F01`, ISO 7816-4 section 8.2.1.1): data objects that extend the answer to reset,
/// among them the card capabilities, the AID of the card's root application and its buffer sizes.
///
/// A real CPS3 writes a category indicator `80` before the BER-TLV data objects, as historical bytes
/// start; OpenSC skips it, and so does this parser. 00 or FF padding after the objects is skipped.
/// Broken TLV is refused, and so are buffer sizes (tag E0) that are not INTEGERs.
public struct ATRFile: Sendable, Hashable {
    /// The category indicator of historical bytes that a CPS3 puts first.
    static let categoryIndicator: UInt8 = 0x80

    /// Card capabilities (tag 47): selection methods, data coding, command chaining and lengths.
    public var cardCapabilities: [UInt8]?
    /// The root application's AID (tag 4F), which selects the MF of an IAS-ECC card.
    public var applicationAID: [UInt8]?
    /// The buffer sizes of tag E0 in their order (IAS-ECC: maximum command and response data, sent in
    /// the clear and with secure messaging).
    public var bufferSizes: [Int]

    /// Parses the content of EF.ATR/INFO. Throws `SmartCardError.malformedTLV` for broken TLV and
    /// `SmartCardError.malformedPKCS15` naming EF.ATR for malformed buffer sizes.
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        let objects = try BERTLV.parseAll(
            bytes.first == Self.categoryIndicator ? Array(bytes.dropFirst()) : bytes, skippingPadding: true)
        cardCapabilities = objects.first { $0.tag == 0x47 }?.value
        applicationAID = objects.first { $0.tag == 0x4F }?.value
        bufferSizes = []
        if let sizes = objects.first(where: { $0.tag == 0xE0 }) {
            for size in try BERTLV.parseAll(sizes.value) {
                guard size.tag == 0x02, (1...4).contains(size.value.count) else {
                    throw .malformedPKCS15(
                        structure: "EF.ATR", reason: "a buffer size in tag E0 is tag \(TLVScanner.hex(size.tag)) "
                            + "of \(size.value.count) bytes, not an INTEGER of 1 to 4 bytes")
                }
                bufferSizes.append(size.value.reduce(0) { $0 << 8 | Int($1) })
            }
        }
    }

    /// True when the card capabilities say the card accepts command chaining (third byte, bit 8).
    public var supportsCommandChaining: Bool {
        guard let capabilities = cardCapabilities, capabilities.count >= 3 else { return false }
        return capabilities[2] & 0x80 != 0
    }
}
