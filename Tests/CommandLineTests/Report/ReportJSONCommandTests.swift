import CirculationFixtures
import Foundation
import TestSupport
import Testing

/// Every `rfid-report` command's `--json` through the real binary: the documented keys and
/// values, the documented exit statuses, and no patron data in any document.
@Suite("rfid-report --json")
struct ReportJSONCommandTests {
    /// A temporary directory with a small SIP2 log (one malformed line, one item withheld as a
    /// card number) and a store path.
    struct Site {
        let dir: String
        var log: String { dir + "/sc.log" }
        var database: String { dir + "/circulation.sqlite" }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Self.logText.write(toFile: log, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: dir) }

        static let patronCard = "23529000035676"
        /// Line 1: a checkout; line 2: malformed; line 3: a checkout of a "card number" item
        /// (withheld, still counted); line 4: a checkin.
        static let logText = """
            2026-03-14T10:00:00 121NNY20260314    100000AOMAIN|AA\(patronCard)|AB36643702254827|AJTitle|CK001|
            2026-03-14T10:05:00 12garbage line with no fields
            2026-03-14T10:10:00 121NNY20260314    101000AOMAIN|AA\(patronCard)|AB\(patronCard)|CK001|
            2026-03-14T11:00:00 101YNN20260314    110000AOMAIN|AB36643702254827|CK001|

            """
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("ingest --json states per file the lines, the counted transactions, the malformed line by number and reason, and what was withheld; exit 65")
    func ingestJSON() throws {
        let site = try Site()
        defer { site.remove() }
        let run = try RunTool.run(
            "rfid-report", ["ingest", site.log, "--database", site.database, "--today", "2026-03-20", "--json"])
        #expect(run.status == 65, "\(run.stderr)")
        let doc = try object(run.stdout)
        #expect(doc["exitStatus"] as? Int == 65)
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file["file"] as? String == site.log)
        #expect(file["status"] as? String == "counted")
        #expect(file["lines"] as? Int == 4)
        #expect(file["counted"] as? Int == 3)
        let malformed = try #require(file["malformed"] as? [String: Any])
        #expect(malformed["count"] as? Int == 1)
        let first = try #require((malformed["first"] as? [[String: Any]])?.first)
        #expect(first["line"] as? Int == 2)
        #expect((first["reason"] as? String)?.isEmpty == false)
        let withheld = try #require(file["withheld"] as? [String: Any])
        #expect(withheld["items"] as? Int == 1)
        let warnings = try #require(file["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["line"] as? Int == 3 && $0["field"] as? String == "AB" })
        let total = try #require(doc["total"] as? [String: Any])
        #expect(total["counted"] as? Int == 3)
        #expect(total["malformed"] as? Int == 1)
        #expect(!run.stdout.contains(Site.patronCard) && !run.stderr.contains(Site.patronCard))
        #expect(!run.stdout.contains("garbage"), "a problem names line and reason, never the line's content")
    }

    @Test("ingest --json of a clean log exits 0; a missing file is a failed entry with its exit status 74")
    func ingestJSONStatuses() throws {
        let site = try Site()
        defer { site.remove() }
        let clean = site.dir + "/clean.log"
        try "2026-03-14T11:00:00 101YNN20260314    110000AOMAIN|AB36643702254827|CK001|\n"
            .write(toFile: clean, atomically: true, encoding: .utf8)
        let ok = try RunTool.run("rfid-report", ["ingest", clean, "--database", site.database, "--today", "2026-03-20", "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try object(ok.stdout)["exitStatus"] as? Int == 0)

        let missing = site.dir + "/none.log"
        let failed = try RunTool.run("rfid-report", ["ingest", missing, "--database", site.database, "--json"])
        #expect(failed.status == 74)
        let file = try #require((try object(failed.stdout)["files"] as? [[String: Any]])?.first)
        #expect(file["status"] as? String == "failed")
        #expect((file["error"] as? [String: Any])?["exitStatus"] as? Int == 74)
    }

    @Test("ingest - counts a log piped into standard input, once however often it is piped, and leaves no copy beside the store")
    func ingestStandardInput() throws {
        let site = try Site()
        defer { site.remove() }
        let arguments = ["ingest", "-", "--database", site.database, "--today", "2026-03-20", "--json"]
        let first = try RunTool.run("rfid-report", arguments, stdin: Site.logText)
        #expect(first.status == 65, "\(first.stderr)")
        let file = try #require((try object(first.stdout)["files"] as? [[String: Any]])?.first)
        #expect(file["file"] as? String == "(standard input)")
        #expect(file["counted"] as? Int == 3)
        #expect(first.stderr.contains("(standard input):2:"), "problems name standard input and the line: \(first.stderr)")

        let again = try RunTool.run("rfid-report", arguments, stdin: Site.logText)
        let second = try #require((try object(again.stdout)["files"] as? [[String: Any]])?.first)
        #expect(second["counted"] as? Int == 0, "the same log piped again counts nothing twice")
        let left = try FileManager.default.contentsOfDirectory(atPath: site.dir).filter { $0.contains("stdin") }
        #expect(left.isEmpty, "the private copy of standard input is removed: \(left)")
    }

    @Test("ingest - refuses a terminal on standard input with exit 64 and says to pipe a log")
    func ingestRefusesTerminal() throws {
        let site = try Site()
        defer { site.remove() }
        let tool = RunTool.path("rfid-report")
        let run = try Terminal.run("\(tool) ingest - --database \(site.database)")
        #expect(run.status == 64, "\(run.output)")
        #expect(run.output.contains("standard input is a terminal"))
        #expect(!FileManager.default.fileExists(atPath: site.database), "nothing is created before the refusal")
    }

    @Test("purge --json lists every table with the records deleted and the cut-off date")
    func purgeJSON() throws {
        let site = try Site()
        defer { site.remove() }
        _ = try RunTool.run("rfid-report", ["ingest", site.log, "--database", site.database, "--today", "2026-03-20"])
        let run = try RunTool.run("rfid-report", ["purge", "--database", site.database, "--today", "2028-06-15", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try object(run.stdout)
        #expect(doc["store"] as? String == site.database)
        #expect(doc["vacuumed"] as? Bool == true)
        let tables = try #require(doc["tables"] as? [[String: Any]])
        let counters = try #require(tables.first { $0["table"] as? String == "hourly_counters" })
        #expect((counters["deleted"] as? Int ?? 0) > 0, "2026-03 is beyond 24 months before 2028-06")
        #expect(counters["before"] as? String == "2026-06-01")
        #expect(tables.allSatisfy { $0["deleted"] is Int && $0["before"] is String })
    }

    @Test("audit --json: inventory, files scanned and findings that say where, never what; exit 77 on a finding, 0 when clean")
    func auditJSON() throws {
        let site = try Site()
        defer { site.remove() }
        _ = try RunTool.run("rfid-report", ["ingest", site.log, "--database", site.database, "--today", "2026-03-20"])
        let clean = try RunTool.run("rfid-report", ["audit", "--database", site.database, "--today", "2026-03-20", "--json"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let doc = try object(clean.stdout)
        #expect(doc["clean"] as? Bool == true)
        #expect((doc["findings"] as? [Any])?.isEmpty == true)
        let inventory = try #require(doc["inventory"] as? [[String: Any]])
        #expect(inventory.contains { $0["table"] as? String == "hourly_counters" && $0["records"] as? Int == 2 })
        let scanned = try #require(doc["filesScanned"] as? [[String: Any]])
        #expect(scanned.contains { $0["file"] as? String == site.database && ($0["bytes"] as? Int ?? 0) > 0 })

        // An identifier the library supplies (here an item barcode that is in the store) is found.
        let identifiers = site.dir + "/ids.txt"
        try "36643702254827\n".write(toFile: identifiers, atomically: true, encoding: .utf8)
        let found = try RunTool.run(
            "rfid-report", ["audit", "--database", site.database, "--today", "2026-03-20", "--identifiers", identifiers, "--json"])
        #expect(found.status == 77, "\(found.stderr)")
        let findings = try #require(try object(found.stdout)["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["identifierLine"] as? Int == 1 || $0["kind"] as? String != "identifier" })
        #expect(!found.stdout.contains("36643702254827"), "a finding never quotes what it found")
    }

    @Test("monthly --json with --out prints month, format, file and the suppressed count; without --out it is a usage error (64)")
    func monthlyJSON() throws {
        let site = try Site()
        defer { site.remove() }
        _ = try RunTool.run("rfid-report", ["ingest", site.log, "--database", site.database, "--today", "2026-03-20"])
        let out = site.dir + "/reports"
        let run = try RunTool.run(
            "rfid-report",
            ["monthly", "--month", "2026-03", "--format", "csv", "--out", out, "--database", site.database, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try object(run.stdout)
        #expect(doc["month"] as? String == "2026-03")
        #expect(doc["format"] as? String == "csv")
        #expect(doc["file"] as? String == out + "/circulation-2026-03.csv")
        #expect(doc["threshold"] as? Int == 5)
        // Three transactions: every non-zero figure is below the threshold, so some are hidden.
        #expect((doc["suppressed"] as? Int ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: out + "/circulation-2026-03.csv"))

        let noOut = try RunTool.run("rfid-report", ["monthly", "--month", "2026-03", "--database", site.database, "--json"])
        #expect(noOut.status == 64)
        #expect(noOut.stderr.contains("--format json"))
    }
}
