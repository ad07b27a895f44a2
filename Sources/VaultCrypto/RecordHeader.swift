/// The header stored beside a record version's segments: `"CPSR" || version (1) || nonce prefix (8)
/// || commitment (32)`, 45 bytes (docs/FORMAT.md).
public struct RecordHeader: Sendable, Hashable {
    /// The envelope format this build writes and reads.
    public static let formatVersion: UInt8 = 1
    /// The plaintext size of every segment but the last.
    public static let segmentSize = 65536
    /// The first four bytes of an encoded header.
    public static let magic = Array("CPSR".utf8)
    /// The length of the random nonce prefix.
    public static let noncePrefixByteCount = 8
    /// The length of the key commitment.
    public static let commitmentByteCount = HMACSHA256.byteCount
    /// The length of an encoded header.
    public static let encodedByteCount = magic.count + 1 + noncePrefixByteCount + commitmentByteCount

    /// The envelope format of this record.
    public var formatVersion: UInt8
    /// 8 random bytes; segment `i`'s nonce is this prefix followed by `i` as 4 big-endian bytes.
    public var noncePrefix: [UInt8]
    /// HMAC-SHA256, under a key derived from the patient key, of the encoded context and the nonce
    /// prefix: checked before any segment is opened, so a ciphertext opens under one key only.
    public var commitment: [UInt8]

    /// A header from its parts; `RecordSealer` makes the real ones.
    public init(formatVersion: UInt8 = RecordHeader.formatVersion, noncePrefix: [UInt8], commitment: [UInt8]) {
        self.formatVersion = formatVersion
        self.noncePrefix = noncePrefix
        self.commitment = commitment
    }

    /// Parses the fixed layout; throws `malformedRecordHeader` for a wrong length or magic and
    /// `unsupportedFormatVersion` for a version this build does not read.
    public init(parsing bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.encodedByteCount else {
            throw .malformedRecordHeader(reason: "expected \(Self.encodedByteCount) bytes, found \(bytes.count)")
        }
        guard bytes.starts(with: Self.magic) else {
            throw .malformedRecordHeader(reason: "it does not start with \"CPSR\"")
        }
        let versionIndex = Self.magic.count
        guard bytes[versionIndex] == Self.formatVersion else {
            throw .unsupportedFormatVersion(format: "record envelope", version: bytes[versionIndex])
        }
        let prefixEnd = versionIndex + 1 + Self.noncePrefixByteCount
        self.init(formatVersion: bytes[versionIndex], noncePrefix: Array(bytes[(versionIndex + 1)..<prefixEnd]),
                  commitment: Array(bytes[prefixEnd...]))
    }

    /// The fixed binary layout that `init(parsing:)` reads.
    public var encoded: [UInt8] {
        Self.magic + [formatVersion] + noncePrefix + commitment
    }
}
