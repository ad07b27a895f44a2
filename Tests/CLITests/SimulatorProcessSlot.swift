import Testing

/// The suites that use `TestSlot.simulatorProcess`, nested here so that they run one after the
/// other rather than in parallel.
@Suite(.serialized)
enum SimulatorProcessSlot {}
