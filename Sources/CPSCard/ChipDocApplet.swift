import SmartCard

/// The constants of the ChipDoc applet that carries a CPS4's keys, as the issuer's middleware
/// uses them: the applet lives on logical channel 1, which the first SELECT on that channel
/// opens, and its keys are addressed by the references the card's PrKDF gives.
enum ChipDocApplet {
    /// Class byte of logical channel 1; chained parts carry `11`.
    static let cla: UInt8 = 0x01
    /// The ChipDoc applet's AID (the same AID a CPS3's EF.ATR gives its IAS-ECC application).
    static let aid: [UInt8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00]
    /// The GlobalPlatform card manager's AID, selected on channel 1 before the applet is reselected.
    static let cardManagerAID: [UInt8] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00]
    /// The CPS2ter application's AID, selected on the basic channel before the applet is reselected.
    static let cps2terAID: [UInt8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x02]

    /// Algorithm identifiers of MSE SET `81 B6` (tag `91`): SHA-256 with RSA PKCS#1 v1.5 and,
    /// for the authentication key, SHA-256 with RSA-PSS (not used by the vault).
    static let sha256WithRSA: UInt8 = 0x28

    /// SELECT of the applet by AID on channel 1, no answer data (`01 A4 04 0C`).
    static let select = CommandAPDU(cla: cla, ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid)

    /// What the issuer's middleware sends, without looking at the answers, when the applet
    /// cannot be selected: the card manager on channel 1, the CPS2ter application on the basic
    /// channel; then the applet is selected again.
    static let reselection: [CommandAPDU] = [
        CommandAPDU(cla: cla, ins: 0xA4, p1: 0x04, p2: 0x0C, data: cardManagerAID),
        CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x04, p2: 0x0C, data: cps2terAID),
    ]
}
