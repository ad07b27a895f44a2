import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import Testing
import VaultAgent
import VaultCore
import VaultCrypto

/// The agent's checkpoints, counted on the simulated card behind its session: a `record get`
/// through the agent spends no private-key operation, the card signs as the schedule says and,
/// when the agent stops, only if something is unsigned.
@Suite("The agent's checkpoints")
struct AgentCheckpointTests {
    /// A vault with one patient and one record, and physician-1's session on a card kept to
    /// count what it performs.
    final class Served {
        let folder: URL
        let vault: Vault
        let card: SimulatedCard
        let session: VaultSession
        let patient: PatientID
        let record: RecordID
        static let content = Data("Compte rendu de consultation".utf8)

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            let trust = try TestPKI.trust()
            vault = try VaultLocation.file(path: folder.appendingPathComponent("vault.sqlite").path)
                .create(administrator: TestCard.admin1.authenticatedInProcess(trust: trust), recoveryCertificate: nil, trust: trust)
            let administrator = try VaultSession.open(vault, card: TestCard.admin1.authenticatedInProcess(trust: trust))
            try administrator.administration.enrol(try X509Certificate.loadPEMFile(TestCard.physician1.authenticationCertificate.path)[0])
            administrator.end()
            card = try SimulatedCard(profile: TestCard.physician1.profile())
            session = try VaultSession.open(vault, card: TestCard.authenticated(card, trust: trust))
            patient = try session.care.createPatient(
                PatientIdentity(familyName: "Durand", givenNames: "Camille", birthDate: "1984-03-12", sex: "F",
                                ins: "284037512345640", address: "12 rue des Lilas, 75011 Paris"),
                hostingConsent: "signed form")
            var offered = false
            record = try session.care.addRecord(patient: patient, contentType: "text/plain") { _ in
                defer { offered = true }
                return offered ? Data() : Self.content
            }.recordID
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Serves the session in an agent on a thread of its own with `schedule`, runs `body`
        /// with a client, stops the agent and waits until it has ended.
        func throughAgent(_ schedule: CheckpointSchedule, _ body: (AgentClient) throws -> Void) throws {
            let socket = folder.appendingPathComponent("run/agent.sock").path
            let server = try AgentServer(session: session, reader: "in-process", socketPath: socket, idleTimeout: .seconds(600),
                                         checkpoints: schedule, exitStatus: { _ in 1 })
            let ended = DispatchSemaphore(value: 0)
            // The server is served from that one thread only; this thread only waits for it.
            nonisolated(unsafe) let served = server
            Thread.detachNewThread {
                _ = served.serve()
                ended.signal()
            }
            defer { ended.wait() }
            let client = AgentClient(path: socket, required: true)
            defer { try? client.stop() }
            try body(client)
        }

        /// `record get` through the agent; the content it downloaded.
        func readThrough(_ client: AgentClient) throws -> Data {
            let url = folder.appendingPathComponent(UUID().uuidString)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let output = try FileHandle(forWritingTo: url)
            _ = try client.perform(VaultRequest.ReadRecord(patient: patient, recordID: record, version: nil),
                                   vault: vault.path, input: nil, output: output)
            try output.close()
            return try Data(contentsOf: url)
        }
    }

    @Test("record get through a running agent spends no card operation; stopping signs what is unsigned, once")
    func noCardOperationPerRequest() throws {
        let served = try Served()
        try served.session.auditTrail.signAuditCheckpoint()
        let before = served.card.privateKeyOperations
        try served.throughAgent(CheckpointSchedule(interval: .seconds(3600), entries: 1000)) { client in
            for _ in 0..<20 {
                let content = try served.readThrough(client)
                #expect(content == Served.content)
            }
            #expect(served.card.privateKeyOperations == before)
        }
        #expect(served.card.privateKeyOperations == before + 1, "one checkpoint when the agent stopped")
        let report = try AuditVerifier.verify(served.vault)
        #expect(report.isIntact && report.unsignedEntries == 0)
    }

    @Test("an agent with nothing unsigned signs nothing when it stops")
    func nothingUnsignedNothingSigned() throws {
        let served = try Served()
        try served.session.auditTrail.signAuditCheckpoint()
        let before = served.card.privateKeyOperations
        try served.throughAgent(.standard) { client in
            _ = try client.status()
        }
        #expect(served.card.privateKeyOperations == before)
    }

    @Test("the card signs once the schedule's number of entries waits unsigned, between requests")
    func signsEveryMEntries() throws {
        let served = try Served()
        try served.session.auditTrail.signAuditCheckpoint()
        let before = served.card.privateKeyOperations
        let reads = 12
        try served.throughAgent(CheckpointSchedule(interval: .seconds(3600), entries: 5)) { client in
            for _ in 0..<reads { _ = try served.readThrough(client) }
            // The stop call is served after the agent has looked at the log following the last read.
            _ = try client.status()
            #expect(served.card.privateKeyOperations == before + reads / 5)
        }
        #expect(try AuditVerifier.verify(served.vault).unsignedEntries == 0)
    }
}
