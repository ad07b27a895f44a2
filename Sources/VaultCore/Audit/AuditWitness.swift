import Foundation
import SmartCard
import VaultStore

/// What this workstation last saw of a vault's audit log: the tree size and head (the hash of the
/// last leaf's entry) of the newest checkpoint it verified or signed, kept outside the database (an owner-only file per vault in
/// an owner-only folder). A database restored from an older copy, or cut back, no longer holds
/// that head at that size, which `check` reports as tampering.
public struct AuditWitness: Sendable, Codable, Equatable {
    public var size: Int64
    public var headHash: [UInt8]
    /// The log up to `size` summed up as its Merkle compact range, when a full verification
    /// computed it: `audit verify --since-last` then reads only the entries after `size`.
    var tree: MerkleTree.CompactRange?

    /// The witness file of `vaultID` in `folder`.
    static func file(in folder: URL, vaultID: [UInt8]) -> URL {
        folder.appendingPathComponent("witness-\(vaultID.hexString.lowercased()).json")
    }

    /// The witness kept in `folder` for `vault`, or nil when this workstation has seen none.
    static func load(for vault: Vault, in folder: URL) throws -> AuditWitness? {
        let url = file(in: folder, vaultID: vault.vaultID)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(AuditWitness.self, from: data)
        } catch {
            throw VaultError.tampered("the audit witness \(url.path) cannot be read; remove it only if you trust the vault as it is")
        }
    }

    /// Keeps `self` for `vault` in `folder` (made owner-only), replacing the file only once the
    /// new one is whole and on disk (`OutputFile`): a full disk leaves the witness as it was.
    func save(for vault: Vault, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let contents = try JSONEncoder().encode(self)
        try OutputFile(path: Self.file(in: folder, vaultID: vault.vaultID).path, replacing: true, content: .auditWitness).write {
            try $0.write(contentsOf: contents)
        }
    }

    /// Throws `VaultError.tampered` unless the log in `reader` still holds this head at this size.
    func check(in reader: any VaultReading) throws {
        guard size > 0 else { return }
        guard let entry = try reader.auditLeaves(from: size - 1, limit: 1).first, entry.leafIndex == size - 1 else {
            throw VaultError.tampered("the audit log is shorter than the \(size) entries this workstation saw signed: the database went back")
        }
        guard entry.hash == headHash else {
            throw VaultError.tampered("audit leaf \(size - 1) is not the one this workstation saw signed: the log was rewritten or the database replaced")
        }
    }
}

extension Vault {
    /// Checks the log against what this workstation saw last (`AuditWitness`); nothing to check
    /// when it has seen nothing yet.
    public func checkWitness(in folder: URL) throws {
        guard let witness = try AuditWitness.load(for: self, in: folder) else { return }
        try store.read { try witness.check(in: $0) }
    }

    /// Records the newest signed checkpoint as what this workstation has seen, once it holds in
    /// the log, unless the witness already is at that size or further.
    /// A witness that carries the tree's compact range keeps it, extended with the leaves since.
    public func recordWitness(in folder: URL) throws {
        let newest = try store.read { reader -> (size: Int64, headHash: [UInt8])? in
            // The newest heads by sequence, of which the largest tree: an entry committed late
            // can give a later head a smaller sequence, never one of many heads later.
            try reader.auditCheckpoints().sorted { $0.sequence > $1.sequence }.prefix(8).compactMap { checkpoint in
                try reader.auditEntries(from: checkpoint.sequence, limit: 1).first { $0.sequence == checkpoint.sequence }?
                    .leafIndex.map { (size: $0 + 1, headHash: checkpoint.headHash) }
            }.max { $0.size < $1.size }
        }
        guard let newest else { return }
        let known = try AuditWitness.load(for: self, in: folder)
        if let known {
            guard known.size < newest.size else { return }
            try store.read { try known.check(in: $0) }
        }
        let tree = try known.flatMap { known -> MerkleTree.CompactRange? in
            guard let tree = known.tree else { return nil }
            let added = try store.read { try $0.auditLeaves(from: known.size, limit: Int(newest.size - known.size)) }
            let extended = tree.appending(added.lazy.map { MerkleTree.leafHash($0.hash) })
            // Leaves missing on the way: no compact range, the next verification reads the log whole.
            return extended.size == Int(newest.size) ? extended : nil
        }
        let witness = AuditWitness(size: newest.size, headHash: newest.headHash, tree: tree)
        try store.read { try witness.check(in: $0) }
        try witness.save(for: self, in: folder)
    }
}
