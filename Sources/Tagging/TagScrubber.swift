import ReaderCore
import TagCodec
import TagPrivacy

/// Rewrites non-compliant tags to the barcode alone, taken from the tag's own primary item
/// identifier, keeping the tag's security state (the item may be on loan). An identifier the
/// policy refuses (a card number on a tag, say) is never written back: that tag is to be
/// replaced.
public struct TagScrubber: Sendable {
    public let encoder: TagEncoder

    public init(encoder: TagEncoder) { self.encoder = encoder }

    public enum Plan: Sendable {
        /// Compliant already: nothing to do.
        case compliant
        /// Rewrite to this barcode.
        case rewrite(barcode: String)
        /// The tag must be replaced: why (a refusal names the rule, never the value).
        case replace(String)
        /// The tag could not be read or decoded.
        case unreadable(String)
    }

    /// What scrubbing would do to a checked tag.
    public func plan(_ check: TagChecker.Check) -> Plan {
        if check.compliant { return .compliant }
        guard let tag = check.tag else { return .unreadable(check.problem ?? "not read") }
        if tag.format == .blank { return .replace("the tag is blank: there is no item barcode to keep (tag it with encode)") }
        guard let identifier = tag.primaryItemIdentifier, !identifier.isEmpty else {
            return .replace("the tag holds no item barcode to keep")
        }
        if let rule = encoder.settings.policy.refusal(for: identifier) {
            return .replace("its item identifier is refused by the barcode policy (rule '\(rule.id)')")
        }
        return .rewrite(barcode: identifier)
    }

    public func scrub(_ uid: TagUID, barcode: String) async throws -> TagEncoder.Result {
        try await encoder.write(barcode: barcode, to: uid, security: .keep)
    }
}
