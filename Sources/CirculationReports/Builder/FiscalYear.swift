/// A state fiscal year, as the Massachusetts annual report survey counts it: July 1 to June 30,
/// named for the calendar year in which it ends (FY2026 is July 2025 to June 2026), the
/// Commonwealth's and its municipalities' convention.
public struct FiscalYear: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The calendar year of its June.
    public let endingYear: Int

    /// Parses exactly four digits, a year from 0002 to 9999 (its July lies in the year before).
    public init(_ text: String) throws(ReportError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 4, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let year = Int(text), (2...9999).contains(year)
        else { throw .invalidFiscalYear(text) }
        endingYear = year
    }

    /// July of the year before to June, in order.
    public var months: [ReportMonth] {
        (7...12).map { ReportMonth(year: endingYear - 1, month: $0) } + (1...6).map { ReportMonth(year: endingYear, month: $0) }
    }

    /// "FY2026".
    public var description: String { "FY" + String(endingYear) }

    /// "July 2025 to June 2026".
    public var span: String { "July \(endingYear - 1) to June \(endingYear)" }
}
