/// What a PostgreSQL store has asked of its server: the statements it sent and the times a caller
/// blocked until the server answered. Each wait costs a round trip through the driver's event
/// loop (about 0.3 ms, far more than most statements take on the server), so `waits` is what a
/// vault operation's latency follows; statements sent together are answered in one wait.
public struct PostgresTraffic: Sendable, Equatable {
    /// Statements sent to the server.
    public var statements = 0
    /// Times a caller blocked for the server's answer.
    public var waits = 0

    public init(statements: Int = 0, waits: Int = 0) {
        self.statements = statements
        self.waits = waits
    }

    /// What was asked between `earlier` and this count.
    public static func - (later: PostgresTraffic, earlier: PostgresTraffic) -> PostgresTraffic {
        PostgresTraffic(statements: later.statements - earlier.statements, waits: later.waits - earlier.waits)
    }
}
