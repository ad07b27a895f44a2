import Foundation
import PostgresNIO
import Testing
import VaultStore
@testable import VaultStorePostgres

/// The test server must be given wherever the store suite should cover PostgreSQL: Scripts/test
/// (and so CI) asks for it with CPSVAULT_REQUIRE_POSTGRES=1; a bare `swift test` skips the
/// PostgreSQL suites instead, saying how to start the server.
@Suite("PostgreSQL test server",
       .enabled(if: ProcessInfo.processInfo.environment["CPSVAULT_REQUIRE_POSTGRES"] == "1" || Backend.postgresURL != nil,
                "start it with `Scripts/postgres start` and export its URL as CPSVAULT_TEST_POSTGRES_URL"))
struct PostgresServerTests {
    @Test func theTestServerIsGiven() {
        #expect(Backend.postgresURL != nil,
                "start it with `Scripts/postgres start` and export its URL as CPSVAULT_TEST_POSTGRES_URL (Scripts/test does both)")
    }
}

@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    @Test func aURLNamesUserHostPortDatabaseAndSchema() throws {
        let location = try PostgresLocation(url: "postgres://vault@db.example:6543/records?schema=site_a&sslmode=require")
        #expect(location == PostgresLocation(user: "vault", host: "db.example", port: 6543, database: "records",
                                             schema: "site_a", tlsMode: .require))
        #expect(location.description == "postgres://vault@db.example:6543/records?schema=site_a&sslmode=require")
        let defaults = try PostgresLocation(url: "postgresql://vault@localhost/records")
        #expect(defaults.port == 5432 && defaults.schema == "cpsvault" && defaults.tlsMode == .prefer)
    }

    static let refused = [
        "postgres://vault:secret@localhost/records",
        "postgres://localhost/records",
        "postgres://vault@localhost/",
        "postgres://vault@localhost/records?schema=Robert');DROP",
        "postgres://vault@localhost/records?sslmode=maybe",
        "/var/lib/cpsvault/vault.sqlite",
    ]

    @Test(arguments: refused)
    func malformedURLsAreRefused(_ url: String) {
        let error = #expect(throws: VaultStoreError.self) { try PostgresLocation(url: url) }
        guard case .invalid(let what)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(what.hasPrefix("PostgreSQL URL"))
        #expect(!what.contains("secret"))
    }

    @Test func thePasswordComesFromTheOwnerOnlyPasswordFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.path + "/pgpass"
        try folder.write(Array("""
            # host:port:database:user:password
            other.example:5432:*:vault:wrong
            db.example:6543:records:vault:pa\\:ss
            *:*:*:*:fallback

            """.utf8), to: "pgpass")
        let location = try PostgresLocation(url: "postgres://vault@db.example:6543/records")
        #expect(try PostgresPasswordFile.password(for: location, inFile: file) == "pa:ss")
        #expect(try PostgresPasswordFile.password(for: location.with(schema: "x"), inFile: file) == "pa:ss")
        let elsewhere = try PostgresLocation(url: "postgres://clerk@db.example:6543/records")
        #expect(try PostgresPasswordFile.password(for: elsewhere, inFile: file) == "fallback")
        #expect(try PostgresPasswordFile.password(for: location, inFile: folder.path + "/absent") == nil)
        chmod(file, 0o644)
        #expect(throws: VaultStoreError.exposed(path: file, mode: 0o644)) {
            try PostgresPasswordFile.password(for: location, inFile: file)
        }
    }

    @Test func serverErrorsBecomeVaultErrors() {
        let location = "postgres://vault@localhost:5432/records?schema=cpsvault"
        let map = { (state: String, table: String?) in
            PostgresErrors.map(sqlState: state, message: "m", table: table, location: location)
        }
        #expect(map("23505", "patient") == .duplicate(what: "A patient with this identifier"))
        #expect(map("23503", "key_grant") == .missingReference(what: "grant"))
        #expect(map("23514", "patient") == .invalid(what: "patient (m)"))
        #expect(map("P0001", nil) == .refused(rule: "m"))
        #expect(map("3D000", nil) == .missing(path: location))
        #expect(map("53100", nil) == .diskFull(path: location))
        #expect(map("28P01", nil) == .cannotOpen(path: location, detail: "m"))
        #expect(map("40001", nil) == .busy(path: location))
        #expect(map("42P01", nil) == .failed(path: location, detail: "m, SQLSTATE 42P01"))
    }
}

/// What only a server shared by several processes shows.
@Suite("PostgreSQL vaults", .enabled(if: Backend.postgresURL != nil))
struct PostgresVaultTests {
    @Test func aNewerSchemaIsRefused() throws {
        let fresh = try PostgresFresh()
        try fresh.executeRaw("UPDATE vault_schema SET version = 7")
        let supported = PostgresVaultStore.schemaVersion
        let error = #expect(throws: VaultStoreError.newerSchema(path: fresh.location.description, found: 7, supported: supported)) {
            try PostgresVaultStore(location: fresh.location)
        }
        #expect(error?.description.contains("(schema 7 > \(supported)): upgrade cpsvault") == true)
    }

    @Test func aVersion1VaultIsBroughtToTheNewestVersionAndKeepsItsRows() throws {
        try PostgresFresh().withSiblingSchema("_v1") { old in
            try PostgresRaw.execute("DO $do$ BEGIN EXECUTE $v1$\(PostgresSchema.versions[0])$v1$; END $do$", at: old)
            try PostgresRaw.execute("INSERT INTO patient (patient_id, blind_index, identity, current_key_version, created_at) "
                                    + "VALUES ('\\x\(String(repeating: "03", count: 16))', '\\x\(String(repeating: "03", count: 32))', "
                                    + "'\\x01', 1, 0)", at: old)
            let store = try PostgresVaultStore.openExisting(location: old)
            #expect(try store.read { try $0.patient(id: Sample.id(3)) }?.blindIndex == Sample.fingerprint(3))
            let certificate = RecoveryCertificate(fingerprint: Sample.fingerprint(9), certificate: [1, 2], setAt: Sample.time)
            try store.write { try $0.setRecoveryCertificate(certificate) }
            #expect(try store.read { try $0.recoveryCertificate() } == certificate)
            #expect(throws: VaultStoreError.newerSchema(path: old.description, found: PostgresVaultStore.schemaVersion + 1,
                                                        supported: PostgresVaultStore.schemaVersion)) {
                try PostgresRaw.execute("UPDATE vault_schema SET version = version + 1", at: old)
                _ = try PostgresVaultStore.openExisting(location: old)
            }
        }
    }

    @Test func aReopenedVaultKeepsItsRows() throws {
        let fresh = try PostgresFresh()
        try fresh.store.write { try $0.insert(Sample.patient(3)) }
        #expect(try fresh.reopen().read { try $0.patients() } == [Sample.patient(3)])
    }

    @Test func anotherApplicationsSchemaIsNotAVault() throws {
        try PostgresFresh().withSiblingSchema("_other") { other in
            try PostgresRaw.execute("CREATE TABLE note (text text)", at: other)
            #expect(throws: VaultStoreError.notAVault(path: other.description)) { try PostgresVaultStore(location: other) }
        }
    }

    @Test func openExistingCreatesNothing() throws {
        let fresh = try PostgresFresh()
        let absent = fresh.location.with(schema: fresh.location.schema + "_absent")
        #expect(throws: VaultStoreError.notAVault(path: absent.description)) {
            try PostgresVaultStore.openExisting(location: absent)
        }
        #expect(throws: (any Error).self) { try PostgresRaw.execute("SELECT 1 FROM patient", at: absent) }
    }

    @Test func aMissingDatabaseIsMissing() throws {
        let fresh = try PostgresFresh()
        let location = PostgresLocation(user: fresh.location.user, host: fresh.location.host, port: fresh.location.port,
                                        database: "no_such_database", tlsMode: .disable)
        #expect(throws: VaultStoreError.missing(path: location.description)) {
            try PostgresVaultStore.openExisting(location: location)
        }
    }

    /// A writer whose transaction the server aborts runs again on a fresh snapshot. Here
    /// another client, which does not take the writers' turns, reads the table the writer then
    /// writes, writes the table the writer read, and commits first: a cycle of read-write
    /// dependencies, which SERIALIZABLE breaks by aborting the writer.
    @Test func aWriterThatLostASerializationConflictRunsAgain() throws {
        let fresh = try PostgresFresh()
        let store = fresh.store
        let other = try PostgresConnections(location: fresh.location)
        let writerRead = DispatchSemaphore(value: 0), otherCommitted = DispatchSemaphore(value: 0)
        let runs = Runs()
        let errors = Errors()
        onThreads(2) { thread in
            do {
                if thread == 0 {
                    try store.write { w throws in
                        _ = try w.vaultKeyVersions()
                        if runs.increment() == 1 {
                            writerRead.signal()
                            otherCommitted.wait()
                        }
                        try w.insert(Sample.vaultKeyVersion(2))
                    }
                } else {
                    try other.withConnection { lease in
                        try other.run("BEGIN ISOLATION LEVEL SERIALIZABLE", [], on: lease.connection)
                        try other.run("SELECT count(*) FROM vault_key_version", [], on: lease.connection)
                        writerRead.wait()
                        try other.run("INSERT INTO vault_key_version (version, created_at) VALUES (1, 7)", [], on: lease.connection)
                        try other.run("COMMIT", [], on: lease.connection)
                    }
                    otherCommitted.signal()
                }
            } catch {
                errors.append(error)
                otherCommitted.signal()
            }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(runs.value == 2)
        let versions = try store.read { try $0.vaultKeyVersions() }
        #expect(versions.map(\.version) == [1, 2])
    }

    /// Writers do not wait for one another, nor readers for writers: while one transaction is
    /// open, having appended its audit entry, a second one appends its own and commits, and a
    /// reader sees the second entry and not the first. Were writers to take turns, the second
    /// would wait for the first, which waits for it, and the test would never end.
    @Test(.timeLimit(.minutes(1))) func writersRunAtOnce() throws {
        let fresh = try PostgresFresh()
        let store = fresh.store
        let (first, second) = try store.write { w throws in
            let first = try Sample.audit(w, patient: 1)
            let second = try store.write { try Sample.audit($0, patient: 2) }
            let seen = try store.read { try $0.auditEntries(from: 0, limit: 10) }
            #expect(seen == [second])
            return (first, second)
        }
        #expect(first.sequence < second.sequence)
        #expect(try store.read { try $0.auditEntries(from: 0, limit: 10) } == [first, second])
        _ = try store.write { try Sample.integrate($0, limit: 10) }
        #expect(try store.read { try $0.auditLeaves(from: 0, limit: 10) }.map(\.sequence) == [first.sequence, second.sequence])
    }

    /// The integrator does not wait either: while one transaction holds the tree, another
    /// integration skips it (nil) instead of waiting, and the entries stay for the holder.
    @Test(.timeLimit(.minutes(1))) func aSecondIntegratorSkips() throws {
        let fresh = try PostgresFresh()
        let store = fresh.store
        try store.write { try Sample.audit($0) }
        let tree = try store.write { w throws in
            let held = try Sample.integrate(w, limit: 10)
            #expect(try store.write { try Sample.integrate($0, limit: 10) } == nil)
            return held
        }
        #expect(tree?.size == 1)
    }

    /// Several connections appending and inserting at once, integrating now and then: nothing is
    /// lost, and every entry ends up with its own leaf.
    @Test func concurrentWritersLoseNothing() throws {
        let fresh = try PostgresFresh()
        let store = fresh.store
        try store.write { try $0.insert(Sample.vaultKeyVersion(1)) }
        let writers = 6, each = 15
        let errors = Errors()
        onThreads(writers) { writer in
            for n in 0..<each {
                do {
                    try store.write { w throws in
                        let patient = UInt8(writer * each + n)
                        try w.insert(Sample.patient(patient))
                        try w.insert(Sample.escrowKey(patient: patient))
                        try Sample.audit(w, patient: patient)
                    }
                    if n % 5 == 0 { _ = try store.write { try Sample.integrate($0, limit: 1000) } }
                } catch {
                    errors.append(error)
                }
            }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        try store.read { r throws in
            #expect(try r.patients().count == writers * each)
            #expect(try r.escrowKeyCounts() == [1: writers * each])
            #expect(try r.auditEntries(from: 0, limit: 1000).count == writers * each)
        }
        _ = try store.write { try Sample.integrate($0, limit: 1000) }
        try store.read { r throws in
            #expect(try r.auditLeaves(from: 0, limit: 1000).map(\.leafIndex) == (0..<Int64(writers * each)).map { $0 })
        }
    }
}

/// A counter shared by threads.
private final class Runs: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int { lock.withLock { count += 1; return count } }
}

/// Errors collected from threads.
private final class Errors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    var all: [any Error] { lock.withLock { errors } }
    func append(_ error: any Error) { lock.withLock { errors.append(error) } }
}

/// Runs `body` on `count` threads of its own at once and returns when all have finished.
private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchGroup()
    for index in 0..<count {
        finished.enter()
        Thread {
            body(index)
            finished.leave()
        }.start()
    }
    finished.wait()
}
