/// A figure as printed: a count, or hidden by small-cell suppression.
public enum Published: Sendable, Equatable, Hashable {
    case count(Int)
    case suppressed

    public var value: Int? {
        if case .count(let n) = self { return n }
        return nil
    }
}

/// A table as the report prints it: the counts with the hidden ones replaced.
public struct PublishedTable: Sendable, Equatable {
    /// Stable identifier used as the JSON key and CSV `report` column.
    public var id: String
    public var title: String
    /// What the rows are (the header of the label column).
    public var rowHeader: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var cells: [[Published]]
    public var rowTotals: [Published]?
    public var columnTotals: [Published]?
    public var grandTotal: Published?

    /// Applies `pattern` to `table`.
    public init(id: String, title: String, rowHeader: String, table: CountTable, pattern: SuppressionPattern) {
        func shown(_ position: TablePosition, _ value: Int) -> Published {
            pattern.isHidden(position) ? .suppressed : .count(value)
        }
        self.id = id
        self.title = title
        self.rowHeader = rowHeader
        rowLabels = table.rowLabels
        columnLabels = table.columnLabels
        cells = table.cells.enumerated().map { r, row in
            row.enumerated().map { c, value in shown(.cell(row: r, column: c), value) }
        }
        rowTotals = table.hasRowTotals ? (0..<table.rowCount).map { shown(.rowTotal($0), table.rowTotal($0)) } : nil
        columnTotals =
            table.hasColumnTotals ? (0..<table.columnCount).map { shown(.columnTotal($0), table.columnTotal($0)) } : nil
        grandTotal = table.hasRowTotals && table.hasColumnTotals ? shown(.grandTotal, table.grandTotal) : nil
    }

    /// The total printed under the whole table, whichever margin carries it.
    public var overallTotal: Published? {
        if let grandTotal { return grandTotal }
        if columnLabels.count == 1, let columnTotals { return columnTotals.first }
        return nil
    }

    public var suppressedCount: Int {
        var n = cells.reduce(0) { $0 + $1.filter { $0 == .suppressed }.count }
        n += (rowTotals ?? []).filter { $0 == .suppressed }.count
        n += (columnTotals ?? []).filter { $0 == .suppressed }.count
        if grandTotal == .suppressed { n += 1 }
        return n
    }
}
