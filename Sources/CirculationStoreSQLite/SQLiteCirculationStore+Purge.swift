import CirculationStore
import GRDB
import SQLiteSupport

extension SQLiteCirculationStore {
    /// Deletes expired records, then rewrites the file so that nothing deleted survives: secure
    /// delete zeroes the freed cells, VACUUM rebuilds the file without free pages, and a
    /// truncating checkpoint empties the WAL (privacy requirement P6).
    public func purge(_ settings: SiteSettings, today: CivilDate) throws(StoreError) -> PurgeSummary {
        let cut = RetentionCutoffs(settings: settings, today: today)
        let deleted = try write("purge") { db -> [(table: String, count: Int)] in
            try db.execute(sql: "DELETE FROM hourly_counters WHERE day < ?", arguments: [cut.countersDay])
            let counters = db.changesCount
            try db.execute(sql: "DELETE FROM item_monthly_counts WHERE month < ?", arguments: [cut.itemsMonth])
            let items = db.changesCount
            try db.execute(sql: "DELETE FROM raw_events WHERE day < ?", arguments: [cut.rawDay])
            let raw = db.changesCount
            // A file's malformed lines go with its ledger entry, first, so that they are counted
            // here whatever the connection's foreign-key setting (which would cascade).
            try db.execute(
                sql: """
                    DELETE FROM ingested_malformed_lines
                    WHERE file_id NOT IN (SELECT id FROM ingested_files WHERE last_ingested_day >= ?)
                    """, arguments: [cut.ledgerDay])
            let malformed = db.changesCount
            try db.execute(sql: "DELETE FROM ingested_files WHERE last_ingested_day < ?", arguments: [cut.ledgerDay])
            let files = db.changesCount
            return [
                (CirculationSchema.hourlyCounters, counters), (CirculationSchema.itemMonthlyCounts, items), (CirculationSchema.rawEvents, raw),
                (CirculationSchema.ingestedFiles, files), (CirculationSchema.ingestedMalformedLines, malformed),
            ]
        }
        try scrub()
        return PurgeSummary(
            deleted: deleted,
            cutoffs: [
                (CirculationSchema.hourlyCounters, cut.countersDay), (CirculationSchema.itemMonthlyCounts, cut.itemsMonth),
                (CirculationSchema.rawEvents, cut.rawDay), (CirculationSchema.ingestedFiles, cut.ledgerDay),
                (CirculationSchema.ingestedMalformedLines, cut.ledgerDay),
            ])
    }

    /// Rebuilds the database file and empties the WAL.
    func scrub() throws(StoreError) {
        try writeWithoutTransaction("vacuum") { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        // VACUUM and the checkpoint may have made SQLite create a companion file anew.
        do { try FilePermissions.restrict(databasePath: path) } catch { throw StoreError(error) }
    }
}
