import CirculationLog
import Testing

@Suite("CSV row parser")
struct CSVRowParserTests {
    static let header = "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode"

    let parser: CSVRowParser

    init() throws {
        let names = try Array(Self.header.utf8).withUnsafeBytes { raw throws(LineProblemError) in
            try CSVRowParser.header(raw, 0..<raw.count, delimiter: UInt8(ascii: ","))
        }
        parser = try CSVRowParser(mapping: .koha, header: names, allowLists: TestAllowLists.anyItem)
    }

    func parseRow(_ row: String) -> CSVRowParser.ParsedRow {
        var fields: [CSVScanner.Field] = []
        return Array(row.utf8).withUnsafeBytes { parser.parseRow($0, 0..<$0.count, fields: &fields) }
    }

    func parse(_ row: String) -> RecordOutcome {
        var fields: [CSVScanner.Field] = []
        return Array(row.utf8).withUnsafeBytes { parser.parse($0, 0..<$0.count, fields: &fields) }
    }

    /// A Koha issue row whose itemnumber column holds `item` (its value starts at byte column 35).
    static func issue(item: String) -> String { "2026-03-02 10:15:00,MAIN,0,issue,,\(item),BK,ADULT,48213,FIC" }

    static func issueEvent(item: String) -> CirculationEvent {
        CirculationEvent(
            action: .checkout, day: "2026-03-02", hour: 10, branch: "MAIN", location: "ADULT", mediaType: "BK",
            collection: "FIC", source: .librarySystem, item: item)
    }

    @Test("an item column shaped like personal data is withheld: the row counts without an item, with a warning", arguments: [
        ("23529000035676", "23529000035676", ItemPersonalData.patronCard),
        (" 23529000035676 ", "23529000035676", .patronCard),  // spaces around a value are trimmed first
        ("jane.doe@example.org", "jane.doe@example.org", .emailAddress),
        ("\"(617) 555-0123\"", "555-0123", .phoneNumber),
    ])
    func personalDataInItemIsWithheld(field value: String, secret: String, kind: ItemPersonalData) throws {
        let row = Self.issue(item: value)
        let parsed = parseRow(row)
        #expect(parsed.outcome == .transaction(Self.issueEvent(item: "")))
        #expect(parsed.withheld == .item)  // "BK", Koha's item type, is kept: it has the shape of a code
        #expect(parsed.itemPersonalData == kind)
        #expect(!kind.itemWithheldReason.contains(secret))
        // The outcome-only form withholds the item just the same.
        #expect(parse(row) == parsed.outcome)
    }

    @Test("item values the policy accepts are kept", arguments: ["101", "33191000105864", "BK-2291", ""])
    func itemValuesAreKept(value: String) {
        let parsed = parseRow(Self.issue(item: value))
        #expect(parsed.outcome == .transaction(Self.issueEvent(item: value)))
        #expect(parsed.withheld.isEmpty)
    }

    @Test("rows that are not transactions are not screened")
    func otherRowsHaveNoWarning() {
        let row = "2026-03-02 10:15:00,MAIN,0,localuse,,23529000035676,BK,ADULT,,FIC"
        let parsed = parseRow(row)
        #expect(parsed.outcome == .other)
        #expect(parsed.withheld.isEmpty)
    }
}
