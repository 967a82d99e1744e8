import CirculationFixtures
import Foundation

/// The same aggregation the store's ingest does (hourly counters and per-item monthly counts),
/// done by general-purpose engines over the transactions pre-parsed to CSV. They skip the SIP2
/// parsing entirely, so they are a generous yardstick for the ingest.
enum Baselines {
    static let columns = "day,hour,action,branch,location,media_type,collection,source,item"
    static let dimensions = "day, hour, action, branch, location, media_type, collection, source"

    static func sqliteShell(csv: String, directory: String) throws -> (MeasuredRun, SyntheticMonth.Totals) {
        let script = directory + "/baseline-sqlite.sql"
        let database = directory + "/baseline-sqlite.db"
        try? FileManager.default.removeItem(atPath: database)
        let sql = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE events (day TEXT, hour INTEGER, action TEXT, branch TEXT, location TEXT,
                media_type TEXT, collection TEXT, source TEXT, item TEXT);
            .mode csv
            .import --skip 1 \(csv) events
            CREATE TABLE hourly_counters AS SELECT \(dimensions), count(*) AS count FROM events GROUP BY \(dimensions);
            CREATE TABLE item_monthly_counts AS SELECT substr(day, 1, 7) AS month, item, count(*) AS count
                FROM events GROUP BY 1, 2;
            DROP TABLE events;
            .mode list
            SELECT action, sum(count) FROM hourly_counters GROUP BY action ORDER BY action;

            """
        try sql.write(toFile: script, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run("sqlite3", [database, ".read \(script)"], in: directory)
        try? FileManager.default.removeItem(atPath: database)
        try? FileManager.default.removeItem(atPath: database + "-wal")
        try? FileManager.default.removeItem(atPath: database + "-shm")
        return (run, parseTotals(run.stdout))
    }

    static func duckDB(csv: String, directory: String) throws -> (MeasuredRun, SyntheticMonth.Totals) {
        let script = directory + "/baseline-duckdb.py"
        let database = directory + "/baseline.duckdb"
        try? FileManager.default.removeItem(atPath: database)
        let python = """
            import sys, duckdb
            csv, db = sys.argv[1], sys.argv[2]
            con = duckdb.connect(db)
            con.execute("SET threads TO 2")
            con.execute(\"\"\"CREATE TABLE events AS SELECT * FROM read_csv(?, header = true, columns = {
                'day': 'VARCHAR', 'hour': 'INTEGER', 'action': 'VARCHAR', 'branch': 'VARCHAR', 'location': 'VARCHAR',
                'media_type': 'VARCHAR', 'collection': 'VARCHAR', 'source': 'VARCHAR', 'item': 'VARCHAR'})\"\"\", [csv])
            con.execute("CREATE TABLE hourly_counters AS SELECT \(dimensions), count(*) AS count FROM events GROUP BY ALL")
            con.execute("CREATE TABLE item_monthly_counts AS SELECT substr(day, 1, 7) AS month, item, count(*) AS count FROM events GROUP BY ALL")
            con.execute("DROP TABLE events")
            for action, n in con.execute("SELECT action, sum(count) FROM hourly_counters GROUP BY action ORDER BY action").fetchall():
                print(f"{action}|{n}")
            con.close()

            """
        try python.write(toFile: script, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run("python3", [script, csv, database], in: directory)
        try? FileManager.default.removeItem(atPath: database)
        try? FileManager.default.removeItem(atPath: database + ".wal")
        return (run, parseTotals(run.stdout))
    }

    /// The report's own aggregations, by the sqlite3 shell over the store the ingest filled.
    static func sqliteReportQueries(store: String, month: String, directory: String) throws -> MeasuredRun {
        let script = directory + "/baseline-report.sql"
        let range = "day >= '\(month)-' AND day < '\(month).'"
        let sql = """
            .mode list
            SELECT action, source, sum(count) FROM hourly_counters WHERE \(range) GROUP BY 1, 2;
            SELECT branch, media_type, sum(count) FROM hourly_counters WHERE \(range) AND action <> 'checkin' GROUP BY 1, 2;
            SELECT hour, strftime('%w', day), sum(count) FROM hourly_counters WHERE \(range) GROUP BY 1, 2;
            SELECT item, count FROM item_monthly_counts WHERE month = '\(month)' AND count >= 5
                ORDER BY count DESC, item LIMIT 20;

            """
        try sql.write(toFile: script, atomically: true, encoding: .utf8)
        return try ChildProcess.run("sqlite3", ["-readonly", store, ".read \(script)"], in: directory)
    }

    static func parseTotals(_ output: String) -> SyntheticMonth.Totals {
        var totals = SyntheticMonth.Totals()
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "|")
            guard parts.count == 2, let n = Int(parts[1]) else { continue }
            switch parts[0] {
            case "checkout": totals.checkouts = n
            case "checkin": totals.checkins = n
            case "renewal": totals.renewals = n
            default: break
            }
        }
        return totals
    }
}
