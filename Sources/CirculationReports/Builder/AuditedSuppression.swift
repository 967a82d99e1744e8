/// Suppression that holds against any arithmetic on the whole report.
///
/// Per-table complementary suppression guarantees that no table read alone gives a hidden
/// figure away, but the tables share figures (all = checkouts + checkins + renewals, the
/// branch table's total is checkouts + renewals, the hour table's total is all), and a reader
/// who combines them and knows that a hidden count is at least 1 can still pin some hidden
/// figures down: checkins = all - circulation, for one. So the report is audited as a whole
/// (`SuppressionAudit`), and while the audit finds a disclosed figure, one more printed figure
/// is hidden: one the audit's proof rests on, a cell before a total, the smallest first. The
/// tables are then suppressed again around it and the report audited again.
///
/// Every round hides at least one more figure, so the loop ends. When the proof names no
/// figure that can still be hidden, the figure's whole table is hidden, and as a last resort
/// every non-zero figure of the report; that pattern is always safe, because with only zeros
/// printed every relation is satisfied by any multiple of the true figures, so nothing hidden
/// has an upper limit.
enum AuditedSuppression {
    static func report(_ assembly: ReportAssembly) -> MonthlyReport {
        let audit = SuppressionAudit(threshold: assembly.threshold)
        var forced: [String: Set<TablePosition>] = [:]
        func force(_ reference: FigureReference) -> Bool {
            forced[reference.table, default: []].insert(reference.position).inserted
        }
        while true {
            let report = assembly.publish(assembly.perTablePatterns(forced: forced))
            let disclosed: [ProvableRange]
            do {
                disclosed = try audit.disclosures(in: report)
            } catch {
                // No verdict (a solver failure): publish only what is safe without one.
                break
            }
            if disclosed.isEmpty { return report }
            var progressed = false
            for range in disclosed {
                if let complement = complement(for: range, in: report) { progressed = force(complement) || progressed }
            }
            if !progressed {
                let tables = Set(disclosed.map(\.figure.table))
                for (id, table) in assembly.countTables where tables.contains(id) {
                    for entry in table.entries where entry.value > 0 {
                        progressed = force(FigureReference(table: id, position: entry.position)) || progressed
                    }
                }
            }
            if !progressed { break }
        }
        return assembly.publish(assembly.perTablePatterns(forced: assembly.everyNonZeroFigure))
    }

    /// The printed figure to hide next for `range`: among those its proof rests on, a cell
    /// before a total (a hidden total drags its linked tables along), then the smallest count.
    static func complement(for range: ProvableRange, in report: MonthlyReport) -> FigureReference? {
        var best: (key: (Int, Int, Int), figure: FigureReference)? = nil
        for (order, figure) in range.evidence.enumerated() {
            guard let value = report.published(figure)?.value, value > 0 else { continue }
            let key = (figure.position.isTotal ? 1 : 0, value, order)
            if let current = best, !(key < current.key) { continue }
            best = (key, figure)
        }
        return best?.figure
    }
}

extension MonthlyReport {
    /// The figure as printed, or nil when the report has no such table or position.
    func published(_ reference: FigureReference) -> Published? {
        guard let table = tables.first(where: { $0.id == reference.table }) else { return nil }
        switch reference.position {
        case .cell(let row, let column):
            guard table.cells.indices.contains(row), table.cells[row].indices.contains(column) else { return nil }
            return table.cells[row][column]
        case .rowTotal(let row):
            guard let totals = table.rowTotals, totals.indices.contains(row) else { return nil }
            return totals[row]
        case .columnTotal(let column):
            guard let totals = table.columnTotals, totals.indices.contains(column) else { return nil }
            return totals[column]
        case .grandTotal: return table.grandTotal
        }
    }
}
