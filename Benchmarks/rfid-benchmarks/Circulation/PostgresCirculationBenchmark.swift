import CirculationFixtures
import CirculationReports
import CirculationStore
import CirculationStorePostgres
import Foundation
import PostgresNIO
import PostgresSupport

/// The circulation benchmark's PostgreSQL run: the same generated log ingested by
/// `rfid-report ingest --database URL` into a fresh database on the server `url` names (a
/// superuser's, as `scripts/with-postgres --durable` exports it), and the same report built from
/// it, beside the SQLite figures printed just before.
struct PostgresCirculationBenchmark {
    let url: String
    let log: String
    let directory: String
    let lines: Int
    let month: String
    let known: SyntheticMonth.Totals

    func run() throws {
        let server = try PostgresEndpoint.parse(url)
        let name = "rfid_bench_\(getpid())"
        let admin = try PostgresSession(endpoint: server)
        defer { admin.close() }
        try admin.withConnection("create the benchmark database") { link in
            try link.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        defer {
            _ = try? admin.withConnection("drop the benchmark database") { link in
                try link.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            }
        }
        var components = URLComponents(string: url)!
        components.path = "/" + name
        let database = components.string!
        let store = ["--database", database, "--library", "bench"]

        let tool = ReportBenchmark.siblingExecutable("rfid-report")
        let ingest = try ChildProcess.run(tool, ["ingest", log] + store, in: directory)
        // Exit 65: some lines were malformed, which the generated month has on purpose.
        guard ingest.status == 0 || ingest.status == 65 else {
            let reason = ingest.stderr.split(separator: "\n").first.map(String.init) ?? "exit \(ingest.status)"
            print("  postgres ingest: rfid-report ingest   failed (exit \(ingest.status): \(reason))")
            return
        }
        print(ReportBenchmark.row("postgres ingest: rfid-report ingest", ingest.seconds, lines: lines, peak: ingest.peakMegabytes,
            note: "client process; the server's work is in the time, not the peak"))

        var endpoint = server
        endpoint.database = name
        let clock = ContinuousClock()
        var best = Double.infinity
        var report: MonthlyReport?
        for _ in 0..<3 {
            let elapsed = try clock.measure {
                let opened = try PostgresCirculationStore(endpoint: endpoint, scope: .library("bench"), mode: .mustExist)
                let built = try MonthlyReportBuilder().build(month: ReportMonth(month), from: opened)
                for format in ReportFormat.allCases { _ = format.render(built) }
                report = built
            }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let reported = SyntheticMonth.Totals(
            checkouts: report?.totals.checkouts.value ?? -1, checkins: report?.totals.checkins.value ?? -1,
            renewals: report?.totals.renewals.value ?? -1)
        print(ReportBenchmark.row("postgres report: build + 4 formats", best, note: "aggregated in SQL; " + ReportBenchmark.check(reported, known)))
        let network = try clock.measure {
            let opened = try PostgresCirculationStore(endpoint: endpoint, scope: .network, mode: .mustExist)
            _ = try MonthlyReportBuilder().build(month: ReportMonth(month), from: opened)
        }
        print(ReportBenchmark.row("postgres report: --network (one library)", Double(network.components.seconds)
            + Double(network.components.attoseconds) / 1e18, note: "branches named library/branch"))
        let cli = try ChildProcess.run(tool, ["monthly", "--month", month, "--format", "html"] + store, in: directory)
        print(ReportBenchmark.row("postgres report: monthly --format html", cli.seconds, peak: cli.peakMegabytes,
            note: cli.status == 0 ? "whole process" : "failed: exit \(cli.status)"))
    }
}
