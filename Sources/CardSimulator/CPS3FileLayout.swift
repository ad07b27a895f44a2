/// How a simulated CPS3 lays out and encodes its PKCS#15 application.
public enum CPS3FileLayout: String, Sendable, Decodable, CaseIterable {
    /// Strict DER throughout, one EF.DIR record, absolute paths, files 7001, 7002, 7004: what a reader
    /// written from the standards expects.
    case canonical
    /// What public traces show of real cards (`CPS3FieldLayout`): the two-record EF.DIR, directory files
    /// 7001, 7002 and 7005 padded after their last entry, the real PrKDF entries with the empty key path,
    /// one-octet object flags, and certificates stored with a non-zero signature unused-bits octet.
    case field
}
