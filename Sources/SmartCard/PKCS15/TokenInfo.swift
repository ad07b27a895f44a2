import SwiftASN1

/// EF.TokenInfo (PKCS#15 v1.1 section 6.9): SEQUENCE { version, serialNumber, manufacturerID OPTIONAL,
/// label [0] OPTIONAL, tokenflags, ..., supportedAlgorithms [2] OPTIONAL, ... }.
///
/// Fields not modelled here (seInfo, recordInfo, lastUpdate...) are skipped when parsing. The flags are
/// always written, even when empty, because OpenSC requires them.
public struct TokenInfo: Sendable, Hashable {
    /// The TokenInfo version, 0 for v1.
    public var version: Int
    public var serialNumber: [UInt8]
    public var manufacturerID: String?
    public var label: String?
    public var flags: TokenFlags
    public var supportedAlgorithms: [AlgorithmInfo]

    /// A TokenInfo from its fields.
    public init(
        version: Int = 0, serialNumber: [UInt8], manufacturerID: String? = nil, label: String? = nil,
        flags: TokenFlags = [], supportedAlgorithms: [AlgorithmInfo] = []
    ) {
        self.version = version
        self.serialNumber = serialNumber
        self.manufacturerID = manufacturerID
        self.label = label
        self.flags = flags
        self.supportedAlgorithms = supportedAlgorithms
    }

    /// Parses EF.TokenInfo; trailing 00 padding is allowed.
    /// Throws `SmartCardError.malformedPKCS15` for malformed DER or a missing mandatory field.
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        let nodes = try DERCoding.topLevelNodes(bytes, structure: "TokenInfo")
        guard nodes.count == 1, let node = nodes.first else {
            throw .malformedPKCS15(structure: "TokenInfo", reason: "\(nodes.count) top-level objects instead of 1")
        }
        self = try DERCoding.decode("TokenInfo") { try TokenInfo(node: node) }
    }

    private init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: DERCoding.required(&nodes, "version"))
            let serialNumber = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "serialNumber"))
            let manufacturerID: ASN1UTF8String? = try DER.optionalImplicitlyTagged(&nodes)
            let label = try Self.label(&nodes)
            let flags = try PKCS15BitString(derEncoded: DERCoding.required(&nodes, "tokenflags"))
            var algorithms: [AlgorithmInfo] = []
            while let next = nodes.next() {
                if next.identifier == DERCoding.context(2) {
                    algorithms = try DER.sequence(of: AlgorithmInfoNode.self, identifier: next.identifier, rootNode: next)
                        .map(\.info)
                }
            }
            return TokenInfo(
                version: version, serialNumber: Array(serialNumber.bytes),
                manufacturerID: try manufacturerID.map(DERCoding.string), label: try label.map(DERCoding.string),
                flags: TokenFlags(bitString: flags), supportedAlgorithms: algorithms)
        }
    }

    /// The label [0]: a primitive UTF8String as PKCS#15 defines it, or a UTF8String wrapped in a constructed
    /// [0] as OpenSC also accepts.
    private static func label(_ nodes: inout ASN1NodeCollection.Iterator) throws -> ASN1UTF8String? {
        var lookahead = nodes
        guard let node = lookahead.next(), node.identifier == DERCoding.context(0) else {
            return nil
        }
        nodes = lookahead
        guard case .constructed = node.content else {
            return try ASN1UTF8String(derEncoded: node, withIdentifier: DERCoding.context(0))
        }
        return try DER.explicitlyTagged(node, tagNumber: 0, tagClass: .contextSpecific) {
            try ASN1UTF8String(derEncoded: $0)
        }
    }

    /// The DER encoding of EF.TokenInfo, without padding.
    public var encoded: [UInt8] {
        DERCoding.encode { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(version)
                try coder.serialize(ASN1OctetString(contentBytes: serialNumber[...]))
                try coder.serializeOptionalImplicitlyTagged(manufacturerID.map { ASN1UTF8String($0) })
                try coder.serializeOptionalImplicitlyTagged(
                    label.map { ASN1UTF8String($0) }, withIdentifier: DERCoding.context(0))
                try coder.serialize(flags.bitString)
                if !supportedAlgorithms.isEmpty {
                    try coder.appendConstructedNode(identifier: DERCoding.context(2)) { coder in
                        for algorithm in supportedAlgorithms {
                            try algorithm.serialize(into: &coder)
                        }
                    }
                }
            }
        }
    }
}

/// Adapts `AlgorithmInfo` to swift-asn1's SEQUENCE OF parsing without making it publicly `DERParseable`.
private struct AlgorithmInfoNode: DERParseable {
    var info: AlgorithmInfo
    init(derEncoded node: ASN1Node) throws {
        info = try AlgorithmInfo(node: node)
    }
}
