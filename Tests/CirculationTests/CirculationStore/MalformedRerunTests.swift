import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import GRDB
import Testing

/// Lines reported malformed stay countable: the ledger keeps where they lie (never what they
/// say), and a later run with the right format or mapping reads exactly those bytes again.
@Suite("Malformed lines counted by a later run with the right format")
struct MalformedRerunTests {
    /// Koha's statistics export, six rows, every one a transaction.
    static let export = """
        datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r
        2026-03-02 10:15:00,MAIN,0,issue,,101,BK,ADULT,48213,FIC\r
        2026-03-02 10:45:59,MAIN,0,return,,101,BK,ADULT,48213,FIC\r
        2026-03-02 11:00:00,EAST,0,renew,,102,DVD,"AV, upstairs",99120,FILM\r
        2026-03-02 11:05:00,EAST,0,issue,,103,BK,REF,,REF\r
        2026-03-03 09:00:00,EAST,0,issue,,104,BK,REF,55555,REF\r
        2026-03-03 09:30:00,EAST,0,return,,104,BK,REF,55555,REF\r

        """

    struct Run {
        var summary: FileIngestSummary
        var issues: [LineIssue]
    }

    func ingest(_ path: String, into db: String, _ format: InputFormat, batchLines: Int = 1_000, keep: Int? = nil) throws -> Run {
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        var issues: [LineIssue] = []
        var options = StoreFixtures.options(format, batchLines: batchLines, allowLists: TestAllowLists.anyItem)
        if let keep { options.maxRecordedMalformedLines = keep }
        let summary = try Ingestor(store: store, options: options) { issues.append($0) }.ingest(path: path)
        return Run(summary: summary, issues: issues)
    }

    /// Waits for a lock (a store closing in a parallel test checkpoints) instead of failing.
    static var patient: Configuration {
        var c = Configuration()
        c.busyMode = .timeout(10)
        return c
    }

    func ingest(_ path: String, into db: TestStore, _ format: InputFormat, batchLines: Int = 1_000, keep: Int? = nil) throws -> Run {
        let store = try db.open()
        var issues: [LineIssue] = []
        var options = StoreFixtures.options(format, batchLines: batchLines, allowLists: TestAllowLists.anyItem)
        if let keep { options.maxRecordedMalformedLines = keep }
        let summary = try Ingestor(store: store, options: options) { issues.append($0) }.ingest(path: path)
        return Run(summary: summary, issues: issues)
    }

    func total(_ db: TestStore) throws -> Int {
        try db.open(.mustExist).counters(month: "2026-03").reduce(0) { $0 + $1.count }
    }

    /// Malformed lines the ledger records, as the store's inventory counts them.
    func recordedCount(_ db: TestStore) throws -> Int {
        try db.open(.mustExist).inventory(settings: nil, today: nil).first { $0.table == "ingested_malformed_lines" }?.records ?? -1
    }

    func total(_ db: String) throws -> Int {
        try SQLiteCirculationStore(path: db, mode: .mustExist).counters(month: "2026-03").reduce(0) { $0 + $1.count }
    }

    func recorded(_ db: String) throws -> [Row] {
        try DatabaseQueue(path: db, configuration: Self.patient).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ingested_malformed_lines ORDER BY byte_offset")
        }
    }

    @Test("a CSV export first ingested as SIP2 (all malformed) counts every row once as CSV; a third run counts nothing")
    func csvAfterSIP2() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("statistics.csv", Self.export)
        let db = dir.file("c.sqlite")

        let asSIP2 = try ingest(path, into: db, .sip2(.selfCheck))
        #expect(asSIP2.summary.malformed == 7)
        #expect(asSIP2.summary.transactions == 0)
        #expect(try total(db) == 0)
        // Positions only: offset, length, line and the reading, for the header and six rows.
        let rows = try recorded(db)
        #expect(rows.map { $0["line"] as Int } == Array(1...7))
        #expect(Set(rows.map { $0["reading"] as String }) == ["sip2"])
        #expect(rows.map { $0["byte_offset"] as Int + $0["byte_length"] as Int }.last == Self.export.utf8.count)

        let asCSV = try ingest(path, into: db, .csv(.koha))
        #expect(asCSV.summary.reread == 6)
        #expect(asCSV.summary.transactions == 6)
        #expect(asCSV.summary.malformed == 0)
        #expect(asCSV.summary.resumedAfterLine == 7)
        #expect(asCSV.summary.description.contains("6 lines read (6 reported malformed by an earlier run, read again with this format; after line 7, counted before)"))
        #expect(try total(db) == 6)
        #expect(try recorded(db).isEmpty)
        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        #expect(try StoreFixtures.items(store, month: "2026-03") == ["101": 2, "102": 1, "103": 1, "104": 2])

        for format in [InputFormat.csv(.koha), .sip2(.selfCheck)] {
            let again = try ingest(path, into: db, format)
            #expect(again.summary.lines == 0 && again.summary.reread == 0 && again.issues.isEmpty)
        }
        #expect(try total(db) == 6)
        // The borrower numbers were never stored, neither as counts nor in the ledger.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        for borrower in ["48213", "99120", "55555"] { #expect(bytes.range(of: Data(borrower.utf8)) == nil) }
    }

    @Test("a row still malformed under the new reading is reported again, kept, and not read again by the same reading")
    func stillMalformed() throws {
        let dir = TemporaryDirectory()
        // A transaction type the mapping does not know yet: malformed, so it is noticed.
        let path = dir.write("statistics.csv", Self.export + "2026-03-04 12:00:00,EAST,0,issue_offsite,,105,BK,REF,,REF\r\n")
        let db = dir.file("c.sqlite")
        _ = try ingest(path, into: db, .sip2(.selfCheck))
        let koha = try ingest(path, into: db, .csv(.koha))
        #expect(koha.summary.transactions == 6)
        #expect(koha.summary.malformed == 1)
        let errors = koha.issues.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [8])
        #expect(koha.issues.allSatisfy { !$0.description.contains("issue_offsite") })
        #expect(try recorded(db).map { $0["line"] as Int } == [8])

        let sameAgain = try ingest(path, into: db, .csv(.koha))
        #expect(sameAgain.summary.lines == 0 && sameAgain.summary.malformed == 0 && sameAgain.issues.isEmpty)

        var mapping = ColumnMapping.koha
        mapping.actions["issue_offsite"] = .checkout
        let fixed = try ingest(path, into: db, .csv(mapping))
        #expect(fixed.summary.reread == 1)
        #expect(fixed.summary.transactions == 1)
        #expect(try total(db) == 7)
        #expect(try recorded(db).isEmpty)
    }

    @Test("a log that grows after a partly malformed run: each line counted once, whichever format reads it")
    func grownMixedLog() throws {
        let dir = TemporaryDirectory()
        var mapping = ColumnMapping(time: .number(1), action: .number(2), actions: ["issue": .checkout, "return": .checkin])
        mapping.hasHeader = false
        mapping.item = .number(3)
        mapping.branch = .number(4)
        func sip2(_ minute: Int) -> String { "121YUY20260305    10\(String(format: "%02d", minute))00AOMAIN|AB33191000105864|\n" }
        func csv(_ minute: Int) -> String { "2026-03-06 11:\(String(format: "%02d", minute)):00,issue,201,EAST\n" }
        let first = sip2(0) + csv(1) + csv(2) + sip2(3) + csv(4)
        let path = dir.write("mixed.log", first)
        let db = dir.file("c.sqlite")

        let r1 = try ingest(path, into: db, .sip2(.selfCheck))
        #expect(r1.summary.transactions == 2 && r1.summary.malformed == 3)

        let grown = first + sip2(5) + csv(6) + csv(7)
        _ = dir.write("mixed.log", grown)
        let r2 = try ingest(path, into: db, .csv(mapping))
        #expect(r2.summary.reread == 3)
        // The three recorded CSV lines and the two new ones; the new SIP2 line is malformed as CSV.
        #expect(r2.summary.transactions == 5 && r2.summary.malformed == 1)
        #expect(r2.issues.filter { $0.severity == .error }.map(\.line) == [6])

        let r3 = try ingest(path, into: db, .sip2(.selfCheck))
        #expect(r3.summary.reread == 1 && r3.summary.transactions == 1 && r3.summary.malformed == 0)
        for format in [InputFormat.sip2(.selfCheck), .csv(mapping)] {
            #expect(try ingest(path, into: db, format).summary.transactions == 0)
        }
        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        #expect(try total(db) == 8)
        #expect(try store.counters(month: "2026-03").filter { $0.source == .librarySystem }.reduce(0) { $0 + $1.count } == 5)
        #expect(try recorded(db).isEmpty)
    }

    @Test("a batch boundary in the middle of a re-read: every row counted once, each batch settles its own lines", arguments: StoreEngineKind.available)
    func rereadInSmallBatches(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let rows = (0..<250).map { n in
            "2026-03-0\(1 + n / 100) 1\(n % 10):\(String(format: "%02d", n % 60)):00,MAIN,0,issue,,\(1000 + n),BK,ADULT,,FIC\r\n"
        }
        let path = dir.write("statistics.csv", "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r\n" + rows.joined())
        let db = try TestStore(engine, in: dir)
        _ = try ingest(path, into: db, .sip2(.selfCheck), batchLines: 40)
        let run = try ingest(path, into: db, .csv(.koha), batchLines: 40)
        #expect(run.summary.transactions == 250)
        #expect(try total(db) == 250)
        #expect(try recordedCount(db) == 0)
    }

    @Test("past the per-file limit malformed lines are still reported and counted, not kept, with one warning", arguments: StoreEngineKind.available)
    func limit(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("statistics.csv", Self.export)
        let db = try TestStore(engine, in: dir)
        let r = try ingest(path, into: db, .sip2(.selfCheck), keep: 4)
        #expect(r.summary.malformed == 7)
        #expect(r.summary.malformedNotKept == 3)
        let warnings = r.issues.filter { $0.severity == .warning }
        #expect(warnings.map(\.description) == [
            "\(path):5: warning: the ledger already keeps 4 malformed lines of this file; this and later malformed lines are reported but not kept, so a run with another format or mapping will not count them"
        ])
        #expect(r.summary.description.contains("3 malformed not kept for a re-run"))
        #expect(try recordedCount(db) == 4)
        // Header and rows 1-3 were kept: those three rows count, rows 4-6 never will.
        #expect(try ingest(path, into: db, .csv(.koha)).summary.transactions == 3)
        #expect(try total(db) == 3)
    }

    @Test("a re-run that loses to another one reading the same lines counts nothing twice", arguments: StoreEngineKind.available)
    func concurrentRereads(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let rows = (0..<2_000).map { n in
            "2026-03-0\(1 + n / 1000) 1\(n % 10):\(String(format: "%02d", n % 60)):00,MAIN,0,issue,,\(1000 + n),BK,ADULT,,FIC\r\n"
        }
        let path = dir.write("statistics.csv", "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r\n" + rows.joined())
        let db = try TestStore(engine, in: dir)
        _ = try ingest(path, into: db, .sip2(.selfCheck))
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            do {
                let r = try ingest(path, into: db, .csv(.koha), batchLines: 150)
                results.add(r.summary.transactions)
            } catch {
                results.add(-1)
            }
        }
        #expect(!results.values.contains(-1))
        #expect(results.values.reduce(0, +) == 2_000)
        #expect(try total(db) == 2_000)
        #expect(try recordedCount(db) == 0)
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Int] = []
        func add(_ n: Int) { lock.withLock { stored.append(n) } }
        var values: [Int] { lock.withLock { stored } }
    }

    @Test("purge removes a file's malformed lines with its ledger entry", arguments: StoreEngineKind.available)
    func purgedWithTheLedger(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("statistics.csv", Self.export)
        let db = try TestStore(engine, in: dir)
        _ = try ingest(path, into: db, .sip2(.selfCheck))
        let store = try db.open(.mustExist)
        let inventory = try store.inventory(settings: nil, today: nil)
        #expect(inventory.first { $0.table == "ingested_malformed_lines" }?.records == 7)
        // Long after the ledger's retention: the entry and its lines go.
        let summary = try store.purge(SiteSettings(), today: CivilDate("2030-01-01")!)
        #expect(summary.deleted.first { $0.table == "ingested_malformed_lines" }?.count == 7)
        #expect(try recordedCount(db) == 0)
    }
}
