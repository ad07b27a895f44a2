import SwiftASN1

/// One CDF entry, the `x509Certificate` alternative: the certificate's identifier (shared with its private
/// key), whether it is a CA certificate, and the path of the file holding its DER encoding.
///
/// Other alternatives (attribute, SPKI certificates...) are skipped by `parseDirectory`; a certificate stored
/// directly in the CDF instead of by path is reported as malformed, since this module reads certificates by path.
public struct CertificateObject: Sendable, Hashable {
    public var label: String?
    public var objectFlags: PKCS15ObjectFlags
    /// The identifier shared with the matching private key.
    public var id: [UInt8]
    /// True for a certificate authority's certificate (DEFAULT FALSE, written only when true).
    public var authority: Bool
    /// The file holding the certificate.
    public var path: PKCS15Path

    /// A certificate object from its attributes.
    public init(
        label: String? = nil, objectFlags: PKCS15ObjectFlags = [], id: [UInt8], authority: Bool = false,
        path: PKCS15Path
    ) {
        self.label = label
        self.objectFlags = objectFlags
        self.id = id
        self.authority = authority
        self.path = path
    }

    /// Parses a CDF: concatenated certificate objects, then optional 00 padding.
    /// Throws `SmartCardError.malformedPKCS15` for malformed DER or a malformed X.509 certificate object.
    public static func parseDirectory(_ file: [UInt8]) throws(SmartCardError) -> [CertificateObject] {
        try parseEntries(file)
    }

    /// The CDF content for these certificates, without padding.
    public static func encodeDirectory(_ objects: [CertificateObject]) -> [UInt8] {
        encodeEntries(objects)
    }
}

extension CertificateObject: PKCS15DirectoryEntry {
    static var directoryName: String { "CDF" }
    static var identifier: ASN1Identifier { .sequence }

    init(object: PKCS15Object) throws {
        let (id, authority) = try DER.sequence(object.classAttributes, identifier: .sequence) { nodes in
            let id = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "iD"))
            let authority: Bool? = try DER.optionalImplicitlyTagged(&nodes)
            DERCoding.skipRest(&nodes)
            return (Array(id.bytes), authority ?? false)
        }
        let path = try DER.sequence(object.typeAttributes, identifier: .sequence) { nodes in
            let path = try PKCS15Path(node: DERCoding.required(&nodes, "value"))
            DERCoding.skipRest(&nodes)
            return path
        }
        self.init(
            label: object.common.label, objectFlags: object.common.flags, id: id, authority: authority, path: path)
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try PKCS15Object.serialize(
            into: &coder, identifier: Self.identifier,
            common: CommonObjectAttributes(label: label, flags: objectFlags, authID: nil),
            classAttributes: { coder in
                try coder.serialize(ASN1OctetString(contentBytes: id[...]))
                if authority {
                    try coder.serialize(true)
                }
            },
            typeAttributes: { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try path.serialize(into: &coder)
                }
            })
    }
}
