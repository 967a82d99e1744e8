/// The first day (or month) each table may still hold under the site's retention settings.
/// Everything before it is expired: purge deletes it and audit reports it.
public struct RetentionCutoffs: Sendable {
    public var countersDay: String
    public var itemsMonth: String
    public var rawDay: String
    /// Ledger entries last used before this day are forgotten. They are kept as long as the
    /// counters, so a log file ingested within that time is still recognised and not counted twice.
    public var ledgerDay: String

    public init(settings: SiteSettings, today: CivilDate) {
        let countersStart = today.subtractingMonths(settings.countersRetentionMonths)
        // Whole months are kept: the cut is the first day of the month `n` months back.
        countersDay = countersStart.monthText + "-01"
        itemsMonth = today.subtractingMonths(settings.itemCountsRetentionMonths).monthText
        rawDay = today.subtractingDays(settings.rawEventsRetentionDays).description
        ledgerDay = countersDay
    }
}
