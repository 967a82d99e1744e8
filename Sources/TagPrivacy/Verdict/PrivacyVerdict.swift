import TagCodec

/// One reason a tag is not just an item barcode. The description says what and where, never
/// the data itself, so a verdict can go into a log or onto a screen at the circulation desk.
public struct PrivacyViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No primary item identifier at all (blank tag, or data without OID 1).
        case missingItemIdentifier = "missing-item-identifier"
        /// The identifier is not an accepted item barcode (a card number, a name...).
        case refusedIdentifier = "refused-identifier"
        /// A data element other than the item identifier (owner, title, set, local data...).
        case extraElement = "extra-element"
        /// The type of usage says patron card (8x).
        case patronCardUsage = "patron-card-usage"
        /// An ISO 28560-3 extension block (library, acquisition, title, ILL data).
        case extensionBlock = "extension-block"
        /// Non-zero bytes after the end of the data.
        case dataAfterEnd = "data-after-end"
        /// Non-zero bytes in places decoders skip (pad bytes, the tail of a fixed field).
        case hiddenBytes = "hidden-bytes"
    }

    public var kind: Kind
    public var oid: Int?
    public var byteOffset: Int?
    public var description: String

    public init(kind: Kind, oid: Int? = nil, byteOffset: Int? = nil, description: String) {
        self.kind = kind
        self.oid = oid
        self.byteOffset = byteOffset
        self.description = description
    }
}

public struct PrivacyVerdict: Sendable, Equatable {
    public var violations: [PrivacyViolation]
    public var compliant: Bool { violations.isEmpty }
    public init(violations: [PrivacyViolation]) { self.violations = violations }
}
