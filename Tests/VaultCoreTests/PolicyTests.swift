import Testing
import VaultCore

/// How a policy composes its rules, independent of the standard rules.
@Suite("Policy composition")
struct PolicyTests {
    struct FixedRule: AccessRule {
        let outcome: RuleOutcome
        func evaluate(_ request: AccessRequest) -> RuleOutcome { outcome }
    }

    static let first = AccessReason(code: "first", explanation: "The first rule that decides.")
    static let second = AccessReason(code: "second", explanation: "A later rule.")
    let request = AccessRequest(actor: Fixture.designatedPhysician, action: .readRecords, patient: Fixture.patient)

    @Test("a policy without rules denies, saying no rule allows it")
    func emptyPolicyDenies() {
        #expect(Policy(rules: []).decide(request) == .denied(.noRuleAllows))
    }

    @Test("a policy whose rules all abstain denies")
    func abstainingRulesDeny() {
        let policy = Policy(rules: [FixedRule(outcome: .abstain), FixedRule(outcome: .abstain)])
        #expect(policy.decide(request) == .denied(.noRuleAllows))
    }

    @Test("the first rule that does not abstain decides", arguments: [
        (RuleOutcome.allow(first), RuleOutcome.deny(second), AccessDecision.allowed(first)),
        (.deny(first), .allow(second), .denied(first)),
        (.abstain, .allow(second), .allowed(second)),
    ])
    func firstDecidingRuleWins(_ earlier: RuleOutcome, _ later: RuleOutcome, _ expected: AccessDecision) {
        let policy = Policy(rules: [FixedRule(outcome: .abstain), FixedRule(outcome: earlier), FixedRule(outcome: later)])
        #expect(policy.decide(request) == expected)
    }

    @Test("the standard policy denies a patient action that names no patient")
    func patientActionWithoutPatient() {
        let request = AccessRequest(actor: Fixture.designatedPhysician, action: .readRecords, patient: nil)
        #expect(Policy.standard.decide(request) == .denied(.noRuleAllows))
    }
}
