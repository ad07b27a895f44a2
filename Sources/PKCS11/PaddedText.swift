/// The fixed-size, blank-padded text fields of PKCS#11 structures (labels, descriptions).
enum PaddedText {
    /// The UTF-8 text of a C character array imported as a tuple, without its trailing blanks
    /// and NULs.
    static func string<Field>(_ field: Field) -> String {
        withUnsafeBytes(of: field) { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x00 { end -= 1 }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }
}
