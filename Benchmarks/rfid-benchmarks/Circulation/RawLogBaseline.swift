import CirculationFixtures
import Foundation

/// What an analyst would write instead of `rfid-report`: DuckDB reading the raw SIP2 log line by
/// line and taking it apart with regular expressions, into the same two tables the store keeps.
/// One expression (without capture groups, so RE2 runs it as a DFA) checks what ingest checks of
/// a line's form: an ISO-8601 timestamp and a space, a 2.00 checkout, checkin or renewal
/// response with ok = 1 (a refusal counts nothing), a valid transaction date, every field
/// framed by a 2-character code and a `|`, the `AY`/`AZ` trailer; so the malformed lines the
/// generator writes are not counted. A line it accepts has its fixed fields at fixed columns,
/// read with `substr`; each kept variable field is one `regexp_extract` starting with a literal
/// (`\|AO` over the fields behind a `|`), which RE2 finds by a byte search. It does not verify the
/// checksum (ingest counts a bad one by default anyway) and applies no allow-list (every
/// generated value passes them).
enum RawLogBaseline {
    static let line = #"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d "#
        + #"(?:12|10|30)1[YNU]{3}\d{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]).{4}(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"#
        + #"(?:[A-Z0-9]{2}[^|]*\|)*AY\dAZ[0-9A-F]{4}$"#

    struct Result {
        var totals: SyntheticMonth.Totals
        var counters: Int
        var items: Int
    }

    static func duckDB(log: String, directory: String) throws -> (MeasuredRun, Result) {
        let script = directory + "/baseline-duckdb-raw.py"
        let database = directory + "/baseline-raw.duckdb"
        try? FileManager.default.removeItem(atPath: database)
        let python = """
            import sys, duckdb
            log, db, pattern = sys.argv[1], sys.argv[2], sys.argv[3]
            con = duckdb.connect(db)
            con.execute("SET threads TO 2")
            # One VARCHAR per line: a delimiter and quote that never occur in a SIP2 log.
            con.execute(r\"\"\"CREATE TABLE events AS SELECT
                    substr(line, 27, 4) || '-' || substr(line, 31, 2) || '-' || substr(line, 33, 2) AS day,
                    CAST(substr(line, 39, 2) AS INTEGER) AS hour,
                    CASE substr(line, 21, 2) WHEN '12' THEN 'checkout' WHEN '10' THEN 'checkin' ELSE 'renewal' END AS action,
                    regexp_extract(f, '\\|AO([^|]*)\\|', 1) AS branch,
                    coalesce(nullif(regexp_extract(f, '\\|AQ([^|]*)\\|', 1), ''),
                             regexp_extract(f, '\\|AP([^|]*)\\|', 1)) AS location,
                    regexp_extract(f, '\\|CK([^|]*)\\|', 1) AS media_type,
                    regexp_extract(f, '\\|CR([^|]*)\\|', 1) AS collection,
                    'self-check' AS source,
                    regexp_extract(f, '\\|AB([^|]*)\\|', 1) AS item
                FROM (SELECT line, '|' || substr(line, 45) AS f
                      FROM read_csv(?, columns = {'line': 'VARCHAR'}, header = false, delim = '\"\"\" + chr(1) + r\"\"\"',
                                    quote = '', escape = '', auto_detect = false, max_line_size = 4194304))
                WHERE regexp_matches(line, ?)\"\"\", [log, pattern])
            con.execute("CREATE TABLE hourly_counters AS SELECT \(Baselines.dimensions), count(*) AS count FROM events GROUP BY ALL")
            con.execute("CREATE TABLE item_monthly_counts AS SELECT substr(day, 1, 7) AS month, item, count(*) AS count FROM events WHERE item <> '' GROUP BY ALL")
            con.execute("DROP TABLE events")
            for action, n in con.execute("SELECT action, sum(count) FROM hourly_counters GROUP BY action ORDER BY action").fetchall():
                print(f"{action}|{n}")
            print(f"counters|{con.execute('SELECT count(*) FROM hourly_counters').fetchone()[0]}")
            print(f"items|{con.execute('SELECT count(*) FROM item_monthly_counts').fetchone()[0]}")
            con.close()

            """
        try python.write(toFile: script, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run("python3", [script, log, database, line], in: directory)
        try? FileManager.default.removeItem(atPath: database)
        try? FileManager.default.removeItem(atPath: database + ".wal")
        var result = Result(totals: Baselines.parseTotals(run.stdout), counters: -1, items: -1)
        for row in run.stdout.split(separator: "\n") {
            let parts = row.split(separator: "|")
            guard parts.count == 2, let n = Int(parts[1]) else { continue }
            if parts[0] == "counters" { result.counters = n }
            if parts[0] == "items" { result.items = n }
        }
        return (run, result)
    }
}
