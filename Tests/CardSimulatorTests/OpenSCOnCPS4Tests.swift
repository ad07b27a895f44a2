import CardStackTesting
import Foundation
import Testing

/// What OpenSC 0.23 does with a CPS4, written down: its CPS3 ATR mask also matches the
/// T=0-only CPS4 ATR, so it takes the card for an IAS-ECC CPx card, sends its first IAS-ECC
/// command (SELECT of EF.ATR by path on the basic channel) and gives up on the answer, which
/// the simulated CPS4 gives as `6E 00` (the basic channel holds the CPS2ter application).
/// OpenSC has no ChipDoc driver: a CPS4 is usable only through a ChipDoc client.
extension OpenSCInteropTests {
    private func insertCPS4() throws {
        stack.empty(slot)
        try stack.insert(.physicianCPS4, into: slot)
    }

    @Test("OpenSC matches the CPS4 as an IAS-ECC CPx card and fails at its first command")
    func cps4TakenForACPS3() throws {
        try insertCPS4()
        let result = try openSC("opensc-tool", ["--reader", readerIndex(), "-n"], debug: true)
        #expect(result.status != 0)
        #expect(result.errorOutput.contains("'IAS/ECC CPx' card matched"))
        #expect(result.errorOutput.contains("00 A4 09 04 04 3F 00 2F 01"))
        #expect(result.errorOutput.contains("driver 'IAS-ECC' init() failed: Unsupported CLA byte in APDU"))
        #expect(!result.output.contains("IAS-ECC"))
    }

    @Test("pkcs15-tool -D lists nothing on a CPS4: it cannot connect to the card")
    func cps4NotListed() throws {
        try insertCPS4()
        let result = try openSC("pkcs15-tool", ["--reader", readerIndex(), "-D"])
        #expect(result.status != 0)
        #expect(result.errorOutput.contains("Failed to connect to card: Unsupported CLA byte in APDU"), "\(result.errorOutput)")
        #expect(!result.output.contains("CPS_PRIV_AUT"))
    }

    @Test("OpenSC's PKCS#11 module shows no token for a CPS4: its slot information fails")
    func cps4NoToken() throws {
        try insertCPS4()
        let result = try openSC("pkcs11-tool", ["--module", Self.module, "--list-slots"])
        #expect(result.output.contains("(GetSlotInfo failed, CKR_GENERAL_ERROR)"), "\(result.output)")
        #expect(!result.output.contains("CPS4v1"))
    }
}
