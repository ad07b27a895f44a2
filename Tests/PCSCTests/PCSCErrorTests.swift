@testable import PCSC
import Testing

@Suite("pcsc-lite return codes as PCSCError")
struct PCSCErrorTests {
    static let reader = "CPS Reader A 00 00"

    static let mapping: [(code: UInt32, error: PCSCError)] = [
        (0x8010_001D, .serviceUnavailable),  // SCARD_E_NO_SERVICE
        (0x8010_001E, .serviceUnavailable),  // SCARD_E_SERVICE_STOPPED
        (0x8010_0013, .serviceUnavailable),  // SCARD_F_COMM_ERROR
        (0x8010_0018, .serviceUnavailable),  // SCARD_P_SHUTDOWN
        (0x8010_002E, .noReaders),  // SCARD_E_NO_READERS_AVAILABLE
        (0x8010_0009, .readerNotFound(reader)),  // SCARD_E_UNKNOWN_READER
        (0x8010_000C, .noCard(reader: reader)),  // SCARD_E_NO_SMARTCARD
        (0x8010_0069, .cardRemoved(reader: reader)),  // SCARD_W_REMOVED_CARD
        (0x8010_0068, .cardReset(reader: reader)),  // SCARD_W_RESET_CARD
        (0x8010_000B, .sharingViolation(reader: reader)),  // SCARD_E_SHARING_VIOLATION
        (0x8010_0066, .unresponsiveCard(reader: reader)),  // SCARD_W_UNRESPONSIVE_CARD
        (0x8010_0067, .unresponsiveCard(reader: reader)),  // SCARD_W_UNPOWERED_CARD
        (0x8010_0065, .unsupportedCard(reader: reader)),  // SCARD_W_UNSUPPORTED_CARD
        (0x8010_001C, .unsupportedCard(reader: reader)),  // SCARD_E_CARD_UNSUPPORTED
        (0x8010_000F, .unsupportedCard(reader: reader)),  // SCARD_E_PROTO_MISMATCH
        (0x8010_000A, .timeout),  // SCARD_E_TIMEOUT
        (0x8010_0002, .cancelled),  // SCARD_E_CANCELLED
        (0x8010_0012, .cancelled),  // SCARD_E_SYSTEM_CANCELLED
        (0x8010_0017, .readerUnavailable(reader: reader)),  // SCARD_E_READER_UNAVAILABLE
        (0x8010_0010, .readerUnavailable(reader: reader)),  // SCARD_E_NOT_READY
    ]

    @Test("each return code maps to its case", arguments: mapping)
    func maps(code: UInt32, error: PCSCError) {
        #expect(PCSCError(returnCode: code, function: "SCardConnect", reader: Self.reader) == error)
    }

    @Test("other codes keep the function, the code and pcsc-lite's text",
          arguments: [UInt32(0x8010_0003), 0x8010_0004, 0x8010_0008, 0x8010_0031, 0x1234_5678])
    func keepsOtherCodes(code: UInt32) throws {
        let error = PCSCError(returnCode: code, function: "SCardTransmit", reader: Self.reader)
        guard case .other(let function, let kept, let message) = error else {
            Issue.record("0x\(String(code, radix: 16)) mapped to \(error)")
            return
        }
        #expect(function == "SCardTransmit" && kept == code && !message.isEmpty)
        #expect(error.description.contains("SCardTransmit") && error.description.contains(String(code, radix: 16, uppercase: true)))
    }

    @Test("every description says what happened, names the reader and says what to do",
          arguments: mapping.map(\.error) + [.other(function: "SCardTransmit", code: 0x8010_0003, message: "Invalid handle.")])
    func describes(error: PCSCError) {
        #expect(!error.summary.isEmpty)
        #expect(error.remedy.count > 10 && error.remedy.hasSuffix("."))
        #expect(error.description == "\(error.summary): \(error.remedy)")
        switch error {
        case .readerNotFound(let reader), .noCard(let reader), .cardRemoved(let reader), .cardReset(let reader),
             .sharingViolation(let reader), .unresponsiveCard(let reader), .unsupportedCard(let reader),
             .readerUnavailable(let reader):
            #expect(error.description.contains("\"\(reader)\""))
        case .serviceUnavailable, .noReaders, .timeout, .cancelled, .other:
            break
        }
    }

    @Test("a reader-specific error without a known reader says \"the reader\"")
    func unnamedReader() {
        let error = PCSCError(returnCode: 0x8010_000C, function: "SCardGetStatusChange", reader: nil)
        #expect(error.description == "No card in the reader: insert the CPS card and try again.")
    }
}
