/// A library's choices about what the store keeps and for how long: the `[store]` section of
/// the site file (`SiteConfiguration`), a document a library can show, not a value hidden in
/// the database. Plain values here, so the store does not depend on how the file is read.
public struct SiteSettings: Sendable, Equatable {
    public enum BadChecksumChoice: String, Sendable, CaseIterable {
        case count
        case skip
    }

    /// Report cells below this count are suppressed (used by the monthly report).
    public var suppressionThreshold: Int = 5
    /// Hourly counters are kept this many months.
    public var countersRetentionMonths: Int = 24
    /// Per-item monthly counts are kept this many months.
    public var itemCountsRetentionMonths: Int = 13
    /// De-identified raw events, when kept at all, are kept this many days.
    public var rawEventsRetentionDays: Int = 30
    /// Whether de-identified per-transaction rows are kept after ingest (off by default).
    public var keepRawEvents: Bool = false
    /// What ingest does with a SIP2 line whose checksum is wrong.
    public var badChecksums: BadChecksumChoice = .count

    public init() {}
}
