import Foundation
import VaultCore
import VaultCrypto

/// The vault work of one command, as a value: run in a session the command opens itself, or
/// sent to the cpsvault agent and run in the agent's session. Never holds a PIN or a key;
/// record content travels beside it (`RecordStreams`), not in it.
enum VaultOperation: Codable, Sendable {
    case createPatient(identity: PatientIdentity, hostingConsent: String)
    case patients
    case findPatient(ins: String)
    case administrationStatus
    case addRecord(patient: String, recordID: String?, contentType: String)
    case readRecord(patient: String, recordID: String, version: Int?)
    case records(patient: String)
    case history(patient: String, recordID: String)
    case grant(patient: String, to: String)
    case revoke(patient: String, from: String)
    case recordOpposition(patient: String, against: String, statement: String)
    case auditEntries(patientID: String?, actorNationalID: String?, action: String?, since: Date?, until: Date?)
    case enrol(certificate: [UInt8], administrator: Bool)

    /// Runs the operation in `session`, then has the card sign the audit head (also after a
    /// failure, so refusals are covered). The result is what the command prints.
    func execute(in session: VaultSession, streams: RecordStreams) throws -> any Codable & Sendable {
        try session.signingAuditHead { try run(in: session, streams: streams) }
    }

    private func run(in session: VaultSession, streams: RecordStreams) throws -> any Codable & Sendable {
        switch self {
        case .createPatient(let identity, let hostingConsent):
            return try session.createPatient(identity, hostingConsent: hostingConsent)
        case .patients:
            return try session.patients()
        case .findPatient(let ins):
            return try session.patient(ins: ins)
        case .administrationStatus:
            return try session.administrationStatus()
        case .addRecord(let patient, let recordID, let contentType):
            return try session.addRecord(patient: patient, recordID: recordID, contentType: contentType, readingWith: streams.read)
        case .readRecord(let patient, let recordID, let version):
            try session.readRecord(patient: patient, recordID: recordID, version: version, writingWith: streams.write)
            return Completed()
        case .records(let patient):
            return try session.records(patient: patient)
        case .history(let patient, let recordID):
            return try session.history(patient: patient, recordID: recordID)
        case .grant(let patient, let nationalID):
            try session.grant(patient: patient, to: nationalID)
            return Completed()
        case .revoke(let patient, let nationalID):
            try session.revoke(patient: patient, from: nationalID)
            return Completed()
        case .recordOpposition(let patient, let nationalID, let statement):
            try session.recordOpposition(patient: patient, against: nationalID, statement: statement)
            return Completed()
        case .auditEntries(let patientID, let actor, let action, let since, let until):
            return try session.auditEntries(AuditQuery(patientID: patientID, actorNationalID: actor, action: action,
                                                       since: since, until: until))
        case .enrol(let certificate, let administrator):
            try session.enrol(X509Certificate(derEncoded: certificate), asAdministrator: administrator)
            return Completed()
        }
    }

    /// What the operation's result decodes as; a mismatch is a bug in the command, not input.
    func result<Result>(_ value: any Codable & Sendable, as type: Result.Type) throws -> Result {
        guard let typed = value as? Result else {
            throw AgentError.protocolViolation("the \(self.name) operation answered \(Swift.type(of: value)), not \(Result.self)")
        }
        return typed
    }

    /// The operation's name, for messages (never its arguments, which may identify a patient).
    var name: String {
        switch self {
        case .createPatient: "createPatient"
        case .patients: "patients"
        case .findPatient: "findPatient"
        case .administrationStatus: "administrationStatus"
        case .addRecord: "addRecord"
        case .readRecord: "readRecord"
        case .records: "records"
        case .history: "history"
        case .grant: "grant"
        case .revoke: "revoke"
        case .recordOpposition: "recordOpposition"
        case .auditEntries: "auditEntries"
        case .enrol: "enrol"
        }
    }
}

/// The result of an operation that only succeeds or fails.
struct Completed: Codable, Sendable {}

/// Where record content comes from (`addRecord`) and goes to (`readRecord`): the command's
/// files, or the agent's socket.
struct RecordStreams {
    /// Returns at most the number of bytes asked for; empty data at the end.
    var read: (Int) throws -> Data
    /// Takes the next authenticated piece of plaintext.
    var write: (Data) throws -> Void

    /// Content from `input` and to `output`; an operation that needs one not given gets nothing
    /// to read, or has nowhere to write and fails.
    static func files(input: FileHandle?, output: FileHandle?) -> RecordStreams {
        RecordStreams(
            read: { count in try input?.read(upToCount: count) ?? Data() },
            write: { data in
                guard let output else { throw AgentError.protocolViolation("record content with nowhere to write it") }
                try output.write(contentsOf: data)
            })
    }
}
