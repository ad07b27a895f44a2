import SwiftASN1

/// The kinds of directory files an ODF can point at; the raw value is the ODF entry's context tag number.
public enum PKCS15ObjectKind: UInt8, Sendable, Hashable, CaseIterable {
    case privateKeys = 0, publicKeys, trustedPublicKeys, secretKeys, certificates, trustedCertificates,
        usefulCertificates, dataObjects, authObjects
}

/// EF.ODF, the object directory file: concatenated entries [kind] { Path }, each naming one directory file
/// (PrKDF, CDF, AODF...) of the PKCS#15 application.
public struct ObjectDirectory: Sendable, Hashable {
    /// One ODF entry: which kind of directory file and where it is.
    public struct Entry: Sendable, Hashable {
        public var kind: PKCS15ObjectKind
        public var path: PKCS15Path

        /// An entry naming the directory file of `kind` at `path`.
        public init(kind: PKCS15ObjectKind, path: PKCS15Path) {
            self.kind = kind
            self.path = path
        }
    }

    /// The entries in file order.
    public var entries: [Entry]

    /// An ODF listing these entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses EF.ODF; trailing 00 padding is allowed, an unknown entry tag is an error (as in OpenSC).
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        let nodes = try DERCoding.topLevelNodes(bytes, structure: "ODF")
        entries = try DERCoding.decode("ODF") {
            try nodes.map { node in
                guard node.identifier.tagClass == .contextSpecific, node.identifier.tagNumber <= UInt8.max,
                    let kind = PKCS15ObjectKind(rawValue: UInt8(node.identifier.tagNumber))
                else {
                    throw ASN1Error.invalidASN1Object(reason: "\(node.identifier) is not an ODF entry tag")
                }
                let path = try DER.explicitlyTagged(
                    node, tagNumber: node.identifier.tagNumber, tagClass: .contextSpecific, PKCS15Path.init(node:))
                return Entry(kind: kind, path: path)
            }
        }
    }

    /// The ODF content, without padding.
    public var encoded: [UInt8] {
        DERCoding.encode { coder in
            for entry in entries {
                try coder.appendConstructedNode(identifier: DERCoding.context(UInt(entry.kind.rawValue))) { coder in
                    try entry.path.serialize(into: &coder)
                }
            }
        }
    }

    /// The paths of every directory file of the given kind, in file order.
    public func paths(of kind: PKCS15ObjectKind) -> [PKCS15Path] {
        entries.filter { $0.kind == kind }.map(\.path)
    }
}
