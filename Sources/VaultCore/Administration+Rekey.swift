import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension Administration {
    /// Rekeys a patient (docs/DESIGN.md, Keys; docs/KEYS.md, Rekey): a new patient key version, escrowed
    /// under the current vault key and handed to every holder of a grant or pending grant as a
    /// pending grant; the identity and every record version resealed under it, one record
    /// version per transaction, segment by segment; then every copy of the older versions
    /// destroyed and the queued rekey cleared. The old key comes from its escrow copy, opened
    /// with this administrator's vault key. Interrupted at any point, the next call carries on
    /// with the key already made. Administrators only; each step is audited as `admin.rekey`.
    public func rekey(patient: PatientID, progress: (RekeyStep) -> Void = { _ in }) throws -> RekeyReport {
        let patientID = patient.bytes
        let admission = try admit(.administerKeys, patient: patientID, as: .adminRekey)
        return try rekey(admission, patientID: patientID, ring: VaultKeyRing(session), progress: progress)
    }

    /// Runs every queued rekey (oppositions, team removals, consent withdrawals, or requested)
    /// and carries on with those an interruption left half done, one patient after another.
    /// A patient queued again while its rekey runs waits for the next call. Administrators only.
    public func rekeyPending(progress: (RekeyStep) -> Void = { _ in }) throws -> [RekeyReport] {
        _ = try admit(.administerKeys, as: .adminRekey)
        let ring = VaultKeyRing(session)
        var reports: [RekeyReport] = []
        var done = Set<[UInt8]>()
        while let next = try vault.store.read({ try $0.pendingRekeys() }).first(where: { !done.contains($0.patientID) }) {
            done.insert(next.patientID)
            let admission = try admit(.administerKeys, patient: next.patientID, as: .adminRekey)
            reports.append(try rekey(admission, patientID: next.patientID, ring: ring, progress: progress))
        }
        return reports
    }

    private func rekey(_ admission: Admission, patientID: [UInt8], ring: VaultKeyRing,
                       progress: (RekeyStep) -> Void) throws -> RekeyReport {
        let (patient, escrow) = try vault.store.read { reader in
            (try reader.patient(id: patientID), try reader.escrowKeys(patientID: patientID))
        }
        guard let patient, patient.shreddedAt == nil else { throw VaultError.noSuchPatient }
        // A rekey in progress has moved the current version first: older escrow copies remain.
        let resumed = escrow.contains { $0.keyVersion < patient.currentKeyVersion }
        let holders = resumed ? 0 : try startRekey(patient, ring: ring, admission: admission)
        let keyVersion = resumed ? patient.currentKeyVersion : patient.currentKeyVersion + 1
        func step(_ kind: RekeyStep.Kind, _ resealed: Int, _ left: Int) {
            progress(RekeyStep(patientID: PatientID(bytes: patientID), step: kind, keyVersion: keyVersion, resealed: resealed, toReseal: left))
        }
        step(resumed ? .resumed : .started, 0, 0)
        var resealed = 0
        repeat {
            let earlier = resealed
            resealed += try resealStaleRecords(patientID, ring: ring, admission: admission) { done, total in
                step(.resealed, earlier + done, earlier + total)
            }
        } while try !finishRekey(patientID, admission: admission)
        // The old ciphertext and key copies must not linger in the WAL for a kept old key to open.
        try vault.store.discardDeletedContent()
        step(.finished, resealed, 0)
        return RekeyReport(patientID: PatientID(bytes: patientID), keyVersion: keyVersion, resumed: resumed,
                           resealedRecordVersions: resealed, keyHolders: holders)
    }

    /// Makes the new key version and, in one transaction, moves the patient to it: identity
    /// resealed, escrow copy, pending grants to the holders, the queue row marked in progress.
    /// Returns how many holders were handed the key.
    private func startRekey(_ patient: Patient, ring: VaultKeyRing, admission: Admission) throws -> Int {
        let patientID = patient.patientID
        let oldVersion = patient.currentKeyVersion, newVersion = patient.currentKeyVersion + 1
        let oldKey = try escrowedKey(patientID, keyVersion: oldVersion, ring: ring)
        guard let vaultKeyVersion = try liveVaultKeyVersions().last else { throw VaultError.keyDoesNotOpen("current vault key") }
        let vaultKey = try ring.key(vaultKeyVersion)
        let newKey = try SecretBytes(randomCount: 32)
        var identity = try SealedBlob.open(patient.identity, key: oldKey, context: identityContext(patientID, keyVersion: oldVersion))
        defer { identity.cleanse() }
        let resealedIdentity = try SealedBlob.seal(identity, key: newKey, context: identityContext(patientID, keyVersion: newVersion))
        let escrowCopy = try vaultKey.escrowCopy(of: newKey, patientID: patientID, keyVersion: newVersion)
        let statements = try resealedStatements(patientID, from: (oldKey, oldVersion), to: (newKey, newVersion))
        let now = Date()
        return try vault.store.write { writer in
            guard var row = try writer.patient(id: patientID), row.shreddedAt == nil, row.currentKeyVersion == oldVersion else {
                throw VaultError.changedMeanwhile("the patient's key or status")
            }
            row.currentKeyVersion = newVersion
            row.identity = resealedIdentity
            try writer.update(row)
            try writer.insert(escrowCopy)
            let holders = Set(try writer.grants(patientID: patientID).map(\.fingerprint)
                              + writer.pendingGrants(patientID: patientID).map(\.fingerprint))
            var handed = 0
            // Holders the policy no longer lets receive the key (an opposition, the end of the hosting) are left out.
            for holder in holders {
                guard let enrolment = try writer.professional(fingerprint: holder), enrolment.removedAt == nil,
                      case .sealed(let pending) = try pendingGrant(of: (newKey, newVersion), patientID: patientID, to: enrolment,
                                                                   in: writer, at: now) else { continue }
                try writer.insert(pending)
                handed += 1
            }
            let queued = try writer.pendingRekeys().first { $0.patientID == patientID }
            if queued != nil { try writer.deletePendingRekey(patientID: patientID) }
            try writer.insert(PendingRekey(patientID: patientID, reason: RekeyQueue.inProgress(keyVersion: newVersion), queuedAt: now))
            guard Set(try writer.policyEvents(patientID: patientID).map(\.eventID)) == Set(statements.map(\.eventID)) else {
                throw VaultError.changedMeanwhile("the patient's consents and events")
            }
            for statement in statements { try writer.resealPolicyEvent(eventID: statement.eventID, payload: statement.payload) }
            try AuditLog.append(admission.granted("started patient key version \(newVersion) (\(queued?.reason ?? "requested")); "
                                          + "escrowed under vault key version \(vaultKeyVersion.version), handed to \(handed) holders"),
                                to: writer)
            return handed
        }
    }

    /// The statements of the patient's policy events sealed again under the new key, so that the
    /// consent and objection history outlives the old key.
    private func resealedStatements(_ patientID: [UInt8], from old: (key: SecretBytes, version: Int),
                                    to new: (key: SecretBytes, version: Int)) throws -> [(eventID: [UInt8], payload: [UInt8])] {
        try vault.store.read { try $0.policyEvents(patientID: patientID) }.map { event in
            var statement = try SealedBlob.open(event.payload, key: old.key,
                                                context: policyContext(patientID, eventID: event.eventID, keyVersion: old.version))
            defer { statement.cleanse() }
            return (event.eventID, try SealedBlob.seal(statement, key: new.key,
                                                       context: policyContext(patientID, eventID: event.eventID, keyVersion: new.version)))
        }
    }

    /// Reseals every record version still on an older key version; returns how many.
    private func resealStaleRecords(_ patientID: [UInt8], ring: VaultKeyRing, admission: Admission,
                                    progress: (Int, Int) -> Void) throws -> Int {
        let (currentVersion, stale) = try vault.store.read { reader in
            guard let patient = try reader.patient(id: patientID) else { throw VaultError.noSuchPatient }
            return (patient.currentKeyVersion,
                    try reader.recordVersions(patientID: patientID).filter { $0.keyVersion < patient.currentKeyVersion })
        }
        guard !stale.isEmpty else { return 0 }
        let newKey = try escrowedKey(patientID, keyVersion: currentVersion, ring: ring)
        var oldKeys: [Int: SecretBytes] = [:]
        for (done, row) in stale.enumerated() {
            let oldKey = try oldKeys[row.keyVersion] ?? escrowedKey(patientID, keyVersion: row.keyVersion, ring: ring)
            oldKeys[row.keyVersion] = oldKey
            try reseal(row, from: oldKey, to: (newKey, currentVersion), admission: admission)
            progress(done + 1, stale.count)
        }
        return stale.count
    }

    /// Reseals one record version under the new key in one transaction, streaming its segments:
    /// each is opened (authenticated) with the old key and sealed again under a fresh nonce prefix.
    private func reseal(_ row: RecordVersion, from oldKey: SecretBytes, to newKey: (key: SecretBytes, version: Int),
                        admission: Admission) throws {
        let record = "record \(row.recordID.hexString) version \(row.version)"
        do {
            let contentType = try openContentType(row, key: oldKey)
            func context(_ keyVersion: Int) -> RecordContext {
                RecordContext(vaultID: vault.vaultID, patientID: row.patientID, recordID: row.recordID,
                              recordVersion: UInt32(row.version), keyVersion: UInt32(keyVersion), contentType: contentType)
            }
            let opener = try RecordOpener(patientKey: oldKey, context: context(row.keyVersion), header: RecordHeader(parsing: row.header))
            let sealer = try RecordSealer(patientKey: newKey.key, context: context(newKey.version))
            var resealed = row
            resealed.keyVersion = newKey.version
            resealed.header = sealer.header.encoded
            resealed.sealedContentType = try SealedBlob.seal(Array(contentType.utf8), key: newKey.key,
                                                             context: contentTypeContext(row.patientID, row.recordID, row.version, newKey.version))
            try vault.store.write { writer in
                // Another administrator's run may have got there first.
                guard try writer.recordVersion(recordID: row.recordID, version: row.version)?.keyVersion == row.keyVersion else { return }
                var expected = 0
                try writer.reseal(resealed) { segment in
                    guard segment.index == expected else { throw CryptoError.authenticationFailed }
                    expected += 1
                    let isFinal = segment.index == row.segmentCount - 1
                    var plaintext = try opener.openSegment(segment.ciphertext, index: UInt32(segment.index), isFinal: isFinal)
                    defer { plaintext.cleanse() }
                    return try sealer.sealSegment(plaintext, isFinal: isFinal)
                }
                try AuditLog.append(admission.granted("\(record) resealed under patient key version \(newKey.version)"), to: writer)
            }
        } catch is CryptoError {
            try vault.audit(admission.failed("\(record) failed authentication"))
            throw VaultError.recordTampered(recordID: RecordID(bytes: row.recordID))
        }
    }

    /// Once no record version is left on an older key version, destroys every copy of the older
    /// versions (escrow, grants, pending grants) and clears the queue row this rekey marked, in
    /// one transaction; returns false, changing nothing, if a record version still needs resealing.
    private func finishRekey(_ patientID: [UInt8], admission: Admission) throws -> Bool {
        try vault.store.write { writer in
            guard let patient = try writer.patient(id: patientID) else { throw VaultError.noSuchPatient }
            let current = patient.currentKeyVersion
            guard try writer.recordVersions(patientID: patientID).allSatisfy({ $0.keyVersion == current }) else { return false }
            var destroyed = 0
            for copy in try writer.escrowKeys(patientID: patientID) where copy.keyVersion < current {
                try writer.deleteEscrowKey(patientID: patientID, keyVersion: copy.keyVersion)
                destroyed += 1
            }
            for grant in try writer.grants(patientID: patientID) where grant.keyVersion < current {
                try writer.deleteGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
                destroyed += 1
            }
            for grant in try writer.pendingGrants(patientID: patientID) where grant.keyVersion < current {
                try writer.deletePendingGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
                destroyed += 1
            }
            if try writer.pendingRekeys().contains(where: { $0.patientID == patientID && $0.reason == RekeyQueue.inProgress(keyVersion: current) }) {
                try writer.deletePendingRekey(patientID: patientID)
            }
            try AuditLog.append(admission.granted("finished on patient key version \(current); "
                                                      + "\(destroyed) copies of older versions destroyed"), to: writer)
            return true
        }
    }

    /// A version of the patient key opened from its escrow copy (a deposit not settled yet opens
    /// too, through the vault key version's deposit key).
    private func escrowedKey(_ patientID: [UInt8], keyVersion: Int, ring: VaultKeyRing) throws -> SecretBytes {
        let (escrow, versions) = try vault.store.read { reader in
            (try reader.escrowKeys(patientID: patientID).first { $0.keyVersion == keyVersion }, try reader.vaultKeyVersions())
        }
        guard let escrow, let version = versions.first(where: { $0.version == escrow.vaultKeyVersion }) else {
            throw VaultError.keyDoesNotOpen("escrow copy of patient key version \(keyVersion)")
        }
        return try ring.key(version).open(escrow)
    }
}

/// The vault key versions an administrator's card opened during one command, each opened once
/// (one card operation per version).
private final class VaultKeyRing {
    private let session: VaultSession
    private var keys: [Int: OpenedVaultKey] = [:]

    init(_ session: VaultSession) {
        self.session = session
    }

    func key(_ version: VaultKeyVersion) throws -> OpenedVaultKey {
        if let key = keys[version.version] { return key }
        let key = try session.openVaultKey(version)
        keys[version.version] = key
        return key
    }
}
