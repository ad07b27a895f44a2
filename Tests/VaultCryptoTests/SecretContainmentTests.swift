import Foundation
import Testing

/// Secret bytes leave `SecretBytes` only through its lending call, `withUnsafeBytes`, which
/// outside VaultCrypto is an SPI (`SecretBytesAccess`): a module that does not import it
/// cannot read a key or a PIN at all, so cannot copy one into an `Array`, `Data` or `String`.
/// These tests keep the importers to the few places that hand a secret to the card or to a
/// PKCS#11 module, and check that those places pass the lent pointer on without copying it.
@Suite("Secret bytes stay in secret storage")
struct SecretContainmentTests {
    /// Every source file outside VaultCrypto that may read a `SecretBytes`' memory, and why.
    static let readers: [String: String] = [
        "Sources/CPSCard/SensitiveCommand.swift": "sends a PIN-carrying command to the reader straight from secret storage",
        "Sources/PKCS11/PKCS11Session+Login.swift": "hands the PIN to C_Login and C_SetPIN",
        "Sources/CardSimulator/SimulatedCard+Security.swift":
            "the simulated CPS3 answers a deciphered key in its response, as a real card does on the wire",
        "Sources/CardSimulator/SimulatedCard+ChipDocKeys.swift":
            "the simulated CPS4 answers a deciphered key in its response, as a real card does on the wire",
    ]

    /// The readers that play the card itself: their answer is a copy by nature.
    static let cardAnswers: Set<String> = [
        "Sources/CardSimulator/SimulatedCard+Security.swift",
        "Sources/CardSimulator/SimulatedCard+ChipDocKeys.swift",
    ]

    /// What copies bytes out of a lent buffer into ordinary memory.
    static let copyingForms = ["Array(", "[UInt8](", "Data(", "String(", "append(contentsOf", "+=", ".copyBytes", "memcpy"]

    @Test("only the listed source files import the secret bytes' lending call")
    func importers() throws {
        let sources = URL(fileURLWithPath: TestPKI.packageRoot).appendingPathComponent("Sources")
        var found: Set<String> = []
        let files = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let path as String in files where path.hasSuffix(".swift") && !path.hasPrefix("VaultCrypto/") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            if text.contains("@_spi(SecretBytesAccess)") { found.insert("Sources/" + path) }
        }
        #expect(found == Set(Self.readers.keys))
    }

    @Test("the readers that are not the card pass the lent pointer on without copying it")
    func readersDoNotCopy() throws {
        for path in Self.readers.keys where !Self.cardAnswers.contains(path) {
            let text = try String(contentsOfFile: TestPKI.packageRoot + "/" + path, encoding: .utf8)
            #expect(Self.copies(in: text).isEmpty, "\(path) copies lent secret bytes: \(Self.copies(in: text))")
        }
    }

    @Test("the copy check finds a lent secret copied into an array, a Data or appended")
    func checkFindsCopies() {
        #expect(Self.copies(in: "let x = key.withUnsafeBytes { Array($0) }") == ["Array("])
        #expect(Self.copies(in: "pin.withUnsafeBytes { digits in\n    block += digits\n}") == ["+="])
        #expect(Self.copies(in: "key.withUnsafeBytes { raw in\n    let d = Data(raw)\n    return d\n}") == ["Data("])
        #expect(Self.copies(in: "key.withUnsafeBytes { try send($0) }\nlet other = Array(plain)").isEmpty)
    }

    /// The copying forms found inside the closures given to `withUnsafeBytes` in `text`.
    static func copies(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let call = rest.range(of: "withUnsafeBytes") {
            rest = rest[call.upperBound...]
            guard let open = rest.firstIndex(of: "{") else { break }
            var depth = 0
            var end = open
            for index in rest[open...].indices {
                if rest[index] == "{" { depth += 1 }
                if rest[index] == "}" { depth -= 1 }
                if depth == 0 { end = index; break }
            }
            let body = rest[open...end]
            found += copyingForms.filter { body.contains($0) }
            rest = rest[rest.index(after: open)...]
        }
        return found
    }
}
