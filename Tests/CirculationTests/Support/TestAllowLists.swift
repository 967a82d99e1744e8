import CirculationLog
import TagPrivacy

/// The allow-lists tests ingest with.
enum TestAllowLists {
    /// What `rfid-report` applies with no site file: the built-in barcode policy (14-digit
    /// Codabar items with a check digit), no code lists (any code-shaped value).
    static let site = IngestAllowLists(items: ItemAllowList { BarcodePolicy.default.refusal(for: $0) == nil })
    /// A policy that accepts every item value, for tests about other parts of a record: what
    /// the personal-data shapes withhold even then.
    static let anyItem = IngestAllowLists(items: ItemAllowList { _ in true })
}
