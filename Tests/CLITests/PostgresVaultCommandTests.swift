import CardStackTesting
import Foundation
import Testing

/// A vault on the PostgreSQL test server (Scripts/postgres), used through `cpsvault --store`.
extension CardCommandTests {
    static let postgresURL = ProcessInfo.processInfo.environment["CPSVAULT_TEST_POSTGRES_URL"]

    @Test("init, enrol, create a patient, add and get a record, verify the audit: on PostgreSQL with --store",
          .enabled(if: postgresURL != nil, "CPSVAULT_TEST_POSTGRES_URL names the test server"))
    func vaultOnPostgres() throws {
        // A schema of its own on the test server, which Scripts/postgres stop discards.
        let store = try #require(Self.postgresURL) + "&schema=cli_" + UUID().uuidString.lowercased()
            .replacingOccurrences(of: "-", with: "")
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--store", store, "--json"], pin: "1234", standardInput: input)
        }

        let created = try run(.admin1, ["init"])
        #expect(created.status == 0, "\(created.errorOutput)")
        #expect(try run(.admin1, ["init"]).status != 0, "a second init must find the vault there")
        let enrolled = try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path])
        #expect(enrolled.status == 0, "\(enrolled.errorOutput)")

        let identity = #"{"familyName":"Petit","givenNames":"Louise","birthDate":"1990-07-01","sex":"F","ins":"290077512345604","address":"3 place du Marché, 69001 Lyon"}"#
        let patient = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        #expect(patient.status == 0, "\(patient.errorOutput)")
        let patientID = try #require(try json(patient)["patientID"] as? String)

        let added = try run(.physician1, ["record", "add", patientID, "--type", "text/plain", "-"], input: "Vaccination à jour")
        #expect(added.status == 0, "\(added.errorOutput)")
        let recordID = try #require(try json(added)["recordID"] as? String)
        let got = try run(.physician1, ["record", "get", patientID, recordID])
        #expect(got.status == 0, "\(got.errorOutput)")
        #expect(got.output == "Vaccination à jour")

        let verified = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--store", store])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("intact"))
    }
}
