import Foundation
import GRDB

/// The baseline of the rotation figure: GRDB straight on the vault's own file and escrow rows,
/// configured as the store is (WAL, `synchronous=FULL`, `secure_delete`, foreign keys), doing
/// what rotation does to the database and nothing else: read a batch of rows still under one
/// vault key version, then in one transaction UPDATE each to another version and a new 61-byte
/// wrapped key, by primary key, with one cached statement. No unwrapping or wrapping.
final class RawEscrowUpdates {
    private let pool: DatabasePool

    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        // As the store does (the pool turns WAL on with synchronous=NORMAL after prepareDatabase):
        // synchronous=FULL and a 64 MiB page cache on the writer.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536") }
    }

    /// Moves every row under vault key version `from` to `to`, `batch` rows per transaction;
    /// returns how many rows it moved.
    func move(from: Int, to: Int, batch: Int) throws -> Int {
        var wrapped = Data((0..<61).map { UInt8(truncatingIfNeeded: $0 &* 29) })
        var moved = 0
        while true {
            let keys = try pool.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT patient_id, key_version, wrapped_key FROM escrow_key WHERE vault_key_version = ? LIMIT ?"),
                                 arguments: [from, batch])
            }
            if keys.isEmpty { return moved }
            try pool.write { db in
                let update = try db.cachedStatement(sql: "UPDATE escrow_key SET vault_key_version = ?, wrapped_key = ? WHERE patient_id = ? AND key_version = ?")
                for key in keys {
                    wrapped[1] &+= 1
                    try update.execute(arguments: [to, wrapped, key["patient_id"] as Data, key["key_version"] as Int])
                }
            }
            moved += keys.count
        }
    }
}
