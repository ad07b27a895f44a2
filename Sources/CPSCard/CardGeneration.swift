/// The CPS card generations: the CPS3 (IAS-ECC) and the CPS4 (NXP ChipDoc), both in
/// professionals' wallets now.
public enum CardGeneration: String, Sendable, CaseIterable, Codable {
    case cps3 = "CPS3"
    case cps4 = "CPS4"
}

/// The interface through which a card answers. A CPS3 has both; its contactless interface
/// carries no PIN and no keys the vault can use.
public enum CardInterface: String, Sendable, CaseIterable, Codable {
    case contact
    case contactless
}
