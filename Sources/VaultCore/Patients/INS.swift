/// The INS, the patient's national health identifier (the NIR or NIA): 13 characters and a
/// 2-digit control key, equal to 97 minus the 13-character number modulo 97. The department
/// of birth may be Corsica's `2A` or `2B`, counted as 19 and 18 for the key. Spaces between
/// groups are dropped.
public struct INS: Sendable, Hashable, CustomStringConvertible {
    /// The 15 characters, without spaces.
    public let description: String

    /// Reads and checks an INS as a person types it, e.g. `2 84 03 75 123 456 14`.
    public init(_ text: String) throws(VaultError) {
        let characters = Array(text.uppercased().filter { $0 != " " })
        guard characters.count == 15 else {
            throw .malformedIdentity("ins must be 15 characters (13 and a 2-digit key), not \(characters.count)")
        }
        guard let number = Self.number(characters.prefix(13)), let key = Int(String(characters.suffix(2))) else {
            throw .malformedIdentity("ins must be digits (with 2A or 2B as the department of a birth in Corsica)")
        }
        guard key == Self.key(of: number) else {
            throw .malformedIdentity("ins has a wrong control key: check the number as written on the patient's card")
        }
        description = String(characters)
    }

    /// `first13` followed by its control key: an INS that `init` accepts.
    public static func completing(_ first13: String) throws(VaultError) -> INS {
        guard first13.count == 13, let number = number(Array(first13.uppercased())) else {
            throw .malformedIdentity("ins must begin with 13 digits")
        }
        let key = key(of: number)
        return try INS(first13 + (key < 10 ? "0" : "") + "\(key)")
    }

    private static func key(of number: Int) -> Int {
        97 - number % 97
    }

    /// The 13 characters as a number, Corsica's 2A and 2B as 19 and 18; nil when they are not
    /// digits there.
    private static func number(_ characters: some Collection<Character>) -> Int? {
        var text = String(characters)
        let department = text.index(text.startIndex, offsetBy: 5)..<text.index(text.startIndex, offsetBy: 7)
        switch text[department] {
        case "2A": text.replaceSubrange(department, with: "19")
        case "2B": text.replaceSubrange(department, with: "18")
        default: break
        }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
