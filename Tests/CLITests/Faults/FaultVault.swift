import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot {
    /// The fault harness: `cpsvault` killed with SIGKILL mid-way, pcscd restarted under a session,
    /// a full disk, concurrent writers. Each case ends with every committed record opening
    /// byte-equal and `cpsvault audit verify` clean. `Scripts/faults --trials N` runs more trials.
    @Suite("Faults", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
    enum FaultTests {
        /// How many random kill points a case tries: `CPSVAULT_FAULT_TRIALS` when set (Scripts/faults),
        /// else `standard`.
        static func trials(_ standard: Int) -> Int {
            ProcessInfo.processInfo.environment["CPSVAULT_FAULT_TRIALS"].flatMap(Int.init) ?? standard
        }
    }
}

/// A vault in a folder of its own, made by admin-1 with physician-1 enrolled, driven through
/// `cpsvault` with one card at a time in `TestSlot.simulatorProcess`.
final class FaultVault {
    private(set) var stack: CardStack
    let slot = TestSlot.simulatorProcess
    let configuration: URL
    let folder: URL
    let vault: String
    private var inserted: TestCard?

    /// Creates the vault under `folder` (a fresh temporary folder when nil).
    init(folder given: URL? = nil) throws {
        stack = try CardStack()
        stack.empty(slot)
        configuration = try TestPKI.configurationFile()
        folder = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        vault = folder.appendingPathComponent("vault.sqlite").path
        try require(run(.admin1, ["init"]))
        try require(run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path]))
    }

    deinit {
        stack.empty(slot)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Puts `card` in the slot unless it is there already.
    func insert(_ card: TestCard) throws {
        guard inserted != card else { return }
        stack.empty(slot)
        inserted = nil
        try stack.insert(card, into: slot)
        inserted = card
    }

    /// Forgets which card is in the slot, after something outside the stack pulled it.
    func forgetCard() {
        inserted = nil
    }

    /// Connects to pcscd again after it restarted; the slot is emptied.
    func reconnect() throws {
        stack = try CardStack()
        stack.empty(slot)
        inserted = nil
    }

    /// The arguments every card command takes: configuration, reader, vault, PIN on fd 3, JSON.
    func arguments(_ arguments: [String]) -> [String] {
        arguments + ["--config", configuration.path, "--reader", slot.readerName, "--vault", vault, "--pin-fd", "3", "--json"]
    }

    /// Runs `cpsvault` with `card` in the slot, the PIN on descriptor 3 and `input` on standard input.
    @discardableResult
    func run(_ card: TestCard, _ command: [String], input: Data? = nil) throws -> CommandResult {
        try insert(card)
        return try Command.run(Command.product("cpsvault"), arguments(command), input: Data("1234\n".utf8),
                               inputOnDescriptor3: true, standardInput: input)
    }

    /// Starts `cpsvault` with `card` in the slot, to be killed or waited for.
    func start(_ card: TestCard, _ command: [String], feedingStandardInput: Bool = false) throws -> RunningCommand {
        try insert(card)
        return try RunningCommand(Command.product("cpsvault"), arguments(command), inputOnDescriptor3: Data("1234\n".utf8),
                                  feedingStandardInput: feedingStandardInput)
    }

    /// Fails the test with the command's standard error unless it succeeded.
    @discardableResult
    func require(_ result: CommandResult, _ comment: @autoclosure () -> String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        try #require(result.status == 0, "\(comment()) exit \(result.status): \(result.errorOutput)", sourceLocation: sourceLocation)
        return result
    }

    /// The JSON object a command printed.
    func object(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.outputData) as? [String: Any])
    }

    /// The INS of the patient `createPatient(number)` makes, with its control key.
    static func ins(_ number: Int) -> String {
        let first13 = String(format: "1%07d75123", number)
        return first13 + String(format: "%02d", 97 - Int(first13)! % 97)
    }

    /// Creates a patient as physician-1, named "Faure, Patient `number`"; the INS differs with `number`.
    func createPatient(_ number: Int) throws -> String {
        let identity = #"{"familyName":"Faure","givenNames":"Patient \#(number)","birthDate":"1970-01-01","sex":"M","ins":"\#(Self.ins(number))","address":"1 rue de la Gare, 38000 Grenoble"}"#
        let created = try require(run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: Data(identity.utf8)))
        return try #require(try object(created)["patientID"] as? String)
    }

    /// Adds `content` as a new record of `patient` as physician-1; its id.
    func addRecord(_ patient: String, _ content: Data) throws -> String {
        let added = try require(run(.physician1, ["record", "add", patient, "--type", "application/octet-stream", "-"], input: content))
        return try #require(try object(added)["recordID"] as? String)
    }

    /// The latest versions of `patient`'s records: record id to (version, size).
    func records(_ patient: String) throws -> [String: (version: Int, size: Int)] {
        let listed = try require(run(.physician1, ["record", "list", patient]))
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.outputData) as? [[String: Any]])
        var records: [String: (version: Int, size: Int)] = [:]
        for row in rows {
            let id = try #require(row["recordID"] as? String)
            records[id] = (try #require(row["version"] as? Int), try #require(row["size"] as? Int))
        }
        return records
    }

    /// A record's content, read by physician-1 into a file (authenticated segment by segment).
    func read(_ patient: String, _ record: String) throws -> Data {
        let file = folder.appendingPathComponent("read-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: file) }
        try require(run(.physician1, ["record", "get", patient, record, "--output", file.path]))
        return try Data(contentsOf: file)
    }

    /// `cpsvault audit verify` on the vault: no card needed.
    func verifyAudit() throws -> CommandResult {
        try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault])
    }

    /// Checks the end state every case asks for: `expected` are exactly the records listed for
    /// `patient` (record id to content), each opening byte-equal, and the audit chain verifies.
    func expectIntact(_ patient: String, _ expected: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let listed = try records(patient)
        #expect(Set(listed.keys) == Set(expected.keys), "records listed vs committed", sourceLocation: sourceLocation)
        for (record, content) in expected {
            #expect(listed[record]?.size == content.count, sourceLocation: sourceLocation)
            #expect(try read(patient, record) == content, "record \(record) opens byte-equal", sourceLocation: sourceLocation)
        }
        let verified = try verifyAudit()
        #expect(verified.status == 0, "audit verify: \(verified.output) \(verified.errorOutput)", sourceLocation: sourceLocation)
    }

    /// Content of `count` bytes that differs with `seed`, cheap to make and to compare.
    static func content(_ count: Int, seed: UInt8) -> Data {
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 16) ^ seed }
            initialized = count
        }
        return Data(bytes)
    }
}
