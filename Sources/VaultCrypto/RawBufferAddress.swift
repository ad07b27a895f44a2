/// Typed start addresses of raw buffers, for the `unsigned char *` parameters of OpenSSL.
extension UnsafeRawBufferPointer {
    /// The first byte, or nil for a buffer without storage.
    var bytes: UnsafePointer<UInt8>? { baseAddress?.assumingMemoryBound(to: UInt8.self) }
}

extension UnsafeMutableRawBufferPointer {
    /// The first byte, or nil for a buffer without storage.
    var bytes: UnsafeMutablePointer<UInt8>? { baseAddress?.assumingMemoryBound(to: UInt8.self) }
}
