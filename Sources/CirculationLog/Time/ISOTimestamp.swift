/// Reads the ISO-8601 timestamps that log writers put before a message or in an export column:
/// `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]`, with a space allowed instead of `T`.
enum ISOTimestamp {
    /// Parses a timestamp starting at `start`; returns the time and the index after it.
    /// The offset, when present, is validated and ignored (see `LocalTime`).
    static func parse(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (LocalTime, Int)? {
        if let fast = parseSeconds(bytes, from: start, to: end) { return fast }
        return parseFieldByField(bytes, from: start, to: end)
    }

    /// Every form the type accepts, one field at a time.
    static func parseFieldByField(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (LocalTime, Int)? {
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

    /// The shape nearly every log line has, `YYYY-MM-DDThh:mm:ss` then a space, read with fixed
    /// offsets (a log of ten million lines parses ten million of them). Nil for anything else,
    /// including the longer forms, which `parse` then reads field by field.
    @inline(__always)
    static func parseSeconds(_ bytes: UnsafeRawBufferPointer, from s: Int, to end: Int) -> (LocalTime, Int)? {
        guard s >= 0, end <= bytes.count, end - s >= 20, bytes[s + 19] == 32 || bytes[s + 19] == 9,
            bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
            bytes[s + 10] == UInt8(ascii: "T") || bytes[s + 10] == 32,
            bytes[s + 13] == UInt8(ascii: ":"), bytes[s + 16] == UInt8(ascii: ":")
        else { return nil }
        @inline(__always) func d(_ i: Int) -> Int { Int(bytes[s + i] &- 48) }
        // A byte that is not a digit gives a value above 9 (bytes below "0" wrap around).
        let highest = max(
            max(max(d(0), d(1)), max(d(2), d(3))), max(max(d(5), d(6)), max(d(8), d(9))),
            max(max(d(11), d(12)), max(d(14), d(15))), max(d(17), d(18)))
        guard highest <= 9 else { return nil }
        let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
        guard let time = LocalTime.make(
            year: year, month: d(5) * 10 + d(6), day: d(8) * 10 + d(9), hour: d(11) * 10 + d(12),
            minute: d(14) * 10 + d(15), second: d(17) * 10 + d(18))
        else { return nil }
        return (time, s + 19)
    }
}
