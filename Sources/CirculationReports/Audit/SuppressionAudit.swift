import LinearProgramming

/// The check statistical agencies run on tables before publishing them, over a whole month's
/// report: take every printed figure as known, every suppressed figure as an unknown of at
/// least 1 (zeros are printed, so a hidden count is never 0), and every relation between
/// figures (`ReportRelations`); then linear programming gives, for each suppressed figure, the
/// smallest and largest value consistent with all of it. No arithmetic on the printed figures,
/// however the tables are combined, can narrow a figure further than that (any linear
/// argument is a combination the LP already considers), so this is the attacker at their
/// strongest short of outside knowledge.
///
/// The LP limits are rounded inward (up for the lower, down for the upper): the figures are
/// whole numbers, so that is still a proof, and it catches ranges such as 1.5...2.5 that
/// contain one whole number.
public struct SuppressionAudit: Sendable {
    /// The report's suppression threshold: figures from 1 to threshold-1 must stay hidden.
    public var threshold: Int

    public init(threshold: Int) {
        self.threshold = threshold
    }

    /// The suppressed figures the printed ones give away (`ProvableRange.discloses`).
    public func disclosures(in report: MonthlyReport) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(in: report).filter { $0.discloses(threshold: threshold) }
    }

    /// The provable range of every suppressed figure of the report, in table order.
    public func ranges(in report: MonthlyReport) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(tables: report.tables, relations: ReportRelations.all(in: report))
    }

    /// The suppressed figures of the annual survey table that its own printed figures give
    /// away, read without the monthly reports. The builder guarantees the stronger check,
    /// `disclosures(in:months:)`, under which a figure a monthly report prints is public.
    public func disclosures(in report: AnnualReport) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(in: report).filter { $0.discloses(threshold: threshold) }
    }

    /// The provable range of every suppressed figure of the annual survey table.
    public func ranges(in report: AnnualReport) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(tables: report.tables, relations: AnnualAssembly.relations(in: report))
    }

    /// The suppressed figures that the annual survey table, read together with the monthly
    /// reports of its months (`months`, as published), gives away: of the annual table, and of
    /// the monthly reports (a figure a monthly report hides, that its own printed figures do
    /// not give away, but the annual table's do). See `PublishedYear`.
    public func disclosures(in report: AnnualReport, months: [MonthlyReport]) throws(SuppressionAuditError)
        -> [ProvableRange]
    {
        try ranges(in: report, months: months).filter { $0.discloses(threshold: threshold) }
    }

    /// The provable range, from everything the thirteen reports print, of every hidden figure
    /// the annual table can narrow: the annual table's, except those the monthly reports print,
    /// and the monthly reports' that are linked to it. A monthly figure's table id is prefixed
    /// with its month ("2025-07/audienceByMaterial").
    public func ranges(in report: AnnualReport, months: [MonthlyReport]) throws(SuppressionAuditError)
        -> [ProvableRange]
    {
        var year = try PublishedYear(annual: report, months: months)
        year.threshold = threshold
        return try year.ranges(in: report)
    }

    func disclosures(tables: [PublishedTable], relations: [FigureRelation]) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(tables: tables, relations: relations).filter { $0.discloses(threshold: threshold) }
    }

    func ranges(tables: [PublishedTable], relations: [FigureRelation]) throws(SuppressionAuditError) -> [ProvableRange] {
        var printed: [FigureReference: Int] = [:]
        var hidden: [FigureReference] = []
        for table in tables {
            for (position, figure) in table.figures {
                let reference = FigureReference(table: table.id, position: position)
                if let value = figure.value { printed[reference] = value } else { hidden.append(reference) }
            }
        }
        return try ranges(printed: printed, hidden: hidden, relations: relations)
    }

    /// The provable range of each of `hidden`, given the `printed` figures and `relations`.
    /// Every figure a relation names must be in one of the two.
    func ranges(printed: [FigureReference: Int], hidden: [FigureReference], relations: [FigureRelation])
        throws(SuppressionAuditError) -> [ProvableRange]
    {
        do {
            return try solve(printed: printed, hidden: hidden, relations: relations)
        } catch .inconsistentFigures {
            // The only relations that rest on outside data are the inequalities (the
            // most-circulated list); with them dropped, a reader whose assumption the figures
            // contradict is answered.
            return try solve(printed: printed, hidden: hidden, relations: relations.filter { $0.kind == .isZero })
        }
    }

    private func solve(printed: [FigureReference: Int], hidden: [FigureReference], relations: [FigureRelation])
        throws(SuppressionAuditError) -> [ProvableRange]
    {
        guard !hidden.isEmpty else { return [] }

        var program = LinearProgram()
        var variables: [FigureReference: LinearProgram.Variable] = [:]
        // Each LP constraint's relation, to name the printed figures a bound rests on.
        var constraintRelation: [Int] = []
        let optima: [Optimum]
        do throws(LinearProgramError) {
            for reference in hidden { variables[reference] = try program.addVariable(lowerBound: 1, upperBound: nil) }
            for (index, relation) in relations.enumerated() {
                var terms: [(LinearProgram.Variable, Double)] = []
                var known = relation.constant
                for (figure, coefficient) in relation.terms {
                    if let variable = variables[figure] {
                        terms.append((variable, Double(coefficient)))
                    } else if let value = printed[figure] {
                        known += coefficient * value
                    }
                }
                // A relation among printed figures alone teaches nothing about hidden ones.
                if terms.isEmpty { continue }
                let limit = Double(-known)
                switch relation.kind {
                case .isZero: try program.addConstraint(terms, equals: limit)
                case .isAtLeastZero: try program.addConstraint(terms, atLeast: limit, atMost: nil)
                }
                constraintRelation.append(index)
            }
            let objectives = hidden.compactMap { variables[$0] }.flatMap { [($0, LinearProgram.Direction.minimize), ($0, .maximize)] }
            optima = try program.optimize(objectives)
        } catch {
            throw .solver(error)
        }
        var result: [ProvableRange] = []
        for (i, reference) in hidden.enumerated() {
            result.append(
                try range(of: reference, minimum: optima[2 * i], maximum: optima[2 * i + 1]) { constraints in
                    Self.printedFigures(in: constraints.map { relations[constraintRelation[$0.index]] }, printed: printed)
                })
        }
        return result
    }

    private func range(
        of reference: FigureReference, minimum: Optimum, maximum: Optimum,
        evidence: ([LinearProgram.Constraint]) -> [FigureReference]
    ) throws(SuppressionAuditError) -> ProvableRange {
        /// Below any rounding error of the simplex on these small integer systems, far below 1.
        let slack = 1e-6
        let lower: Int
        var used: Set<LinearProgram.Constraint> = []
        switch minimum {
        case .optimal(let value, let binding):
            lower = Int((value - slack).rounded(.up))
            used.formUnion(binding)
        case .unbounded: lower = 1  // cannot happen: every unknown is at least 1
        case .infeasible: throw .inconsistentFigures
        }
        let upper: Int?
        switch maximum {
        case .optimal(let value, let binding):
            upper = Int((value + slack).rounded(.down))
            used.formUnion(binding)
        case .unbounded: upper = nil
        case .infeasible: throw .inconsistentFigures
        }
        return ProvableRange(figure: reference, lower: lower, upper: upper, evidence: evidence(used.sorted()))
    }

    /// The printed non-zero figures of `relations`, each once, in a stable order.
    private static func printedFigures(in relations: [FigureRelation], printed: [FigureReference: Int])
        -> [FigureReference]
    {
        var seen: Set<FigureReference> = []
        var result: [FigureReference] = []
        for relation in relations {
            for (figure, _) in relation.terms where (printed[figure] ?? 0) != 0 && seen.insert(figure).inserted {
                result.append(figure)
            }
        }
        return result
    }
}

/// Why the audit could not give a verdict.
public enum SuppressionAuditError: Error, Equatable, CustomStringConvertible {
    /// The printed figures contradict the relations between tables: a bug in the builder.
    case inconsistentFigures
    case solver(LinearProgramError)
    /// The annual table was audited against the monthly reports without the report of this
    /// month ("2025-07"), one of its columns.
    case missingMonthlyReport(String)

    public var description: String {
        switch self {
        case .inconsistentFigures: "suppression audit: the report's figures contradict each other (a report builder bug)"
        case .solver(let error): "suppression audit: \(error.description)"
        case .missingMonthlyReport(let month):
            "suppression audit: the monthly report of \(month), a column of the annual table, is missing"
        }
    }
}
