import SmartCard

/// Where a file or a DF is on the card: a path from the MF, or a path inside an application that is
/// selected first by its AID (the path then empty for the application DF itself).
struct CardFileLocation: Hashable, CustomStringConvertible {
    /// The application to select by name first; nil when `path` starts at the MF.
    var aid: [UInt8]?
    /// File identifiers from the MF (3F00 first) when `aid` is nil, else from the application DF.
    var path: [UInt8]

    /// A path from the MF; a path that does not start with 3F00 gets it in front.
    static func fromMasterFile(_ path: [UInt8]) -> CardFileLocation {
        CardFileLocation(aid: nil, path: path.starts(with: masterFile) ? path : masterFile + path)
    }

    /// A path inside the application `aid`.
    static func inApplication(_ aid: [UInt8], _ path: [UInt8] = []) -> CardFileLocation {
        CardFileLocation(aid: aid, path: path)
    }

    /// This location with `identifiers` appended.
    func appending(_ identifiers: [UInt8]) -> CardFileLocation {
        CardFileLocation(aid: aid, path: path + identifiers)
    }

    /// As OpenSC prints paths: `aid::path` inside an application, the hex path from the MF otherwise.
    var description: String {
        aid.map { "\($0.hexString)::\(path.hexString)" } ?? path.hexString
    }

    static let masterFile: [UInt8] = [0x3F, 0x00]
}
