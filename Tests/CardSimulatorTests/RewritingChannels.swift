import CardSimulator
import SmartCard

/// A channel to a simulated card that changes some of its answers, so that the driver meets encodings
/// the simulated layouts do not write themselves but ISO 7816-4 allows and other cards use. Subclasses
/// answer the commands they rewrite and return nil for the card to answer the others.
class RewritingChannel: CardChannel, @unchecked Sendable {
    let card: SimulatedCard

    init(card: SimulatedCard) { self.card = card }

    var transmissionProtocol: TransmissionProtocol { .t0 }

    func transmit(_ command: [UInt8]) throws -> [UInt8] {
        try rewrite(command) ?? card.process(command)
    }

    func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] {
        try transmit(Array(command))
    }

    func rewrite(_ command: [UInt8]) throws -> [UInt8]? { nil }

    /// The card's FCP answer to GET RESPONSE `command`, changed by `change`.
    func changingFCP(_ command: [UInt8], _ change: (inout FileControlParameters) -> Void) throws -> [UInt8] {
        let parsed = try ResponseAPDU(parsing: card.process(command))
        var fcp = try FileControlParameters(parsing: parsed.data)
        change(&fcp)
        return ResponseAPDU(data: fcp.encoded, status: parsed.status).encoded
    }
}

/// Answers each FCP as other cards do: inside an FCI template 6F, with tag 88 empty, a proprietary 85
/// and A5, and 00 padding after the template.
final class FCIAnsweringChannel: RewritingChannel, @unchecked Sendable {
    private(set) var rewritten = 0

    override func rewrite(_ command: [UInt8]) throws -> [UInt8]? {
        let response = card.process(command)
        guard command.count > 1, command[1] == 0xC0, let parsed = try? ResponseAPDU(parsing: response),
              let template = try? BERTLV.parseOne(parsed.data), template.tag == 0x62 else {
            return response
        }
        let fields = try template.children().map { $0.tag == 0x88 ? BERTLV(tag: 0x88, value: []) : $0 }
            + [BERTLV(tag: 0x85, value: [0x01]), BERTLV(tag: 0xA5, value: [0x80, 0x00])]
        rewritten += 1
        let fci = BERTLV(tag: 0x6F, children: fields).encoded + [0x00, 0x00]
        return ResponseAPDU(data: fci, status: parsed.status).encoded
    }
}

/// Keeps EF.DIR as a linear variable record file: its FCP says so, and READ RECORD answers one
/// application template per record, then `6A 83`.
final class RecordDirectoryChannel: RewritingChannel, @unchecked Sendable {
    let records: [[UInt8]]
    private var directorySelected = false
    private(set) var recordsRead = 0

    init(card: SimulatedCard, records: [[UInt8]]) {
        self.records = records
        super.init(card: card)
    }

    override func rewrite(_ command: [UInt8]) throws -> [UInt8]? {
        switch command.count > 1 ? command[1] : 0 {
        case 0xA4:
            directorySelected = command.suffix(4) == [0x3F, 0x00, 0x2F, 0x00]
            return nil
        case 0xB2 where directorySelected:
            recordsRead += 1
            let number = Int(command[2])
            guard (1...records.count).contains(number) else { return ResponseAPDU(status: .recordNotFound).encoded }
            return ResponseAPDU(data: records[number - 1], status: .success).encoded
        case 0xC0 where directorySelected:
            return try changingFCP(command) { fcp in
                fcp.descriptor = [0x04]
                fcp.size = nil
            }
        default:
            return nil
        }
    }
}

/// Serves one file, selected by its path from the MF, with other content.
final class FileReplacingChannel: RewritingChannel, @unchecked Sendable {
    let path: [UInt8]
    let content: [UInt8]
    private var selected = false
    private(set) var bytesServed = 0

    init(card: SimulatedCard, path: [UInt8], content: [UInt8]) {
        self.path = path
        self.content = content
        super.init(card: card)
    }

    override func rewrite(_ command: [UInt8]) throws -> [UInt8]? {
        switch command.count > 4 ? command[1] : 0 {
        case 0xA4:
            selected = Array(command.dropFirst(5)) == path
            return nil
        case 0xC0 where selected:
            return try changingFCP(command) { $0.size = content.count }
        case 0xB0 where selected:
            let offset = Int(command[2]) << 8 | Int(command[3])
            let wanted = command[4] == 0 ? 256 : Int(command[4])
            let part = Array(content[offset..<min(content.count, offset + wanted)])
            bytesServed += part.count
            return ResponseAPDU(data: part, status: .success).encoded
        default:
            return nil
        }
    }
}
