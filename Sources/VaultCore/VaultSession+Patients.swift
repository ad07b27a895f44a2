import Foundation
import SmartCard
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Creates a patient with the hosting consent of L1111-8 recorded: a fresh patient key
    /// granted to the creating professional, the identity sealed under it, the INS kept only as
    /// a blind index. Returns the patient's opaque id (32 hexadecimal digits).
    public func createPatient(_ identity: PatientIdentity, hostingConsent: String) throws -> String {
        try authorize(.createPatient, patientID: nil)
        let ins = try identity.normalizedINS()
        let patientID = try SecureRandom.bytes(count: 16)
        let key = try SecretBytes(randomCount: 32)
        let now = Date()
        try withWallet { wallet in
            let index = wallet.blindIndex(of: ins)
            let identityBlob = try SealedBlob.seal(Array(try JSONEncoder().encode(identity)), key: key,
                                                   context: identityContext(patientID, keyVersion: 1))
            let grantContext = KeyContext.patientKey(vaultID: vault.vaultID, patientID: patientID, keyVersion: 1, holder: fingerprint)
            let consent = try policyEvent(PolicyEventKind.hostingConsent, patientID: patientID, statement: hostingConsent,
                                          subject: nil, key: (key, 1), at: now)
            try vault.store.write { writer in
                guard try writer.patient(blindIndex: index) == nil else { throw VaultError.duplicatePatient }
                try writer.insert(Patient(patientID: patientID, blindIndex: index, identity: identityBlob,
                                          currentKeyVersion: 1, createdAt: now, shreddedAt: nil))
                try writer.insert(Grant(patientID: patientID, fingerprint: fingerprint, keyVersion: 1,
                                        wrappedKey: try KeyWrap.wrap(key, with: wallet.walletKey, context: grantContext),
                                        grantedBy: fingerprint, grantedAt: now))
                try Escrow.deposit(key, patientID: patientID, keyVersion: 1, vaultID: vault.vaultID, in: writer)
                try writer.insert(consent)
                try AuditLog.append(event("patient.create", patientID: patientID, outcome: .granted), to: writer)
            }
        }
        return patientID.hexString
    }

    /// The patients this professional may open, with their identities.
    public func patients() throws -> [PatientSummary] {
        let grants = try vault.store.read { try $0.grants(fingerprint: fingerprint) }
        let summaries = try Set(grants.map(\.patientID)).compactMap { patientID -> PatientSummary? in
            guard let patient = try vault.store.read({ try $0.patient(id: patientID) }), patient.shreddedAt == nil else { return nil }
            return try summary(of: patient)
        }
        try vault.audit(event("patient.list", outcome: .granted, reason: "\(summaries.count) patients"))
        return summaries.sorted { ($0.identity.familyName, $0.identity.givenNames) < ($1.identity.familyName, $1.identity.givenNames) }
    }

    /// The patient with this INS, if this professional may open them.
    public func patient(ins: String) throws -> PatientSummary {
        let normalized = try PatientIdentity(familyName: "", givenNames: "", birthDate: "", sex: "", ins: ins, address: "").normalizedINS()
        let index = try withWallet { $0.blindIndex(of: normalized) }
        guard let patient = try vault.store.read({ try $0.patient(blindIndex: index) }) else { throw VaultError.noSuchPatient }
        try authorize(.readRecords, patientID: patient.patientID)
        return try summary(of: patient)
    }

    private func summary(of patient: Patient) throws -> PatientSummary {
        // The key version of this very row: a rekey reseals the identity as it moves the version.
        let key = try patientKey(patient.patientID, version: patient.currentKeyVersion)
        let identity = try JSONDecoder().decode(PatientIdentity.self, from: Data(
            SealedBlob.open(patient.identity, key: key, context: identityContext(patient.patientID, keyVersion: patient.currentKeyVersion))))
        return PatientSummary(patientID: patient.patientID.hexString, identity: identity, createdAt: patient.createdAt)
    }

    /// The current patient key, unwrapped from this professional's grant: what new records,
    /// grants and policy events are sealed with, even while a rekey runs.
    func patientKey(_ patientID: [UInt8]) throws -> (key: SecretBytes, version: Int) {
        guard let patient = try vault.store.read({ try $0.patient(id: patientID) }) else { throw VaultError.noSuchPatient }
        return (try patientKey(patientID, version: patient.currentKeyVersion), patient.currentKeyVersion)
    }

    /// One version of the patient key (record versions keep the one they were sealed with until
    /// a rekey reseals them), unwrapped from this professional's grant. A pending grant of that
    /// version, as a rekey hands the new key to every holder, is moved into the wallet first.
    func patientKey(_ patientID: [UInt8], version: Int) throws -> SecretBytes {
        func held(_ reader: any VaultReading) throws -> Grant? {
            try reader.grants(patientID: patientID).first { $0.fingerprint == fingerprint && $0.keyVersion == version }
        }
        var grant = try vault.store.read(held)
        if grant == nil, try vault.store.read({ try $0.pendingGrants(patientID: patientID) })
            .contains(where: { $0.fingerprint == fingerprint && $0.keyVersion == version }) {
            try acceptPendingGrants(patientID: patientID)
            grant = try vault.store.read(held)
        }
        guard let grant else { throw VaultError.noSuchPatient }
        let context = KeyContext.patientKey(vaultID: vault.vaultID, patientID: patientID, keyVersion: grant.keyVersion, holder: fingerprint)
        let key = try withWallet { wallet in
            do {
                return try KeyWrap.unwrap(grant.wrappedKey, with: wallet.walletKey, context: context)
            } catch {
                throw VaultError.keyDoesNotOpen("patient key")
            }
        }
        return key
    }

    func identityContext(_ patientID: [UInt8], keyVersion: Int) -> RecordContext {
        RecordContext(vaultID: vault.vaultID, patientID: patientID, recordID: patientID, recordVersion: 0,
                      keyVersion: UInt32(keyVersion), contentType: "application/vnd.cpsvault.identity+json")
    }

    func policyContext(_ patientID: [UInt8], eventID: [UInt8], keyVersion: Int) -> RecordContext {
        RecordContext(vaultID: vault.vaultID, patientID: patientID, recordID: eventID, recordVersion: 0,
                      keyVersion: UInt32(keyVersion), contentType: "application/vnd.cpsvault.policy-event")
    }
}

/// A patient id as the command line shows it.
extension String {
    /// The 16 bytes of a patient or record id given as 32 hexadecimal digits.
    func opaqueID() throws -> [UInt8] {
        guard let bytes = [UInt8](hexString: self), bytes.count == 16 else { throw VaultError.noSuchPatient }
        return bytes
    }
}
