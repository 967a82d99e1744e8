import CirculationLog

/// The dimensions of one hourly counter, as the generator knows them.
public struct EventDimensions: Sendable, Hashable {
    public var day: String
    public var hour: Int
    public var action: CirculationAction
    public var branch: String
    public var location: String
    public var mediaType: String
    public var collection: String
    public var source: TransactionSource

    public init(
        day: String, hour: Int, action: CirculationAction, branch: String, location: String, mediaType: String,
        collection: String, source: TransactionSource
    ) {
        self.day = day
        self.hour = hour
        self.action = action
        self.branch = branch
        self.location = location
        self.mediaType = mediaType
        self.collection = collection
        self.source = source
    }

    public init(_ event: CirculationEvent) {
        self.init(
            day: event.day, hour: event.hour, action: event.action, branch: event.branch, location: event.location,
            mediaType: event.mediaType, collection: event.collection, source: event.source)
    }
}

/// What a correct ingest of a synthetic log must produce, known exactly because the generator
/// decided every line.
public struct SyntheticExpectation: Sendable {
    public var lines = 0
    public var malformedLines = 0
    /// Lines whose AZ checksum is wrong (all of them checkout, checkin or renewal responses with ok=1).
    public var badChecksumLines = 0
    /// Transactions on lines with a valid or absent checksum.
    public var counters: [EventDimensions: Int] = [:]
    /// Transactions on lines with a wrong checksum, counted only when the site says so.
    public var badChecksumCounters: [EventDimensions: Int] = [:]
    /// Per-item counts keyed by "YYYY-MM" and item barcode.
    public var items: [String: [String: Int]] = [:]
    public var badChecksumItems: [String: [String: Int]] = [:]
    /// Every identifying value the log contains.
    public var patronIdentifiers: [String] = []

    public init() {}

    public func counters(countingBadChecksums: Bool) -> [EventDimensions: Int] {
        countingBadChecksums ? counters.merging(badChecksumCounters, uniquingKeysWith: +) : counters
    }

    public func itemCounts(month: String, countingBadChecksums: Bool) -> [String: Int] {
        let good = items[month] ?? [:]
        return countingBadChecksums ? good.merging(badChecksumItems[month] ?? [:], uniquingKeysWith: +) : good
    }

    public func total(_ action: CirculationAction, countingBadChecksums: Bool) -> Int {
        counters(countingBadChecksums: countingBadChecksums).filter { $0.key.action == action }.reduce(0) { $0 + $1.value }
    }

    mutating func record(_ event: CirculationEvent, badChecksum: Bool) {
        let key = EventDimensions(event)
        if badChecksum {
            badChecksumCounters[key, default: 0] += 1
            badChecksumItems[event.month, default: [:]][event.item, default: 0] += 1
        } else {
            counters[key, default: 0] += 1
            items[event.month, default: [:]][event.item, default: 0] += 1
        }
    }
}
