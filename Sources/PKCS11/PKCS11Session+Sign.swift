import CPKCS11

extension PKCS11Session {
    /// Signs `data` with `key` (`C_SignInit`, then `C_Sign` asked for the length first, as the
    /// standard has it); the user must be logged in.
    public func sign(_ data: [UInt8], with key: PKCS11Object, mechanism: PKCS11Mechanism) throws(PKCS11Error) -> [UInt8] {
        try withHandle { (session) throws(PKCS11Error) -> [UInt8] in
            try mechanism.withStructure { (structure) throws(PKCS11Error) in
                try module.call("C_SignInit") { $0.C_SignInit?(session, &structure, CK_OBJECT_HANDLE(key.handle)) }
            }
            var input = data
            var length: CK_ULONG = 0
            try module.call("C_Sign") { $0.C_Sign?(session, &input, CK_ULONG(input.count), nil, &length) }
            var signature = [UInt8](repeating: 0, count: Int(length))
            try module.call("C_Sign") { $0.C_Sign?(session, &input, CK_ULONG(input.count), &signature, &length) }
            return Array(signature.prefix(Int(length)))
        }
    }
}
