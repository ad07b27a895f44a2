import CPSCard
import SmartCard
import Testing

/// The identity and card-type parsing that needs no card.
@Suite("Identity and card type parsing")
struct IdentityParsingTests {
    @Test("ATRs are told apart by generation and interface: CPS4 exactly, CPS3 with its batch bytes masked", arguments: [
        ("3BAC00402A001225006480000310009000", "CPS3 contact"),
        ("3BAC00402A001225006480820212009000", "CPS3 contact"),     // another CPS3 batch
        ("3B8F80010031B86404B0ECC1739401808290000E", "CPS3 contactless"),
        ("3B9B188001001225006480040100009044", "CPS4"),
        ("3B9B188001001225006480000401009044", "CPS4 release candidate"),
        ("3BDC18FF00001225006480000401009000", "CPS4 release candidate, T=0 only"),
        ("3B9B188001001225006480040100009045", nil),                // one CPS4 byte off: CPS4 ATRs are exact
        ("3B7F960000003180644070141073940180829000", nil),          // another IAS-ECC card
        ("3BAC00402A0012250064800003100090", nil),                  // truncated
        ("", nil),
    ])
    func knownATRs(atr: String, expected: String?) throws {
        let bytes = try #require([UInt8](hexString: atr))
        #expect(KnownATR.matching(bytes)?.name == expected)
    }

    @Test("each known ATR names its generation and interface", arguments: [
        ("3BAC00402A001225006480000310009000", CardGeneration.cps3, CardInterface.contact),
        ("3B8F80010031B86404B0ECC1739401808290000E", .cps3, .contactless),
        ("3BDC18FF00001225006480000401009000", .cps4, .contact),
    ])
    func generationAndInterface(atr: String, generation: CardGeneration, interface: CardInterface) throws {
        let bytes = try #require([UInt8](hexString: atr))
        let known = try #require(KnownATR.matching(bytes))
        #expect(known.generation == generation)
        #expect(known.interface == interface)
    }

    @Test("national identifiers from certificate common names", arguments: [
        ("810002345671", NationalID.Kind?.some(.rpps), "10002345671"),
        ("0756012345", .some(.adeli), "756012345"),
        ("3759999993/ADM0001", .some(.establishmentStaff), "759999993/ADM0001"),
        ("81000234567", nil, ""),            // one digit short
        ("8100023456712", nil, ""),          // one digit long
        ("81000234567A", nil, ""),           // not digits
        ("910002345671", nil, ""),           // unknown type digit
        ("3759999993", nil, ""),             // structure without staff id
        ("3759999993/", nil, ""),
        ("", nil, ""),
    ])
    func nationalIDs(commonName: String, kind: NationalID.Kind?, number: String) {
        let id = NationalID(commonName)
        #expect(id?.kind == kind)
        if let id { #expect(id.number == number) }
    }

    @Test("professions from certificate titles, ignoring case, accents and feminine forms", arguments: [
        ("Médecin", ProfessionCode?.some(.physician)),
        ("MEDECIN", .some(.physician)),
        ("Infirmière", .some(.nurse)),
        ("Infirmier", .some(.nurse)),
        ("Pharmacien", .some(.pharmacist)),
        ("Sage-Femme", .some(.midwife)),
        ("Chirurgien-Dentiste", .some(.dentist)),
        ("Personnel d'établissement", .some(.establishmentStaff)),
        ("Plombier", nil),
        ("", nil),
    ])
    func professions(label: String, expected: ProfessionCode?) {
        #expect(ProfessionCode(label: label) == expected)
    }

    @Test("a PIN is 4 to 8 digits; anything else is refused before reaching a card", arguments: [
        ("1234", true), ("12345678", true), ("1234\n", true), ("123", false), ("123456789", false),
        ("12a4", false), ("", false), ("12 34", false), ("١٢٣٤", false),
    ])
    func pins(text: String, valid: Bool) {
        var bytes = Array(text.utf8)
        let pin = try? PIN(wiping: &bytes)
        #expect((pin != nil) == valid)
        #expect(bytes.allSatisfy { $0 == 0 })
    }
}
