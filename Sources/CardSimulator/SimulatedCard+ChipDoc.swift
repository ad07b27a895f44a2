import SmartCard
import VaultCrypto

/// The ChipDoc command set of a simulated CPS4 (`CPS4Layout` lists each choice): the channels,
/// SELECT, READ BINARY, VERIFY and CHANGE REFERENCE DATA.
extension SimulatedCard {
    func executeChipDoc(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        switch command.cla & ~0x10 {
        case 0x00:
            return try basicChannel(command)
        case 0x01:
            break
        case 0x02, 0x03:
            throw CardRefusal(.logicalChannelNotSupported)
        default:
            throw CardRefusal(.claNotSupported)
        }
        if command.ins == 0xA4 { return try selectOnChannel1(command) }
        guard chipDoc.channelOpen else { throw CardRefusal(.logicalChannelNotSupported) }
        guard chipDoc.appletSelected else { throw CardRefusal(.conditionsNotSatisfied) }
        switch command.ins {
        case 0xB0: return try readBinary(command)
        case 0x20: return try verifyChipDocPIN(command)
        case 0x24: return try changeChipDocPIN(command)
        case 0x22: return try chipDocSecurityEnvironment(command)
        case 0x2A: return try chipDocSecurityOperation(command)
        case 0x84: return try getChallenge(command)
        default: throw CardRefusal(.insNotSupported)
        }
    }

    /// The basic channel holds the CPS2ter application, not simulated: only its SELECT is answered.
    private func basicChannel(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.ins == 0xA4, command.p1 == 0x04 else { throw CardRefusal(.claNotSupported) }
        guard command.data == CPS4Layout.cps2terAID else { throw CardRefusal(.fileNotFound) }
        return []
    }

    /// SELECT on channel 1; the first one opens the channel. By name: the applet, the card
    /// manager, or the PKCS#15 application folder; by identifier from the current folder
    /// (`P1=00`); by path from the MF (`P1=08`). `P2=00` answers the FCI, `0C` nothing.
    private func selectOnChannel1(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p2 == 0x00 || command.p2 == 0x0C else { throw CardRefusal(.incorrectP1P2) }
        let master = CPS3Layout.masterFile
        let target: (folder: [UInt16], file: UInt16?)
        switch command.p1 {
        case 0x04:
            switch command.data {
            case CPS4Layout.appletAID:
                chipDoc.channelOpen = true
                chipDoc.appletSelected = true
                session.currentFolder = [master]
                session.currentFile = nil
                return []
            case CPS4Layout.cardManagerAID:
                chipDoc.channelOpen = true
                chipDoc.appletSelected = false
                return []
            default:
                guard chipDoc.appletSelected else { throw CardRefusal(.fileNotFound) }
                guard let folder = root.children.first(where: { $0.aid == command.data && !command.data.isEmpty }) else {
                    throw CardRefusal(.fileNotFound)
                }
                target = ([master, folder.fileID], nil)
            }
        case 0x00 where chipDoc.appletSelected:
            let ids = try identifiers(command.data)
            guard ids.count == 1 else { throw CardRefusal(.wrongLength) }
            target = ids[0] == master ? ([master], nil) : try resolve(path: session.currentFolder + ids)
        case 0x08 where chipDoc.appletSelected:
            target = try resolve(path: [master] + identifiers(command.data))
        case 0x00, 0x08:
            throw CardRefusal(chipDoc.channelOpen ? .conditionsNotSatisfied : .logicalChannelNotSupported)
        default:
            throw CardRefusal(.incorrectP1P2)
        }
        guard let file = file(at: target.folder + (target.file.map { [$0] } ?? [])) else {
            throw CardRefusal(.fileNotFound)
        }
        session.currentFolder = target.folder
        session.currentFile = target.file
        guard command.p2 == 0x00 else { return [] }
        do {
            return BERTLV(tag: 0x6F, children: try BERTLV.parseOne(file.controlParameters.encoded).children()).encoded
        } catch {
            throw CardRefusal(.memoryFailure)
        }
    }

    /// VERIFY `01 20 00 81`: without data, the PIN's state; with data, the PIN padded to its
    /// stored length.
    private func verifyChipDocPIN(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0x00 else { throw CardRefusal(.incorrectP1P2) }
        guard command.p2 == CPS4Layout.pinReference else { throw CardRefusal(.referencedDataNotFound) }
        guard !pinCounter.isBlocked else { throw CardRefusal(.authenticationMethodBlocked) }
        if command.data.isEmpty {
            if session.pinVerified { return [] }
            throw CardRefusal(.verificationFailed(triesLeft: pinCounter.remaining))
        }
        var digits = try CPS4Layout.unpaddedPIN(command.data)
        defer { digits.cleanse() }
        try checkPresented(digits)
        return []
    }

    /// CHANGE REFERENCE DATA `01 24 01 81` with the new PIN alone, padded: allowed once the PIN
    /// was verified in this session.
    private func changeChipDocPIN(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0x01 else { throw CardRefusal(.incorrectP1P2) }
        guard command.p2 == CPS4Layout.pinReference else { throw CardRefusal(.referencedDataNotFound) }
        guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
        var digits = try CPS4Layout.unpaddedPIN(command.data)
        defer { digits.cleanse() }
        try replacePIN(with: digits)
        return []
    }
}
