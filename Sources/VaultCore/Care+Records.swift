import Foundation
import SmartCard
import VaultCrypto
import VaultStore

extension Care {
    /// Adds a record, or a new version of `recordID` (a correction: the history stays), reading
    /// the content from `input` 64 KiB at a time and sealing each segment as it comes, so memory
    /// stays flat whatever the size. All of it is written in one transaction or not at all.
    public func addRecord(patient: PatientID, recordID existing: RecordID? = nil, contentType: String,
                          from input: FileHandle) throws -> RecordSummary {
        try addRecord(patient: patient, recordID: existing, contentType: contentType) { try input.read(upToCount: $0) ?? Data() }
    }

    /// Adds a record like `addRecord(patient:recordID:contentType:from:)`, with the content from
    /// `read`, which returns at most the number of bytes asked for, empty data at the end, and
    /// throws when the content cannot be had whole (nothing is then written). When the card
    /// leaves the reader, reading stops at the next segment and nothing is committed (checked
    /// again just before the commit): `sessionEnded`, audited as aborted.
    public func addRecord(patient: PatientID, recordID existing: RecordID? = nil, contentType: String,
                          readingWith read: (Int) throws -> Data) throws -> RecordSummary {
        try ContentType.validate(contentType)
        let patientID = patient.bytes
        // The policy's facts and the key's grant on one snapshot.
        let (admission, grantRows) = try admit(.addRecord, patient: patientID, as: .recordAdd) { try keyRows(patientID, in: $0) }
        let key = try patientKey(patientID, from: grantRows)
        let recordID = try existing?.bytes ?? SecureRandom.bytes(count: 16)
        let now = Date()
        return try abortingWhenCardLeaves(admission) { try vault.store.write { writer -> RecordSummary in
            // A new record has a fresh random id: no earlier version to look for.
            let previous = existing == nil ? [] : try writer.recordVersions(recordID: recordID)
            if existing != nil, previous.first?.patientID != patientID { throw VaultError.noSuchRecord }
            let version = (previous.map { $0.version }.max() ?? 0) + 1
            let context = RecordContext(vaultID: vault.vaultID, patientID: patientID, recordID: recordID,
                                        recordVersion: UInt32(version), keyVersion: UInt32(key.version), contentType: contentType)
            let sealer = try RecordSealer(patientKey: key.key, context: context)
            let sealedContentType = try SealedBlob.seal(Array(contentType.utf8), key: key.key,
                                                        context: contentTypeContext(patientID, recordID, version, key.version))
            func versionRow(size: Int64, segmentCount: Int) -> RecordVersion {
                RecordVersion(recordID: recordID, patientID: patientID, version: version, keyVersion: key.version,
                              header: sealer.header.encoded, sealedContentType: sealedContentType,
                              plaintextSize: size, segmentCount: segmentCount, authorFingerprint: fingerprint, createdAt: now)
            }
            var chunk = try readChunk(read)
            var next = chunk.count == RecordHeader.segmentSize ? try readChunk(read) : Data()
            // A record of one segment, the usual case, is known whole: its version row goes first and
            // the segment refers to it. A longer one streams, each segment stored before the version
            // row that only the last completes, so the reference is checked at commit instead (on
            // SQLite that setting makes every prepared statement recompile, hence only here).
            let singleSegment = next.isEmpty
            if singleSegment {
                try writer.insert(versionRow(size: Int64(chunk.count), segmentCount: 1))
            } else {
                try writer.deferReferenceChecks()
            }
            var size: Int64 = 0
            var index = 0
            while true {
                let isFinal = next.isEmpty
                let sealed = try chunk.withUnsafeBytes { try sealer.sealSegment($0, isFinal: isFinal) }
                try writer.insert(RecordSegment(recordID: recordID, version: version, index: index, ciphertext: sealed))
                size += Int64(chunk.count)
                index += 1
                if isFinal { break }
                chunk = next
                next = chunk.count == RecordHeader.segmentSize ? try readChunk(read) : Data()
            }
            let row = versionRow(size: size, segmentCount: index)
            if !singleSegment { try writer.insert(row) }
            try requireCard()
            try AuditLog.append(admission.granted("record \(recordID.hexString) version \(version)"), to: writer)
            // The summary from what was just written, not read back and unsealed again.
            return RecordSummary(recordID: RecordID(bytes: recordID), version: version, contentType: contentType, size: size,
                                 author: professional.nationalID.rawValue, createdAt: row.createdAt)
        } }
    }

    /// Writes a record version's content to `output` (the latest version unless `version` says),
    /// each segment authenticated before it is written; a tampered, truncated or reordered
    /// record stops with an error and never yields wrong plaintext.
    public func readRecord(patient: PatientID, recordID: RecordID, version: Int? = nil, to output: FileHandle) throws {
        try readRecord(patient: patient, recordID: recordID, version: version) { try output.write(contentsOf: $0) }
    }

    /// Reads a record like `readRecord(patient:recordID:version:to:)`, handing each authenticated
    /// segment's plaintext to `write` in order.
    public func readRecord(patient: PatientID, recordID: RecordID, version: Int? = nil, writingWith write: (Data) throws -> Void) throws {
        let patientID = patient.bytes
        let admission = try admit(.readRecords, patient: patientID, as: .recordRead)
        let recordBytes = recordID.bytes
        let versions = try vault.store.read { try $0.recordVersions(recordID: recordBytes) }
        guard let row = version.map({ wanted in versions.first { $0.version == wanted } }) ?? versions.max(by: { $0.version < $1.version }),
              row.patientID == patientID else { throw VaultError.noSuchRecord }
        do {
            try openContent(of: row, key: patientKey(patientID, version: row.keyVersion), writingWith: write)
        } catch let error where error.isTampering {
            try vault.audit(admission.failed("record \(recordID) failed authentication"))
            throw error is CryptoError ? VaultError.recordTampered(recordID: recordID) : error
        }
        try vault.audit(admission.granted("record \(recordID) version \(row.version)"))
    }
}

extension SessionService {
    /// Hands each authenticated segment of a record version's plaintext to `write`, in order,
    /// opened with the patient key it was sealed under. Throws `CryptoError` at the first
    /// segment that is tampered with, missing or out of place, before releasing it.
    func openContent(of row: RecordVersion, key: SecretBytes, writingWith write: (Data) throws -> Void) throws {
        let context = RecordContext(vaultID: vault.vaultID, patientID: row.patientID, recordID: row.recordID,
                                    recordVersion: UInt32(row.version), keyVersion: UInt32(row.keyVersion),
                                    contentType: try openContentType(row, key: key))
        let opener = try RecordOpener(patientKey: key, context: context, header: RecordHeader(parsing: row.header))
        var expected = 0
        try vault.store.read { reader in
            try reader.forEachSegment(recordID: row.recordID, version: row.version) { segment in
                guard segment.index == expected else { throw CryptoError.authenticationFailed }
                let plaintext = try opener.openSegment(segment.ciphertext, index: UInt32(segment.index),
                                                       isFinal: segment.index == row.segmentCount - 1)
                try write(Data(plaintext))
                expected += 1
            }
        }
        guard expected == row.segmentCount else { throw CryptoError.authenticationFailed }
    }
}

extension Care {
    /// The latest version of each of the patient's records. A record whose content type fails
    /// authentication under this patient's key (modified, or moved here from another patient)
    /// is left out, listed as tampered and audited as failed: the rest are listed.
    public func records(patient: PatientID) throws -> Listing<RecordSummary> {
        let patientID = patient.bytes
        let admission = try admit(.readRecords, patient: patientID, as: .recordList)
        let rows = try vault.store.read { try $0.recordVersions(patientID: patientID) }
        let latest = Dictionary(grouping: rows, by: \.recordID).compactMap { $0.value.max { $0.version < $1.version } }
        var listing: Listing<RecordSummary>
        do {
            listing = try summaries(of: latest, patientID: patientID)
        } catch let error where error.isTampering {
            try vault.audit(admission.failed("the patient key grant failed authentication"))
            throw error
        }
        for recordID in listing.tampered {
            try vault.audit(admission.failed("record \(recordID) failed authentication: left out"))
        }
        listing.items.sort { $0.createdAt < $1.createdAt }
        return listing
    }

    /// Every version of one record, oldest first; a version that fails authentication makes the
    /// whole history `recordTampered`.
    public func history(patient: PatientID, recordID: RecordID) throws -> [RecordSummary] {
        let patientID = patient.bytes
        let admission = try admit(.readRecords, patient: patientID, as: .recordHistory)
        let rows = try vault.store.read { try $0.recordVersions(recordID: recordID.bytes) }
        guard rows.allSatisfy({ $0.patientID == patientID }), !rows.isEmpty else { throw VaultError.noSuchRecord }
        let listing = try summaries(of: rows.sorted { $0.version < $1.version }, patientID: patientID)
        guard listing.tampered.isEmpty else {
            try vault.audit(admission.failed("record \(recordID) failed authentication"))
            throw VaultError.recordTampered(recordID: recordID)
        }
        return listing.items
    }

    /// Summaries of a patient's record versions, each patient key version unwrapped once for all
    /// of them (while a rekey runs, some are still on the older version); a version whose content
    /// type fails authentication is left out and its record id listed as tampered.
    private func summaries(of rows: [RecordVersion], patientID: [UInt8]) throws -> Listing<RecordSummary> {
        var keys: [Int: SecretBytes] = [:]
        var listing = Listing<RecordSummary>(items: [])
        for row in rows {
            let key = try keys[row.keyVersion] ?? patientKey(patientID, version: row.keyVersion)
            keys[row.keyVersion] = key
            do {
                listing.items.append(try summary(of: row, key: key))
            } catch let error where error.isTampering {
                listing.tampered.append(RecordID(bytes: row.recordID))
            }
        }
        return listing
    }

    func summary(of row: RecordVersion, key: SecretBytes) throws -> RecordSummary {
        let author = try vault.store.read { try $0.professional(fingerprint: row.authorFingerprint) }
        return RecordSummary(recordID: RecordID(bytes: row.recordID), version: row.version, contentType: try openContentType(row, key: key),
                             size: row.plaintextSize, author: author?.nationalID ?? row.authorFingerprint.hexString,
                             createdAt: row.createdAt)
    }
}

extension SessionService {
    /// The content type of a record version, opened with the patient key it is sealed under.
    func openContentType(_ row: RecordVersion, key: SecretBytes) throws -> String {
        let bytes = try SealedBlob.open(row.sealedContentType, key: key,
                                        context: contentTypeContext(row.patientID, row.recordID, row.version, row.keyVersion))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where a record version's sealed content type is bound: its own context under a fixed type.
    func contentTypeContext(_ patientID: [UInt8], _ recordID: [UInt8], _ version: Int, _ keyVersion: Int) -> RecordContext {
        RecordContext(vaultID: vault.vaultID, patientID: patientID, recordID: recordID, recordVersion: UInt32(version),
                      keyVersion: UInt32(keyVersion), contentType: "application/vnd.cpsvault.content-type")
    }
}

extension Care {
    /// The next segment's worth of content; `sessionEnded` once the card has left the reader.
    private func readChunk(_ read: (Int) throws -> Data) throws -> Data {
        guard isOpen else { throw VaultError.sessionEnded }
        var chunk = Data()
        while chunk.count < RecordHeader.segmentSize {
            let more = try read(RecordHeader.segmentSize - chunk.count)
            guard !more.isEmpty else { break }
            chunk.append(more)
        }
        return chunk
    }
}
