/// What ties figures of different tables together, as the builder makes them: the suppression
/// must hide them together (`LinkedSuppression`), and the audit must know them
/// (`FigureRelation`).
enum FigureLink: Sendable {
    /// One quantity printed in several places (all transactions as the grand total of two
    /// tables): hidden in one place, it must be hidden in all, or it is simply read elsewhere.
    case same([FigureReference])
    /// `parts` add up to `total` (checkouts + renewals = circulation): if exactly one of these
    /// figures is hidden, the others give it away.
    case sum(parts: [FigureReference], total: FigureReference)

    /// The linear relations the link states, for the audit.
    var relations: [FigureRelation] {
        switch self {
        case .same(let figures):
            guard let first = figures.first else { return [] }
            return figures.dropFirst().map { FigureRelation(terms: [(first, 1), ($0, -1)]) }
        case .sum(let parts, let total):
            return [FigureRelation(terms: parts.map { ($0, 1) } + [(total, -1)])]
        }
    }
}

extension CountTable {
    /// The value of a figure of this table (0 for a position it does not print).
    func value(at position: TablePosition) -> Int {
        switch position {
        case .cell(let row, let column):
            guard cells.indices.contains(row), cells[row].indices.contains(column) else { return 0 }
            return cells[row][column]
        case .rowTotal(let row): return cells.indices.contains(row) ? rowTotal(row) : 0
        case .columnTotal(let column): return (0..<columnCount).contains(column) ? columnTotal(column) : 0
        case .grandTotal: return grandTotal
        }
    }
}
