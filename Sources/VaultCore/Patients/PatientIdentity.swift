import Foundation

/// Who a patient is: stored only sealed under the patient's key; the INS is also turned into a
/// blind index so that the patient can be found without storing it.
///
/// An identity is valid (`validate`) when both names are 1 to `maximumNameLength` characters,
/// the birth date a real `YYYY-MM-DD` day not after today, the sex `F`, `M` or `U`, the INS one
/// with its right control key (`INS`), and no field holds a control character.
public struct PatientIdentity: Sendable, Hashable, Codable {
    public var familyName: String
    public var givenNames: String
    /// ISO 8601 date, `YYYY-MM-DD`.
    public var birthDate: String
    /// `F`, `M` or `U`.
    public var sex: String
    /// The INS (national health identifier): 13 characters and a 2-digit key.
    public var ins: String
    public var address: String

    /// The longest family name or given names accepted, in characters.
    public static let maximumNameLength = 200
    /// The longest address accepted, in characters.
    public static let maximumAddressLength = 500
    /// The largest identity file accepted, in bytes.
    public static let maximumJSONBytes = 16 * 1024
    /// The sexes an identity may give: female, male, unknown.
    public static let sexes: Set<String> = ["F", "M", "U"]

    public init(familyName: String, givenNames: String, birthDate: String, sex: String, ins: String, address: String) {
        self.familyName = familyName
        self.givenNames = givenNames
        self.birthDate = birthDate
        self.sex = sex
        self.ins = ins
        self.address = address
    }

    /// Reads an identity from its JSON object (`familyName`, `givenNames`, `birthDate`, `sex`,
    /// `ins`, `address`, each a string) and validates it; every refusal is a
    /// `VaultError.malformedIdentity` naming the field and what it must be.
    public init(json: Data, now: Date = Date()) throws(VaultError) {
        let refusal = { (reason: String) in VaultError.malformedIdentity(reason) }
        let object = try StrictJSON.object(json, maximumBytes: Self.maximumJSONBytes, refusal: refusal)
        try StrictJSON.refuseUnknownKeys(of: object, known: CodingKeys.allCases.map(\.rawValue), refusal: refusal)
        func field(_ key: CodingKeys) throws(VaultError) -> String {
            guard let value = object[key.rawValue] else { throw .malformedIdentity("\(key.rawValue) is missing") }
            guard let text = value as? String else { throw .malformedIdentity("\(key.rawValue) must be a string") }
            return text
        }
        self.init(familyName: try field(.familyName), givenNames: try field(.givenNames), birthDate: try field(.birthDate),
                  sex: try field(.sex), ins: try field(.ins), address: try field(.address))
        try validate(now: now)
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case familyName, givenNames, birthDate, sex, ins, address
    }

    /// Refuses an identity that is not valid (see the type), naming the first field at fault.
    public func validate(now: Date = Date()) throws(VaultError) {
        for (name, value) in [("familyName", familyName), ("givenNames", givenNames)] {
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw .malformedIdentity("\(name) is empty") }
            guard value.count <= Self.maximumNameLength else {
                throw .malformedIdentity("\(name) is longer than \(Self.maximumNameLength) characters")
            }
        }
        guard address.count <= Self.maximumAddressLength else {
            throw .malformedIdentity("address is longer than \(Self.maximumAddressLength) characters")
        }
        for (name, value) in [("familyName", familyName), ("givenNames", givenNames), ("address", address), ("birthDate", birthDate)]
        where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .malformedIdentity("\(name) holds a control character (a line break, a tab, an escape)")
        }
        try Self.checkBirthDate(birthDate, now: now)
        guard Self.sexes.contains(sex) else { throw .malformedIdentity("sex must be F, M or U") }
        _ = try INS(ins)
    }

    /// Refuses a birth date that is not a real `YYYY-MM-DD` day from 1850 to today (today as
    /// it is anywhere on Earth, so that a birth just after midnight somewhere is not refused).
    private static func checkBirthDate(_ text: String, now: Date) throws(VaultError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.map(\.count) == [4, 2, 2],
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .malformedIdentity("birthDate must be a date written YYYY-MM-DD")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw .malformedIdentity("birthDate \(text) is not a day of the calendar")
        }
        guard year >= 1850 else { throw .malformedIdentity("birthDate must be after 1850") }
        guard date <= now.addingTimeInterval(14 * 3600) else { throw .malformedIdentity("birthDate is in the future") }
    }

    /// The INS without spaces, checked (`INS`).
    func normalizedINS() throws(VaultError) -> String {
        try INS(ins).description
    }
}

/// A patient as a session lists it: the opaque id and the identity it may open.
public struct PatientSummary: Sendable, Hashable, Codable, ListingRow {
    public typealias RowID = PatientID

    public var patientID: PatientID
    public var identity: PatientIdentity
    public var createdAt: Date
}
