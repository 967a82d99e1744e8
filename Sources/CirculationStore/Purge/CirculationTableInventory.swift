/// The circulation store's tables as audit and purge list them: the same names, descriptions
/// and retention limits on every engine, so a site moving from SQLite to PostgreSQL reads the
/// same audit. An engine only counts each table's records and finds its oldest day or month.
public enum CirculationTableInventory {
    /// One table's count and oldest day or month ("" when empty), as an engine found them.
    public typealias Found = (records: Int, oldest: String)

    /// The tables in order, each with the site's retention limit when `settings` and `today`
    /// are given. Each engine names its tables so (`hourly_counters`, ...).
    public static func tables(
        counters: Found, items: Found, raw: Found, files: Found, malformed: Found, settings: SiteSettings?, today: CivilDate?
    ) -> [TableInventory] {
        let cut = settings.flatMap { s in today.map { RetentionCutoffs(settings: s, today: $0) } }
        return [
            TableInventory(
                table: "hourly_counters", what: "transaction counts per hour and dimensions", records: counters.records,
                oldest: counters.oldest, retention: cut?.countersDay ?? ""),
            TableInventory(
                table: "item_monthly_counts", what: "transaction counts per item barcode and month", records: items.records,
                oldest: items.oldest, retention: cut?.itemsMonth ?? ""),
            TableInventory(
                table: "raw_events", what: "de-identified single transactions (only when the site keeps them)", records: raw.records,
                oldest: raw.oldest, retention: cut?.rawDay ?? ""),
            TableInventory(
                table: "ingested_files", what: "fingerprints and counted lengths of ingested log files", records: files.records,
                oldest: files.oldest, retention: cut?.ledgerDay ?? ""),
            TableInventory(
                table: "ingested_malformed_lines",
                what: "positions (byte offset, length, line number) of log lines reported malformed, for a re-run",
                records: malformed.records, oldest: malformed.oldest, retention: cut?.ledgerDay ?? ""),
        ]
    }
}
