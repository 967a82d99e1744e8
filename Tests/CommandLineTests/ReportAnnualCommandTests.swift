import Foundation
import Testing

/// `rfid-report annual` as a library runs it at the year's end: a Koha statistics export
/// ingested through `rfid-report ingest`, then the survey's table from the real store, with
/// the site file's `[report]` tables.
@Suite("rfid-report annual")
struct ReportAnnualCommandTests {
    static let site = """
        [report.item_types]
        BK = { category = "books" }
        JBK = { category = "books", audience = "children" }
        DVD = { category = "video" }
        CD = { category = "audio" }

        [report.collections]
        FIC = { audience = "adult" }
        JFIC = { audience = "children" }
        YAFIC = { audience = "young-adult" }

        """

    /// Per month of FY2026 that has data: (type, item type, collection, how many rows).
    static let plan: [(month: String, rows: [(type: String, itemType: String, ccode: String, count: Int)])] = [
        ("2025-07", [("issue", "BK", "FIC", 10), ("issue", "DVD", "JFIC", 6), ("renew", "JBK", "", 7), ("issue", "XYZ", "YAFIC", 5), ("return", "BK", "FIC", 30)]),
        ("2025-08", [("issue", "BK", "FIC", 12), ("issue", "DVD", "JFIC", 8), ("renew", "JBK", "", 9), ("issue", "XYZ", "YAFIC", 6), ("issue", "CD", "FIC", 2)]),
        ("2025-09", [("issue", "BK", "FIC", 15), ("issue", "DVD", "JFIC", 5), ("renew", "JBK", "", 11), ("issue", "XYZ", "YAFIC", 7)]),
    ]

    static func kohaExport() -> String {
        var lines = ["datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode"]
        var item = 1000
        for (month, rows) in plan {
            for row in rows {
                for n in 0..<row.count {
                    item += 1
                    let day = 1 + n % 28
                    lines.append("\(month)-\(day < 10 ? "0" : "")\(day) 10:15:00,MAIN,0,\(row.type),,\(item),\(row.itemType),STACKS,48213,\(row.ccode)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the site file maps each code to (the test's own reading of `site`).
    static let categories = ["BK": "Books", "JBK": "Books", "DVD": "Video", "CD": "Audio"]
    static let audiences = ["JBK": "Children's", "FIC": "Adult", "JFIC": "Children's", "YAFIC": "Young Adult"]

    /// Circulation per month of the plan for one audience and category (nil: all).
    static func truth(audience: String?, category: String?) -> [Int] {
        plan.map { _, rows in
            rows.filter { row in
                guard row.type != "return" else { return false }
                let a = audiences[row.itemType] ?? audiences[row.ccode] ?? "Unknown audience"
                let c = categories[row.itemType] ?? "Miscellaneous"
                return (audience == nil || a == audience) && (category == nil || c == category)
            }.reduce(0) { $0 + $1.count }
        }
    }

    /// Each cell of a JSON row is suppressed (null) or the truth; the total likewise.
    static func expectPrinted(_ row: [String: Any], truth: [Int]) throws {
        let cells = try #require(row["cells"] as? [Any])
        #expect(cells.count == truth.count)
        for (cell, value) in zip(cells, truth) {
            if let printed = cell as? Int { #expect(printed == value, "\(row["label"] ?? "")") } else { #expect(value > 0) }
        }
        if let total = row["total"] as? Int { #expect(total == truth.reduce(0, +)) }
    }

    func workspace() throws -> (dir: String, database: String, site: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annual-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let site = dir + "/site.toml"
        try Self.site.write(toFile: site, atomically: true, encoding: .utf8)
        let export = dir + "/statistics.csv"
        try Self.kohaExport().write(toFile: export, atomically: true, encoding: .utf8)
        let database = dir + "/circulation.sqlite"
        let ingest = try ReportToolRunner.run(
            "rfid-report", ["ingest", "--format", "koha", export, "--database", database, "--config", site, "--today", "2026-08-01"])
        #expect(ingest.status == 0, "\(ingest.stderr.suffix(400))")
        return (dir, database, site)
    }

    @Test("JSON from a store filled through ingest: Koha item types mapped, audiences from collections, missing months said")
    func jsonFromIngestedStore() throws {
        let (dir, database, site) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try ReportToolRunner.run(
            "rfid-report",
            ["annual", "--fiscal-year", "2026", "--format", "json", "--database", database, "--config", site, "--today", "2026-08-01"])
        #expect(run.status == 0, "\(run.stderr)")
        // A year with months the store does not hold says so on standard error too.
        #expect(run.stderr.contains("FY2026 is incomplete, 9 of 12 months not in the table (no-counters: 2025-10"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["fiscalYear"] as? Int == 2026)
        #expect(object["complete"] as? Bool == false)
        let months = try #require(object["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        #expect(months.prefix(3).allSatisfy { $0["status"] as? String == "counted" })
        #expect(months.dropFirst(3).allSatisfy { $0["status"] as? String == "no-counters" })

        // Circulation = issues + renewals; the returns are not circulation. Every printed figure
        // is the truth computed from the plan; the 2 CDs of August are suppressed.
        let summary = try #require(object["byAudience"] as? [String: Any])
        #expect(summary["columns"] as? [String] == ["Jul 2025", "Aug 2025", "Sep 2025"])
        #expect(summary["grandTotal"] as? Int == Self.truth(audience: nil, category: nil).reduce(0, +))
        let rows = try #require(summary["rows"] as? [[String: Any]])
        #expect(rows.map { $0["label"] as? String } == ["Adult", "Children's", "Young Adult", "Unknown audience"])
        for (row, audience) in zip(rows, ["Adult", "Children's", "Young Adult", "Unknown audience"]) {
            try Self.expectPrinted(row, truth: Self.truth(audience: audience, category: nil))
        }
        for (id, audience) in [("adult", "Adult"), ("childrens", "Children's"), ("youngAdult", "Young Adult")] {
            let table = try #require(object[id] as? [String: Any])
            let categoryRows = try #require(table["rows"] as? [[String: Any]])
            for row in categoryRows {
                try Self.expectPrinted(row, truth: Self.truth(audience: audience, category: row["label"] as? String))
            }
        }
        // Koha's BK counts as Books (not Miscellaneous): the adult Books row is not all zero.
        let adult = try #require(object["adult"] as? [String: Any])
        let adultRows = try #require(adult["rows"] as? [[String: Any]])
        #expect(adultRows[0]["label"] as? String == "Books")
        #expect(try #require(adultRows[0]["cells"] as? [Any]).contains { $0 as? Int != 0 })
        // Its year total, 37, is not printed: August's monthly report hides its 12 adult books
        // (beside the 2 adult CDs), while July's 10 and September's 15 are printed in their
        // monthly reports, so a printed 37 would give the 12 away.
        #expect(adultRows[0]["total"] is NSNull)
        let audio = try #require(adultRows[1]["cells"] as? [Any])
        #expect(audio[1] is NSNull)
        // XYZ is the one unmapped item type, counted as Miscellaneous.
        let unmapped = try #require(object["unmappedItemTypes"] as? [String: Any])
        let unmappedRows = try #require(unmapped["rows"] as? [[String: Any]])
        #expect(unmappedRows.map { $0["label"] as? String } == ["XYZ"])
        #expect(!run.stdout.contains("48213"))
    }

    @Test("every format is written with --out, and --json describes the file written")
    func formats() throws {
        let (dir, database, site) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/reports"
        for format in ["md", "csv", "html"] {
            let run = try ReportToolRunner.run(
                "rfid-report",
                ["annual", "--fiscal-year", "2026", "--format", format, "--out", out, "--json", "--database", database, "--config", site,
                 "--today", "2026-08-01"])
            #expect(run.status == 0, "\(run.stderr)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(result["file"] as? String == out + "/circulation-FY2026.\(format)")
            #expect(result["complete"] as? Bool == false)
            let text = try String(contentsOfFile: out + "/circulation-FY2026.\(format)", encoding: .utf8)
            switch format {
            case "md":
                #expect(text.contains("| Oct 2025 | not available: the store holds no counters for this month"))
                #expect(text.contains("| **Total** | 28 | 37 | 38 | 103 |"))
            case "csv":
                #expect(text.contains("FY2026,months,2025-10,status,no-counters\r\n"))
                #expect(text.contains("FY2026,byAudience,Total,Total,103\r\n"))
            default:
                #expect(text.contains("<h1>State survey circulation FY2026</h1>"))
                #expect(text.contains("default-src 'none'"))
            }
        }
    }

    @Test("a fiscal year not written YYYY, or not begun, is a usage error (exit 64)")
    func badFiscalYear() throws {
        let bad = try ReportToolRunner.run("rfid-report", ["annual", "--fiscal-year", "2025-26", "--database", "/nonexistent/x"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("2026 for July 2025 to June 2026"))
        let (dir, database, site) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let future = try ReportToolRunner.run(
            "rfid-report", ["annual", "--fiscal-year", "2028", "--database", database, "--config", site, "--today", "2026-08-01"])
        #expect(future.status == 64)
        #expect(future.stderr.contains("FY2028 has not begun yet"))
    }
}
