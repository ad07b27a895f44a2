import CardSimulator
import CardStackTesting
import Foundation
import SmartCard
import Testing

/// The simulated CPS4 answers the ChipDoc command set only: each IAS-ECC command a CPS3 client
/// would send gets the status word `CPS4Layout` chose for it.
@Suite("Simulated CPS4 card commands")
struct SimulatedCPS4Tests {
    let card: SimulatedCard

    init() throws {
        card = try SimulatedCard(profile: TestCard.physicianCPS4.profile())
    }

    private func send(_ hex: String) throws -> ResponseAPDU {
        try ResponseAPDU(parsing: card.process(try #require([UInt8](hexString: hex.replacingOccurrences(of: " ", with: "")))))
    }

    private func selectApplet() throws {
        #expect(try send("01A4040C08 8025000001FF0100").status == .success)
    }

    @Test("the ATR is the T=0-only CPS4 ATR")
    func atr() {
        #expect(card.atr == CPS4Layout.atr)
    }

    @Test("the basic channel answers only the CPS2ter application's SELECT", arguments: [
        ("00A4090404 3F002F01", StatusWord.claNotSupported),            // OpenSC's first CPx command
        ("00A4040C0D E828BD080F8025000001FF0010", .fileNotFound),       // the PKCS#15 AID, IAS-ECC style
        ("00A4040C08 8025000001FF0002", .success),                      // the CPS2ter application
        ("0020000100", .claNotSupported),
    ])
    func basicChannel(command: String, expected: StatusWord) throws {
        #expect(try send(command).status == expected)
    }

    @Test("channel 1 is closed until the applet's SELECT opens it")
    func channelOpening() throws {
        #expect(try send("0120008100").status == .logicalChannelNotSupported)
        #expect(try send("02A4040C08 8025000001FF0100").status == .logicalChannelNotSupported)
        try selectApplet()
        #expect(try send("0120008100").status == .verificationFailed(triesLeft: 3))
        #expect(try send("01A4040C07 A0000001510000").status == .success)     // the card manager takes the channel
        #expect(try send("0120008100").status == .conditionsNotSatisfied)
    }

    @Test("IAS-ECC commands on channel 1 get a ChipDoc card's status words", arguments: [
        ("0188000004 01020304", StatusWord.insNotSupported),               // INTERNAL AUTHENTICATE
        ("01CB3FFF0A 4D087006BF8101 02A080", .insNotSupported),            // GET DATA of an SDO
        ("012241A406 840182800102", .incorrectP1P2),                       // MSE SET authentication
        ("012241AA03 800140", .incorrectP1P2),                             // MSE SET hash
        ("012241B806 840120 80010A", .incorrectData),                      // CRT with 84 and 80
        ("012A90A022 9020 0000000000000000000000000000000000000000000000000000000000000000", .incorrectP1P2),  // PSO HASH
        ("01A4090404 3F002F01", .incorrectP1P2),                           // SELECT by path from the current DF
        ("01A4080402 2F00", .incorrectP1P2),                               // SELECT asking for the FCP
        ("0120000100", .referencedDataNotFound),                           // the CPS3's PIN reference
        ("0120008104 31323334", .wrongLength),                             // an unpadded PIN
        ("0124008110 31323334FFFFFFFF 35363738FFFFFFFF", .incorrectP1P2),  // CHANGE with the old PIN
    ])
    func iasECCRefused(command: String, expected: StatusWord) throws {
        try selectApplet()
        #expect(try send(command).status == expected)
    }

    @Test("SELECT by path answers an FCI (6F) with the file's size")
    func fci() throws {
        try selectApplet()
        let selected = try send("01A4080002 D003")
        let length = try #require(selected.status.bytesAvailable)
        let fci = try send("01C00000" + String(format: "%02X", length))
        let template = try BERTLV.parseOne(fci.data)
        #expect(template.tag == 0x6F)
        #expect(try template.children().first { $0.tag == 0x80 }?.value == [0x00, 0x0C])
    }

    @Test("PSO DECIPHER with the CPS3's padding indicator and PSO CDS without data are refused")
    func cryptoForms() throws {
        try selectApplet()
        #expect(try send("0120008108 31323334FFFFFFFF").status == .success)
        #expect(try send("012241B803 830120").status == .success)
        let indicator = [UInt8]([0x81]) + [UInt8](repeating: 0x01, count: 256)
        var response = try ResponseAPDU(parsing: card.process([0x11, 0x2A, 0x80, 0x86, 0xFF] + indicator.prefix(255)))
        #expect(response.status == .success)
        response = try ResponseAPDU(parsing: card.process([0x01, 0x2A, 0x80, 0x86, 0x02] + indicator.suffix(2)))
        #expect(response.status == .incorrectData)
        #expect(try send("01228 1B604 9102 28A1".replacingOccurrences(of: " ", with: "")).status == .success)
        #expect(try send("012A9E9A00").status == .wrongLength)
        #expect(try send("01228 1B604 9102 2CA0".replacingOccurrences(of: " ", with: "")).status == .functionNotSupported)
    }
}
