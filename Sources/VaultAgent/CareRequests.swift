import VaultCore

extension VaultRequest {
    /// `oppose`: the patient's refusal that their information reach a professional.
    public struct Oppose: AgentRequest {
        public static let name = "oppose"
        public var patient: PatientID
        public var nationalID: String
        public var statement: String

        public init(patient: PatientID, against nationalID: String, statement: String) {
            self.patient = patient
            self.nationalID = nationalID
            self.statement = statement
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            try session.care.recordOpposition(patient: patient, against: nationalID, statement: statement)
            return Completed()
        }
    }

    /// `consent record` and `consent withdraw`: the patient's consent to sharing within the health
    /// centre, given or taken back.
    public struct StructureConsent: AgentRequest {
        public static let name = "structureConsent"
        public var change: Change
        public var patient: PatientID
        public var statement: String

        public init(_ change: Change, patient: PatientID, statement: String) {
            self.change = change
            self.patient = patient
            self.statement = statement
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            switch change {
            case .add: try session.care.recordStructureConsent(patient: patient, statement: statement)
            case .remove: try session.care.withdrawStructureConsent(patient: patient, statement: statement)
            }
            return Completed()
        }
    }

    /// `patient event`: a grave diagnosis, the patient's death, an objection or a restitution
    /// request, kept sealed with its statement.
    public struct RecordPatientEvent: AgentRequest {
        public static let name = "patientEvent"
        /// A `PatientEvent`'s raw value.
        public var event: String
        public var patient: PatientID
        public var statement: String

        public init(_ event: PatientEvent, patient: PatientID, statement: String) {
            self.event = event.rawValue
            self.patient = patient
            self.statement = statement
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            guard let patientEvent = PatientEvent(rawValue: event) else {
                throw AgentError.protocolViolation("no patient event \"\(event)\"")
            }
            try session.care.recordPatientEvent(patientEvent, patient: patient, statement: statement)
            return Completed()
        }
    }

    /// `patient end-hosting`: the hosting of the patient's data has ended.
    public struct EndHosting: AgentRequest {
        public static let name = "endHosting"
        public var patient: PatientID
        public var statement: String

        public init(patient: PatientID, statement: String) {
            self.patient = patient
            self.statement = statement
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            try session.care.endHosting(patient: patient, statement: statement)
            return Completed()
        }
    }
}
