/// One ciphertext segment of a record version; unique per (record, version, index), indexes
/// counting from 0.
public struct RecordSegment: Sendable, Hashable {
    public var recordID: [UInt8]
    public var version: Int
    public var index: Int
    public var ciphertext: [UInt8]

    public init(recordID: [UInt8], version: Int, index: Int, ciphertext: [UInt8]) {
        self.recordID = recordID
        self.version = version
        self.index = index
        self.ciphertext = ciphertext
    }
}
