import SwiftASN1

/// A PKCS#15 Path: SEQUENCE { path OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL }, a file
/// path (concatenated file identifiers, absolute when it starts 3F00) and an optional byte range in it, with
/// the application it is relative to when the card names one.
///
/// Parsing accepts every form the card clients of the field accept:
/// - an empty `path` (`30 02 04 00`): the object is the application DF itself, as a CPS3 gives its keys,
///   which are then addressed by their reference once the application is selected;
/// - `index` and `length [0]`;
/// - OpenSC's `pathExtended [1] { aid [APPLICATION 15], path OCTET STRING }` in place of, or after, `path`;
/// - an `aid [APPLICATION 15]` before `path`.
///
/// It refuses a Path with neither `path` nor `pathExtended`, a path of an odd number of bytes (identifiers are
/// two bytes), an AID longer than 16 bytes, and an element of the wrong type where one of these is expected;
/// elements after them are skipped, as both OpenSC and the ANS library do.
public struct PKCS15Path: Sendable, Hashable {
    /// Concatenated file identifiers, e.g. 3F 00 00 01 50 31; empty for the application DF itself.
    public var path: [UInt8]
    /// Offset of the object inside the file, if only part of the file is meant.
    public var index: Int?
    /// Length of the object inside the file, if only part of the file is meant.
    public var length: Int?
    /// The application the path is relative to, selected by this AID first; nil for the current application.
    public var aid: [UInt8]?

    /// A path with an optional byte range, relative to the application `aid` when given.
    public init(path: [UInt8], index: Int? = nil, length: Int? = nil, aid: [UInt8]? = nil) {
        self.path = path
        self.index = index
        self.length = length
        self.aid = aid
    }

    /// True when the path names no file: the object lives in the application DF (a key used by reference).
    public var isApplicationDF: Bool { path.isEmpty }

    /// True when the path starts at the MF (3F00) rather than at the application DF.
    public var isAbsolute: Bool { path.starts(with: [0x3F, 0x00]) }

    /// The application identifier tag of ISO 7816-4, [APPLICATION 15] (4F).
    static let aidIdentifier = ASN1Identifier(tagWithNumber: 15, tagClass: .application)

    init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            var aid = try Self.optionalAID(&nodes)
            let direct: ASN1OctetString? = try DER.optionalImplicitlyTagged(&nodes)
            let index: Int? = try DER.optionalImplicitlyTagged(&nodes)
            let length: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: DERCoding.context(0))
            let extended = try Self.optionalExtension(&nodes)
            DERCoding.skipRest(&nodes)
            guard let file = extended?.path ?? direct else {
                throw ASN1Error.invalidASN1Object(reason: "Path has neither path nor pathExtended")
            }
            aid = extended?.aid ?? aid
            guard file.bytes.count.isMultiple(of: 2) else {
                throw ASN1Error.invalidASN1Object(reason: "Path.path has \(file.bytes.count) bytes, not whole file identifiers")
            }
            return PKCS15Path(path: Array(file.bytes), index: index, length: length, aid: aid)
        }
    }

    /// OpenSC's `pathExtended [1] { aid [APPLICATION 15], path OCTET STRING }`, if the next element is one.
    private static func optionalExtension(
        _ nodes: inout ASN1NodeCollection.Iterator
    ) throws -> (aid: [UInt8]?, path: ASN1OctetString)? {
        var lookahead = nodes
        guard let node = lookahead.next(), node.identifier == DERCoding.context(1) else {
            return nil
        }
        nodes = lookahead
        return try DER.sequence(node, identifier: DERCoding.context(1)) { nodes in
            let aid = try optionalAID(&nodes)
            let path = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "pathExtended.path"))
            return (aid, path)
        }
    }

    /// An `aid [APPLICATION 15]` of 1 to 16 bytes, if the next element is one.
    private static func optionalAID(_ nodes: inout ASN1NodeCollection.Iterator) throws -> [UInt8]? {
        guard let aid: ASN1OctetString = try DER.optionalImplicitlyTagged(&nodes, tag: aidIdentifier) else {
            return nil
        }
        guard (1...16).contains(aid.bytes.count) else {
            throw ASN1Error.invalidASN1Object(reason: "Path aid has \(aid.bytes.count) bytes, expected 1 to 16")
        }
        return Array(aid.bytes)
    }

    /// Writes `path`, `index`, `length`; a path with an AID is written in OpenSC's `pathExtended` form.
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            guard let aid else {
                try coder.serialize(ASN1OctetString(contentBytes: path[...]))
                try coder.serializeOptionalImplicitlyTagged(index)
                try coder.serializeOptionalImplicitlyTagged(length, withIdentifier: DERCoding.context(0))
                return
            }
            try coder.serializeOptionalImplicitlyTagged(index)
            try coder.serializeOptionalImplicitlyTagged(length, withIdentifier: DERCoding.context(0))
            try coder.appendConstructedNode(identifier: DERCoding.context(1)) { coder in
                try ASN1OctetString(contentBytes: aid[...]).serialize(into: &coder, withIdentifier: Self.aidIdentifier)
                try coder.serialize(ASN1OctetString(contentBytes: path[...]))
            }
        }
    }
}
