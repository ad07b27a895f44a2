import SmartCard

/// SELECT and READ BINARY over the card's file system.
extension SimulatedCard {
    func select(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        let target: (folder: [UInt16], file: UInt16?)
        switch command.p1 {
        case 0x00, 0x01, 0x02:
            target = try selectByIdentifier(command.data)
        case 0x04:
            target = try selectByName(command.data)
        case 0x08:
            target = try resolve(path: [CPS3Layout.masterFile] + identifiers(command.data))
        case 0x09:
            let ids = try identifiers(command.data)
            target = try resolve(path: ids.first == CPS3Layout.masterFile ? ids : session.currentFolder + ids)
        default:
            throw CardRefusal(.incorrectP1P2)
        }
        let fcp = try controlParameters(answering: command, for: target)
        session.currentFolder = target.folder
        session.currentFile = target.file
        return fcp
    }

    /// P2 says what to answer: `04` the FCP, `0C` nothing; `00` is accepted only for the root
    /// application, which answers nothing, as on the real card.
    private func controlParameters(answering command: CommandAPDU, for target: (folder: [UInt16], file: UInt16?)) throws(CardRefusal) -> [UInt8] {
        switch command.p2 {
        case 0x04:
            guard let file = self.file(at: target.folder + (target.file.map { [$0] } ?? [])) else {
                throw CardRefusal(.fileNotFound)
            }
            return file.controlParameters.encoded
        case 0x0C:
            return []
        case 0x00 where command.p1 == 0x04 && command.data == CPS3Layout.rootAID:
            return []
        default:
            throw CardRefusal(.incorrectP1P2)
        }
    }

    private func selectByIdentifier(_ data: [UInt8]) throws(CardRefusal) -> (folder: [UInt16], file: UInt16?) {
        if data.isEmpty { return ([CPS3Layout.masterFile], nil) }
        let ids = try identifiers(data)
        guard ids.count == 1 else { throw CardRefusal(.wrongLength) }
        if ids[0] == CPS3Layout.masterFile { return ([CPS3Layout.masterFile], nil) }
        return try resolve(path: session.currentFolder + ids)
    }

    private func selectByName(_ name: [UInt8]) throws(CardRefusal) -> (folder: [UInt16], file: UInt16?) {
        if name == CPS3Layout.rootAID { return ([CPS3Layout.masterFile], nil) }
        guard let folder = root.children.first(where: { $0.aid == name && !name.isEmpty }) else {
            throw CardRefusal(.fileNotFound)
        }
        return ([CPS3Layout.masterFile, folder.fileID], nil)
    }

    /// Splits a path into its file identifiers and checks it leads somewhere.
    func resolve(path: [UInt16]) throws(CardRefusal) -> (folder: [UInt16], file: UInt16?) {
        guard let file = file(at: path) else { throw CardRefusal(.fileNotFound) }
        return file.isDedicated ? (path, nil) : (Array(path.dropLast()), path.last)
    }

    func identifiers(_ data: [UInt8]) throws(CardRefusal) -> [UInt16] {
        guard !data.isEmpty, data.count.isMultiple(of: 2) else { throw CardRefusal(.incorrectData) }
        return stride(from: 0, to: data.count, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
    }

    /// The file at an absolute path of identifiers (the first one the MF), or nil.
    func file(at path: [UInt16]) -> CardFile? {
        guard path.first == root.fileID else { return nil }
        var file = root
        for id in path.dropFirst() {
            guard let next = file.child(id) else { return nil }
            file = next
        }
        return file
    }

    func readBinary(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        let file: CardFile
        let offset: Int
        if command.p1 & 0x80 != 0 {
            let sfi = command.p1 & 0x1F
            guard let folder = self.file(at: session.currentFolder),
                  let found = folder.children.first(where: { $0.shortFileID == sfi && !$0.isDedicated }) else {
                throw CardRefusal(.fileNotFound)
            }
            file = found
            offset = Int(command.p2)
            session.currentFile = found.fileID
        } else {
            guard let id = session.currentFile, let found = self.file(at: session.currentFolder + [id]) else {
                throw CardRefusal(.commandNotAllowed)
            }
            file = found
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        let content = file.content
        guard offset < content.count else { throw CardRefusal(.wrongP1P2) }
        let wanted = command.expectedLength ?? 256
        let available = content.count - offset
        guard wanted <= available else { throw CardRefusal(.wrongLe(exact: available)) }
        return Array(content[offset..<offset + wanted])
    }
}
