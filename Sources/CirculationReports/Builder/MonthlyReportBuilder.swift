import CirculationLog
import CirculationStore

/// Builds a month's report from the store's counters. Reads only through
/// `CirculationStoreReading`, so it works on any store implementation and never sees more than
/// the counters the store keeps.
public struct MonthlyReportBuilder: Sendable {
    /// The smallest threshold accepted. Below 3 the only count hidden for being small is 1, so
    /// telling that a hidden figure is small is knowing it, and a 2 (often one person's two
    /// loans) would be printed. Statistical agencies use 5 to 16.
    public static let minimumThreshold = 3

    /// Figures below this are hidden (site setting `suppression_threshold`).
    public let threshold: Int
    /// Length of the most-circulated list.
    public var itemLimit: Int
    /// The site's `[report]` tables: categories and audiences from item type, collection and
    /// location codes.
    public var mapping: MaterialMapping

    /// Refuses a threshold below `minimumThreshold` (`ReportError.invalidThreshold`).
    public init(threshold: Int = 5, itemLimit: Int = 20, mapping: MaterialMapping = MaterialMapping()) throws(ReportError) {
        guard threshold >= Self.minimumThreshold else { throw .invalidThreshold(threshold) }
        self.threshold = threshold
        self.itemLimit = itemLimit
        self.mapping = mapping
    }

    /// `gateAlarms`: the month's alarms per gate from the gate event store, when the site has
    /// one; nil asks the circulation store (which keeps none).
    public func build(
        month: ReportMonth, from store: some CirculationStoreReading, gateAlarms: [NamedCount]? = nil
    ) throws(ReportError) -> MonthlyReport {
        AuditedSuppression.report(try assembly(month: month, from: store, gateAlarms: gateAlarms))
    }

    /// The month's figures before any suppression.
    func assembly(
        month: ReportMonth, from store: some CirculationStoreReading, gateAlarms: [NamedCount]? = nil
    ) throws(ReportError) -> ReportAssembly {
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
        return ReportAssembly(
            month: monthText, threshold: threshold, tables: try MonthTables(month: month, counters: counters, mapping: mapping),
            gateAlarms: try Self.listTable(gates, column: "Alarms", what: "gate alarms"),
            taggingActivity: try Self.listTable(stations, column: "Tags written", what: "tagging activity"),
            mostCirculated: try mostCirculated(items), itemLimit: itemLimit)
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
