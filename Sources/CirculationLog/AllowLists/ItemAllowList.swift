/// Which item-field values ingest may keep as an item barcode: an allow-list. The site's barcode
/// policy (TagPrivacy's `BarcodePolicy`, the `[policy]` section the stations use) decides, but
/// this module must not depend on the tag modules, so the policy arrives as a closure that
/// `rfid-report` builds from the site file. A value it does not accept is withheld: the
/// transaction is counted without its item, so it never reaches the per-item counts or the
/// most-circulated list, whatever the value holds (a card number with spaces, a phone number in
/// another country's format, an address written `name(at)example.org`...).
public struct ItemAllowList: Sendable {
    private let acceptsValue: @Sendable (String) -> Bool

    /// `accepts` returns true for a value the site's barcode policy accepts as an item barcode.
    public init(accepting accepts: @escaping @Sendable (String) -> Bool) {
        acceptsValue = accepts
    }

    /// Keeps no item at all: what a caller gets that has no barcode policy to apply.
    public static let keepNone = ItemAllowList { _ in false }

    @inline(__always)
    public func accepts(_ value: String) -> Bool { acceptsValue(value) }
}
