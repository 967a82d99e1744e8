/// A transaction's local day and hour, read from digits in the log. No time-zone arithmetic is
/// done: statistics are kept in the library's own wall-clock time, as its logs write it.
public struct LocalTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int

    public init(year: Int, month: Int, day: Int, hour: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
    }

    /// "YYYY-MM-DD".
    public var dayText: String {
        String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    out[k] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, 0, 4)
            out[4] = UInt8(ascii: "-")
            put(month, 5, 2)
            out[7] = UInt8(ascii: "-")
            put(day, 8, 2)
            return 10
        }
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Validates a calendar date and a wall-clock time (a leap second is allowed).
    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> LocalTime? {
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        return LocalTime(year: year, month: month, day: day, hour: hour)
    }
}

/// Digit reading over raw bytes, shared by the SIP2 and CSV parsers.
enum Digits {
    /// The decimal value of `count` ASCII digits at `at`, or nil if any is not a digit.
    @inline(__always)
    static func value(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, count > 0, at + count <= bytes.count else { return nil }
        var v = 0
        for k in at..<(at + count) {
            let d = bytes[k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }
}
