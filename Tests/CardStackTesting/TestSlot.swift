/// One slot of the simulated readers that Scripts/cardstack starts: seven vpcd readers "CPS Reader
/// A" to "G", two slots each, on ports 35963 to 35976. Each test suite that inserts cards owns
/// its slots, so suites can run in parallel.
public struct TestSlot: Sendable, Hashable {
    public let port: UInt16
    public let readerName: String

    init(_ index: Int) {
        port = 35963 + UInt16(index)
        readerName = "CPS Reader \(["A", "B", "C", "D", "E", "F", "G"][index / 2]) 00 0\(index % 2)"
    }

    /// Holds the demo card that Scripts/cardstack inserts; tests leave it alone.
    public static let demo = TestSlot(0)
    public static let pcsc = TestSlot(1)
    public static let card = TestSlot(2)
    /// Two slots in two different readers.
    public static let pairFirst = TestSlot(3)
    public static let pairSecond = TestSlot(4)
    public static let openSC = TestSlot(5)
    public static let commandLine = TestSlot(6)
    public static let simulatorProcess = TestSlot(7)
    /// Never gets a card.
    public static let alwaysEmpty = TestSlot(8)
    public static let removalWatch = TestSlot(9)
    /// Two slots for the vault's tests: an administrator's card and a professional's.
    public static let vaultFirst = TestSlot(10)
    public static let vaultSecond = TestSlot(11)
    /// The card reached through a PKCS#11 module, by the library and by the command line.
    public static let pkcs11 = TestSlot(12)
    public static let pkcs11CommandLine = TestSlot(13)
}
