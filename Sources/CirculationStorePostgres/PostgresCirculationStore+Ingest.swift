import CirculationLog
import CirculationStore
import PostgresNIO
import PostgresSupport

extension PostgresCirculationStore {
    /// `pg_advisory_xact_lock(ledgerLock, hashtext(library))`: held while a new ledger entry is
    /// claimed ("LRLG").
    static let ledgerLock: Int32 = 0x4C52_4C47

    public func ledgerEntry(matchingHead head: [UInt8]) throws(StoreError) -> LedgerEntry? {
        let library = try writingLibrary()
        return try read("read the ingest ledger of") { link in try PostgresLedger(link: link, library: library).find(head: head, keyed: fingerprint) }
    }

    public func malformedLines(of entry: LedgerEntry) throws(StoreError) -> [MalformedLine] {
        guard let id = entry.id else { return [] }
        let library = try writingLibrary()
        return try read("read the ingest ledger of") { link in try PostgresLedger(link: link, library: library).malformedLines(fileID: id) }
    }

    /// Adds the batch and moves the ledger in one transaction, claiming the ledger atomically so
    /// that concurrent ingests of one file count each line once, whichever process or host
    /// they run on:
    /// - an existing entry is locked (`SELECT ... FOR UPDATE`) and its committed offset compared
    ///   with `previousOffset`: a second commit of the same file waits for the first, then sees
    ///   the offset it moved and fails as a conflict (compare-and-set);
    /// - a new entry is claimed under a per-library advisory lock held exclusively, after
    ///   looking the head up again: two first ingests of one file are serialized, and the second
    ///   finds the first's entry (unique head). Every other commit holds the same lock shared, so
    ///   no entry moves while the look-up's several statements run (an entry's recorded head
    ///   grows with its file: a look-up seeing its old length in one statement and its new one
    ///   in the next would miss it, and count the file twice). Commits of known files share the
    ///   lock and run side by side; only a file's first batch waits for them;
    /// - settled malformed lines must each still be recorded (deleted here, one row each), or
    ///   another run read them first.
    /// A conflict rolls everything back; `Ingestor` resumes after what the other run counted.
    public func commit(
        _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, malformed: MalformedLineChanges,
        head: [UInt8], today: String
    ) throws(StoreError) -> LedgerEntry {
        let library = try writingLibrary()
        let location = self.location
        return try write("add counters to") { link in
            let ledger = PostgresLedger(link: link, library: library)
            let conflict: Bool
            if let id = entry.id {
                try link.execute("SELECT pg_advisory_xact_lock_shared(\(Self.ledgerLock), hashtext(\(library)))")
                conflict = try ledger.lockCommittedOffset(id: id) != previousOffset
            } else {
                try link.execute("SELECT pg_advisory_xact_lock(\(Self.ledgerLock), hashtext(\(library)))")
                conflict = head.isEmpty ? false : try ledger.find(head: head, keyed: fingerprint) != nil
            }
            let settled: Bool
            if let id = entry.id {
                settled = try ledger.settle(malformed.settled, fileID: id)
            } else {
                settled = malformed.settled.isEmpty
            }
            if conflict || !settled {
                throw StoreError(
                    .conflict, location: location,
                    "another ingest of the same file committed meanwhile; nothing from this batch was counted")
            }
            try PostgresBatchWriter(link: link, library: library).write(batch)
            var saved = entry
            let id = try ledger.save(entry, today: today)
            saved.id = id
            try ledger.record(malformed.recorded, fileID: id)
            return saved
        }
    }

    /// Keyed with the database's secret (HMAC-SHA-256). A store opened for ingest always has
    /// it; the unkeyed form is left only for a store opened to be read, which never writes.
    public func fingerprint(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let ledgerKey else { return ContentFingerprint.hex(of: bytes) }
        return ContentFingerprint.keyed(bytes, key: ledgerKey)
    }

    /// The library this store writes for; a network-wide store writes nothing.
    func writingLibrary() throws(StoreError) -> String {
        guard let library else {
            throw StoreError(
                .unsupportedURL, location: location,
                "ingest writes one library's rows: set [site] id (a network-wide store is read-only)")
        }
        return library
    }
}
