import VaultCrypto

/// A small value (an identity, a content type, a policy event's details) sealed under a patient
/// key with the record envelope as a single segment: `header length (2 bytes)` ‖ header ‖ segment.
enum SealedBlob {
    static func seal(_ plaintext: [UInt8], key: SecretBytes, context: RecordContext) throws -> [UInt8] {
        let sealer = try RecordSealer(patientKey: key, context: context)
        let header = sealer.header.encoded
        let segment = try sealer.sealSegment(plaintext, isFinal: true)
        return [UInt8(header.count >> 8), UInt8(header.count & 0xFF)] + header + segment
    }

    static func open(_ blob: [UInt8], key: SecretBytes, context: RecordContext) throws -> [UInt8] {
        guard blob.count >= 2 else { throw CryptoError.authenticationFailed }
        let length = Int(blob[0]) << 8 | Int(blob[1])
        guard blob.count >= 2 + length else { throw CryptoError.authenticationFailed }
        let header = try RecordHeader(parsing: Array(blob[2..<(2 + length)]))
        let opener = try RecordOpener(patientKey: key, context: context, header: header)
        return try opener.openSegment(Array(blob[(2 + length)...]), index: 0, isFinal: true)
    }
}
