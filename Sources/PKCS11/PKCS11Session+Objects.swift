import CPKCS11

/// An object on a token, by its handle in one session.
public struct PKCS11Object: Sendable, Hashable {
    let handle: UInt
}

/// The object classes the vault looks for.
public enum PKCS11ObjectClass: Sendable {
    case certificate
    case privateKey

    var rawValue: CK_OBJECT_CLASS {
        switch self {
        case .certificate: CK_OBJECT_CLASS(CKO_CERTIFICATE)
        case .privateKey: CK_OBJECT_CLASS(CKO_PRIVATE_KEY)
        }
    }
}

/// The attributes the vault reads.
public enum PKCS11Attribute: Sendable {
    /// `CKA_VALUE`: a certificate's DER encoding.
    case value
    /// `CKA_ID`: what ties a key to its certificate.
    case id
    /// `CKA_LABEL`.
    case label

    var rawValue: CK_ATTRIBUTE_TYPE {
        switch self {
        case .value: CK_ATTRIBUTE_TYPE(CKA_VALUE)
        case .id: CK_ATTRIBUTE_TYPE(CKA_ID)
        case .label: CK_ATTRIBUTE_TYPE(CKA_LABEL)
        }
    }
}

extension PKCS11Session {
    /// The objects of `objectClass` this session sees (private keys only once logged in, with
    /// most modules), in the module's order.
    public func objects(of objectClass: PKCS11ObjectClass) throws(PKCS11Error) -> [PKCS11Object] {
        try withHandle { (session) throws(PKCS11Error) -> [PKCS11Object] in
            var value = objectClass.rawValue
            try withUnsafeMutablePointer(to: &value) { (pointer) throws(PKCS11Error) in
                var template = CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(CKA_CLASS), pValue: pointer,
                                            ulValueLen: CK_ULONG(MemoryLayout<CK_OBJECT_CLASS>.size))
                try module.call("C_FindObjectsInit") { $0.C_FindObjectsInit?(session, &template, 1) }
            }
            defer { _ = module.answer { $0.C_FindObjectsFinal?(session) } }
            var found: [PKCS11Object] = []
            var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 16)
            while true {
                var count: CK_ULONG = 0
                try module.call("C_FindObjects") { $0.C_FindObjects?(session, &batch, CK_ULONG(batch.count), &count) }
                guard count > 0 else { return found }
                found += batch.prefix(Int(count)).map { PKCS11Object(handle: UInt($0)) }
            }
        }
    }

    /// The bytes of `attribute` of `object`, nil when the object has none or keeps it secret.
    public func bytes(of attribute: PKCS11Attribute, of object: PKCS11Object) throws(PKCS11Error) -> [UInt8]? {
        try withHandle { (session) throws(PKCS11Error) -> [UInt8]? in
            var template = CK_ATTRIBUTE(type: attribute.rawValue, pValue: nil, ulValueLen: 0)
            let sized = module.answer { $0.C_GetAttributeValue?(session, CK_OBJECT_HANDLE(object.handle), &template, 1) }
            if sized == .attributeTypeInvalid || sized == .attributeSensitive { return nil }
            guard sized == .ok else { throw .callFailed(function: "C_GetAttributeValue", module: module.path, returnValue: sized) }
            guard template.ulValueLen != CK_ULONG.max else { return nil }
            var bytes = [UInt8](repeating: 0, count: Int(template.ulValueLen))
            let read = bytes.withUnsafeMutableBytes { buffer in
                template.pValue = buffer.baseAddress
                return module.answer { $0.C_GetAttributeValue?(session, CK_OBJECT_HANDLE(object.handle), &template, 1) }
            }
            guard read == .ok else { throw .callFailed(function: "C_GetAttributeValue", module: module.path, returnValue: read) }
            return Array(bytes.prefix(Int(template.ulValueLen)))
        }
    }
}
