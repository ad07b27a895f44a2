import CardSimulator
import FuzzSupport
import SmartCard

/// BER-TLV, FCP and EF.ATR decoding: any bytes either throw `SmartCardError` or decode to objects whose
/// encoding decodes to the same objects, at every level of nesting.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTLV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzEntry.bytes(data, size)
    for skippingPadding in [false, true] {
        if let objects = try? BERTLV.parseAll(bytes, skippingPadding: skippingPadding) {
            objects.forEach { check($0, depth: 0) }
        }
    }
    _ = try? BERTLV.parseOne(bytes)
    _ = try? ATRFile(parsing: bytes)
    if let parameters = try? FileControlParameters(parsing: bytes) {
        _ = parameters.isDirectory
        precondition(
            (try? FileControlParameters(parsing: parameters.encoded)) != nil, "encoded FCP does not decode")
    }
    return 0
}

/// Re-encodes `object`, decodes it again and walks its children.
private func check(_ object: BERTLV, depth: Int) {
    precondition((try? BERTLV.parseOne(object.encoded)) == object, "a TLV object does not survive encoding")
    guard depth < 16, object.isConstructed, let children = try? object.children() else { return }
    children.forEach { check($0, depth: depth + 1) }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) {
        let edges: [[UInt8]] = [
            [0x5F, 0x1F, 0x81, 0x01, 0x00], [0x7F, 0x41, 0x84, 0x00, 0x00, 0x00, 0x00],
            [0x00, 0xFF, 0x61, 0x03, 0x4F, 0x01, 0xA0, 0x00], [0x62, 0x80],
            // An FCP with an empty 88, an FCI 6F around it, and the EF.ATR of a real CPS3 with its leading 80.
            [0x62, 0x06, 0x83, 0x02, 0x50, 0x31, 0x88, 0x00], [0x6F, 0x08, 0x62, 0x06, 0x83, 0x02, 0x50, 0x31, 0x88, 0x00],
            CPS3Layout.efATRContent,
        ]
        return try CardConversation.responseDataOfBothLayouts() + edges
    }
    return 0
}
