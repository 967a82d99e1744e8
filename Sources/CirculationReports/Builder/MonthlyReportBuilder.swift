import CirculationLog
import CirculationStore

/// Builds a month's report from the store's counters. Reads only through
/// `CirculationStoreReading`, so it works on any store implementation and never sees more than
/// the counters the store keeps.
public struct MonthlyReportBuilder: Sendable {
    /// Figures below this are hidden (site setting `suppressionThreshold`).
    public var threshold: Int
    /// Length of the most-circulated list.
    public var itemLimit: Int

    public init(threshold: Int = 5, itemLimit: Int = 20) {
        self.threshold = threshold
        self.itemLimit = itemLimit
    }

    /// `gateAlarms`: the month's alarms per gate from the gate event store, when the site has
    /// one; nil asks the circulation store (which keeps none).
    public func build(
        month: ReportMonth, from store: some CirculationStoreReading, gateAlarms: [NamedCount]? = nil
    ) throws(ReportError) -> MonthlyReport {
        guard threshold >= 1 else { throw .invalidThreshold(threshold) }
        let monthText = month.description
        let counters: [CounterRow]
        let items: [ItemCount]
        let gates: [NamedCount]
        let stations: [NamedCount]
        do {
            counters = try store.counters(month: monthText)
            items = try store.mostUsedItems(month: monthText, minimumCount: threshold, limit: max(0, itemLimit))
            if let gateAlarms { gates = gateAlarms } else { gates = try store.gateAlarms(month: monthText) }
            stations = try store.taggingActivity(month: monthText)
        } catch {
            throw .store(error)
        }
        let tables = try MonthTables(month: month, counters: counters)
        let gateTable = try Self.listTable(gates, column: "Alarms", what: "gate alarms")
        let stationTable = try Self.listTable(stations, column: "Tags written", what: "tagging activity")

        let patterns = LinkedSuppression.patterns(
            bySource: tables.bySource, branchByMaterial: tables.branchByMaterial,
            hourByWeekday: tables.hourByWeekday, threshold: threshold)
        let bySource = PublishedTable(
            id: "bySource", title: "Transactions by source", rowHeader: "Source", table: tables.bySource,
            pattern: patterns.bySource)
        let totals = bySource.columnTotals ?? []
        func total(_ action: CirculationAction) -> Published {
            guard let index = CirculationAction.allCases.firstIndex(of: action), index < totals.count else {
                return .count(0)
            }
            return totals[index]
        }
        return MonthlyReport(
            month: monthText, threshold: threshold,
            totals: MonthlyReport.ActionTotals(
                checkouts: total(.checkout), checkins: total(.checkin), renewals: total(.renewal),
                all: bySource.grandTotal ?? .count(0)),
            bySource: bySource,
            branchByMaterial: PublishedTable(
                id: "branchByMaterial", title: "Circulation (checkouts and renewals) by branch and material",
                rowHeader: "Branch", table: tables.branchByMaterial, pattern: patterns.branchByMaterial),
            hourByWeekday: PublishedTable(
                id: "hourByWeekday", title: "Transactions by hour of day and weekday", rowHeader: "Hour",
                table: tables.hourByWeekday, pattern: patterns.hourByWeekday),
            gateAlarms: PublishedTable(
                id: "gateAlarms", title: "Gate alarms by gate", rowHeader: "Gate", table: gateTable,
                pattern: ComplementarySuppression.pattern(for: gateTable, threshold: threshold)),
            taggingActivity: PublishedTable(
                id: "taggingActivity", title: "Tags written by station", rowHeader: "Station", table: stationTable,
                pattern: ComplementarySuppression.pattern(for: stationTable, threshold: threshold)),
            mostCirculated: try mostCirculated(items),
            itemLimit: itemLimit)
    }

    /// Items below the threshold are left out entirely: a rarely used item can point at the
    /// one person who borrowed it, and the list prints no total that could reveal them.
    private func mostCirculated(_ items: [ItemCount]) throws(ReportError) -> [ItemCount] {
        for item in items where item.count < 0 {
            throw .inconsistentStore("a per-item count is negative")
        }
        let kept = items.filter { $0.count >= threshold }
            .sorted { ($1.count, $0.item) < ($0.count, $1.item) }
        return Array(kept.prefix(max(0, itemLimit)))
    }

    /// A one-column table (gate or station, count) with its total under it.
    static func listTable(_ counts: [NamedCount], column: String, what: String) throws(ReportError) -> CountTable {
        var byName: [String: Int] = [:]
        for entry in counts {
            guard entry.count >= 0 else { throw .inconsistentStore("a \(what) count is negative") }
            byName[entry.name, default: 0] += entry.count
        }
        let names = byName.keys.sorted()
        return CountTable(
            rowLabels: names.map { $0.isEmpty ? "(unnamed)" : $0 }, columnLabels: [column],
            cells: names.map { [byName[$0] ?? 0] }, hasRowTotals: false, hasColumnTotals: true)
    }
}
