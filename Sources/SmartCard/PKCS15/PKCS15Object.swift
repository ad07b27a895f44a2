import SwiftASN1

/// The frame of every PKCS#15 object: SEQUENCE { commonObjectAttributes, classAttributes,
/// subClassAttributes [0] OPTIONAL, typeAttributes [1] }, under the tag of its CHOICE alternative.
struct PKCS15Object {
    var common: CommonObjectAttributes
    var classAttributes: ASN1Node
    /// The single element inside the [1] wrapper.
    var typeAttributes: ASN1Node

    /// Reads the frame; subClassAttributes are skipped.
    init(node: ASN1Node, identifier: ASN1Identifier) throws {
        (common, classAttributes, typeAttributes) = try DER.sequence(node, identifier: identifier) { nodes in
            let common = try CommonObjectAttributes(node: DERCoding.required(&nodes, "commonObjectAttributes"))
            let classAttributes = try DERCoding.required(&nodes, "classAttributes")
            _ = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            let typeAttributes = try DER.explicitlyTagged(
                DERCoding.required(&nodes, "typeAttributes"), tagNumber: 1, tagClass: .contextSpecific) { $0 }
            return (common, classAttributes, typeAttributes)
        }
    }

    /// Writes a frame whose class and type attributes are written by the closures (without subClassAttributes).
    static func serialize(
        into coder: inout DER.Serializer, identifier: ASN1Identifier, common: CommonObjectAttributes,
        classAttributes: (inout DER.Serializer) throws -> Void,
        typeAttributes: (inout DER.Serializer) throws -> Void
    ) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try common.serialize(into: &coder)
            try coder.appendConstructedNode(identifier: .sequence, classAttributes)
            try coder.appendConstructedNode(identifier: DERCoding.context(1), typeAttributes)
        }
    }
}
