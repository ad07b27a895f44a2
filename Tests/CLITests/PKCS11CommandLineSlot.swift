import Testing

/// The suites that use `TestSlot.pkcs11CommandLine` (the command line through a PKCS#11 module,
/// and the workstation in a browser), nested here so that they run one after the other rather
/// than in parallel.
@Suite(.serialized)
enum PKCS11CommandLineSlot {}
