import SmartCard
import VaultCrypto

/// Checking a presented PIN against the reference one, and replacing it: shared by both
/// generations' VERIFY and CHANGE REFERENCE DATA.
extension SimulatedCard {
    /// CHANGE REFERENCE DATA of the CPS3, `00 24 00 01` with the old PIN then the new one: the
    /// old one is as long as the reference PIN, the new one the rest, 4 digits as the AODF says.
    /// A wrong old PIN spends a try; a malformed new one is refused before the old is checked.
    func changeReferenceData(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0x00 else { throw CardRefusal(.incorrectP1P2) }
        guard command.p2 == CPS3Layout.pinReference else { throw CardRefusal(.referencedDataNotFound) }
        guard !pinCounter.isBlocked else { throw CardRefusal(.authenticationMethodBlocked) }
        let oldCount = referencePIN.count
        guard command.data.count == oldCount + CPS3Layout.pinLength else { throw CardRefusal(.wrongLength) }
        var old = Array(command.data.prefix(oldCount))
        var new = Array(command.data.dropFirst(oldCount))
        defer {
            old.cleanse()
            new.cleanse()
        }
        guard Self.isPIN(new) else { throw CardRefusal(.incorrectData) }
        try checkPresented(old)
        try replacePIN(with: new)
        return []
    }

    /// Compares `offered` with the reference PIN: a match restores the tries and verifies the
    /// PIN for this session; a mismatch spends a try and answers `63 Cx`, or `69 83` at zero.
    func checkPresented(_ offered: [UInt8]) throws(CardRefusal) {
        let presented = SecretBytes(copying: offered)
        do {
            if presented.constantTimeEquals(referencePIN) {
                try pinCounter.recordSuccess()
                session.pinVerified = true
                return
            }
            session.pinVerified = false
            try pinCounter.recordFailure()
        } catch {
            throw CardRefusal(.memoryFailure)
        }
        if pinCounter.isBlocked { throw CardRefusal(.authenticationMethodBlocked) }
        throw CardRefusal(.verificationFailed(triesLeft: pinCounter.remaining))
    }

    /// Makes `digits` the reference PIN; anything but 4 to 8 ASCII digits is refused with `6A 80`.
    func replacePIN(with digits: [UInt8]) throws(CardRefusal) {
        guard Self.isPIN(digits) else { throw CardRefusal(.incorrectData) }
        referencePIN = SecretBytes(copying: digits)
    }

    private static func isPIN(_ digits: [UInt8]) -> Bool {
        (4...8).contains(digits.count) && digits.allSatisfy { (0x30...0x39).contains($0) }
    }
}
