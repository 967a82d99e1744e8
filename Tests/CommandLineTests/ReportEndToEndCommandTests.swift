import CirculationFixtures
import CirculationLog
import Foundation
import PostgresTestSupport
import Testing

/// The tools as a library runs them: `rfid-report ingest` on a generated SIP2 log, then
/// `rfid-report monthly`, compared with the generator's exact counts, on SQLite and on PostgreSQL
/// (then `purge` and `audit` too, the network's way: `--database URL --library ID`).
@Suite("rfid-report ingest then monthly")
struct ReportEndToEndCommandTests {
    static var engines: [String] { PostgresTestServer.enabled ? ["sqlite", "postgres"] : ["sqlite"] }

    @Test("the JSON report of an ingested log states the generator's exact totals and holds no patron identifier", arguments: engines)
    func ingestThenMonthly(engine: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = SyntheticSIP2Log.Configuration()
        config.seed = 23
        config.transactions = 5_000
        let log = dir + "/selfcheck.log"
        let expected = try SyntheticSIP2Log(config).write(toPath: log)
        let postgres = engine == "postgres" ? try PostgresTestServer.freshDatabase() : nil
        let store = postgres.map { ["--database", $0.url, "--library", "branch-7"] } ?? ["--database", dir + "/circulation.sqlite"]

        let ingest = try ReportToolRunner.run("rfid-report", ["ingest", log] + store)
        // 65: malformed lines were reported and skipped; every good line was counted.
        #expect(ingest.status == (expected.malformedLines > 0 ? 65 : 0), "\(ingest.stderr.suffix(300))")

        let outDir = dir + "/reports"
        var texts: [String] = []
        for format in ["json", "csv", "md", "html"] {
            let run = try ReportToolRunner.run(
                "rfid-report", ["monthly", "--month", "2026-03", "--format", format, "--out", outDir] + store)
            #expect(run.status == 0, "\(run.stderr)")
            texts.append(try String(contentsOfFile: outDir + "/circulation-2026-03.\(format)", encoding: .utf8))
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(texts[0].utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["checkouts"] as? Int == expected.total(.checkout, countingBadChecksums: true))
        #expect(totals["checkins"] as? Int == expected.total(.checkin, countingBadChecksums: true))
        #expect(totals["renewals"] as? Int == expected.total(.renewal, countingBadChecksums: true))
        for text in texts {
            for identifier in expected.patronIdentifiers where identifier.count >= 4 {
                #expect(!text.contains(identifier), "a report contains a patron identifier")
            }
        }
        // The state survey's fiscal-year table reads the same store (aggregated in the database
        // on PostgreSQL): March is counted, circulation is checkouts and renewals, and the other
        // months are said to be missing, never shown as zeros.
        var annualScopes = [store]
        if let postgres { annualScopes.append(["--database", postgres.url, "--network"]) }
        for scope in annualScopes {
            let annual = try ReportToolRunner.run("rfid-report", ["annual", "--fiscal-year", "2026", "--format", "json", "--today", "2026-12-06"] + scope)
            #expect(annual.status == 0, "\(annual.stderr)")
            let year = try #require(try JSONSerialization.jsonObject(with: Data(annual.stdout.utf8)) as? [String: Any])
            let months = try #require(year["months"] as? [[String: Any]])
            #expect(months.filter { $0["status"] as? String == "counted" }.map { $0["month"] as? String } == ["2026-03"])
            #expect(year["complete"] as? Bool == false)
            let byAudience = try #require(year["byAudience"] as? [String: Any])
            #expect(
                byAudience["grandTotal"] as? Int
                    == expected.total(.checkout, countingBadChecksums: true) + expected.total(.renewal, countingBadChecksums: true))
            for identifier in expected.patronIdentifiers where identifier.count >= 4 {
                #expect(!annual.stdout.contains(identifier), "the annual table contains a patron identifier")
            }
        }

            // Purge and audit on the same store: a year on, the per-item counts are past retention.
        let audit = try ReportToolRunner.run("rfid-report", ["audit", "--today", "2027-05-01"] + store)
        #expect(audit.status == 77, "\(audit.stderr)")
        #expect(audit.stdout.contains("FINDING: table item_monthly_counts: records from 2026-03 are older than the retention limit"))
        let purge = try ReportToolRunner.run("rfid-report", ["purge", "--today", "2027-05-01", "--json"] + store)
        #expect(purge.status == 0, "\(purge.stderr)")
        let purged = try #require(try JSONSerialization.jsonObject(with: Data(purge.stdout.utf8)) as? [String: Any])
        let tables = try #require(purged["tables"] as? [[String: Any]])
        #expect(tables.first { $0["table"] as? String == "item_monthly_counts" }?["deleted"] as? Int ?? 0 > 0)
        let after = try ReportToolRunner.run("rfid-report", ["audit", "--today", "2027-05-01"] + store)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        if let postgres {
            // Another library of the same database has nothing: its rows are its own.
            let other = try ReportToolRunner.run(
                "rfid-report", ["monthly", "--month", "2026-03", "--format", "json", "--database", postgres.url, "--library", "elsewhere"])
            let otherTotals = try #require(try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])["totals"]
            #expect((otherTotals as? [String: Any])?["all"] as? Int == 0, "\(other.stdout.prefix(300))")
        }
    }
}
