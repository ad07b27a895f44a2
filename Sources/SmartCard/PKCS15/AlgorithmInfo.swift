import SwiftASN1

/// One TokenInfo.supportedAlgorithms entry: SEQUENCE { reference, algorithm (a PKCS#11 mechanism),
/// parameters, supportedOperations, algId OID OPTIONAL, algRef INTEGER OPTIONAL }.
public struct AlgorithmInfo: Sendable, Hashable {
    /// The algorithm parameters: NULL for RSA, a named curve for EC, or absent as OpenSC tolerates.
    public enum Parameters: Sendable, Hashable {
        case absent
        case null
        case namedCurve(ASN1ObjectIdentifier)
    }

    /// The number key objects use to refer to this algorithm.
    public var reference: Int
    /// The PKCS#11 mechanism, e.g. 1 for CKM_RSA_PKCS.
    public var algorithm: Int
    public var parameters: Parameters
    public var supportedOperations: AlgorithmOperations
    public var algorithmID: ASN1ObjectIdentifier?
    /// The card's own reference for the algorithm (e.g. the 80 tag of MSE SET).
    public var algorithmReference: Int?

    /// An algorithm entry from its fields; parameters default to NULL as for RSA.
    public init(
        reference: Int, algorithm: Int, parameters: Parameters = .null, supportedOperations: AlgorithmOperations,
        algorithmID: ASN1ObjectIdentifier? = nil, algorithmReference: Int? = nil
    ) {
        self.reference = reference
        self.algorithm = algorithm
        self.parameters = parameters
        self.supportedOperations = supportedOperations
        self.algorithmID = algorithmID
        self.algorithmReference = algorithmReference
    }

    init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let reference = try Int(derEncoded: DERCoding.required(&nodes, "reference"))
            let algorithm = try Int(derEncoded: DERCoding.required(&nodes, "algorithm"))
            let parameters: Parameters
            if let _: ASN1Null = try DER.optionalImplicitlyTagged(&nodes) {
                parameters = .null
            } else if let curve: ASN1ObjectIdentifier = try DER.optionalImplicitlyTagged(&nodes) {
                parameters = .namedCurve(curve)
            } else {
                parameters = .absent
            }
            let operations = try PKCS15BitString(derEncoded: DERCoding.required(&nodes, "supportedOperations"))
            let algorithmID: ASN1ObjectIdentifier? = try DER.optionalImplicitlyTagged(&nodes)
            let algorithmReference: Int? = try DER.optionalImplicitlyTagged(&nodes)
            DERCoding.skipRest(&nodes)
            return AlgorithmInfo(
                reference: reference, algorithm: algorithm, parameters: parameters,
                supportedOperations: AlgorithmOperations(bitString: operations), algorithmID: algorithmID,
                algorithmReference: algorithmReference)
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(reference)
            try coder.serialize(algorithm)
            switch parameters {
            case .absent: break
            case .null: try coder.serialize(ASN1Null())
            case .namedCurve(let curve): try coder.serialize(curve)
            }
            try coder.serialize(supportedOperations.bitString)
            try coder.serializeOptionalImplicitlyTagged(algorithmID)
            try coder.serializeOptionalImplicitlyTagged(algorithmReference)
        }
    }
}
