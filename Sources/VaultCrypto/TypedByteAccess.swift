/// Byte access that keeps `CryptoError` typed through the standard library's untyped `rethrows`.
extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `CryptoError`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        try withUnsafeBytes { buffer in Result { () throws(CryptoError) in try body(buffer) } }.get()
    }

    /// `withUnsafeMutableBytes` for a body that throws `CryptoError`.
    mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        try withUnsafeMutableBytes { buffer in Result { () throws(CryptoError) in try body(buffer) } }.get()
    }
}

extension SecretBytes {
    /// `withUnsafeBytes` for a body that throws `CryptoError`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        try withUnsafeBytes { buffer in Result { () throws(CryptoError) in try body(buffer) } }.get()
    }
}
