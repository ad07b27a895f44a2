import SwiftASN1

/// A BIT STRING of named bits (PKCS#15 flags, key usage, PIN flags) read as BER allows and real CPS3 cards
/// write it, rather than as DER requires.
///
/// - A BIT STRING of only its initial octet is read as no bits set, whatever that octet holds: real CPS3
///   cards write their AODF and CDF object flags as one non-zero octet (X.690 8.6.2.3 wants it zero), which
///   OpenSC reads as no flags and the ANS library does not check.
/// - Unused bits of the last octet are cleared, whatever their value (DER wants them zero, BER does not).
/// - Bits that the PKCS#15 type does not define are kept; callers ignore what they do not know.
///
/// Refused: a BIT STRING with no octet at all, a constructed one, and an unused-bits count above 7 before
/// content octets (X.690 8.6.2.2).
struct PKCS15BitString: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .bitString }

    /// The content octets, unused bits cleared; empty when no bit is set or for an initial octet alone.
    var bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        guard node.identifier == identifier else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        guard case .primitive(let content) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "a BIT STRING of flags is constructed")
        }
        guard let unusedBits = content.first else {
            throw ASN1Error.invalidASN1Object(reason: "a BIT STRING of flags has no initial octet")
        }
        var bits = Array(content.dropFirst())
        guard let last = bits.last else {
            self.init(bytes: [])
            return
        }
        guard unusedBits <= 7 else {
            throw ASN1Error.invalidASN1Object(reason: "a BIT STRING of flags announces \(unusedBits) unused bits, more than 7")
        }
        bits[bits.count - 1] = last & (0xFF << unusedBits)
        self.init(bytes: bits)
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try ASN1BitString(bytes: bytes[...]).serialize(into: &coder, withIdentifier: identifier)
    }
}
