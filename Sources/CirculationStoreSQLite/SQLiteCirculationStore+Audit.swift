import CirculationStore
import GRDB

extension SQLiteCirculationStore {
    public func inventory(settings: SiteSettings?, today: CivilDate?) throws(StoreError) -> [TableInventory] {
        return try read("inventory") { db in
            func summary(_ table: String, _ oldestSQL: String) throws -> (Int, String) {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                let oldest = try String.fetchOne(db, sql: oldestSQL) ?? ""
                return (count, oldest)
            }
            let (counters, countersOldest) = try summary(CirculationSchema.hourlyCounters, "SELECT min(day) FROM hourly_counters")
            let (items, itemsOldest) = try summary(CirculationSchema.itemMonthlyCounts, "SELECT min(month) FROM item_monthly_counts")
            let (raw, rawOldest) = try summary(CirculationSchema.rawEvents, "SELECT min(day) FROM raw_events")
            let (files, filesOldest) = try summary(CirculationSchema.ingestedFiles, "SELECT min(last_ingested_day) FROM ingested_files")
            let (malformed, malformedOldest) = try summary(
                CirculationSchema.ingestedMalformedLines,
                "SELECT min(f.last_ingested_day) FROM ingested_malformed_lines m JOIN ingested_files f ON f.id = m.file_id")
            return CirculationTableInventory.tables(
                counters: (counters, countersOldest), items: (items, itemsOldest), raw: (raw, rawOldest), files: (files, filesOldest),
                malformed: (malformed, malformedOldest), settings: settings, today: today)
        }
    }

    public func visitStoredValues(
        _ visit: (_ table: String, _ column: String, _ value: UnsafeRawBufferPointer) -> Void
    ) throws(StoreError) {
        try read("scan") { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let statement = try db.makeStatement(sql: "SELECT * FROM \(quoted)")
                let columns = statement.columnNames
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    for (index, column) in columns.enumerated() {
                        switch (row[index] as DatabaseValue).storage {
                        case .string(var text):
                            text.withUTF8 { visit(table, column, UnsafeRawBufferPointer($0)) }
                        case .blob(let data):
                            data.withUnsafeBytes { visit(table, column, $0) }
                        case .int64(let number) where number >= 1_000_000:
                            // A card number kept as an integer (an export's column typed as a
                            // number) is found in its decimal form; small integers are counts.
                            var text = String(number)
                            text.withUTF8 { visit(table, column, UnsafeRawBufferPointer($0)) }
                        default:
                            break
                        }
                    }
                }
            }
        }
    }
}
