import CirculationFixtures
import CirculationLog
import CirculationStore
import Foundation

/// Helpers that read a whole store back in the generator's terms, for exact comparisons.
enum StoreFixtures {
    static func counters(_ store: some CirculationStoreReading, month: String) throws -> [EventDimensions: Int] {
        var result: [EventDimensions: Int] = [:]
        for row in try store.counters(month: month) {
            let key = EventDimensions(
                day: row.day, hour: row.hour, action: row.action, branch: row.branch, location: row.location,
                mediaType: row.mediaType, collection: row.collection, source: row.source)
            result[key, default: 0] += row.count
        }
        return result
    }

    static func items(_ store: some CirculationStoreReading, month: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for item in try store.itemCounts(month: month) { result[item.item] = item.count }
        return result
    }

    /// A synthetic log configuration small enough for debug-build tests.
    static func smallLog(seed: UInt64 = 7, transactions: Int = 4_000) -> SyntheticSIP2Log.Configuration {
        var c = SyntheticSIP2Log.Configuration()
        c.seed = seed
        c.transactions = transactions
        c.malformedFraction = 0.01
        c.badChecksumFraction = 0.01
        return c
    }

    static func options(
        _ format: InputFormat = .sip2(.selfCheck), settings: SiteSettings = SiteSettings(), batchLines: Int = 1_000,
        allowLists: IngestAllowLists = TestAllowLists.site, today: String = "2026-04-02"
    ) -> IngestOptions {
        IngestOptions(format: format, settings: settings, today: today, allowLists: allowLists, batchLines: batchLines)
    }
}
