import Foundation
import GRDB

/// The baseline of the ingest figure: GRDB straight on a fresh SQLite file, configured as the
/// vault's store is (WAL through `DatabasePool`, `synchronous=FULL`, `secure_delete`), one
/// table of (id, header, ciphertext) and one cached INSERT. No vault, no keys, no audit.
final class RawSQLiteInserts {
    let path: String
    private let pool: DatabasePool

    init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        // As the store does (the pool turns WAL on with synchronous=NORMAL after prepareDatabase):
        // synchronous=FULL and a 64 MiB page cache on the writer.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536") }
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE record (id BLOB PRIMARY KEY, header BLOB NOT NULL, ciphertext BLOB NOT NULL)")
        }
    }

    /// Inserts `count` rows of `ciphertextSize` random-looking bytes, `batch` rows per transaction.
    func insert(count: Int, ciphertextSize: Int, batch: Int) throws {
        var ciphertext = Data((0..<ciphertextSize).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let header = Data(repeating: 0x45, count: 45)
        var generator = SystemRandomNumberGenerator()
        var written = 0
        while written < count {
            let rows = min(batch, count - written)
            try pool.write { db in
                let statement = try db.cachedStatement(sql: "INSERT INTO record (id, header, ciphertext) VALUES (?, ?, ?)")
                for row in 0..<rows {
                    ciphertext[0] = UInt8(truncatingIfNeeded: row)
                    // Random ids from the system generator (getrandom), not UUID(), which opens /dev/urandom each time.
                    let id = withUnsafeBytes(of: (generator.next(), generator.next())) { Data($0) }
                    try statement.execute(arguments: [id, header, ciphertext])
                }
            }
            written += rows
        }
    }
}
