import Testing
import SmartCard

@Suite struct CardChannelSendTests {
    @Test func t0StripsLeFromCase4AndFetchesResponse() throws {
        let digestInfo = [UInt8](repeating: 0xAB, count: 0x33)
        let signature = [UInt8](repeating: 0x5A, count: 256)
        let channel = ScriptedChannel(.t0, responses: [[0x61, 0x00], signature + [0x90, 0x00]])
        let command = CommandAPDU(ins: 0x88, p1: 0, p2: 0, data: digestInfo, expectedLength: 256)

        let response = try channel.send(command)

        #expect(response == ResponseAPDU(data: signature, status: .success))
        #expect(channel.sent == [[0x00, 0x88, 0x00, 0x00, 0x33] + digestInfo, [0x00, 0xC0, 0x00, 0x00, 0x00]])
    }

    @Test func t1KeepsLe() throws {
        let channel = ScriptedChannel(.t1, responses: [[0x01, 0x90, 0x00]])
        _ = try channel.send(CommandAPDU(ins: 0x88, p1: 0, p2: 0, data: [7], expectedLength: 256))
        #expect(channel.sent == [[0x00, 0x88, 0x00, 0x00, 0x01, 0x07, 0x00]])
    }

    @Test func t0KeepsLeOfCase2() throws {
        let channel = ScriptedChannel(.t0, responses: [[0x01, 0x90, 0x00]])
        _ = try channel.send(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 0x39))
        #expect(channel.sent == [[0x00, 0xB0, 0x00, 0x00, 0x39]])
    }

    @Test func chainedGetResponsesAreConcatenated() throws {
        let channel = ScriptedChannel(.t0, responses: [
            [0x61, 0x02], [0x01, 0x02, 0x61, 0x03], [0x03, 0x04, 0x05, 0x90, 0x00],
        ])
        let response = try channel.send(CommandAPDU(cla: 0x10, ins: 0x2A, p1: 0x80, p2: 0x86, data: [0x81]))
        #expect(response.data == [1, 2, 3, 4, 5])
        #expect(response.status == .success)
        // GET RESPONSE drops the chaining bit of the command's CLA.
        #expect(channel.sent.dropFirst() == [[0x00, 0xC0, 0x00, 0x00, 0x02], [0x00, 0xC0, 0x00, 0x00, 0x03]])
    }

    @Test func finalStatusOfGetResponseIsKept() throws {
        let channel = ScriptedChannel(.t0, responses: [[0x61, 0x02], [0x01, 0x02, 0x62, 0x82]])
        let response = try channel.send(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 4))
        #expect(response == ResponseAPDU(data: [1, 2], status: .endOfFileReached))
    }

    @Test func wrongLeResendsOnceWithExactLength() throws {
        let serial: [UInt8] = [0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04, 0x05]
        let channel = ScriptedChannel(.t0, responses: [[0x6C, 0x0C], serial + [0x90, 0x00]])
        let response = try channel.send(CommandAPDU(ins: 0xB0, p1: 0x9C, p2: 0x00, expectedLength: 0xC0))
        #expect(response.data == serial)
        #expect(channel.sent == [[0x00, 0xB0, 0x9C, 0x00, 0xC0], [0x00, 0xB0, 0x9C, 0x00, 0x0C]])
    }

    @Test func wrongLeIsResentOnlyOnce() throws {
        let channel = ScriptedChannel(.t0, responses: [[0x6C, 0x0C], [0x6C, 0x0B]])
        let response = try channel.send(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 0xC0))
        #expect(response.status == .wrongLe(exact: 0x0B))
        #expect(channel.sent.count == 2)
    }

    @Test func endlessGetResponseIsBounded() {
        let channel = RepeatingChannel(answer: [0xAA, 0x61, 0x01])
        #expect(throws: SmartCardError.tooManyResponseParts(limit: channel.maximumGetResponseRounds)) {
            try channel.send(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 1))
        }
        #expect(channel.transmitted == channel.maximumGetResponseRounds + 1)
    }

    @Test(arguments: [[UInt8](), [0x90]])
    func shortResponseThrows(answer: [UInt8]) {
        let channel = ScriptedChannel(.t1, responses: [answer])
        #expect(throws: SmartCardError.self) {
            try channel.send(CommandAPDU(ins: 0xA4, p1: 0, p2: 0))
        }
    }

    @Test func transportErrorsPassThrough() {
        let channel = ScriptedChannel(.t1, responses: [])
        #expect(throws: ScriptedChannel.ScriptExhausted.self) {
            try channel.send(CommandAPDU(ins: 0xA4, p1: 0, p2: 0))
        }
    }

    @Test func decipherIsChainedLikeOpenSC() throws {
        let cryptogram = [UInt8](repeating: 0xC3, count: 256)
        let plaintext = [UInt8](repeating: 0x11, count: 32)
        let channel = ScriptedChannel(.t0, responses: [[0x90, 0x00], [0x61, 0x20], plaintext + [0x90, 0x00]])
        let command = CommandAPDU(ins: 0x2A, p1: 0x80, p2: 0x86, data: [0x81] + cryptogram, expectedLength: 256)

        let response = try channel.sendChained(command)

        #expect(response == ResponseAPDU(data: plaintext, status: .success))
        #expect(channel.sent == [
            [0x10, 0x2A, 0x80, 0x86, 0xFF, 0x81] + cryptogram.prefix(254),
            [0x00, 0x2A, 0x80, 0x86, 0x02] + cryptogram.suffix(2),
            [0x00, 0xC0, 0x00, 0x00, 0x20],
        ])
    }

    @Test func chainingStopsAtFirstError() throws {
        let channel = ScriptedChannel(.t1, responses: [[0x90, 0x00], [0x68, 0x84]])
        let command = CommandAPDU(ins: 0xDA, p1: 0, p2: 0, data: Array(repeating: 1, count: 25))
        let response = try channel.sendChained(command, chunkSize: 10)
        #expect(response.status == .commandChainingNotSupported)
        #expect(channel.sent.map(\.first) == [0x10, 0x10])
        #expect(channel.sent.map(\.count) == [15, 15])
    }

    @Test func shortDataIsNotChained() throws {
        let channel = ScriptedChannel(.t1, responses: [[0x90, 0x00]])
        _ = try channel.sendChained(CommandAPDU(ins: 0xDA, p1: 0, p2: 0, data: [1, 2]))
        #expect(channel.sent == [[0x00, 0xDA, 0x00, 0x00, 0x02, 1, 2]])
    }

    @Test(arguments: [0, 256])
    func chunkSizeIsChecked(chunkSize: Int) {
        let channel = ScriptedChannel(.t1, responses: [])
        #expect(throws: SmartCardError.self) {
            try channel.sendChained(CommandAPDU(ins: 0xDA, p1: 0, p2: 0, data: [1]), chunkSize: chunkSize)
        }
        #expect(channel.sent.isEmpty)
    }
}
