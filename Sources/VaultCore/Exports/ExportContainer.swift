import CPSCard
import Foundation
import VaultCrypto

/// The container every export is written in (docs/EXPORTS.md): the inner content as CMS
/// SignedData signed by the exporting card, inside CMS EnvelopedData encrypted to the
/// recipients' certificates, written to an owner-only file that appears only when complete
/// (`OutputFile`).
///
/// The signature comes after the content in SignedData and the card signs a digest, so the
/// content is produced twice: once to hash it, then, after the card has signed, once more to
/// write it. Nothing of it is kept in memory or on disk between the passes; `content` must
/// produce the same bytes both times, and a change in between stops the export.
struct ExportContainer {
    let session: VaultSession
    let destination: ExportDestination
    let signingTime: Date

    /// What was written: the inner content's size and SHA-256.
    struct Written {
        var contentBytes: Int64
        var contentDigest: [UInt8]
    }

    /// Runs the two passes of `content` and puts the file in place.
    func write(_ content: (ExportContentSink) throws -> Void) throws -> Written {
        let hasher = SHA256Stream()
        let digestSink = ExportContentSink(pass: .digest, session: session) { hasher.update($0) }
        try content(digestSink)
        try digestSink.finish()
        let digest = hasher.finish()

        let (signer, signature, attributes) = try sign(contentDigest: digest)
        let encoder = CMSSignedDataEncoder(signer: signer, intermediates: destination.intermediates, signingTime: signingTime)
        return try OutputFile(path: destination.path, replacing: destination.replacing, content: .export).write { handle in
            let envelope = try CMSEnvelopedStream(recipients: destination.recipients, innerContent: .signedData) {
                try handle.write(contentsOf: $0)
            }
            let check = SHA256Stream()
            try envelope.write(encoder.header)
            let writeSink = ExportContentSink(pass: .write, session: session) { piece in
                check.update(piece)
                try envelope.write(CMSSignedDataEncoder.contentPiece(piece))
            }
            try content(writeSink)
            try writeSink.finish()
            guard check.finish() == digest else { throw ExportError.contentChanged }
            try envelope.write(try encoder.trailer(signedAttributes: attributes, signature: signature))
            try envelope.finish()
            return Written(contentBytes: writeSink.byteCount, contentDigest: digest)
        }
    }

    /// The card's signature over the signed attributes of content with `contentDigest`: with its
    /// non-repudiation key when it has one, else with its authentication key. The signature is
    /// checked against the certificate before anything is written.
    private func sign(contentDigest: [UInt8]) throws -> (X509Certificate, [UInt8], [UInt8]) {
        guard session.isOpen else { throw VaultError.sessionEnded }
        let certificates = session.card.certificates
        let signer = certificates.signature ?? certificates.authentication
        let encoder = CMSSignedDataEncoder(signer: signer, intermediates: [], signingTime: signingTime)
        let attributes = encoder.signedAttributes(contentDigest: contentDigest)
        let digestInfo = CMSSignedDataEncoder.digestInfoToSign(signedAttributes: attributes)
        let signature = certificates.signature == nil
            ? try session.card.driver.signWithAuthenticationKey(digestInfo: digestInfo)
            : try session.card.driver.signWithSignatureKey(sha256: Digest.sha256(attributes))
        guard signer.publicKey.isValidPKCS1Signature(signature, over: digestInfo) else {
            throw CPSCardError.challengeNotSigned(serial: session.professional.cardSerial)
        }
        return (signer, signature, attributes)
    }
}
