/// The few DER and BER encodings the CMS containers are built from (X.690): a TLV with its
/// length in definite form, the open and close of an indefinite-length constructed value, and
/// the object identifiers CMS names.
enum DEREncoding {
    /// `tag`, the definite length of `content`, then `content`.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    /// A SEQUENCE of the concatenated `elements`.
    static func sequence(_ elements: [UInt8]...) -> [UInt8] {
        tlv(0x30, elements.flatMap { $0 })
    }

    /// A SET OF `elements` in DER order (sorted by their encodings).
    static func setOf(_ elements: [[UInt8]], tag: UInt8 = 0x31) -> [UInt8] {
        tlv(tag, elements.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 })
    }

    /// The opening of an indefinite-length constructed value; `endOfContents` closes it.
    static func openIndefinite(_ tag: UInt8) -> [UInt8] { [tag, 0x80] }

    static let endOfContents: [UInt8] = [0x00, 0x00]

    /// The DER length octets of `count`.
    static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// An OBJECT IDENTIFIER from its encoded content octets.
    static func objectIdentifier(_ content: [UInt8]) -> [UInt8] { tlv(0x06, content) }

    /// `AlgorithmIdentifier { algorithm, NULL }`.
    static func algorithm(_ oid: [UInt8]) -> [UInt8] { sequence(objectIdentifier(oid), [0x05, 0x00]) }

    // Object identifier contents (RFC 5652, RFC 5754, RFC 8017).
    static let idData: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
    static let idSignedData: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
    static let idSHA256: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
    static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    static let idContentType: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03]
    static let idMessageDigest: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04]
    static let idSigningTime: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05]
}
