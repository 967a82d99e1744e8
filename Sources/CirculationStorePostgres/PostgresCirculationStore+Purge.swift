import Foundation
import CirculationStore
import NIOCore
import PostgresNIO
import PostgresSupport

extension PostgresCirculationStore {
    /// Deletes expired records (of this store's library, or of every library for the network),
    /// then rewrites each table with `VACUUM FULL`, so that the deleted rows are in none of the
    /// table's live files. What PostgreSQL cannot promise beyond that (the old files' disk
    /// blocks, WAL segments, replicas, backups) is set out in Docs/deployment.md; a `CHECKPOINT`
    /// at the end lets the server recycle the WAL that held them sooner, when the role may ask.
    ///
    /// `VACUUM FULL` needs the tables' owner: a role that is not is refused before anything is
    /// deleted, rather than deleting and leaving the rows in the files.
    public func purge(_ settings: SiteSettings, today: CivilDate) throws(StoreError) -> PurgeSummary {
        let cut = RetentionCutoffs(settings: settings, today: today)
        let library = self.library
        let location = self.location
        let tables = PostgresCirculationSchema.dataTables
        let owner = try read("purge") { link in
            try link.query(
                """
                SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))
                    OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                FROM pg_class c WHERE c.oid = ANY(\(tables)::regclass[])
                """
            ).first.map { try $0.decode(Bool?.self) ?? false } ?? false
        }
        guard owner else {
            throw StoreError(
                .cannotOpen, location: location,
                "purge must run as the role that owns the store's tables (VACUUM FULL needs it); nothing was deleted")
        }
        let deleted = try write("purge") { link -> [(table: String, count: Int)] in
            let counters = try link.execute(
                "DELETE FROM hourly_counters WHERE day < \(cut.countersDay) AND (\(library)::text IS NULL OR library = \(library))")
            let items = try link.execute(
                "DELETE FROM item_monthly_counts WHERE month < \(cut.itemsMonth) AND (\(library)::text IS NULL OR library = \(library))")
            let raw = try link.execute(
                "DELETE FROM raw_events WHERE day < \(cut.rawDay) AND (\(library)::text IS NULL OR library = \(library))")
            // A file's malformed lines go with its ledger entry, first, so that they are counted.
            let malformed = try link.execute(
                """
                DELETE FROM ingested_malformed_lines WHERE file_id IN (
                    SELECT id FROM ingested_files
                    WHERE last_ingested_day < \(cut.ledgerDay) AND (\(library)::text IS NULL OR library = \(library)))
                """)
            let files = try link.execute(
                "DELETE FROM ingested_files WHERE last_ingested_day < \(cut.ledgerDay) AND (\(library)::text IS NULL OR library = \(library))")
            return [
                (PostgresCirculationSchema.hourlyCounters, counters), (PostgresCirculationSchema.itemMonthlyCounts, items),
                (PostgresCirculationSchema.rawEvents, raw), (PostgresCirculationSchema.ingestedFiles, files),
                (PostgresCirculationSchema.ingestedMalformedLines, malformed),
            ]
        }
        try scrub()
        return PurgeSummary(
            deleted: deleted,
            cutoffs: [
                (PostgresCirculationSchema.hourlyCounters, cut.countersDay), (PostgresCirculationSchema.itemMonthlyCounts, cut.itemsMonth),
                (PostgresCirculationSchema.rawEvents, cut.rawDay), (PostgresCirculationSchema.ingestedFiles, cut.ledgerDay),
                (PostgresCirculationSchema.ingestedMalformedLines, cut.ledgerDay),
            ])
    }

    /// Rewrites every data table into new files (the old ones are unlinked), then asks for a
    /// checkpoint. VACUUM runs outside any transaction.
    func scrub() throws(StoreError) {
        // Deleted rows that an earlier snapshot could still see would be copied, not dropped.
        do { try session.waitForEarlierTransactions() } catch {
            throw Self.storeError(error, location: location, doing: "wait for earlier transactions before vacuum")
        }
        try read("vacuum") { link in
            try link.execute(PostgresQuery(unsafeSQL: "VACUUM (FULL) " + PostgresCirculationSchema.dataTables.joined(separator: ", ")))
            do {
                try link.execute("CHECKPOINT")
            } catch where PostgresStoreError.sqlState(of: error) == "42501" {
                // Only a superuser (or pg_checkpoint) may: the server's own checkpoint follows
                // within checkpoint_timeout.
            }
        }
    }

    public func inventory(settings: SiteSettings?, today: CivilDate?) throws(StoreError) -> [TableInventory] {
        let library = self.library
        return try read("inventory") { link in
            func summary(_ table: String, _ oldest: String, libraryColumn: String = "library") throws -> (Int, String) {
                let row = try link.query(
                    """
                    SELECT count(*), \(unescaped: oldest) FROM \(unescaped: table)
                    WHERE (\(library)::text IS NULL OR \(unescaped: libraryColumn) = \(library))
                    """
                ).first
                guard let row else { return (0, "") }
                let (count, first) = try row.decode((Int, String?).self)
                return (count, first ?? "")
            }
            let (counters, countersOldest) = try summary("hourly_counters", "min(day)")
            let (items, itemsOldest) = try summary("item_monthly_counts", "min(month)")
            let (raw, rawOldest) = try summary("raw_events", "min(day)")
            let (files, filesOldest) = try summary("ingested_files", "min(last_ingested_day)")
            let (malformed, malformedOldest) = try summary(
                "ingested_malformed_lines m JOIN ingested_files f ON f.id = m.file_id", "min(f.last_ingested_day)",
                libraryColumn: "m.library")
            return CirculationTableInventory.tables(
                counters: (counters, countersOldest), items: (items, itemsOldest), raw: (raw, rawOldest), files: (files, filesOldest),
                malformed: (malformed, malformedOldest), settings: settings, today: today)
        }
    }

    /// Every value of every data table (of this library, or all), read through a server-side
    /// cursor in slices: text as its UTF-8 bytes, integers from 1,000,000 up in decimal (a card
    /// number kept as a number would be found so; small integers are counts).
    public func visitStoredValues(
        _ visit: (_ table: String, _ column: String, _ value: UnsafeRawBufferPointer) -> Void
    ) throws(StoreError) {
        let library = self.library
        try write("scan") { link in
            for table in PostgresCirculationSchema.dataTables {
                let columns = try link.query(
                    """
                    SELECT column_name::text, data_type::text FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = \(table) ORDER BY ordinal_position
                    """
                ).map { try $0.decode((String, String).self) }
                let numeric = columns.map { ["bigint", "integer", "smallint", "numeric"].contains($0.1) }
                let select = columns.map { "\"\($0.0)\"::text" }.joined(separator: ", ")
                try link.execute(
                    """
                    DECLARE audit_scan NO SCROLL CURSOR FOR SELECT \(unescaped: select) FROM \(unescaped: table)
                    WHERE (\(library)::text IS NULL OR library = \(library))
                    """)
                while true {
                    let rows = try link.query("FETCH 10000 FROM audit_scan")
                    if rows.isEmpty { break }
                    for row in rows {
                        for (index, cell) in row.enumerated() {
                            guard let bytes = cell.bytes else { continue }
                            if numeric[index] {
                                let text = String(buffer: bytes)
                                guard let number = Int(text), number >= 1_000_000 else { continue }
                            }
                            bytes.withUnsafeReadableBytes { visit(table, columns[index].0, $0) }
                        }
                    }
                }
                try link.execute("CLOSE audit_scan")
            }
        }
    }
}
