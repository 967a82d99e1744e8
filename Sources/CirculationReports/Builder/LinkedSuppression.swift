/// A report's tables share figures: the source table and the hour table have the same grand
/// total, the branch table's grand total is checkouts plus renewals from the source table, the
/// audience table prints the branch table's column totals again. A figure hidden in one table
/// but printed in another would give it away, so the tables are suppressed together: a shared
/// figure hidden in one is forced hidden in the others (`FigureLink`), and each table is
/// suppressed again, until nothing changes.
enum LinkedSuppression {
    /// `forced` holds figures hidden from the start, by table id (the audited suppression adds
    /// them when the whole report still gives a figure away).
    static func patterns(
        tables: [(id: String, table: CountTable)], links: [FigureLink], threshold: Int,
        forced initial: [String: Set<TablePosition>] = [:]
    ) -> [String: SuppressionPattern] {
        var byID: [String: CountTable] = [:]
        for (id, table) in tables { byID[id] = table }
        func value(_ figure: FigureReference) -> Int { byID[figure.table]?.value(at: figure.position) ?? 0 }
        var forced = initial
        while true {
            var patterns: [String: SuppressionPattern] = [:]
            for (id, table) in tables {
                patterns[id] = ComplementarySuppression.pattern(for: table, threshold: threshold, forced: forced[id] ?? [])
            }
            func isHidden(_ figure: FigureReference) -> Bool { patterns[figure.table]?.isHidden(figure.position) ?? false }
            var changed = false
            func force(_ figure: FigureReference) {
                // A zero is never hidden, so forcing one would change nothing and loop forever.
                guard value(figure) > 0 else { return }
                if forced[figure.table, default: []].insert(figure.position).inserted { changed = true }
            }
            for link in links {
                switch link {
                case .same(let figures):
                    if figures.contains(where: isHidden) && !figures.allSatisfy(isHidden) { figures.forEach(force) }
                case .sum(let parts, let total):
                    let all = parts + [total]
                    guard all.filter(isHidden).count == 1 else { continue }
                    if isHidden(total) {
                        // Hide the smallest non-zero part (a zero needs no hiding).
                        if let pick = parts.filter({ value($0) > 0 }).min(by: { value($0) < value($1) }) { force(pick) }
                    } else {
                        force(total)
                    }
                }
            }
            if !changed { return patterns }
        }
    }
}
