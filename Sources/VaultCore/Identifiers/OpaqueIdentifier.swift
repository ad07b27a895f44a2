import SmartCard

/// The kind an `OpaqueIdentifier` is tagged with; one caseless enum per kind, beside its alias.
public protocol IdentifierTag: Sendable {
    static var kind: IdentifierKind { get }
}

/// An identifier that says nothing of what it names: a fixed number of bytes, written as
/// upper-case hexadecimal without separators (the form the command line, JSON output and the
/// agent's wire show). Text becomes one only through `init(parsing:)`, at the edges (command
/// line, agent, web handles), so that every identifier a session method receives is well
/// formed; a well-formed one naming nothing is that method's "not found".
public struct OpaqueIdentifier<Tag: IdentifierTag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The bytes as the store keeps them: `Tag.kind.byteCount` of them, as the vault draws them
    /// and as `init(parsing:)` requires.
    package let bytes: [UInt8]

    /// An identifier from bytes the vault drew or read from its store, taken as they are.
    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The identifier written in `text`: hexadecimal digits in either case (spaces and colons
    /// between them ignored), two per byte. Anything else is `VaultError.malformedIdentifier`
    /// of this kind, whose message does not repeat `text`.
    public init(parsing text: String) throws(VaultError) {
        guard let bytes = [UInt8](hexString: text), bytes.count == Tag.kind.byteCount else {
            throw VaultError.malformedIdentifier(Tag.kind)
        }
        self.bytes = bytes
    }

    /// Identifiers in the order of their hexadecimal forms.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// The upper-case hexadecimal form.
    public var description: String { bytes.hexString }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
