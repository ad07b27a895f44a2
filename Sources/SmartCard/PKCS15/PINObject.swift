import SwiftASN1

/// How a PIN is encoded on the card (PinAttributes.pinType).
public enum PINType: Int, Sendable, Hashable {
    case bcd = 0, asciiNumeric = 1, utf8 = 2, halfNibbleBCD = 3, iso9564_1 = 4
}

/// One authentication object of an AODF, the `pin` alternative: the PIN's reference on the card, its
/// lengths, encoding and padding, and the authID that keys and PrKDF entries point at.
///
/// Other alternatives (biometric templates, authentication keys) are skipped by `parseDirectory`.
public struct PINObject: Sendable, Hashable {
    public var label: String?
    public var objectFlags: PKCS15ObjectFlags
    /// The identifier objects protected by this PIN carry as their authID.
    public var authID: [UInt8]
    public var pinFlags: PINFlags
    public var pinType: PINType
    public var minLength: Int
    public var storedLength: Int
    public var maxLength: Int?
    /// The PIN's reference on the card (P2 of VERIFY), written even when 0 as OpenSC does.
    public var reference: Int
    public var padChar: UInt8?
    /// The DF the PIN belongs to, when it is not the application's.
    public var path: PKCS15Path?

    /// A PIN object from its attributes.
    public init(
        label: String? = nil, objectFlags: PKCS15ObjectFlags = [], authID: [UInt8], pinFlags: PINFlags,
        pinType: PINType, minLength: Int, storedLength: Int, maxLength: Int? = nil, reference: Int,
        padChar: UInt8? = nil, path: PKCS15Path? = nil
    ) {
        self.label = label
        self.objectFlags = objectFlags
        self.authID = authID
        self.pinFlags = pinFlags
        self.pinType = pinType
        self.minLength = minLength
        self.storedLength = storedLength
        self.maxLength = maxLength
        self.reference = reference
        self.padChar = padChar
        self.path = path
    }

    /// Parses an AODF: concatenated authentication objects, then optional 00 padding.
    /// Throws `SmartCardError.malformedPKCS15` for malformed DER or a malformed PIN object.
    public static func parseDirectory(_ file: [UInt8]) throws(SmartCardError) -> [PINObject] {
        try parseEntries(file)
    }

    /// The AODF content for these PIN objects, without padding.
    public static func encodeDirectory(_ objects: [PINObject]) -> [UInt8] {
        encodeEntries(objects)
    }
}

extension PINObject: PKCS15DirectoryEntry {
    static var directoryName: String { "AODF" }
    static var identifier: ASN1Identifier { .sequence }

    init(object: PKCS15Object) throws {
        let authID = try DER.sequence(object.classAttributes, identifier: .sequence) { nodes in
            let authID = try ASN1OctetString(derEncoded: DERCoding.required(&nodes, "authId"))
            DERCoding.skipRest(&nodes)
            return Array(authID.bytes)
        }
        self = try DER.sequence(object.typeAttributes, identifier: .sequence) { nodes in
            let flags = try PKCS15BitString(derEncoded: DERCoding.required(&nodes, "pinFlags"))
            let rawType = try Int(derEncoded: DERCoding.required(&nodes, "pinType"), withIdentifier: .enumerated)
            guard let pinType = PINType(rawValue: rawType) else {
                throw ASN1Error.invalidASN1Object(reason: "pinType \(rawType) is not defined by PKCS#15")
            }
            let minLength = try Int(derEncoded: DERCoding.required(&nodes, "minLength"))
            let storedLength = try Int(derEncoded: DERCoding.required(&nodes, "storedLength"))
            let maxLength: Int? = try DER.optionalImplicitlyTagged(&nodes)
            let reference: Int? = try DER.optionalImplicitlyTagged(&nodes, tag: DERCoding.context(0))
            let padChar: ASN1OctetString? = try DER.optionalImplicitlyTagged(&nodes)
            guard padChar.map({ $0.bytes.count == 1 }) ?? true else {
                throw ASN1Error.invalidASN1Object(reason: "padChar is not one byte")
            }
            let _: GeneralizedTime? = try DER.optionalImplicitlyTagged(&nodes)
            let path = try nodes.next().map(PKCS15Path.init(node:))
            DERCoding.skipRest(&nodes)
            return PINObject(
                label: object.common.label, objectFlags: object.common.flags, authID: authID,
                pinFlags: PINFlags(bitString: flags), pinType: pinType, minLength: minLength,
                storedLength: storedLength, maxLength: maxLength, reference: DERCoding.reference(reference ?? 0),
                padChar: padChar?.bytes.first, path: path)
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try PKCS15Object.serialize(
            into: &coder, identifier: Self.identifier,
            common: CommonObjectAttributes(label: label, flags: objectFlags, authID: nil),
            classAttributes: { try $0.serialize(ASN1OctetString(contentBytes: authID[...])) },
            typeAttributes: { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(pinFlags.bitString)
                    try pinType.rawValue.serialize(into: &coder, withIdentifier: .enumerated)
                    try coder.serialize(minLength)
                    try coder.serialize(storedLength)
                    try coder.serializeOptionalImplicitlyTagged(maxLength)
                    try reference.serialize(into: &coder, withIdentifier: DERCoding.context(0))
                    if let padChar {
                        try coder.serialize(ASN1OctetString(contentBytes: [padChar]))
                    }
                    try path?.serialize(into: &coder)
                }
            })
    }
}
