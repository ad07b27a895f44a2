import SwiftASN1

/// One PrKDF entry, the `privateRSAKey` alternative: the key's identifier (shared with its certificate),
/// usage, reference on the card, the PIN that guards it (authID) and its modulus length in bits.
///
/// Other alternatives (EC, GOST keys) are skipped by `parseDirectory`; subClassAttributes are not kept.
public struct PrivateKeyObject: Sendable, Hashable {
    public var label: String?
    public var objectFlags: PKCS15ObjectFlags
    /// The authID of the PIN object that must be verified before the key is used.
    public var authID: [UInt8]?
    /// The key identifier; the matching certificate carries the same.
    public var id: [UInt8]
    public var usage: KeyUsageFlags
    /// False when the key is used by software rather than by the card (DEFAULT TRUE, written only when false).
    public var native: Bool
    public var accessFlags: KeyAccessFlags?
    /// The key's reference on the card (the 84 tag of MSE SET), e.g. 0x82.
    public var keyReference: Int?
    /// Where the key lives: the application DF, or the key file.
    public var path: PKCS15Path
    /// The RSA modulus length in bits.
    public var modulusLength: Int

    /// A private RSA key object from its attributes.
    public init(
        label: String? = nil, objectFlags: PKCS15ObjectFlags = [], authID: [UInt8]? = nil, id: [UInt8],
        usage: KeyUsageFlags, native: Bool = true, accessFlags: KeyAccessFlags? = nil, keyReference: Int? = nil,
        path: PKCS15Path, modulusLength: Int
    ) {
        self.label = label
        self.objectFlags = objectFlags
        self.authID = authID
        self.id = id
        self.usage = usage
        self.native = native
        self.accessFlags = accessFlags
        self.keyReference = keyReference
        self.path = path
        self.modulusLength = modulusLength
    }

    /// Parses a PrKDF: concatenated private key objects, then optional 00 padding.
    /// Throws `SmartCardError.malformedPKCS15` for malformed DER or a malformed RSA key object.
    public static func parseDirectory(_ file: [UInt8]) throws(SmartCardError) -> [PrivateKeyObject] {
        try parseEntries(file)
    }

    /// The PrKDF content for these keys, without padding.
    public static func encodeDirectory(_ objects: [PrivateKeyObject]) -> [UInt8] {
        encodeEntries(objects)
    }
}

extension PrivateKeyObject: PKCS15DirectoryEntry {
    static var directoryName: String { "PrKDF" }
    static var identifier: ASN1Identifier { .sequence }

    init(object: PKCS15Object) throws {
        let (id, usage, native, accessFlags, keyReference) = try DER.sequence(
            object.classAttributes, identifier: .sequence
        ) { nodes in
            let id = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "iD"))
            let usage = try PKCS15BitString(derEncoded: DERCoding.required(&nodes, "usage"))
            let native: Bool? = try DER.optionalImplicitlyTagged(&nodes)
            let accessFlags: PKCS15BitString? = try DER.optionalImplicitlyTagged(&nodes)
            let keyReference: Int? = try DER.optionalImplicitlyTagged(&nodes)
            DERCoding.skipRest(&nodes)
            return (
                Array(id.bytes), KeyUsageFlags(bitString: usage), native ?? true,
                accessFlags.map(KeyAccessFlags.init(bitString:)), keyReference.map(DERCoding.reference)
            )
        }
        let (path, modulusLength) = try DER.sequence(object.typeAttributes, identifier: .sequence) { nodes in
            let path = try PKCS15Path(node: DERCoding.required(&nodes, "value"))
            let modulusLength = try Int(derEncoded: DERCoding.required(&nodes, "modulusLength"))
            DERCoding.skipRest(&nodes)
            return (path, modulusLength)
        }
        self.init(
            label: object.common.label, objectFlags: object.common.flags, authID: object.common.authID, id: id,
            usage: usage, native: native, accessFlags: accessFlags, keyReference: keyReference, path: path,
            modulusLength: modulusLength)
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try PKCS15Object.serialize(
            into: &coder, identifier: Self.identifier,
            common: CommonObjectAttributes(label: label, flags: objectFlags, authID: authID),
            classAttributes: { coder in
                try coder.serialize(ASN1OctetString(contentBytes: id[...]))
                try coder.serialize(usage.bitString)
                if !native {
                    try coder.serialize(false)
                }
                try coder.serializeOptionalImplicitlyTagged(accessFlags?.bitString)
                try coder.serializeOptionalImplicitlyTagged(keyReference)
            },
            typeAttributes: { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try path.serialize(into: &coder)
                    try coder.serialize(modulusLength)
                }
            })
    }
}
