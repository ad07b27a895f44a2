import VaultCore

extension VaultRequest {
    /// `record add`: a new record, or a new version of `recordID`, whose content is uploaded.
    public struct AddRecord: AgentRequest {
        public static let name = "addRecord"
        public static var content: RecordContentFlow { .upload }
        public var patient: PatientID
        public var recordID: RecordID?
        public var contentType: String

        public init(patient: PatientID, recordID: RecordID?, contentType: String) {
            self.patient = patient
            self.recordID = recordID
            self.contentType = contentType
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> RecordSummary {
            try session.care.addRecord(patient: patient, recordID: recordID, contentType: contentType, readingWith: streams.read)
        }
    }

    /// `record get`: a record's content (the latest version, or `version`), downloaded as it is
    /// authenticated.
    public struct ReadRecord: AgentRequest {
        public static let name = "readRecord"
        public static var content: RecordContentFlow { .download }
        public var patient: PatientID
        public var recordID: RecordID
        public var version: Int?

        public init(patient: PatientID, recordID: RecordID, version: Int?) {
            self.patient = patient
            self.recordID = recordID
            self.version = version
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Completed {
            try session.care.readRecord(patient: patient, recordID: recordID, version: version, writingWith: streams.write)
            return Completed()
        }
    }

    /// `record list`: a patient's records, latest versions.
    public struct ListRecords: AgentRequest {
        public static let name = "listRecords"
        public var patient: PatientID

        public init(patient: PatientID) {
            self.patient = patient
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> Listing<RecordSummary> {
            try session.care.records(patient: patient)
        }
    }

    /// `record history`: every version of one record.
    public struct RecordHistory: AgentRequest {
        public static let name = "recordHistory"
        public var patient: PatientID
        public var recordID: RecordID

        public init(patient: PatientID, recordID: RecordID) {
            self.patient = patient
            self.recordID = recordID
        }

        public func run(in session: VaultSession, streams: RecordStreams) throws -> [RecordSummary] {
            try session.care.history(patient: patient, recordID: recordID)
        }
    }
}
