/// RFC 4180 framing over raw bytes: where a record ends (a quoted field may hold line breaks)
/// and where its fields lie. Fields are located, not copied, so that columns the mapping does
/// not use (a borrower number among them) are never turned into values.
public enum CSVScanner {
    /// A record may span lines only inside quotes, and not beyond this many bytes: a stray
    /// quote must not swallow the rest of a file.
    public static let maxQuotedRecordLength = 1 << 20

    public enum RecordEnd: Equatable {
        /// The record ends just before `next` (after its line break); it holds `newlines` breaks.
        case complete(next: Int, newlines: Int)
        /// No line break yet: more bytes are needed (or this is the end of the file).
        case needMore
        /// A quote opened and never closed within the limit: the record is cut at its first
        /// line break (`next`), or is the rest of the buffer when there is none.
        case unterminatedQuote(next: Int?)
    }

    /// Where the record starting at `start` ends. A line ends at LF, CRLF or a CR alone (old Mac
    /// exports). A quote opens a quoted field only at the start of a field, and only a quoted
    /// field can hold a line break, so a stray quote inside a value never joins lines; a quoted
    /// field that does span lines but does not parse is cut back to its first line by ingest.
    public static func recordEnd(
        _ bytes: UnsafeRawBufferPointer, from start: Int, atEndOfInput: Bool, delimiter: UInt8 = UInt8(ascii: ",")
    ) -> RecordEnd {
        var inQuotes = false
        var atFieldStart = true
        var newlines = 0
        var firstBreak: Int? = nil
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 == n && !atEndOfInput { return .needMore }
                    if i + 1 < n && bytes[i + 1] == 34 {
                        i += 2
                        continue
                    }
                    inQuotes = false
                    atFieldStart = false
                } else if b == 10 || (b == 13 && (i + 1 == n || bytes[i + 1] != 10)) {
                    if firstBreak == nil { firstBreak = i + 1 }
                    newlines += 1
                }
                if i - start >= maxQuotedRecordLength { return .unterminatedQuote(next: firstBreak) }
                i += 1
                continue
            }
            switch b {
            case 10:
                return .complete(next: i + 1, newlines: newlines)
            case 13:
                if i + 1 < n { return .complete(next: bytes[i + 1] == 10 ? i + 2 : i + 1, newlines: newlines) }
                return atEndOfInput ? .complete(next: i + 1, newlines: newlines) : .needMore
            case 34 where atFieldStart:
                inQuotes = true
            default:
                break
            }
            atFieldStart = b == delimiter
            i += 1
        }
        if inQuotes && atEndOfInput { return .unterminatedQuote(next: firstBreak) }
        return .needMore
    }

    /// The index just after the first line break (LF, CRLF or CR) at or after `from`, or nil.
    public static func firstLineBreakEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == 10 { return i + 1 }
            if bytes[i] == 13 { return i + 1 < bytes.count && bytes[i + 1] == 10 ? i + 2 : i + 1 }
            i += 1
        }
        return nil
    }

    /// One field: its content bytes (without enclosing quotes), and whether doubled quotes in it
    /// must be collapsed.
    public struct Field: Equatable, Sendable {
        public var range: Range<Int>
        public var quoted: Bool
    }

    /// Splits a record (without its line break) into fields. A malformed record gives a problem
    /// that names the column and the line within the record.
    public static func fields(
        _ bytes: UnsafeRawBufferPointer, _ record: Range<Int>, delimiter: UInt8, into fields: inout [Field]
    ) -> LineProblem? {
        fields.removeAll(keepingCapacity: true)
        var end = record.upperBound
        if end > record.lowerBound && bytes[end - 1] == 13 { end -= 1 }
        var i = record.lowerBound
        while true {
            if i < end && bytes[i] == 34 {
                let contentStart = i + 1
                var j = contentStart
                while true {
                    guard j < end else { return problem(bytes, record.lowerBound, i, "a quoted field is not closed") }
                    if bytes[j] == 34 {
                        if j + 1 < end && bytes[j + 1] == 34 {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                fields.append(Field(range: contentStart..<j, quoted: true))
                i = j + 1
                if i == end { return nil }
                guard bytes[i] == delimiter else {
                    return problem(bytes, record.lowerBound, i, "text after the closing quote of a field")
                }
                i += 1
            } else {
                var j = i
                while j < end && bytes[j] != delimiter {
                    if bytes[j] == 34 {
                        return problem(bytes, record.lowerBound, j, "a quote inside an unquoted field")
                    }
                    j += 1
                }
                fields.append(Field(range: i..<j, quoted: false))
                if j == end { return nil }
                i = j + 1
            }
        }
    }

    /// The field's text, with doubled quotes collapsed.
    public static func text(_ bytes: UnsafeRawBufferPointer, _ field: Field) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[field.range])
        guard field.quoted else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            out.append(raw[k])
            k += raw[k] == 34 && k + 1 < raw.count && raw[k + 1] == 34 ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A problem at byte `at` of a record starting at `start`: line offset and 1-based column.
    static func problem(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ at: Int, _ reason: String) -> LineProblem {
        var lineStart = start
        var lines = 0
        for k in start..<min(at, bytes.count) where bytes[k] == 10 {
            lines += 1
            lineStart = k + 1
        }
        return LineProblem(column: at - lineStart + 1, reason: reason, lineOffset: lines)
    }
}
