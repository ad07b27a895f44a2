import COpenSSL

/// Moves OpenSSL objects in and out of DER with their `d2i_`/`i2d_` functions.
enum DERCodec {
    /// Decodes all of `bytes` with `d2i`; nil when decoding fails or bytes are left over
    /// (the partial object is released with `free`). The caller owns the returned object.
    static func decode(
        _ bytes: [UInt8],
        with d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?,
        free: (OpaquePointer) -> Void
    ) -> OpaquePointer? {
        bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let object = d2i(&cursor, buffer.count) else { return nil }
            guard cursor == base + buffer.count else {
                free(object)
                return nil
            }
            return object
        }
    }

    /// Encodes with `i2d` (called once to size the output, once to write it); nil when it fails.
    static func encode(with i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8]? {
        let length = Int(i2d(nil))
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var cursor = buffer.baseAddress
            return Int(i2d(&cursor))
        }
        return written == length ? bytes : nil
    }
}
