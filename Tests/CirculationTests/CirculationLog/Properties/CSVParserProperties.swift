import CirculationLog
import PropertyBased
import Testing

@Suite("CSV parser properties")
struct CSVParserProperties {
    static let csvAlphabet = Array("ab1,\"\r\n ;".utf8)

    @Test("arbitrary bytes never crash record framing or field splitting")
    func arbitraryBytes() async {
        await propertyCheck(count: 3_000, input: Gen.element(of: Self.csvAlphabet).array(of: 0...200)) { optional in
            let bytes = optional.compactMap { $0 }
            bytes.withUnsafeBytes { raw in
                var pos = 0
                var fields: [CSVScanner.Field] = []
                while pos < raw.count {
                    let next: Int
                    switch CSVScanner.recordEnd(raw, from: pos, atEndOfInput: true) {
                    case .complete(let n, _): next = n
                    case .unterminatedQuote(let n): next = n ?? raw.count
                    case .needMore: next = raw.count
                    }
                    #expect(next > pos)
                    let end = next > pos && next <= raw.count && raw[next - 1] == 10 ? next - 1 : next
                    if CSVScanner.fields(raw, pos..<end, delimiter: UInt8(ascii: ","), into: &fields) == nil {
                        #expect(fields.allSatisfy { $0.range.lowerBound >= pos && $0.range.upperBound <= end })
                    }
                    pos = next
                }
            }
        }
    }

    @Test("rows written with RFC 4180 quoting split back into the same fields")
    func roundTrip() async {
        let field = Gen.element(of: Array("ab ,\"\n".utf8)).array(of: 0...8)
        await propertyCheck(count: 1_000, input: field.array(of: 1...6)) { row in
            let values = row.map { String(decoding: $0.compactMap { $0 }, as: UTF8.self) }
            let line = values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            let bytes = Array(line.utf8)
            bytes.withUnsafeBytes { raw in
                var fields: [CSVScanner.Field] = []
                #expect(CSVScanner.fields(raw, 0..<raw.count, delimiter: UInt8(ascii: ","), into: &fields) == nil)
                #expect(fields.map { CSVScanner.text(raw, $0) } == values)
            }
        }
    }

    @Test("arbitrary rows through the Koha mapping give a transaction, other, or a located problem")
    func kohaRows() async {
        let header = Array("datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode".utf8)
        let names: [String]? = header.withUnsafeBytes {
            try? CSVRowParser.header($0, 0..<$0.count, delimiter: UInt8(ascii: ","))
        }
        guard let parser = try? CSVRowParser(mapping: .koha, header: names) else {
            Issue.record("the Koha mapping does not resolve against its own header")
            return
        }
        let alphabet = Array("2026-03-01 10:00:00,issue,return,\"x\"\n1".utf8)
        await propertyCheck(count: 2_000, input: Gen.element(of: alphabet).array(of: 0...150)) { optional in
            let bytes = optional.compactMap { $0 }
            bytes.withUnsafeBytes { raw in
                var fields: [CSVScanner.Field] = []
                if case .malformed(let p) = parser.parse(raw, 0..<raw.count, fields: &fields) {
                    #expect(!p.reason.isEmpty)
                }
            }
        }
    }
}
