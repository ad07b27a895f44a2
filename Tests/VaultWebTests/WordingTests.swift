import CPSCard
import Testing
@testable import VaultWeb

/// What a page says of a card's refusal: the tries left when the card told them, and a plain
/// warning, never a programming artefact, when it did not.
@Suite("The workstation's wording of card refusals")
struct WordingTests {
    @Test("a wrong PIN gives the tries left, or says they are unknown")
    func wrongPIN() {
        let wording = Wording.french
        #expect(wording.sentence(for: CPSCardError.wrongPIN(triesLeft: 2)) == "Code faux. Essais restants : 2.")
        let unknown = wording.sentence(for: CPSCardError.wrongPIN(triesLeft: nil))
        #expect(unknown.hasPrefix("Code faux."))
        #expect(!unknown.contains("nil") && !unknown.contains("Optional"))
    }
}
