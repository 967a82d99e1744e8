import CirculationLog
import CirculationStore
import Foundation
import Testing

@testable import CirculationReports

@Suite("Report renderers")
struct RendererTests {
    /// A month with a suppressed cell and labels that are hostile in every format.
    func sampleReport() throws -> MonthlyReport {
        let store = InMemoryStore(
            rows: [
                .make("2026-11-02", 10, .checkout, branch: "<script>alert(1)</script>", count: 120),
                .make("2026-11-02", 10, .checkout, branch: "=HYPERLINK(\"x\")", count: 60),
                .make("2026-11-03", 11, .renewal, branch: "A|B, \"quoted\"", count: 2),
                .make("2026-11-03", 12, .checkin, branch: "A|B, \"quoted\"", count: 100),
            ],
            items: [ItemCount(item: "31234000000017", count: 12)],
            gates: [NamedCount(name: "front", count: 14)])
        return try MonthlyReportBuilder(threshold: 5).build(month: ReportMonth("2026-11"), from: store)
    }

    @Test("JSON names the action totals checkouts, checkins, renewals and prints suppressed figures as null")
    func json() throws {
        let text = ReportFormat.json.render(try sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["month"] as? String == "2026-11")
        #expect(object["suppressionThreshold"] as? Int == 5)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["checkouts"] as? Int == 180)
        #expect(totals["renewals"] is NSNull)
        #expect(Set(totals.keys) == ["checkouts", "checkins", "renewals", "all"])
        let hours = try #require(object["hourByWeekday"] as? [String: Any])
        #expect((hours["rows"] as? [Any])?.count == 24)
        let items = try #require((object["mostCirculated"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.first?["item"] as? String == "31234000000017")
    }

    @Test("JSON output is byte-identical for the same data")
    func jsonStable() throws {
        #expect(ReportFormat.json.render(try sampleReport()) == ReportFormat.json.render(try sampleReport()))
    }

    @Test("CSV is one long table, quotes commas and quotes, and defuses spreadsheet formulas")
    func csv() throws {
        let text = ReportFormat.csv.render(try sampleReport())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "month,report,row,column,value")
        #expect(lines.contains("2026-11,totals,checkouts,count,180"))
        #expect(lines.contains("2026-11,totals,renewals,count,suppressed"))
        #expect(text.contains("\"A|B, \"\"quoted\"\"\""))
        #expect(text.contains("'=HYPERLINK"))
        #expect(!text.contains(",=HYPERLINK"))
    }

    @Test("Markdown tables escape pipes in labels so a branch code cannot add a column")
    func markdown() throws {
        let text = ReportFormat.md.render(try sampleReport())
        #expect(text.contains("A\\|B"))
        #expect(text.contains("| Renewals | s |"))
        for line in text.split(separator: "\n") where line.hasPrefix("| Self-check") {
            #expect(line.filter { $0 == "|" }.count == 6)
        }
    }

    @Test("HTML is one self-contained printable file: inline SVG charts, no script, no external resource")
    func html() throws {
        let text = ReportFormat.html.render(try sampleReport())
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("<svg"))
        #expect(text.contains("@media print"))
        #expect(!text.contains("<script"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for forbidden in ["src=", "href=", "<link", "@import", "url(http", "<iframe", "<object"] {
            #expect(!text.contains(forbidden), "found \(forbidden)")
        }
        // The only URL is the SVG namespace, which browsers never fetch.
        let urls = text.components(separatedBy: "://").dropFirst().map { $0.prefix(20) }
        #expect(!urls.isEmpty && urls.allSatisfy { $0 == "www.w3.org/2000/svg\"" })
    }

    @Test("each chart states its natural size, so a browser does not stretch it (and its text) to the page")
    func chartsHaveTheirNaturalSize() throws {
        let text = ReportFormat.html.render(try sampleReport())
        let charts = text.components(separatedBy: "<svg class=\"chart\"").dropFirst()
        #expect(!charts.isEmpty)
        for chart in charts {
            let tag = String(chart.prefix { $0 != ">" })
            guard let box = tag.range(of: #"viewBox="0 0 (\d+) (\d+)""#, options: .regularExpression) else {
                Issue.record("a chart without a viewBox: \(tag)")
                continue
            }
            let size = tag[box].dropFirst("viewBox=\"0 0 ".count).dropLast().split(separator: " ")
            #expect(tag.contains("width=\"\(size[0])\"") && tag.contains("height=\"\(size[1])\""), "\(tag)")
        }
    }

    @Test("every format marks a suppressed figure and never prints its value")
    func suppressedValueNeverPrinted() throws {
        let report = try sampleReport()
        // The hidden renewals count is 2; make sure no rendering exposes it as the renewals figure.
        #expect(report.totals.renewals == .suppressed)
        for format in ReportFormat.allCases {
            let text = format.render(report)
            #expect(!text.contains("renewals,count,2"))
            #expect(!text.contains("\"renewals\": 2"))
            #expect(!text.contains("| Renewals | 2 |"))
            #expect(!text.contains("<th>Renewals</th><td>2</td>"))
        }
    }
}
