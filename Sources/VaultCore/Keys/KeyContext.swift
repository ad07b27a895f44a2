/// The byte strings bound into every wrapped or sealed key: what the key is, for which vault,
/// patient, version and holder. A key moved to another row never opens (docs/KEYS.md).
enum KeyContext {
    static func wallet(vaultID: [UInt8], holder: [UInt8]) -> [UInt8] {
        join("wallet", vaultID, holder)
    }

    static func vaultKey(vaultID: [UInt8], version: Int, holder: [UInt8]) -> [UInt8] {
        join("vault key", vaultID, number(version), holder)
    }

    static func patientKey(vaultID: [UInt8], patientID: [UInt8], keyVersion: Int, holder: [UInt8]) -> [UInt8] {
        join("patient key", vaultID, patientID, number(keyVersion), holder)
    }

    static func escrow(vaultID: [UInt8], patientID: [UInt8], keyVersion: Int, vaultKeyVersion: Int) -> [UInt8] {
        join("escrow", vaultID, patientID, number(keyVersion), number(vaultKeyVersion))
    }

    private static func number(_ value: Int) -> [UInt8] { Array(String(value).utf8) }

    /// Each part length-prefixed (2 bytes), after the label.
    private static func join(_ label: String, _ parts: [UInt8]...) -> [UInt8] {
        parts.reduce(Array("cpsvault \(label) v1".utf8)) { bytes, part in
            bytes + [UInt8(part.count >> 8), UInt8(part.count & 0xFF)] + part
        }
    }
}
