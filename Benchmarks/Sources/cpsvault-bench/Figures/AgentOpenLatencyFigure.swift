import CardSimulator
import CPSCard
import Foundation
import VaultAgent
import VaultCore

/// `record get` through a running agent whose card is as slow as a real CPS3 (`CardLatency.cps3`):
/// the client's call from connecting to the last byte and the agent's answer, p50 and p99 over
/// 200 opens. The agent signs its checkpoints between requests on its schedule, so no card
/// operation is on the path; the card counts its private-key operations to show it. Baseline: the
/// same open in the same session, in process, without the agent.
///
/// The card sits in this process behind an in-process channel (no pcscd): a request through
/// the agent does not reach the card, which the count shows.
struct AgentOpenLatencyFigure: Figure {
    static let opens = 200
    static let warmUp = 20
    static let recordSize = 1024

    var name: String { "agent-open-latency" }
    var title: String { "record get through a running agent, cps3 card latency, p99 over \(Self.opens) opens" }
    var baselineDescription: String? { "the same open in the agent's session, in process, without the agent" }
    var requirements: [Requirement] { [.atMost(20), .secondaryAtMost("card operations", 0)] }

    func measure(scale: Double) throws -> Outcome {
        let fixture = try BenchVault(patients: 1)
        defer { fixture.remove() }
        let patient = fixture.patients[0]
        let content = Data((0..<Self.recordSize).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let record = try fixture.physician.care.addBenchRecord(content, patient: patient).recordID
        let card = try BenchCards.simulated("physician-1", latency: .cps3)
        var session: VaultSession?
        let sessionOpen = try Stopwatch.seconds {
            session = try VaultSession.open(fixture.vault, card: BenchCards.authenticate(
                CPS3ContactDriver(channel: InProcessCardChannel(card: card))))
        }
        guard let session else { throw BenchError("no session") }
        defer { session.end() }
        try session.auditTrail.signAuditCheckpoint()

        // The request as a command sends it; the content arrives in a file as `record get -o` writes it.
        let output = fixture.folder.appendingPathComponent("record")
        let request = VaultRequest.ReadRecord(patient: patient, recordID: record, version: nil)
        func openThroughAgent(_ client: AgentClient) throws {
            FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            defer { try? handle.close() }
            _ = try client.perform(request, vault: fixture.vault.path, input: nil, output: handle)
        }
        func openInProcess() throws {
            var bytes = 0
            try session.care.readRecord(patient: patient, recordID: record) { bytes += $0.count }
            guard bytes == Self.recordSize else { throw BenchError("a record opened to \(bytes) bytes") }
        }

        // What an open cost when the card signed a checkpoint after every request, as before.
        try openInProcess()
        let signedEachTime = try (0..<5).map { _ in
            try Stopwatch.seconds { try session.auditTrail.signingAuditHead(openInProcess) } * 1000
        }

        let socket = fixture.folder.appendingPathComponent("agent/agent.sock").path
        let server = try AgentServer(session: session, reader: "in-process", socketPath: socket, idleTimeout: .seconds(3600),
                                     exitStatus: { _ in 1 })
        let ended = DispatchSemaphore(value: 0)
        // Served on its own thread only; this one talks to it through the socket.
        nonisolated(unsafe) let serving = server
        Thread.detachNewThread {
            _ = serving.serve()
            ended.signal()
        }
        let client = AgentClient(path: socket, required: true)
        var running = true
        defer {
            if running {
                try? client.stop()
                ended.wait()
            }
        }
        for _ in 0..<Self.warmUp {
            try openThroughAgent(client)
            try openInProcess()
        }
        let before = card.privateKeyOperations
        var agent: [Double] = []
        var direct: [Double] = []
        // Interleaved, so that both see the same machine.
        for _ in 0..<Self.opens {
            agent.append(try Stopwatch.seconds { try openThroughAgent(client) } * 1000)
            direct.append(try Stopwatch.seconds(openInProcess) * 1000)
        }
        let operations = card.privateKeyOperations - before
        guard try Data(contentsOf: output).count == Self.recordSize else { throw BenchError("the agent sent a short record") }
        let stop = try Stopwatch.seconds {
            try client.stop()
            ended.wait()
        }
        running = false
        let signedAtStop = card.privateKeyOperations - before - operations
        return Outcome(
            measured: .cost(Stopwatch.percentile(0.99, of: agent), "ms (p99)"),
            baseline: .cost(Stopwatch.percentile(0.99, of: direct), "ms (p99)"),
            secondary: ["p50": (.cost(Stopwatch.percentile(0.5, of: agent), "ms"), .cost(Stopwatch.percentile(0.5, of: direct), "ms")),
                        "card operations": (.cost(Double(operations), "private-key operations"), nil)],
            notes: ["\(Self.opens) opens of a \(Self.recordSize) B record after \(Self.warmUp) to warm up; agent p50 "
                        + "\(Stopwatch.percentile(0.5, of: agent).formatted(digits: 2)) ms, max \((agent.max() ?? 0).formatted(digits: 2)) ms",
                    "the session opened in \(sessionOpen.formatted(digits: 2)) s with the cps3 card; agent stop took "
                        + "\(stop.formatted(digits: 2)) s with \(signedAtStop) checkpoint signature(s) for the entries left unsigned",
                    "an open with a checkpoint signed after it, as every agent request cost before: median "
                        + "\(Stopwatch.median(signedEachTime).formatted(digits: 0)) ms"])
    }
}
