import CirculationLog

/// The report's tables share figures: the source table and the hour table have the same grand
/// total, and the branch table's grand total is checkouts plus renewals from the source table.
/// A figure hidden in one table but printed in another would give it away, so the tables are
/// suppressed together: a shared figure hidden in one is forced hidden in the others, and each
/// table is suppressed again, until nothing changes.
enum LinkedSuppression {
    struct Patterns {
        var bySource: SuppressionPattern
        var branchByMaterial: SuppressionPattern
        var hourByWeekday: SuppressionPattern
    }

    /// `forced` holds figures hidden from the start, by table id (the audited suppression adds
    /// them when the whole report still gives a figure away).
    static func patterns(
        bySource: CountTable, branchByMaterial: CountTable, hourByWeekday: CountTable, threshold: Int,
        forced: [String: Set<TablePosition>] = [:]
    ) -> Patterns {
        var forcedSource = forced[ReportTableID.bySource] ?? []
        var forcedBranch = forced[ReportTableID.branchByMaterial] ?? []
        var forcedHour = forced[ReportTableID.hourByWeekday] ?? []
        let checkouts = TablePosition.columnTotal(CirculationAction.allCases.firstIndex(of: .checkout) ?? 0)
        let renewals = TablePosition.columnTotal(CirculationAction.allCases.firstIndex(of: .renewal) ?? 2)
        let checkoutValue = bySource.columnTotal(CirculationAction.allCases.firstIndex(of: .checkout) ?? 0)
        let renewalValue = bySource.columnTotal(CirculationAction.allCases.firstIndex(of: .renewal) ?? 2)
        while true {
            let s = ComplementarySuppression.pattern(for: bySource, threshold: threshold, forced: forcedSource)
            let b = ComplementarySuppression.pattern(for: branchByMaterial, threshold: threshold, forced: forcedBranch)
            let h = ComplementarySuppression.pattern(for: hourByWeekday, threshold: threshold, forced: forcedHour)
            var changed = false
            func force(_ position: TablePosition, in set: inout Set<TablePosition>) {
                if set.insert(position).inserted { changed = true }
            }
            // All transactions: grand total of both the source and the hour table.
            if s.isHidden(.grandTotal) != h.isHidden(.grandTotal) {
                force(.grandTotal, in: &forcedSource)
                force(.grandTotal, in: &forcedHour)
            }
            // checkouts + renewals = circulation: one hidden figure of the three is recoverable.
            let hiddenOfThree = [s.isHidden(checkouts), s.isHidden(renewals), b.isHidden(.grandTotal)]
            if hiddenOfThree.filter({ $0 }).count == 1 {
                if b.isHidden(.grandTotal) {
                    // Hide the smaller non-zero of checkouts and renewals (a zero needs no hiding).
                    let pick = (renewalValue > 0 && (renewalValue < checkoutValue || checkoutValue == 0)) ? renewals : checkouts
                    force(pick, in: &forcedSource)
                } else {
                    force(.grandTotal, in: &forcedBranch)
                }
            }
            if !changed { return Patterns(bySource: s, branchByMaterial: b, hourByWeekday: h) }
        }
    }
}
