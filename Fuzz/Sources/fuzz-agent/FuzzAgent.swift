import Foundation
import FuzzSupport
import VaultAgent

/// The agent's frame decoder, as the agent reads a connection: the first byte sets how many
/// bytes arrive at a time (1 to 256), the rest is the stream. Any bytes either throw
/// `AgentError` or decode; every frame re-encodes to exactly the bytes it was read from, and
/// every message that decodes as a call encodes to a call that decodes again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAgent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzEntry.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let step = Int(first) + 1
    var decoder = AgentFrameDecoder(messageLimit: AgentFrame.callLimit)
    var consumed = Data()
    var offset = 1
    while offset < bytes.count {
        let end = min(offset + step, bytes.count)
        decoder.append(bytes[offset..<end])
        consumed.append(contentsOf: bytes[offset..<end])
        offset = end
        do {
            while let frame = try decoder.next() {
                let encoded = frame.encoded
                precondition(consumed.prefix(encoded.count) == encoded, "a frame does not encode back to its bytes")
                consumed = Data(consumed.dropFirst(encoded.count))
                if frame.kind == .message { checkCall(frame) }
            }
        } catch {
            return 0
        }
    }
    try? decoder.finish()
    return 0
}

/// A message that decodes as a call re-encodes to one that decodes to the same encoding; one
/// that does not may still decode as a reply.
private func checkCall(_ frame: AgentFrame) {
    guard let call = try? AgentMessage.decode(AgentCall.self, from: frame) else {
        _ = try? AgentMessage.decode(AgentReply<Completed>.self, from: frame)
        return
    }
    guard let again = try? AgentMessage.frame(call),
          let twice = try? AgentMessage.frame(AgentMessage.decode(AgentCall.self, from: again)) else {
        preconditionFailure("a decoded call does not encode and decode again")
    }
    precondition(again == twice, "a call changed when it was decoded again")
}

/// What the agent really reads: every call a command makes, then content and its end.
enum AgentSeeds {
    static func streams() throws -> [[UInt8]] {
        let calls: [AgentCall] = [.status, .stop] + requests.map { .run($0, vault: "/var/lib/cpsvault/vault.sqlite") }
        let content = AgentFrame(.content, Data((0..<300).map { UInt8(truncatingIfNeeded: $0) })).encoded
        return try calls.map { call in
            let message = try AgentMessage.frame(call).encoded
            return [UInt8(63)] + Array(message + content + AgentFrame(.contentEnd).encoded)
        }
    }

    static let requests: [any AgentRequest] = [
        VaultRequest.ListPatients(), VaultRequest.FindPatient(ins: "284037512345678"),
        VaultRequest.AddRecord(patient: "3F2A", recordID: nil, contentType: "text/plain"),
        VaultRequest.ReadRecord(patient: "3F2A", recordID: "9B10", version: 1),
        VaultRequest.ListRecords(patient: "3F2A"), VaultRequest.RecordHistory(patient: "3F2A", recordID: "9B10"),
        VaultRequest.Grant(.remove, patient: "3F2A", nationalID: "810003456782"),
        VaultRequest.TeamGrant(.add, patient: "3F2A", team: "77C1"),
        VaultRequest.Oppose(patient: "3F2A", against: "810003456782", statement: "refused"),
        VaultRequest.StructureConsent(.remove, patient: "3F2A", statement: "withdrawn"),
        VaultRequest.RecordPatientEvent(.graveDiagnosis, patient: "3F2A", statement: "announced"),
        VaultRequest.EndHosting(patient: "3F2A", statement: "ended"),
        VaultRequest.CreateTeam(name: "Urgences"), VaultRequest.TeamMember(.remove, team: "77C1", nationalID: "810003456782"),
        VaultRequest.RemoveProfessional(nationalID: "3759999993/ADM0002"), VaultRequest.RetireVaultKeys(below: 3),
        VaultRequest.AdminStatus(),
        VaultRequest.ShowAudit(patientID: nil, actorNationalID: "810003456782", action: nil,
                               since: Date(timeIntervalSince1970: 1_800_000_000), until: nil),
    ]
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) { try AgentSeeds.streams() }
    return 0
}
