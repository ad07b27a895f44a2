import Testing
@testable import SmartCard

@Suite struct StatusWordTests {
    @Test(arguments: [
        (StatusWord.success, 0x9000 as UInt16),
        (.endOfFileReached, 0x6282), (.wrongLength, 0x6700), (.securityStatusNotSatisfied, 0x6982),
        (.authenticationMethodBlocked, 0x6983), (.referenceDataNotUsable, 0x6984),
        (.conditionsNotSatisfied, 0x6985), (.commandNotAllowed, 0x6986), (.incorrectData, 0x6A80),
        (.functionNotSupported, 0x6A81), (.fileNotFound, 0x6A82), (.recordNotFound, 0x6A83),
        (.notEnoughMemory, 0x6A84), (.incorrectP1P2, 0x6A86), (.referencedDataNotFound, 0x6A88),
        (.wrongP1P2, 0x6B00), (.insNotSupported, 0x6D00), (.claNotSupported, 0x6E00),
        (.noPreciseDiagnosis, 0x6F00), (.lastCommandOfChainExpected, 0x6883),
        (.commandChainingNotSupported, 0x6884), (.memoryFailure, 0x6581),
    ])
    func namedConstants(status: StatusWord, raw: UInt16) {
        #expect(status.rawValue == raw)
        #expect(status.sw1 == UInt8(raw >> 8))
        #expect(status.sw2 == UInt8(raw & 0xFF))
        #expect(!status.meaning.contains("not defined"))
        #expect(!status.meaning.contains("unknown qualification"))
        #expect(status.isSuccess == (raw == 0x9000))
    }

    @Test(arguments: [
        (0x6982 as UInt16, "security status not satisfied"),
        (0x6A82, "file or application not found"),
        (0x6983, "authentication method blocked"),
        (0x6110, "16 more response bytes available (GET RESPONSE)"),
        (0x6100, "256 more response bytes available (GET RESPONSE)"),
        (0x6C0C, "wrong Le field: the exact length is 12"),
        (0x63C2, "verification failed, 2 tries left"),
        (0x6A8F, "checking error, unknown qualification"),
        (0x1234, "status word not defined by ISO 7816-4"),
    ])
    func meanings(raw: UInt16, meaning: String) {
        #expect(StatusWord(rawValue: raw).meaning == meaning)
    }

    @Test func descriptionShowsHexAndMeaning() {
        #expect(StatusWord.securityStatusNotSatisfied.description == "6982 (security status not satisfied)")
    }

    @Test(arguments: [(1, 0x6101 as UInt16), (0x18, 0x6118), (255, 0x61FF), (256, 0x6100)])
    func bytesAvailableRoundTrip(count: Int, raw: UInt16) {
        let status = StatusWord.bytesAvailable(count)
        #expect(status.rawValue == raw)
        #expect(status.bytesAvailable == count)
        #expect(status.exactLength == nil)
    }

    @Test(arguments: [(12, 0x6C0C as UInt16), (256, 0x6C00)])
    func wrongLeRoundTrip(exact: Int, raw: UInt16) {
        let status = StatusWord.wrongLe(exact: exact)
        #expect(status.rawValue == raw)
        #expect(status.exactLength == exact)
        #expect(status.bytesAvailable == nil)
    }

    @Test(arguments: [(3, 0x63C3 as UInt16, 3), (0, 0x63C0, 0), (20, 0x63CF, 15), (-1, 0x63C0, 0)])
    func verificationFailed(tries: Int, raw: UInt16, decoded: Int) {
        let status = StatusWord.verificationFailed(triesLeft: tries)
        #expect(status.rawValue == raw)
        #expect(status.verificationTriesLeft == decoded)
    }

    @Test func triesLeftOnlyFrom63Cx() {
        #expect(StatusWord(0x63, 0x00).verificationTriesLeft == nil)
        #expect(StatusWord(0x62, 0xC3).verificationTriesLeft == nil)
    }

    @Test func settingBytes() {
        var status = StatusWord.success
        status.sw1 = 0x6A
        status.sw2 = 0x82
        #expect(status == .fileNotFound)
        #expect(StatusWord(0x90, 0x00) == StatusWord(rawValue: 0x9000))
    }
}
