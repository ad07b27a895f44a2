import Foundation
import VaultCore
import VaultCrypto

extension VaultRequest {
    /// `professional enrol` (an administrator without the two-person rule's approval): the holder
    /// of `certificate`, which the vault validates itself.
    public struct Enrol: AgentRequest {
        public static let name = "enrol"
        /// The holder's authentication certificate, DER.
        public var certificate: [UInt8]
        public var administrator: Bool

        public init(certificate: X509Certificate, administrator: Bool) {
            self.certificate = certificate.derEncoded
            self.administrator = administrator
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            try session.enrol(X509Certificate(derEncoded: certificate), asAdministrator: administrator)
            return Completed()
        }
    }

    /// `admin status`: key versions, deposits and rekeys.
    public struct AdminStatus: AgentRequest {
        public static let name = "adminStatus"

        public init() {}

        public func run(in session: VaultSession, streams: RecordStreams) throws -> AdministrationStatus {
            try session.administrationStatus()
        }
    }

    /// `audit show`: the audit entries the card holder may see that match the filters.
    public struct ShowAudit: AgentRequest {
        public static let name = "showAudit"
        public var patientID: String?
        public var actorNationalID: String?
        public var action: String?
        public var since: Date?
        public var until: Date?

        public init(patientID: String?, actorNationalID: String?, action: String?, since: Date?, until: Date?) {
            self.patientID = patientID
            self.actorNationalID = actorNationalID
            self.action = action
            self.since = since
            self.until = until
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> [AuditLine] {
            try session.auditEntries(AuditQuery(patientID: patientID, actorNationalID: actorNationalID, action: action,
                                                since: since, until: until))
        }
    }
}
