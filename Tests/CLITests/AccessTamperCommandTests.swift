import CardStackTesting
import Foundation
import Testing

/// What the command line answers once someone with write access to the database file has changed
/// what decides access, the file's triggers dropped for the change and put back after it.
extension CardCommandTests {
    /// Runs `statements` on the SQLite vault at `path` with every trigger dropped, then puts the
    /// triggers back, as an attacker with the file and the sqlite3 module would.
    static func tamper(_ path: String, _ statements: [String]) throws {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            db.execute("BEGIN")
            for name, _ in triggers: db.execute("DROP TRIGGER " + name)
            for statement in sys.argv[2:]: db.execute(statement)
            for _, sql in triggers: db.execute(sql)
            db.execute("COMMIT")
            """
        let result = try Command.run("/usr/bin/env", ["python3", "-c", script, path] + statements)
        try #require(result.status == 0, "\(result.output)")
    }

    @Test("a promoted role and a deleted opposition: the next command and audit verify exit 40, the opposed physician reads nothing")
    func accessTamperingExits40() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-bind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault, "--json"], pin: "1234", standardInput: input)
        }
        func verify() throws -> CommandResult { try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault]) }

        #expect(try run(.admin1, ["init"]).status == 0)
        for card in [TestCard.physician1, .physician2] {
            #expect(try run(.admin1, ["professional", "enrol", "--certificate", card.authenticationCertificate.path]).status == 0)
        }
        let identity = #"{"familyName":"Petit","givenNames":"Louise","birthDate":"1990-07-01","sex":"F","ins":"290077512345604","address":"3 place du Marché, 69001 Lyon"}"#
        let patient = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        let patientID = try #require(try json(patient)["patientID"] as? String)
        #expect(try run(.physician1, ["grant", "add", patientID, "--to", "810003456782"]).status == 0)
        let opposed = try run(.physician1, ["oppose", patientID, "--against", "810003456782", "--statement", "refus du patient"])
        #expect(opposed.status == 0, "\(opposed.errorOutput)")
        #expect(try verify().status == 0)

        try Self.tamper(vault, ["DELETE FROM policy_event WHERE kind = 'opposition'"])
        let read = try run(.physician2, ["record", "list", patientID])
        #expect(read.status == 40, "\(read.errorOutput)")
        #expect(read.errorOutput.contains("tampered") && !read.errorOutput.contains("810003456782"))
        let deleted = try verify()
        #expect(deleted.status == 40 && deleted.output.contains("changed outside the audit log"), "\(deleted.output)")

        try Self.tamper(vault, ["UPDATE professional SET role = 'admin' WHERE national_id = '810002345671'"])
        let promoted = try run(.physician1, ["admin", "status"])
        #expect(promoted.status == 40, "\(promoted.errorOutput)")
        #expect(try verify().status == 40)
    }
}
