import CPKCS11
import VaultCrypto

extension PKCS11Session {
    /// Deciphers `cryptogram` with `key` (`C_DecryptInit`, `C_Decrypt`); the user must be logged
    /// in. The plaintext comes back in a wiped buffer, and the working copy is wiped too.
    public func decrypt(_ cryptogram: [UInt8], with key: PKCS11Object, mechanism: PKCS11Mechanism) throws(PKCS11Error) -> SecretBytes {
        try withHandle { (session) throws(PKCS11Error) -> SecretBytes in
            try mechanism.withStructure { (structure) throws(PKCS11Error) in
                try module.call("C_DecryptInit") { $0.C_DecryptInit?(session, &structure, CK_OBJECT_HANDLE(key.handle)) }
            }
            var input = cryptogram
            var plaintext = [UInt8](repeating: 0, count: max(cryptogram.count, 512))
            defer { plaintext.cleanse() }
            var length = CK_ULONG(plaintext.count)
            try module.call("C_Decrypt") { $0.C_Decrypt?(session, &input, CK_ULONG(input.count), &plaintext, &length) }
            return SecretBytes(copying: plaintext.prefix(Int(length)))
        }
    }
}
