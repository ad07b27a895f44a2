/// The escrow copy of one version of a patient data key, wrapped under a vault key version;
/// unique per (patient, key version).
public struct EscrowKey: Sendable, Hashable {
    public var patientID: [UInt8]
    /// The version of the patient data key.
    public var keyVersion: Int
    /// The vault key version that wraps it.
    public var vaultKeyVersion: Int
    public var wrappedKey: [UInt8]

    /// First byte of a deposit: a patient key sealed to the vault key version's deposit key by a
    /// professional, not yet settled into a copy wrapped under the vault key (docs/KEYS.md).
    public static let depositMarker: UInt8 = 0x44

    /// Whether this copy is a deposit still waiting to be settled.
    public var isDeposit: Bool { wrappedKey.first == Self.depositMarker }

    public init(patientID: [UInt8], keyVersion: Int, vaultKeyVersion: Int, wrappedKey: [UInt8]) {
        self.patientID = patientID
        self.keyVersion = keyVersion
        self.vaultKeyVersion = vaultKeyVersion
        self.wrappedKey = wrappedKey
    }
}
