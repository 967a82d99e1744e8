import CirculationLog

/// Library-system exports are edited by hand and cut off mid-write: framing and the Koha
/// mapping must survive any bytes, and every field must lie inside its record.
let kohaParser: CSVRowParser? = {
    let header = Array("datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode".utf8)
    let names = header.withUnsafeBytes { try? CSVRowParser.header($0, 0..<$0.count, delimiter: UInt8(ascii: ",")) }
    return try? CSVRowParser(mapping: .koha, header: names)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let parser = kohaParser else { fatalError("the Koha mapping does not resolve against its own header") }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var fields: [CSVScanner.Field] = []
    var pos = 0
    while pos < size {
        let next: Int
        switch CSVScanner.recordEnd(bytes, from: pos, atEndOfInput: true) {
        case .complete(let n, _): next = n
        case .unterminatedQuote(let n): next = n ?? size
        case .needMore: next = size
        }
        precondition(next > pos && next <= size, "framing did not advance")
        let end = bytes[next - 1] == 10 ? next - 1 : next
        if CSVScanner.fields(bytes, pos..<end, delimiter: UInt8(ascii: ","), into: &fields) == nil {
            for f in fields { precondition(f.range.lowerBound >= pos && f.range.upperBound <= end, "field outside record") }
        }
        _ = parser.parse(bytes, pos..<end, fields: &fields)
        pos = next
    }
    return 0
}
