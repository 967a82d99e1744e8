import CirculationLog
import Testing

@Suite("CSV framing (RFC 4180)")
struct CSVScannerTests {
    func split(_ text: String) -> ([String], LineProblem?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            var fields: [CSVScanner.Field] = []
            let problem = CSVScanner.fields(raw, 0..<raw.count, delimiter: UInt8(ascii: ","), into: &fields)
            return (fields.map { CSVScanner.text(raw, $0) }, problem)
        }
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; CR before LF is dropped")
    func quoting() {
        #expect(split("a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"\r").0 == ["a", "b,c", "say \"hi\"", "", "x\ny"])
        #expect(split("").0 == [""])
        #expect(split("a,").0 == ["a", ""])
    }

    @Test("malformed quoting is located by line and column", arguments: [
        ("a,b\"c", 0, 4, "a quote inside an unquoted field"),
        ("a,\"b\"c", 0, 6, "text after the closing quote of a field"),
        ("a,\"b\nc", 0, 3, "a quoted field is not closed"),
        ("\"x\ny\"z", 1, 3, "text after the closing quote of a field"),
    ])
    func malformed(text: String, lineOffset: Int, column: Int, reason: String) {
        #expect(split(text).1 == LineProblem(column: column, reason: reason, lineOffset: lineOffset))
    }

    @Test("a record ends at the first line break outside quotes")
    func recordEnd() {
        let bytes = Array("a,\"b\nc\",d\ne\n".utf8)
        bytes.withUnsafeBytes { raw in
            #expect(CSVScanner.recordEnd(raw, from: 0, atEndOfInput: false) == .complete(next: 10, newlines: 1))
            #expect(CSVScanner.recordEnd(raw, from: 10, atEndOfInput: false) == .complete(next: 12, newlines: 0))
        }
        let open = Array("a,\"b\nc\n".utf8)
        open.withUnsafeBytes { raw in
            #expect(CSVScanner.recordEnd(raw, from: 0, atEndOfInput: false) == .needMore)
            #expect(CSVScanner.recordEnd(raw, from: 0, atEndOfInput: true) == .unterminatedQuote(next: 5))
        }
    }
}
