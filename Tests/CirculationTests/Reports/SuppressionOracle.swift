@testable import CirculationReports

/// An attacker's view of a published table, written independently of the suppression code: the
/// line equations a reader can set up from the printed figures, and exact linear algebra over
/// a prime field to decide which hidden figures they pin down.
enum SuppressionOracle {
    /// Each equation lists (position, coefficient); the printed figures are the constants.
    static func lineEquations(_ table: CountTable) -> [[(TablePosition, Int)]] {
        var equations: [[(TablePosition, Int)]] = []
        let rows = 0..<table.rowCount
        let columns = 0..<table.columnCount
        if table.hasRowTotals {
            for r in rows { equations.append(columns.map { (.cell(row: r, column: $0), 1) } + [(.rowTotal(r), -1)]) }
            if table.hasColumnTotals {
                equations.append(columns.map { (.columnTotal($0), 1) } + [(.grandTotal, -1)])
            }
        }
        if table.hasColumnTotals {
            for c in columns { equations.append(rows.map { (.cell(row: $0, column: c), 1) } + [(.columnTotal(c), -1)]) }
            if table.hasRowTotals { equations.append(rows.map { (.rowTotal($0), 1) } + [(.grandTotal, -1)]) }
        }
        return equations
    }

    /// Lines (printed totals) in which exactly one figure is hidden: plain subtraction.
    static func linesRevealingBySubtraction(_ table: CountTable, hidden: Set<TablePosition>) -> Int {
        lineEquations(table).filter { eq in eq.filter { hidden.contains($0.0) }.count == 1 }.count
    }

    /// Hidden figures whose value follows from the printed ones by any linear combination.
    static func determinedFigures(_ table: CountTable, hidden: Set<TablePosition>) -> [TablePosition] {
        let unknowns = table.entries.map(\.position).filter { hidden.contains($0) }
        var column: [TablePosition: Int] = [:]
        for (i, p) in unknowns.enumerated() { column[p] = i }
        let matrix: [[Int]] = lineEquations(table).map { eq in
            var row = Array(repeating: 0, count: unknowns.count)
            for (p, coefficient) in eq { if let i = column[p] { row[i] = mod(row[i] + coefficient) } }
            return row
        }
        let base = rank(matrix)
        return unknowns.enumerated().compactMap { i, p in
            var unit = Array(repeating: 0, count: unknowns.count)
            unit[i] = 1
            // e_i in the row space <=> adding it does not raise the rank <=> value determined.
            return rank(matrix + [unit]) == base ? p : nil
        }
    }

    static let prime = 2_147_483_647

    static func mod(_ x: Int) -> Int { ((x % prime) + prime) % prime }

    static func inverse(_ a: Int) -> Int {
        var result = 1, base = mod(a), exponent = prime - 2
        while exponent > 0 {
            if exponent & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            exponent >>= 1
        }
        return result
    }

    static func rank(_ input: [[Int]]) -> Int {
        var m = input
        guard let width = m.first?.count else { return 0 }
        var rank = 0
        for col in 0..<width {
            guard let pivot = (rank..<m.count).first(where: { m[$0][col] != 0 }) else { continue }
            m.swapAt(rank, pivot)
            let inv = inverse(m[rank][col])
            for r in 0..<m.count where r != rank && m[r][col] != 0 {
                let factor = m[r][col] * inv % prime
                for c in col..<width { m[r][c] = mod(m[r][c] - factor * m[rank][c]) }
            }
            rank += 1
        }
        return rank
    }
}
