import SmartCard

/// Selects DFs and reads files of an ISO 7816-4 card in the forms its command set wants: an application
/// by its AID, a path from the MF or from the selected DF; a transparent file by its size from the
/// control parameters, then READ BINARY in chunks of at most 231 bytes, the largest both the card and its
/// usual clients use; a record-structured file (an EF.DIR may be one) by READ RECORD, its records
/// concatenated.
struct CardFileReader {
    let channel: any CardChannel
    let selection: FileSelection
    static let chunk = 0xE7

    init(channel: any CardChannel, selection: FileSelection = .iasECC) {
        self.channel = channel
        self.selection = selection
    }

    /// The content of the file at `location`; a PKCS#15 byte range (`index`, `length`) cuts it.
    func read(_ location: CardFileLocation, index: Int? = nil, length: Int? = nil) throws -> [UInt8] {
        let fcpBytes = try select(location, answeringFCP: true)
        let fcp: FileControlParameters
        do {
            fcp = try FileControlParameters(parsing: fcpBytes)
        } catch {
            throw CPSCardError.malformedCardData(what: "file \(location)", reason: "\(error)")
        }
        if fcp.isRecordStructured {
            return try readRecords(location: location)
        }
        guard let size = fcp.size else {
            throw CPSCardError.malformedCardData(what: "file \(location)", reason: "its FCP gives no size (tag 80 or 81)")
        }
        guard size <= 0x7FFF else {
            throw CPSCardError.malformedCardData(what: "file \(location)", reason: "size \(size) beyond READ BINARY's reach")
        }
        let content = try readBinary(size: size, location: location)
        guard let index, let length else {
            return content
        }
        guard index >= 0, length >= 0, index <= content.count, length <= content.count - index else {
            throw CPSCardError.malformedCardData(
                what: "file \(location)", reason: "the byte range \(index)+\(length) of its path lies beyond its \(content.count) bytes")
        }
        return Array(content[index..<index + length])
    }

    /// Selects the DF at `location` (for key operations, which address keys by reference in the current DF).
    func selectDirectory(_ location: CardFileLocation) throws {
        _ = try select(location, answeringFCP: false)
    }

    /// Selects the application by AID when the location names one, then the path; the control parameters
    /// of the last selection when asked for.
    private func select(_ location: CardFileLocation, answeringFCP: Bool) throws -> [UInt8] {
        if let aid = location.aid {
            let selectsDF = location.path.isEmpty
            let response = try channel.send(selection.command(
                selectingApplication: aid, answeringFCP: selectsDF && answeringFCP))
            guard response.status == .success else {
                throw CPSCardError.cardRefused(operation: "SELECT of application \(aid.hexString)", status: response.status)
            }
            if selectsDF {
                return response.data
            }
        }
        let response = try channel.send(selection.command(
            selectingPath: location.path, fromMasterFile: location.aid == nil, answeringFCP: answeringFCP))
        guard response.status == .success else {
            throw CPSCardError.cardRefused(operation: "SELECT \(location)", status: response.status)
        }
        return response.data
    }

    /// READ RECORD `B2 n 04` from record 1 until the card answers that there is no such record.
    private func readRecords(location: CardFileLocation) throws -> [UInt8] {
        var content: [UInt8] = []
        for number in 1...UInt8(0xFE) {
            let response = try channel.send(CommandAPDU(
                cla: selection.cla, ins: 0xB2, p1: number, p2: 0x04, expectedLength: 256))
            if response.status == .recordNotFound {
                return content
            }
            guard response.status == .success else {
                throw CPSCardError.cardRefused(operation: "READ RECORD \(number) of \(location)", status: response.status)
            }
            content += response.data
        }
        return content
    }

    private func readBinary(size: Int, location: CardFileLocation) throws -> [UInt8] {
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
