/// A report's figures before suppression, as the audited suppression needs them: the tables,
/// the links between them, how a choice of hidden figures becomes the published report, and
/// every relation a reader of that report can write down. The monthly report
/// (`ReportAssembly`) and the annual survey table (`AnnualAssembly`) are both built this way.
protocol AuditableAssembly: Sendable {
    associatedtype Report
    var threshold: Int { get }
    /// The unsuppressed tables, by id.
    var countTables: [(id: String, table: CountTable)] { get }
    /// Figures shared between tables, suppressed together.
    var links: [FigureLink] { get }
    /// The report with the figures of `patterns` (by table id) hidden.
    func publish(_ patterns: [String: SuppressionPattern]) -> Report
    /// The published tables of `report`, in the order the formats print them.
    func publishedTables(of report: Report) -> [PublishedTable]
    /// Relations beyond each table's line sums and the links: inequalities a reader knows.
    func inequalities(in report: Report) -> [FigureRelation]
}

extension AuditableAssembly {
    /// Per-table complementary suppression, with linked tables suppressed together, starting
    /// from the figures in `forced` (by table id). No single table then gives a figure away;
    /// the report as a whole still may (`AuditedSuppression`).
    func perTablePatterns(forced: [String: Set<TablePosition>] = [:]) -> [String: SuppressionPattern] {
        LinkedSuppression.patterns(tables: countTables, links: links, threshold: threshold, forced: forced)
    }

    /// Every non-zero figure of every table, by table id: the pattern that is safe whatever the
    /// figures (nothing but zeros is printed, and zeros bound nothing from above).
    var everyNonZeroFigure: [String: Set<TablePosition>] {
        var result: [String: Set<TablePosition>] = [:]
        for (id, table) in countTables {
            result[id] = Set(table.entries.filter { $0.value > 0 }.map(\.position))
        }
        return result
    }

    /// Every relation between the figures of `report`: line sums, links, inequalities.
    func relations(in report: Report) -> [FigureRelation] {
        publishedTables(of: report).flatMap(ReportRelations.lines(of:)) + links.flatMap(\.relations)
            + inequalities(in: report)
    }
}

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
    static func report<Assembly: AuditableAssembly>(_ assembly: Assembly) -> Assembly.Report {
        let audit = SuppressionAudit(threshold: assembly.threshold)
        return report(assembly) { report throws(SuppressionAuditError) in
            try audit.disclosures(tables: assembly.publishedTables(of: report), relations: assembly.relations(in: report))
        }
    }

    /// The same loop with another audit: `disclosures` judges a candidate report (the annual
    /// table judged with the monthly reports, `PublishedYear`), and `initial` figures are
    /// hidden from the start. A disclosure's evidence outside the assembly's tables cannot be
    /// hidden and is passed over; a disclosed figure outside them, with no evidence left, ends
    /// in the last resort.
    static func report<Assembly: AuditableAssembly>(
        _ assembly: Assembly, forced initial: [String: Set<TablePosition>] = [:],
        disclosures: (Assembly.Report) throws(SuppressionAuditError) -> [ProvableRange]
    ) -> Assembly.Report {
        var forced = initial
        func force(_ reference: FigureReference) -> Bool {
            forced[reference.table, default: []].insert(reference.position).inserted
        }
        while true {
            let report = assembly.publish(assembly.perTablePatterns(forced: forced))
            let tables = assembly.publishedTables(of: report)
            let disclosed: [ProvableRange]
            do {
                disclosed = try disclosures(report)
            } catch {
                // No verdict (a solver failure): publish only what is safe without one.
                break
            }
            if disclosed.isEmpty { return report }
            var progressed = false
            for range in disclosed {
                if let complement = complement(for: range, in: tables) { progressed = force(complement) || progressed }
            }
            if !progressed {
                let ids = Set(disclosed.map(\.figure.table))
                for (id, table) in assembly.countTables where ids.contains(id) {
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
    static func complement(for range: ProvableRange, in tables: [PublishedTable]) -> FigureReference? {
        var best: (key: (Int, Int, Int), figure: FigureReference)? = nil
        for (order, figure) in range.evidence.enumerated() {
            guard let value = PublishedTable.published(figure, in: tables)?.value, value > 0 else { continue }
            let key = (figure.position.isTotal ? 1 : 0, value, order)
            if let current = best, !(key < current.key) { continue }
            best = (key, figure)
        }
        return best?.figure
    }
}

extension PublishedTable {
    /// The figure as printed, or nil when there is no such table or position.
    static func published(_ reference: FigureReference, in tables: [PublishedTable]) -> Published? {
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

extension MonthlyReport {
    /// The figure as printed, or nil when the report has no such table or position.
    func published(_ reference: FigureReference) -> Published? {
        PublishedTable.published(reference, in: tables)
    }
}
