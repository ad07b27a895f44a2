/// The enrolment row under the name the domain uses: `Professional` is also the card-holder
/// identity of CPSCard, and code that sees both modules names this one `EnrolledProfessional`.
public typealias EnrolledProfessional = Professional
