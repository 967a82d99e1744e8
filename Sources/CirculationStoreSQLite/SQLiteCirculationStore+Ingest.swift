import CirculationStore
import GRDB

extension SQLiteCirculationStore: CirculationStoreMaintaining {
    public func ledgerEntry(matchingHead head: [UInt8]) throws(StoreError) -> LedgerEntry? {
        try read("read the ingest ledger of") { db in try LedgerTable.find(head: head, in: db) }
    }

    public func commit(
        _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, today: String
    ) throws(StoreError) -> LedgerEntry {
        let path = self.path
        return try write("add counters to") { db in
            // The ledger must still be where this run found it: otherwise another ingest of the
            // same file got there first, and adding this batch would count lines twice.
            let current: Int?
            if let id = entry.id {
                current = try LedgerTable.committedOffset(id: id, in: db)
            } else {
                current = nil
            }
            if current != (entry.id == nil ? nil : previousOffset) {
                throw StoreError(
                    .io, location: path,
                    "another ingest of the same file committed meanwhile; nothing from this batch was counted (run ingest again)")
            }
            try BatchWriter.write(batch, to: db)
            var saved = entry
            saved.id = try LedgerTable.save(entry, today: today, in: db)
            return saved
        }
    }

    /// The database, its WAL and its journal: every file SQLite keeps records in (`-shm` holds
    /// only the WAL's index).
    public var storageFiles: [String] {
        ["", "-wal", "-journal"].map { path + $0 }
    }
}
