import ArgumentParser
import CirculationFixtures
import CirculationReports
import CirculationStore
import CirculationStoreSQLite
import Foundation

/// Ingest and report on a generated month of SIP2 traffic, beside the same aggregation done in
/// the same run by DuckDB straight from the raw log with regular expressions, and by the sqlite3
/// shell and DuckDB over the transactions pre-parsed to CSV.
/// Targets (issue 4): ingest >= 1 million lines/s, ingest peak memory < 256 MB, report < 1 s.
/// Issue 14: ingest + monthly report (two processes) at most DuckDB's time on the raw log
/// (target), and at most DuckDB's time on the CSV (stretch), peak memory < 256 MB.
struct ReportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circulation",
        abstract: "Ingest and monthly-report throughput on a generated month of SIP2 lines, with baselines.")

    @Option(help: "SIP2 lines to generate (requests and responses).")
    var lines = 10_000_000

    @Option(help: "Directory for the generated files (default: a new temporary directory, removed afterwards).")
    var workDirectory: String?

    @Flag(help: "Skip the DuckDB baselines (need `pip install duckdb`).")
    var skipDuckdb = false

    @Option(
        help: ArgumentHelp(
            "Also ingest and report on PostgreSQL: a superuser's URL (a fresh database is made and dropped). Default: $LIBRARYRFID_TEST_POSTGRES_URL, as scripts/with-postgres --durable sets it.",
            valueName: "URL"))
    var postgres: String?

    @Flag(help: "Skip the PostgreSQL run even when $LIBRARYRFID_TEST_POSTGRES_URL is set.")
    var skipPostgres = false

    @Flag(help: "After the PostgreSQL run, stop: no SQLite ingest, report or baselines (to measure PostgreSQL alone).")
    var postgresOnly = false

    @Flag(help: "Skip the sqlite3 shell's CSV import baseline (the slowest part of a run).")
    var skipSqlite = false

    func run() throws {
        let directory = workDirectory ?? NSTemporaryDirectory() + "rfid-circulation-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if workDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let log = directory + "/month.sip2.log"
        let csv = directory + "/month.events.csv"
        let store = directory + "/circulation.sqlite"
        for stale in [store, store + "-wal", store + "-shm"] { try? FileManager.default.removeItem(atPath: stale) }

        var month = SyntheticMonth()
        let clock = ContinuousClock()
        var known = SyntheticMonth.Totals()
        let generation = try clock.measure { known = try month.write(lines: lines, logPath: log, csvPath: csv) }
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        print("circulation benchmark: \(lines) SIP2 lines (\(String(format: "%.2f", Double(logBytes) / 1e9)) GB), month \(month.monthText)")
        print("  known counts: \(known)")
        print(Self.row("generate log + CSV", seconds(generation)))
        // The generated 1.5 GB are still being written back to disk; let that finish first, so
        // that the kernel's writeback does not run on the cores of whichever engine goes first.
        sync()

        print("  malformed lines: \(month.malformedLines) (\(String(format: "%.1f", 100 * Double(month.malformedLines) / Double(lines)))%)")
        if let url = skipPostgres ? nil : postgres ?? ProcessInfo.processInfo.environment["LIBRARYRFID_TEST_POSTGRES_URL"] {
            try PostgresCirculationBenchmark(
                url: url, log: log, directory: directory, lines: lines, month: month.monthText, known: known
            ).run()
        }
        if postgresOnly { return }
        let tool = Self.siblingExecutable("rfid-report")
        let ingest = try ChildProcess.run(tool, ["ingest", log, "--database", store, "--json"], in: directory)
        // Exit 65: some lines were malformed, which the generated month has on purpose.
        let ingested = ingest.status == 0 || ingest.status == 65
        var monthlyProcess: MeasuredRun?
        if ingested {
            let counted = Self.jsonTotal(ingest.stdout)
            let expected = known.checkouts + known.checkins + known.renewals
            let exact = counted?.counted == expected && counted?.malformed == month.malformedLines
            print(Self.row("ingest: rfid-report ingest", ingest.seconds, lines: lines, peak: ingest.peakMegabytes,
                note: String(format: "CPU %.2f s; ", ingest.cpuSeconds)
                    + (exact ? "counted and malformed exact" : "counted/malformed DIFFER: \(String(describing: counted))")))
            let monthly = try ChildProcess.run(
                tool, ["monthly", "--month", month.monthText, "--format", "html", "--database", store], in: directory)
            monthlyProcess = monthly
            print(Self.row("report: rfid-report monthly --format html", monthly.seconds, peak: monthly.peakMegabytes,
                note: monthly.status == 0 ? String(format: "CPU %.2f s; whole process", monthly.cpuSeconds) : "failed: exit \(monthly.status)"))
        } else {
            let reason = ingest.stderr.split(separator: "\n").first.map(String.init) ?? "exit \(ingest.status)"
            print("  ingest: rfid-report ingest          not available (exit \(ingest.status): \(reason))")
        }
        let ours = monthlyProcess.map { ingest.seconds + $0.seconds }
        if let ours, let monthlyProcess {
            print(Self.row("ours: ingest + monthly", ours, lines: lines, peak: max(ingest.peakMegabytes, monthlyProcess.peakMegabytes),
                note: String(format: "CPU %.2f s; target <= DuckDB raw, stretch <= DuckDB CSV, < 256 MB",
                    ingest.cpuSeconds + monthlyProcess.cpuSeconds)))
        }

        var duckRaw: MeasuredRun?
        var duckCSV: MeasuredRun?
        if !skipDuckdb {
            let (raw, rawResult) = try RawLogBaseline.duckDB(log: log, directory: directory)
            duckRaw = raw
            print(Self.row("baseline: DuckDB (python3), raw log", raw.seconds, lines: lines, peak: raw.peakMegabytes,
                note: raw.status == 0
                    ? String(format: "CPU %.2f s; ", raw.cpuSeconds) + Self.check(rawResult.totals, known)
                        + ", \(rawResult.counters) counters, \(rawResult.items) items"
                    : "failed: \(raw.stderr.suffix(300))"))
            let (duck, duckTotals) = try Baselines.duckDB(csv: csv, directory: directory)
            duckCSV = duck
            print(Self.row("baseline: DuckDB (python3), CSV", duck.seconds, lines: lines, peak: duck.peakMegabytes,
                note: duck.status == 0
                    ? String(format: "CPU %.2f s; ", duck.cpuSeconds) + Self.check(duckTotals, known)
                    : "failed: \(duck.stderr.suffix(200))"))
        }
        if !skipSqlite {
            let (sqlite, sqliteTotals) = try Baselines.sqliteShell(csv: csv, directory: directory)
            print(Self.row("baseline: sqlite3 shell, CSV", sqlite.seconds, lines: lines, peak: sqlite.peakMegabytes,
                note: sqlite.status == 0 ? Self.check(sqliteTotals, known) : "failed: exit \(sqlite.status)"))
        }
        if let ours {
            if let duckRaw, duckRaw.status == 0 {
                print(String(format: "  ratio: ours / DuckDB raw log     %6.2f  (target <= 1.00)", ours / duckRaw.seconds))
            }
            if let duckCSV, duckCSV.status == 0 {
                print(String(format: "  ratio: ours / DuckDB CSV         %6.2f  (stretch <= 1.00)", ours / duckCSV.seconds))
            }
        }
        var load = [Double](repeating: 0, count: 3)
        if getloadavg(&load, 3) == 3 {
            print(String(format: "  load average after the run: %.2f %.2f %.2f", load[0], load[1], load[2]))
        }

        guard ingested else { return }
        let filled = try SQLiteCirculationStore(path: store, mode: .mustExist)
        print("  store: \(try filled.counters(month: month.monthText).count) hourly counters, "
            + "\(try filled.itemCounts(month: month.monthText).count) items for the month")
        var best = Double.infinity
        var report: MonthlyReport? = nil
        for _ in 0..<3 {
            let elapsed = try clock.measure {
                let opened = try SQLiteCirculationStore(path: store, mode: .mustExist)
                let built = try MonthlyReportBuilder().build(month: ReportMonth(month.monthText), from: opened)
                for format in ReportFormat.allCases { _ = format.render(built) }
                report = built
            }
            best = min(best, seconds(elapsed))
        }
        let reported = SyntheticMonth.Totals(
            checkouts: report?.totals.checkouts.value ?? -1, checkins: report?.totals.checkins.value ?? -1,
            renewals: report?.totals.renewals.value ?? -1)
        print(Self.row("report: build + 4 formats, in process", best, note: "target < 1 s; " + Self.check(reported, known)))
        let queries = try Baselines.sqliteReportQueries(store: store, month: month.monthText, directory: directory)
        print(Self.row("baseline: sqlite3 shell, report queries", queries.seconds, peak: queries.peakMegabytes,
            note: "same GROUP BYs, no suppression or rendering"))
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func row(_ name: String, _ seconds: Double, lines: Int? = nil, peak: Double? = nil, note: String = "") -> String {
        var text = "  " + name.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%8.3f s", seconds)
        if let lines { text += String(format: "  %6.2fM lines/s", Double(lines) / seconds / 1e6) }
        if let peak { text += String(format: "  peak %7.1f MB", peak) }
        return note.isEmpty ? text : text + "  (" + note + ")"
    }

    /// The `total` of `rfid-report ingest --json`.
    static func jsonTotal(_ output: String) -> (counted: Int, malformed: Int)? {
        guard let data = output.data(using: .utf8),
            let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let total = document["total"] as? [String: Any],
            let counted = total["counted"] as? Int, let malformed = total["malformed"] as? Int
        else { return nil }
        return (counted, malformed)
    }

    static func check(_ got: SyntheticMonth.Totals, _ known: SyntheticMonth.Totals) -> String {
        got == known ? "totals exact" : "totals DIFFER: \(got)"
    }

    /// Tools are built into the same directory as this benchmark.
    static func siblingExecutable(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return (me as NSString).deletingLastPathComponent + "/" + name
    }
}
