/// A table of counts as the builder assembles it, before anything is hidden. Totals are always
/// computed from the cells, never supplied, so the suppression works on consistent figures.
public struct CountTable: Sendable, Equatable {
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `cells[row][column]`, every count zero or more.
    public var cells: [[Int]]
    /// Whether the report prints a total at the end of each row (and, with column totals, a
    /// grand total).
    public var hasRowTotals: Bool
    /// Whether the report prints a total under each column.
    public var hasColumnTotals: Bool

    public init(rowLabels: [String], columnLabels: [String], cells: [[Int]], hasRowTotals: Bool, hasColumnTotals: Bool) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.hasRowTotals = hasRowTotals
        self.hasColumnTotals = hasColumnTotals
    }

    /// A zero table with these labels.
    public init(rowLabels: [String], columnLabels: [String], hasRowTotals: Bool, hasColumnTotals: Bool) {
        self.init(
            rowLabels: rowLabels, columnLabels: columnLabels,
            cells: Array(repeating: Array(repeating: 0, count: columnLabels.count), count: rowLabels.count),
            hasRowTotals: hasRowTotals, hasColumnTotals: hasColumnTotals)
    }

    public var rowCount: Int { rowLabels.count }
    public var columnCount: Int { columnLabels.count }

    public func rowTotal(_ row: Int) -> Int { cells[row].reduce(0, +) }
    public func columnTotal(_ column: Int) -> Int { cells.reduce(0) { $0 + $1[column] } }
    public var grandTotal: Int { cells.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Every figure the report would print, in a fixed order, with its value.
    public var entries: [(position: TablePosition, value: Int)] {
        var result: [(TablePosition, Int)] = []
        for r in 0..<rowCount {
            for c in 0..<columnCount { result.append((.cell(row: r, column: c), cells[r][c])) }
            if hasRowTotals { result.append((.rowTotal(r), rowTotal(r))) }
        }
        if hasColumnTotals {
            for c in 0..<columnCount { result.append((.columnTotal(c), columnTotal(c))) }
            if hasRowTotals { result.append((.grandTotal, grandTotal)) }
        }
        return result
    }
}

/// One printed figure of a table: a cell, a margin or the grand total.
public enum TablePosition: Sendable, Hashable {
    case cell(row: Int, column: Int)
    case rowTotal(Int)
    case columnTotal(Int)
    /// Printed only when the table has both row and column totals.
    case grandTotal

    var isTotal: Bool {
        if case .cell = self { return false }
        return true
    }
}
