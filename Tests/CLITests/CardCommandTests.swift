import CardStackTesting
import Foundation
import Testing

/// `cpsvault` as a person or a script runs it, through the real card stack.
@Suite("cpsvault card commands", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
struct CardCommandTests {
    let stack: CardStack
    let slot = TestSlot.commandLine
    let configuration: URL

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
        configuration = try TestPKI.configurationFile()
    }

    func cpsvault(_ arguments: [String], pin: String? = nil, standardInput: String? = nil) throws -> CommandResult {
        var arguments = arguments + ["--config", configuration.path, "--reader", slot.readerName]
        if pin != nil { arguments += ["--pin-fd", "3"] }
        return try Command.run(Command.product("cpsvault"), arguments,
                               input: Data(((pin ?? "") + "\n").utf8), inputOnDescriptor3: pin != nil,
                               standardInput: standardInput.map { Data($0.utf8) })
    }

    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.outputData) as? [String: Any])
    }

    @Test("readers lists every reader, numbered, and which holds a CPS card")
    func readers() throws {
        try stack.insert(.nurse, into: slot)
        defer { stack.empty(slot) }
        let result = try Command.run(Command.product("cpsvault"), ["readers", "--json"])
        #expect(result.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: result.outputData) as? [[String: Any]])
        let entry = try #require(entries.first { $0["name"] as? String == slot.readerName })
        #expect(entry["cardPresent"] as? Bool == true)
        #expect(entry["cardType"] as? String == "CPS3 (contact)")
        #expect(entries.contains { $0["name"] as? String == TestSlot.alwaysEmpty.readerName && $0["cardPresent"] as? Bool == false })
    }

    @Test("card login with --pin-fd prints the identity from the validated certificate")
    func login() throws {
        try stack.insert(.midwife, into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "login", "--json"], pin: "1234")
        #expect(result.status == 0, "\(result.errorOutput)")
        let identity = try json(result)
        #expect(identity["profession"] as? Int == 50)
        let nationalID = try #require(identity["nationalID"] as? [String: Any])
        #expect(nationalID["kind"] as? String == "RPPS")
        #expect(!result.output.contains("1234"))
    }

    @Test("card status shows the holder and tries left without a PIN")
    func status() throws {
        try stack.insert(.pharmacist, into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "status"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("Pharmacien"))
        #expect(result.output.contains("3 tries left"))
        #expect(result.output.contains("Certificate:  valid"))
    }

    @Test("each failure has its own exit status and a message saying what to do", arguments: [
        (TestCard.physician2, "9876", Int32(20), "2 tries left"),
        (.revoked, "1234", 32, "revoked"),
        (.expired, "1234", 31, "expired"),
        (.untrusted, "1234", 30, "trust anchor"),
        (.noKeyUsage, "1234", 34, "does not allow digitalSignature, keyEncipherment"),
    ])
    func failures(card: TestCard, pin: String, status: Int32, message: String) throws {
        try stack.insert(card, into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "login"], pin: pin)
        #expect(result.status == status)
        #expect(result.errorOutput.localizedCaseInsensitiveContains(message), "\(result.errorOutput)")
        if pin != "1234" { #expect(!result.errorOutput.contains(pin)) }
    }

    @Test("an empty reader, an unknown reader and missing trust anchors are told apart")
    func environmentFailures() throws {
        let empty = try Command.run(Command.product("cpsvault"), [
            "card", "status", "--config", configuration.path, "--reader", TestSlot.alwaysEmpty.readerName])
        #expect(empty.status == 12)
        #expect(empty.errorOutput.contains("No card in reader \"\(TestSlot.alwaysEmpty.readerName)\""))
        let unknown = try Command.run(Command.product("cpsvault"), ["card", "status", "--reader", "99"])
        #expect(unknown.status == 11)
        let noAnchors = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).json")
        try Data("{}".utf8).write(to: noAnchors)
        let untrusting = try Command.run(Command.product("cpsvault"), [
            "card", "login", "--config", noAnchors.path, "--reader", TestSlot.demo.readerName, "--pin-fd", "3"],
            input: Data("1234\n".utf8), inputOnDescriptor3: true)
        #expect(untrusting.status == 78)
        #expect(untrusting.errorOutput.contains("trust anchor"))
        let missing = try Command.run(Command.product("cpsvault"), [
            "card", "status", "--config", noAnchors.path, "--trust-anchor", "/nonexistent/root.pem"])
        #expect(missing.status == 78)
        #expect(missing.errorOutput.contains("/nonexistent/root.pem"))
    }

    @Test("a script cannot force the last PIN try")
    func scriptCannotForceLastTry() throws {
        let result = try Command.run(Command.product("cpsvault"), ["card", "login", "--pin-fd", "3", "--force-last-try"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("never spends the last try"))
    }
}
