import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot {
    /// The `cps-card-sim` executable: serves cards into vpcd slots and takes insert and remove
    /// requests on its control socket while `cpsvault` uses the card.
    @Suite("cps-card-sim", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
    struct CardSimulatorCommandTests {
        @Test("a card served by cps-card-sim is seen by cpsvault, and gone once removed")
        func serveInsertRemove() throws {
            let stack = try CardStack()
            let slot = TestSlot.simulatorProcess
            stack.empty(slot)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let control = folder.appendingPathComponent("control.sock").path
            let simulator = Process()
            simulator.executableURL = URL(fileURLWithPath: try Command.product("cps-card-sim"))
            simulator.arguments = ["serve", "--control", control, "--state", folder.path]
            let output = Pipe()
            simulator.standardOutput = output
            try simulator.run()
            defer {
                simulator.terminate()
                simulator.waitUntilExit()
            }
            let sim = try Command.product("cps-card-sim")
            // The simulator says when its control socket listens.
            let ready = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            #expect(ready.contains("listening on \(control)"))
            let inserted = try Command.run(sim, ["insert", "--control", control, "--port", "\(slot.port)", TestCard.nurse.profileURL.path])
            #expect(inserted.status == 0, "\(inserted.errorOutput)")
            _ = try stack.context.waitForCard(in: slot.readerName, timeout: .seconds(10))
            let listed = try Command.run(sim, ["list", "--control", control])
            #expect(listed.output.contains("\(slot.port)=nurse"))

            let configuration = try TestPKI.configurationFile()
            let status = try Command.run(try Command.product("cpsvault"), [
                "card", "status", "--config", configuration.path, "--reader", slot.readerName])
            #expect(status.status == 0, "\(status.errorOutput)")
            #expect(status.output.contains("Infirmier"))

            let removed = try Command.run(sim, ["remove", "--control", control, "--port", "\(slot.port)"])
            #expect(removed.status == 0)
            _ = try stack.context.waitForRemoval(from: slot.readerName, timeout: .seconds(10))
            let after = try Command.run(try Command.product("cpsvault"), [
                "card", "status", "--config", configuration.path, "--reader", slot.readerName])
            #expect(after.status == 12)
        }
    }
}
