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

/// A PKCS#15 object type kept in a directory file (AODF, PrKDF, CDF): one CHOICE alternative is modelled,
/// the others are skipped.
protocol PKCS15DirectoryEntry: Sendable {
    /// The file's name for error messages, e.g. "PrKDF".
    static var directoryName: String { get }
    /// The tag of the CHOICE alternative this type models.
    static var identifier: ASN1Identifier { get }

    init(object: PKCS15Object) throws
    func serialize(into coder: inout DER.Serializer) throws
}

extension PKCS15DirectoryEntry {
    /// Parses every modelled object of a directory file; other alternatives and trailing zero bytes are skipped.
    static func parseEntries(_ file: [UInt8]) throws(SmartCardError) -> [Self] {
        let nodes = try DERCoding.topLevelNodes(file, structure: directoryName)
        return try DERCoding.decode(directoryName) {
            try nodes.filter { $0.identifier == identifier }.map { node in
                try Self(object: PKCS15Object(node: node, identifier: identifier))
            }
        }
    }

    /// The objects concatenated, without padding.
    static func encodeEntries(_ objects: [Self]) -> [UInt8] {
        DERCoding.encode { coder in
            for object in objects {
                try object.serialize(into: &coder)
            }
        }
    }
}
