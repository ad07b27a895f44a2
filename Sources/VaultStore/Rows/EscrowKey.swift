/// The escrow copy of one version of a patient data key, wrapped under a vault key version;
/// unique per (patient, key version).
public struct EscrowKey: Sendable, Hashable {
    public var patientID: [UInt8]
    /// The version of the patient data key.
    public var keyVersion: Int
    /// The vault key version that wraps it.
    public var vaultKeyVersion: Int
    public var wrappedKey: [UInt8]

    public init(patientID: [UInt8], keyVersion: Int, vaultKeyVersion: Int, wrappedKey: [UInt8]) {
        self.patientID = patientID
        self.keyVersion = keyVersion
        self.vaultKeyVersion = vaultKeyVersion
        self.wrappedKey = wrappedKey
    }
}
