/// A health professional's national identifier as the CPS certificate's common name carries it:
/// `8` and an 11-digit RPPS number, `0` and a 9-character ADELI number, or, for staff of an
/// establishment (CPE), `3` and the structure's FINESS number, a slash and the staff identifier.
public struct NationalID: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case rpps = "RPPS"
        case adeli = "ADELI"
        case establishmentStaff = "FINESS"
    }

    /// The whole identifier, as in the certificate.
    public let rawValue: String
    public let kind: Kind

    /// The number inside the identifier (RPPS, ADELI, or FINESS/staff id), without the leading type digit.
    public var number: String { String(rawValue.dropFirst()) }

    /// Parses a common name; nil when it is none of the three forms.
    public init?(_ commonName: String) {
        let digits = commonName.dropFirst()
        switch commonName.first {
        case "8" where digits.count == 11 && digits.allSatisfy(\.isASCIIDigit):
            kind = .rpps
        case "0" where digits.count == 9 && digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }):
            kind = .adeli
        case "3" where Self.isStaffIdentifier(digits):
            kind = .establishmentStaff
        default:
            return nil
        }
        rawValue = commonName
    }

    public var description: String { rawValue }

    private static func isStaffIdentifier(_ text: Substring) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 9 && parts[0].allSatisfy(\.isASCIIDigit)
            && (1...16).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter) }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
