import FuzzSupport
import SmartCard

/// The PKCS#15 file parsers (EF.DIR, ODF, TokenInfo, AODF, PrKDF, CDF): the first byte picks the
/// parser, the rest is the file. Any bytes either throw `SmartCardError` or decode to a value
/// whose encoding decodes to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPKCS15(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzEntry.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let file = Array(bytes.dropFirst())
    switch selector % 6 {
    case 0:
        if let templates = try? ApplicationTemplate.parseDirectory(file) {
            roundTrip(templates, templates.flatMap(\.encoded), ApplicationTemplate.parseDirectory)
        }
    case 1:
        if let directory = try? ObjectDirectory(parsing: file) {
            roundTrip(directory, directory.encoded, ObjectDirectory.init(parsing:))
        }
    case 2:
        if let info = try? TokenInfo(parsing: file) {
            roundTrip(info, info.encoded, TokenInfo.init(parsing:))
        }
    case 3:
        if let pins = try? PINObject.parseDirectory(file) {
            roundTrip(pins, PINObject.encodeDirectory(pins), PINObject.parseDirectory)
        }
    case 4:
        if let keys = try? PrivateKeyObject.parseDirectory(file) {
            roundTrip(keys, PrivateKeyObject.encodeDirectory(keys), PrivateKeyObject.parseDirectory)
        }
    default:
        if let certificates = try? CertificateObject.parseDirectory(file) {
            roundTrip(certificates, CertificateObject.encodeDirectory(certificates), CertificateObject.parseDirectory)
        }
    }
    return 0
}

/// `decoded`, once encoded, must decode to itself.
private func roundTrip<T: Equatable>(_ decoded: T, _ encoded: [UInt8], _ parse: ([UInt8]) throws -> T) {
    precondition((try? parse(encoded)) == decoded, "a decoded \(T.self) does not survive encoding")
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) {
        // Every file the driver read on both layouts (the field one with the encodings of real cards),
        // offered to every parser.
        let files = try CardConversation.responseDataOfBothLayouts()
        return (0..<UInt8(6)).flatMap { selector in files.map { [selector] + $0 } }
    }
    return 0
}
