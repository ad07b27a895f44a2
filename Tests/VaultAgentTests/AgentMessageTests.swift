import Foundation
import Testing
import VaultCore
@testable import VaultAgent

@Suite("The agent's calls and replies")
struct AgentMessageTests {
    static let patient = try! PatientID(parsing: "3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C")
    static let record = try! RecordID(parsing: "9B10E4D2C7A15F3B6E8D0C2A4F1B7E95")
    static let team = try! TeamID(parsing: "77C1A0B2C3D4E5F60718293A4B5C6D7E")

    /// One request of each kind, as a command would send it.
    static let requests: [any AgentRequest] = [
        VaultRequest.ListPatients(), VaultRequest.FindPatient(ins: "284037512345678"),
        VaultRequest.CreatePatient(identity: PatientIdentity(familyName: "Durand", givenNames: "Alice", birthDate: "1984-03-12",
                                                             sex: "F", ins: "284037512345678", address: "12 rue de la Paix"),
                                   hostingConsent: "signed form"),
        VaultRequest.AddRecord(patient: patient, recordID: nil, contentType: "text/plain"),
        VaultRequest.ReadRecord(patient: patient, recordID: record, version: 2),
        VaultRequest.ListRecords(patient: patient), VaultRequest.RecordHistory(patient: patient, recordID: record),
        VaultRequest.Grant(.add, patient: patient, nationalID: "810003456782"),
        VaultRequest.TeamGrant(.remove, patient: patient, team: team),
        VaultRequest.Oppose(patient: patient, against: "810003456782", statement: "said at the desk"),
        VaultRequest.StructureConsent(.add, patient: patient, statement: "signed"),
        VaultRequest.RecordPatientEvent(.deceased, patient: patient, statement: "certificate of death"),
        VaultRequest.EndHosting(patient: patient, statement: "moved"),
        VaultRequest.CreateTeam(name: "Cardiologie"), VaultRequest.TeamMember(.add, team: team, nationalID: "810003456782"),
        VaultRequest.RemoveProfessional(nationalID: "810003456782"), VaultRequest.RetireVaultKeys(below: 2),
        VaultRequest.AdminStatus(),
        VaultRequest.ShowAudit(patientID: patient, actorNationalID: nil, action: "record.read",
                               since: Date(timeIntervalSince1970: 1_800_000_000), until: nil),
    ]

    @Test("every request of the vocabulary has its own name")
    func namesAreUnique() {
        let names = AgentVocabulary.requests.map { $0.name }
        #expect(Set(names).count == names.count)
        // Every request is sampled above but the two that carry a certificate.
        #expect(Set(Self.requests.map { type(of: $0).name }).count == names.count - 2)
        for request in Self.requests {
            #expect(AgentVocabulary.request(named: type(of: request).name) != nil)
        }
    }

    @Test("a run call carries its request, by name, and the vault", arguments: requests.indices)
    func runRoundTrip(index: Int) throws {
        let request = Self.requests[index]
        let frame = try AgentMessage.frame(AgentCall.run(request, vault: "/srv/vault.sqlite"))
        let text = String(decoding: frame.payload, as: UTF8.self)
        #expect(text.contains(#""version":2"#))
        #expect(text.contains(#""request":"\#(type(of: request).name)""#))
        guard case .run(let decoded, let vault) = try AgentMessage.decode(AgentCall.self, from: frame) else {
            Issue.record("not a run call: \(text)")
            return
        }
        #expect(vault == "/srv/vault.sqlite")
        #expect(type(of: decoded) == type(of: request))
        #expect(try AgentMessage.frame(AgentCall.run(decoded, vault: vault)) == frame)
    }

    @Test("status and stop are calls without a request")
    func controlCalls() throws {
        guard case .status = try AgentMessage.decode(AgentCall.self, from: AgentMessage.frame(AgentCall.status)),
              case .stop = try AgentMessage.decode(AgentCall.self, from: AgentMessage.frame(AgentCall.stop)) else {
            Issue.record("a control call changed on the way")
            return
        }
    }

    @Test("a call of another protocol version is refused, saying which")
    func otherVersion() throws {
        let frame = AgentFrame(.message, Data(#"{"version":1,"call":"status"}"#.utf8))
        #expect {
            try AgentMessage.decode(AgentCall.self, from: frame)
        } throws: { error in
            guard case AgentError.unsupportedVersion(1) = error else { return false }
            return "\(error)".contains("protocol version 1, where this one speaks 2")
        }
    }

    @Test("a call naming no known request is refused, saying which")
    func unknownRequest() throws {
        let frame = AgentFrame(.message, Data(#"{"version":2,"call":"run","request":"shred","vault":"v","body":{}}"#.utf8))
        #expect {
            try AgentMessage.decode(AgentCall.self, from: frame)
        } throws: { error in
            guard case AgentError.unknownRequest("shred") = error else { return false }
            return "\(error)".contains(#"an unknown request "shred""#)
        }
    }

    static let malformed: [String] = [
        "", "null", "[]", #"{"call":"status"}"#, #"{"version":2,"call":"dance"}"#,
        #"{"version":2,"call":"run","request":"findPatient","vault":"v"}"#,
        #"{"version":2,"call":"run","request":"findPatient","vault":"v","body":{"ins":7}}"#,
    ]

    @Test("JSON that is not a call is refused as a misunderstanding", arguments: malformed)
    func malformedCall(text: String) throws {
        #expect {
            try AgentMessage.decode(AgentCall.self, from: AgentFrame(.message, Data(text.utf8)))
        } throws: { error in
            guard case AgentError.protocolViolation = error else { return false }
            return "\(error)".contains("a message could not be decoded")
        }
    }

    @Test("record content where a message is expected is refused")
    func contentForMessage() throws {
        #expect(throws: AgentError.self) {
            try AgentMessage.decode(AgentCall.self, from: AgentFrame(.content, Data("{}".utf8)))
        }
    }

    @Test("replies carry a typed result, a failure with its exit status, or the acceptance")
    func replies() throws {
        let result = try AgentMessage.decode(AgentReply<[String]>.self,
                                             from: AgentMessage.frame(AgentReply<[String]>.result(["a", "b"])))
        guard case .result(let values) = result else { Issue.record("not a result"); return }
        #expect(values == ["a", "b"])

        let failure = AgentFailure(message: "No such record", status: 55, servesOtherVault: true)
        guard case .failure(let decoded) = try AgentMessage.decode(
            AgentReply<Completed>.self, from: AgentMessage.frame(AgentReply<Completed>.failure(failure))) else {
            Issue.record("not a failure"); return
        }
        #expect(decoded.message == "No such record" && decoded.status == 55 && decoded.servesOtherVault)

        let accepted = try AgentMessage.frame(AgentReply<Completed>.accepted)
        #expect(String(decoding: accepted.payload, as: UTF8.self) == #"{"reply":"accepted"}"#)
        // A result of the wrong type is a misunderstanding, not a crash.
        #expect(throws: AgentError.self) {
            try AgentMessage.decode(AgentReply<Int>.self, from: AgentMessage.frame(AgentReply<[String]>.result(["a"])))
        }
    }
}
