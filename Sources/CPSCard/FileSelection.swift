import SmartCard

/// How a command set selects an application or a file, and what the card answers.
enum FileSelection: Sendable {
    /// IAS-ECC (CPS3): `00 A4 04` by AID, `00 A4 09` with the path (from the MF, `3F00` included, or from
    /// the selected DF); `P2=04` asks for the FCP (`62`), `0C` for nothing.
    case iasECC
    /// ChipDoc (CPS4), on logical channel 1: `01 A4 08` with the path after `3F00`, as the issuer's
    /// middleware sends it, `01 A4 09` from the selected DF, `01 A4 04` by AID; `P2=00` asks for an
    /// FCI (`6F`) holding the FCP's fields, `0C` for nothing.
    case chipDoc

    /// The class byte of every command to the files.
    var cla: UInt8 {
        switch self {
        case .iasECC: 0x00
        case .chipDoc: ChipDocApplet.cla
        }
    }

    /// SELECT of the application `aid`.
    func command(selectingApplication aid: [UInt8], answeringFCP: Bool) -> CommandAPDU {
        select(p1: 0x04, data: aid, answeringFCP: answeringFCP)
    }

    /// SELECT of `path`, a path from the MF when `fromMasterFile`, else from the selected DF.
    func command(selectingPath path: [UInt8], fromMasterFile: Bool, answeringFCP: Bool) -> CommandAPDU {
        guard self == .chipDoc, fromMasterFile else {
            return select(p1: 0x09, data: path, answeringFCP: answeringFCP)
        }
        let belowMaster = path.starts(with: CardFileLocation.masterFile) ? Array(path.dropFirst(2)) : path
        if belowMaster.isEmpty {
            return select(p1: 0x00, data: CardFileLocation.masterFile, answeringFCP: answeringFCP)
        }
        return select(p1: 0x08, data: belowMaster, answeringFCP: answeringFCP)
    }

    private func select(p1: UInt8, data: [UInt8], answeringFCP: Bool) -> CommandAPDU {
        guard answeringFCP else {
            return CommandAPDU(cla: cla, ins: 0xA4, p1: p1, p2: 0x0C, data: data)
        }
        let p2: UInt8 = self == .chipDoc ? 0x00 : 0x04
        return CommandAPDU(cla: cla, ins: 0xA4, p1: p1, p2: p2, data: data, expectedLength: 256)
    }
}
