import CirculationLog
import Testing

@Suite("CSV guard: person columns however chosen, BOM, unbalanced quotes, CR line ends")
struct CSVGuardTests {
    static let header = ["datetime", "branch", "type", "borrowernumber", "cardnumber", "itemnumber", "Patron E-mail"]

    @Test("a mapping that names a person column by number is refused against the header", arguments: [4, 5, 7])
    func numberedPersonColumn(number: Int) {
        var mapping = ColumnMapping(time: .number(1), action: .number(3), actions: ["issue": .checkout])
        mapping.item = .number(number)
        #expect(throws: LineProblemError.self) { try CSVRowParser(mapping: mapping, header: Self.header) }
        do {
            _ = try CSVRowParser(mapping: mapping, header: Self.header)
        } catch {
            #expect(error.problem.field == "\(number)")
            #expect(error.problem.reason == "the mapping's item column is a column that identifies a person; it is never read")
        }
    }

    @Test("person column names are recognised whatever their case and separators", arguments: [
        "borrowernumber", "BorrowerNumber", "patron_barcode", "E-Mail", "B_EMAIL", "Phone", "guarantor_surname", "date of birth",
    ])
    func personNames(name: String) {
        #expect(ColumnMapping.isPersonColumn(name))
    }

    @Test("ordinary column names are not person columns", arguments: ["itemnumber", "branch", "ccode", "datetime", "itemtype"])
    func ordinaryNames(name: String) {
        #expect(!ColumnMapping.isPersonColumn(name))
    }

    @Test("a quote inside an unquoted value never opens a field that swallows lines")
    func strayQuote() {
        let text = Array("a,b\"c,d\ne,f,g\n".utf8)
        text.withUnsafeBytes { raw in
            #expect(CSVScanner.recordEnd(raw, from: 0, atEndOfInput: true) == .complete(next: 8, newlines: 0))
        }
    }

    @Test("CR alone ends a record, CRLF is one line end")
    func crLineEnds() {
        let text = Array("a,b\rc,d\r\ne,f\r".utf8)
        text.withUnsafeBytes { raw in
            #expect(CSVScanner.recordEnd(raw, from: 0, atEndOfInput: false) == .complete(next: 4, newlines: 0))
            #expect(CSVScanner.recordEnd(raw, from: 4, atEndOfInput: false) == .complete(next: 9, newlines: 0))
            #expect(CSVScanner.recordEnd(raw, from: 9, atEndOfInput: false) == .needMore)
            #expect(CSVScanner.recordEnd(raw, from: 9, atEndOfInput: true) == .complete(next: 13, newlines: 0))
        }
    }
}
