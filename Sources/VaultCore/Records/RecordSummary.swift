import Foundation

/// One version of a record as listings show it: no content, only what the professional needs
/// to choose it.
public struct RecordSummary: Sendable, Hashable, Codable, ListingRow {
    public typealias RowID = RecordID

    public var recordID: RecordID
    public var version: Int
    public var contentType: String
    public var size: Int64
    public var author: String
    public var createdAt: Date
}
