import SmartCard

/// One file of the simulated card's file system: an elementary file holding bytes, or a dedicated
/// file (a folder, optionally an application with its AID) holding other files.
struct CardFile: Sendable {
    enum Body: Sendable {
        case elementary([UInt8])
        case dedicated(aid: [UInt8]?, children: [CardFile])
    }

    var fileID: UInt16
    var shortFileID: UInt8?
    var body: Body

    static func elementary(_ fileID: UInt16, shortFileID: UInt8? = nil, _ content: [UInt8]) -> CardFile {
        CardFile(fileID: fileID, shortFileID: shortFileID, body: .elementary(content))
    }

    static func dedicated(_ fileID: UInt16, aid: [UInt8]? = nil, _ children: [CardFile]) -> CardFile {
        CardFile(fileID: fileID, shortFileID: nil, body: .dedicated(aid: aid, children: children))
    }

    var isDedicated: Bool {
        if case .dedicated = body { return true }
        return false
    }

    var content: [UInt8] {
        if case .elementary(let bytes) = body { return bytes }
        return []
    }

    var aid: [UInt8]? {
        if case .dedicated(let aid, _) = body { return aid }
        return nil
    }

    var children: [CardFile] {
        if case .dedicated(_, let children) = body { return children }
        return []
    }

    func child(_ fileID: UInt16) -> CardFile? {
        children.first { $0.fileID == fileID }
    }

    /// The FCP a CPS3 answers for this file: reads allowed in the clear, every change forbidden,
    /// as on the real card (docs/CARD.md shows the real bytes).
    var controlParameters: FileControlParameters {
        var fcp = FileControlParameters()
        fcp.fileID = fileID
        fcp.lifeCycle = 0x05
        switch body {
        case .elementary(let bytes):
            fcp.size = bytes.count
            fcp.descriptor = [0x01]
            fcp.shortFileID = shortFileID
            fcp.accessRules = [0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
            fcp.securityAttributes = [0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
        case .dedicated(let aid, _):
            fcp.descriptor = [0x38]
            fcp.dfName = aid
            fcp.accessRules = [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
        }
        return fcp
    }
}
