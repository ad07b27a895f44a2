import SmartCard

/// Reads transparent files of an ISO 7816-4 card by absolute path: SELECT by path as the card's
/// command set wants it, the size from the file's control parameters, then READ BINARY in chunks
/// of at most 231 bytes, the largest both the card and its usual clients use.
struct CardFileReader {
    let channel: any CardChannel
    let selection: FileSelection
    static let chunk = 0xE7

    init(channel: any CardChannel, selection: FileSelection = .iasECC) {
        self.channel = channel
        self.selection = selection
    }

    /// The content of the file at `path`, a path of 2-byte identifiers starting with the MF.
    func read(path: [UInt8]) throws -> [UInt8] {
        let location = path.hexString
        let selected = try channel.send(selection.command(selecting: path))
        guard selected.status == .success else {
            throw CPSCardError.cardRefused(operation: "SELECT \(location)", status: selected.status)
        }
        let size: Int
        do {
            guard let known = try selection.controlParameters(in: selected.data).size else {
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
                cla: selection.cla, ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), expectedLength: wanted))
            guard response.status == .success, !response.data.isEmpty, response.data.count <= wanted else {
                throw CPSCardError.cardRefused(operation: "READ BINARY \(location) at \(offset)", status: response.status)
            }
            content += response.data
        }
        return content
    }
}

/// How a command set selects a file by its path from the MF.
enum FileSelection: Sendable {
    /// IAS-ECC (CPS3): `00 A4 09 04` with the whole path, `3F00` included; the card answers an
    /// FCP (`62`).
    case iasECC
    /// ChipDoc (CPS4), on logical channel 1: `01 A4 08 00` with the path after `3F00`, as the
    /// issuer's middleware sends it; the card answers an FCI (`6F`) holding the FCP's fields.
    case chipDoc

    /// The class byte of every command to the files.
    var cla: UInt8 {
        switch self {
        case .iasECC: 0x00
        case .chipDoc: ChipDocApplet.cla
        }
    }

    func command(selecting path: [UInt8]) -> CommandAPDU {
        switch self {
        case .iasECC:
            return CommandAPDU(ins: 0xA4, p1: 0x09, p2: 0x04, data: path, expectedLength: 256)
        case .chipDoc:
            let fromMaster = path.starts(with: [0x3F, 0x00]) ? Array(path.dropFirst(2)) : path
            if fromMaster.isEmpty {
                return CommandAPDU(cla: cla, ins: 0xA4, p1: 0x00, p2: 0x00, data: [0x3F, 0x00], expectedLength: 256)
            }
            return CommandAPDU(cla: cla, ins: 0xA4, p1: 0x08, p2: 0x00, data: fromMaster, expectedLength: 256)
        }
    }

    /// The file's control parameters from the SELECT response: an FCP, or an FCI whose fields
    /// are read as an FCP's.
    func controlParameters(in response: [UInt8]) throws -> FileControlParameters {
        let template = try BERTLV.parseOne(response)
        guard template.tag == 0x6F else { return try FileControlParameters(parsing: response) }
        return try FileControlParameters(parsing: BERTLV(tag: 0x62, value: template.value).encoded)
    }
}
