import CirculationFixtures
import CirculationLog
import Foundation
import Testing

/// The tools as a library runs them: `rfid-report ingest` on a generated SIP2 log, then
/// `rfid-report monthly`, compared with the generator's exact counts.
@Suite("rfid-report ingest then monthly")
struct ReportEndToEndCommandTests {
    @Test("the JSON report of an ingested log states the generator's exact totals and holds no patron identifier")
    func ingestThenMonthly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = SyntheticSIP2Log.Configuration()
        config.seed = 23
        config.transactions = 5_000
        let log = dir + "/selfcheck.log"
        let expected = try SyntheticSIP2Log(config).write(toPath: log)
        let database = dir + "/circulation.sqlite"

        let ingest = try ReportToolRunner.run("rfid-report", ["ingest", log, "--database", database])
        // 65: malformed lines were reported and skipped; every good line was counted.
        #expect(ingest.status == (expected.malformedLines > 0 ? 65 : 0), "\(ingest.stderr.suffix(300))")

        let outDir = dir + "/reports"
        var texts: [String] = []
        for format in ["json", "csv", "md", "html"] {
            let run = try ReportToolRunner.run(
                "rfid-report", ["monthly", "--month", "2026-03", "--format", format, "--out", outDir, "--database", database])
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
    }
}
