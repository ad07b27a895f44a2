import Foundation
import Testing
@testable import VaultAgent

@Suite("The agent's frame codec")
struct AgentFrameTests {
    static let frames: [AgentFrame] = [
        AgentFrame(.message, Data(#"{"version":2,"call":"status"}"#.utf8)),
        AgentFrame(.message),
        AgentFrame(.content, Data([0x00])),
        AgentFrame(.content, Data((0..<AgentFrame.contentLimit).map { UInt8(truncatingIfNeeded: $0) })),
        AgentFrame(.contentEnd),
    ]

    @Test("a frame encodes as kind, 4-byte big-endian length and payload, and decodes to itself", arguments: frames)
    func roundTrip(frame: AgentFrame) throws {
        let bytes = frame.encoded
        #expect(bytes.count == AgentFrame.headerSize + frame.payload.count)
        #expect(bytes.first == frame.kind.rawValue)
        #expect(Array(bytes.dropFirst().prefix(4)) == withUnsafeBytes(of: UInt32(frame.payload.count).bigEndian) { Array($0) })
        var decoder = AgentFrameDecoder()
        decoder.append(bytes)
        #expect(try decoder.next() == frame)
        #expect(try decoder.next() == nil)
        #expect(decoder.isEmpty)
        try decoder.finish()
    }

    @Test("frames arriving a byte at a time come out whole and in order, never early")
    func byteAtATime() throws {
        var decoder = AgentFrameDecoder()
        var decoded: [AgentFrame] = []
        for byte in Self.frames.reduce(Data(), { $0 + $1.encoded }) {
            #expect(try decoder.bytesNeeded() >= 1)
            decoder.append([byte])
            while let frame = try decoder.next() { decoded.append(frame) }
        }
        #expect(decoded == Self.frames)
        try decoder.finish()
    }

    @Test("bytesNeeded asks for the header, then exactly the payload")
    func bytesNeeded() throws {
        var decoder = AgentFrameDecoder()
        #expect(try decoder.bytesNeeded() == 5)
        let frame = AgentFrame(.content, Data(repeating: 7, count: 300)).encoded
        decoder.append(frame.prefix(5))
        #expect(try decoder.bytesNeeded() == 300)
        decoder.append(frame.dropFirst(5).prefix(100))
        #expect(try decoder.bytesNeeded() == 200)
    }

    @Test("a stream cut inside a frame is refused as truncated", arguments: [1, 4, 5, 6, 40])
    func truncated(kept: Int) throws {
        let bytes = AgentFrame(.message, Data(repeating: 0x41, count: 41)).encoded.prefix(kept)
        var decoder = AgentFrameDecoder()
        decoder.append(bytes)
        #expect(try decoder.next() == nil)
        #expect {
            try decoder.finish()
        } throws: { error in
            guard case AgentError.truncatedFrame(let missing) = error else { return false }
            return missing >= 1 && "\(error)".contains("short of the end of a frame")
        }
    }

    @Test("an unknown kind byte is refused before anything else is read", arguments: [0, 4, 0x7B, 0xFF] as [UInt8])
    func unknownKind(kind: UInt8) throws {
        var decoder = AgentFrameDecoder()
        decoder.append([kind, 0, 0, 0, 1])
        #expect(throws: AgentError.self) { try decoder.next() }
        #expect(throws: AgentError.self) { try decoder.bytesNeeded() }
        do {
            _ = try decoder.next()
        } catch {
            #expect("\(error)".contains("unknown frame kind \(kind)"))
            #expect("\(error)".contains("use the same cpsvault version"))
        }
    }

    /// Headers announcing more than their kind may carry, refused with no payload sent.
    static let oversizedHeaders: [(kind: AgentFrame.Kind, length: UInt32, messageLimit: Int)] = [
        (.content, UInt32(AgentFrame.contentLimit + 1), AgentFrame.messageLimit),
        (.contentEnd, 1, AgentFrame.messageLimit),
        (.message, UInt32(AgentFrame.callLimit + 1), AgentFrame.callLimit),
        (.message, UInt32.max, AgentFrame.messageLimit),
    ]

    @Test("a header announcing more than its kind allows is refused before its payload arrives", arguments: oversizedHeaders)
    func oversized(kind: AgentFrame.Kind, length: UInt32, messageLimit: Int) throws {
        var decoder = AgentFrameDecoder(messageLimit: messageLimit)
        decoder.append([kind.rawValue] + withUnsafeBytes(of: length.bigEndian) { Array($0) })
        #expect {
            try decoder.next()
        } throws: { error in
            guard case AgentError.oversizedFrame(let refusedKind, let refusedLength, _) = error else { return false }
            return refusedKind == kind && refusedLength == Int(length) && "\(error)".contains("more than the")
        }
    }

    @Test("a frame over the limit decodes once the limit allows it")
    func limitIsTheDecoders() throws {
        let frame = AgentFrame(.message, Data(repeating: 0x20, count: 100))
        var strict = AgentFrameDecoder(messageLimit: 99)
        strict.append(frame.encoded)
        #expect(throws: AgentError.self) { try strict.next() }
        var exact = AgentFrameDecoder(messageLimit: 100)
        exact.append(frame.encoded)
        #expect(try exact.next() == frame)
    }
}
