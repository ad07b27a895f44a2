import FuzzSupport
import VaultCrypto

/// The record envelope: the first part is a header, the others segments (3-byte lengths, so a
/// full 65 552-byte segment fits), the last one final. Any bytes either throw `CryptoError` or
/// open; a header that parses encodes back to its bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzEntry.bytes(data, size), lengthBytes: RecordFixture.lengthBytes)
    guard let headerBytes = input.nextPart() else { return 0 }
    guard let header = try? RecordHeader(parsing: headerBytes) else { return 0 }
    precondition(header.encoded == headerBytes, "a record header does not encode back to its bytes")
    guard let opener = try? RecordOpener(patientKey: RecordFixture.key, context: RecordFixture.context, header: header) else {
        return 0
    }
    let segments = input.remainingParts()
    for (index, segment) in segments.enumerated() {
        let isFinal = index == segments.count - 1
        guard let plaintext = try? opener.openSegment(segment, index: UInt32(index), isFinal: isFinal) else { break }
        precondition(plaintext.count == segment.count - 16, "an opened segment has the wrong length")
    }
    return 0
}

/// The fixed patient key and context every input is opened under.
enum RecordFixture {
    static let lengthBytes = 3
    static let key = SecretBytes(copying: [UInt8](repeating: 0x5A, count: 32))
    static let context = RecordContext(
        vaultID: [UInt8](repeating: 1, count: 16), patientID: [UInt8](repeating: 2, count: 16),
        recordID: [UInt8](repeating: 3, count: 16), recordVersion: 1, keyVersion: 1, contentType: "text/plain")

    /// A record of `size` bytes sealed under the fixture key, framed as the target reads it.
    static func sealed(size: Int) throws -> [UInt8] {
        let sealer = try RecordSealer(patientKey: key, context: context)
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        var segments: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(start + RecordHeader.segmentSize, size)
            segments.append(try sealer.sealSegment(Array(content[start..<end]), isFinal: end == size))
            start = end
        } while start < size
        return FuzzInput.framed([sealer.header.encoded] + segments, lengthBytes: lengthBytes)
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) {
        try [0, 1, 100, RecordHeader.segmentSize, RecordHeader.segmentSize + 1].map(RecordFixture.sealed(size:))
    }
    return 0
}
