/// The volatile state of a simulated CPS4's logical channel 1, beside the file selection and
/// PIN state of `CardSession`: whether the channel is open, whether the ChipDoc applet is the
/// application selected on it, and what MSE SET chose. A reset clears it.
struct ChipDocSession {
    var channelOpen = false
    var appletSelected = false
    /// MSE SET `41 B8` with the authentication key: PSO DECIPHER may run.
    var authenticationKeySet = false
    /// MSE SET `81 B6`: the signature algorithm chosen for PSO COMPUTE DIGITAL SIGNATURE.
    var signatureAlgorithm: ChipDocSignatureAlgorithm?
}

/// The signature algorithms the simulated CPS4's signature key accepts in MSE SET `81 B6`:
/// RSA PKCS#1 v1.5 over a SHA-1 or SHA-256 hash given by the host.
enum ChipDocSignatureAlgorithm: UInt8 {
    case sha1WithRSA = 0x0A
    case sha256WithRSA = 0x28

    /// The same signature in the CPS3's algorithm terms, for its hash length and DigestInfo.
    var cardAlgorithm: CardAlgorithm {
        switch self {
        case .sha1WithRSA: .sha1WithRSA
        case .sha256WithRSA: .sha256WithRSA
        }
    }

    /// RSA-PSS identifiers (SHA-1, SHA-256) that a ChipDoc card knows and this simulator does not.
    static let pss: Set<UInt8> = [0x15, 0x2C]
}
