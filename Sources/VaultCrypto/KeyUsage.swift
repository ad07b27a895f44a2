import COpenSSL

/// The X.509 keyUsage bits the vault checks (RFC 5280 §4.2.1.3).
public struct KeyUsage: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The usages as bits of this type (not the DER bit string).
    public let rawValue: UInt16

    /// The usages whose bits are set in `rawValue`.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)

    /// Each usage with its RFC 5280 name and OpenSSL's `KU_` bit.
    private static let named: [(usage: KeyUsage, name: String, openSSLBit: Int32)] = [
        (.digitalSignature, "digitalSignature", KU_DIGITAL_SIGNATURE),
        (.nonRepudiation, "nonRepudiation", KU_NON_REPUDIATION),
        (.keyEncipherment, "keyEncipherment", KU_KEY_ENCIPHERMENT),
        (.dataEncipherment, "dataEncipherment", KU_DATA_ENCIPHERMENT),
        (.keyAgreement, "keyAgreement", KU_KEY_AGREEMENT),
        (.keyCertSign, "keyCertSign", KU_KEY_CERT_SIGN),
        (.cRLSign, "cRLSign", KU_CRL_SIGN),
    ]

    /// The usages in OpenSSL's `X509_get_key_usage` bits.
    init(openSSLBits bits: UInt32) {
        self = KeyUsage(Self.named.filter { bits & UInt32($0.openSSLBit) != 0 }.map(\.usage))
    }

    /// The RFC 5280 names of the usages, e.g. "digitalSignature, keyEncipherment"; "none" when empty.
    public var description: String {
        let names = Self.named.filter { contains($0.usage) }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
