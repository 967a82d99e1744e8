import Foundation
import Testing

@Suite("rfid-report: concurrent ingests and damaged counts", .serialized)
struct ConcurrentIngestCommandTests {
    /// Starts `rfid-report` without waiting for it.
    static func start(_ arguments: [String], errors: String) throws -> Process {
        let process = Process()
        process.executableURL = ReportCommand.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("the same new file ingested by two processes at once into a new store is counted once, and both succeed")
    func twoProcessesOneFile() throws {
        let dir = TemporaryDirectory("cli")
        let line = "121YUY20260301    100000AOMAIN|AB33191000105864|\n"
        let log = dir.write("sc.log", String(repeating: line, count: 40_000))
        let db = dir.file("store/c.sqlite")
        let arguments = ["ingest", log, "--database", db, "--today", "2026-04-02", "--batch-lines", "500"]
        let a = try Self.start(arguments, errors: dir.file("a.err"))
        let b = try Self.start(arguments, errors: dir.file("b.err"))
        a.waitUntilExit()
        b.waitUntilExit()
        let errors = ["a.err", "b.err"].map { String(decoding: FileManager.default.contents(atPath: dir.file($0)) ?? Data(), as: UTF8.self) }
        #expect(a.terminationStatus == 0, "\(errors[0])")
        #expect(b.terminationStatus == 0, "\(errors[1])")
        let report = try ReportCommand.run(["monthly", "--month", "2026-03", "--format", "json", "--database", db])
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["checkouts"] as? Int == 40_000)
    }

    @Test("a store whose counts overflow is reported as damaged (exit 65), never a crash")
    func overflowIsDamage() throws {
        let dir = TemporaryDirectory("cli")
        let line = "121YUY20260301    100000AOMAIN|AB33191000105864|\n121YUY20260301    110000AOMAIN|AB33191000105864|\n"
        let log = dir.write("sc.log", line)
        let db = dir.file("c.sqlite")
        #expect(try ReportCommand.run(["ingest", log, "--database", db, "--today", "2026-04-02"]).status == 0)
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = [db, "UPDATE hourly_counters SET count = 9223372036854775807"]
        try sql.run()
        sql.waitUntilExit()
        #expect(sql.terminationStatus == 0)
        let report = try ReportCommand.run(["monthly", "--month", "2026-03", "--database", db])
        #expect(report.status == 65)
        #expect(report.stderr.contains("damaged"))
    }
}
