/// The survey's rows: who a circulated item is for. SIP2 carries no such field, so the audience
/// comes only from the site's `[report]` tables; a transaction none of them maps stays
/// `unknown`, never Adult by default, so an incomplete mapping shows instead of skewing the
/// survey.
public enum Audience: Int, CaseIterable, Sendable {
    case adult, children, youngAdult, unknown

    public var label: String {
        switch self {
        case .adult: "Adult"
        case .children: "Children's"
        case .youngAdult: "Young Adult"
        case .unknown: "Unknown audience"
        }
    }
}

/// How a transaction's codes become a material category and an audience: the site's `[report]`
/// tables for item types (the media-type dimension: SIP2 CK, or a library system's item type),
/// collections and locations.
///
/// Precedence, for the category and the audience separately: the item type's entry, else the
/// collection's, else the location's; an entry that names only one of the two leaves the other
/// to the next code. A category none of them gives comes from the built-in SIP2 media-type
/// mapping (`MaterialCategory(builtIn:)`), else Miscellaneous; an audience none gives is
/// `.unknown`. A transaction whose category came from no table and no built-in code, or whose
/// audience is unknown, is "unmapped": the report lists its codes so staff can complete the
/// tables.
public struct MaterialMapping: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var category: MaterialCategory?
        public var audience: Audience?
        public init(category: MaterialCategory? = nil, audience: Audience? = nil) {
            self.category = category
            self.audience = audience
        }
    }

    public var itemTypes: [String: Entry]
    public var collections: [String: Entry]
    public var locations: [String: Entry]

    /// No tables: today's media-type mapping for categories, every audience unknown.
    public init(itemTypes: [String: Entry] = [:], collections: [String: Entry] = [:], locations: [String: Entry] = [:]) {
        self.itemTypes = itemTypes
        self.collections = collections
        self.locations = locations
    }

    /// What a transaction with these codes counts as.
    public struct Classification: Sendable, Equatable, Hashable {
        public var category: MaterialCategory
        /// False when no table and no built-in media-type code gave the category (it is the
        /// Miscellaneous fallback).
        public var categoryMapped: Bool
        public var audience: Audience
    }

    public func classify(mediaType: String, collection: String, location: String) -> Classification {
        let entries = [itemTypes[mediaType], collections[collection], locations[location]]
        var category = entries.lazy.compactMap { $0?.category }.first
        let mapped = category != nil || MaterialCategory(builtIn: mediaType) != nil
        if category == nil { category = MaterialCategory(builtIn: mediaType) }
        let audience = entries.lazy.compactMap { $0?.audience }.first ?? .unknown
        return Classification(category: category ?? .miscellaneous, categoryMapped: mapped, audience: audience)
    }
}
