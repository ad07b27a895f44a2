import SwiftASN1

/// A PKCS#15 Path: SEQUENCE { path OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL },
/// a file path (concatenated file identifiers, absolute when it starts 3F00) and an optional byte range in it.
public struct PKCS15Path: Sendable, Hashable {
    /// Concatenated file identifiers, e.g. 3F 00 00 01 50 31.
    public var path: [UInt8]
    /// Offset of the object inside the file, if only part of the file is meant.
    public var index: Int?
    /// Length of the object inside the file, if only part of the file is meant.
    public var length: Int?

    /// A path with an optional byte range.
    public init(path: [UInt8], index: Int? = nil, length: Int? = nil) {
        self.path = path
        self.index = index
        self.length = length
    }

    init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let path = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "Path.path"))
            let index: Int? = try DER.optionalImplicitlyTagged(&nodes)
            let length: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: DERCoding.context(0))
            return PKCS15Path(path: Array(path.bytes), index: index, length: length)
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1OctetString(contentBytes: path[...]))
            try coder.serializeOptionalImplicitlyTagged(index)
            try coder.serializeOptionalImplicitlyTagged(length, withIdentifier: DERCoding.context(0))
        }
    }
}
