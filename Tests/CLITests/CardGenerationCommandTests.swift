import CardSimulator
import CardStackTesting
import Foundation
import Testing

/// The card commands on each generation, through the real card stack: the card named, login,
/// and the PIN change under the rules of login.
extension CardCommandTests {
    /// Runs `cpsvault card change-pin` with the current PIN on descriptor 3 and the new one on 4.
    func changePIN(from old: String, to new: String) throws -> CommandResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let oldFile = folder.appendingPathComponent("old"), newFile = folder.appendingPathComponent("new")
        try Data((old + "\n").utf8).write(to: oldFile)
        try Data((new + "\n").utf8).write(to: newFile)
        return try Command.run("/bin/sh", [
            "-c", "exec \"$0\" \"$@\" 3<'\(oldFile.path)' 4<'\(newFile.path)'", Command.product("cpsvault"),
            "card", "change-pin", "--pin-fd", "3", "--new-pin-fd", "4",
            "--config", configuration.path, "--reader", slot.readerName,
        ])
    }

    @Test("card status names the generation, the interface and the driver profile", arguments: [
        (TestCard.physician1, "CPS3", "IAS-ECC"), (.physicianCPS4, "CPS4", "ChipDoc"),
    ])
    func statusNamesTheCard(card: TestCard, generation: String, commandSet: String) throws {
        try stack.insert(card, into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "status", "--json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try json(result)
        #expect(report["generation"] as? String == generation)
        #expect(report["interface"] as? String == "contact")
        #expect(report["commandSet"] as? String == commandSet)
        #expect(report["atrKnown"] as? Bool == true)
        #expect((report["profile"] as? String)?.contains("ATR of a \(generation)") == true)
        #expect(report["pinTriesLeft"] as? Int == 3)
        let text = try cpsvault(["card", "status"])
        #expect(text.output.contains("Card:         \(generation), contact interface"), "\(text.output)")
        #expect(text.output.contains("Driver:       \(commandSet)"))
    }

    @Test("card login works on a CPS4, and readers names it")
    func loginOnCPS4() throws {
        try stack.insert(.physicianCPS4, into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "login", "--json"], pin: "1234")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(try json(result)["profession"] as? Int == 10)
        let readers = try Command.run(Command.product("cpsvault"), ["readers"])
        #expect(readers.output.contains("\(slot.readerName)  CPS4 (contact)"))
    }

    @Test("card change-pin replaces the PIN; the old one then fails and the new one logs in",
          arguments: [TestCard.physician1, .physicianCPS4])
    func changePINThenLogin(card: TestCard) throws {
        try stack.insert(card, into: slot)
        defer { stack.empty(slot) }
        let changed = try changePIN(from: "1234", to: "2580")
        #expect(changed.status == 0, "\(changed.errorOutput)")
        #expect(changed.output.contains("PIN changed"))
        #expect(!changed.output.contains("2580") && !changed.errorOutput.contains("2580"))
        let old = try cpsvault(["card", "login"], pin: "1234")
        #expect(old.status == 20)
        #expect(old.errorOutput.contains("2 tries left"), "\(old.errorOutput)")
        let new = try cpsvault(["card", "login"], pin: "2580")
        #expect(new.status == 0, "\(new.errorOutput)")
    }

    @Test("card change-pin: a wrong old PIN is not retried, and the last try is never spent by a script",
          arguments: [TestCard.physician1, .physicianCPS4])
    func changePINFailures(card: TestCard) throws {
        let counter = FileManager.default.temporaryDirectory.appendingPathComponent("tries-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: counter) }
        try stack.insert(card, into: slot, pinCounterFile: counter)
        defer { stack.empty(slot) }
        let wrong = try changePIN(from: "9999", to: "2580")
        #expect(wrong.status == 20)
        #expect(wrong.errorOutput.contains("2 tries left"), "\(wrong.errorOutput)")
        _ = try changePIN(from: "9999", to: "2580")
        let last = try changePIN(from: "1234", to: "2580")
        #expect(last.status == 22)
        #expect(last.errorOutput.contains("Only one PIN try is left"), "\(last.errorOutput)")
        #expect(try String(contentsOf: counter, encoding: .utf8).hasPrefix("1"))
    }

    @Test("card change-pin takes both PINs from descriptors or neither")
    func changePINNeedsBothDescriptors() throws {
        let result = try Command.run(Command.product("cpsvault"), ["card", "change-pin", "--pin-fd", "3"])
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("--new-pin-fd"))
    }

    @Test("a CPS3 on its contactless interface gets its own exit status, saying to use the contact slot")
    func contactless() throws {
        var profile = try TestCard.physician1.profile()
        profile.generation = .cps3Contactless
        try stack.insert(SimulatedCard(profile: profile), into: slot)
        defer { stack.empty(slot) }
        let result = try cpsvault(["card", "status"])
        #expect(result.status == 17)
        #expect(result.errorOutput.contains("contact slot"), "\(result.errorOutput)")
    }
}

/// Cards whose ATR no list names exactly, through the real card stack.
extension CardCommandTests {
    @Test("a card of unknown ATR is probed, named as what it answered, and logs in", arguments: [
        (TestCard.physicianCPS4, "3BDC18FF00001225006480000402009000", "CPS4", "ChipDoc"),  // a new CPS4 batch, under the CPS3 mask
        (.physician1, "3B021450", "CPS3", "IAS-ECC"),
    ])
    func probedCard(card: TestCard, atr: String, generation: String, commandSet: String) throws {
        var profile = try card.profile()
        profile.atr = [UInt8](hexString: atr)
        try stack.insert(SimulatedCard(profile: profile), into: slot)
        defer { stack.empty(slot) }
        let status = try cpsvault(["card", "status", "--json"])
        #expect(status.status == 0, "\(status.errorOutput)")
        let report = try json(status)
        #expect(report["generation"] as? String == generation)
        #expect(report["commandSet"] as? String == commandSet)
        #expect(report["atrKnown"] as? Bool == false)
        #expect((report["profile"] as? String)?.contains("probing") == true)
        let login = try cpsvault(["card", "login"], pin: "1234")
        #expect(login.status == 0, "\(login.errorOutput)")
    }
}
