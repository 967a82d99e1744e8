import CirculationStore
import Foundation
import StationActivity
import StationActivitySQLite

/// What the monthly report reads: the circulation store's counters, with the station section
/// taken from the station activity store (`station.log`) when one exists. The report builder
/// reads only `CirculationStoreReading`, so the stores behind it stay its business.
struct ReportSources: CirculationStoreReading {
    let circulation: any CirculationStoreReading
    let stations: (any StationActivityStore)?

    /// Opens the activity store at `path` if there is one. One that exists but cannot be read
    /// stops the report, as the gate store does: a published "none recorded" would be false.
    static func stationStore(at path: String) throws -> (any StationActivityStore)? {
        guard try OptionalStoreFile.exists(path) else { return nil }
        return try SQLiteStationActivity(path: path, mode: .mustExist)
    }

    func counters(month: String) throws(StoreError) -> [CounterRow] { try circulation.counters(month: month) }
    func itemCounts(month: String) throws(StoreError) -> [ItemCount] { try circulation.itemCounts(month: month) }
    func mostUsedItems(month: String, minimumCount: Int, limit: Int) throws(StoreError) -> [ItemCount] {
        try circulation.mostUsedItems(month: month, minimumCount: minimumCount, limit: limit)
    }
    func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { try circulation.gateAlarms(month: month) }

    func taggingActivity(month: String) throws(StoreError) -> [NamedCount] {
        guard let stations else { return try circulation.taggingActivity(month: month) }
        do throws(StationActivityError) {
            return try stations.tagsWritten(month: month).map { NamedCount(name: $0.station, count: $0.count) }
        } catch {
            throw StoreError(.io, location: error.location, error.detail)
        }
    }
}
