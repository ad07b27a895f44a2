import COpenSSL
import Foundation

/// Reading the PEM or DER files that keys, certificates and CRLs arrive in.
enum PEMFile {
    /// The bytes of the file at `path`; a missing file and an unreadable one throw different errors.
    static func contents(of path: String) throws(CryptoError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .fileUnreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Whether `bytes` look like PEM (text with a "-----BEGIN " line) rather than DER.
    static func isPEM(_ bytes: [UInt8]) -> Bool {
        let marker = Array("-----BEGIN ".utf8)
        return bytes.count >= marker.count
            && (0...(bytes.count - marker.count)).contains { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    /// Lends `body` a read-only memory BIO over `bytes`, or returns nil if none could be made.
    static func withMemoryBIO<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(CryptoError) -> R) throws(CryptoError) -> R? {
        try bytes.withBytes { (buffer) throws(CryptoError) -> R? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}
