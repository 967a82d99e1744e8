/// The state survey's table for one fiscal year: circulation by audience and material, the
/// months July to June as columns, every figure checked against the suppression threshold
/// across the whole report. Months the store cannot give (purged, not yet come, never
/// ingested) are no columns at all, and `months` says why each one is missing, so a missing
/// month never reads as a zero.
public struct AnnualReport: Sendable, Equatable {
    public var fiscalYear: FiscalYear
    public var threshold: Int
    /// All twelve months, July first, with what the store held for each.
    public var months: [MonthAvailability]
    /// Audience x month, all materials: the audience subtotals.
    public var byAudience: PublishedTable
    /// One table per audience: material category x month.
    public var audiences: [PublishedTable]
    /// The year's circulation whose codes the `[report]` tables leave unmapped, per kind of code.
    public var unmapped: [PublishedTable]

    /// The tables in the order every format prints them.
    public var tables: [PublishedTable] { [byAudience] + audiences + unmapped }

    /// Every month of the year is over and counted.
    public var isComplete: Bool { months.allSatisfy { $0.status == .counted } }

    /// The months the table's columns show.
    public var reportedMonths: [MonthAvailability] { months.filter(\.status.isReported) }
}

/// What the store holds for one month of the fiscal year.
public struct MonthAvailability: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Over and counted: a column.
        case counted
        /// The current month: a column of the transactions so far.
        case inProgress = "in-progress"
        /// No counters, and the month is older than `counters_retention_months`: purged (or
        /// never ingested before it expired). Not a column.
        case purged
        /// No counters, though the month is within the retention period: nothing was ingested
        /// for it (or the library was closed). Not a column.
        case noCounters = "no-counters"
        /// Not yet come. Not a column.
        case future

        public var isReported: Bool { self == .counted || self == .inProgress }

        /// What a report says about the month.
        public var explanation: String {
            switch self {
            case .counted: "counted"
            case .inProgress: "in progress: transactions so far"
            case .purged: "not available: older than the counters' retention period (counters_retention_months), purged"
            case .noCounters: "not available: the store holds no counters for this month (not ingested?)"
            case .future: "not yet"
            }
        }
    }

    public var month: ReportMonth
    public var status: Status

    public init(month: ReportMonth, status: Status) {
        self.month = month
        self.status = status
    }
}
