import Testing

extension Tag {
    /// Needs the card stack: a running pcscd with the simulated "CPS Sim" readers.
    @Tag static var cardStack: Self
}
