import CirculationLog
import CirculationStore

/// The dimensions of one hourly counter: the store's own key, so what the generator expects
/// and what a store holds are compared on the same type.
public typealias EventDimensions = BatchAggregator.CounterKey

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
