import CirculationLog
import CirculationStore
import CirculationStoreSQLite

/// Puts records into a test store through the store's own commit, past the log parsers, as an
/// older version without the parsers' item check, or a hand edit, could have left them: the
/// audit must find such values wherever they lie, and must be shown to.
enum PlantedRecords {
    /// Adds `count` checkouts of `item` on `day` (one hourly counter row, one per-item row).
    static func plant(
        item: String, count: Int, day: String = "2026-03-02", branch: String = "MAIN", location: String = "",
        in store: some CirculationStoreMaintaining
    ) throws {
        var batch = BatchAggregator(keepRawEvents: false)
        let event = CirculationEvent(
            action: .checkout, day: day, hour: 10, branch: branch, location: location, mediaType: "001", collection: "",
            source: .selfCheck, item: item)
        for _ in 0..<count { batch.add(event) }
        let entry = LedgerEntry(id: nil, headLength: 0, headHash: "", committedOffset: 0, committedLine: 0, tailHash: "")
        _ = try store.commit(batch, entry: entry, previousOffset: 0, head: [], today: day)
    }
}
