import CirculationStore

/// A calendar month, the unit every report covers.
public struct ReportMonth: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Parses exactly "YYYY-MM" with a month from 01 to 12.
    public init(_ text: String) throws(ReportError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            let y = Self.digits(bytes[0..<4]), let m = Self.digits(bytes[5..<7]),
            (1...9999).contains(y), (1...12).contains(m)
        else { throw .invalidMonth(text) }
        year = y
        month = m
    }

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "Jul 2025": a column of the annual table.
    public var shortLabel: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1] + " " + String(year)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" : "") + m
    }
}

/// Days of the week, Monday first as library opening hours are listed.
enum Weekday: Int, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    var label: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue]
    }

    /// The weekday of a proleptic Gregorian date (Sakamoto's method).
    init(_ date: CivilDate) {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = date.month < 3 ? date.year - 1 : date.year
        let sundayBased = (y + y / 4 - y / 100 + y / 400 + offsets[date.month - 1] + date.day) % 7
        self = Weekday(rawValue: (sundayBased + 6) % 7) ?? .monday
    }
}
