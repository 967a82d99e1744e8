import CirculationFixtures
import Foundation
import TestSupport
import Testing

/// The HTML monthly report as a browser shows it: it loads with no network request and no
/// console message, and its charts are drawn. Each check is first shown to catch a page built
/// to fail it, so a passing run means the report passed, not that the check saw nothing.
@Suite(
    "rfid-report monthly --format html in headless Chromium", .serialized,
    .enabled(if: HeadlessChromium.path != nil, "\(HeadlessChromium.skipReason)"))
struct HTMLReportBrowserTests {
    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A month's HTML report of a generated self-check log, through the real tools.
    func report(in dir: String) throws -> String {
        var config = SyntheticSIP2Log.Configuration()
        config.seed = 23
        config.transactions = 5_000
        let log = dir + "/selfcheck.log"
        _ = try SyntheticSIP2Log(config).write(toPath: log)
        let database = dir + "/circulation.sqlite"
        let ingest = try RunTool.run("rfid-report", ["ingest", log, "--database", database])
        #expect(ingest.status == 0 || ingest.status == 65, "\(ingest.stderr.suffix(300))")
        let monthly = try RunTool.run(
            "rfid-report", ["monthly", "--month", "2026-03", "--format", "html", "--out", dir, "--database", database])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        return dir + "/circulation-2026-03.html"
    }

    @Test("the detectors see a page's console message and its network request")
    func detectorsWork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/bad.html"
        try """
            <!doctype html><html><body><img src="http://report-test.invalid/x.png">
            <script>console.error("deliberate")</script></body></html>
            """.write(toFile: page, atomically: true, encoding: .utf8)
        let visit = try HeadlessChromium.visit(page, workDirectory: dir)
        #expect(visit.consoleMessages.contains { $0.contains("deliberate") }, "\(visit.consoleMessages)")
        #expect(visit.pageRequests.contains { $0.contains("report-test.invalid") }, "\(visit.pageRequests)")
    }

    @Test("the report loads with no network request and no console message, and holds its charts")
    func loadsCleanly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = try report(in: dir)
        let visit = try HeadlessChromium.visit(html, workDirectory: dir)
        #expect(visit.consoleMessages.isEmpty, "\(visit.consoleMessages)")
        #expect(visit.pageRequests.isEmpty, "\(visit.pageRequests)")
        #expect(visit.dom.contains("<svg"), "the charts are in the rendered page")
        #expect(visit.dom.contains("2026-03"))
    }

    @Test("the screenshot is a real picture: a PNG over 10 kB and much larger than a blank page's")
    func chartsAreVisible() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = try report(in: dir)
        let shot = try HeadlessChromium.screenshot(html, workDirectory: dir, name: "report")
        let blankPage = dir + "/blank.html"
        try "<!doctype html><html><body></body></html>".write(toFile: blankPage, atomically: true, encoding: .utf8)
        let blank = try HeadlessChromium.screenshot(blankPage, workDirectory: dir, name: "blank")
        #expect(shot.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(shot.count > 10_000, "\(shot.count) bytes")
        // The same window drawn empty compresses to almost nothing: text, tables and charts cannot.
        #expect(shot.count > blank.count * 5, "report \(shot.count) bytes, blank page \(blank.count) bytes")
    }
}
