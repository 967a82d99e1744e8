import CirculationLog
import CirculationStore

/// A test double of the store interface for the report logic: it answers with exactly the
/// rows given. The real SQLite store is exercised by the end-to-end tests.
struct InMemoryStore: CirculationStoreReading {
    var rows: [CounterRow] = []
    var items: [ItemCount] = []
    var gates: [NamedCount] = []
    var stations: [NamedCount] = []
    var failure: StoreError? = nil

    func counters(month: String) throws(StoreError) -> [CounterRow] {
        if let failure { throw failure }
        return rows.filter { $0.day.hasPrefix(month + "-") }
    }
    func itemCounts(month: String) throws(StoreError) -> [ItemCount] {
        if let failure { throw failure }
        return items
    }
    func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { gates }
    func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { stations }
}

extension CounterRow {
    static func make(
        _ day: String, _ hour: Int, _ action: CirculationAction, branch: String = "MAIN", media: String = "001",
        source: TransactionSource = .selfCheck, count: Int
    ) -> CounterRow {
        CounterRow(
            day: day, hour: hour, action: action, branch: branch, location: "", mediaType: media, collection: "",
            source: source, count: count)
    }
}
