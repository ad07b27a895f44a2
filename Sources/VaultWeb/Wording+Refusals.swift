import CPSCard
import VaultCore

extension Wording {
    /// The sentence a page shows for `error`: a refusal of the policy names its rule (the rule's
    /// code follows in parentheses), a card refusal says what to do. Nothing of a patient is in
    /// it: the errors it reads carry none.
    func sentence(for error: any Error) -> String {
        switch error {
        case let error as WebError: sentence(for: error)
        case let error as VaultError: sentence(for: error)
        case let error as CPSCardError: sentence(for: error)
        default: unexpected
        }
    }

    private func sentence(for error: WebError) -> String {
        switch error {
        case .cannotListen: unexpected
        case .wrongHost: wrongHost
        case .forgedRequest: forged
        case .notLaunched: notLaunched
        case .locked: locked
        case .unknownHandle: unknownPage
        case .tooLarge: tooLarge
        case .tooManyRequests: tooMany
        case .badForm(let what): "\(badForm) \(what)."
        case .uploadInterrupted: uploadInterrupted
        }
    }

    private func sentence(for error: VaultError) -> String {
        switch error {
        case .accessDenied(let code, _): "\(ruleSentence(code)) (\(code)) \(auditedRefusal)"
        case .notEnrolled: notEnrolled
        case .sessionEnded: sessionEnded
        case .noSuchPatient: noSuchPatient
        case .noSuchRecord: noSuchRecord
        case .noSuchTeam: noSuchTeam
        case .malformedIdentifier(let kind): "\(malformedIdentifier) \(kind.byteCount * 2)."
        case .duplicatePatient: duplicatePatient
        case .malformedIdentity(let reason): "\(malformedIdentity) \(reason)."
        case .malformedContentType(let reason): "\(malformedContentType) \(reason)."
        default: "\(unexpected)"
        }
    }

    /// The sentence of the rule a refusal's code names.
    private func ruleSentence(_ code: String) -> String {
        if code.hasPrefix("L1110-4-al5") { return ruleOpposition }
        if code.contains("hosting-ended") || code.contains("end-of-hosting") || code == "L1111-8-shredded" { return ruleHostingEnded }
        if code.hasPrefix("L1110-4-al4") { return ruleNoConsent }
        if code == "no-rule-allows" || code == "L1110-4-outside-care" { return ruleNotGranted }
        return ruleOther
    }

    private func sentence(for error: CPSCardError) -> String {
        switch error {
        case .wrongPIN(triesLeft: let left?): "\(wrongPIN) \(left)."
        case .wrongPIN(triesLeft: nil): wrongPINTriesUnknown
        case .malformedPIN: malformedPIN
        case .lastTryRefused: lastTryRefused
        case .pinBlocked: cardBlocked
        case .certificateRejected: cardUntrusted
        case .noReaderWithCard: noCard
        default: unexpected
        }
    }
}
