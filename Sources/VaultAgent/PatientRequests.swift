import VaultCore

extension VaultRequest {
    /// `patient create`: a new patient hosted with the given consent; answers the patient id.
    public struct CreatePatient: AgentRequest {
        public static let name = "createPatient"
        public var identity: PatientIdentity
        public var hostingConsent: String

        public init(identity: PatientIdentity, hostingConsent: String) {
            self.identity = identity
            self.hostingConsent = hostingConsent
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> PatientID {
            try session.care.createPatient(identity, hostingConsent: hostingConsent)
        }
    }

    /// `patient list`: the patients whose identity the card holder may see.
    public struct ListPatients: AgentRequest {
        public static let name = "listPatients"

        public init() {}

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Listing<PatientSummary> {
            try session.care.patients()
        }
    }

    /// `patient find`: the patient with this INS, if the card holder may see them.
    public struct FindPatient: AgentRequest {
        public static let name = "findPatient"
        public var ins: String

        public init(ins: String) {
            self.ins = ins
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> PatientSummary {
            try session.care.patient(ins: ins)
        }
    }
}
