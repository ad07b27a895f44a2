import Foundation
import SmartCard
import VaultCrypto
import VaultStore

extension Care {
    /// Creates a patient with the hosting consent of L1111-8 recorded (an identity that is not
    /// valid, `PatientIdentity.validate`, is refused before anything): a fresh patient key
    /// granted to the creating professional, the identity sealed under it, the INS kept only as
    /// a blind index. Returns the patient's opaque id.
    public func createPatient(_ identity: PatientIdentity, hostingConsent: String) throws -> PatientID {
        try identity.validate()
        let admission = try admit(.createPatient, as: .patientCreate)
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
                try AuditLog.append(admission.granted(patient: patientID, ""), to: writer)
            }
        }
        return PatientID(bytes: patientID)
    }

    /// The patients this professional may see, with their identities: among the patients whose
    /// key they hold, each one the policy lets them see (`listPatients`, decided per patient, so
    /// that nothing of a patient whose hosting ended or who opposed them is decrypted). Each
    /// identity shown is audited as an entry naming that patient; patients left out are neither
    /// shown nor named. A patient whose key grant or identity fails authentication is left out
    /// too, but listed as tampered and audited as failed under their id: the rest are served.
    public func patients() throws -> Listing<PatientSummary> {
        let admission = try admit(.listPatients, as: .patientList)
        let visible = try vault.store.read { reader in
            try Set(try reader.grants(fingerprint: fingerprint).map(\.patientID)).compactMap { patientID -> Patient? in
                guard try decision(.listPatients, patientID: patientID, in: reader).isAllowed else { return nil }
                return try reader.patient(id: patientID)
            }
        }
        var tampered: [[UInt8]] = []
        let summaries = try visible.compactMap { patient -> PatientSummary? in
            do {
                return try summary(of: patient)
            } catch let error where error.isTampering {
                tampered.append(patient.patientID)
                return nil
            }
        }
        try vault.store.write { writer in
            for patient in visible where !tampered.contains(patient.patientID) {
                try AuditLog.append(admission.granted(patient: patient.patientID, "identity shown"), to: writer)
            }
            for patientID in tampered {
                try AuditLog.append(admission.failed(patient: patientID, "key grant or identity failed authentication: left out"), to: writer)
            }
        }
        return Listing(items: summaries.sorted { ($0.identity.familyName, $0.identity.givenNames) < ($1.identity.familyName, $1.identity.givenNames) },
                       tampered: tampered.map(PatientID.init(bytes:)))
    }

    /// The patient with this INS, if this professional may see them. A patient who is not in
    /// the vault and one the policy keeps from this professional get the same answer,
    /// `VaultError.noSuchPatient`, so that a search tells nothing of who is hosted here; the
    /// attempt is audited either way (a refusal names the patient only to those in their care).
    public func patient(ins: String) throws -> PatientSummary {
        let normalized = try INS(ins).description
        let index = try withWallet { $0.blindIndex(of: normalized) }
        let patientID = try vault.store.read { try $0.patient(blindIndex: index)?.patientID }
        let admission: Admission
        do {
            admission = try admit(.listPatients, patient: patientID, as: .patientFind)
        } catch VaultError.accessDenied {
            throw VaultError.noSuchPatient
        }
        guard let patientID, let patient = try vault.store.read({ try $0.patient(id: patientID) }) else {
            try vault.audit(admission.refused("no patient with this INS"))
            throw VaultError.noSuchPatient
        }
        let summary: PatientSummary
        do {
            summary = try self.summary(of: patient)
        } catch let error where error.isTampering {
            try vault.audit(admission.failed("key grant or identity failed authentication"))
            throw error
        }
        // The blind index is only a pointer: the identity it led to must carry the INS asked for,
        // or the index was moved to another patient's row.
        guard (try? summary.identity.normalizedINS()) == normalized else {
            try vault.audit(admission.failed("the blind index leads to another patient's identity"))
            throw VaultError.tampered("the patient index (a search by INS led to another patient's identity)")
        }
        try vault.audit(admission.granted("identity shown"))
        return summary
    }

    func summary(of patient: Patient) throws -> PatientSummary {
        // The key version of this very row: a rekey reseals the identity as it moves the version.
        let key = try patientKey(patient.patientID, version: patient.currentKeyVersion)
        let identity = try JSONDecoder().decode(PatientIdentity.self, from: Data(
            SealedBlob.open(patient.identity, key: key, context: identityContext(patient.patientID, keyVersion: patient.currentKeyVersion))))
        return PatientSummary(patientID: PatientID(bytes: patient.patientID), identity: identity, createdAt: patient.createdAt)
    }
}

extension SessionService {
    /// The current patient key, unwrapped from this professional's grant: what new records,
    /// grants and policy events are sealed with, even while a rekey runs.
    func patientKey(_ patientID: [UInt8]) throws -> (key: SecretBytes, version: Int) {
        try patientKey(patientID, from: vault.store.read { try keyRows(patientID, in: $0) })
    }

    /// The rows `patientKey(_:from:)` takes the current key from: the patient and its grants.
    func keyRows(_ patientID: [UInt8], in reader: any VaultReading) throws -> (patient: Patient?, grants: [Grant]) {
        (try reader.patient(id: patientID), try reader.grants(patientID: patientID))
    }

    /// The patient's current key, from this professional's grant among `rows` (read on one
    /// snapshot), the usual case; a key still pending (after a rekey) goes the longer way.
    func patientKey(_ patientID: [UInt8], from rows: (patient: Patient?, grants: [Grant])) throws -> (key: SecretBytes, version: Int) {
        guard let patient = rows.patient else { throw VaultError.noSuchPatient }
        let version = patient.currentKeyVersion
        if let grant = rows.grants.first(where: { $0.fingerprint == fingerprint && $0.keyVersion == version }) {
            return (try unwrap(grant), version)
        }
        return (try patientKey(patientID, version: version), version)
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
            try session.acceptPendingGrants(patientID: patientID)
            grant = try vault.store.read(held)
        }
        guard let grant else { throw VaultError.noSuchPatient }
        return try unwrap(grant)
    }

    /// The patient key `grant` wraps for this professional, unwrapped with the wallet.
    private func unwrap(_ grant: Grant) throws -> SecretBytes {
        let context = KeyContext.patientKey(vaultID: vault.vaultID, patientID: grant.patientID, keyVersion: grant.keyVersion,
                                            holder: fingerprint)
        return try withWallet { wallet in
            do {
                return try KeyWrap.unwrap(grant.wrappedKey, with: wallet.walletKey, context: context)
            } catch {
                // The wallet opened with the card, so a grant of its own that does not open was changed.
                throw VaultError.tampered("the key grant of patient \(grant.patientID.hexString) does not open with your wallet")
            }
        }
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
