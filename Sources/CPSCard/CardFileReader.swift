import SmartCard

/// Reads transparent files of an ISO 7816-4 card by absolute path: SELECT by path with the FCP
/// (`00 A4 09 04`), the size from the FCP, then READ BINARY in chunks of at most 231 bytes, the
/// largest both the card and its usual clients use.
struct CardFileReader {
    let channel: any CardChannel
    static let chunk = 0xE7

    /// The content of the file at `path`, a path of 2-byte identifiers starting with the MF.
    func read(path: [UInt8]) throws -> [UInt8] {
        let location = path.hexString
        let selected = try channel.send(CommandAPDU(ins: 0xA4, p1: 0x09, p2: 0x04, data: path, expectedLength: 256))
        guard selected.status == .success else {
            throw CPSCardError.cardRefused(operation: "SELECT \(location)", status: selected.status)
        }
        let size: Int
        do {
            guard let known = try FileControlParameters(parsing: selected.data).size else {
                throw CPSCardError.malformedCardData(what: "file \(location)", reason: "its FCP gives no size")
            }
            size = known
        } catch let error as CPSCardError {
            throw error
        } catch {
            throw CPSCardError.malformedCardData(what: "file \(location)", reason: "\(error)")
        }
        guard size <= 0x7FFF else {
            throw CPSCardError.malformedCardData(what: "file \(location)", reason: "size \(size) beyond READ BINARY's reach")
        }
        var content: [UInt8] = []
        content.reserveCapacity(size)
        while content.count < size {
            let offset = content.count
            let wanted = min(Self.chunk, size - offset)
            let response = try channel.send(CommandAPDU(
                ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), expectedLength: wanted))
            guard response.status == .success, !response.data.isEmpty, response.data.count <= wanted else {
                throw CPSCardError.cardRefused(operation: "READ BINARY \(location) at \(offset)", status: response.status)
            }
            content += response.data
        }
        return content
    }
}
