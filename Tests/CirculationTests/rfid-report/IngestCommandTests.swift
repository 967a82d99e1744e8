import Foundation
import Testing

@Suite("rfid-report ingest, purge and audit on the command line", .serialized)
struct IngestCommandTests {
    @Test("ingest prints a summary per file and each problem as file:line, and exits 65 on malformed lines")
    func summaryAndProblems() throws {
        let dir = TemporaryDirectory("cli")
        let log = dir.write(
            "sc.log",
            """
            2026-03-01T10:00:00 121YUY20260301    100000AOMAIN|AA21234567890124|AB31234000056789|CK001|
            2026-03-01T10:00:01 12 patron Jane Doe 21234567890124
            941AY0AZFDFE

            """)
        let db = dir.file("store/c.sqlite")
        let r = try ReportCommand.run(["ingest", log, "--database", db])
        #expect(r.status == 65)
        #expect(
            r.stdout == "\(log): 3 lines read, 1 transactions counted, 1 other messages, 1 malformed, 1 bad checksums (0 skipped, 1 counted), 1 counted without their item (not an accepted item barcode)\n")
        // Column 23 is the ok flag of the 12 message (after the 20-character timestamp).
        #expect(
            r.stderr == """
                \(log):1: warning: field AB: not an item barcode the site's barcode policy accepts; the transaction is counted without its item (first of this file; the summary counts them all)
                \(log):2:23: error: the ok flag must be 0 or 1
                \(log):3: warning: field AZ: the checksum does not match the message

                """)
        #expect(!r.stderr.contains("Jane") && !r.stderr.contains("21234567890124"))
        let again = try ReportCommand.run(["ingest", log, "--database", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 lines read (after line 3, counted before)"))
    }

    @Test("an export first ingested as SIP2 (exit 65) is counted once by a re-run with the right format; a third run adds nothing")
    func rerunWithTheRightFormat() throws {
        let dir = TemporaryDirectory("cli")
        let export = dir.write(
            "circ.csv",
            """
            when;what;barcode
            2026-03-02 10:15:00;OUT;33191000105864
            2026-03-02 10:16:00;IN;33191000105864

            """)
        let mapping = dir.write(
            "m.json",
            #"{"delimiter": ";", "columns": {"time": "when", "action": "what", "item": "barcode"}, "actions": {"OUT": "checkout", "IN": "checkin"}}"#)
        let db = dir.file("c.sqlite")
        let first = try ReportCommand.run(["ingest", export, "--database", db, "--today", "2026-04-02"])
        #expect(first.status == 65)
        #expect(first.stdout == "\(export): 3 lines read, 0 transactions counted, 0 other messages, 3 malformed\n")
        let second = try ReportCommand.run(
            ["ingest", export, "--format", "csv", "--mapping", mapping, "--database", db, "--today", "2026-04-02"])
        #expect(second.status == 0)
        #expect(
            second.stdout
                == "\(export): 2 lines read (2 reported malformed by an earlier run, read again with this format; after line 3, counted before), 2 transactions counted, 0 other messages, 0 malformed\n")
        #expect(second.stderr == "")
        for format in [["--format", "csv", "--mapping", mapping], []] {
            let third = try ReportCommand.run(["ingest", export, "--database", db, "--today", "2026-04-02"] + format)
            #expect(third.status == 0)
            #expect(third.stdout.contains("0 lines read (after line 3, counted before), 0 transactions counted"))
        }
    }

    static let usageCases: [([String], Int32)] = [
        (["ingest", "x.log", "--format", "csv"], 64),
        (["ingest", "x.log", "--format", "koha", "--mapping", "m.json"], 64),
        (["ingest", "x.log", "--database", "postgres://u:secret@db/lib"], 64),
        (["purge", "--database", "/nonexistent/dir/c.sqlite"], 74),
        (["audit", "--database", "/nonexistent/dir/c.sqlite"], 74),
    ]

    @Test("wrong usage and unusable stores get their exit statuses", arguments: usageCases)
    func exitStatuses(arguments: [String], status: Int32) throws {
        let r = try ReportCommand.run(arguments)
        #expect(r.status == status)
        #expect(!r.stderr.contains("secret"))
    }

    @Test("the default store is under $LIBRARYRFID_DATA_DIR, and purge then audit run clean on it")
    func defaultLocation() throws {
        let dir = TemporaryDirectory("cli")
        let log = dir.write("sc.log", "121YUY20260301    100000AOMAIN|AB31234000056789|\n")
        var env = ProcessInfo.processInfo.environment
        env["LIBRARYRFID_DATA_DIR"] = dir.file("data")
        #expect(try ReportCommand.run(["ingest", log, "--today", "2026-03-05"], environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.file("data/circulation.sqlite")))
        let purge = try ReportCommand.run(["purge", "--today", "2026-03-05"], environment: env)
        #expect(purge.status == 0)
        #expect(purge.stdout.contains("hourly_counters: 0 records before 2024-03-01 deleted"))
        let audit = try ReportCommand.run(["audit", "--today", "2026-03-05"], environment: env)
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("hourly_counters (transaction counts per hour and dimensions): 1 records, oldest 2026-03-01"))
    }
}

@Suite("rfid-report audit: identifiers from a file, standard input only with -", .serialized)
struct AuditIdentifiersCommandTests {
    @Test("--identifiers FILE and --identifiers - search for names; without it standard input is never read")
    func identifiers() throws {
        let dir = TemporaryDirectory("cli")
        let log = dir.write("sc.log", "121YUY20260301    100000AOSMITH|AB33191000105864|\n")
        let db = dir.file("c.sqlite")
        #expect(try ReportCommand.run(["ingest", log, "--database", db, "--today", "2026-04-02"]).status == 0)
        let names = dir.write("names.txt", "Jane Doe\nSMITH\n")
        let fromFile = try ReportCommand.run(["audit", "--database", db, "--today", "2026-04-02", "--identifiers", names])
        #expect(fromFile.status == 77)
        #expect(fromFile.stdout.contains("holds the identifier on line 2 of the identifiers"))
        #expect(!fromFile.stdout.contains("SMITH\n") && !fromFile.stdout.contains("Jane"))
        let fromStdin = try ReportCommand.run(
            ["audit", "--database", db, "--today", "2026-04-02", "--identifiers", "-"], stdin: "SMITH\n")
        #expect(fromStdin.status == 77)
        // Standard input is a pipe here that nobody closes: without `-` the audit must not read it.
        let process = Process()
        process.executableURL = ReportCommand.binary
        process.arguments = ["audit", "--database", db, "--today", "2026-04-02"]
        let open = Pipe()
        process.standardInput = open
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        #expect(finished)
        #expect(process.terminationStatus == 0)
        try open.fileHandleForWriting.close()
    }
}
