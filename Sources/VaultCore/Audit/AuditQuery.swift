import Foundation
import SmartCard
import VaultStore

/// Which audit entries `cpsvault audit show` lists; every criterion given must match.
public struct AuditQuery: Sendable {
    public var patientID: PatientID?
    public var actorNationalID: String?
    public var action: String?
    public var since: Date?
    public var until: Date?

    public init(patientID: PatientID? = nil, actorNationalID: String? = nil, action: String? = nil,
                since: Date? = nil, until: Date? = nil) {
        self.patientID = patientID
        self.actorNationalID = actorNationalID
        self.action = action
        self.since = since
        self.until = until
    }

    func matches(_ entry: AuditEntry) -> Bool {
        (patientID == nil || entry.patientID == patientID?.bytes)
            && (actorNationalID == nil || entry.actorNationalID == actorNationalID)
            && (action == nil || entry.action == action || entry.action.hasPrefix((action ?? "") + "."))
            && (since.map { entry.time >= $0 } ?? true)
            && (until.map { entry.time <= $0 } ?? true)
    }
}

/// One audit entry as `cpsvault audit show` prints it.
public struct AuditLine: Sendable, Codable, Hashable {
    public var sequence: Int64
    public var time: Date
    public var actor: String
    public var action: String
    public var patientID: PatientID?
    public var outcome: String
    public var reason: String
}

extension AuditTrail {
    /// The audit entries matching `query`, oldest first: all of them for an administrator, for a
    /// professional only their own actions and those on patients they may open. A professional's
    /// own refusal about a patient they may not open shows no patient id, so that a refused
    /// search or grant does not tell them who is hosted here. A sealed detail (`SealedDetail`)
    /// shows opened to those holding the patient's key. Reading the log is itself audited.
    public func auditEntries(_ query: AuditQuery) throws -> [AuditLine] {
        let admission = try admit(.readAuditLog, as: .auditShow)
        let mine = professional.nationalID.rawValue
        let patients = role == .admin ? [] : Set(try vault.store.read { try $0.grants(fingerprint: fingerprint) }.map(\.patientID))
        let visible: (AuditEntry) -> Bool = { entry in
            self.role == .admin || entry.actorNationalID == mine || entry.patientID.map(patients.contains) == true
        }
        var lines: [AuditLine] = []
        var next: Int64 = 1
        while true {
            let batch = try vault.store.read { try $0.auditEntries(from: next, limit: 1000) }
            guard let last = batch.last else { break }
            lines += batch.filter { query.matches($0) && visible($0) }.map { entry in
                let patientShown = role == .admin || entry.patientID.map(patients.contains) == true
                return AuditLine(sequence: entry.sequence, time: entry.time, actor: entry.actorNationalID ?? "-", action: entry.action,
                                 patientID: patientShown ? entry.patientID.map(PatientID.init(bytes:)) : nil, outcome: entry.outcome,
                                 reason: readableReason(entry.reason, patientID: patientShown ? entry.patientID : nil))
            }
            next = last.sequence + 1
        }
        try vault.audit(admission.granted("\(lines.count) entries"))
        return lines
    }
}
