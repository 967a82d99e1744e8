/// One printed figure of a month's report: which table, which cell or total.
public struct FigureReference: Sendable, Hashable, CustomStringConvertible {
    /// The table's `PublishedTable.id` (also its JSON key and CSV `report` column).
    public var table: String
    public var position: TablePosition

    public init(table: String, position: TablePosition) {
        self.table = table
        self.position = position
    }

    public var description: String {
        switch position {
        case .cell(let row, let column): "\(table) cell (\(row), \(column))"
        case .rowTotal(let row): "\(table) total of row \(row)"
        case .columnTotal(let column): "\(table) total of column \(column)"
        case .grandTotal: "\(table) grand total"
        }
    }
}

/// What linear programming can prove about one suppressed figure from everything printed:
/// whole numbers `lower...upper` (`upper` nil: no upper limit can be proved).
public struct ProvableRange: Sendable, Equatable, CustomStringConvertible {
    public var figure: FigureReference
    public var lower: Int
    public var upper: Int?
    /// The printed, non-zero figures the proof of these limits rests on (the relations with a
    /// non-zero dual value at the optimum). Hiding one of them is what can widen the range.
    public var evidence: [FigureReference]

    /// The protection rule (Docs/reports.md, "Checking the whole report"): a suppressed figure
    /// is disclosed when its provable range stays below the threshold (it is known to be one of
    /// the small counts) or is a single value (it is known exactly, whatever its size).
    public func discloses(threshold: Int) -> Bool {
        if let upper, upper < threshold || upper == lower { return true }
        return false
    }

    public var description: String {
        "\(figure): provably \(lower)...\(upper.map(String.init) ?? "unbounded")"
    }
}
