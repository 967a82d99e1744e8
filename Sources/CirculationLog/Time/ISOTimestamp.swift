/// Reads the ISO-8601 timestamps that log writers put before a message or in an export column:
/// `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]`, with a space allowed instead of `T`.
enum ISOTimestamp {
    /// Parses a timestamp starting at `start`; returns the time and the index after it.
    /// The offset, when present, is validated and ignored (see `LocalTime`).
    static func parse(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (LocalTime, Int)? {
        func byte(_ i: Int) -> UInt8? { i < end ? bytes[i] : nil }
        func number(_ at: Int, _ count: Int) -> Int? {
            at + count <= end ? Digits.value(bytes, at, count) : nil
        }
        guard let year = number(start, 4), byte(start + 4) == UInt8(ascii: "-"),
            let month = number(start + 5, 2), byte(start + 7) == UInt8(ascii: "-"),
            let day = number(start + 8, 2),
            byte(start + 10) == UInt8(ascii: "T") || byte(start + 10) == UInt8(ascii: " "),
            let hour = number(start + 11, 2), byte(start + 13) == UInt8(ascii: ":"),
            let minute = number(start + 14, 2)
        else { return nil }
        var i = start + 16
        var second = 0
        if byte(i) == UInt8(ascii: ":") {
            guard let s = number(i + 1, 2) else { return nil }
            second = s
            i += 3
            if byte(i) == UInt8(ascii: ".") || byte(i) == UInt8(ascii: ",") {
                i += 1
                let fractionStart = i
                while let b = byte(i), b &- 48 < 10 { i += 1 }
                guard i > fractionStart else { return nil }
            }
        }
        if byte(i) == UInt8(ascii: "Z") {
            i += 1
        } else if byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") {
            guard let offsetHours = number(i + 1, 2), offsetHours <= 23 else { return nil }
            i += 3
            if byte(i) == UInt8(ascii: ":") { i += 1 }
            if let minutes = number(i, 2) {
                guard minutes <= 59 else { return nil }
                i += 2
            }
        }
        guard let time = LocalTime.make(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return (time, i)
    }
}
