import COpenSSL
import Foundation

/// Conversion of OpenSSL's `ASN1_TIME` (UTCTime or GeneralizedTime, always UTC) to `Date`.
enum ASN1Time {
    /// The instant `time` denotes, or nil when it is not a valid time.
    static func date(_ time: UnsafePointer<ASN1_TIME>) -> Date? {
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
