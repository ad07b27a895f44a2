import SmartCard

/// The volatile state of a powered card: what is selected, whether the PIN was verified, the
/// security environment set by MSE SET, and half-received or half-sent data. A reset clears it.
struct CardSession {
    /// The selected folder, as file identifiers from the MF.
    var currentFolder: [UInt16] = [CPS3Layout.masterFile]
    var currentFile: UInt16?
    var pinVerified = false
    /// MSE SET choices by control reference template tag (A4, B8, B6, AA).
    var environment: [UInt8: SecurityEnvironmentEntry] = [:]
    /// A hash given by PSO HASH, waiting for PSO COMPUTE DIGITAL SIGNATURE.
    var pendingHash: (algorithm: CardAlgorithm, digest: [UInt8])?
    /// Response data waiting for GET RESPONSE.
    var pendingResponse: [UInt8] = []
    private var chainedCommand: CommandAPDU?

    /// Folds ISO command chaining: a command with the chaining bit is kept and nil returned;
    /// the last command of a chain comes back with every part's data. A chain interrupted by
    /// another command is refused with `68 83`.
    mutating func chain(_ command: CommandAPDU) throws(CardRefusal) -> CommandAPDU? {
        let isChained = command.cla & 0x10 != 0
        if var pending = chainedCommand {
            guard pending.ins == command.ins, pending.p1 == command.p1, pending.p2 == command.p2 else {
                chainedCommand = nil
                throw CardRefusal(.lastCommandOfChainExpected)
            }
            pending.data += command.data
            guard pending.data.count <= 4096 else {
                chainedCommand = nil
                throw CardRefusal(.wrongLength)
            }
            if isChained {
                chainedCommand = pending
                return nil
            }
            chainedCommand = nil
            pending.cla = command.cla
            pending.expectedLength = command.expectedLength
            return pending
        }
        if isChained {
            chainedCommand = command
            return nil
        }
        return command
    }
}

/// One MSE SET choice: which key, with which algorithm.
struct SecurityEnvironmentEntry {
    var keyReference: UInt8
    var algorithm: CardAlgorithm
}
