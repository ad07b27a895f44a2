import Foundation

/// A record's content type as it is accepted: a MIME type (RFC 6838's `type/subtype` names,
/// RFC 9110's `; name=value` parameters) of at most `maximumLength` printable ASCII characters,
/// so that no line break, escape sequence or free text can ride in it into listings.
public enum ContentType {
    /// The longest content type accepted, in characters.
    public static let maximumLength = 255

    /// Refuses `text` unless it is a MIME type such as `text/plain; charset=utf-8`, saying why.
    public static func validate(_ text: String) throws(VaultError) {
        guard !text.isEmpty, text.utf8.count <= maximumLength else {
            throw .malformedContentType("it must be 1 to \(maximumLength) characters long")
        }
        guard text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw .malformedContentType("it may hold printable ASCII characters only (no line break, tab or escape)")
        }
        var parts = text.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts.removeFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard type.count == 2, type.allSatisfy(isRestrictedName) else {
            throw .malformedContentType("it must be type/subtype, such as text/plain or application/pdf")
        }
        for parameter in parts {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, isToken(pair[0]), isToken(pair[1]) || isQuoted(pair[1]) else {
                throw .malformedContentType("its parameters must be ; name=value, such as ; charset=utf-8")
            }
        }
    }

    /// RFC 6838 §4.2: 1 to 127 characters, a letter or digit first.
    private static func isRestrictedName(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 127, isAlphanumeric(first) else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || Array("!#$&-^_.+".utf8).contains($0) }
    }

    /// RFC 9110 §5.6.2's token.
    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isAlphanumeric($0) || Array("!#$%&'*+-.^_`|~".utf8).contains($0) }
    }

    /// RFC 9110 §5.6.4's quoted-string (the characters were already checked printable).
    private static func isQuoted(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return false }
        var escaped = false
        for byte in bytes.dropFirst().dropLast() {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { return false }
        }
        return !escaped
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
