import CirculationStore

/// Builds the state survey's table for a fiscal year from the store's monthly counters
/// (`CirculationStoreReading.counters(month:)`, one month at a time), with the same mapping
/// and suppression rules as the monthly report.
public struct AnnualReportBuilder: Sendable {
    public let threshold: Int
    public var mapping: MaterialMapping
    /// `counters_retention_months`: a month older than this with no counters was purged.
    public var countersRetentionMonths: Int

    /// Refuses a threshold below `MonthlyReportBuilder.minimumThreshold`.
    public init(threshold: Int = 5, mapping: MaterialMapping = MaterialMapping(), countersRetentionMonths: Int = 24)
        throws(ReportError)
    {
        guard threshold >= MonthlyReportBuilder.minimumThreshold else { throw .invalidThreshold(threshold) }
        self.threshold = threshold
        self.mapping = mapping
        self.countersRetentionMonths = countersRetentionMonths
    }

    /// The year's report as of `today`: months after today's are not read, the current month
    /// is reported as far as it is counted.
    ///
    /// The table is suppressed so that it is safe together with the monthly reports of its
    /// months as `rfid-report monthly` builds them from the same store today (`monthlyReports`;
    /// `gateAlarms` per month as the monthly report gets them, nil: from the store): every
    /// figure a monthly report hides and the table repeats is hidden here too, and the union of
    /// the thirteen reports is audited (`PublishedYear`) and repaired by hiding annual figures.
    public func build(
        fiscalYear: FiscalYear, from store: some CirculationStoreReading, today: CivilDate,
        gateAlarms: [ReportMonth: [NamedCount]] = [:]
    ) throws(ReportError) -> AnnualReport {
        let assembly = try assembly(fiscalYear: fiscalYear, from: store, today: today)
        return try Self.suppressed(
            assembly, months: try monthlyReports(of: assembly, from: store, gateAlarms: gateAlarms))
    }

    /// The monthly reports of the months the table shows, as `rfid-report monthly` builds them
    /// from `store` today: what a reader of the annual table may also hold.
    public func monthlyReports(
        fiscalYear: FiscalYear, from store: some CirculationStoreReading, today: CivilDate,
        gateAlarms: [ReportMonth: [NamedCount]] = [:]
    ) throws(ReportError) -> [MonthlyReport] {
        try monthlyReports(of: try assembly(fiscalYear: fiscalYear, from: store, today: today), from: store, gateAlarms: gateAlarms)
    }

    private func monthlyReports(
        of assembly: AnnualAssembly, from store: some CirculationStoreReading, gateAlarms: [ReportMonth: [NamedCount]]
    ) throws(ReportError) -> [MonthlyReport] {
        let builder = try MonthlyReportBuilder(threshold: threshold, mapping: mapping)
        var reports: [MonthlyReport] = []
        for month in assembly.months where month.status.isReported {
            reports.append(try builder.build(month: month.month, from: store, gateAlarms: gateAlarms[month.month]))
        }
        return reports
    }

    /// The table suppressed against itself and `months` (the published monthly reports of its
    /// columns).
    static func suppressed(_ assembly: AnnualAssembly, months: [MonthlyReport]) throws(ReportError) -> AnnualReport {
        let year: PublishedYear
        do {
            year = try PublishedYear(annual: assembly.publish([:]), months: months)
        } catch {
            throw .inconsistentStore("the monthly reports do not match the annual table: \(error.description)")
        }
        // Not the annual table alone as well: a figure a monthly report prints is public, and
        // hiding more annual figures to keep it from being worked out would protect nothing.
        // Safe with the monthly reports is safe without them for every figure that is private.
        return AuditedSuppression.report(assembly, forced: year.forced) { report throws(SuppressionAuditError) in
            try year.disclosures(in: report)
        }
    }

    func assembly(fiscalYear: FiscalYear, from store: some CirculationStoreReading, today: CivilDate)
        throws(ReportError) -> AnnualAssembly
    {
        let current = ReportMonth(year: today.year, month: today.month)
        guard let first = fiscalYear.months.first, !(first > current) else {
            throw .fiscalYearNotStarted(fiscalYear.description)
        }
        var settings = SiteSettings()
        settings.countersRetentionMonths = countersRetentionMonths
        let oldestKept = String(RetentionCutoffs(settings: settings, today: today).countersDay.prefix(7))

        var months: [MonthAvailability] = []
        var columns: [[[Int]]] = []  // per reported month: audience x category
        var unmapped = UnmappedCodes()
        var total = 0
        for month in fiscalYear.months {
            if month > current {
                months.append(MonthAvailability(month: month, status: .future))
                continue
            }
            let counters: [CounterRow]
            do { counters = try store.counters(month: month.description) } catch { throw .store(error) }
            guard !counters.isEmpty else {
                let purged = month.description < oldestKept
                months.append(MonthAvailability(month: month, status: purged ? .purged : .noCounters))
                continue
            }
            let tables = try MonthTables(month: month, counters: counters, mapping: mapping)
            let (sum, overflow) = total.addingReportingOverflow(tables.audienceByMaterial.grandTotal)
            guard !overflow else {
                throw .inconsistentStore("the counters of \(fiscalYear) add up to more than a count can hold (the store is damaged)")
            }
            total = sum
            months.append(MonthAvailability(month: month, status: month == current ? .inProgress : .counted))
            columns.append(tables.audienceByMaterial.cells)
            unmapped.add(tables.unmapped)
        }
        let labels = months.filter(\.status.isReported).map { $0.month.shortLabel }
        let byAudience = Audience.allCases.map { audience in
            CountTable(
                rowLabels: MaterialCategory.allCases.map(\.label), columnLabels: labels,
                cells: MaterialCategory.allCases.map { category in
                    columns.map { $0[audience.rawValue][category.rawValue] }
                }, hasRowTotals: true, hasColumnTotals: true)
        }
        return AnnualAssembly(
            fiscalYear: fiscalYear, threshold: threshold, months: months, byAudience: byAudience, unmapped: unmapped)
    }
}

extension ReportMonth: Comparable {
    public static func < (a: ReportMonth, b: ReportMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
