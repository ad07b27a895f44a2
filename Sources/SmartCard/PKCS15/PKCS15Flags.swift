/// CommonObjectAttributes.flags of a PKCS#15 object (bit 0 private, bit 1 modifiable).
public struct PKCS15ObjectFlags: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let `private` = PKCS15ObjectFlags(rawValue: 1 << 0)
    public static let modifiable = PKCS15ObjectFlags(rawValue: 1 << 1)
}

/// TokenInfo.tokenflags (PKCS#15 v1.1 section 6.9).
public struct TokenFlags: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readOnly = TokenFlags(rawValue: 1 << 0)
    public static let loginRequired = TokenFlags(rawValue: 1 << 1)
    public static let prnGeneration = TokenFlags(rawValue: 1 << 2)
    public static let eidCompliant = TokenFlags(rawValue: 1 << 3)
}

/// AlgorithmInfo.supportedOperations of a TokenInfo algorithm.
public struct AlgorithmOperations: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let computeChecksum = AlgorithmOperations(rawValue: 1 << 0)
    public static let computeSignature = AlgorithmOperations(rawValue: 1 << 1)
    public static let verifyChecksum = AlgorithmOperations(rawValue: 1 << 2)
    public static let verifySignature = AlgorithmOperations(rawValue: 1 << 3)
    public static let encipher = AlgorithmOperations(rawValue: 1 << 4)
    public static let decipher = AlgorithmOperations(rawValue: 1 << 5)
    public static let hash = AlgorithmOperations(rawValue: 1 << 6)
    public static let generateKey = AlgorithmOperations(rawValue: 1 << 7)
}

/// PinAttributes.pinFlags of an authentication object.
public struct PINFlags: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseSensitive = PINFlags(rawValue: 1 << 0)
    public static let local = PINFlags(rawValue: 1 << 1)
    public static let changeDisabled = PINFlags(rawValue: 1 << 2)
    public static let unblockDisabled = PINFlags(rawValue: 1 << 3)
    public static let initialized = PINFlags(rawValue: 1 << 4)
    public static let needsPadding = PINFlags(rawValue: 1 << 5)
    public static let unblockingPin = PINFlags(rawValue: 1 << 6)
    public static let soPin = PINFlags(rawValue: 1 << 7)
    public static let disableAllowed = PINFlags(rawValue: 1 << 8)
    public static let integrityProtected = PINFlags(rawValue: 1 << 9)
    public static let confidentialityProtected = PINFlags(rawValue: 1 << 10)
    public static let exchangeRefData = PINFlags(rawValue: 1 << 11)
}

/// CommonKeyAttributes.usage of a key.
public struct KeyUsageFlags: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let encrypt = KeyUsageFlags(rawValue: 1 << 0)
    public static let decrypt = KeyUsageFlags(rawValue: 1 << 1)
    public static let sign = KeyUsageFlags(rawValue: 1 << 2)
    public static let signRecover = KeyUsageFlags(rawValue: 1 << 3)
    public static let wrap = KeyUsageFlags(rawValue: 1 << 4)
    public static let unwrap = KeyUsageFlags(rawValue: 1 << 5)
    public static let verify = KeyUsageFlags(rawValue: 1 << 6)
    public static let verifyRecover = KeyUsageFlags(rawValue: 1 << 7)
    public static let derive = KeyUsageFlags(rawValue: 1 << 8)
    public static let nonRepudiation = KeyUsageFlags(rawValue: 1 << 9)
}

/// CommonKeyAttributes.accessFlags of a key.
public struct KeyAccessFlags: OptionSet, Sendable, Hashable, NamedBits {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let sensitive = KeyAccessFlags(rawValue: 1 << 0)
    public static let extractable = KeyAccessFlags(rawValue: 1 << 1)
    public static let alwaysSensitive = KeyAccessFlags(rawValue: 1 << 2)
    public static let neverExtractable = KeyAccessFlags(rawValue: 1 << 3)
    public static let local = KeyAccessFlags(rawValue: 1 << 4)
}
