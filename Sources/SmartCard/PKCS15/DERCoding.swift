import SwiftASN1

/// Bridges swift-asn1, whose errors are untyped, to the module's typed errors, and splits PKCS#15 files
/// into their top-level DER objects.
enum DERCoding {
    /// Runs a swift-asn1 decoding step, turning any failure into `SmartCardError.malformedPKCS15`.
    static func decode<T>(_ structure: String, _ body: () throws -> T) throws(SmartCardError) -> T {
        do {
            return try body()
        } catch let error as SmartCardError {
            throw error
        } catch {
            throw .malformedPKCS15(structure: structure, reason: "\(error)")
        }
    }

    /// Serializes values built by this module.
    ///
    /// swift-asn1 declares its serializers as throwing, but it throws only for values that its own
    /// initializers already refuse (an OID with too few arcs, for example), which the model types here
    /// cannot hold; reaching the trap would be a bug in this module, never a reaction to input.
    static func encode(_ body: (inout DER.Serializer) throws -> Void) -> [UInt8] {
        var serializer = DER.Serializer()
        do {
            try body(&serializer)
        } catch {
            preconditionFailure("DER serialization of a SmartCard model value failed: \(error)")
        }
        return serializer.serializedBytes
    }

    /// The top-level DER objects of a PKCS#15 file: concatenated objects, then optionally padding to the end.
    ///
    /// Padding is 00 or FF bytes, as cards leave the unused end of a directory file; a first 00 or FF byte
    /// ends the objects, as in OpenSC and the ANS library, and an object after it is an error.
    static func topLevelNodes(_ file: [UInt8], structure: String) throws(SmartCardError) -> [ASN1Node] {
        var scanner = TLVScanner(file)
        var nodes: [ASN1Node] = []
        while let first = scanner.nextByte {
            if isPadding(first) {
                guard file[scanner.offset...].allSatisfy(isPadding) else {
                    throw .malformedPKCS15(
                        structure: structure,
                        reason: "padding byte \(Hex.byte(first)) at offset \(scanner.offset) is followed by data")
                }
                break
            }
            let element: TLVScanner.Element
            do {
                element = try scanner.next()
            } catch {
                throw .malformedPKCS15(structure: structure, reason: error.description)
            }
            nodes.append(try decode(structure) { try DER.parse(file[element.range]) })
        }
        return nodes
    }

    private static func isPadding(_ byte: UInt8) -> Bool {
        byte == 0x00 || byte == 0xFF
    }

    /// A key or PIN reference as an unsigned byte: a one-byte INTEGER of 80 to FF is negative in DER, and
    /// cards write references such as 82 that way; OpenSC adds 256 to them as well.
    static func reference(_ value: Int) -> Int {
        (-128 ..< 0).contains(value) ? value + 256 : value
    }

    /// The identifier of a context-specific tag [number], primitive or constructed as the encoding decides.
    static func context(_ number: UInt) -> ASN1Identifier {
        ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)
    }

    /// The next node of a SEQUENCE, which must be there.
    static func required(_ nodes: inout ASN1NodeCollection.Iterator, _ field: String) throws -> ASN1Node {
        guard let node = nodes.next() else {
            throw ASN1Error.invalidASN1Object(reason: "\(field) is missing")
        }
        return node
    }

    /// Moves past every remaining node: the extension fields PKCS#15 allows after the ones modelled here.
    static func skipRest(_ nodes: inout ASN1NodeCollection.Iterator) {
        while nodes.next() != nil {}
    }

    /// Decodes a UTF8String as a Swift string, rejecting invalid UTF-8.
    static func string(_ value: ASN1UTF8String) throws -> String {
        guard let text = String(validating: value.bytes, as: UTF8.self) else {
            throw ASN1Error.invalidASN1Object(reason: "a label is not valid UTF-8")
        }
        return text
    }
}
