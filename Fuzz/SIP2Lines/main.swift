import CirculationLog

/// SIP2 logs come from self-check machines and files anyone can edit: every byte sequence must
/// parse to blank, other, a transaction, or a malformed verdict that points inside the line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let parser = SIP2LineParser(source: .selfCheck)
    var start = 0
    while start <= size {
        var end = start
        while end < size && bytes[end] != 10 { end += 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let parsed = parser.parse(line)
        switch parsed.outcome {
        case .malformed(let problem):
            precondition((1...(line.count + 1)).contains(problem.column ?? 1), "problem outside the line")
        case .transaction(let event):
            precondition((0...23).contains(event.hour) && event.day.utf8.count == 10, "impossible time")
        case .blank, .other:
            break
        }
        start = end + 1
    }
    return 0
}
