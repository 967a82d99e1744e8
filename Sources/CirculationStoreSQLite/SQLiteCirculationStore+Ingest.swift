import CirculationStore
import GRDB

extension SQLiteCirculationStore: CirculationStoreMaintaining {
    public func ledgerEntry(matchingHead head: [UInt8]) throws(StoreError) -> LedgerEntry? {
        try read("read the ingest ledger of") { db in try LedgerTable.find(head: head, keyed: fingerprint, in: db) }
    }

    public func malformedLines(of entry: LedgerEntry) throws(StoreError) -> [MalformedLine] {
        guard let id = entry.id else { return [] }
        return try read("read the ingest ledger of") { db in try LedgerTable.malformedLines(fileID: id, in: db) }
    }

    public func commit(
        _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, malformed: MalformedLineChanges,
        head: [UInt8], today: String
    ) throws(StoreError) -> LedgerEntry {
        let path = self.path
        return try write("add counters to") { db in
            // The ledger must still be where this run found it: otherwise another ingest of the
            // same file got there first, and adding this batch would count lines twice. The
            // write transaction is IMMEDIATE (GRDB's default for writes), so the check and the
            // write see the same ledger: a second process waits for the lock, then sees the
            // first one's entry. For a new entry that is the entry of a file with this head.
            let conflict: Bool
            if let id = entry.id {
                conflict = try LedgerTable.committedOffset(id: id, in: db) != previousOffset
            } else {
                let existing = head.isEmpty ? nil : try LedgerTable.find(head: head, keyed: fingerprint, in: db)
                conflict = existing != nil
            }
            // Lines read again must still be recorded: a run that read them first has counted
            // those that parse and removed them, and this batch would count them a second time.
            let settled: Bool
            if let id = entry.id {
                settled = try LedgerTable.settle(malformed.settled, fileID: id, in: db)
            } else {
                settled = malformed.settled.isEmpty
            }
            if conflict || !settled {
                throw StoreError(
                    .conflict, location: path,
                    "another ingest of the same file committed meanwhile; nothing from this batch was counted")
            }
            try BatchWriter.write(batch, to: db)
            var saved = entry
            let id = try LedgerTable.save(entry, today: today, in: db)
            saved.id = id
            try LedgerTable.record(malformed.recorded, fileID: id, in: db)
            return saved
        }
    }

    /// Keyed with the store's secret (HMAC-SHA-256, `LedgerKey`). A store opened for ingest
    /// always has one; the unkeyed form is left only for a store without a key, which is never
    /// written to.
    public func fingerprint(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let ledgerKey else { return ContentFingerprint.hex(of: bytes) }
        return ContentFingerprint.keyed(bytes, key: ledgerKey)
    }

    /// The database, its WAL and its journal: every file SQLite keeps records in (`-shm` holds
    /// only the WAL's index).
    public var storageFiles: [String] {
        ["", "-wal", "-journal"].map { path + $0 }
    }
}
