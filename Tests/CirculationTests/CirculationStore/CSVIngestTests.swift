import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

@Suite("Ingest of library-system exports")
struct CSVIngestTests {
    static let kohaExport = """
        datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode,categorycode,interface\r
        2026-03-02 10:15:00,MAIN,0,issue,,101,BK,ADULT,48213,FIC,PT,intranet\r
        2026-03-02 10:45:59,MAIN,0,return,,101,BK,ADULT,48213,FIC,PT,intranet\r
        2026-03-02 11:00:00,EAST,0,renew,,"102",DVD,"AV, upstairs",99120,FILM,PT,opac\r
        2026-03-02 11:05:00,EAST,0,localuse,,103,BK,REF,,REF,,intranet\r
        2026-03-02 11:05:00,EAST,0,issue,,104,BK\r
        2026-03-31 23:59,EAST,0,issue,,104,BK,REF,55555,REF,PT,sip\r
        not a date,EAST,0,issue,,104,BK,REF,55555,REF,PT,sip\r
        2026-03-02 11:05:00,EAST,0,writeoff,,103,BK,REF,,REF,,intranet\r

        """

    @Test("Koha's statistics export is counted through the built-in mapping; borrower numbers never stored")
    func koha() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("statistics.csv", Self.kohaExport)
        let store = try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing)
        var issues: [LineIssue] = []
        // A site whose barcode policy accepts Koha's item numbers.
        let options = StoreFixtures.options(.csv(.koha), allowLists: TestAllowLists.anyItem)
        let summary = try Ingestor(store: store, options: options) { issues.append($0) }.ingest(path: path)
        #expect(summary.transactions == 4)
        #expect(summary.other == 2)
        #expect(summary.malformed == 2)
        #expect(
            issues.map(\.description) == [
                "\(path):4: warning: field location: not a location code the site lists (or, with no list, not shaped like a code); counted under (unknown) (first of this file; the summary counts them all)",
                "\(path):6: error: the row has 7 columns, the mapping needs 10",
                "\(path):8:1: error: field time: not a date and time (YYYY-MM-DD hh:mm:ss)",
            ])
        let rows = try store.counters(month: "2026-03")
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.source == .librarySystem })
        #expect(rows.contains { $0.action == .renewal && $0.location == CodeAllowList.unknown && $0.mediaType == "DVD" && $0.collection == "FILM" })
        #expect(try store.itemCounts(month: "2026-03").map(\.item).sorted() == ["101", "102", "104"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.file("c.sqlite")))
        for borrower in ["48213", "99120", "55555"] {
            #expect(bytes.range(of: Data(borrower.utf8)) == nil)
        }
    }

    @Test("an export row whose item column holds a card number or an e-mail address is counted without its item")
    func personalDataInItemIsCountedWithoutTheItem() throws {
        let dir = TemporaryDirectory()
        let path = dir.write(
            "statistics.csv",
            """
            datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r
            2026-03-02 10:15:00,MAIN,0,issue,,23529000035676,BK,ADULT,48213,FIC\r
            2026-03-02 10:16:00,MAIN,0,issue,,"jane.doe@example.org",BK,ADULT,48213,FIC\r
            2026-03-02 10:17:00,MAIN,0,issue,,101,BK,ADULT,48213,FIC\r

            """)
        let db = dir.file("c.sqlite")
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        let options = StoreFixtures.options(.csv(.koha), allowLists: TestAllowLists.anyItem)
        let summary = try Ingestor(store: store, options: options) { _ in }.ingest(path: path)
        #expect(summary.transactions == 3)
        #expect(summary.malformed == 0)
        #expect(try store.counters(month: "2026-03").reduce(0) { $0 + $1.count } == 3)
        #expect(try StoreFixtures.items(store, month: "2026-03") == ["101": 1])
        for suffix in ["", "-wal"] {
            let bytes = try #require(FileManager.default.contents(atPath: db + suffix))
            #expect(ByteSearch.found(["23529000035676", "jane.doe@example.org"], in: bytes) == [])
        }
    }

    @Test("a header without a mapped column stops the file with a clear error")
    func missingColumn() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("x.csv", "when,what\n2026-03-02 10:00:00,issue\n")
        let store = try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing)
        do {
            _ = try Ingestor(store: store, options: StoreFixtures.options(.csv(.koha))) { _ in }.ingest(path: path)
            Issue.record("no error")
        } catch let IngestFailure.file(error) {
            #expect(error.description == "\(path): line 1: header: column datetime: the header has no column \"datetime\" (needed for time)")
        }
    }
}
