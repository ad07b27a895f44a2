import Foundation
import SmartCard
import VaultCrypto
import VaultStore

/// What `cpsvault audit verify` found: how much of the log was checked and every problem.
public struct AuditReport: Sendable, Codable, Equatable {
    /// The entries in the log.
    public var entries: Int64
    /// The entries this run read and checked (all of them, or those after the witness).
    public var checkedEntries: Int64
    public var checkpoints: Int
    /// The root of the Merkle tree over the whole log (hexadecimal).
    public var root: String
    /// Entries written after the newest signed checkpoint, which no card has signed yet.
    public var unsignedEntries: Int64
    public var problems: [String]
    public var isIntact: Bool { problems.isEmpty }
}

/// An entry's inclusion proof against a signed tree head (docs/FORMAT.md): what a third party
/// needs to check that the entry is in the log the card signed.
public struct AuditProof: Sendable, Codable, Equatable {
    public var sequence: Int64
    /// The entry's chain hash, the leaf's data.
    public var entryHash: String
    public var treeSize: Int64
    public var root: String
    /// Sibling hashes from the leaf up to the root.
    public var path: [String]
    /// The signing card's certificate fingerprint and its signature over the tree head.
    public var signer: String
    public var signature: String
}

/// Checks the audit log: sequence numbers without gaps, each entry's previous hash the hash of
/// the one before, each hash recomputed from the entry's fields, and each checkpoint's head
/// hash in the chain and its signature valid under the signing card's certificate, a signed
/// tree head's root recomputed from the entries, and the rows that decide access against the
/// digests the log last stated for them (`BindingVerification`). An edited, deleted, inserted
/// or reordered entry, a forged checkpoint, (against a witness) a log that went back, or an
/// access fact changed outside the vault, is reported.
public enum AuditVerifier {
    /// Verifies the whole log, or with `incremental` only what came after the newest checkpoint
    /// verified before on this workstation. With `witnessFolder`, the log must still hold what
    /// this workstation saw (a log that went back is a problem), and the newest signed checkpoint
    /// becomes the new witness when everything held.
    public static func verify(_ vault: Vault, witnessFolder: URL? = nil, incremental: Bool = false,
                              batchSize: Int = 1000) throws -> AuditReport {
        var problems: [String] = []
        var witness: AuditWitness?
        if let witnessFolder {
            // A witness without the tree's compact range (kept by a command, not a verification)
            // is checked, then the log is read whole.
            witness = try AuditWitness.load(for: vault, in: witnessFolder)
            if let known = witness {
                do {
                    try vault.store.read { try known.check(in: $0) }
                } catch VaultError.tampered(let what) {
                    problems.append(what)
                }
                if known.tree == nil || !problems.isEmpty || !incremental { witness = nil }
            }
        }
        let base = witness?.tree ?? MerkleTree.CompactRange(size: 0, roots: [])
        let start = (witness?.size ?? 0) + 1
        // The checkpoints first, so that each is checked when the scan reaches its entry and the
        // log is read once, a batch at a time, whatever its size.
        let (checkpoints, certificates) = try vault.store.read { reader in
            (try reader.auditCheckpoints().filter { $0.sequence >= start }, try reader.professionals())
        }
        let signers = Dictionary(certificates.compactMap { professional in
            (try? X509Certificate(derEncoded: professional.certificate)).map { (professional.fingerprint, $0) }
        }, uniquingKeysWith: { first, _ in first })
        let checkpointsAt = Dictionary(grouping: checkpoints, by: \.sequence)
        let newest = checkpoints.max { $0.sequence < $1.sequence }
        var reached: Set<Int64> = []
        var tree = base
        var witnessTree: MerkleTree.CompactRange?
        var expectedSequence = start
        var previousHash = witness?.headHash ?? [UInt8](repeating: 0, count: 32)
        while true {
            let batch = try vault.store.read { try $0.auditEntries(from: expectedSequence, limit: batchSize) }
            guard !batch.isEmpty else { break }
            var leaves: [[UInt8]] = []
            leaves.reserveCapacity(batch.count)
            for entry in batch {
                if entry.sequence != expectedSequence {
                    problems.append("entry \(expectedSequence) is missing (next is \(entry.sequence)): entries were deleted")
                }
                if entry.previousHash != previousHash {
                    problems.append("entry \(entry.sequence) does not follow the entry before it: entries were deleted, inserted or reordered")
                }
                let event = AuditEvent(actorFingerprint: entry.actorFingerprint, actorNationalID: entry.actorNationalID,
                                       storedAction: entry.action, patientID: entry.patientID,
                                       outcome: AuditEvent.Outcome(rawValue: entry.outcome) ?? .failed, reason: entry.reason)
                let recomputed = AuditHash.hash(sequence: entry.sequence, time: entry.time, previousHash: entry.previousHash, event: event)
                if recomputed != entry.hash || AuditEvent.Outcome(rawValue: entry.outcome) == nil {
                    problems.append("entry \(entry.sequence) was edited: its content no longer matches its hash")
                }
                leaves.append(MerkleTree.leafHash(entry.hash))
                previousHash = entry.hash
                expectedSequence = entry.sequence + 1
                guard let signed = checkpointsAt[entry.sequence] else { continue }
                reached.insert(entry.sequence)
                // With entries missing, the tree cannot be rebuilt; the chain's checks report them.
                let size = Int(entry.sequence), complete = tree.size + leaves.count == size
                let (treeSoFar, leavesSoFar) = (tree, leaves[...])
                for checkpoint in signed {
                    if let problem = Self.check(checkpoint, entry: entry, signer: signers[checkpoint.signerFingerprint],
                                                root: { complete ? treeSoFar.root(of: size, leavesSoFar) : nil }) {
                        problems.append(problem)
                    }
                }
                if complete, newest?.sequence == entry.sequence { witnessTree = tree.extended(leaves[...], to: size) }
            }
            tree = tree.extended(leaves[...], to: tree.size + leaves.count)
        }
        for sequence in checkpointsAt.keys.sorted() where !reached.contains(sequence) {
            problems.append("checkpoint at entry \(sequence) does not match the chain: history was rewritten")
        }
        let entries = expectedSequence - 1
        problems += try vault.store.read { try BindingVerification.problems(in: $0) }
        if problems.isEmpty, let witnessFolder, let newest, let witnessTree {
            try AuditWitness(size: newest.sequence, headHash: newest.headHash, tree: witnessTree).save(for: vault, in: witnessFolder)
        }
        return AuditReport(entries: entries, checkedEntries: entries - start + 1, checkpoints: checkpoints.count,
                           root: tree.root(of: tree.size, []).hexString.lowercased(),
                           unsignedEntries: entries - (newest?.sequence ?? witness?.size ?? 0), problems: problems)
    }

    /// What is wrong with `checkpoint`, the entry at its sequence being `entry`: nil when it
    /// carries that entry's hash and a valid signature of `signer` over the chain head, or over
    /// the tree head whose root `root` gives (computed only for such a checkpoint).
    private static func check(_ checkpoint: AuditCheckpoint, entry: AuditEntry, signer: X509Certificate?,
                              root: () -> [UInt8]?) -> String? {
        guard entry.hash == checkpoint.headHash else {
            return "checkpoint at entry \(checkpoint.sequence) does not match the chain: history was rewritten"
        }
        func signs(_ message: [UInt8]) -> Bool {
            signer?.publicKey.isValidPKCS1Signature(checkpoint.signature, over: Digest.sha256DigestInfo(message)) == true
        }
        if signs(AuditHash.checkpointMessage(sequence: checkpoint.sequence, headHash: checkpoint.headHash)) { return nil }
        if let root = root(), signs(AuditHash.treeHeadMessage(size: checkpoint.sequence, root: root, headHash: checkpoint.headHash)) {
            return nil
        }
        return "checkpoint at entry \(checkpoint.sequence) has no valid signature of an enrolled card"
    }

    /// The inclusion proof of entry `sequence` against the newest signed tree head that covers it
    /// (`cpsvault audit checkpoint` makes one). Throws `VaultError.noSignedTreeHead` when none does.
    public static func prove(_ vault: Vault, sequence: Int64) throws -> AuditProof {
        let (leaves, entryHash, checkpoints, certificates) = try vault.store.read {
            reader -> ([[UInt8]], [UInt8]?, [AuditCheckpoint], [EnrolledProfessional]) in
            let entry = try reader.auditEntries(from: sequence, limit: 1).first { $0.sequence == sequence }
            return (try AuditVerifier.leaves(in: reader), entry?.hash, try reader.auditCheckpoints(), try reader.professionals())
        }
        guard let entryHash else { throw VaultError.noSuchAuditEntry(sequence) }
        for checkpoint in checkpoints.sorted(by: { $0.sequence > $1.sequence }) where checkpoint.sequence >= sequence {
            let tree = leaves.prefix(Int(checkpoint.sequence))
            let root = MerkleTree.root(tree)
            let message = Digest.sha256DigestInfo(AuditHash.treeHeadMessage(size: checkpoint.sequence, root: root, headHash: checkpoint.headHash))
            guard let signer = certificates.first(where: { $0.fingerprint == checkpoint.signerFingerprint }),
                  let certificate = try? X509Certificate(derEncoded: signer.certificate),
                  certificate.publicKey.isValidPKCS1Signature(checkpoint.signature, over: message) else { continue }
            return AuditProof(sequence: sequence, entryHash: entryHash.hexString.lowercased(), treeSize: checkpoint.sequence,
                              root: root.hexString.lowercased(),
                              path: MerkleTree.inclusionProof(index: Int(sequence - 1), tree).map { $0.hexString.lowercased() },
                              signer: checkpoint.signerFingerprint.hexString.lowercased(),
                              signature: checkpoint.signature.hexString.lowercased())
        }
        throw VaultError.noSignedTreeHead(sequence)
    }

    /// The Merkle leaf hash of every entry of the log, in order, read a batch at a time.
    static func leaves(in reader: any VaultReading) throws -> [[UInt8]] {
        var leaves: [[UInt8]] = []
        var next: Int64 = 1
        while case let batch = try reader.auditEntries(from: next, limit: 10_000), let last = batch.last {
            leaves += batch.map { MerkleTree.leafHash($0.hash) }
            next = last.sequence + 1
        }
        return leaves
    }
}

extension VaultSession {
    /// Has the card sign the current head of the audit chain, so that rewriting history needs a
    /// card; a head already under a checkpoint (nothing audited since) is left as it is.
    public func signAuditCheckpoint() throws {
        guard try unsignedEntryCount(now: .now) > 0, let head = try vault.store.read({ try $0.lastAuditEntry() }) else { return }
        let message = Digest.sha256DigestInfo(AuditHash.checkpointMessage(sequence: head.sequence, headHash: head.hash))
        try insertCheckpoint(head, signature: try card.driver.signWithAuthenticationKey(digestInfo: message))
    }

    /// Has the card sign a tree head over the whole log (its size, Merkle root and chain head),
    /// which inclusion proofs are checked against (`AuditVerifier.prove`). Audited as
    /// `audit.checkpoint` first, so the head it signs includes that entry. Returns the size.
    @discardableResult
    public func signTreeHead() throws -> Int64 {
        let admission = try admit(.readAuditLog, as: .auditCheckpoint)
        try vault.audit(admission.granted("signed tree head"))
        let (head, leaves) = try vault.store.read { reader in
            (try reader.lastAuditEntry(), try AuditVerifier.leaves(in: reader))
        }
        guard let head, Int(head.sequence) == leaves.count else { throw VaultError.changedMeanwhile("the audit log") }
        let message = AuditHash.treeHeadMessage(size: head.sequence, root: MerkleTree.root(leaves[...]), headHash: head.hash)
        try insertCheckpoint(head, signature: try card.driver.signWithAuthenticationKey(digestInfo: Digest.sha256DigestInfo(message)))
        return head.sequence
    }

    private func insertCheckpoint(_ head: AuditEntry, signature: [UInt8]) throws {
        try vault.store.write { writer in
            try writer.insert(AuditCheckpoint(sequence: head.sequence, headHash: head.hash, signerFingerprint: fingerprint,
                                              signature: signature, signedAt: Date()))
        }
        noteSigned(through: head.sequence)
    }

    /// Runs `body`, then has the card sign the audit head, also after a failure so that refusals
    /// are covered (a card already gone just leaves it to the next checkpoint: what `body` did
    /// stands, and is not reported as failed).
    public func signingAuditHead<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            do {
                try signAuditCheckpoint()
            } catch where (try? requireCard()) == nil {
                // The card left after the work was committed: the next session's checkpoint covers it.
            }
            return result
        } catch {
            try? signAuditCheckpoint()
            throw error
        }
    }
}
