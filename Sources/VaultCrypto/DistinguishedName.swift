import COpenSSL

/// An X.509 distinguished name: its attributes in certificate order, with accessors for the ones
/// CPS certificates carry (`CN` national id, `SN`, `GN`, `title` profession, `O`, `OU`, `C`).
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// One attribute of the name.
    public struct Attribute: Sendable, Hashable {
        /// OpenSSL's short name of the attribute type ("CN", "SN", "GN", "title", …), or its dotted OID.
        public let type: String
        /// The value, decoded to a Swift string from whichever ASN.1 string type the certificate used.
        public let value: String
        /// The index of the RDN holding the attribute; attributes sharing it form a multi-valued RDN.
        public let relativeNameIndex: Int

        /// An attribute of the RDN at `relativeNameIndex`.
        public init(type: String, value: String, relativeNameIndex: Int) {
            self.type = type
            self.value = value
            self.relativeNameIndex = relativeNameIndex
        }
    }

    /// Every attribute, most significant first (as encoded: "C" usually comes first).
    public let attributes: [Attribute]

    /// A name made of `attributes`, most significant first.
    public init(attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// Reads an OpenSSL `X509_NAME`; nil when an attribute value cannot be decoded to UTF-8.
    init?(x509Name name: OpaquePointer) {
        var attributes: [Attribute] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index),
                  let type = Self.typeName(X509_NAME_ENTRY_get_object(entry)),
                  let value = Self.utf8String(X509_NAME_ENTRY_get_data(entry)) else { return nil }
            attributes.append(Attribute(type: type, value: value, relativeNameIndex: Int(X509_NAME_ENTRY_set(entry))))
        }
        self.attributes = attributes
    }

    /// The common name: on a CPS certificate, the national id ("8" + RPPS, "0" + ADELI, …).
    public var commonName: String? { first("CN") }
    /// The surname (`SN`).
    public var surname: String? { first("SN") }
    /// The given name (`GN`).
    public var givenName: String? { first("GN") }
    /// The title: on a CPS certificate, the profession ("Médecin", "Infirmier", …).
    public var title: String? { first("title") }
    /// The organization (`O`): the establishment on establishment cards.
    public var organization: String? { first("O") }
    /// Every organizational unit (`OU`), in order.
    public var organizationalUnits: [String] { attributes.filter { $0.type == "OU" }.map(\.value) }
    /// The country code (`C`).
    public var country: String? { first("C") }

    /// The name as RFC 2253 writes it (least significant RDN first, special characters escaped),
    /// like `openssl -nameopt RFC2253` but with UTF-8 left as is.
    public var description: String {
        var relativeNames: [[Attribute]] = []
        for attribute in attributes {
            if let last = relativeNames.last?.last, last.relativeNameIndex == attribute.relativeNameIndex {
                relativeNames[relativeNames.count - 1].append(attribute)
            } else {
                relativeNames.append([attribute])
            }
        }
        return relativeNames.reversed()
            .map { $0.map { "\($0.type)=\(Self.escaped($0.value))" }.joined(separator: "+") }
            .joined(separator: ",")
    }

    private func first(_ type: String) -> String? {
        attributes.first { $0.type == type }?.value
    }

    /// A value escaped as RFC 2253 §2.4 asks.
    private static func escaped(_ value: String) -> String {
        var result = ""
        for (offset, character) in value.enumerated() {
            let isFirst = offset == 0, isLast = offset == value.count - 1
            if ",+\"\\<>;".contains(character) || (isFirst && (character == "#" || character == " "))
                || (isLast && character == " ") {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }

    private static func typeName(_ object: OpaquePointer?) -> String? {
        guard let object else { return nil }
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let shortName = OBJ_nid2sn(nid) {
            return String(cString: shortName)
        }
        var buffer = [CChar](repeating: 0, count: 128)
        guard OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1) > 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }

    private static func utf8String(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String? {
        var output: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&output, string)
        guard length >= 0, let output else { return nil }
        defer { COpenSSL_free(output) }
        return String(validating: UnsafeBufferPointer(start: output, count: Int(length)), as: UTF8.self)
    }
}
