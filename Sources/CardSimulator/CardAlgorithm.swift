import SmartCard

/// An algorithm the simulated card accepts in MSE SET, by the reference it uses there, with the
/// TokenInfo entry that tells clients (OpenSC among them) which reference to send for which use.
enum CardAlgorithm: UInt8, CaseIterable, Sendable {
    /// RSA PKCS#1 v1.5 over a DigestInfo built by the host: INTERNAL AUTHENTICATE.
    case rsaPKCS1 = 0x02
    /// RSA PKCS#1 v1.5 decryption: PSO DECIPHER.
    case rsaPKCS1Decipher = 0x0A
    case sha1 = 0x10
    case sha256 = 0x40
    /// RSA PKCS#1 v1.5 over a hash given by PSO HASH: PSO COMPUTE DIGITAL SIGNATURE.
    case sha1WithRSA = 0x12
    case sha256WithRSA = 0x42
    /// RSA decryption with SHA-1 for OAEP (IAS-ECC 0A | 10); the ANS library and OpenSC's default CRT send
    /// it for PKCS#1 v1.5 decipherment too, whose padding indicator `81` makes the hash irrelevant.
    case rsaDecipherSHA1 = 0x1A

    /// The algorithms TokenInfo lists; `rsaDecipherSHA1` is accepted without being offered.
    static let advertised: [CardAlgorithm] = allCases.filter { $0 != .rsaDecipherSHA1 }

    /// The PKCS#11 mechanism number OpenSC matches against.
    private var mechanism: Int {
        switch self {
        case .rsaPKCS1, .rsaPKCS1Decipher, .rsaDecipherSHA1: 0x0001
        case .sha1: 0x0220
        case .sha256: 0x0250
        case .sha1WithRSA: 0x0006
        case .sha256WithRSA: 0x0040
        }
    }

    private var operations: AlgorithmOperations {
        switch self {
        case .rsaPKCS1, .sha1WithRSA, .sha256WithRSA: .computeSignature
        case .rsaPKCS1Decipher, .rsaDecipherSHA1: .decipher
        case .sha1, .sha256: .hash
        }
    }

    var info: AlgorithmInfo {
        let index = Self.allCases.firstIndex(of: self) ?? 0
        return AlgorithmInfo(reference: index + 1, algorithm: mechanism, supportedOperations: operations,
                             algorithmID: nil, algorithmReference: Int(rawValue))
    }
}

extension CardAlgorithm {
    /// The hash a signature algorithm works on (a hash algorithm is its own).
    var hashAlgorithm: CardAlgorithm? {
        switch self {
        case .sha1, .sha1WithRSA: .sha1
        case .sha256, .sha256WithRSA: .sha256
        case .rsaPKCS1, .rsaPKCS1Decipher, .rsaDecipherSHA1: nil
        }
    }

    /// The hash function the card runs for PSO HASH with this algorithm's hash.
    var hashFunction: ResumableHash.Function? {
        switch hashAlgorithm {
        case .sha1: .sha1
        case .sha256: .sha256
        default: nil
        }
    }

    /// The length of the hash this algorithm signs or computes, 0 when it has none.
    var digestLength: Int {
        switch hashAlgorithm {
        case .sha1: 20
        case .sha256: 32
        default: 0
        }
    }

    /// The DER DigestInfo (RFC 8017 §9.2) of a hash made with this algorithm's hash.
    func digestInfo(_ digest: [UInt8]) -> [UInt8] {
        switch hashAlgorithm {
        case .sha1: [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14] + digest
        default: [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20] + digest
        }
    }
}
