import Foundation
import Testing

/// The JSON vector files in `Vectors/`, loaded from the test bundle.
enum Vectors {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// `Vectors/<name>.json` decoded as `File`.
    static func file<File: Decodable>(_ name: String, as _: File.Type = File.self) throws -> File {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors") else {
            throw Missing(description: "Vectors/\(name).json is not in the test bundle")
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    /// The `cases` array of `Vectors/<name>.json`, decoded as `Case`.
    static func cases<Case: Decodable>(_ name: String, as _: Case.Type = Case.self) throws -> [Case] {
        try file(name, as: VectorFile<Case>.self).cases
    }

    /// The cases of a file for `@Test(arguments:)`, or none when it cannot be read (then `loadable` fails).
    static func table<Case: Decodable>(_ name: String, as _: Case.Type = Case.self) -> [Case] {
        (try? cases(name)) ?? []
    }
}

/// The layout every vector file shares: where the values come from, then the cases.
private struct VectorFile<Case: Decodable>: Decodable {
    let cases: [Case]
}

/// The bytes of a hexadecimal string (upper or lower case, even length); a test fixture error traps.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count.isMultiple(of: 2), "odd-length hex fixture")
    return stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
            preconditionFailure("invalid hex fixture")
        }
        return byte
    }
}

@Suite struct VectorFileTests {
    @Test(arguments: ["aes-256-gcm", "hmac-sha256", "hkdf-sha256", "envelope-v1", "key-wrap-v1"])
    func loadable(name: String) throws {
        struct AnyCase: Decodable {}
        #expect(try !Vectors.cases(name, as: AnyCase.self).isEmpty)
    }
}
