import CirculationLog

/// What the reports read. The SQLite and PostgreSQL stores implement it. All queries are per
/// calendar month ("YYYY-MM").
public protocol CirculationStoreReading: Sendable {
    /// Aggregated counters for the month: one row per distinct combination of dimensions.
    func counters(month: String) throws(StoreError) -> [CounterRow]
    /// Per-item counts for the month (all actions), for the most-circulated list.
    func itemCounts(month: String) throws(StoreError) -> [ItemCount]
    /// The `limit` items with the most transactions in the month, each with at least
    /// `minimumCount`, most used first (ties by item). A store can answer this from an index
    /// instead of handing over every item; the default filters `itemCounts`.
    func mostUsedItems(month: String, minimumCount: Int, limit: Int) throws(StoreError) -> [ItemCount]
    /// Gate alarms per gate for the month (empty when no gate store exists).
    func gateAlarms(month: String) throws(StoreError) -> [NamedCount]
    /// Tags written per station for the month (empty when no station store exists).
    func taggingActivity(month: String) throws(StoreError) -> [NamedCount]
}

extension CirculationStoreReading {
    public func mostUsedItems(month: String, minimumCount: Int, limit: Int) throws(StoreError) -> [ItemCount] {
        let kept = try itemCounts(month: month).filter { $0.count >= minimumCount }
            .sorted { ($1.count, $0.item) < ($0.count, $1.item) }
        return Array(kept.prefix(max(0, limit)))
    }
}

/// One counter: how many transactions share these dimensions within one hour of one day.
public struct CounterRow: Sendable, Equatable, Hashable {
    public var day: String
    public var hour: Int
    public var action: CirculationAction
    public var branch: String
    public var location: String
    public var mediaType: String
    public var collection: String
    public var source: TransactionSource
    public var count: Int

    public init(
        day: String, hour: Int, action: CirculationAction, branch: String, location: String, mediaType: String,
        collection: String, source: TransactionSource, count: Int
    ) {
        self.day = day
        self.hour = hour
        self.action = action
        self.branch = branch
        self.location = location
        self.mediaType = mediaType
        self.collection = collection
        self.source = source
        self.count = count
    }
}

public struct ItemCount: Sendable, Equatable, Hashable {
    public var item: String
    public var count: Int
    public init(item: String, count: Int) {
        self.item = item
        self.count = count
    }
}

public struct NamedCount: Sendable, Equatable, Hashable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
