import CirculationStore

/// One month's circulation report, ready to render: every figure already checked against the
/// suppression threshold. Holds counts only; the one identifier it carries is an item barcode
/// in the most-circulated list, and only for items used at least `threshold` times.
public struct MonthlyReport: Sendable, Equatable {
    public struct ActionTotals: Sendable, Equatable {
        public var checkouts: Published
        public var checkins: Published
        public var renewals: Published
        public var all: Published
    }

    /// "YYYY-MM".
    public var month: String
    public var threshold: Int
    /// Transactions by action, the margins of `bySource`.
    public var totals: ActionTotals
    /// Source (self-check, staff station, library system) x action.
    public var bySource: PublishedTable
    /// Branch x material category, counting checkouts and renewals (the state survey's
    /// definition of circulation).
    public var branchByMaterial: PublishedTable
    /// Audience (the survey's rows) x material category, counting what `branchByMaterial`
    /// counts; audiences come from the site's `[report]` tables.
    public var audienceByMaterial: PublishedTable
    /// Hour of day x weekday, all transactions.
    public var hourByWeekday: PublishedTable
    public var gateAlarms: PublishedTable
    public var taggingActivity: PublishedTable
    /// Circulation whose item type, collection or location codes the `[report]` tables leave
    /// without a category or an audience: one table per kind of code, suppressed and audited
    /// like the others.
    public var unmapped: [PublishedTable]
    /// Items with at least `threshold` transactions, most used first, at most `itemLimit`.
    public var mostCirculated: [ItemCount]
    public var itemLimit: Int

    /// The tables in the order every format prints them.
    public var tables: [PublishedTable] {
        [bySource, branchByMaterial, audienceByMaterial, hourByWeekday, gateAlarms, taggingActivity] + unmapped
    }
}
