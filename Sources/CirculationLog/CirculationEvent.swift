/// A circulation transaction after de-identification: the only shape in which a transaction
/// leaves a parser. It has no field that could hold a patron identifier, so no later stage can
/// store one by mistake (privacy requirement P4).
public struct CirculationEvent: Sendable, Equatable, Hashable {
    public var action: CirculationAction
    /// Local calendar day "YYYY-MM-DD" and hour 0-23 of the transaction, as the log states them.
    public var day: String
    public var hour: Int
    /// AO institution / branch code ("" when absent).
    public var branch: String
    /// AP current location or AQ permanent location ("" when absent).
    public var location: String
    /// CK media type code ("" when absent), e.g. "001".
    public var mediaType: String
    /// CR collection code ("" when absent).
    public var collection: String
    public var source: TransactionSource
    /// The item barcode, kept only for per-item monthly counts (most-circulated list). It is an
    /// item, never a person.
    public var item: String

    public init(
        action: CirculationAction, day: String, hour: Int, branch: String, location: String, mediaType: String,
        collection: String, source: TransactionSource, item: String
    ) {
        self.action = action
        self.day = day
        self.hour = hour
        self.branch = branch
        self.location = location
        self.mediaType = mediaType
        self.collection = collection
        self.source = source
        self.item = item
    }

    /// "YYYY-MM" of `day`.
    public var month: String { String(day.prefix(7)) }
}

public enum CirculationAction: String, Sendable, CaseIterable, Codable, Hashable {
    case checkout
    case checkin
    case renewal
}

/// Who made the transaction: a self-check machine, a staff station of this package, or the
/// library system's own export (desk transactions not seen over SIP2).
public enum TransactionSource: String, Sendable, CaseIterable, Codable, Hashable {
    case selfCheck = "self-check"
    case staffStation = "staff-station"
    case librarySystem = "library-system"
}
