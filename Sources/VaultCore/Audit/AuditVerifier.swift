import Foundation
import SmartCard
import VaultCrypto
import VaultStore

/// What `cpsvault audit verify` found: how much of the log was checked and every problem.
public struct AuditReport: Sendable, Codable, Equatable {
    /// The entries in the log, integrated into the tree or not yet.
    public var entries: Int64
    /// The entries this run read and checked (all of them, or those after the witness).
    public var checkedEntries: Int64
    public var checkpoints: Int
    /// The root of the Merkle tree over the whole log (hexadecimal).
    public var root: String
    /// Entries not under the newest signed checkpoint, which no card has signed yet.
    public var unsignedEntries: Int64
    /// Entries written but not yet integrated into the tree (their leaf comes at the next
    /// integration); their hashes are checked, their place in the log is not fixed yet.
    public var unintegratedEntries: Int64
    public var problems: [String]
    public var isIntact: Bool { problems.isEmpty }
}

/// An entry's inclusion proof against a signed tree head (docs/FORMAT.md): what a third party
/// needs to check that the entry is in the log the card signed.
public struct AuditProof: Sendable, Codable, Equatable {
    public var sequence: Int64
    /// The entry's leaf in the tree, from 0.
    public var leafIndex: Int64
    /// The entry's hash, the leaf's data.
    public var entryHash: String
    public var treeSize: Int64
    public var root: String
    /// Sibling hashes from the leaf up to the root.
    public var path: [String]
    /// The signing card's certificate fingerprint and its signature over the tree head.
    public var signer: String
    public var signature: String
}

/// Checks the audit log: each entry's hash recomputed from its fields (format version 1 or 2),
/// the leaves of the Merkle tree without a gap, the entries of format version 1 each carrying the
/// hash of the one before, and each checkpoint's head hash in the log and its signature valid
/// under the signing card's certificate, a signed tree head's root recomputed from the leaves,
/// and the rows that decide access against the digests the log last stated for them
/// (`BindingVerification`). An edited, deleted, inserted or reordered entry, a forged checkpoint,
/// (against a witness) a log that went back, or an access fact changed outside the vault, is
/// reported.
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
        // The integrator's state, read before the leaves: any leaf it counts is read below.
        let stored = try vault.store.read { try $0.auditTree() }
        var reading = LogReading(start: Int64(base.size), previousHash: witness?.headHash)
        while case let batch = try vault.store.read({ try $0.auditLeaves(from: reading.nextLeaf, limit: batchSize) }), !batch.isEmpty {
            batch.forEach { reading.readLeaf($0) }
        }
        var after: Int64 = 0
        while case let batch = try vault.store.read({ try $0.unintegratedAuditEntries(after: after, limit: batchSize) }),
              let last = batch.last {
            batch.forEach { reading.readUnintegrated($0) }
            after = last.sequence
        }
        problems += reading.problems
        let leaves = reading.leaves
        let treeSize = base.size + leaves.count
        let checkpointed = try vault.store.read { try $0.auditCheckpoints() }
        // Every tree this run needs, each checkpoint's and the integrator's, in one pass over the
        // leaves: a checkpoint costs its signature check, not a tree.
        let trees = base.ranges(continuedBy: leaves[...],
                                at: checkpointed.compactMap { reading.leafOfSequence[$0.sequence].map { Int($0.index) + 1 } }
                                    + [Int(stored.size), treeSize])
        if Int(stored.size) > treeSize {
            problems.append("the tree has \(stored.size) leaves but the log holds \(treeSize): entries were deleted")
        } else if Int(stored.size) >= base.size, (try? MerkleTree.CompactRange(stored: stored)) != trees[Int(stored.size)] {
            problems.append("the tree's state does not match its leaves: entries were edited, deleted, inserted or reordered")
        }
        let certificates = try vault.store.read { try $0.professionals() }
        var newest: (size: Int, checkpoint: AuditCheckpoint)?
        var checkpoints = 0
        for checkpoint in checkpointed {
            guard let leaf = reading.leafOfSequence[checkpoint.sequence] else {
                // Checkpoints on leaves verified before are not read again; any other signs an
                // entry that is not in the tree.
                if checkpoint.sequence < reading.firstSequence { continue }
                problems.append("checkpoint at entry \(checkpoint.sequence) signs an entry that is not in the tree: history was rewritten")
                checkpoints += 1
                continue
            }
            checkpoints += 1
            guard leaf.hash == checkpoint.headHash else {
                problems.append("checkpoint at entry \(checkpoint.sequence) does not match the log: history was rewritten")
                continue
            }
            let certificate = certificates.first { $0.fingerprint == checkpoint.signerFingerprint }
                .flatMap { try? X509Certificate(derEncoded: $0.certificate) }
            func signs(_ message: [UInt8]) -> Bool {
                certificate?.publicKey.isValidPKCS1Signature(checkpoint.signature, over: Digest.sha256DigestInfo(message)) == true
            }
            let size = Int(leaf.index) + 1
            let treeHead = trees[size].map { AuditHash.treeHeadMessage(size: Int64(size), root: $0.root, headHash: checkpoint.headHash) }
            // A chain head (version 1) covers the log only while it is a chain.
            let chainHead = leaf.chained ? AuditHash.checkpointMessage(sequence: checkpoint.sequence, headHash: checkpoint.headHash) : nil
            guard treeHead.map(signs) == true || chainHead.map(signs) == true else {
                problems.append("checkpoint at entry \(checkpoint.sequence) has no valid signature of an enrolled card")
                continue
            }
            if size > newest?.size ?? 0 { newest = (size, checkpoint) }
        }
        problems += try vault.store.read { try BindingVerification.problems(in: $0) }
        if problems.isEmpty, let witnessFolder, let newest, let tree = trees[newest.size] {
            try AuditWitness(size: Int64(newest.size), headHash: newest.checkpoint.headHash, tree: tree).save(for: vault, in: witnessFolder)
        }
        let entries = Int64(treeSize) + reading.unintegrated
        let signed = Int64(newest?.size ?? base.size)
        return AuditReport(entries: entries, checkedEntries: entries - Int64(base.size), checkpoints: checkpoints,
                           root: (trees[treeSize] ?? base).root.hexString.lowercased(),
                           unsignedEntries: entries - signed, unintegratedEntries: reading.unintegrated, problems: problems)
    }

    /// What reading the log in leaf order found: the leaves' hashes, where each entry is, and
    /// the problems of the entries themselves.
    private struct LogReading {
        private(set) var nextLeaf: Int64
        /// The hash of the entry before, for the chain of format version 1 (32 zero bytes before
        /// the first leaf); nil when the entry before is not known (a witness without a head).
        private var previousHash: [UInt8]?
        private(set) var leaves: [[UInt8]] = []
        private(set) var leafOfSequence: [Int64: (index: Int64, hash: [UInt8], chained: Bool)] = [:]
        /// The smallest sequence among the leaves read.
        private(set) var firstSequence = Int64.max
        private(set) var unintegrated: Int64 = 0
        private(set) var problems: [String] = []

        init(start: Int64, previousHash: [UInt8]?) {
            nextLeaf = start
            self.previousHash = start == 0 ? [UInt8](repeating: 0, count: 32) : previousHash
        }

        mutating func readLeaf(_ entry: AuditEntry) {
            let index = entry.leafIndex ?? nextLeaf
            if index != nextLeaf {
                problems.append("leaf \(nextLeaf) is missing (next is \(index)): entries were deleted")
            }
            check(entry, position: index)
            leafOfSequence[entry.sequence] = (index, entry.hash, entry.previousHash != nil)
            firstSequence = min(firstSequence, entry.sequence)
            leaves.append(MerkleTree.leafHash(entry.hash))
            nextLeaf = index + 1
        }

        /// An entry not integrated yet: it would become the next leaf.
        mutating func readUnintegrated(_ entry: AuditEntry) {
            check(entry, position: nextLeaf + unintegrated)
            unintegrated += 1
        }

        /// The entry's hash against its fields; for a chained entry (version 1), its sequence
        /// against its place and its previous hash against the entry before.
        private mutating func check(_ entry: AuditEntry, position: Int64) {
            let outcome = AuditEvent.Outcome(rawValue: entry.outcome)
            let event = AuditEvent(actorFingerprint: entry.actorFingerprint, actorNationalID: entry.actorNationalID,
                                   storedAction: entry.action, patientID: entry.patientID,
                                   outcome: outcome ?? .failed, reason: entry.reason)
            if let chained = entry.previousHash,
               entry.sequence != position + 1 || (previousHash != nil && chained != previousHash) {
                problems.append("entry \(entry.sequence) does not follow the entry before it: entries were deleted, inserted or reordered")
            }
            if AuditHash.hash(of: entry, event: event) != entry.hash || outcome == nil {
                problems.append("entry \(entry.sequence) was edited: its content no longer matches its hash")
            }
            previousHash = entry.hash
        }
    }

    /// The inclusion proof of entry `sequence` against the newest signed tree head that covers it
    /// (`cpsvault audit checkpoint` makes one). Throws `VaultError.noSuchAuditEntry` for an entry
    /// not in the log or not integrated yet, `VaultError.noSignedTreeHead` when no tree head covers it.
    public static func prove(_ vault: Vault, sequence: Int64) throws -> AuditProof {
        let (wanted, entries, checkpoints, certificates) = try vault.store.read {
            reader -> (AuditEntry?, [AuditEntry], [AuditCheckpoint], [EnrolledProfessional]) in
            (try reader.auditEntries(from: sequence, limit: 1).first { $0.sequence == sequence },
             try AuditVerifier.leaves(in: reader), try reader.auditCheckpoints(), try reader.professionals())
        }
        guard let entry = wanted else { throw VaultError.noSuchAuditEntry(sequence) }
        guard let leafIndex = entry.leafIndex else { throw VaultError.noSignedTreeHead(sequence) }
        let leaves = entries.map { MerkleTree.leafHash($0.hash) }
        let leafOfSequence = Dictionary(entries.map { ($0.sequence, $0.leafIndex ?? -1) }, uniquingKeysWith: { first, _ in first })
        let sized = checkpoints.compactMap { checkpoint in leafOfSequence[checkpoint.sequence].map { (size: $0 + 1, checkpoint: checkpoint) } }
        for (size, checkpoint) in sized.sorted(by: { $0.size > $1.size }) where size > leafIndex {
            let tree = leaves.prefix(Int(size))
            let root = MerkleTree.root(tree)
            let message = Digest.sha256DigestInfo(AuditHash.treeHeadMessage(size: size, root: root, headHash: checkpoint.headHash))
            guard let signer = certificates.first(where: { $0.fingerprint == checkpoint.signerFingerprint }),
                  let certificate = try? X509Certificate(derEncoded: signer.certificate),
                  certificate.publicKey.isValidPKCS1Signature(checkpoint.signature, over: message) else { continue }
            return AuditProof(sequence: sequence, leafIndex: leafIndex, entryHash: entry.hash.hexString.lowercased(), treeSize: size,
                              root: root.hexString.lowercased(),
                              path: MerkleTree.inclusionProof(index: Int(leafIndex), tree).map { $0.hexString.lowercased() },
                              signer: checkpoint.signerFingerprint.hexString.lowercased(),
                              signature: checkpoint.signature.hexString.lowercased())
        }
        throw VaultError.noSignedTreeHead(sequence)
    }

    /// Every integrated entry of the log, in leaf order, read a batch at a time.
    static func leaves(in reader: any VaultReading) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        while case let batch = try reader.auditLeaves(from: Int64(entries.count), limit: 10_000), !batch.isEmpty {
            entries += batch
        }
        return entries
    }
}

extension AuditTrail {
    /// Integrates the audit entries waiting for their leaf, then has the card sign the tree head
    /// (its size, root and last leaf), so that rewriting history needs a card; a head already
    /// under a checkpoint (nothing audited since) is left as it is.
    public func signAuditCheckpoint() throws {
        guard try unsignedEntryCount(now: .now) > 0 else { return }
        try signTree()
    }

    /// Has the card sign a tree head over the whole integrated log, which inclusion proofs are
    /// checked against (`AuditVerifier.prove`). Audited as `audit.checkpoint` first, so the head
    /// it signs includes that entry. Returns the size.
    @discardableResult
    public func signTreeHead() throws -> Int64 {
        let admission = try admit(.readAuditLog, as: .auditCheckpoint)
        try vault.audit(admission.granted("signed tree head"))
        return try signTree()
    }

    /// Integrates, then has the card sign the tree head; returns the tree's size.
    @discardableResult
    private func signTree() throws -> Int64 {
        let tree = try vault.integrateAudit()
        guard tree.size > 0,
              let head = try vault.store.read({ try $0.auditLeaves(from: tree.size - 1, limit: 1).first }),
              head.leafIndex == tree.size - 1 else { return tree.size }
        let message = AuditHash.treeHeadMessage(size: tree.size, root: try MerkleTree.CompactRange(stored: tree).root, headHash: head.hash)
        let signature = try card.driver.signWithAuthenticationKey(digestInfo: Digest.sha256DigestInfo(message))
        try vault.store.write { writer in
            try writer.insert(AuditCheckpoint(sequence: head.sequence, headHash: head.hash, signerFingerprint: fingerprint,
                                              signature: signature, signedAt: Date()))
        }
        noteSigned(through: head.sequence)
        return tree.size
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
