import VaultCrypto

/// What a listing shows: the rows that opened, and the opaque ids of the rows left out because
/// they failed authentication (modified, swapped or moved in the database), each audited as
/// failed. One tampered row is thus reported without hiding the rest. A collection of the rows
/// shown, in order.
public struct Listing<Item: ListingRow>: RandomAccessCollection, Codable, Sendable {
    public var items: [Item]
    /// The ids of the rows left out as tampered with, in the order met.
    public var tampered: [Item.RowID]

    public init(items: [Item], tampered: [Item.RowID] = []) {
        self.items = items
        self.tampered = tampered
    }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> Item { items[position] }
}

/// A row a `Listing` shows, named by an opaque id of its kind when it is left out.
public protocol ListingRow: Codable, Sendable {
    associatedtype RowID: Hashable, Codable, Sendable, CustomStringConvertible
}

extension Error {
    /// Whether the error says stored data failed authentication: a sealed value or a key grant
    /// that no longer opens in its place.
    var isTampering: Bool {
        switch self as any Error {
        case CryptoError.authenticationFailed, VaultError.tampered, VaultError.recordTampered: true
        default: false
        }
    }
}
