import CirculationLog
import SiteConfiguration
import TagPrivacy

extension IngestAllowLists {
    /// The allow-lists ingest applies, from the site file: items by the same `[policy]` the
    /// staff stations write tags with (a value the policy would refuse to put on a tag is not an
    /// item), branches, locations, collections and item types by `[codes]` (an empty list: any
    /// value with the shape of a code; SIP2's media-type codes are always kept).
    init(site config: SiteConfiguration) {
        let policy = config.policy
        self.init(
            // A value no accept pattern matches is refused without the full verdict, whose
            // personal-data detectors are slow and only name a reason nobody reads here; a
            // value one matches gets the whole verdict (refuse patterns, personal-data shapes).
            items: ItemAllowList { value in
                policy.accept.contains { $0.matchesShape(value) } && policy.refusal(for: value) == nil
            },
            branches: CodeAllowList(config.codes.branches), locations: CodeAllowList(config.codes.locations),
            collections: CodeAllowList(config.codes.collections), itemTypes: CodeAllowList(config.codes.itemTypes))
    }
}
