import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

@Suite("Ingest guards: allow-lists per file, BOM, unbalanced quotes, CR line ends")
struct IngestGuardTests {
    func ingest(
        _ name: String, _ text: String, _ format: InputFormat = .sip2(.selfCheck),
        allowLists: IngestAllowLists = TestAllowLists.site
    ) throws -> (FileIngestSummary, [LineIssue], SQLiteCirculationStore, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let path = dir.write(name, text)
        let store = try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing)
        var issues: [LineIssue] = []
        let summary = try Ingestor(store: store, options: StoreFixtures.options(format, allowLists: allowLists)) {
            issues.append($0)
        }.ingest(path: path)
        return (summary, issues, store, dir)
    }

    static let kohaHeader = "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r\n"

    @Test("a card number, an e-mail and a phone in AO count under (unknown), warned once per file with the first line")
    func branchWarnedOncePerFile() throws {
        let (summary, issues, store, _) = try ingest(
            "sc.log",
            """
            121YUY20260301    100000AOMAIN|AB33191000105864|
            121YUY20260301    100000AO21234567890124|AB33191000105864|
            121YUY20260301    100000AOjane@example.org|AB33191000105864|
            121YUY20260301    100000AO617 555 0177|AB33191000105864|

            """)
        #expect(summary.transactions == 4)
        #expect(summary.branchesUnknown == 3)
        #expect(issues.count == 1)
        #expect(issues.first?.line == 2)
        #expect(issues.first?.problem.field == "AO")
        #expect(issues.first?.description.contains("21234567890124") == false)
        let rows = try store.counters(month: "2026-03")
        #expect(Set(rows.map(\.branch)) == ["MAIN", CodeAllowList.unknown])
        #expect(rows.first { $0.branch == CodeAllowList.unknown }?.count == 3)
    }

    @Test("a UTF-8 byte order mark before the header is accepted")
    func byteOrderMark() throws {
        let text = "\u{FEFF}" + Self.kohaHeader + "2026-03-02 10:15:00,MAIN,0,issue,,101,BK,ADULT,48213,FIC\r\n"
        let (summary, _, _, _) = try ingest("s.csv", text, .csv(.koha), allowLists: TestAllowLists.anyItem)
        #expect(summary.transactions == 1)
        #expect(summary.malformed == 0)
    }

    @Test("a BOM before the first SIP2 line is accepted")
    func byteOrderMarkSIP2() throws {
        let (summary, _, _, _) = try ingest("sc.log", "\u{FEFF}121YUY20260301    100000AOMAIN|AB33191000105864|\n")
        #expect(summary.transactions == 1)
        #expect(summary.malformed == 0)
    }

    @Test("an unbalanced quote is an error at its line and swallows none of the rows after it")
    func unbalancedQuote() throws {
        let text = Self.kohaHeader
            + "2026-03-02 10:15:00,MAIN,0,issue,,101,BK,ADULT,1,FIC\r\n"
            + "2026-03-02 10:16:00,MAIN,0,issue,,\"102,BK,ADULT,1,FIC\r\n"
            + (3...9).map { "2026-03-02 10:1\($0):00,MAIN,0,issue,,10\($0),BK,\"ADULT\",1,FIC\r\n" }.joined()
        let (summary, issues, store, _) = try ingest("s.csv", text, .csv(.koha), allowLists: TestAllowLists.anyItem)
        #expect(summary.transactions == 8)
        #expect(summary.malformed == 1)
        #expect(issues.filter { $0.severity == .error }.map(\.line) == [3])
        #expect(try store.counters(month: "2026-03").reduce(0) { $0 + $1.count } == 8)
    }

    @Test("CR-only line ends are line ends: every line counts (SIP2)")
    func crOnlySIP2() throws {
        let line = "121YUY20260301    100000AOMAIN|AB33191000105864|"
        let (summary, issues, store, _) = try ingest("sc.log", Array(repeating: line, count: 10).joined(separator: "\r") + "\r")
        #expect(summary.transactions == 10)
        #expect(summary.lines == 10)
        #expect(!summary.unterminatedTail)
        #expect(issues.isEmpty)
        #expect(try store.counters(month: "2026-03").map(\.count) == [10])
    }

    @Test("CR-only line ends are line ends: every row counts (CSV)")
    func crOnlyCSV() throws {
        let rows = (0..<10).map { "2026-03-02 10:15:0\($0),MAIN,0,issue,,10\($0),001,ADULT,1,FIC" }
        let text = "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r"
            + rows.joined(separator: "\r") + "\r"
        let (summary, _, _, _) = try ingest("s.csv", text, .csv(.koha), allowLists: TestAllowLists.anyItem)
        #expect(summary.transactions == 10)
        #expect(summary.malformed == 0)
    }

    @Test("a mapping that picks the borrower column by number is refused before anything is read")
    func numberedPersonColumn() throws {
        var mapping = ColumnMapping.koha
        mapping.item = .number(9)
        do {
            _ = try ingest("s.csv", Self.kohaHeader + "2026-03-02 10:15:00,MAIN,0,issue,,101,BK,ADULT,48213,FIC\r\n", .csv(mapping))
            Issue.record("no error")
        } catch let IngestFailure.file(error) {
            #expect(error.reason == "line 1: header: column 9: the mapping's item column is a column that identifies a person; it is never read")
        }
    }

    @Test("a FIFO is refused before it is opened, so ingest never blocks on it")
    func fifoIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("pipe.log")
        #expect(mkfifo(path, 0o600) == 0)
        let store = try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing)
        do {
            _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: path)
            Issue.record("no error")
        } catch let IngestFailure.file(error) {
            #expect(error.exitStatus == .ioError)
            #expect(error.reason == "not a regular file (a FIFO)")
        }
    }
}
