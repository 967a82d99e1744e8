import CirculationFixtures
import Foundation
import TestSupport
import Testing

/// `ingest` shows a progress bar to a person at a terminal and nothing but plain lines to a
/// pipeline, a cron mail or the journal.
@Suite("rfid-report ingest progress")
struct IngestProgressTests {
    func log(in dir: String) throws -> String {
        var config = SyntheticSIP2Log.Configuration()
        config.seed = 7
        config.transactions = 3_000
        let path = dir + "/selfcheck.log"
        _ = try SyntheticSIP2Log(config).write(toPath: path)
        return path
    }

    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("in a pipeline nothing but plain text is printed: no carriage return, no escape sequence")
    func quietInPipeline() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try RunTool.run("rfid-report", ["ingest", try log(in: dir), "--database", dir + "/c.sqlite"])
        #expect(run.status == 0 || run.status == 65, "\(run.stderr)")
        #expect(run.stdout.contains("transactions counted"))
        let control = (run.stdout + run.stderr).unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
        #expect(control.isEmpty, "control characters: \(control.map { $0.value })")
    }

    @Test(
        "on a terminal a bar with percentage, rate and ETA is drawn, then cleared for the summary line",
        .enabled(if: Terminal.available, "util-linux script (/usr/bin/script) is not installed, so no terminal can be given"))
    func barOnTerminal() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let command = "\(RunTool.path("rfid-report")) ingest \(try log(in: dir)) --database \(dir)/c.sqlite"
        let run = try Terminal.run(command)
        #expect(run.status == 0 || run.status == 65, "\(run.output)")
        #expect(run.output.contains("selfcheck.log [#"), "\(run.output.prefix(400))")
        #expect(run.output.contains("100%"))
        #expect(run.output.contains("/s  ETA"))
        #expect(run.output.contains("\r\u{1B}[K"), "the bar is cleared before the summary")
        #expect(run.output.contains("transactions counted"))
    }
}
