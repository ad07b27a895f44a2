import SwiftASN1

/// CommonObjectAttributes shared by every PKCS#15 object: SEQUENCE { label UTF8String OPTIONAL,
/// flags BIT STRING OPTIONAL, authId OCTET STRING OPTIONAL, ... }; later fields are skipped when parsing.
struct CommonObjectAttributes: Hashable {
    var label: String?
    var flags: PKCS15ObjectFlags
    var authID: [UInt8]?

    init(label: String?, flags: PKCS15ObjectFlags, authID: [UInt8]?) {
        self.label = label
        self.flags = flags
        self.authID = authID
    }

    init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let label: ASN1UTF8String? = try DER.optionalImplicitlyTagged(&nodes)
            let flags: PKCS15BitString? = try DER.optionalImplicitlyTagged(&nodes)
            let authID: ASN1OctetString? = try DER.optionalImplicitlyTagged(&nodes)
            DERCoding.skipRest(&nodes)
            return CommonObjectAttributes(
                label: try label.map(DERCoding.string),
                flags: flags.map(PKCS15ObjectFlags.init(bitString:)) ?? [],
                authID: authID.map { Array($0.bytes) })
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if let label {
                try coder.serialize(ASN1UTF8String(label))
            }
            if !flags.isEmpty {
                try coder.serialize(flags.bitString)
            }
            if let authID {
                try coder.serialize(ASN1OctetString(contentBytes: authID[...]))
            }
        }
    }
}
