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
            try session.administration.enrol(X509Certificate(derEncoded: certificate), asAdministrator: administrator)
            return Completed()
        }
    }

    /// `professional remove` and `admin remove`: a card holder's enrolment ended; answers whether
    /// they were an administrator.
    public struct RemoveProfessional: AgentRequest {
        public static let name = "removeProfessional"
        public var nationalID: String

        public init(nationalID: String) {
            self.nationalID = nationalID
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Removal {
            Removal(wasAdministrator: try session.administration.removeProfessional(nationalID: nationalID) == .admin)
        }

        /// Who was removed.
        public struct Removal: Codable, Sendable {
            public var wasAdministrator: Bool
        }
    }

    /// `admin retire`: the vault key versions below `version` destroyed; answers those retired.
    public struct RetireVaultKeys: AgentRequest {
        public static let name = "retireVaultKeys"
        public var below: Int

        public init(below: Int) {
            self.below = below
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> [Int] {
            try session.administration.retireVaultKeys(below: below)
        }
    }

    /// `admin recovery-certificate`: the vault key sealed to a new offline recovery certificate.
    public struct ReplaceRecoveryCertificate: AgentRequest {
        public static let name = "replaceRecoveryCertificate"
        /// The recovery certificate, DER.
        public var certificate: [UInt8]

        public init(certificate: X509Certificate) {
            self.certificate = certificate.derEncoded
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            try session.administration.replaceRecoveryCertificate(with: X509Certificate(derEncoded: certificate))
            return Completed()
        }
    }

    /// `admin status`: key versions, deposits and rekeys.
    public struct AdminStatus: AgentRequest {
        public static let name = "adminStatus"

        public init() {}

        public func run(in session: VaultSession, streams: RecordStreams) throws -> AdministrationStatus {
            try session.administration.administrationStatus()
        }
    }

    /// `audit show`: the audit entries the card holder may see that match the filters.
    public struct ShowAudit: AgentRequest {
        public static let name = "showAudit"
        public var patientID: PatientID?
        public var actorNationalID: String?
        public var action: String?
        public var since: Date?
        public var until: Date?

        public init(patientID: PatientID?, actorNationalID: String?, action: String?, since: Date?, until: Date?) {
            self.patientID = patientID
            self.actorNationalID = actorNationalID
            self.action = action
            self.since = since
            self.until = until
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> [AuditLine] {
            try session.auditTrail.auditEntries(AuditQuery(patientID: patientID, actorNationalID: actorNationalID, action: action,
                                                since: since, until: until))
        }
    }
}
