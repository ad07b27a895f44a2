import VaultCrypto

/// The PKCS#1 v1.5 padding (RFC 8017 §9.2 and §7.2.2) that the host adds or removes when the
/// card does the bare RSA operation, as a CPS4's PSO DECIPHER does.
enum PKCS1Padding {
    /// `00 01 FF…FF 00 ‖ digestInfo`, as long as the modulus: the block whose raw private-key
    /// operation is the PKCS#1 v1.5 signature of `digestInfo`.
    static func signatureBlock(_ digestInfo: [UInt8], modulusByteCount: Int) throws -> [UInt8] {
        let padding = modulusByteCount - digestInfo.count - 3
        guard padding >= 8 else {
            throw CPSCardError.malformedCardData(what: "authentication key",
                                                 reason: "a \(modulusByteCount)-byte modulus cannot sign \(digestInfo.count) bytes")
        }
        return [0x00, 0x01] + [UInt8](repeating: 0xFF, count: padding) + [0x00] + digestInfo
    }

    /// The message inside an encryption block `00 02 <at least 8 non-zero bytes> 00 ‖ message`;
    /// `block` is wiped. A block that is not of that form throws, naming no byte of it.
    static func message(inEncryptionBlock block: inout [UInt8]) throws -> SecretBytes {
        defer { block.cleanse() }
        guard block.count >= 11, block[0] == 0x00, block[1] == 0x02,
              let separator = block[2...].firstIndex(of: 0x00), separator >= 10 else {
            throw CPSCardError.malformedCardData(what: "deciphered block", reason: "its PKCS#1 v1.5 padding is not valid")
        }
        return SecretBytes(copying: block[(separator + 1)...])
    }
}
