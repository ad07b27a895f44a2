import Foundation

/// Who a patient is: stored only sealed under the patient's key; the INS is also turned into a
/// blind index so that the patient can be found without storing it.
public struct PatientIdentity: Sendable, Hashable, Codable {
    public var familyName: String
    public var givenNames: String
    /// ISO 8601 date, `YYYY-MM-DD`.
    public var birthDate: String
    /// `F`, `M` or `U`.
    public var sex: String
    /// The INS (national health identifier): 13 digits and a 2-digit key.
    public var ins: String
    public var address: String

    public init(familyName: String, givenNames: String, birthDate: String, sex: String, ins: String, address: String) {
        self.familyName = familyName
        self.givenNames = givenNames
        self.birthDate = birthDate
        self.sex = sex
        self.ins = ins
        self.address = address
    }

    /// The INS without spaces, checked: 15 digits.
    func normalizedINS() throws(VaultError) -> String {
        let digits = ins.filter { $0 != " " }
        guard digits.count == 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .malformedIdentity("the INS must be 15 digits (13 and a 2-digit key)")
        }
        return digits
    }
}

/// A patient as a session lists it: the opaque id and the identity it may open.
public struct PatientSummary: Sendable, Hashable, Codable {
    public var patientID: String
    public var identity: PatientIdentity
    public var createdAt: Date
}
