import VaultCrypto

/// What the vault needs from a CPS card, whatever its generation: the serial number and the
/// certificates it carries, its PIN, and the private-key operations of its authentication key.
/// A driver speaks to one card through a `CardChannel` and never retries a PIN by itself.
public protocol CPSCardDriver: Sendable {
    /// The card's serial number (EF.SN).
    func readSerialNumber() throws -> [UInt8]
    /// The certificates on the card, found through the card's own directory.
    func readCertificates() throws -> CardCertificates
    /// Tries left on the PIN, read without spending one.
    func pinStatus() throws -> PINStatus
    /// Presents the PIN once. Throws `CPSCardError.wrongPIN` or `.pinBlocked` when refused.
    func verify(_ pin: PIN) throws
    /// Replaces the PIN: the card checks `old` once (a wrong one spends a try and throws
    /// `CPSCardError.wrongPIN`) and then takes `new`. A `new` whose length the card's PIN object
    /// does not allow throws `CPSCardError.newPINLength` before anything is sent.
    func changePIN(from old: PIN, to new: PIN) throws
    /// Signs a DER DigestInfo with the authentication key (PKCS#1 v1.5); needs the PIN first.
    func signWithAuthenticationKey(digestInfo: [UInt8]) throws -> [UInt8]
    /// Signs a SHA-256 hash computed on the host with the non-repudiation signature key
    /// (RSA PKCS#1 v1.5, DigestInfo and padding added by the card); needs the PIN first.
    /// Throws `CPSCardError.missingCardObject` on a card without a signature key.
    func signWithSignatureKey(sha256 digest: [UInt8]) throws -> [UInt8]
    /// Deciphers an RSA PKCS#1 v1.5 cryptogram with the authentication key; needs the PIN first.
    func decipherWithAuthenticationKey(_ cryptogram: [UInt8]) throws -> SecretBytes
    /// Ends what the driver keeps open with the card beyond its PC/SC connection (a PKCS#11
    /// session and its login); key operations fail afterwards.
    func close()
}

extension CPSCardDriver {
    /// A driver that speaks APDUs keeps nothing open but the connection.
    public func close() {}
}

/// The certificates a CPS card carries.
public struct CardCertificates: Sendable {
    /// The authentication certificate, whose key signs challenges and deciphers keys.
    public var authentication: X509Certificate
    /// The non-repudiation signature certificate, when the card has one.
    public var signature: X509Certificate?
    /// Encodings the card stores that were read as the field's card clients read them, to be shown.
    public var repairs: [CertificateRepair] = []
}

/// The state of a card's PIN, as read without spending a try.
public enum PINStatus: Sendable, Equatable {
    case verified
    /// Tries left before the PIN blocks; nil when the card's middleware does not count them but
    /// says this is not the last (a PKCS#11 token without `CKF_USER_PIN_FINAL_TRY`).
    case triesLeft(Int?)
    case blocked
}
