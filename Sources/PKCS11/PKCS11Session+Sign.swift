import CPKCS11

extension PKCS11Session {
    /// Signs `data` with `key` (`C_SignInit`, `C_Sign`); the user must be logged in. The
    /// signature is at most `maximumLength` bytes (the key's modulus).
    public func sign(_ data: [UInt8], with key: PKCS11Object, mechanism: PKCS11Mechanism,
                     maximumLength: Int = 512) throws(PKCS11Error) -> [UInt8] {
        try withHandle { (session) throws(PKCS11Error) -> [UInt8] in
            try mechanism.withStructure { (structure) throws(PKCS11Error) in
                try module.call("C_SignInit") { $0.C_SignInit?(session, &structure, CK_OBJECT_HANDLE(key.handle)) }
            }
            var input = data
            var signature = [UInt8](repeating: 0, count: maximumLength)
            var length = CK_ULONG(signature.count)
            try module.call("C_Sign") { $0.C_Sign?(session, &input, CK_ULONG(input.count), &signature, &length) }
            return Array(signature.prefix(Int(length)))
        }
    }
}
