import CPKCS11

/// The mechanisms the vault asks of a token.
public enum PKCS11Mechanism: Sendable {
    /// `CKM_RSA_PKCS`: RSA with PKCS#1 v1.5 padding; signs a DigestInfo built on the host,
    /// deciphers a PKCS#1 v1.5 cryptogram.
    case rsaPKCS

    var rawValue: CK_MECHANISM_TYPE {
        switch self {
        case .rsaPKCS: CK_MECHANISM_TYPE(CKM_RSA_PKCS)
        }
    }

    /// Runs `body` with the mechanism as the C structure the module takes.
    func withStructure<T>(_ body: (inout CK_MECHANISM) throws(PKCS11Error) -> T) throws(PKCS11Error) -> T {
        var mechanism = CK_MECHANISM(mechanism: rawValue, pParameter: nil, ulParameterLen: 0)
        return try body(&mechanism)
    }
}
