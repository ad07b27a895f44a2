import SwiftASN1

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
