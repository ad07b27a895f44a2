import VaultCrypto

/// The one browser the workstation serves: the cookie it was given when it opened the printed
/// address, and the token its pages put in every request that changes something (CSRF). Both
/// are fresh random values, replaced whenever a card session opens.
struct BrowserBinding: Sendable, Equatable {
    let cookie: String
    let formToken: String

    /// A binding with new random values.
    static func fresh() throws -> BrowserBinding {
        BrowserBinding(cookie: try RandomToken.make(), formToken: try RandomToken.make())
    }
}

/// Random URL- and cookie-safe tokens (256 bits, hexadecimal), compared in constant time.
enum RandomToken {
    static func make(bytes: Int = 32) throws -> String {
        try SecureRandom.bytes(count: bytes).map { String($0, radix: 16).leftPadded }.joined()
    }

    /// True when `given` is `expected`, in time that does not depend on where they differ.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
